import { LabStackError, type LabStackOptions, type LabStackOutcome } from '../../deploy';
import { EnvironmentError, OperationFailedError } from '../errors';
import type { CommandContext } from '../io';
import { requireLab } from '../labs';
import { validateRegion } from '../region';

/** Shared by `deploy` and `destroy`: one lab stack through the toolkit, progress on stderr. */
export async function runStackAction(
  ctx: CommandContext,
  args: string[],
  options: { region?: string; profile?: string; budgetUsd?: number; email?: string },
  action: (options: LabStackOptions) => Promise<LabStackOutcome>,
): Promise<LabStackOutcome> {
  const lab = requireLab(ctx, args[0]!);
  const region = options.region !== undefined ? validateRegion(options.region, '--region') : undefined;
  try {
    return await action({
      labId: lab.id,
      ...(region ? { region } : {}),
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.budgetUsd !== undefined || options.email
        ? { context: { ...(options.budgetUsd !== undefined ? { budgetUsd: options.budgetUsd } : {}), ...(options.email ? { email: options.email } : {}) } }
        : {}),
      // Progress to stderr keeps stdout for the result (stack outputs), which scripts read.
      onProgress: (line) => ctx.err(line),
      ...(ctx.io.createLabApp ? { createApp: ctx.io.createLabApp } : {}),
      ...(ctx.io.stackEventPollingMs !== undefined ? { pollingIntervalMs: ctx.io.stackEventPollingMs } : {}),
    });
  } catch (err) {
    if (err instanceof LabStackError) {
      if (err.kind === 'failed' || err.kind === 'synthesis') throw new OperationFailedError(err.message);
      throw new EnvironmentError(err.message);
    }
    throw err;
  }
}
