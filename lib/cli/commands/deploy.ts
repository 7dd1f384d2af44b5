// `mllab deploy <lab>`: the caller and region first (one line, exit 3 without credentials), then
// the lab stack through the toolkit, which synthesises it.
import { deployLab } from '../../deploy';
import type { CommandContext } from '../io';
import { labStackOptions, runStackAction, verifyCaller, type StackActionCliOptions } from './stack-action';

export async function run(ctx: CommandContext, args: string[], options: StackActionCliOptions): Promise<number> {
  const { options: stackOptions } = await verifyCaller(ctx, labStackOptions(ctx, args, options));
  const outcome = await runStackAction(ctx, stackOptions, deployLab);
  ctx.out(`${outcome.stackName} deployed.`);
  for (const [key, value] of Object.entries(outcome.outputs).sort(([a], [b]) => a.localeCompare(b))) ctx.out(`  ${key} = ${value}`);
  ctx.out(`Next: mllab show ${args[0]}, then mllab check ${args[0]}.`);
  return 0;
}
