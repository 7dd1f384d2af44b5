import type { CommandContext } from '../io';
import { runStackAction } from './stack-action';

export async function run(ctx: CommandContext, args: string[], options: { region?: string; profile?: string }): Promise<number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { destroyLab } = require('../../deploy') as typeof import('../../deploy');
  const outcome = await runStackAction(ctx, args, options, destroyLab);
  ctx.out(`${outcome.stackName} deleted. What you created yourself for the lab is not: run mllab teardown ${args[0]} to see and remove it.`);
  return 0;
}
