import { BLUEPRINTS, domainOfTask, MLA_TASKS, type LabManifest, type MlaTaskId } from '../model';
import { labProgress, type LabProgress } from './report';
import type { ProgressRun } from './store';

/** A requirement still to pass, as `mllab show` names it: lab and requirement id. */
export interface OpenRequirement {
  readonly lab: string;
  readonly requirement: string;
}

export interface TaskProgress {
  readonly id: MlaTaskId;
  readonly name: string;
  /** The task's share of the exam: its domain's weight over the domain's task count (AWS publishes none per task). */
  readonly weight: number;
  /** Requirements of every lab that declare this task. */
  readonly requirements: number;
  readonly requirementsPassed: number;
  readonly lastAttempt: string | null;
  /** weight x share of the task's requirements not yet passed; the whole weight when no lab trains it. */
  readonly weightedGap: number;
  /** Labs with requirements of this task still open, the one to do first first. */
  readonly labsToDo: readonly string[];
  /** The open requirements themselves, in the order of labsToDo. */
  readonly open: readonly OpenRequirement[];
}

export interface TaskReport {
  readonly runs: number;
  /** Every MLA-C01 task statement, weakest first; tasks no lab trains yet come last. */
  readonly tasks: readonly TaskProgress[];
}

const TASK_IDS = Object.keys(MLA_TASKS) as MlaTaskId[];

/** Weight of each task: the domain's weight split evenly over its task statements (shared/EXAM-DOMAINS.md). */
export function taskWeight(task: MlaTaskId): number {
  const domain = domainOfTask(task);
  const weight = BLUEPRINTS[0]!.domains.find((d) => d.id === domain)!.weight;
  return weight / TASK_IDS.filter((t) => domainOfTask(t) === domain).length;
}

function taskProgress(task: MlaTaskId, labs: readonly LabManifest[], byLab: ReadonlyMap<string, LabProgress>): TaskProgress {
  let requirements = 0;
  let requirementsPassed = 0;
  const open: OpenRequirement[] = [];
  const attempts: string[] = [];
  const openByLab = new Map<string, number>();
  for (const lab of labs) {
    const progress = byLab.get(lab.id)!;
    const mine = lab.requirements.filter((r) => (r.tasks ?? []).includes(task));
    if (mine.length === 0) continue;
    if (progress.lastAttempt) attempts.push(progress.lastAttempt);
    for (const r of mine) {
      requirements++;
      if (progress.requirementsPassed.includes(r.id)) requirementsPassed++;
      else {
        open.push({ lab: lab.id, requirement: r.id });
        openByLab.set(lab.id, (openByLab.get(lab.id) ?? 0) + 1);
      }
    }
  }
  // As for domains: a lab already started first, then the one with most of this task left, then the shorter.
  const minutes = new Map(labs.map((l) => [l.id, l.estimatedMinutes]));
  const labsToDo = [...openByLab.keys()].sort((a, b) => {
    const started = Number(!!byLab.get(b)!.lastAttempt) - Number(!!byLab.get(a)!.lastAttempt);
    return started || openByLab.get(b)! - openByLab.get(a)! || minutes.get(a)! - minutes.get(b)! || a.localeCompare(b);
  });
  const order = new Map(labsToDo.map((id, i) => [id, i]));
  const weight = taskWeight(task);
  const coverage = requirements === 0 ? 0 : requirementsPassed / requirements;
  attempts.sort();
  return {
    id: task,
    name: MLA_TASKS[task],
    weight: Number(weight.toFixed(4)),
    requirements,
    requirementsPassed,
    lastAttempt: attempts[attempts.length - 1] ?? null,
    weightedGap: Number((weight * (1 - coverage)).toFixed(4)),
    labsToDo,
    open: [...open].sort((x, y) => order.get(x.lab)! - order.get(y.lab)! || x.requirement.localeCompare(y.requirement, 'en', { numeric: true })),
  };
}

/**
 * The knowledge audit per MLA-C01 task statement: the same rule as per domain (a requirement passed
 * once stays passed), on the requirements that declare the task. Weakest first by weighted gap.
 */
export function taskReport(labs: readonly LabManifest[], runs: readonly ProgressRun[]): TaskReport {
  const byLab = new Map(labs.map((l) => [l.id, labProgress(l, runs)]));
  return {
    runs: runs.length,
    tasks: TASK_IDS.map((t) => taskProgress(t, labs, byLab)).sort(
      (x, y) => Number(y.requirements > 0) - Number(x.requirements > 0) || y.weightedGap - x.weightedGap || y.weight - x.weight || x.id.localeCompare(y.id),
    ),
  };
}
