import { destroyLab } from '../../deploy';
import type { CommandContext } from '../io';
import { runStackAction } from './stack-action';

export async function run(ctx: CommandContext, args: string[], options: { region?: string; profile?: string }): Promise<number> {
  const outcome = await runStackAction(ctx, args, options, destroyLab);
  ctx.out(`${outcome.stackName} deleted. What you created yourself for the lab is not: run mllab teardown ${args[0]} to see and remove it.`);
  return 0;
}
