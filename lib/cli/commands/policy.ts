import { checkerPolicy, PolicyError } from '../../policy';
import type { CommandContext } from '../io';
import { requireLab } from '../labs';

export async function run(ctx: CommandContext, _args: string[], options: { lab?: string }): Promise<number> {
  const labs = options.lab ? [requireLab(ctx, options.lab)] : ctx.labs();
  try {
    ctx.io.stdout.write(`${JSON.stringify(checkerPolicy(labs), null, 2)}\n`);
  } catch (err) {
    // A lab declares a read the policy map does not know: a bug in mllab, not the user's fault.
    if (err instanceof PolicyError) throw new Error(err.message);
    throw err;
  }
  return 0;
}
