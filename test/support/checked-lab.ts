// A lab as the runner needs it: its manifest and its checks. Tests name a registered lab by its
// manifest (its checks load through labs/checks.ts, as `mllab check` loads them), or pass a
// throw-away lab with its checks.
import { runLab, type CheckRunResult, type RunOptions } from '../../lib/check/runner';
import type { CheckSession } from '../../lib/check/session';
import type { LabChecks } from '../../lib/check/types';
import type { LabManifest } from '../../lib/model';
import { loadChecks } from '../../labs/checks';

export interface CheckedLab {
  readonly lab: LabManifest;
  readonly checks: LabChecks;
}

export type LabUnderTest = LabManifest | CheckedLab;

export async function checkedLab(target: LabUnderTest): Promise<CheckedLab> {
  if ('checks' in target && 'lab' in target) return target;
  const checks = await loadChecks(target.id);
  if (!checks) throw new Error(`lab '${target.id}' is not in labs/checks.ts; pass { lab, checks }`);
  return { lab: target, checks };
}

/** `runLab` for a lab under test: a registered lab's manifest or a throw-away `{ lab, checks }`. */
export async function runChecked(session: CheckSession, target: LabUnderTest, options?: RunOptions): Promise<CheckRunResult> {
  const { lab, checks } = await checkedLab(target);
  return runLab(session, lab, checks, options);
}
