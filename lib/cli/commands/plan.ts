import { writeFileSync } from 'node:fs';
import { buildPlan, planChanges, planIcs, planLines, readLastPlan, writeLastPlan, type StudyPlan } from '../../plan';
import { EnvironmentError, UsageError } from '../errors';
import type { CommandContext } from '../io';
import { echo } from '../text';
import { storedRuns } from './progress';

export interface PlanCommandOptions {
  readonly weeks?: number;
  readonly hoursPerWeek?: string;
  readonly examDate?: string;
  readonly start?: string;
  readonly json?: boolean;
  readonly ics?: string;
}

const DAY_MS = 86_400_000;
const DEFAULT_WEEKS = 4;
const MAX_HOURS = 80;

/** `YYYY-MM-DD` as a UTC day, refusing what is not a real date (2026-02-30). */
export function parseDay(raw: string, flag: string): Date {
  const day = new Date(`${raw.trim()}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw.trim()) || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== raw.trim()) {
    throw new UsageError(`${flag} must be a date as YYYY-MM-DD, got '${echo(raw)}'`);
  }
  return day;
}

export function parseHours(raw: string | undefined): number {
  if (raw === undefined) throw new UsageError('mllab plan needs --hours-per-week <hours> (e.g. --hours-per-week 6)');
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || n <= 0 || n > MAX_HOURS || !Number.isInteger(n * 4)) {
    throw new UsageError(`--hours-per-week must be a number of hours between 0.25 and ${MAX_HOURS} in quarter hours (6, 7.5, 7.25), got '${echo(raw)}'`);
  }
  return n;
}

/** The plan's inputs from the options, or one UsageError line. `today` is the clock. */
export function planInputs(options: PlanCommandOptions, today: Date): { weeks: number; hoursPerWeek: number; start: Date; examDate?: Date } {
  const hoursPerWeek = parseHours(options.hoursPerWeek);
  const start = options.start !== undefined ? parseDay(options.start, '--start') : new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const examDate = options.examDate !== undefined ? parseDay(options.examDate, '--exam-date') : undefined;
  if (examDate && examDate <= start) throw new UsageError(`--exam-date ${options.examDate} is not after the plan's start, ${start.toISOString().slice(0, 10)}`);
  // Whole weeks that end before the exam day.
  const weeksToExam = examDate ? Math.floor((examDate.getTime() - start.getTime()) / (7 * DAY_MS)) : undefined;
  if (weeksToExam === 0) throw new UsageError(`--exam-date ${options.examDate} is less than a week after the plan's start, ${start.toISOString().slice(0, 10)}: a plan is made of whole weeks`);
  const weeks = options.weeks ?? weeksToExam ?? DEFAULT_WEEKS;
  if (weeksToExam !== undefined && examDate && start.getTime() + weeks * 7 * DAY_MS > examDate.getTime() + DAY_MS) {
    throw new UsageError(`--weeks ${weeks} runs past --exam-date ${options.examDate} (${weeksToExam} whole week(s) away); use --weeks ${weeksToExam} or leave it out`);
  }
  return { weeks, hoursPerWeek, start, ...(examDate ? { examDate } : {}) };
}

function writeFile(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (err: any) {
    throw new EnvironmentError(`cannot write ${echo(file)} (${err?.code ?? err?.message})`);
  }
}

export async function run(ctx: CommandContext, _args: string[], options: PlanCommandOptions): Promise<number> {
  const inputs = planInputs(options, new Date());
  const { home, stored } = storedRuns(ctx);
  const plan: StudyPlan = buildPlan(ctx.labs(), stored.runs, inputs);
  const before = readLastPlan(home);
  const changes = before ? planChanges(before, plan) : [];
  if (options.ics) writeFile(options.ics, planIcs(plan));
  try {
    writeLastPlan(home, plan);
  } catch (err: any) {
    throw new EnvironmentError(`cannot keep the plan in ${home} (${err?.code ?? err?.message}); set MLLAB_HOME to a writable directory`);
  }
  if (options.json) {
    ctx.io.stdout.write(`${JSON.stringify({ ...plan, changes: before ? changes : null }, null, 2)}\n`);
    return 0;
  }
  const term = ctx.terminal;
  for (const line of planLines(plan)) {
    const indent = line.match(/^ */)![0].length;
    ctx.out(line.trim() === '' ? '' : term.wrap(line.trimStart(), indent + 2, ' '.repeat(indent)));
  }
  ctx.out('');
  if (!before) ctx.out(term.wrap('First plan: the next `mllab plan` says what your checks changed.'));
  else if (changes.length === 0) ctx.out(term.wrap(`No change since your last plan (made ${before.start}).`));
  else {
    ctx.out(term.paint('bold', `Changed since your last plan (made ${before.start}):`));
    for (const c of changes) ctx.out(term.wrap(`- ${c}`, 4, '  '));
  }
  if (options.ics) ctx.out(term.wrap(`Calendar written to ${options.ics}`));
  return 0;
}
