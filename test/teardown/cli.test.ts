import { defineLab } from '../../lib/model';
import { runCli } from '../support/cli-harness';
import { awsError } from '../support/check-harness';
import { addForeignLabStack, buildAccount, LAB_ID, mocks, wireAccount, type FakeAccount } from './fake-account';

// The CLI's view of the fake account's lab: the same names teardown.test.ts uses.
const lab = defineLab({
  id: LAB_ID, title: 'Churn lab', summary: 's',
  domains: { 'MLA-C01': ['MLA-C01/D3'], 'MLS-C01': ['MLS-C01/D4'] },
  environments: ['studio'], estimatedMinutes: 60, estimatedCostUsd: 1,
  learnerResources: [
    { kind: 'sagemaker:endpoint', name: 'churn-', match: 'prefix' },
    { kind: 'sagemaker:endpoint-config', name: 'churn-', match: 'prefix' },
    { kind: 'sagemaker:model', name: 'churn-', match: 'prefix' },
    { kind: 'sagemaker:training-job', name: 'churn-train-', match: 'prefix' },
    { kind: 'kinesis:stream', name: 'churn-extra' },
  ],
  requirements: [],
});
const env = { ...process.env, AWS_REGION: 'us-east-1' };
let account: FakeAccount;

beforeEach(() => {
  account = buildAccount();
  wireAccount(account);
});

test('the default is a dry run: the plan as a table, what to type next, exit 0, no write', async () => {
  const run = await runCli(['teardown', LAB_ID], { env, labs: [lab] });
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^Teardown plan for churn-lab in us-east-1 \(\d+ item\(s\), dependency order\):/);
  expect(run.stdout).toMatch(/^3 +delete +sagemaker:endpoint +churn-ep-1 +InService +\$0\.1150 +name prefix 'churn-'$/m);
  expect(run.stdout).toContain('Dry run: nothing was changed. To remove all of this: mllab teardown churn-lab --region us-east-1 --yes');
  expect(account.writes).toEqual([]);
});

// Issue 11 finding 19 changed this test: --all used to tear down fraud-lab, a lab this build does not
// know, found by its tag; it now takes the labs and environments of this build only, from stacks mllab created.
test('--all --regions lists the labs and environments of this build found in each region; a foreign MlLab-* stack and unknown ids are passed over, and said so', async () => {
  addForeignLabStack(account, 'x');
  const run = await runCli(['teardown', '--all', '--regions', 'us-east-1', '--json'], { env, labs: [lab] });
  expect(run.code).toBe(0);
  const out = JSON.parse(run.stdout) as { teardown: { lab: string; region: string; plan: { items: { resource: { name: string } }[] } }[] };
  expect(out.teardown.map((t) => `${t.region} ${t.lab}`)).toEqual(['us-east-1 churn-lab', 'us-east-1 env-studio']);
  expect(out.teardown.flatMap((t) => t.plan.items.map((i) => i.resource.name)).join('\n')).not.toMatch(/MlLab-x|d-foreign|fs-foreign|research-bucket/);
  expect(run.stderr).toContain('us-east-1: not touched: stack MlLab-x: no tag mllab:managed-by=aws-ml-labs, so not created by mllab');
  expect(run.stderr).toContain('us-east-1: not touched: resources tagged mllab:lab=fraud-lab: \'fraud-lab\' is not a lab or environment of this build of mllab');
  expect(account.writes).toEqual([]);
});

test('--regions all looks in every enabled region the account reports', async () => {
  const run = await runCli(['teardown', LAB_ID, '--regions', 'all', '--json'], { env, labs: [lab] });
  expect(run.code).toBe(0);
  const out = JSON.parse(run.stdout) as { teardown: { lab: string; region: string }[] };
  expect(out.teardown.map((t) => `${t.region} ${t.lab}`)).toEqual(['eu-west-1 churn-lab', 'us-east-1 churn-lab']);
});

test('refuses bad usage with exit 2', async () => {
  expect((await runCli(['teardown'], { env, labs: [lab] })).stderr).toMatch(/name a lab .* or pass --all/);
  expect((await runCli(['teardown', LAB_ID, '--all'], { env, labs: [lab] })).code).toBe(2);
  expect((await runCli(['teardown', LAB_ID, '--regions', 'us-east-1,mars-1'], { env, labs: [lab] })).code).toBe(2);
  expect((await runCli(['teardown', 'churn-lbа'], { env, labs: [lab] })).code).toBe(2);
});

test('an account teardown cannot read exits 3 and says why', async () => {
  mocks.tagging.reset();
  mocks.tagging.onAnyCommand().rejects(awsError('AccessDeniedException'));
  const run = await runCli(['teardown', LAB_ID], { env, labs: [lab] });
  expect(run.code).toBe(3);
  expect(run.stderr).toMatch(/could not read the account in us-east-1: Access denied/);
});

test.each([80, 140, 400])('on a terminal of %i columns no line of the dry run is wider, and every name is whole', async (columns) => {
  const run = await runCli(['teardown', LAB_ID], {
    env: { ...env, NO_COLOR: '1' },
    labs: [lab],
    io: { stdout: Object.assign({ write: (s: string) => ((out += s), true) }, { isTTY: true, columns }) },
  });
  expect(run.code).toBe(0);
  expect(out.split('\n').filter((line) => line.length > columns)).toEqual([]);
  // Narrow: one block per item; wide enough: the table.
  expect(out).toMatch(columns < 200 ? /^ 3  delete\n    sagemaker:endpoint churn-ep-1 \(InService, \$0\.1150\/hour\);/m : /│ 3 +│ delete +│ sagemaker:endpoint +│ churn-ep-1 +│ InService/);
  expect(out).toContain('mllab teardown churn-lab --region us-east-1 --yes');
  expect(account.writes).toEqual([]);
});
let out = '';
beforeEach(() => (out = ''));
