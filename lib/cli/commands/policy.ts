// `mllab policy [--lab <lab>] [--region <region>] [--profile <name>]`: the checkers' IAM policy for one region.
import { partition } from '@aws-sdk/core/client';
import { checkerPolicy, PolicyError } from '../../policy';
import type { CommandContext } from '../io';
import { requireLab } from '../labs';
import { resolveRegion } from '../region';

export interface PolicyCliOptions {
  readonly lab?: string;
  readonly region?: string;
  readonly profile?: string;
}

export async function run(ctx: CommandContext, _args: string[], options: PolicyCliOptions): Promise<number> {
  const labs = options.lab ? [requireLab(ctx, options.lab)] : ctx.labs();
  // The region like every command that reads AWS; its partition (aws, aws-cn, aws-us-gov) names the
  // ARNs, from the SDK's own partition data, as the SDK resolves endpoints.
  const region = await resolveRegion({ ...(options.region !== undefined ? { flag: options.region } : {}), env: ctx.env, ...(options.profile ? { profile: options.profile } : {}) });
  try {
    ctx.io.stdout.write(`${JSON.stringify(checkerPolicy(labs, { region, partition: partition(region).name }), null, 2)}\n`);
  } catch (err) {
    // A lab declares a read the policy map does not know: a bug in mllab, not the user's fault.
    if (err instanceof PolicyError) throw new Error(err.message);
    throw err;
  }
  return 0;
}
