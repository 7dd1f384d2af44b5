import { progressHome, progressReport, ProgressStoreError, readRuns } from '../../progress';
import { EnvironmentError } from '../errors';
import type { CommandContext } from '../io';

const percent = (n: number, d: number) => (d === 0 ? '-' : `${Math.round((100 * n) / d)}%`);

export async function run(ctx: CommandContext, _args: string[], options: { json?: boolean }): Promise<number> {
  const home = progressHome(ctx.env);
  let stored;
  try {
    stored = readRuns(home);
  } catch (err) {
    if (err instanceof ProgressStoreError) throw new EnvironmentError(err.message);
    throw err;
  }
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
