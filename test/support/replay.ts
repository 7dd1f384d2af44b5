// Running a lab's checks in a test as `mllab check` would: one fresh session (no retries, so an
// error shows at once), destroyed afterwards; offline from one of the lab's committed cassettes,
// or with only some services replayed and the rest sent over the wire to the emulators.
import { join } from 'node:path';
import { loadCassette, replayTransport, type Cassette } from '../../lib/cassette';
import { runLab, type CheckRunResult, type RunOptions } from '../../lib/check/runner';
import { CheckSession, type CallTransport } from '../../lib/check/session';
import type { ServiceName } from '../../lib/model';
import { checkedLab, type LabUnderTest } from './checked-lab';

export const LABS_DIR = join(__dirname, '..', '..', 'labs');

/** `labs/<lab id>/cassettes/<file>`, parsed. */
export function labCassette(labId: string, file: string): Cassette {
  return loadCassette(join(LABS_DIR, labId, 'cassettes', file));
}

export interface LabRunOptions extends RunOptions {
  /** The default is us-east-1, or the cassette's region when replaying. */
  readonly region?: string;
}

/** A run's result, and how many calls reached the transport (the memo answered the rest). */
export type LabRun = CheckRunResult & { readonly callsSent: number };

/** Runs the lab through `transport` (the live one, i.e. mocks or emulators, by default). */
export async function runLabWith(target: LabUnderTest, transport?: CallTransport, options: LabRunOptions = {}): Promise<LabRun> {
  const { region = 'us-east-1', ...runOptions } = options;
  const { lab, checks } = await checkedLab(target);
  const session = new CheckSession({ region, maxAttempts: 1, ...(transport ? { transport } : {}) });
  try {
    const result = await runLab(session, lab, checks, runOptions);
    return { ...result, callsSent: session.callsSent };
  } finally {
    session.destroy();
  }
}

export interface ReplayLabOptions extends RunOptions {
  /** Only these services answer from the cassette; the others go over the wire. Default: all. */
  readonly services?: readonly ServiceName[];
}

/** Runs the lab against `labs/<id>/cassettes/<file>`, as `mllab check --replay` would. */
export async function replayLab(target: LabUnderTest, file: string, options: ReplayLabOptions = {}): Promise<LabRun> {
  const { services, ...runOptions } = options;
  const { lab } = await checkedLab(target);
  const cassette = labCassette(lab.id, file);
  return runLabWith(target, replayTransport(cassette, { services, source: file }), { region: cassette.region, ...runOptions });
}

/** `{ R1: 'pass', R2: 'fail', ... }`, the shape most cassette assertions compare. */
export const statusesOf = (result: CheckRunResult): Record<string, string> => Object.fromEntries(result.requirements.map((r) => [r.id, r.status]));

/** One requirement's findings as one string, for `toMatch`. */
export const findingsOf = (result: CheckRunResult, id: string): string => result.requirements.find((r) => r.id === id)!.findings.join(' ');
