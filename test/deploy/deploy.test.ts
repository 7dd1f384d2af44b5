// deploy/destroy through toolkit-lib's own seams: a small CDK app instead of the lab app, the
// toolkit's SDK clients mocked with aws-sdk-client-mock, events captured from the IoHost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
// The toolkit assumes its bootstrap roles through the SDK's nested STS client, not client-sts.
import { AssumeRoleCommand as NestedAssumeRoleCommand, STSClient as NestedSTSClient } from '@aws-sdk/nested-clients/sts';
import { mockClient } from 'aws-sdk-client-mock';
import { App, BootstraplessSynthesizer, CfnOutput, CfnResource, DefaultStackSynthesizer, Stack } from 'aws-cdk-lib';
import { deployLab, destroyLab, LabStackError, ProgressIoHost, type LabAppFactory } from '../../lib/deploy';
import { labStackName } from '../../lib/model';
import { awsError } from '../support/check-harness';
import { runCli } from '../support/cli-harness';
import { FIXTURE_LAB } from '../support/fixture-lab';

const cfn = mockClient(CloudFormationClient);
const ssm = mockClient(SSMClient);
const sts = mockClient(STSClient);
const nestedSts = mockClient(NestedSTSClient);
const s3 = mockClient(S3Client);
const STACK = labStackName(FIXTURE_LAB.id);
const ACCOUNT = '123456789012';

// Guard: every call the toolkit makes must hit a mock. A DNS lookup means one tried the network.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dns = require('node:dns') as typeof import('node:dns');
const realLookup = dns.lookup;
const lookedUp: string[] = [];
beforeAll(() => {
  (dns as any).lookup = (host: string, ...rest: any[]) => {
    lookedUp.push(host);
    return (realLookup as any)(host, ...rest);
  };
});
afterAll(() => {
  (dns as any).lookup = realLookup;
  expect(lookedUp).toEqual([]);
});

let outdir: string;
let cdkHome: string;
const savedCdkHome = process.env.CDK_HOME;
beforeEach(() => {
  for (const m of [cfn, ssm, sts, nestedSts, s3]) m.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/learner`, UserId: 'AIDA' });
  // Not bootstrapped means no bootstrap roles either: the toolkit then goes on with the caller's credentials.
  const noRole = awsError('AccessDenied', 'not authorized to perform sts:AssumeRole', 403);
  sts.on(AssumeRoleCommand).rejects(noRole);
  nestedSts.on(NestedAssumeRoleCommand).rejects(noRole);
  // The template asset counts as already published, so nothing is uploaded.
  s3.on(ListObjectsV2Command).resolves({ KeyCount: 1, Contents: [{ Key: 'template.json' }] });
  outdir = mkdtempSync(join(tmpdir(), 'mllab-deploy-'));
  // The toolkit caches account ids under ~/.cdk: keep the tests' fake account out of the user's home.
  cdkHome = mkdtempSync(join(tmpdir(), 'mllab-cdk-home-'));
  process.env.CDK_HOME = cdkHome;
});
afterEach(() => {
  rmSync(outdir, { recursive: true, force: true });
  rmSync(cdkHome, { recursive: true, force: true });
  if (savedCdkHome === undefined) delete process.env.CDK_HOME;
  else process.env.CDK_HOME = savedCdkHome;
});

/** A one-resource lab stack; `bootstrapped` picks the synthesizer that needs the bootstrap stack. */
function smallApp(synthesizer: 'default' | 'bootstrapless'): LabAppFactory {
  return ({ context }) => {
    const app = new App({ outdir, context: context ?? {} });
    const stack = new Stack(app, labStackName(String(app.node.tryGetContext('lab'))), {
      synthesizer: synthesizer === 'default' ? new DefaultStackSynthesizer() : new BootstraplessSynthesizer(),
    });
    const topic = new CfnResource(stack, 'Alerts', { type: 'AWS::SNS::Topic' });
    new CfnOutput(stack, 'AlertsTopicArn', { value: topic.ref });
    return app;
  };
}

// CloudFormation names the stack (or ARN) it was asked for; the toolkit matches that exact sentence.
const missingStack = (input: { StackName?: string } = {}) => awsError('ValidationError', `Stack with id ${input.StackName ?? STACK} does not exist`, 400);

test('not bootstrapped: a plain message with the exact cdk bootstrap command', async () => {
  cfn.on(DescribeStacksCommand).rejects(missingStack());
  ssm.on(GetParameterCommand).rejects(awsError('ParameterNotFound', 'not found', 400));
  const err = await deployLab({ labId: FIXTURE_LAB.id, region: 'us-east-1', createApp: smallApp('default') }).catch((e) => e);
  expect(err).toBeInstanceOf(LabStackError);
  expect(err.kind).toBe('not-bootstrapped');
  expect(err.message).toBe(`the AWS environment ${ACCOUNT}/us-east-1 is not bootstrapped for the CDK: run \`npx cdk bootstrap aws://${ACCOUNT}/us-east-1\` once (it creates the CDKToolkit stack the deployment needs), then deploy again`);
  expect(cfn).toHaveReceivedCommandTimes(CreateChangeSetCommand, 0);
});

function changeSetDeploy(finalStatus: string) {
  let created = false;
  cfn.on(DescribeStacksCommand).callsFake(async (input) => {
    if (!created) throw missingStack(input);
    return { Stacks: [{ StackName: STACK, StackId: `arn:aws:cloudformation:us-east-1:${ACCOUNT}:stack/${STACK}/1`, StackStatus: finalStatus, CreationTime: new Date(), Outputs: [{ OutputKey: 'AlertsTopicArn', OutputValue: 'arn:aws:sns:us-east-1:123456789012:alerts' }] }] };
  });
  cfn.on(GetTemplateCommand).resolves({ TemplateBody: '{}' });
  cfn.on(CreateChangeSetCommand).callsFake(async () => {
    created = true;
    return { Id: 'cs-1', StackId: `arn:aws:cloudformation:us-east-1:${ACCOUNT}:stack/${STACK}/1` };
  });
  cfn.on(DescribeChangeSetCommand).resolves({ StackId: `arn:aws:cloudformation:us-east-1:${ACCOUNT}:stack/${STACK}/1`, ChangeSetId: 'cs-1', Status: 'CREATE_COMPLETE', ExecutionStatus: 'AVAILABLE', ChangeSetName: 'cs', StackName: STACK, Changes: [{ Type: 'Resource', ResourceChange: { Action: 'Add', LogicalResourceId: 'Alerts', ResourceType: 'AWS::SNS::Topic' } }] });
  cfn.on(ExecuteChangeSetCommand).resolves({});
  cfn.on(DescribeStackEventsCommand).resolves({
    StackEvents: [
      { StackId: 'x', EventId: 'e1', StackName: STACK, LogicalResourceId: 'Alerts', ResourceType: 'AWS::SNS::Topic', ResourceStatus: finalStatus === 'CREATE_COMPLETE' ? 'CREATE_COMPLETE' : 'CREATE_FAILED', ResourceStatusReason: finalStatus === 'CREATE_COMPLETE' ? undefined : 'Topic limit exceeded', Timestamp: new Date() },
    ],
  });
}

test('a successful deploy reports progress and returns the stack outputs', async () => {
  changeSetDeploy('CREATE_COMPLETE');
  const lines: string[] = [];
  const outcome = await deployLab({ labId: FIXTURE_LAB.id, region: 'us-east-1', createApp: smallApp('bootstrapless'), onProgress: (l) => lines.push(l), pollingIntervalMs: 5 });
  expect(outcome).toEqual({ stackName: STACK, outputs: { AlertsTopicArn: 'arn:aws:sns:us-east-1:123456789012:alerts' } });
  expect(cfn).toHaveReceivedCommandWith(CreateChangeSetCommand, { StackName: STACK });
  expect(lines.join('\n')).toMatch(new RegExp(STACK));
});

test('a failed deploy is a LabStackError of kind failed that names the stack', async () => {
  changeSetDeploy('ROLLBACK_COMPLETE');
  const err = await deployLab({ labId: FIXTURE_LAB.id, region: 'us-east-1', createApp: smallApp('bootstrapless'), pollingIntervalMs: 5 }).catch((e) => e);
  expect(err).toBeInstanceOf(LabStackError);
  expect(err.kind).toBe('failed');
  expect(err.message).toBe(`deploy of ${STACK} failed: Resource updates failed: ${STACK}/Alerts (AWS::SNS::Topic Alerts) Topic limit exceeded; fix the cause and run \`mllab deploy\` again (CloudFormation rolls back what the failed deploy created)`);
});

test('destroy deletes the lab stack and waits for it', async () => {
  let deleted = false;
  cfn.on(DescribeStacksCommand).callsFake(async (input) => {
    if (deleted) throw missingStack(input);
    return { Stacks: [{ StackName: STACK, StackId: `arn:aws:cloudformation:us-east-1:${ACCOUNT}:stack/${STACK}/1`, StackStatus: 'CREATE_COMPLETE', CreationTime: new Date() }] };
  });
  cfn.on(DeleteStackCommand).callsFake(async () => {
    deleted = true;
    return {};
  });
  cfn.on(DescribeStackEventsCommand).resolves({ StackEvents: [] });
  const outcome = await destroyLab({ labId: FIXTURE_LAB.id, region: 'us-east-1', createApp: smallApp('bootstrapless'), pollingIntervalMs: 5 });
  expect(outcome.stackName).toBe(STACK);
  expect(cfn).toHaveReceivedCommandWith(DeleteStackCommand, { StackName: expect.stringContaining(STACK) });
});

test('destroy of a lab this build does not define deletes its stack by name (teardown finds such labs by tag)', async () => {
  const stack = labStackName('retired-lab');
  let deleted = false;
  cfn.on(DescribeStacksCommand).callsFake(async (input) => {
    if (deleted) throw missingStack(input);
    return { Stacks: [{ StackName: stack, StackId: `arn:aws:cloudformation:us-east-1:${ACCOUNT}:stack/${stack}/1`, StackStatus: 'CREATE_COMPLETE', CreationTime: new Date() }] };
  });
  cfn.on(DeleteStackCommand).callsFake(async () => {
    deleted = true;
    return {};
  });
  cfn.on(DescribeStackEventsCommand).resolves({ StackEvents: [] });
  const outcome = await destroyLab({ labId: 'retired-lab', region: 'us-east-1', pollingIntervalMs: 5 });
  expect(outcome.stackName).toBe(stack);
  expect(cfn).toHaveReceivedCommandWith(DeleteStackCommand, { StackName: expect.stringContaining(stack) });
});

describe('mllab deploy / destroy', () => {
  const io = (synth: 'default' | 'bootstrapless') => ({ createLabApp: smallApp(synth), stackEventPollingMs: 5 });

  test('not bootstrapped: exit 3, one line with the fix', async () => {
    cfn.on(DescribeStacksCommand).rejects(missingStack());
    ssm.on(GetParameterCommand).rejects(awsError('ParameterNotFound', 'not found', 400));
    const run = await runCli(['deploy', FIXTURE_LAB.id, '--region', 'us-east-1'], { labs: [FIXTURE_LAB], io: io('default') });
    expect(run.code).toBe(3);
    const last = run.stderr.trimEnd().split('\n').pop();
    expect(last).toMatch(/^mllab: the AWS environment 123456789012\/us-east-1 is not bootstrapped for the CDK: run `npx cdk bootstrap aws:\/\/123456789012\/us-east-1` once/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('a failed deploy: exit 1, progress lines then one error line', async () => {
    changeSetDeploy('ROLLBACK_COMPLETE');
    const run = await runCli(['deploy', FIXTURE_LAB.id, '--region', 'us-east-1'], { labs: [FIXTURE_LAB], io: io('bootstrapless') });
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n').pop()).toMatch(new RegExp(`^mllab: deploy of ${STACK} failed`));
  });

  test('a successful deploy prints the outputs on stdout', async () => {
    changeSetDeploy('CREATE_COMPLETE');
    const run = await runCli(['deploy', FIXTURE_LAB.id, '--region', 'us-east-1'], { labs: [FIXTURE_LAB], io: io('bootstrapless') });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${STACK} deployed.`);
    expect(run.stdout).toContain('AlertsTopicArn = arn:aws:sns:us-east-1:123456789012:alerts');
  });

  test('--budget-usd and --email reach the lab app as CDK context', async () => {
    changeSetDeploy('CREATE_COMPLETE');
    const seen: Record<string, unknown>[] = [];
    const app = smallApp('bootstrapless');
    const run = await runCli(['deploy', FIXTURE_LAB.id, '--region', 'us-east-1', '--budget-usd', '7.5', '--email', 'me@example.com'], {
      labs: [FIXTURE_LAB],
      io: { stackEventPollingMs: 5, createLabApp: (o) => (seen.push(o.context ?? {}), app(o)) },
    });
    expect(run.code).toBe(0);
    expect(seen[0]).toMatchObject({ budgetUsd: 7.5, email: 'me@example.com', lab: FIXTURE_LAB.id });
  });

  test('an app that does not synthesize: exit 1, says so, sends nothing to CloudFormation', async () => {
    const run = await runCli(['deploy', FIXTURE_LAB.id, '--region', 'us-east-1'], {
      labs: [FIXTURE_LAB],
      io: { createLabApp: () => { throw new Error('invalid CDK context: -c email: Invalid email address'); } },
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n').pop()).toMatch(/^mllab: the CDK app of MlLab-fixture-lab did not synthesize \(Assembly builder failed: invalid CDK context: -c email: Invalid email address/);
    expect(cfn.calls()).toHaveLength(0);
  });
});

test('the IoHost shows info and above without terminal styles, and answers every question with its default', async () => {
  const lines: string[] = [];
  const host = new ProgressIoHost((l) => lines.push(l));
  const base = { time: new Date(), action: 'deploy' as const, data: {} };
  await host.notify({ ...base, level: 'debug', message: 'noise' });
  await host.notify({ ...base, level: 'trace', message: 'more noise' });
  await host.notify({ ...base, level: 'info', message: '\u001b[1mMlLab-x\u001b[22m: deploying... [1/1]\n' });
  await host.notify({ ...base, level: 'error', message: 'boom' });
  const answer = await host.requestResponse({ ...base, level: 'info', code: 'CDK_TOOLKIT_I5060', message: 'Deploy security changes?', defaultResponse: true });
  expect(answer).toBe(true);
  expect(lines).toEqual(['MlLab-x: deploying... [1/1]', 'boom', 'Deploy security changes?']);
  expect(host.messages).toHaveLength(5);
});
