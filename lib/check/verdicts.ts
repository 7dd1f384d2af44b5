import type { LabManifest } from '../model';
import type { CheckVerdict, LabChecks } from './types';

/**
 * A lab's checks, keyed by its manifest's requirement ids (`labs/<id>/checks.ts`):
 * `export const checks = defineChecks(lab, { R1: ..., R2: ... })`. The type refuses a missing or
 * an extra id; the runtime refuses it too, for manifests whose ids are not literal types.
 */
export function defineChecks<const L extends LabManifest>(lab: L, checks: NoInfer<LabChecks<L>>): LabChecks<L> {
  const declared = lab.requirements.map((r) => r.id);
  const given = Object.keys(checks);
  const missing = declared.filter((id) => !given.includes(id));
  const extra = given.filter((id) => !declared.includes(id));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`lab '${lab.id}': checks must match the requirements${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; not in the manifest ${extra.join(', ')}` : ''}`);
  }
  return checks;
}

export function pass(...findings: string[]): CheckVerdict {
  return { status: 'pass', findings };
}

export function fail(...findings: string[]): CheckVerdict {
  return { status: 'fail', findings };
}

/** Could not decide (for example the data a decision needs is not readable). */
export function undecided(...findings: string[]): CheckVerdict {
  return { status: 'error', findings };
}

/** One verdict from several independent conditions: pass only when no condition produced a finding. */
export function verdictFrom(problems: readonly string[], passFindings: readonly string[] = []): CheckVerdict {
  return problems.length === 0 ? pass(...passFindings) : fail(...problems);
}
