import pLimit from 'p-limit';
import { classifyError, SHARED_CAUSES, type ErrorKind } from '../aws/errors';
import { iamActionsFor, type LabManifest, type RequirementManifest } from '../model';
import { failedCallOf, MissingStackOutputError, requirementContext, type CheckSession } from './session';
import type { Check, CheckVerdict, LabChecks, RequirementStatus } from './types';

/** Why a requirement could not be decided (or failed for the lab stack's sake): an error kind, or the lab stack missing. */
export type ResultCause = ErrorKind | 'stack-missing' | 'deadline';

export interface RequirementResult {
  readonly id: string;
  readonly title: string;
  readonly status: RequirementStatus;
  readonly findings: readonly string[];
  readonly hint: string;
  readonly docs: string;
  readonly durationMs: number;
  /** Set when the verdict came from an error or a missing lab stack rather than from the check's reading. */
  readonly cause?: ResultCause;
}

/** A cause every requirement that ran shares: told once, not per requirement. */
export interface Precondition {
  readonly cause: ResultCause;
  readonly message: string;
}

export interface CheckRunResult {
  readonly lab: string;
  readonly region: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly summary: { readonly passed: number; readonly failed: number; readonly errors: number; readonly skipped: number };
  readonly requirements: readonly RequirementResult[];
  /** Set when every requirement that ran ended on the same machine-, network-, credential- or stack-wide cause. */
  readonly precondition?: Precondition;
}

export interface RunOptions {
  /** Requirements checked at once. */
  readonly concurrency?: number;
  /** Per requirement, in milliseconds. */
  readonly timeoutMs?: number;
  /** Only these requirement ids (their prerequisites still run). */
  readonly only?: readonly string[];
  /**
   * The whole run, in milliseconds: requirements not finished by then are `error` and their calls
   * aborted. Default: `defaultDeadlineMs(timeoutMs)`.
   */
  readonly deadlineMs?: number;
  /** Stops the run from outside: what is not decided yet is `error`, as past the deadline. */
  readonly signal?: AbortSignal;
  /** Called as each requirement starts being checked (after its prerequisites). */
  readonly onStart?: (id: string) => void;
  /** Called as each requirement's result is known, in completion order. */
  readonly onResult?: (result: RequirementResult) => void;
}

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Room for a few rounds of prerequisites at the per-requirement timeout, and never under two minutes. */
export function defaultDeadlineMs(timeoutMs: number): number {
  return Math.max(120_000, 4 * timeoutMs);
}

function durationText(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

/**
 * The IAM actions to grant when a call was denied: the failed call's own, else every declared
 * read's (mapped as `mllab policy` maps them, e.g. S3:ListObjectsV2 -> s3:ListBucket).
 */
function iamActionsOf(requirement: RequirementManifest, err: unknown): string {
  const reads = failedCallOf(err) ? [failedCallOf(err)!] : requirement.reads;
  const actions = new Set<string>();
  for (const read of reads) {
    try {
      iamActionsFor(read).forEach((a) => actions.add(a));
    } catch {
      actions.add(read);
    }
  }
  return [...actions].join(', ');
}

/** The ids a run checks, in the lab's order: `only` (default all) and everything they depend on. */
export function requirementsToRun(lab: LabManifest, only?: readonly string[]): string[] {
  const byId = new Map(lab.requirements.map((r) => [r.id, r]));
  const wanted = new Set<string>();
  const want = (id: string): void => {
    if (wanted.has(id)) return;
    wanted.add(id);
    for (const dep of byId.get(id)?.dependsOn ?? []) want(dep);
  };
  for (const id of only ?? lab.requirements.map((r) => r.id)) want(id);
  return lab.requirements.map((r) => r.id).filter((id) => wanted.has(id));
}

interface Outcome {
  readonly verdict: CheckVerdict;
  readonly cause?: ResultCause;
}

async function runOne(session: CheckSession, lab: LabManifest, requirement: RequirementManifest, check: Check | undefined, timeoutMs: number, run: AbortSignal): Promise<Outcome> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ verdict: { status: 'error', findings: [`The check did not finish within ${durationText(timeoutMs)}; AWS may be slow or throttling. Run it again (or raise --timeout).`] }, cause: 'timeout' });
    }, timeoutMs);
  });
  // The run's own bound aborts the requirement too; the runner reports that one.
  const signal = AbortSignal.any([controller.signal, run]);
  const ctx = requirementContext(session, lab, requirement.reads, signal);
  const checked = (async (): Promise<Outcome> => {
    try {
      if (!check) return { verdict: { status: 'error', findings: [`The lab has no check for ${requirement.id} (a bug in the lab; please report it).`] } };
      const verdict = await check(ctx);
      if (!verdict || !['pass', 'fail', 'error'].includes(verdict.status)) {
        return { verdict: { status: 'error', findings: ['The check returned no verdict (a bug in the lab; please report it).'] } };
      }
      return { verdict };
    } catch (err) {
      if (err instanceof MissingStackOutputError) return { verdict: { status: 'fail', findings: [err.message] }, cause: 'stack-missing' };
      const classified = classifyError(err, { iamAction: iamActionsOf(requirement, err), ...(session.profile ? { profile: session.profile } : {}) });
      return { verdict: { status: 'error', findings: [classified.message] }, cause: classified.kind };
    }
  })();
  try {
    return await Promise.race([checked, timeout]);
  } finally {
    clearTimeout(timer);
    // Calls the check left behind (it returned without awaiting them) are no longer wanted.
    controller.abort();
  }
}

/**
 * The cause shared by every requirement that ran, when there is one and it is the run's rather than
 * a requirement's: credentials, the clock, the network, or the lab stack.
 */
export function sharedPrecondition(requirements: readonly RequirementResult[]): Precondition | undefined {
  const ran = requirements.filter((r) => r.status !== 'skipped');
  const first = ran[0];
  if (!first?.cause || !(first.cause === 'stack-missing' || first.cause === 'deadline' || SHARED_CAUSES.has(first.cause as ErrorKind))) return undefined;
  if (!ran.every((r) => r.cause === first.cause)) return undefined;
  return { cause: first.cause, message: first.findings[0] ?? first.cause };
}

/**
 * Runs a lab's requirements concurrently (bounded), each with a timeout, each by its check in
 * `checks` (labs/<id>/checks.ts). A requirement whose prerequisite did not pass is `skipped`.
 * Never throws for a check's sake: exceptions become `error`.
 */
export async function runLab(session: CheckSession, lab: LabManifest, checks: LabChecks, options: RunOptions = {}): Promise<CheckRunResult> {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  // A slot is taken only once the prerequisites are known, so a requirement waiting on another never
  // holds one (no deadlock however low the concurrency).
  const limit = pLimit(Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadlineMs = options.deadlineMs ?? defaultDeadlineMs(timeoutMs);
  const byId = new Map(lab.requirements.map((r) => [r.id, r]));

  const wanted = new Set(requirementsToRun(lab, options.only));

  const run = new AbortController();
  let deadlineTimer: NodeJS.Timeout | undefined;
  let stop: (() => void) | undefined;
  const deadline = new Promise<void>((resolve) => {
    stop = () => {
      run.abort();
      resolve();
    };
    deadlineTimer = setTimeout(stop, deadlineMs);
  });
  // Stopped from outside (Ctrl-C under --watch): as if the run's time were up.
  if (options.signal?.aborted) stop!();
  options.signal?.addEventListener('abort', stop!, { once: true });

  const results = new Map<string, Promise<RequirementResult>>();
  const resultOf = (requirement: RequirementManifest): Promise<RequirementResult> => {
    let pending = results.get(requirement.id);
    if (pending) return pending;
    const base = { id: requirement.id, title: requirement.title, hint: requirement.hint, docs: requirement.docs };
    const overrun = (t0: number): RequirementResult => ({
      ...base,
      status: 'error',
      findings: [`Not decided: the whole run did not finish within ${durationText(deadlineMs)}. Run it again, or check fewer requirements at once with --only.`],
      durationMs: Date.now() - t0,
      cause: 'deadline',
    });
    const checked = (async (): Promise<RequirementResult> => {
      const deps = await Promise.all((requirement.dependsOn ?? []).map((d) => resultOf(byId.get(d)!)));
      const blocked = deps.filter((d) => d.status !== 'pass');
      if (blocked.length > 0) {
        return { ...base, status: 'skipped' as const, findings: [`Skipped: ${blocked.map((d) => d.id).join(', ')} must pass first.`], durationMs: 0 };
      }
      return limit(async (): Promise<RequirementResult> => {
        const t0 = Date.now();
        if (run.signal.aborted) return overrun(t0);
        options.onStart?.(requirement.id);
        const { verdict, cause } = await runOne(session, lab, requirement, checks[requirement.id], timeoutMs, run.signal);
        return { ...base, status: verdict.status, findings: [...verdict.findings], durationMs: Date.now() - t0, ...(cause ? { cause } : {}) };
      });
    })();
    const t0 = Date.now();
    pending = Promise.race([checked, deadline.then(() => overrun(t0))]).then((result) => {
      options.onResult?.(result);
      return result;
    });
    results.set(requirement.id, pending);
    return pending;
  };

  let requirements: RequirementResult[];
  try {
    requirements = await Promise.all(lab.requirements.filter((r) => wanted.has(r.id)).map(resultOf));
  } finally {
    clearTimeout(deadlineTimer);
    options.signal?.removeEventListener('abort', stop!);
    // Anything still running past the end of the run is abandoned: its calls are aborted.
    run.abort();
  }
  const count = (s: RequirementStatus) => requirements.filter((r) => r.status === s).length;
  const precondition = sharedPrecondition(requirements);
  return {
    lab: lab.id,
    region: session.region,
    startedAt,
    durationMs: Date.now() - started,
    summary: { passed: count('pass'), failed: count('fail'), errors: count('error'), skipped: count('skipped') },
    requirements,
    ...(precondition ? { precondition } : {}),
  };
}

/** True when the run decided nothing: every requirement that ran is `error` (or there was a shared precondition). */
export function isUndecided(result: CheckRunResult): boolean {
  const ran = result.requirements.filter((r) => r.status !== 'skipped');
  return result.precondition !== undefined || ran.every((r) => r.status === 'error');
}

/** DESIGN.md: 0 all passed; 1 any failed (even with errors); 3 undecided only. */
export function exitCodeOf(result: CheckRunResult): 0 | 1 | 3 {
  if (result.summary.failed > 0) return 1;
  if (result.summary.errors > 0 || result.summary.skipped > 0) return 3;
  return 0;
}
