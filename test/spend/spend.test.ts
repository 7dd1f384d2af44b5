import { BudgetsClient, DescribeBudgetCommand } from '@aws-sdk/client-budgets';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { createSpendClients, formatSpend, labSpend, spendOfLabs, SpendError, type SpendClients } from '../../lib/spend';
import { awsError, mockStackOutputs } from '../support/check-harness';

const cfn = mockClient(CloudFormationClient);
const budgets = mockClient(BudgetsClient);
const sts = mockClient(STSClient);
let clients: SpendClients;

beforeEach(() => {
  cfn.reset();
  budgets.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333' });
  cfn.on(DescribeStacksCommand).rejects(awsError('ValidationError', 'Stack does not exist'));
  mockStackOutputs(cfn, 'streaming-ingest', { BudgetName: 'mllab-streaming-ingest' });
  clients = createSpendClients({ region: 'eu-west-1' });
});
afterEach(() => clients.destroy());

const budget = (actual: string, forecast?: string) => ({
  Budget: {
    BudgetName: 'mllab-streaming-ingest', BudgetType: 'COST' as const, TimeUnit: 'MONTHLY' as const,
    BudgetLimit: { Amount: '10.0', Unit: 'USD' },
    CalculatedSpend: { ActualSpend: { Amount: actual, Unit: 'USD' }, ...(forecast ? { ForecastedSpend: { Amount: forecast, Unit: 'USD' } } : {}) },
    LastUpdatedTime: new Date('2026-11-25T06:00:00Z'),
  },
});

test('reads actual and forecast spend of the lab\'s budget, named by the stack output', async () => {
  budgets.on(DescribeBudgetCommand, { AccountId: '111122223333', BudgetName: 'mllab-streaming-ingest' }).resolves(budget('2.345', '4.1'));
  const spend = await labSpend(clients, 'streaming-ingest');
  expect(spend).toMatchObject({ deployed: true, actualUsd: 2.345, forecastUsd: 4.1, limitUsd: 10, budgetName: 'mllab-streaming-ingest' });
  expect(formatSpend([spend])).toMatch(/^streaming-ingest: \$2\.35 of \$10\.00 USD this month \(23%\), forecast \$4\.10 by month end/);
  // Budgets is a global service served from us-east-1, whatever region the lab is in.
  expect(await clients.budgets.config.region()).toBe('us-east-1');
});

test('says when Budgets has no forecast yet, and warns when the budget is spent', async () => {
  budgets.on(DescribeBudgetCommand).resolves(budget('10.5'));
  const text = formatSpend([await labSpend(clients, 'streaming-ingest')]);
  expect(text).toMatch(/no forecast yet/);
  expect(text).toMatch(/OVER BUDGET: run `mllab teardown streaming-ingest` now/);
});

test('a lab that is not deployed has no budget to read, and no Budgets call is sent', async () => {
  budgets.on(DescribeBudgetCommand).resolves(budget('1'));
  const spends = await spendOfLabs(clients, ['xgboost-builtin', 'streaming-ingest']);
  expect(spends[0]).toEqual({ labId: 'xgboost-builtin', deployed: false });
  expect(budgets).toHaveReceivedCommandTimes(DescribeBudgetCommand, 1);
  expect(formatSpend(spends)).toMatch(/1 other lab\(s\) not deployed in this region/);
  expect(formatSpend(spends.slice(0, 1))).toBe('xgboost-builtin is not deployed in this region: no budget to read.');
});

test('fails with what to do when the budget the stack names is gone', async () => {
  budgets.on(DescribeBudgetCommand).rejects(awsError('NotFoundException'));
  await expect(labSpend(clients, 'streaming-ingest')).rejects.toThrow(SpendError);
  await expect(labSpend(clients, 'streaming-ingest')).rejects.toThrow(/redeploy the lab/);
});

test('an access error reaches the caller unchanged, for the CLI to classify', async () => {
  budgets.on(DescribeBudgetCommand).rejects(awsError('AccessDeniedException'));
  await expect(labSpend(clients, 'streaming-ingest')).rejects.toMatchObject({ name: 'AccessDeniedException' });
});
