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
  ctx.out(`Progress from ${report.runs} check run(s) in ${home}`);
  if (stored.ignored > 0) ctx.out(`(${stored.ignored} unreadable run file(s) ignored)`);
  for (const blueprint of report.blueprints) {
    ctx.out('');
    ctx.out(`${blueprint.id}: ${blueprint.name} (weakest domain first)`);
    for (const d of blueprint.domains) {
      if (d.labs === 0) {
        ctx.out(`  ${d.id} ${d.name} (${Math.round(d.weight * 100)}% of the exam): no lab trains it yet`);
        continue;
      }
      ctx.out(`  ${d.id} ${d.name} (${Math.round(d.weight * 100)}% of the exam)`);
      ctx.out(
        `      labs ${d.labsPassed}/${d.labs}, requirements ${d.requirementsPassed}/${d.requirements} (${percent(d.requirementsPassed, d.requirements)}), last attempt ${d.lastAttempt ? d.lastAttempt.slice(0, 10) : 'never'}` +
          (d.nextLab ? `; next: mllab show ${d.nextLab}` : '; all its labs passed'),
      );
    }
  }
  // One recommendation: the weakest domain of the current blueprint (listed first) that a lab can still train.
  const weakest = report.blueprints[0]!.domains.find((d) => d.nextLab);
  ctx.out('');
  ctx.out(weakest ? `Next: ${weakest.nextLab} (for ${weakest.id} ${weakest.name}, your weakest domain by exam weight)` : 'Every lab is passed.');
  return 0;
}
