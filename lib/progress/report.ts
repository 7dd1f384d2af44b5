import type { LabManifest } from '../model';
import { BLUEPRINTS, type Blueprint, type ExamDomain } from '../model';
import type { ProgressRun } from './store';

export interface LabProgress {
  readonly lab: string;
  /** Some run passed every requirement. */
  readonly passed: boolean;
  /** Requirement ids that passed in at least one run. */
  readonly requirementsPassed: readonly string[];
  readonly requirements: number;
  readonly lastAttempt?: string;
  /** The latest run's counts, for `mllab list`. */
  readonly lastResult?: { readonly passed: number; readonly total: number; readonly at: string };
}

export interface DomainProgress {
  readonly id: string;
  readonly name: string;
  readonly weight: number;
  readonly labs: number;
  readonly labsPassed: number;
  readonly requirements: number;
  readonly requirementsPassed: number;
  readonly lastAttempt: string | null;
  /** weight x share of the domain's requirements not yet passed: the larger, the weaker. */
  readonly weightedGap: number;
  /** The lab to do next for this domain, or null when every lab of it is passed (or none exists). */
  readonly nextLab: string | null;
}

export interface ProgressReport {
  readonly runs: number;
  readonly blueprints: readonly { readonly id: string; readonly name: string; readonly domains: readonly DomainProgress[] }[];
}

/**
 * Progress is what the learner has achieved: a requirement passed once stays passed, so tearing
 * a lab down (after which a check fails) does not erase it.
 */
export function labProgress(lab: LabManifest, runs: readonly ProgressRun[]): LabProgress {
  const mine = runs.filter((r) => r.lab === lab.id);
  const ids = new Set(lab.requirements.map((r) => r.id));
  const passedIds = new Set<string>();
  let passed = false;
  for (const run of mine) {
    const ok = run.requirements.filter((r) => r.status === 'pass' && ids.has(r.id)).map((r) => r.id);
    ok.forEach((id) => passedIds.add(id));
    if (ids.size > 0 && ok.length === ids.size) passed = true;
  }
  const last = mine[mine.length - 1];
  return {
    lab: lab.id,
    passed,
    requirementsPassed: [...passedIds].sort(),
    requirements: ids.size,
    ...(last
      ? {
          lastAttempt: last.startedAt,
          lastResult: { passed: last.requirements.filter((r) => r.status === 'pass').length, total: last.requirements.length, at: last.startedAt },
        }
      : {}),
  };
}

function domainProgress(domain: ExamDomain, blueprint: Blueprint, labs: readonly LabManifest[], byLab: Map<string, LabProgress>): DomainProgress {
  const trained = labs.filter((l) => (l.domains[blueprint.id] as readonly string[]).includes(domain.id));
  const progress = trained.map((l) => byLab.get(l.id)!);
  const requirements = progress.reduce((n, p) => n + p.requirements, 0);
  const requirementsPassed = progress.reduce((n, p) => n + p.requirementsPassed.length, 0);
  const attempts = progress.map((p) => p.lastAttempt).filter((a): a is string => !!a).sort();
  // Next: a lab already started comes first (finish what is half done), then the most unpassed
  // requirements (most to learn for this domain), then the shorter lab; ties by id, stable.
  const open = trained.filter((l) => !byLab.get(l.id)!.passed);
  open.sort((a, b) => {
    const pa = byLab.get(a.id)!;
    const pb = byLab.get(b.id)!;
    const started = Number(!!pb.lastAttempt) - Number(!!pa.lastAttempt);
    if (started) return started;
    const remaining = pb.requirements - pb.requirementsPassed.length - (pa.requirements - pa.requirementsPassed.length);
    if (remaining) return remaining;
    return a.estimatedMinutes - b.estimatedMinutes || a.id.localeCompare(b.id);
  });
  const coverage = requirements === 0 ? 0 : requirementsPassed / requirements;
  return {
    id: domain.id,
    name: domain.name,
    weight: domain.weight,
    labs: trained.length,
    labsPassed: progress.filter((p) => p.passed).length,
    requirements,
    requirementsPassed,
    lastAttempt: attempts[attempts.length - 1] ?? null,
    weightedGap: Number((domain.weight * (1 - coverage)).toFixed(4)),
    nextLab: open[0]?.id ?? null,
  };
}

/**
 * The knowledge audit: per domain of both blueprints, weakest first. Weakness is the domain's
 * exam weight times the share of its requirements not yet passed, so with equal gaps the domain
 * that carries more of the exam comes first (shared/EXAM-DOMAINS.md). Domains no lab trains yet
 * come last: mllab cannot help with them.
 */
export function progressReport(labs: readonly LabManifest[], runs: readonly ProgressRun[]): ProgressReport {
  const byLab = new Map(labs.map((l) => [l.id, labProgress(l, runs)]));
  return {
    runs: runs.length,
    blueprints: BLUEPRINTS.map((b) => ({
      id: b.id,
      name: b.name,
      domains: b.domains
        .map((d) => domainProgress(d, b, labs, byLab))
        .sort((x, y) => Number(y.labs > 0) - Number(x.labs > 0) || y.weightedGap - x.weightedGap || y.weight - x.weight || x.id.localeCompare(y.id)),
    })),
  };
}
