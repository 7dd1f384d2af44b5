// `mllab spend [<lab>]`: actual spend this month against each deployed lab's budget (AWS Budgets).
import { classifyError } from '../../aws/errors';
import * as spend from '../../spend';
import { EnvironmentError } from '../errors';
import type { CommandContext } from '../io';
import { requireLab } from '../labs';
import { resolveRegion } from '../region';

export interface SpendCliOptions {
  readonly region?: string;
  readonly profile?: string;
  readonly json?: boolean;
}

export async function run(ctx: CommandContext, args: string[], options: SpendCliOptions): Promise<number> {
  const labs = args[0] ? [requireLab(ctx, args[0])] : ctx.labs();
  const region = await resolveRegion({ ...(options.region !== undefined ? { flag: options.region } : {}), env: ctx.env, ...(options.profile ? { profile: options.profile } : {}) });
  const clients = spend.createSpendClients({ region, ...(options.profile ? { profile: options.profile } : {}) });
  try {
    const spends = await spend.spendOfLabs(clients, labs.map((l) => l.id));
    if (options.json) ctx.io.stdout.write(`${JSON.stringify({ region, spend: spends }, null, 2)}\n`);
    else ctx.out(spend.formatSpend(spends));
    return 0;
  } catch (err) {
    if (err instanceof spend.SpendError) throw new EnvironmentError(err.message);
    throw new EnvironmentError(`could not read the lab budget: ${classifyError(err, 'budgets:ViewBudget').message}`);
  } finally {
    clients.destroy();
  }
}
