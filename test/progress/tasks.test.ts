import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MLA_TASKS } from '../../lib/model';
import { appendRun, readRuns, runOf, taskReport, taskWeight } from '../../lib/progress';
import { STUDY_LABS, studyRun } from '../support/study-labs';

describe('the knowledge audit per task statement', () => {
  test('a task weighs its domain\'s weight over the domain\'s task count; the twelve add up to the exam', () => {
    expect(taskWeight('MLA-C01/1.1')).toBeCloseTo(0.28 / 3, 10);
    expect(taskWeight('MLA-C01/4.3')).toBeCloseTo(0.24 / 3, 10);
    expect((Object.keys(MLA_TASKS) as (keyof typeof MLA_TASKS)[]).reduce((n, t) => n + taskWeight(t), 0)).toBeCloseTo(1, 10);
  });

  test('untouched: every trained task\'s gap is its weight; heavier first; tasks no lab trains come last', () => {
    const report = taskReport(STUDY_LABS, []);
    expect(report.tasks.map((t) => t.id)).toEqual([
      'MLA-C01/1.1', 'MLA-C01/1.2', 'MLA-C01/1.3', 'MLA-C01/2.1', 'MLA-C01/2.2', 'MLA-C01/3.1',
      // untrained, by weight: D2 26/3 %, D4 24/3 %, D3 22/3 %
      'MLA-C01/2.3', 'MLA-C01/4.1', 'MLA-C01/4.2', 'MLA-C01/4.3', 'MLA-C01/3.2', 'MLA-C01/3.3',
    ]);
    expect(report.tasks[0]).toEqual({
      id: 'MLA-C01/1.1', name: 'Ingest and store data', weight: 0.0933, requirements: 2, requirementsPassed: 0, lastAttempt: null, weightedGap: 0.0933,
      labsToDo: ['ingest'], open: [{ lab: 'ingest', requirement: 'R1' }, { lab: 'ingest', requirement: 'R2' }],
    });
    expect(report.tasks.find((t) => t.id === 'MLA-C01/4.1')).toMatchObject({ requirements: 0, weightedGap: 0.08, labsToDo: [] });
  });

  test('a requirement passed once stays passed; the gap shrinks by the share passed', () => {
    const runs = [studyRun('ingest', '2026-01-01T00:00:00.000Z', ['pass', 'fail', 'pass', 'pass']), studyRun('ingest', '2026-01-02T00:00:00.000Z', ['fail', 'fail', 'fail', 'fail'])];
    const byId = Object.fromEntries(taskReport(STUDY_LABS, runs).tasks.map((t) => [t.id, t]));
    expect(byId['MLA-C01/1.1']).toMatchObject({ requirementsPassed: 1, weightedGap: 0.0467, lastAttempt: '2026-01-02T00:00:00.000Z', open: [{ lab: 'ingest', requirement: 'R2' }] });
    expect(byId['MLA-C01/1.2']).toMatchObject({ requirementsPassed: 1, weightedGap: 0, labsToDo: [] });
  });
});

describe('the store keeps findings for the report', () => {
  let home: string;
  beforeEach(() => (home = mkdtempSync(join(tmpdir(), 'mllab-findings-'))));
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  test('runOf keeps a requirement\'s findings when it has some; both shapes read back', () => {
    const result = {
      lab: 'ingest', region: 'us-east-1', startedAt: '2026-01-01T00:00:00.000Z', durationMs: 3, summary: { passed: 1, failed: 1, errors: 0, skipped: 0 },
      requirements: [
        { id: 'R1', title: 't', status: 'pass' as const, findings: [], hint: 'h', docs: 'd', durationMs: 1 },
        { id: 'R2', title: 't', status: 'fail' as const, findings: ['Retention is 24 hours; the scenario needs 48.'], hint: 'h', docs: 'd', durationMs: 1 },
      ],
    };
    const run = runOf(result);
    expect(run.requirements).toEqual([{ id: 'R1', status: 'pass' }, { id: 'R2', status: 'fail', findings: ['Retention is 24 hours; the scenario needs 48.'] }]);
    appendRun(home, run);
    appendRun(home, studyRun('train', '2026-01-02T00:00:00.000Z', ['pass']));
    expect(readRuns(home)).toEqual({ runs: [run, studyRun('train', '2026-01-02T00:00:00.000Z', ['pass'])], ignored: 0 });
  });

  test('findings that are not a list of strings make the file unreadable, not half-read', () => {
    const bad = { ...studyRun('train', '2026-01-02T00:00:00.000Z', ['fail']), requirements: [{ id: 'R1', status: 'fail', findings: [3] }] };
    appendRun(home, bad as never);
    expect(readRuns(home)).toEqual({ runs: [], ignored: 1 });
  });
});
