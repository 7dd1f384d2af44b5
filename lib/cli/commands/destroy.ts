// `mllab destroy <lab>`: deletes the lab stack, once the user has said yes. On a terminal they are
// asked, y/N with no as the default, before anything is sent or synthesised; without a terminal
// nobody can answer, so --yes (or --force) is required, and its absence is refused at once. The
// caller and region are verified next, still before synthesis.
import { destroyLab } from '../../deploy';
import { labStackName } from '../../model';
import { askYesNo, canAsk } from '../confirm';
import { OperationFailedError, UsageError } from '../errors';
import type { CommandContext } from '../io';
import { resolveRegion } from '../region';
import { labStackOptions, runStackAction, verifyCaller, type StackActionCliOptions } from './stack-action';

export interface DestroyCliOptions extends StackActionCliOptions {
  readonly yes?: boolean;
  readonly force?: boolean;
}

export async function run(ctx: CommandContext, args: string[], options: DestroyCliOptions): Promise<number> {
  const given = labStackOptions(ctx, args, options);
  const stackName = labStackName(given.labId);
  const yes = options.yes === true || options.force === true;
  if (!yes && !canAsk(ctx.io)) {
    throw new UsageError(`destroy deletes ${stackName} and everything in it, and there is no terminal to ask for confirmation: run it again with --yes to confirm`);
  }
  // The question comes before any network call or synthesis: a no costs the user nothing, and
  // what it names (stack, region, profile) is known without asking AWS.
  const region = await resolveRegion({ ...(given.region ? { flag: given.region } : {}), env: ctx.env, ...(given.profile ? { profile: given.profile } : {}) });
  if (!yes) {
    const where = [`region ${region}`, ...(given.profile ? [`profile ${given.profile}`] : [])].join(', ');
    if (!(await askYesNo(ctx.io, `Are you sure you want to delete: ${stackName} (${where})? This is irreversible.`))) {
      // An answer of end-of-input (Ctrl-D) is not echoed: the refusal starts on a line of its own.
      ctx.io.stderr.write('\n');
      throw new OperationFailedError(`${stackName} was not deleted: the deletion was not confirmed`);
    }
  }
  const { options: stackOptions } = await verifyCaller(ctx, { ...given, region });
  // The toolkit asks its own question once it has selected the stack: the user's answer is given
  // (--yes says so on the progress lines; a typed yes was seen on the screen).
  const outcome = await runStackAction(ctx, { ...stackOptions, confirm: yes ? true : async () => true }, destroyLab);
  ctx.out(`${outcome.stackName} deleted. What you created yourself for the lab is not: run mllab teardown ${args[0]} to see and remove it.`);
  return 0;
}
