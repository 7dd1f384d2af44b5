// `mllab teardown [<lab>] [--all] [--regions all|<list>] [--yes] [--force]`: a dry run by default.
// With --yes on a terminal, each lab's plan is shown and the learner answers y/N (no by default)
// before the first deletion; --force executes without the question. Without a terminal --yes is the
// answer (nobody could type one).
import { classifyError } from '../../aws/errors';
import { pricesFor } from '../../cost/prices';
import { destroyLab } from '../../deploy';
import * as teardown from '../../teardown';
import { askYesNo, canAsk } from '../confirm';
import { CliError, EnvironmentError, OperationFailedError, UsageError } from '../errors';
import { printIdentityHeader } from '../identity';
import type { CommandContext } from '../io';
import { requireLab } from '../labs';
import { resolveRegion, validateRegion } from '../region';

export interface TeardownCliOptions {
  readonly region?: string;
  readonly profile?: string;
  readonly yes?: boolean;
  /** Execute without the question a terminal gets (implies --yes). */
  readonly force?: boolean;
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

  const execute = options.yes === true || options.force === true;
  // A person at a terminal confirms what they see; --force, or no terminal, means --yes was the answer.
  const ask = execute && options.force !== true && canAsk(ctx.io);
  const declined: string[] = [];
  const where = options.regions === 'all' ? 'every enabled region' : options.regions ? `regions ${options.regions.join(', ')}` : `region ${home}`;
  await printIdentityHeader(ctx, { region: home, where, ...profile });

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
        const showPlan = (plan: teardown.TeardownPlan) => (options.json ? ctx.err : ctx.out)(teardown.formatPlan(plan, Number.isFinite(ctx.terminal.width) ? { width: ctx.terminal.width } : {}));
        const teardownWith = (yes: boolean, onPlan?: (plan: teardown.TeardownPlan) => void) =>
          teardown.teardownLab(clients, scope, pricesFor(region), {
            yes,
            tagged,
            otherLabIds: ctx.labs().map((l) => l.id).filter((id) => id !== labId),
            ...(options.pollSeconds !== undefined ? { pollMs: options.pollSeconds * 1000 } : {}),
            onProgress: (line) => ctx.err(line),
            ...(onPlan ? { onPlan } : {}),
            destroyStack: async () => {
              await destroyLab({
                // Reached only when executing, after the plan naming the stack was shown: --yes, --force or
                // the learner's y was the answer.
                labId, region, ...profile, confirm: true,
                onProgress: (line) => ctx.err(`  ${line}`),
                ...(ctx.io.createLabApp ? { createApp: ctx.io.createLabApp } : {}),
              });
            },
          });
        let outcome: teardown.TeardownOutcome;
        try {
          if (!ask) {
            outcome = await teardownWith(execute, options.json ? undefined : showPlan);
          } else {
            // The plan first (read-only), then the question, then the deletions.
            const dry = await teardownWith(false, showPlan);
            if (dry.plan.items.length === 0) {
              outcome = dry;
            } else if (!(await askYesNo(ctx.io, `Delete the ${dry.plan.items.length} item(s) above of ${labId} in ${region}? This is irreversible.`))) {
              declined.push(`${labId} in ${region}`);
              continue;
            } else {
              outcome = await teardownWith(true, (plan) => requireConfirmed(dry.plan, plan));
            }
          }
        } catch (err) {
          if (err instanceof CliError) throw err;
          return couldNotRead(err, region);
        }
        exitCode = Math.max(exitCode, outcome.exitCode);
        if (options.json) {
          json.push({ lab: labId, region, plan: outcome.plan, execution: outcome.execution ?? null, left: outcome.sweep?.items ?? null, exitCode: outcome.exitCode });
          continue;
        }
        if (outcome.execution) ctx.out(teardown.formatSweep(outcome));
        else if (outcome.plan.items.length > 0 && !execute) {
          const next = `mllab teardown ${lab ? labId : '--all'}${options.regions ? ` --regions ${options.regions === 'all' ? 'all' : options.regions.join(',')}` : ` --region ${region}`} --yes`;
          // The command to copy stays on one line however narrow the terminal.
          ctx.out(ctx.terminal.wrap(`Dry run: nothing was changed. To remove all of this: ${ctx.terminal.keep(next)}`));
        }
      }
    } finally {
      clients.destroy();
    }
  }
  if (options.json) ctx.io.stdout.write(`${JSON.stringify({ teardown: json }, null, 2)}\n`);
  // A no leaves the lab billing: exit 1, as `destroy` answered no.
  if (declined.length > 0) throw new OperationFailedError(`teardown of ${declined.join(', ')} was not confirmed: nothing of it was changed`);
  return exitCode;
}

/** `kind name` of each item, to compare the plan the learner confirmed with the one about to run. */
const itemsOf = (plan: teardown.TeardownPlan) => plan.items.map((i) => `${i.action} ${i.resource.kind} ${i.resource.name}`);

/**
 * The account is read again before the deletions start: anything in that plan the learner did not
 * see and confirm stops the run before its first deletion (what went away meanwhile is no concern).
 */
function requireConfirmed(confirmed: teardown.TeardownPlan, plan: teardown.TeardownPlan): void {
  const seen = new Set(itemsOf(confirmed));
  const unseen = itemsOf(plan).filter((item) => !seen.has(item));
  if (unseen.length > 0) {
    throw new OperationFailedError(`the account changed after you confirmed (not in the plan you saw: ${unseen.slice(0, 3).join('; ')}${unseen.length > 3 ? ` and ${unseen.length - 3} more` : ''}); nothing was deleted. Run mllab teardown ${plan.labId} again to see the new plan`);
  }
}
