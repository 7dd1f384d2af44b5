import { labsToRedo, loadIndex, requirementDocuments, searchMissed, searchTerms, storedIndexPath } from '../../missed';
import { packageRoot } from '../../package-root';
import { UsageError } from '../errors';
import type { CommandContext } from '../io';
import { echo } from '../text';

export async function run(ctx: CommandContext, args: string[], options: { json?: boolean; limit?: number }): Promise<number> {
  const words = args[0] ?? '';
  if (searchTerms(words).length === 0) {
    throw new UsageError(`give the words of the question you missed, e.g. mllab missed "firehose buffer interval" (got '${echo(words)}', which has no word to search)`);
  }
  const docs = requirementDocuments(ctx.labs());
  const loaded = loadIndex(storedIndexPath(packageRoot()), docs);
  const hits = searchMissed(loaded.index, docs, words, options.limit ?? 10);
  const labs = labsToRedo(hits);
  if (options.json) {
    ctx.io.stdout.write(`${JSON.stringify({ query: words, index: loaded.source, labs, requirements: hits }, null, 2)}\n`);
    return 0;
  }
  const term = ctx.terminal;
  if (ctx.debug && loaded.source === 'memory') ctx.err(`mllab: search index built in memory: ${loaded.reason}`);
  if (hits.length === 0) {
    ctx.out(term.wrap(`No requirement matches '${echo(words)}'. Try the service or concept the question is about (e.g. "kinesis retention", "athena partitions").`));
    return 0;
  }
  ctx.out(term.wrap(`${term.paint('bold', 'Labs to redo')}, most relevant first: ${labs.map((l) => `${l.lab} (${l.requirements.join(', ')})`).join('; ')}`, 2, ''));
  ctx.out('');
  hits.forEach((h, i) => {
    ctx.out(term.wrap(`${i + 1}. ${term.paint('bold', `${h.lab} ${h.requirement}`)}: ${h.title}`, 4, ''));
    ctx.out(term.wrap(`tasks: ${h.tasks.map((t) => `${t.id} ${t.name}`).join('; ')}`, 6, '    '));
    ctx.out(term.wrap(`concepts: ${h.concepts.join(', ')}; matched: ${h.matched.join(', ')}`, 6, '    '));
  });
  ctx.out('');
  ctx.out(term.wrap(`Redo one with ${term.keep(`mllab show ${labs[0]!.lab}`)}, then ${term.keep(`mllab check ${labs[0]!.lab}`)}.`));
  return 0;
}
