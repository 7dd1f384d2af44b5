// `mllab selftest <lab>`: proves a lab end to end before a class. Deploy, check the untouched stack
// (no requirement may pass before the learner acts: such a requirement asks nothing), apply the
// reference solution, wait for what it started, check again (every requirement must pass), optionally
// record both runs as redacted cassettes, tear down, and sweep (nothing of the lab may be left). Where
// each phase's work happens (a real account, or loopback emulators) is the driver's business.
import { join } from 'node:path';
import { redactAccounts, writeCassette, type Cassette } from '../cassette';
import { runLab, type CheckRunResult } from '../check/runner';
import type { CheckSession } from '../check/session';
import type { LabChecks } from '../check/types';
import type { LabManifest } from '../model';

export type PhaseName = 'deploy' | 'untouched' | 'solve' | 'wait' | 'check' | 'record' | 'teardown' | 'sweep';

export interface PhaseReport {
  readonly phase: PhaseName;
  readonly ok: boolean;
  readonly ms: number;
  readonly detail: string;
}

/** A check session of the driver's, and the calls it made when asked to record them. */
export interface DriverSession {
  readonly session: CheckSession;
  readonly recorded?: () => Cassette;
}

export interface SelftestDriver {
  /** Where the work happens, one line (`offline: kinesalite and s3rver on 127.0.0.1, ...`). */
  readonly where: string;
  deploy(): Promise<string>;
  /** A session on the lab as it is now; `record` keeps every call for a cassette. */
  session(state: 'untouched' | 'solved', record: boolean): DriverSession;
  solve(): Promise<string>;
  /** Waits, within the driver's stated bounds, for what the solution started. */
  wait(): Promise<string>;
  teardown(): Promise<string>;
  /** What of the lab is still there after teardown (empty when nothing is). */
  sweep(): Promise<readonly string[]>;
  /** Releases what the driver holds (emulators, clients); always called. */
  close(): Promise<void>;
}

/** What a lab provides to be selftested in a real account: its reference solution, and the wait for what that starts. */
export interface OnlineSolution {
  /** Applies the reference solution; the stack's outputs are given. Returns one line of what it did. */
  solve(region: string, outputs: Readonly<Record<string, string>>, profile?: string): Promise<string>;
  /** Waits, within its stated bound, for what the solution started. */
  wait(region: string, outputs: Readonly<Record<string, string>>, profile?: string): Promise<string>;
}

/** A lab's selftest support: an offline driver (loopback emulators) and/or its reference solution for a real account. */
export interface LabSelftest {
  readonly offline?: (labDir: string) => SelftestDriver;
  readonly online?: OnlineSolution;
}

export interface SelftestOptions {
  /** Folder for `untouched.json` and `solved.json` cassettes (account ids redacted). */
  readonly record?: string;
  /** Called as each phase ends. */
  readonly onPhase?: (report: PhaseReport) => void;
}

export interface SelftestResult {
  readonly lab: string;
  readonly ok: boolean;
  readonly phases: readonly PhaseReport[];
  readonly untouched?: CheckRunResult;
  readonly solved?: CheckRunResult;
}

/** Requirements that passed before the learner did anything: each asks nothing of them. */
export function passingUntouched(result: CheckRunResult): string[] {
  return result.requirements.filter((r) => r.status === 'pass').map((r) => r.id);
}

function verdictLine(result: CheckRunResult): string {
  const { passed, failed, errors, skipped } = result.summary;
  return `${passed} of ${result.requirements.length} pass (${failed} fail, ${errors} error, ${skipped} skipped)`;
}

export async function selftest(lab: LabManifest, checks: LabChecks, driver: SelftestDriver, options: SelftestOptions = {}): Promise<SelftestResult> {
  const phases: PhaseReport[] = [];
  const cassettes: Partial<Record<'untouched' | 'solved', Cassette>> = {};
  let untouched: CheckRunResult | undefined;
  let solved: CheckRunResult | undefined;
  const phase = async (name: PhaseName, work: () => Promise<{ ok: boolean; detail: string }>): Promise<boolean> => {
    const started = Date.now();
    let report: PhaseReport;
    try {
      const { ok, detail } = await work();
      report = { phase: name, ok, ms: Date.now() - started, detail };
    } catch (err) {
      report = { phase: name, ok: false, ms: Date.now() - started, detail: err instanceof Error ? err.message : String(err) };
    }
    phases.push(report);
    options.onPhase?.(report);
    return report.ok;
  };
  const check = async (state: 'untouched' | 'solved'): Promise<CheckRunResult> => {
    const { session, recorded } = driver.session(state, options.record !== undefined);
    try {
      const result = await runLab(session, lab, checks);
      if (recorded) cassettes[state] = recorded();
      return result;
    } finally {
      session.destroy();
    }
  };

  try {
    const deployed = await phase('deploy', async () => ({ ok: true, detail: await driver.deploy() }));
    let solvedOk = false;
    if (deployed) {
      const clean = await phase('untouched', async () => {
        untouched = await check('untouched');
        const passing = passingUntouched(untouched);
        return passing.length === 0
          ? { ok: true, detail: `${verdictLine(untouched)}: every requirement asks something of the learner` }
          : { ok: false, detail: `${passing.join(', ')} pass${passing.length === 1 ? 'es' : ''} before the learner acts, so ${passing.length === 1 ? 'it asks' : 'they ask'} nothing (${verdictLine(untouched)})` };
      });
      const applied = clean && (await phase('solve', async () => ({ ok: true, detail: await driver.solve() })));
      const waited = applied && (await phase('wait', async () => ({ ok: true, detail: await driver.wait() })));
      if (waited) {
        solvedOk = await phase('check', async () => {
          solved = await check('solved');
          const missing = solved.requirements.filter((r) => r.status !== 'pass');
          return missing.length === 0
            ? { ok: true, detail: verdictLine(solved) }
            : { ok: false, detail: `the reference solution does not pass ${missing.map((r) => `${r.id} (${r.status}: ${r.findings[0] ?? 'no finding'})`).join('; ')}` };
        });
      }
      if (options.record && solvedOk) {
        await phase('record', async () => {
          const written: string[] = [];
          for (const state of ['untouched', 'solved'] as const) {
            const cassette = cassettes[state];
            if (!cassette) continue;
            const file = join(options.record!, `${state}.json`);
            writeCassette(file, redactAccounts(cassette).cassette);
            written.push(file);
          }
          return { ok: written.length === 2, detail: `${written.join(', ')} (account ids redacted)` };
        });
      }
    }
    // Teardown and sweep run whatever happened before: a failed selftest must not leave spend behind.
    await phase('teardown', async () => ({ ok: true, detail: await driver.teardown() }));
    await phase('sweep', async () => {
      const left = await driver.sweep();
      return left.length === 0 ? { ok: true, detail: 'nothing of the lab is left' } : { ok: false, detail: `still there: ${left.join(', ')}` };
    });
  } finally {
    await driver.close();
  }
  const expected: PhaseName[] = ['deploy', 'untouched', 'solve', 'wait', 'check', ...(options.record ? (['record'] as const) : []), 'teardown', 'sweep'];
  const ok = expected.every((name) => phases.some((p) => p.phase === name && p.ok));
  return { lab: lab.id, ok, phases, ...(untouched ? { untouched } : {}), ...(solved ? { solved } : {}) };
}
