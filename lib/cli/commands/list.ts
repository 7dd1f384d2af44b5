import { labProgress, progressHome, ProgressStoreError, readRuns, type ProgressRun } from '../../progress';
import { EnvironmentError } from '../errors';
import type { CommandContext } from '../io';

function storedRuns(ctx: CommandContext): readonly ProgressRun[] {
  try {
    return readRuns(progressHome(ctx.env)).runs;
  } catch (err) {
    if (err instanceof ProgressStoreError) throw new EnvironmentError(err.message);
    throw err;
  }
}

export async function run(ctx: CommandContext, _args: string[], options: { json?: boolean }): Promise<number> {
  const runs = storedRuns(ctx);
  const rows = ctx.labs().map((lab) => {
    const progress = labProgress(lab, runs);
    return {
      id: lab.id,
      title: lab.title,
      domains: [...lab.domains['MLA-C01'], ...lab.domains['MLS-C01']],
      environments: [...lab.environments],
      estimatedMinutes: lab.estimatedMinutes,
      estimatedCostUsd: lab.estimatedCostUsd,
      lastResult: progress.lastResult ?? null,
      passed: progress.passed,
    };
  });
  if (options.json) {
    ctx.io.stdout.write(`${JSON.stringify({ labs: rows }, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    ctx.out('No labs are registered.');
    return 0;
  }
  const term = ctx.terminal;
  for (const r of rows) {
    const last = r.lastResult
      ? term.paint(r.passed ? 'green' : 'yellow', `last: ${r.lastResult.passed}/${r.lastResult.total} passed on ${r.lastResult.at.slice(0, 10)}${r.passed ? ' (completed)' : ''}`)
      : term.paint('dim', 'not attempted');
    ctx.out(term.wrap(`${term.paint('bold', r.id)}  ${r.title}`, 4, ''));
    ctx.out(term.wrap(`${r.domains.join(' ')} | ${r.environments.join(', ')} | ~${r.estimatedMinutes} min, ~$${r.estimatedCostUsd.toFixed(2)} | ${last}`, 4));
  }
  return 0;
}
