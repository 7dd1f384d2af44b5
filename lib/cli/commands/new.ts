import { assertCheckout, ScaffoldEnvironmentError, ScaffoldInputError, scaffoldLab } from '../../authoring/scaffold';
import { packageRoot } from '../../package-root';
import type { EnvironmentId } from '../../model';
import { EnvironmentError, UsageError } from '../errors';
import type { CommandContext } from '../io';
import { echo } from '../text';

/** `mllab new lab <id>`: scaffolds a lab in a checkout of aws-ml-labs (the one this mllab runs from, or --root). */
export async function run(ctx: CommandContext, args: string[], options: Record<string, any>): Promise<number> {
  const [what, id] = args;
  if (what !== 'lab') throw new UsageError(`mllab new: unknown kind '${echo(what ?? '')}' (only 'lab' can be created: mllab new lab <id>)`);
  if (!id) throw new UsageError('mllab new lab: give the new lab\'s id, e.g. mllab new lab feature-store');
  const root: string = options.root ?? packageRoot();
  try {
    assertCheckout(root);
    const result = scaffoldLab(root, { id, title: options.title, environment: options.environment as EnvironmentId | undefined });
    const out = ctx.io.stdout;
    out.write(`Created lab ${id} in ${root}:\n`);
    for (const file of result.written) out.write(`  ${file}\n`);
    out.write(`Registered in ${result.registered.join(' and ')}.\n`);
    out.write(`Next: npx jest test/labs/${id} test/labs/registry.test.ts -t ${id}  (it fails until the check and every <<WRITE: ...>> are written)\n`);
    return 0;
  } catch (err) {
    if (err instanceof ScaffoldInputError) throw new UsageError(`mllab new lab: ${err.message}`);
    if (err instanceof ScaffoldEnvironmentError) throw new EnvironmentError(`mllab new lab: ${err.message}`);
    throw err;
  }
}
