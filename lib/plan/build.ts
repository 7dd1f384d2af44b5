// The study plan: the knowledge audit per task statement (lib/progress) turned into weeks. Time is
// counted in quarter hours so every share is a whole number and the weeks add up to the budget exactly.
import { domainOfTask, type LabManifest, type MlaDomainId, type MlaTaskId } from '../model';
import { taskReport, type ProgressRun, type TaskProgress } from '../progress';
import { reCheckSchedule, type ReCheckSchedule } from './recheck';

export const PLAN_FORMAT_VERSION = 1;
const DAY_MS = 86_400_000;
/** The weekly review's share of the week when no re-check needs more (spaced review of earlier material). */
const REVIEW_SHARE = 0.15;

export interface PlanOptions {
  readonly weeks: number;
  /** Whole quarter hours (6, 7.5, 0.75). */
  readonly hoursPerWeek: number;
  /** The plan's first day; its UTC date is used. */
  readonly start: Date;
  readonly examDate?: Date;
}

export interface StudyLab {
  readonly lab: string;
  /** Requirement ids of this task still to pass in the lab. */
  readonly requirements: readonly string[];
}

export interface StudyItem {
  readonly task: MlaTaskId;
  readonly name: string;
  readonly hours: number;
  /** Labs to work on for the task, the one to do first first; empty when no lab trains it yet. */
  readonly labs: readonly StudyLab[];
}

export interface PlannedReCheck {
  readonly lab: string;
  /** YYYY-MM-DD. */
  readonly due: string;
  /** Due before the plan starts: put in its first week. */
  readonly overdue: boolean;
  readonly reviews: number;
  readonly last: 'pass' | 'fail';
}

export interface PlanWeek {
  readonly week: number;
  /** YYYY-MM-DD, first and last day. */
  readonly start: string;
  readonly end: string;
  readonly hours: number;
  readonly study: readonly StudyItem[];
  /** The week's review slot: re-checks due this week, and review of earlier material in what is left. */
  readonly review: { readonly hours: number; readonly reChecks: readonly PlannedReCheck[] };
}

export interface StudyPlan {
  readonly formatVersion: typeof PLAN_FORMAT_VERSION;
  readonly start: string;
  readonly examDate: string | null;
  readonly weeks: number;
  readonly hoursPerWeek: number;
  readonly budgetHours: number;
  /** Study hours per task statement over the whole plan (0 for a task with no gap). */
  readonly taskHours: Readonly<Record<MlaTaskId, number>>;
  readonly domainHours: Readonly<Record<MlaDomainId, number>>;
  readonly reviewHours: number;
  /** The audit the plan was made from, weakest first. */
  readonly gaps: readonly { readonly task: MlaTaskId; readonly weightedGap: number }[];
  readonly schedule: readonly PlanWeek[];
  /** Re-checks due after the plan's last week. */
  readonly laterReChecks: readonly PlannedReCheck[];
}

export const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const utcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));

/**
 * Splits `total` units in proportion to `weights` (largest remainder: the shares are whole, add up to
 * `total`, and a tie goes to the earlier entry, so the result is reproducible).
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    out[i]!++;
  }
  return out;
}

function studyLabs(task: TaskProgress): StudyLab[] {
  return task.labsToDo.map((lab) => ({ lab, requirements: task.open.filter((o) => o.lab === lab).map((o) => o.requirement) }));
}

/**
 * A week-by-week plan from the labs, the learner's runs and a clock (`options.start`): the same
 * inputs give the same plan. Each week keeps a review slot (at least its re-checks' estimated time,
 * and a sixth or so of the week); the rest goes to task statements in proportion to their weighted
 * gaps, weakest first. With no gap left, the whole budget is review.
 */
export function buildPlan(labs: readonly LabManifest[], runs: readonly ProgressRun[], options: PlanOptions): StudyPlan {
  const quartersPerWeek = Math.round(options.hoursPerWeek * 4);
  if (!Number.isInteger(options.weeks) || options.weeks < 1) throw new RangeError(`weeks must be a whole number of at least 1, got ${options.weeks}`);
  if (quartersPerWeek < 1 || Math.abs(quartersPerWeek - options.hoursPerWeek * 4) > 1e-9) throw new RangeError(`hoursPerWeek must be a positive number of quarter hours, got ${options.hoursPerWeek}`);
  const start = utcDay(options.start);
  const weekStart = (i: number) => new Date(start.getTime() + i * 7 * DAY_MS);
  const end = weekStart(options.weeks);
  const minutes = new Map(labs.map((l) => [l.id, l.estimatedMinutes]));

  // Re-checks: each in the week its due date falls in; one overdue goes to the first week.
  const planned = (s: ReCheckSchedule): PlannedReCheck => ({ lab: s.lab, due: isoDate(s.due), overdue: s.due < start, reviews: s.reviews, last: s.last });
  const schedule = reCheckSchedule(labs, runs);
  const reChecksOf = (i: number) =>
    schedule.filter((s) => (i === 0 ? s.due < weekStart(1) : s.due >= weekStart(i) && s.due < weekStart(i + 1))).map(planned);
  const laterReChecks = schedule.filter((s) => s.due >= end).map(planned);

  const report = taskReport(labs, runs);
  const withGap = report.tasks.filter((t) => t.weightedGap > 0);
  const baseReview = withGap.length === 0 ? quartersPerWeek : Math.max(1, Math.round(quartersPerWeek * REVIEW_SHARE));
  const reviewQuarters = Array.from({ length: options.weeks }, (_, i) => {
    const needed = Math.ceil(reChecksOf(i).reduce((n, r) => n + (minutes.get(r.lab) ?? 60), 0) / 15);
    return Math.min(quartersPerWeek, Math.max(baseReview, needed));
  });
  const studyQuarters = options.weeks * quartersPerWeek - reviewQuarters.reduce((a, b) => a + b, 0);
  const shares = apportion(studyQuarters, withGap.map((t) => t.weightedGap));

  // Fill the weeks in order, weakest task first; a task's time may run over into the next week.
  const queue = withGap.map((t, i) => ({ task: t, left: shares[i]! })).filter((q) => q.left > 0);
  const weeks: PlanWeek[] = [];
  for (let i = 0; i < options.weeks; i++) {
    let room = quartersPerWeek - reviewQuarters[i]!;
    const study: StudyItem[] = [];
    while (room > 0 && queue.length > 0) {
      const head = queue[0]!;
      const take = Math.min(room, head.left);
      study.push({ task: head.task.id, name: head.task.name, hours: take / 4, labs: studyLabs(head.task) });
      head.left -= take;
      room -= take;
      if (head.left === 0) queue.shift();
    }
    weeks.push({
      week: i + 1,
      start: isoDate(weekStart(i)),
      end: isoDate(new Date(weekStart(i + 1).getTime() - DAY_MS)),
      hours: quartersPerWeek / 4,
      study,
      review: { hours: reviewQuarters[i]! / 4, reChecks: reChecksOf(i) },
    });
  }

  const taskHours = Object.fromEntries(report.tasks.map((t) => [t.id, 0])) as Record<MlaTaskId, number>;
  withGap.forEach((t, i) => (taskHours[t.id] = shares[i]! / 4));
  const domainHours = { 'MLA-C01/D1': 0, 'MLA-C01/D2': 0, 'MLA-C01/D3': 0, 'MLA-C01/D4': 0 } as Record<MlaDomainId, number>;
  for (const [task, hours] of Object.entries(taskHours)) domainHours[domainOfTask(task as MlaTaskId)] += hours;
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    start: isoDate(start),
    examDate: options.examDate ? isoDate(options.examDate) : null,
    weeks: options.weeks,
    hoursPerWeek: quartersPerWeek / 4,
    budgetHours: (options.weeks * quartersPerWeek) / 4,
    taskHours,
    domainHours,
    reviewHours: reviewQuarters.reduce((a, b) => a + b, 0) / 4,
    gaps: report.tasks.map((t) => ({ task: t.id, weightedGap: t.weightedGap })),
    schedule: weeks,
    laterReChecks,
  };
}
