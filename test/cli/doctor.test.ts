// `mllab doctor`: one line per check, ok or the problem with its fix; exit 0 all ok, 3 otherwise, 2 bad usage.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CostExplorerClient, ListCostAllocationTagsCommand } from '@aws-sdk/client-cost-explorer';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { checkCostTag, checkNode, COST_EXPLORER } from '../../lib/cli/commands/doctor';
import { forgetCallerIdentities } from '../../lib/cli/identity';
import { awsError } from '../support/check-harness';
import { runCli } from '../support/cli-harness';
import { cli, ensureBuilt, root } from './built';

const sts = mockClient(STSClient);
const cfn = mockClient(CloudFormationClient);
const ARN = 'arn:aws:sts::111122223333:assumed-role/Learner/me';
const bootstrapped = (version: string, status = 'UPDATE_COMPLETE') =>
  cfn.on(DescribeStacksCommand, { StackName: 'CDKToolkit' }).resolves({ Stacks: [{ StackName: 'CDKToolkit', StackStatus: status as any, CreationTime: new Date(), Outputs: [{ OutputKey: 'BootstrapVersion', OutputValue: version }] }] });

const ce = mockClient(CostExplorerClient);

beforeEach(() => {
  sts.reset();
  cfn.reset();
  ce.reset();
  ce.on(ListCostAllocationTagsCommand).resolves({ CostAllocationTags: [{ TagKey: 'mllab:lab', Type: 'UserDefined', Status: 'Active' }] });
  forgetCallerIdentities();
  sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn: ARN });
});

const lineOf = (stdout: string, check: string) => stdout.split('\n').find((l) => l.split(/\s+/)[1] === check.split(' ')[0]) ?? '';

test('all ok: exit 0, one line per check, the cost-allocation tag read from Cost Explorer', async () => {
  bootstrapped('30');
  const r = await runCli(['doctor', '--region', 'eu-west-1']);
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines.map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(['ok node', 'ok region', 'ok credentials', 'ok bootstrap', 'ok cost']);
  expect(lineOf(r.stdout, 'credentials')).toContain(`account 111122223333 as ${ARN}`);
  expect(lineOf(r.stdout, 'bootstrap')).toContain('CDKToolkit in 111122223333/eu-west-1, bootstrap version 30');
  expect(lines[4]).toContain('mllab:lab is an active cost-allocation tag');
  expect(ce).toHaveReceivedCommandWith(ListCostAllocationTagsCommand, { TagKeys: ['mllab:lab'] });
  expect(r.code).toBe(0);
});

test('expired credentials: "log in again" with the profile; bootstrap not checked; exit 3', async () => {
  const home = mkdtempSync(join(tmpdir(), 'mllab-doctor-'));
  try {
    const config = join(home, 'config');
    require('node:fs').writeFileSync(config, '[profile learner]\nregion = us-east-1\n');
    sts.on(GetCallerIdentityCommand).rejects(awsError('ExpiredToken', 'The security token included in the request is expired', 403));
    const r = await runCli(['doctor', '--profile', 'learner'], { env: { ...process.env, AWS_CONFIG_FILE: config } });
    expect(lineOf(r.stdout, 'credentials')).toMatch(/^problem +credentials +AWS refused profile 'learner' as expired or invalid \(ExpiredToken\): log in again \(`aws sso login --profile learner`/);
    expect(lineOf(r.stdout, 'bootstrap')).toMatch(/^skipped .*needs working credentials/);
    expect(cfn.calls()).toHaveLength(0);
    expect(r.code).toBe(3);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('no region anywhere: a problem naming the fix', async () => {
  const { AWS_REGION: _r, AWS_DEFAULT_REGION: _d, ...env } = process.env;
  const r = await runCli(['doctor'], { env: { ...env, AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' } });
  expect(lineOf(r.stdout, 'region')).toMatch(/^problem +region +no region: pass --region/);
  expect(lineOf(r.stdout, 'bootstrap')).toMatch(/^skipped .*needs a region/);
  expect(r.code).toBe(3);
});

test.each([
  ['not bootstrapped', () => cfn.on(DescribeStacksCommand).rejects(awsError('ValidationError', 'Stack with id CDKToolkit does not exist', 400)), /no CDKToolkit stack in 111122223333\/us-east-1: run `npx cdk bootstrap aws:\/\/111122223333\/us-east-1`/],
  ['an old bootstrap', () => bootstrapped('5'), /bootstrap version 5; the lab stacks need 6 or later/],
  ['a failed bootstrap', () => bootstrapped('30', 'ROLLBACK_COMPLETE'), /CDKToolkit in 111122223333\/us-east-1 is ROLLBACK_COMPLETE/],
  ['no permission', () => cfn.on(DescribeStacksCommand).rejects(awsError('AccessDenied', 'no', 403)), /could not read CDKToolkit: Access denied \(AccessDenied\)\. Grant cloudformation:DescribeStacks/],
])('bootstrap: %s is a problem with its fix, exit 3', async (_name, arrange, line) => {
  arrange();
  const r = await runCli(['doctor', '--region', 'us-east-1']);
  expect(lineOf(r.stdout, 'bootstrap')).toMatch(/^problem +bootstrap +/);
  expect(lineOf(r.stdout, 'bootstrap')).toMatch(line);
  expect(r.code).toBe(3);
});

test('bad usage: exit 2', async () => {
  expect((await runCli(['doctor', '--region', 'moon-1'])).code).toBe(2);
  expect((await runCli(['doctor', 'extra'])).code).toBe(2);
  expect((await runCli(['doctor', '--profile', 'nobody'], { env: { ...process.env, AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' } })).code).toBe(2);
});

test('node: the engines range against the running version', () => {
  expect(checkNode('20.19.0', '>=20.12')).toMatchObject({ status: 'ok' });
  expect(checkNode('20.12.0', '>=20.12')).toMatchObject({ status: 'ok' });
  expect(checkNode('20.11.1', '>=20.12')).toMatchObject({ status: 'problem', detail: expect.stringContaining('older than mllab needs (>=20.12)') });
  expect(checkNode('18.20.0', '>=20.12')).toMatchObject({ status: 'problem' });
  expect(checkNode('22.1.0', '^20 || ^22')).toMatchObject({ status: 'skipped' });
});

describe('cost tag (ListCostAllocationTags, answered by aws-sdk-client-mock)', () => {
  beforeEach(() => ce.reset());
  test('Active: ok, asked for the mllab:lab key', async () => {
    ce.on(ListCostAllocationTagsCommand, { TagKeys: ['mllab:lab'] }).resolves({ CostAllocationTags: [{ TagKey: 'mllab:lab', Type: 'UserDefined', Status: 'Active' }] });
    const f = await checkCostTag(COST_EXPLORER, undefined);
    expect(f.status).toBe('ok');
    expect(ce).toHaveReceivedCommandWith(ListCostAllocationTagsCommand, { TagKeys: ['mllab:lab'] });
  });
  test('Inactive: a problem that says to activate it, with the page', async () => {
    ce.on(ListCostAllocationTagsCommand).resolves({ CostAllocationTags: [{ TagKey: 'mllab:lab', Type: 'UserDefined', Status: 'Inactive' }] });
    const f = await checkCostTag(COST_EXPLORER, undefined);
    expect(f).toMatchObject({ status: 'problem', detail: expect.stringMatching(/mllab:lab is Inactive: activate it .*activating-tags\.html/) });
  });
  test('not listed yet: skipped, saying when it appears', async () => {
    ce.on(ListCostAllocationTagsCommand).resolves({ CostAllocationTags: [] });
    const f = await checkCostTag(COST_EXPLORER, undefined);
    expect(f).toMatchObject({ status: 'skipped', detail: expect.stringContaining('up to 24 hours') });
  });
  test('an error: a problem naming the permission', async () => {
    ce.on(ListCostAllocationTagsCommand).rejects(awsError('AccessDeniedException', 'no', 400));
    const f = await checkCostTag(COST_EXPLORER, undefined);
    expect(f).toMatchObject({ status: 'problem', detail: expect.stringContaining('ce:ListCostAllocationTags') });
  });
});

test('spawned against a closed loopback port: one line per check, exit 3, within a few seconds', () => {
  ensureBuilt();
  const started = Date.now();
  const out = spawnSync(process.execPath, [cli, 'doctor'], {
    cwd: root, encoding: 'utf8', timeout: 20_000,
    env: { ...process.env, NO_COLOR: '1', AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' },
  });
  expect(Date.now() - started).toBeLessThan(8_000);
  expect(out.status).toBe(3);
  const lines = out.stdout.trimEnd().split('\n');
  expect(lines.map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(['ok node', 'ok region', 'problem credentials', 'skipped bootstrap', 'skipped cost']);
  expect(lines[2]).toMatch(/unreachable \(ECONNREFUSED\)/);
  expect(out.stderr).toBe('');
}, 180_000);
