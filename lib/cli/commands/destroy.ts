// `mllab destroy <lab>`: deletes the lab stack, once the user has said yes. On a terminal the
// toolkit's own question (which names the stack it selected) is put to them, y/N with no as the
// default; without a terminal nobody can answer, so --yes (or --force) is required, and its absence
// is refused before anything is synthesised or sent.
import { destroyLab } from '../../deploy';
import { labStackName } from '../../model';
import { askYesNo, canAsk } from '../confirm';
import { UsageError } from '../errors';
import type { CommandContext } from '../io';
import { labStackOptions, runStackAction, type StackActionCliOptions } from './stack-action';

export interface DestroyCliOptions extends StackActionCliOptions {
  readonly yes?: boolean;
  readonly force?: boolean;
}

export async function run(ctx: CommandContext, args: string[], options: DestroyCliOptions): Promise<number> {
  const stackOptions = labStackOptions(ctx, args, options);
  const stackName = labStackName(stackOptions.labId);
  const yes = options.yes === true || options.force === true;
  if (!yes && !canAsk(ctx.io)) {
    throw new UsageError(`destroy deletes ${stackName} and everything in it, and there is no terminal to ask for confirmation: run it again with --yes to confirm`);
  }
  const region = stackOptions.region ?? ctx.env.AWS_REGION ?? ctx.env.AWS_DEFAULT_REGION;
  const where = [region ? `region ${region}` : `the region of profile '${options.profile ?? ctx.env.AWS_PROFILE ?? 'default'}'`, ...(options.profile ? [`profile ${options.profile}`] : [])].join(', ');
  const outcome = await runStackAction({ ...stackOptions, confirm: yes ? true : (question: string) => askYesNo(ctx.io, `${question} (${where})? This is irreversible.`) }, destroyLab);
  ctx.out(`${outcome.stackName} deleted. What you created yourself for the lab is not: run mllab teardown ${args[0]} to see and remove it.`);
  return 0;
}
