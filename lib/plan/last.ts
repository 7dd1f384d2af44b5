// The last plan made, kept in the data folder (<MLLAB_HOME>/plan/last.json), so the next `mllab plan`
// can say what changed: progress moves hours between task statements and re-checks in time.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { MLA_TASKS, type MlaTaskId } from '../model';
import { PLAN_FORMAT_VERSION, type PlannedReCheck, type StudyPlan } from './build';

export function lastPlanPath(home: string): string {
  return join(home, 'plan', 'last.json');
}

/** The stored plan, or undefined when there is none or it is not one this version wrote. */
export function readLastPlan(home: string): StudyPlan | undefined {
  try {
    const parsed = JSON.parse(readFileSync(lastPlanPath(home), 'utf8')) as Partial<StudyPlan>;
    if (parsed?.formatVersion !== PLAN_FORMAT_VERSION || typeof parsed.taskHours !== 'object' || !Array.isArray(parsed.schedule) || !Array.isArray(parsed.laterReChecks)) return undefined;
    return parsed as StudyPlan;
  } catch {
    return undefined;
  }
}

/** Writes the plan whole or not at all (write-file-atomic), creating the folder. */
export function writeLastPlan(home: string, plan: StudyPlan): void {
  const file = lastPlanPath(home);
  mkdirSync(join(home, 'plan'), { recursive: true });
  writeFileAtomic.sync(file, `${JSON.stringify(plan, null, 2)}\n`);
}

const allReChecks = (plan: StudyPlan): Map<string, PlannedReCheck> =>
  new Map([...plan.schedule.flatMap((w) => w.review.reChecks), ...plan.laterReChecks].map((r) => [r.lab, r]));

const hours = (h: number) => `${Number(h.toFixed(2))} h`;

/** What changed from `before` to `after`, as sentences; empty when nothing did. */
export function planChanges(before: StudyPlan, after: StudyPlan): string[] {
  const out: string[] = [];
  if (before.weeks !== after.weeks || before.hoursPerWeek !== after.hoursPerWeek) {
    out.push(`budget: ${before.weeks} week(s) x ${hours(before.hoursPerWeek)} -> ${after.weeks} week(s) x ${hours(after.hoursPerWeek)}`);
  }
  if (before.start !== after.start) out.push(`start: ${before.start} -> ${after.start}`);
  for (const task of Object.keys(MLA_TASKS) as MlaTaskId[]) {
    const was = before.taskHours[task] ?? 0;
    const now = after.taskHours[task] ?? 0;
    if (was !== now) out.push(`${task} ${MLA_TASKS[task]}: ${hours(was)} -> ${hours(now)}${now === 0 ? ' (no gap left)' : ''}`);
  }
  const was = allReChecks(before);
  const now = allReChecks(after);
  for (const [lab, r] of now) {
    const old = was.get(lab);
    if (!old) out.push(`re-check ${lab}: new, due ${r.due}`);
    else if (old.due !== r.due) out.push(`re-check ${lab}: due ${old.due} -> ${r.due} (${r.due > old.due ? 'later' : 'sooner'}: the last check ${r.last === 'pass' ? 'passed' : 'failed'})`);
  }
  for (const lab of was.keys()) if (!now.has(lab)) out.push(`re-check ${lab}: no longer scheduled`);
  return out;
}
