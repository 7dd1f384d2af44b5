// mllab progress --by task, plan, missed and report through the CLI, in-process, with a fixed
// progress store (MLLAB_HOME in a temporary folder) and a fixed clock (--start).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendRun } from '../../lib/progress';
import { runCli } from '../support/cli-harness';
import { STUDY_LABS, studyRun } from '../support/study-labs';

let home: string;
beforeEach(() => (home = mkdtempSync(join(tmpdir(), 'mllab-study-'))));
afterEach(() => rmSync(home, { recursive: true, force: true }));

const cli = (argv: string[]) => runCli(argv, { env: { MLLAB_HOME: home }, labs: STUDY_LABS });

describe('bad input: one line on stderr, exit 2', () => {
  test.each([
    [['progress', '--by', 'lab'], "mllab: --by must be one of domain, task, got 'lab'"],
    [['plan'], 'mllab: mllab plan needs --hours-per-week <hours> (e.g. --hours-per-week 6)'],
    [['plan', '--hours-per-week', '1.1'], "mllab: --hours-per-week must be a number of hours between 0.25 and 80 in quarter hours (6, 7.5, 7.25), got '1.1'"],
    [['plan', '--hours-per-week', '0'], "mllab: --hours-per-week must be a number of hours between 0.25 and 80 in quarter hours (6, 7.5, 7.25), got '0'"],
    [['plan', '--hours-per-week', '5', '--weeks', '0'], "mllab: --weeks must be a whole number between 1 and 52, got '0'"],
    [['plan', '--hours-per-week', '5', '--start', '2026-02-30'], "mllab: --start must be a date as YYYY-MM-DD, got '2026-02-30'"],
    [['plan', '--hours-per-week', '5', '--start', '2026-12-07', '--exam-date', '2026-12-01'], "mllab: --exam-date 2026-12-01 is not after the plan's start, 2026-12-07"],
    [['plan', '--hours-per-week', '5', '--start', '2026-12-07', '--exam-date', '2026-12-13'], "mllab: --exam-date 2026-12-13 is less than a week after the plan's start, 2026-12-07: a plan is made of whole weeks"],
    [['plan', '--hours-per-week', '5', '--start', '2026-12-07', '--exam-date', '2026-12-28', '--weeks', '6'], 'mllab: --weeks 6 runs past --exam-date 2026-12-28 (3 whole week(s) away); use --weeks 3 or leave it out'],
    [['missed', 'which of the following'], "mllab: give the words of the question you missed, e.g. mllab missed \"firehose buffer interval\" (got 'which of the following', which has no word to search)"],
    [['missed', 'firehose', 'buffering'], expect.stringContaining('mllab: too many arguments')],
  ])('%j', async (argv, message) => {
    const out = await cli(argv);
    expect(out.code).toBe(2);
    expect(out.stderr.trimEnd().split('\n')).toEqual([message]);
    expect(out.stdout).toBe('');
  });
});

describe('mllab progress --by task', () => {
  test('the weighted gap of every task statement, largest first, with the requirements to redo', async () => {
    appendRun(home, studyRun('ingest', '2026-12-01T10:00:00.000Z', ['pass', 'fail', 'fail', 'pass']));
    const out = await cli(['progress', '--by', 'task']);
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines).toContain('  MLA-C01/1.2 Transform data and perform feature engineering (9.3% of the exam)');
    expect(lines).toContain('      weighted gap 9.3%, requirements 0/1 (0%), last attempt 2026-12-01; redo: ingest (R3)');
    expect(lines).toContain('      weighted gap 4.7%, requirements 1/2 (50%), last attempt 2026-12-01; redo: ingest (R2)');
    expect(lines).toContain('  MLA-C01/4.1 Monitor model inference (8.0% of the exam): gap 8.0%, no lab trains it yet');
    expect(lines.indexOf('  MLA-C01/1.2 Transform data and perform feature engineering (9.3% of the exam)')).toBeLessThan(lines.findIndex((l) => l.startsWith('  MLA-C01/1.1 ')));
  });

  test('--json', async () => {
    const json = JSON.parse((await cli(['progress', '--by', 'task', '--json'])).stdout);
    expect(json.tasks).toHaveLength(12);
    expect(json.tasks[0]).toMatchObject({ id: 'MLA-C01/1.1', weightedGap: 0.0933, labsToDo: ['ingest'] });
    expect(json.ignoredFiles).toBe(0);
  });
});

describe('mllab plan', () => {
  const plan = (...extra: string[]) => cli(['plan', '--weeks', '3', '--hours-per-week', '6', '--start', '2026-12-07', ...extra]);

  test('week by week; the next run after a check says what changed', async () => {
    const first = await plan();
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Study plan: 3 week(s) x 6 h = 18 h from 2026-12-07');
    expect(first.stdout).toContain('Week 1 (2026-12-07 to 2026-12-13), 6 h');
    expect(first.stdout).toContain('First plan: the next `mllab plan` says what your checks changed.');
    expect(existsSync(join(home, 'plan', 'last.json'))).toBe(true);
    expect((await plan()).stdout).toContain('No change since your last plan (made 2026-12-07).');

    appendRun(home, studyRun('deploy', '2026-12-07T12:00:00.000Z', ['pass', 'pass']));
    const second = await plan();
    expect(second.stdout).toContain('Changed since your last plan (made 2026-12-07):');
    expect(second.stdout).toMatch(/- MLA-C01\/3\.1 Select deployment infrastructure based on existing architecture and requirements: [\d.]+ h -> 0 h \(no gap left\)/);
    expect(second.stdout).toMatch(/- re-check deploy: new, due 2026-12-\d\d/);
  });

  test('--json is the plan with what changed; --ics writes a calendar', async () => {
    const ics = join(home, 'plan.ics');
    const out = await plan('--json', '--ics', ics);
    const json = JSON.parse(out.stdout);
    expect(json).toMatchObject({ start: '2026-12-07', weeks: 3, hoursPerWeek: 6, budgetHours: 18, changes: null });
    expect(json.schedule).toHaveLength(3);
    expect(readFileSync(ics, 'utf8')).toContain('BEGIN:VCALENDAR');
    expect(JSON.parse((await plan('--json')).stdout).changes).toEqual([]);
  });

  test('--exam-date alone: whole weeks until the exam', async () => {
    const out = await cli(['plan', '--hours-per-week', '2.5', '--start', '2026-12-07', '--exam-date', '2027-01-05', '--json']);
    expect(JSON.parse(out.stdout)).toMatchObject({ weeks: 4, examDate: '2027-01-05', budgetHours: 10 });
  });
});

describe('mllab missed', () => {
  test('the labs to redo, then each requirement with its task statements', async () => {
    const out = await cli(['missed', 'Kinesis retention for replay']);
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('Labs to redo, most relevant first: ingest (R2)');
    expect(lines).toContain('1. ingest R2: The stream keeps records for 48 hours.');
    expect(lines).toContain('    tasks: MLA-C01/1.1 Ingest and store data');
    expect(out.stdout).toContain('Redo one with mllab show ingest, then mllab check ingest.');
  });

  test('--json and --limit', async () => {
    const json = JSON.parse((await cli(['missed', 'endpoint', '--json', '--limit', '1'])).stdout);
    expect(json.requirements).toHaveLength(1);
    expect(json.labs).toEqual([{ lab: 'deploy', requirements: [json.requirements[0].requirement] }]);
  });

  test('nothing matches: says so, exit 0', async () => {
    const out = await cli(['missed', 'quantum blockchain']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("No requirement matches 'quantum blockchain'.");
  });
});

describe('mllab report', () => {
  test('writes the page where asked', async () => {
    appendRun(home, studyRun('ingest', '2026-12-01T10:00:00.000Z', ['pass', 'fail', 'fail', 'pass'], { R2: ['Retention is <24> hours & "short".'] }));
    const file = join(home, 'r.html');
    const out = await cli(['report', '--html', file]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Report written to ${file} (0 diagram(s), without a plan)`);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('Retention is &lt;24&gt; hours &amp; &quot;short&quot;.');
  });

  test('--html with no file: mllab-report.html in the current folder', async () => {
    const cwd = process.cwd();
    process.chdir(home);
    try {
      expect((await cli(['report', '--html'])).code).toBe(0);
      expect((await cli(['report'])).code).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    expect(readFileSync(join(home, 'mllab-report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  test('a file that cannot be written: one line, exit 3', async () => {
    const out = await cli(['report', '--html', join(home, 'no', 'such', 'dir', 'r.html')]);
    expect(out.code).toBe(3);
    expect(out.stderr).toMatch(/^mllab: cannot write .*r\.html \(ENOENT\)\n$/);
  });
});
