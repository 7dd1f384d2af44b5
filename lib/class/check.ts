// Checking a whole class: each learner's lab, in their own account, through the checker role their
// lab stack holds, with the same runner as `mllab check`. One learner's trouble (no role, access
// denied, throttled past retries) is that learner's `error`, never the class's.
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { partition } from '@aws-sdk/core/client';
import pLimit from 'p-limit';
import { createClient } from '../aws/clients';
import { classifyError, isAccessDenied, type ErrorKind } from '../aws/errors';
import { runLab, type CheckRunResult, type RunOptions } from '../check/runner';
import { CheckSession } from '../check/session';
import type { LabChecks } from '../check/types';
import { checkerRoleName, type LabManifest } from '../model';
import type { Learner } from './roster';

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

export interface LearnerResult {
  readonly learner: Learner;
  /** `checked`: the lab's checks ran (their verdicts are in `result`); `error`: they could not run. */
  readonly status: 'checked' | 'error';
  readonly result?: CheckRunResult;
  /** Why the checks could not run for this learner, in words that say what to do. */
  readonly error?: string;
  readonly errorKind?: ErrorKind | 'role';
  readonly durationMs: number;
}

export interface ClassResult {
  readonly lab: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly learners: readonly LearnerResult[];
  readonly summary: { readonly learners: number; readonly allPassed: number; readonly someFailed: number; readonly errors: number };
}

/** How the class check reaches AWS: replaced in tests and by the simulation. */
export interface ClassCheckDeps {
  /** The checker role's temporary credentials in the learner's account. */
  assumeRole(learner: Learner, roleArn: string, signal: AbortSignal): Promise<Credentials>;
  /** The check session for one learner. Default: a CheckSession signed with `credentials`. */
  session?(learner: Learner, credentials: Credentials): CheckSession;
}

export interface ClassCheckOptions {
  /** Learners checked at once. */
  readonly concurrency?: number;
  /** Passed to each learner's run (per-requirement timeout, run deadline). */
  readonly run?: Pick<RunOptions, 'timeoutMs' | 'deadlineMs' | 'concurrency'>;
  /** Called as each learner's result is known, in completion order. */
  readonly onLearner?: (result: LearnerResult, done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/** Learners checked at once by default: each runs its requirements 8 at a time, so 16 x 8 calls in flight. */
export const DEFAULT_CLASS_CONCURRENCY = 16;

/** `arn:<partition>:iam::<account>:role/<name>`, the partition from the learner's region. */
export function checkerRoleArn(learner: Learner, labId: string): string {
  return `arn:${partition(learner.region).name}:iam::${learner.account}:role/${learner.role ?? checkerRoleName(labId)}`;
}

/** What to tell the instructor when the role could not be assumed; never repeats the external id. */
export function assumeRoleProblem(err: unknown, roleArn: string): { message: string; kind: ErrorKind | 'role' } {
  if (isAccessDenied(err)) {
    return {
      kind: 'role',
      message: `cannot assume ${roleArn}: the role is missing, or it does not trust the instructor's account with this external id (deploy the lab with -c instructorAccount=<your account> -c instructorExternalId=<the class's id>)`,
    };
  }
  const { kind, message } = classifyError(err);
  return { kind, message: `assuming ${roleArn}: ${message}` };
}

export async function classCheck(
  lab: LabManifest,
  checks: LabChecks,
  roster: readonly Learner[],
  deps: ClassCheckDeps,
  options: ClassCheckOptions = {},
): Promise<ClassResult> {
  const started = Date.now();
  const limit = pLimit(Math.max(1, options.concurrency ?? DEFAULT_CLASS_CONCURRENCY));
  let done = 0;
  const one = async (learner: Learner): Promise<LearnerResult> => {
    const t0 = Date.now();
    const roleArn = checkerRoleArn(learner, lab.id);
    let credentials: Credentials;
    const controller = new AbortController();
    const stop = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', stop, { once: true });
    try {
      try {
        credentials = await deps.assumeRole(learner, roleArn, controller.signal);
      } catch (err) {
        const problem = assumeRoleProblem(err, roleArn);
        return { learner, status: 'error', error: problem.message, errorKind: problem.kind, durationMs: Date.now() - t0 };
      }
      const session = deps.session?.(learner, credentials) ?? new CheckSession({ region: learner.region, credentials });
      try {
        const result = await runLab(session, lab, checks, { ...options.run, signal: controller.signal });
        return { learner, status: 'checked', result, durationMs: Date.now() - t0 };
      } catch (err) {
        // The runner decides every requirement itself; reaching here is a fault of the run, still this learner's only.
        const { kind, message } = classifyError(err);
        return { learner, status: 'error', error: message, errorKind: kind, durationMs: Date.now() - t0 };
      } finally {
        session.destroy();
      }
    } finally {
      options.signal?.removeEventListener('abort', stop);
    }
  };
  const learners = await Promise.all(
    roster.map((learner) =>
      limit(async () => {
        const result = await one(learner);
        options.onLearner?.(result, ++done, roster.length);
        return result;
      }),
    ),
  );
  return { lab: lab.id, startedAt: new Date(started).toISOString(), durationMs: Date.now() - started, learners, summary: summarise(learners) };
}

function summarise(learners: readonly LearnerResult[]): ClassResult['summary'] {
  const checked = learners.filter((l) => l.status === 'checked');
  const allPassed = checked.filter((l) => l.result!.summary.failed + l.result!.summary.errors + l.result!.summary.skipped === 0).length;
  return { learners: learners.length, allPassed, someFailed: checked.length - allPassed, errors: learners.length - checked.length };
}

export interface StsOptions {
  /** The instructor's named profile; the standard chain otherwise. */
  readonly profile?: string;
  /** From `MLLAB_EXTERNAL_ID` or `--external-id-file`; never a command-line value. */
  readonly externalId: string;
  /** Attempts per AssumeRole call, including the first (standard retry mode: backoff with jitter). */
  readonly maxAttempts?: number;
  readonly requestTimeoutMs?: number;
  /** An STS endpoint (a loopback emulator in tests). */
  readonly endpoint?: string;
}

/** A session name says who asked, in CloudTrail: `mllab-class-<lab>`, within STS's 64 characters. */
export function sessionNameOf(labId: string): string {
  return `mllab-class-${labId}`.slice(0, 64);
}

/**
 * AssumeRole through one STS client per region, 15-minute sessions (the minimum: a check takes
 * seconds; API_AssumeRole DurationSeconds), the SDK's standard retries on throttling.
 */
export function stsAssumeRole(labId: string, options: StsOptions): { assumeRole: ClassCheckDeps['assumeRole']; destroy(): void } {
  const clients = new Map<string, STSClient>();
  const clientFor = (region: string) => {
    let client = clients.get(region);
    if (!client) {
      client = createClient(STSClient, {
        region,
        ...(options.profile ? { profile: options.profile } : {}),
        ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
        ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      });
      clients.set(region, client);
    }
    return client;
  };
  return {
    async assumeRole(learner, roleArn, signal) {
      const answer = await clientFor(learner.region).send(
        new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionNameOf(labId), ExternalId: options.externalId, DurationSeconds: 900 }),
        { abortSignal: signal },
      );
      const c = answer.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`STS returned no credentials for ${roleArn}`);
      return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}), ...(c.Expiration ? { expiration: c.Expiration } : {}) };
    },
    destroy() {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    },
  };
}
