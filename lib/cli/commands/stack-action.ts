import { LabStackError, type LabStackOptions, type LabStackOutcome } from '../../deploy';
import { EnvironmentError, OperationFailedError } from '../errors';
import type { CommandContext } from '../io';
import { requireLab } from '../labs';
import { validateRegion } from '../region';

export interface StackActionCliOptions {
  readonly region?: string;
  readonly profile?: string;
  readonly budgetUsd?: number;
  readonly email?: string;
}

/**
 * What `deploy` and `destroy` hand the toolkit, from their arguments: the lab and the region are
 * validated here, without synthesis or any network call, so a mistake is refused first.
 */
export function labStackOptions(ctx: CommandContext, args: string[], options: StackActionCliOptions): LabStackOptions {
  const lab = requireLab(ctx, args[0]!);
  const region = options.region !== undefined ? validateRegion(options.region, '--region') : undefined;
  return {
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
  };
}

/** Runs one lab stack action through the toolkit and turns its errors into the CLI's (exit 1 or 3). */
export async function runStackAction<O extends LabStackOptions>(options: O, action: (options: O) => Promise<LabStackOutcome>): Promise<LabStackOutcome> {
  try {
    return await action(options);
  } catch (err) {
    if (err instanceof LabStackError) {
      if (err.kind === 'failed' || err.kind === 'synthesis' || err.kind === 'not-confirmed') throw new OperationFailedError(err.message);
      throw new EnvironmentError(err.message);
    }
    throw err;
  }
}
