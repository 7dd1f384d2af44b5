// `mllab cost [<lab>] [--region <r>] [--markdown]`: idle cost per hour and expected cost to complete,
// from the synthesized stack and the lab's declared usage. Needs no AWS credentials.
// The templates come from the build (lib/cost/stored-templates.ts) when it stored them for the
// sources installed now; otherwise the lab app is synthesised here, seconds per lab, with a
// progress line on stderr. The synthesiser (aws-cdk-lib) is loaded only then.
import { costTableMarkdown, estimateLabCost, formatCostEstimate } from '../../cost/estimate';
import { lookupStoredTemplates, templatesToPrice } from '../../cost/stored-templates';
import { synthesizeLabTemplate } from '../../cost/template';
import { UsageError } from '../errors';
import type { CommandContext } from '../io';
import { requireLab } from '../labs';
import { validateRegion } from '../region';
import { wrapLines } from '../terminal';
import { progressLine } from './stack-action';

export interface CostCliOptions {
  readonly region?: string;
  readonly json?: boolean;
  /** The README table "What each lab costs". */
  readonly markdown?: boolean;
}

export async function run(ctx: CommandContext, args: string[], options: CostCliOptions): Promise<number> {
  if (options.json && options.markdown) throw new UsageError('give either --json or --markdown, not both');
  const labs = args[0] ? [requireLab(ctx, args[0])] : ctx.labs();
  // Prices do not need credentials; the region only picks the price table's column.
  const fromEnv = ctx.env.AWS_REGION ?? ctx.env.AWS_DEFAULT_REGION;
  const region = options.region !== undefined ? validateRegion(options.region, '--region') : fromEnv ? validateRegion(fromEnv, ctx.env.AWS_REGION ? 'AWS_REGION' : 'AWS_DEFAULT_REGION') : 'us-east-1';
  // A lab app given in place of lib/stack's (tests) is never the one the build synthesised.
  const stored = ctx.io.createLabApp ? { ok: false as const, reason: 'the lab app is not the built one' } : lookupStoredTemplates();
  const progress = progressLine(ctx);
  let templates;
  try {
    templates = await templatesToPrice(labs.map((l) => l.id), {
      stored,
      onSynthesis: (labId, reason) => progress.phase(`synthesising ${labId} to price it (${reason}; \`npm run build\` stores its template)`),
      synthesize: async (labId) => synthesizeLabTemplate(labId, ctx.io.createLabApp),
    });
  } finally {
    progress.stop();
  }
  const estimates = labs.map((lab, i) => estimateLabCost(lab, templates[i]!, region));
  if (options.json) {
    ctx.io.stdout.write(`${JSON.stringify({ cost: estimates }, null, 2)}\n`);
  } else if (options.markdown) {
    ctx.out(costTableMarkdown(estimates));
  } else {
    const term = ctx.terminal;
    // The lab id, where each estimate starts, stands out; the rows wrap under their own text.
    const text = estimates.map((e) => formatCostEstimate(e).replace(e.labId, term.paint('bold', e.labId))).join('\n\n');
    ctx.out(wrapLines(text, term));
  }
  return 0;
}
