// `mllab spend`: what a lab has actually cost this month against its budget, read from the lab's
// AWS Budgets budget (the stack output BudgetName). Budgets refreshes its figures up to three
// times a day, so "actual" lags real usage by hours:
// https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-managing-costs.html
import { BudgetsClient, DescribeBudgetCommand } from '@aws-sdk/client-budgets';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createClient, isServiceError } from '../aws';
import { labStackName, STACK_OUTPUTS } from '../model';
import { formatUsd } from '../cost/estimate';

export interface SpendClients {
  readonly cloudformation: CloudFormationClient;
  readonly budgets: BudgetsClient;
  readonly sts: STSClient;
  destroy(): void;
}

export function createSpendClients(options: { region: string; profile?: string }): SpendClients {
  const profile = options.profile ? { profile: options.profile } : {};
  const cloudformation = createClient(CloudFormationClient, { region: options.region, ...profile });
  // AWS Budgets has one endpoint, in us-east-1, for budgets of every region.
  const budgets = createClient(BudgetsClient, { region: 'us-east-1', ...profile });
  const sts = createClient(STSClient, { region: options.region, ...profile });
  return { cloudformation, budgets, sts, destroy: () => [cloudformation, budgets, sts].forEach((c) => c.destroy()) };
}

export type LabSpend =
  | { readonly labId: string; readonly deployed: false }
  | {
      readonly labId: string;
      readonly deployed: true;
      readonly budgetName: string;
      readonly limitUsd: number;
      readonly actualUsd: number;
      /** Budgets forecasts only once it has enough history (about five weeks of data): undefined until then. */
      readonly forecastUsd?: number;
      readonly unit: string;
      readonly periodStart?: Date;
      readonly periodEnd?: Date;
      readonly lastUpdated?: Date;
    };

export class SpendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpendError';
  }
}

async function budgetNameOf(clients: SpendClients, labId: string): Promise<string | undefined> {
  const stackName = labStackName(labId);
  try {
    const out = await clients.cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
    const name = out.Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === STACK_OUTPUTS.budgetName)?.OutputValue;
    if (!name) throw new SpendError(`${stackName} has no ${STACK_OUTPUTS.budgetName} output: redeploy it with \`mllab deploy ${labId}\``);
    return name;
  } catch (err) {
    // CloudFormation answers a missing stack with a plain ValidationError.
    if (isServiceError(err, 'ValidationError')) return undefined;
    throw err;
  }
}

const amount = (s: { Amount?: string } | undefined): number | undefined => (s?.Amount !== undefined ? Number(s.Amount) : undefined);

export async function labSpend(clients: SpendClients, labId: string, accountId?: string): Promise<LabSpend> {
  const budgetName = await budgetNameOf(clients, labId);
  if (!budgetName) return { labId, deployed: false };
  const account = accountId ?? (await clients.sts.send(new GetCallerIdentityCommand({}))).Account!;
  let budget;
  try {
    budget = (await clients.budgets.send(new DescribeBudgetCommand({ AccountId: account, BudgetName: budgetName }))).Budget;
  } catch (err) {
    if (isServiceError(err, 'NotFoundException')) throw new SpendError(`the budget ${budgetName} named by ${labStackName(labId)} does not exist: redeploy the lab with \`mllab deploy ${labId}\``);
    throw err;
  }
  const forecast = amount(budget?.CalculatedSpend?.ForecastedSpend);
  return {
    labId,
    deployed: true,
    budgetName,
    limitUsd: amount(budget?.BudgetLimit) ?? 0,
    actualUsd: amount(budget?.CalculatedSpend?.ActualSpend) ?? 0,
    ...(forecast !== undefined ? { forecastUsd: forecast } : {}),
    unit: budget?.CalculatedSpend?.ActualSpend?.Unit ?? budget?.BudgetLimit?.Unit ?? 'USD',
    ...(budget?.TimePeriod?.Start ? { periodStart: budget.TimePeriod.Start } : {}),
    ...(budget?.TimePeriod?.End ? { periodEnd: budget.TimePeriod.End } : {}),
    ...(budget?.LastUpdatedTime ? { lastUpdated: budget.LastUpdatedTime } : {}),
  };
}

export async function spendOfLabs(clients: SpendClients, labIds: readonly string[]): Promise<LabSpend[]> {
  const account = (await clients.sts.send(new GetCallerIdentityCommand({}))).Account!;
  const out: LabSpend[] = [];
  for (const id of labIds) out.push(await labSpend(clients, id, account));
  return out;
}

export function formatSpend(spends: readonly LabSpend[]): string {
  const deployed = spends.filter((s): s is Extract<LabSpend, { deployed: true }> => s.deployed);
  if (deployed.length === 0) {
    return spends.length === 1 ? `${spends[0]!.labId} is not deployed in this region: no budget to read.` : 'No lab is deployed in this region: no budget to read.';
  }
  const lines = deployed.map((s) => {
    const pct = s.limitUsd > 0 ? Math.round((s.actualUsd / s.limitUsd) * 100) : 0;
    const forecast = s.forecastUsd !== undefined ? `, forecast ${formatUsd(s.forecastUsd)} by month end` : ', no forecast yet (Budgets needs more history)';
    const updated = s.lastUpdated ? ` (Budgets updated ${s.lastUpdated.toISOString().slice(0, 16).replace('T', ' ')} UTC)` : '';
    const warn = s.actualUsd >= s.limitUsd ? ' OVER BUDGET: run `mllab teardown ' + s.labId + '` now' : '';
    return `${s.labId}: ${formatUsd(s.actualUsd)} of ${formatUsd(s.limitUsd)} ${s.unit} this month (${pct}%)${forecast}; budget ${s.budgetName}${updated}${warn}`;
  });
  const skipped = spends.length - deployed.length;
  if (skipped > 0 && spends.length > 1) lines.push(`${skipped} other lab(s) not deployed in this region.`);
  lines.push('Budgets refreshes these figures up to three times a day, so the last hours of use are not in them yet.');
  return lines.join('\n');
}
