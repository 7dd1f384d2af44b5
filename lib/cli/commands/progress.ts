import { progressHome, progressReport, ProgressStoreError, readRuns, taskReport, type StoredRuns } from '../../progress';
import { EnvironmentError, UsageError } from '../errors';
import type { CommandContext } from '../io';
import { didYouMean } from '../suggest';
import { echo } from '../text';

const percent = (n: number, d: number) => (d === 0 ? '-' : `${Math.round((100 * n) / d)}%`);

const GROUPINGS = ['domain', 'task'] as const;

/** The progress store, or exit 3 with why it cannot be read (shared by progress, plan and report). */
export function storedRuns(ctx: CommandContext): { readonly home: string; readonly stored: StoredRuns } {
  const home = progressHome(ctx.env);
  try {
    return { home, stored: readRuns(home) };
  } catch (err) {
    if (err instanceof ProgressStoreError) throw new EnvironmentError(err.message);
    throw err;
  }
}

export async function run(ctx: CommandContext, _args: string[], options: { json?: boolean; by?: string }): Promise<number> {
  const by = options.by ?? 'domain';
  if (!(GROUPINGS as readonly string[]).includes(by)) {
    throw new UsageError(`--by must be one of ${GROUPINGS.join(', ')}, got '${echo(by)}'${didYouMean(by, GROUPINGS)}`);
  }
  const { home, stored } = storedRuns(ctx);
  if (by === 'task') return byTask(ctx, home, stored, options.json === true);
  const report = progressReport(ctx.labs(), stored.runs);
  if (options.json) {
    ctx.io.stdout.write(`${JSON.stringify({ ...report, ignoredFiles: stored.ignored }, null, 2)}\n`);
    return 0;
  }
  const term = ctx.terminal;
  ctx.out(term.wrap(`Progress from ${report.runs} check run(s) in ${home}`));
  if (stored.ignored > 0) ctx.out(term.wrap(`(${stored.ignored} unreadable run file(s) ignored)`));
  for (const blueprint of report.blueprints) {
    ctx.out('');
    ctx.out(term.wrap(`${term.paint('bold', `${blueprint.id}: ${blueprint.name}`)} (weakest domain first)`, 2, ''));
    for (const d of blueprint.domains) {
      const weight = `(${Math.round(d.weight * 100)}% of the exam)`;
      if (d.labs === 0) {
        ctx.out(term.wrap(`${d.id} ${d.name} ${weight}: ${term.paint('dim', 'no lab trains it yet')}`, 6, '  '));
        continue;
      }
      ctx.out(term.wrap(`${term.paint('bold', d.id)} ${d.name} ${weight}`, 6, '  '));
      const next = d.nextLab ? `; next: ${term.paint('cyan', term.keep(`mllab show ${d.nextLab}`))}` : `; ${term.paint('green', 'all its labs passed')}`;
      ctx.out(
        term.wrap(
          `labs ${d.labsPassed}/${d.labs}, requirements ${d.requirementsPassed}/${d.requirements} (${percent(d.requirementsPassed, d.requirements)}), last attempt ${d.lastAttempt ? d.lastAttempt.slice(0, 10) : 'never'}${next}`,
          8,
          '      ',
        ),
      );
    }
  }
  // One recommendation: the weakest domain of the current blueprint (listed first) that a lab can still train.
  const weakest = report.blueprints[0]!.domains.find((d) => d.nextLab);
  ctx.out('');
  ctx.out(term.wrap(weakest ? `${term.paint('bold', 'Next:')} ${weakest.nextLab} (for ${weakest.id} ${weakest.name}, your weakest domain by exam weight)` : 'Every lab is passed.', 6, ''));
  return 0;
}

/** `--by task`: the weighted gap of every MLA-C01 task statement, weakest first. */
function byTask(ctx: CommandContext, home: string, stored: StoredRuns, json: boolean): number {
  const report = taskReport(ctx.labs(), stored.runs);
  if (json) {
    ctx.io.stdout.write(`${JSON.stringify({ ...report, ignoredFiles: stored.ignored }, null, 2)}\n`);
    return 0;
  }
  const term = ctx.terminal;
  ctx.out(term.wrap(`Progress from ${report.runs} check run(s) in ${home}`));
  if (stored.ignored > 0) ctx.out(term.wrap(`(${stored.ignored} unreadable run file(s) ignored)`));
  ctx.out('');
  ctx.out(term.wrap(`${term.paint('bold', 'MLA-C01 task statements')} (largest weighted gap first; a task weighs its domain's share over the domain's task count)`, 2, ''));
  for (const t of report.tasks) {
    const head = `${term.paint('bold', t.id)} ${t.name} (${(t.weight * 100).toFixed(1)}% of the exam)`;
    if (t.requirements === 0) {
      ctx.out(term.wrap(`${head}: gap ${(t.weightedGap * 100).toFixed(1)}%, ${term.paint('dim', 'no lab trains it yet')}`, 6, '  '));
      continue;
    }
    ctx.out(term.wrap(head, 6, '  '));
    const todo = t.labsToDo.length > 0 ? `; redo: ${t.labsToDo.map((l) => `${l} (${t.open.filter((o) => o.lab === l).map((o) => o.requirement).join(', ')})`).join(', ')}` : `; ${term.paint('green', 'all its requirements passed')}`;
    ctx.out(
      term.wrap(
        `weighted gap ${(t.weightedGap * 100).toFixed(1)}%, requirements ${t.requirementsPassed}/${t.requirements} (${percent(t.requirementsPassed, t.requirements)}), last attempt ${t.lastAttempt ? t.lastAttempt.slice(0, 10) : 'never'}${todo}`,
        8,
        '      ',
      ),
    );
  }
  return 0;
}
