import { deployLab } from '../../deploy';
import type { CommandContext } from '../io';
import { labStackOptions, runStackAction, type StackActionCliOptions } from './stack-action';

export async function run(ctx: CommandContext, args: string[], options: StackActionCliOptions): Promise<number> {
  const outcome = await runStackAction(labStackOptions(ctx, args, options), deployLab);
  ctx.out(`${outcome.stackName} deployed.`);
  for (const [key, value] of Object.entries(outcome.outputs).sort(([a], [b]) => a.localeCompare(b))) ctx.out(`  ${key} = ${value}`);
  ctx.out(`Next: mllab show ${args[0]}, then mllab check ${args[0]}.`);
  return 0;
}
