import { classifyError } from '../aws/errors';
import { iamActionsFor, type LabManifest, type RequirementManifest } from '../model';
import { failedCallOf, MissingStackOutputError, requirementContext, type CheckSession } from './session';
import type { Check, CheckVerdict, LabChecks, RequirementStatus } from './types';

export interface RequirementResult {
  readonly id: string;
  readonly title: string;
  readonly status: RequirementStatus;
  readonly findings: readonly string[];
  readonly hint: string;
  readonly docs: string;
  readonly durationMs: number;
}

export interface CheckRunResult {
  readonly lab: string;
  readonly region: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly summary: { readonly passed: number; readonly failed: number; readonly errors: number; readonly skipped: number };
  readonly requirements: readonly RequirementResult[];
}

export interface RunOptions {
  /** Requirements checked at once. */
  readonly concurrency?: number;
  /** Per requirement, in milliseconds. */
  readonly timeoutMs?: number;
  /** Only these requirement ids (their prerequisites still run). */
  readonly only?: readonly string[];
}

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_TIMEOUT_MS = 30_000;

/** A small counting semaphore: at most `limit` holders at once. */
class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
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

async function runOne(session: CheckSession, lab: LabManifest, requirement: RequirementManifest, check: Check | undefined, timeoutMs: number): Promise<CheckVerdict> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckVerdict>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ status: 'error', findings: [`The check did not finish within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}; AWS may be slow or throttling. Run it again (or raise --timeout).`] });
    }, timeoutMs);
  });
  const ctx = requirementContext(session, lab, requirement.reads, controller.signal);
  const checked = (async (): Promise<CheckVerdict> => {
    try {
      if (!check) return { status: 'error', findings: [`The lab has no check for ${requirement.id} (a bug in the lab; please report it).`] };
      const verdict = await check(ctx);
      if (!verdict || !['pass', 'fail', 'error'].includes(verdict.status)) {
        return { status: 'error', findings: ['The check returned no verdict (a bug in the lab; please report it).'] };
      }
      return verdict;
    } catch (err) {
      if (err instanceof MissingStackOutputError) return { status: 'fail', findings: [err.message] };
      const classified = classifyError(err, iamActionsOf(requirement, err));
      return { status: 'error', findings: [classified.message] };
    }
  })();
  try {
    return await Promise.race([checked, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs a lab's requirements concurrently (bounded), each with a timeout, each by its check in
 * `checks` (labs/<id>/checks.ts). A requirement whose prerequisite did not pass is `skipped`.
 * Never throws for a check's sake: exceptions become `error`.
 */
export async function runLab(session: CheckSession, lab: LabManifest, checks: LabChecks, options: RunOptions = {}): Promise<CheckRunResult> {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const limit = new Semaphore(Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const byId = new Map(lab.requirements.map((r) => [r.id, r]));

  const wanted = new Set<string>();
  const want = (id: string) => {
    if (wanted.has(id)) return;
    wanted.add(id);
    for (const dep of byId.get(id)?.dependsOn ?? []) want(dep);
  };
  for (const id of options.only ?? lab.requirements.map((r) => r.id)) want(id);

  const results = new Map<string, Promise<RequirementResult>>();
  const resultOf = (requirement: RequirementManifest): Promise<RequirementResult> => {
    let pending = results.get(requirement.id);
    if (pending) return pending;
    pending = (async () => {
      const deps = await Promise.all((requirement.dependsOn ?? []).map((d) => resultOf(byId.get(d)!)));
      const base = { id: requirement.id, title: requirement.title, hint: requirement.hint, docs: requirement.docs };
      const blocked = deps.filter((d) => d.status !== 'pass');
      if (blocked.length > 0) {
        return { ...base, status: 'skipped' as const, findings: [`Skipped: ${blocked.map((d) => d.id).join(', ')} must pass first.`], durationMs: 0 };
      }
      await limit.acquire();
      const t0 = Date.now();
      try {
        const verdict = await runOne(session, lab, requirement, checks[requirement.id], timeoutMs);
        return { ...base, status: verdict.status, findings: [...verdict.findings], durationMs: Date.now() - t0 };
      } finally {
        limit.release();
      }
    })();
    results.set(requirement.id, pending);
    return pending;
  };

  const requirements = await Promise.all(lab.requirements.filter((r) => wanted.has(r.id)).map(resultOf));
  const count = (s: RequirementStatus) => requirements.filter((r) => r.status === s).length;
  return {
    lab: lab.id,
    region: session.region,
    startedAt,
    durationMs: Date.now() - started,
    summary: { passed: count('pass'), failed: count('fail'), errors: count('error'), skipped: count('skipped') },
    requirements,
  };
}

/** DESIGN.md: 0 all passed; 1 any failed (even with errors); 3 undecided only. */
export function exitCodeOf(result: CheckRunResult): 0 | 1 | 3 {
  if (result.summary.failed > 0) return 1;
  if (result.summary.errors > 0 || result.summary.skipped > 0) return 3;
  return 0;
}
