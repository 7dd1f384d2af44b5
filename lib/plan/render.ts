// A plan as text lines (the terminal wraps them) and as an iCalendar file (the `ics` package).
import { createEvents, type DateArray, type EventAttributes } from 'ics';
import type { PlannedReCheck, StudyItem, StudyPlan } from './build';

const hours = (h: number) => `${Number(h.toFixed(2))} h`;

export function studyLine(item: StudyItem): string {
  const labs = item.labs.length === 0 ? 'no lab trains it yet: study its skills in the exam guide' : item.labs.map((l) => `${l.lab} (${l.requirements.join(', ')})`).join(', ');
  return `${hours(item.hours)} ${item.task} ${item.name}: ${labs}`;
}

export function reCheckLine(r: PlannedReCheck): string {
  const when = r.overdue ? `overdue since ${r.due}` : `due ${r.due}`;
  return `re-check ${r.lab} (${when}; ${r.reviews} review(s), last ${r.last === 'pass' ? 'passed' : 'failed'}): rebuild it from its README and run mllab check ${r.lab}`;
}

/** The plan as lines of text, week by week; the first line says what it is made of. */
export function planLines(plan: StudyPlan): string[] {
  const out = [
    `Study plan: ${plan.weeks} week(s) x ${hours(plan.hoursPerWeek)} = ${hours(plan.budgetHours)} from ${plan.start}${plan.examDate ? `, exam on ${plan.examDate}` : ''}`,
    `Study time follows the weighted gap per MLA-C01 task statement (mllab progress --by task); ${hours(plan.reviewHours)} in weekly review slots.`,
  ];
  for (const week of plan.schedule) {
    out.push('');
    out.push(`Week ${week.week} (${week.start} to ${week.end}), ${hours(week.hours)}`);
    for (const item of week.study) out.push(`  ${studyLine(item)}`);
    out.push(`  ${hours(week.review.hours)} review slot${week.review.reChecks.length === 0 ? ': review the findings, hints and docs of earlier weeks' : ':'}`);
    for (const r of week.review.reChecks) out.push(`    ${reCheckLine(r)}`);
  }
  if (plan.laterReChecks.length > 0) {
    out.push('');
    out.push(`After the plan: ${plan.laterReChecks.map((r) => `re-check ${r.lab} on ${r.due}`).join(', ')}`);
  }
  return out;
}

const dateArray = (iso: string): DateArray => {
  const [y, m, d] = iso.split('-').map(Number);
  return [y!, m!, d!];
};
const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The plan as an iCalendar file: one all-day event per week listing its study and review, one per
 * re-check on its due day. UIDs and DTSTAMP derive from the plan, so the same plan gives the same file
 * and a calendar that imports it again updates the events instead of doubling them.
 */
export function planIcs(plan: StudyPlan): string {
  // DTSTAMP: the plan's start. `timestamp` is in the package's schema (dist/schema) but not its types.
  const stamp = { timestamp: Date.parse(`${plan.start}T00:00:00Z`) };
  const events: EventAttributes[] = plan.schedule.map((week) => ({
    ...stamp,
    uid: `mllab-plan-${plan.start}-week-${week.week}@aws-ml-labs`,
    start: dateArray(week.start),
    end: dateArray(nextDay(week.end)),
    title: `mllab study week ${week.week}: ${week.study.map((s) => s.task.slice('MLA-C01/'.length)).join(', ') || 'review'}`,
    description: [...week.study.map(studyLine), `${hours(week.review.hours)} review slot`, ...week.review.reChecks.map(reCheckLine)].join('\n'),
    transp: 'TRANSPARENT',
    busyStatus: 'FREE',
  }));
  for (const week of plan.schedule) {
    for (const r of week.review.reChecks) {
      const day = r.overdue ? week.start : r.due;
      events.push({ ...stamp, uid: `mllab-plan-${plan.start}-recheck-${r.lab}@aws-ml-labs`, start: dateArray(day), end: dateArray(nextDay(day)), title: `mllab re-check ${r.lab}`, description: reCheckLine(r) });
    }
  }
  const { error, value } = createEvents(events, { productId: 'aws-ml-labs/mllab plan', calName: 'mllab study plan' });
  if (error || !value) throw error ?? new Error('the iCalendar file could not be written');
  return value;
}
