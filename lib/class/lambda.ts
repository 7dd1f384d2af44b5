// The two functions of the MlLab-class state machine, without their AWS plumbing (lib/class/handler.ts
// wires that): one child of the Distributed Map checks one learner with the same class check as the
// local mode; the last step reads what the Map's ResultWriter wrote and builds the scoreboard.
import type { LabChecks } from '../check/types';
import type { LabManifest } from '../model';
import { classCheck, type ClassCheckDeps, type ClassResult, type LearnerResult } from './check';
import type { Learner } from './roster';
import { toScoreboard, type Scoreboard, type ScoreboardLearner } from './scoreboard';

/** What each child execution receives: the Map's ItemSelector joins the execution's lab to one roster row. */
export interface LearnerEvent {
  readonly lab: string;
  /** A row of the roster CSV as the ItemReader reads it: every value a string. */
  readonly learner: { readonly name?: string; readonly account?: string; readonly region?: string; readonly role?: string };
}

/**
 * Thrown so that the state machine's Retry (backoff with full jitter) tries the learner again:
 * the error name is what Step Functions matches in `ErrorEquals`.
 */
export class ThrottledError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'mllab.Throttled';
  }
}

/** A learner row as the function reports it (the scoreboard's row, with the run's duration). */
export type LearnerRow = ScoreboardLearner;

export interface CheckLearnerDeps extends ClassCheckDeps {
  manifest(labId: string): LabManifest | undefined;
  checks(labId: string): Promise<LabChecks | undefined>;
}

/** One learner: throttling anywhere is thrown (for the Map's Retry); any other trouble is the learner's `error` row. */
export async function checkLearner(event: LearnerEvent, deps: CheckLearnerDeps): Promise<LearnerRow> {
  const lab = deps.manifest(event.lab);
  const checks = lab ? await deps.checks(event.lab) : undefined;
  // A bad lab id is the instructor's input for the whole run: fail the child, which the Map counts as failed.
  if (!lab || !checks) throw new Error(`unknown lab '${String(event.lab).slice(0, 60)}'`);
  const row = event.learner;
  const learner: Learner = { name: row.name ?? '', account: row.account ?? '', region: row.region ?? '', ...(row.role ? { role: row.role } : {}) };
  const result = await classCheck(lab, checks, [learner], deps, { concurrency: 1 });
  const one = result.learners[0]!;
  if (throttled(one)) throw new ThrottledError(`throttled while checking ${learner.account}; Step Functions retries with backoff`);
  return toScoreboard(result, lab).learners[0]!;
}

function throttled(l: LearnerResult): boolean {
  if (l.status === 'error') return l.errorKind === 'throttled';
  return l.result!.requirements.some((r) => r.cause === 'throttled');
}

/**
 * The ResultWriter's manifest: where the child executions' results went, by status
 * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html).
 */
export interface ResultManifest {
  readonly DestinationBucket?: string;
  readonly MapRunArn?: string;
  readonly ResultFiles?: { readonly [status: string]: readonly { readonly Key: string; readonly Size?: number }[] };
}

/** One child execution in a result file: its input and output are JSON strings. */
interface ChildExecution {
  readonly Input?: string;
  readonly Output?: string;
  readonly Status?: string;
  readonly Error?: string;
  readonly Cause?: string;
}

export interface ScoreboardEvent {
  readonly lab: string;
  readonly startedAt: string;
  /** The ResultWriter's details on the Map's output: `{ Bucket, Key }` of manifest.json. */
  readonly resultWriterDetails: { readonly Bucket: string; readonly Key: string };
}

export interface BuildScoreboardDeps {
  manifest(labId: string): LabManifest | undefined;
  getJson(bucket: string, key: string): Promise<unknown>;
  now(): number;
}

/** The class's scoreboard from the Map's results: a child that failed past its retries is that learner's error. */
export async function buildScoreboard(event: ScoreboardEvent, deps: BuildScoreboardDeps): Promise<Scoreboard> {
  const lab = deps.manifest(event.lab);
  if (!lab) throw new Error(`unknown lab '${String(event.lab).slice(0, 60)}'`);
  const manifest = (await deps.getJson(event.resultWriterDetails.Bucket, event.resultWriterDetails.Key)) as ResultManifest;
  const bucket = manifest.DestinationBucket ?? event.resultWriterDetails.Bucket;
  const rows: LearnerRow[] = [];
  for (const [status, files] of Object.entries(manifest.ResultFiles ?? {})) {
    for (const file of files) {
      const executions = (await deps.getJson(bucket, file.Key)) as ChildExecution[];
      for (const execution of executions) rows.push(status === 'SUCCEEDED' ? (JSON.parse(execution.Output ?? '{}') as LearnerRow) : failedRow(execution, lab));
    }
  }
  rows.sort((a, b) => a.name.localeCompare(b.name));
  const learners: LearnerResult[] = rows.map((r) => ({
    learner: { name: r.name, account: r.account, region: r.region },
    status: r.status,
    ...(r.error ? { error: r.error } : {}),
    durationMs: r.durationMs,
  }));
  const started = Date.parse(event.startedAt);
  const summary: ClassResult['summary'] = {
    learners: rows.length,
    allPassed: rows.filter((r) => r.status === 'checked' && r.passed === r.total).length,
    someFailed: rows.filter((r) => r.status === 'checked' && r.passed < r.total).length,
    errors: rows.filter((r) => r.status === 'error').length,
  };
  const board = toScoreboard({ lab: lab.id, startedAt: event.startedAt, durationMs: deps.now() - started, learners, summary }, lab);
  // The rows the children computed carry each requirement's verdict; the rebuilt ones above carry only the learner.
  return { ...board, learners: rows };
}

/** A child that failed past its retries (throttled, timed out): the learner's `error`, from its input row. */
function failedRow(execution: ChildExecution, lab: LabManifest): LearnerRow {
  let learner: LearnerEvent['learner'] = {};
  try {
    learner = (JSON.parse(execution.Input ?? '{}') as LearnerEvent).learner ?? {};
  } catch {
    learner = {};
  }
  return {
    name: learner.name ?? '',
    account: learner.account ?? '',
    region: learner.region ?? '',
    status: 'error',
    passed: 0,
    total: lab.requirements.length,
    error: `the check did not finish: ${execution.Error ?? execution.Status ?? 'failed'}${execution.Cause ? ` (${execution.Cause.slice(0, 200)})` : ''}`,
    durationMs: 0,
  };
}
