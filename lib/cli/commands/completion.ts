// `mllab completion bash|zsh|fish`: the shell completion script, on stdout.
import { completionScript, SHELLS, type Shell } from '../completion';
import { UsageError } from '../errors';
import type { CommandContext } from '../io';
import { didYouMean } from '../suggest';
import { echo } from '../text';
import { COMMANDS } from './index';

export async function run(ctx: CommandContext, args: string[]): Promise<number> {
  const shell = args[0]!;
  if (!(SHELLS as readonly string[]).includes(shell)) {
    throw new UsageError(`unknown shell '${echo(shell)}'${didYouMean(shell, SHELLS)} (one of ${SHELLS.join(', ')})`);
  }
  ctx.io.stdout.write(completionScript(shell as Shell, COMMANDS, ctx.labs().map((l) => l.id)));
  return 0;
}
