// The account line at the top of check, deploy and teardown: STS GetCallerIdentity, once per process.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { callerIdentity, forgetCallerIdentities, identityLine } from '../../lib/cli/identity';
import { awsError } from '../support/check-harness';
import { runCli } from '../support/cli-harness';
import { buildAccount, LAB_ID, wireAccount } from '../teardown/fake-account';
import { defineLab } from '../../lib/model';
import { FIXTURE } from '../support/fixture-lab';

const sts = mockClient(STSClient);
const ARN = 'arn:aws:sts::111122223333:assumed-role/Learner/me';
beforeEach(() => {
  sts.reset();
  forgetCallerIdentities();
});

test('one line: account, caller ARN, region', () => {
  expect(identityLine({ account: '111122223333', arn: ARN }, 'region us-east-1')).toBe(`account 111122223333 (${ARN}), region us-east-1`);
});

test('memoised per process: two lookups, one call', async () => {
  sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn: ARN });
  const [a, b] = await Promise.all([callerIdentity({ region: 'us-east-1' }), callerIdentity({ region: 'us-east-1' })]);
  expect(a).toEqual({ account: '111122223333', arn: ARN });
  expect(b).toBe(a);
  expect(sts.calls()).toHaveLength(1);
});

const lab = defineLab({
  id: LAB_ID, title: 'Churn lab', summary: 's',
  domains: { 'MLA-C01': ['MLA-C01/D3'], 'MLS-C01': ['MLS-C01/D4'] },
  environments: ['studio'], estimatedMinutes: 60, estimatedCostUsd: 1, learnerResources: [], requirements: [],
});

describe('teardown prints where it is, on stderr', () => {
  beforeEach(() => wireAccount(buildAccount()));

  test('the account line first', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn: ARN });
    const r = await runCli(['teardown', LAB_ID, '--region', 'eu-west-1'], { labs: [lab] });
    expect(r.stderr.split('\n')[0]).toBe(`account 111122223333 (${ARN}), region eu-west-1`);
    expect(r.stdout).not.toContain('account 1111');
    expect(r.code).toBe(0);
  });

  test('no identity: no line, and the command goes on (its own errors say what is wrong)', async () => {
    sts.on(GetCallerIdentityCommand).rejects(awsError('ExpiredToken', 'expired', 403));
    const r = await runCli(['teardown', LAB_ID], { labs: [lab] });
    expect(r.stderr).not.toMatch(/^account /m);
    expect(r.code).toBe(0);
    const debug = await runCli(['teardown', LAB_ID, '--debug'], { labs: [lab] });
    expect(debug.stderr).toContain('(no account line: AWS refused your credentials as expired or invalid (ExpiredToken)');
  });
});

describe('check', () => {
  test('a live run: the account line above everything else, on stderr', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn: ARN });
    // Nothing answers CloudFormation (test/setup-env.ts: a closed loopback port): the run ends on its precondition line.
    const r = await runCli(['check', 'fixture-lab', '--region', 'eu-west-1'], { labs: [FIXTURE], env: { ...process.env, MLLAB_HOME: '/nonexistent-mllab-home' } });
    expect(r.stderr.split('\n')[0]).toBe(`account 111122223333 (${ARN}), region eu-west-1`);
    expect(r.stderr.split('\n')[1]).toMatch(/^mllab: could not check fixture-lab: /);
    expect(r.code).toBe(3);
    expect(sts).toHaveReceivedCommandTimes(GetCallerIdentityCommand, 1);
  });

  test('a full --replay makes no STS call and prints no account line', async () => {
    const r = await runCli(['check', 'streaming-ingest', '--replay', 'labs/streaming-ingest/cassettes/fail-firehose-defaults.json'], { env: { ...process.env, MLLAB_HOME: '/nonexistent-mllab-home' } });
    expect(sts.calls()).toHaveLength(0);
    expect(r.stderr).not.toMatch(/^account /m);
  });
});

test('deploy: the account line before the synthesis starts', async () => {
  sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn: ARN });
  const r = await runCli(['deploy', 'fixture-lab', '--region', 'us-west-2'], {
    labs: [FIXTURE],
    io: { createLabApp: () => { throw new Error('stop here: this test is about the header'); } },
  });
  expect(r.stderr.split('\n')[0]).toBe(`account 111122223333 (${ARN}), region us-west-2`);
  expect(r.code).toBe(1);
});
