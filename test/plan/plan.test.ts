import { apportion, buildPlan, planChanges, planIcs, planLines, reCheckSchedule, type StudyPlan } from '../../lib/plan';
import { MLA_TASKS, type MlaTaskId } from '../../lib/model';
import { STUDY_LABS, studyLab, studyRun } from '../support/study-labs';

const START = new Date('2026-12-07T09:30:00Z');
const DAY = 86_400_000;

const sumWeeks = (plan: StudyPlan) => plan.schedule.reduce((n, w) => n + w.study.reduce((s, i) => s + i.hours, 0) + w.review.hours, 0);

describe('apportion', () => {
  test('whole shares in proportion that add up to the total; ties to the earlier entry', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0.28, 0, 0.14])).toEqual([5, 0, 2]);
    expect(apportion(5, [0, 0])).toEqual([0, 0]);
  });
});

describe('buildPlan', () => {
  test.each([
    [1, 1],
    [4, 6],
    [3, 7.25],
    [10, 2.5],
    [12, 0.25],
  ])('%i week(s) x %f h: the weeks add up to the budget, each week to its hours', (weeks, hoursPerWeek) => {
    const plan = buildPlan(STUDY_LABS, [], { weeks, hoursPerWeek, start: START });
    expect(plan.budgetHours).toBe(weeks * hoursPerWeek);
    expect(sumWeeks(plan)).toBeCloseTo(weeks * hoursPerWeek, 9);
    for (const w of plan.schedule) expect(w.study.reduce((s, i) => s + i.hours, 0) + w.review.hours).toBeCloseTo(hoursPerWeek, 9);
    expect(Object.values(plan.taskHours).reduce((a, b) => a + b, 0) + plan.reviewHours).toBeCloseTo(weeks * hoursPerWeek, 9);
    expect(plan.schedule.every((w) => w.review.hours > 0)).toBe(true);
  });

  test('a domain with no progress gets more time than a domain fully passed; a half-done task less than an untouched one of the same weight', () => {
    const runs = [studyRun('ingest', '2026-12-01T10:00:00.000Z', ['pass', 'pass', 'pass', 'pass']), studyRun('train', '2026-12-02T10:00:00.000Z', ['pass', 'fail'])];
    const plan = buildPlan(STUDY_LABS, runs, { weeks: 4, hoursPerWeek: 6, start: START });
    expect(plan.domainHours['MLA-C01/D1']).toBe(0);
    expect(plan.domainHours['MLA-C01/D3']).toBeGreaterThan(plan.domainHours['MLA-C01/D1']);
    expect(plan.domainHours['MLA-C01/D4']).toBeGreaterThan(0);
    // 2.1 passed, 2.2 not: only 2.2 gets time in D2
    expect(plan.taskHours['MLA-C01/2.1']).toBe(0);
    expect(plan.taskHours['MLA-C01/2.2']).toBeGreaterThan(0);
    // Equal weights (D3 and D4 tasks: 22/3 vs 24/3 percent): the heavier untouched task gets at least as much
    expect(plan.taskHours['MLA-C01/4.1']).toBeGreaterThanOrEqual(plan.taskHours['MLA-C01/3.1']);
  });

  test('time follows the weighted gaps: shares match the gaps to within a quarter hour', () => {
    const plan = buildPlan(STUDY_LABS, [], { weeks: 8, hoursPerWeek: 10, start: START });
    const study = Object.values(plan.taskHours).reduce((a, b) => a + b, 0);
    const gapSum = plan.gaps.reduce((a, g) => a + g.weightedGap, 0);
    for (const g of plan.gaps) expect(Math.abs(plan.taskHours[g.task] - (study * g.weightedGap) / gapSum)).toBeLessThanOrEqual(0.25);
  });

  test('weakest task first, with the labs and requirements to do; a task no lab trains says so', () => {
    const plan = buildPlan(STUDY_LABS, [studyRun('ingest', '2026-12-01T10:00:00.000Z', ['pass', 'fail', 'fail', 'pass'])], { weeks: 2, hoursPerWeek: 5, start: START });
    const first = plan.schedule[0]!.study[0]!;
    expect(first.task).toBe('MLA-C01/1.2');
    expect(first.labs).toEqual([{ lab: 'ingest', requirements: ['R3'] }]);
    const lines = planLines(plan).join('\n');
    expect(lines).toContain('Week 1 (2026-12-07 to 2026-12-13), 5 h');
    expect(lines).toMatch(/MLA-C01\/4\.1 Monitor model inference: no lab trains it yet/);
  });

  test('tasks no lab trains keep study time: the audit counts them as gaps', () => {
    const runs = STUDY_LABS.map((l, i) => studyRun(l.id, `2026-12-0${i + 1}T10:00:00.000Z`, l.requirements.map(() => 'pass')));
    const plan = buildPlan(STUDY_LABS, runs, { weeks: 2, hoursPerWeek: 3, start: START });
    expect(Object.entries(plan.taskHours).filter(([, h]) => h > 0).map(([t]) => t).sort()).toEqual(['MLA-C01/2.3', 'MLA-C01/3.2', 'MLA-C01/3.3', 'MLA-C01/4.1', 'MLA-C01/4.2', 'MLA-C01/4.3']);
  });

  test('every gap closed: the whole budget is review', () => {
    const tasks = Object.keys(MLA_TASKS) as MlaTaskId[];
    const all = studyLab('everything', 'MLA-C01/D1', 'MLS-C01/D1', [...tasks.map((t) => [`Task ${t}`, [t], ['a-b', 'c-d']] as const), ['One more', ['MLA-C01/1.1'], ['e-f', 'g-h']]]);
    const plan = buildPlan([all], [studyRun('everything', '2026-12-01T10:00:00.000Z', all.requirements.map(() => 'pass'))], { weeks: 2, hoursPerWeek: 3, start: START });
    expect(plan.reviewHours).toBe(6);
    expect(plan.schedule.every((w) => w.study.length === 0 && w.review.hours === 3)).toBe(true);
  });

  test('the same labs, runs and clock give the same plan; the time of day does not matter', () => {
    const runs = [studyRun('train', '2026-11-01T10:00:00.000Z', ['pass', 'pass'])];
    const a = buildPlan(STUDY_LABS, runs, { weeks: 3, hoursPerWeek: 4, start: START });
    const b = buildPlan(STUDY_LABS, runs, { weeks: 3, hoursPerWeek: 4, start: new Date('2026-12-07T23:59:00Z') });
    expect(b).toEqual(a);
    expect(a.start).toBe('2026-12-07');
  });

  test('refuses a budget that is not whole quarter hours', () => {
    expect(() => buildPlan(STUDY_LABS, [], { weeks: 1, hoursPerWeek: 1.1, start: START })).toThrow('quarter hours');
    expect(() => buildPlan(STUDY_LABS, [], { weeks: 0, hoursPerWeek: 1, start: START })).toThrow('weeks');
  });
});

describe('spaced re-checks (ts-fsrs)', () => {
  const passed = studyRun('train', '2026-11-01T10:00:00.000Z', ['pass', 'pass']);
  const dueOf = (runs: Parameters<typeof reCheckSchedule>[1]) => reCheckSchedule(STUDY_LABS, runs).find((s) => s.lab === 'train')!;

  test('a lab passed once gets a re-check; one never passed gets none', () => {
    const schedule = reCheckSchedule(STUDY_LABS, [passed, studyRun('deploy', '2026-11-01T10:00:00.000Z', ['pass', 'fail'])]);
    expect(schedule.map((s) => s.lab)).toEqual(['train']);
    expect(schedule[0]).toMatchObject({ reviews: 1, last: 'pass' });
    expect(schedule[0]!.due.getTime()).toBeGreaterThan(Date.parse(passed.startedAt));
  });

  test('a re-check that passes moves the next one further out; one that fails brings it back soon', () => {
    const first = dueOf([passed]);
    const at = new Date(first.due.getTime() + DAY).toISOString();
    const again = dueOf([passed, studyRun('train', at, ['pass', 'pass'])]);
    const failed = dueOf([passed, studyRun('train', at, ['pass', 'fail'])]);
    const intervalBefore = first.due.getTime() - Date.parse(passed.startedAt);
    expect(again.due.getTime() - Date.parse(at)).toBeGreaterThan(intervalBefore);
    expect(failed.due.getTime()).toBeLessThan(again.due.getTime());
    expect(failed.due.getTime() - Date.parse(at)).toBeLessThanOrEqual(intervalBefore);
    expect(failed).toMatchObject({ reviews: 2, last: 'fail' });
  });

  test('runs that decided nothing about the whole lab (errors, --only) are not reviews', () => {
    const first = dueOf([passed]);
    const noisy = dueOf([passed, studyRun('train', '2026-11-02T10:00:00.000Z', ['error', 'skipped']), studyRun('train', '2026-11-03T10:00:00.000Z', ['pass'])]);
    expect(noisy).toEqual(first);
  });

  test('a re-check lands in the week it is due, an overdue one in the first, the rest after the plan', () => {
    const runs = [passed, studyRun('deploy', '2026-12-06T10:00:00.000Z', ['pass', 'pass'])];
    const plan = buildPlan(STUDY_LABS, runs, { weeks: 2, hoursPerWeek: 6, start: START });
    const all = [...plan.schedule.flatMap((w) => w.review.reChecks.map((r) => ({ week: w.week, ...r }))), ...plan.laterReChecks.map((r) => ({ week: 0, ...r }))];
    const train = all.find((r) => r.lab === 'train')!;
    expect(train).toMatchObject({ week: 1, overdue: true });
    const deploy = all.find((r) => r.lab === 'deploy')!;
    const weekOf = Math.floor((Date.parse(deploy.due) - Date.parse('2026-12-07')) / (7 * DAY)) + 1;
    expect(deploy.week).toBe(weekOf >= 1 && weekOf <= 2 ? weekOf : 0);
    // A week with a re-check keeps at least the lab's estimated time (60 min) for review
    expect(plan.schedule[0]!.review.hours).toBeGreaterThanOrEqual(1);
  });
});

describe('what changed since the last plan', () => {
  test('a check that passes a task moves its hours elsewhere, and a passed lab gets a re-check', () => {
    const before = buildPlan(STUDY_LABS, [], { weeks: 4, hoursPerWeek: 6, start: START });
    const after = buildPlan(STUDY_LABS, [studyRun('deploy', '2026-12-07T12:00:00.000Z', ['pass', 'pass'])], { weeks: 4, hoursPerWeek: 6, start: START });
    const changes = planChanges(before, after);
    expect(changes).toContain(`MLA-C01/3.1 Select deployment infrastructure based on existing architecture and requirements: ${before.taskHours['MLA-C01/3.1']} h -> 0 h (no gap left)`);
    expect(changes.some((c) => /^re-check deploy: new, due 2026-12-\d\d$/.test(c))).toBe(true);
    expect(planChanges(after, after)).toEqual([]);
  });

  test('a re-check that passes moves its date later, and says so', () => {
    const passed = studyRun('train', '2026-11-01T10:00:00.000Z', ['pass', 'pass']);
    const before = buildPlan(STUDY_LABS, [passed], { weeks: 4, hoursPerWeek: 6, start: START });
    const after = buildPlan(STUDY_LABS, [passed, studyRun('train', '2026-12-07T10:00:00.000Z', ['pass', 'pass'])], { weeks: 4, hoursPerWeek: 6, start: START });
    expect(planChanges(before, after).find((c) => c.startsWith('re-check train'))).toMatch(/^re-check train: due 2026-11-\d\d -> 20\d\d-\d\d-\d\d \(later: the last check passed\)$/);
  });
});

describe('iCalendar', () => {
  test('one all-day event per week and per re-check, the same bytes for the same plan', () => {
    const plan = buildPlan(STUDY_LABS, [studyRun('train', '2026-11-01T10:00:00.000Z', ['pass', 'pass'])], { weeks: 3, hoursPerWeek: 4, start: START });
    const ics = planIcs(plan);
    expect(ics).toBe(planIcs(plan));
    expect(ics.startsWith('BEGIN:VCALENDAR')).toBe(true);
    const events = ics.split('BEGIN:VEVENT').length - 1;
    expect(events).toBe(3 + plan.schedule.reduce((n, w) => n + w.review.reChecks.length, 0));
    expect(ics).toContain('DTSTART;VALUE=DATE:20261207');
    expect(ics).toContain('UID:mllab-plan-2026-12-07-week-1@aws-ml-labs');
    expect(ics).toContain('DTSTAMP:20261207T000000Z');
    expect(ics).toContain('SUMMARY:mllab re-check train');
  });
});
