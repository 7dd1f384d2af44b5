import { BudgetsClient, DescribeBudgetCommand } from '@aws-sdk/client-budgets';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { awsError, mockStackOutputs } from '../support/check-harness';
import { runCli } from '../support/cli-harness';

const cfn = mockClient(CloudFormationClient);
const budgets = mockClient(BudgetsClient);
const sts = mockClient(STSClient);
const env = { ...process.env, AWS_REGION: 'us-east-1' };

beforeEach(() => {
  for (const m of [cfn, budgets, sts]) m.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333' });
  cfn.on(DescribeStacksCommand).rejects(awsError('ValidationError'));
  mockStackOutputs(cfn, 'streaming-ingest', { BudgetName: 'mllab-streaming-ingest' });
});

test('mllab spend lists the deployed labs\' spend against their budgets', async () => {
  budgets.on(DescribeBudgetCommand).resolves({ Budget: { BudgetName: 'mllab-streaming-ingest', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: '10', Unit: 'USD' }, CalculatedSpend: { ActualSpend: { Amount: '0.42', Unit: 'USD' } } } });
  const run = await runCli(['spend'], { env });
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^streaming-ingest: \$0\.4200 of \$10\.00 USD this month \(4%\)/m);
  expect(run.stdout).toMatch(/other lab\(s\) not deployed in this region/);
});

test('access denied on Budgets exits 3 and names the permission', async () => {
  budgets.on(DescribeBudgetCommand).rejects(awsError('AccessDeniedException'));
  const run = await runCli(['spend', 'streaming-ingest'], { env });
  expect(run.code).toBe(3);
  expect(run.stderr).toMatch(/Grant budgets:ViewBudget/);
});
