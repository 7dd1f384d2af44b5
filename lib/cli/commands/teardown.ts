// `mllab teardown [<lab>] [--all] [--regions all|<list>] [--yes]`: a dry run by default.
import { classifyError } from '../../aws/errors';
import { pricesFor } from '../../cost/prices';
import { destroyLab } from '../../deploy';
import * as teardown from '../../teardown';
import { EnvironmentError, UsageError } from '../errors';
import type { CommandContext } from '../io';
import { requireLab } from '../labs';
import { resolveRegion, validateRegion } from '../region';

export interface TeardownCliOptions {
  readonly region?: string;
  readonly profile?: string;
  readonly yes?: boolean;
  readonly all?: boolean;
  /** 'all' or region names, from `parseRegions`. */
  readonly regions?: 'all' | readonly string[];
  readonly json?: boolean;
  /** Seconds between passes while AWS deletes (tests shorten it). */
  readonly pollSeconds?: number;
}

export async function run(ctx: CommandContext, args: string[], options: TeardownCliOptions): Promise<number> {
  if (!args[0] && !options.all) throw new UsageError('name a lab (`mllab teardown <lab>`) or pass --all for every lab found in the account');
  if (args[0] && options.all) throw new UsageError('give either a lab or --all, not both');
  if (options.regions && options.region) throw new UsageError('give either --region or --regions, not both');
  const lab = args[0] ? requireLab(ctx, args[0]) : undefined;
  // --regions was checked for its form when parsed; the partition data is checked here.
  if (options.regions && options.regions !== 'all') options.regions.forEach((r) => validateRegion(r, '--regions'));

  const home = await resolveRegion({ ...(options.region !== undefined ? { flag: options.region } : {}), env: ctx.env, ...(options.profile ? { profile: options.profile } : {}) });
  const profile = options.profile ? { profile: options.profile } : {};
  const clientsOf = (region: string) => teardown.createTeardownClients({ region, ...profile });
  const couldNotRead = (err: unknown, region: string): never => {
    const c = classifyError(err);
    throw new EnvironmentError(`teardown could not read the account in ${region}: ${c.message}`);
  };

  let regions: readonly string[] = [home];
  if (options.regions === 'all') {
    const c = clientsOf(home);
    try {
      regions = await teardown.enabledRegions(c);
    } catch (err) {
      couldNotRead(err, home);
    } finally {
      c.destroy();
    }
  } else if (options.regions) regions = options.regions;

  let exitCode = 0;
  const json: unknown[] = [];
  for (const region of regions) {
    const clients = clientsOf(region);
    try {
      let tagged: Map<string, string[]>;
      let labIds: readonly string[];
      try {
        tagged = await teardown.taggedArnsByLab(clients);
        if (lab) {
          labIds = [lab.id];
        } else {
          const found = await teardown.labsInAccount(clients, tagged, ctx.labs().map((l) => l.id));
          labIds = found.ids;
          for (const why of found.passedOver) ctx.err(`${region}: not touched: ${why}`);
        }
      } catch (err) {
        return couldNotRead(err, region);
      }
      if (!lab && labIds.length === 0 && !options.json) ctx.out(`${region}: no lab found (no MlLab-* stack of mllab's, nothing tagged mllab:lab for a lab this build knows).`);
      for (const labId of labIds) {
        // --all finds only labs and environments this build knows; an environment stack has no learner resources.
        const scope: teardown.LabScope = ctx.labs().find((l) => l.id === labId) ?? { id: labId, learnerResources: [] };
        let outcome;
        try {
          outcome = await teardown.teardownLab(clients, scope, pricesFor(region), {
            yes: !!options.yes,
            tagged,
            otherLabIds: ctx.labs().map((l) => l.id).filter((id) => id !== labId),
            ...(options.pollSeconds !== undefined ? { pollMs: options.pollSeconds * 1000 } : {}),
            onProgress: (line) => ctx.err(line),
            ...(options.json ? {} : { onPlan: (plan) => ctx.out(teardown.formatPlan(plan)) }),
            destroyStack: async () => {
              await destroyLab({
                // Reached only with --yes, after the plan naming the stack was shown: that is the user's answer.
                labId, region, ...profile, confirm: true,
                onProgress: (line) => ctx.err(`  ${line}`),
                ...(ctx.io.createLabApp ? { createApp: ctx.io.createLabApp } : {}),
              });
            },
          });
        } catch (err) {
          return couldNotRead(err, region);
        }
        exitCode = Math.max(exitCode, outcome.exitCode);
        if (options.json) {
          json.push({ lab: labId, region, plan: outcome.plan, execution: outcome.execution ?? null, left: outcome.sweep?.items ?? null, exitCode: outcome.exitCode });
          continue;
        }
        if (outcome.execution) ctx.out(teardown.formatSweep(outcome));
        else if (outcome.plan.items.length > 0) ctx.out(`Dry run: nothing was changed. To remove all of this: mllab teardown ${lab ? labId : '--all'}${options.regions ? ` --regions ${options.regions === 'all' ? 'all' : options.regions.join(',')}` : ` --region ${region}`} --yes`);
      }
    } finally {
      clients.destroy();
    }
  }
  if (options.json) ctx.io.stdout.write(`${JSON.stringify({ teardown: json }, null, 2)}\n`);
  return exitCode;
}
