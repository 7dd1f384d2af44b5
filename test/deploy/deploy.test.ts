// deploy/destroy through toolkit-lib's own seams: a small CDK app instead of the lab app, the
// toolkit's SDK clients mocked with aws-sdk-client-mock, events captured from the IoHost.
import { mkdtempSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
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
import { CONFIRM_DESTROY_CODE, deployLab, destroyLab, LabIoHost, LabStackError, type LabAppFactory } from '../../lib/deploy';
import { labStackName } from '../../lib/model';
import { awsError } from '../support/check-harness';
import { runCli } from '../support/cli-harness';
import { FIXTURE_LAB } from '../support/fixture-lab';
import { forbidNetwork } from './no-network';

const cfn = mockClient(CloudFormationClient);
const ssm = mockClient(SSMClient);
const sts = mockClient(STSClient);
const nestedSts = mockClient(NestedSTSClient);
const s3 = mockClient(S3Client);
const STACK = labStackName(FIXTURE_LAB.id);
const ACCOUNT = '123456789012';

// Every call the toolkit makes must hit a mock.
forbidNetwork();

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

/** A deployed stack that CloudFormation deletes when asked. */
function deletableStack(stack = STACK) {
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
}

test('destroy deletes the lab stack and waits for it', async () => {
  deletableStack();
  const outcome = await destroyLab({ labId: FIXTURE_LAB.id, region: 'us-east-1', createApp: smallApp('bootstrapless'), pollingIntervalMs: 5, confirm: true });
  expect(outcome.stackName).toBe(STACK);
  expect(cfn).toHaveReceivedCommandWith(DeleteStackCommand, { StackName: expect.stringContaining(STACK) });
});

test('destroy of a lab this build does not define deletes its stack by name (teardown finds such labs by tag)', async () => {
  const stack = labStackName('retired-lab');
  deletableStack(stack);
  const outcome = await destroyLab({ labId: 'retired-lab', region: 'us-east-1', pollingIntervalMs: 5, confirm: true });
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

test('destroy answered no by the user: the toolkit\'s question is theirs, nothing is deleted, a not-confirmed error', async () => {
  deletableStack();
  const asked: string[] = [];
  const err = await destroyLab({
    labId: FIXTURE_LAB.id, region: 'us-east-1', createApp: smallApp('bootstrapless'), pollingIntervalMs: 5,
    confirm: async (question) => (asked.push(question), false),
  }).catch((e) => e);
  expect(asked).toEqual([`Are you sure you want to delete: ${STACK}`]);
  expect(err).toBeInstanceOf(LabStackError);
  expect(err.kind).toBe('not-confirmed');
  expect(cfn).toHaveReceivedCommandTimes(DeleteStackCommand, 0);
});

test('destroy answered yes by the user deletes the stack', async () => {
  deletableStack();
  const outcome = await destroyLab({ labId: FIXTURE_LAB.id, region: 'us-east-1', createApp: smallApp('bootstrapless'), pollingIntervalMs: 5, confirm: async () => true });
  expect(outcome.stackName).toBe(STACK);
  expect(cfn).toHaveReceivedCommandTimes(DeleteStackCommand, 1);
});

describe('mllab destroy asks before it deletes', () => {
  /** stdin as a terminal would give it: the user's typed line. */
  const keyboard = (typed: string) => Object.assign(Readable.from([typed]), { isTTY: true });
  const run = (argv: string[], io: Record<string, unknown> = {}) => {
    const synthesised: string[] = [];
    const app = smallApp('bootstrapless');
    return runCli(['destroy', FIXTURE_LAB.id, '--region', 'us-east-1', ...argv], {
      labs: [FIXTURE_LAB],
      io: { stackEventPollingMs: 5, createLabApp: (o) => (synthesised.push(String(o.context?.lab)), app(o)), ...io },
    }).then((r) => ({ ...r, synthesised }));
  };

  test('without a terminal and without --yes: exit 2 in one line, nothing synthesised, nothing sent', async () => {
    deletableStack();
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`mllab: destroy deletes ${STACK} and everything in it, and there is no terminal to ask for confirmation: run it again with --yes to confirm\n`);
    expect(r.synthesised).toEqual([]);
    expect(cfn.calls()).toHaveLength(0);
    expect(sts.calls()).toHaveLength(0);
  });

  test('stdin that is not a terminal is no answer either: still refused', async () => {
    const r = await run([], { stdin: Readable.from(['y\n']) });
    expect(r.code).toBe(2);
    expect(r.synthesised).toEqual([]);
  });

  test.each([['--yes'], ['--force']])('without a terminal, %s deletes the stack', async (flag) => {
    deletableStack();
    const r = await run([flag]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${STACK} deleted.`);
    expect(r.stderr).toContain(`Are you sure you want to delete: ${STACK} (confirmed with --yes)`);
    expect(cfn).toHaveReceivedCommandTimes(DeleteStackCommand, 1);
  });

  test.each([['n\n'], ['\n'], ['no\n'], ['']])('on a terminal, answering %j (or nothing) deletes nothing: exit 1', async (typed) => {
    deletableStack();
    const r = await run([], { stdin: keyboard(typed) });
    expect(r.stderr).toContain(`Are you sure you want to delete: ${STACK} (region us-east-1)? This is irreversible. [y/N] `);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n').pop()).toBe(`mllab: ${STACK} was not deleted: the deletion was not confirmed`);
    expect(r.stdout).toBe('');
    expect(cfn).toHaveReceivedCommandTimes(DeleteStackCommand, 0);
  });

  test.each([['y\n'], ['Y\n'], ['yes\n']])('on a terminal, answering %j deletes the stack', async (typed) => {
    deletableStack();
    const r = await run([], { stdin: keyboard(typed) });
    expect(r.stderr).toContain(`Are you sure you want to delete: ${STACK} (region us-east-1)? This is irreversible. [y/N] `);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${STACK} deleted.`);
    expect(cfn).toHaveReceivedCommandTimes(DeleteStackCommand, 1);
  });

  test('a bad region is refused before the question', async () => {
    const r = await run(['--region', 'moon-1'], { stdin: keyboard('y\n') });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('Are you sure');
    expect(r.synthesised).toEqual([]);
  });
});

test('the IoHost shows info and above without terminal styles; questions get the toolkit\'s annotated default, but never the destroy question', async () => {
  const lines: string[] = [];
  const host = new LabIoHost((l) => lines.push(l));
  const base = { time: new Date(), action: 'deploy' as const, data: {} };
  await host.notify({ ...base, level: 'debug', message: 'noise' });
  await host.notify({ ...base, level: 'trace', message: 'more noise' });
  await host.notify({ ...base, level: 'info', message: '\u001b[1mMlLab-x\u001b[22m: deploying... [1/1]\n' });
  await host.notify({ ...base, level: 'error', message: 'boom' });
  const answer = await host.requestResponse({ ...base, level: 'info', code: 'CDK_TOOLKIT_I5060', message: 'Deploy security changes?', defaultResponse: true });
  expect(answer).toBe(true);
  // The toolkit's own default for its destroy question is yes: without the user's answer it is no.
  const destroy = { ...base, action: 'destroy' as const, level: 'info' as const, code: CONFIRM_DESTROY_CODE, message: 'Are you sure you want to delete: \u001b[34mMlLab-x\u001b[39m', defaultResponse: true };
  expect(await host.requestResponse(destroy)).toBe(false);
  expect(await new LabIoHost(() => undefined, true).requestResponse(destroy)).toBe(true);
  expect(await new LabIoHost(() => undefined, async (q) => q === 'Are you sure you want to delete: MlLab-x').requestResponse(destroy)).toBe(true);
  expect(lines).toEqual(['MlLab-x: deploying... [1/1]', 'boom', 'Deploy security changes? (auto-confirmed)', 'Are you sure you want to delete: MlLab-x (not confirmed: nothing is deleted)']);
  expect(host.messages).toHaveLength(6);
});

describe('progress while the lab app synthesises and the toolkit works', () => {
  const ERASE = '\r\u001b[2K';
  const deploy = (stderr?: { write(s: string): unknown; isTTY: boolean }, env: Record<string, string | undefined> = { ...process.env }) =>
    runCli(['deploy', FIXTURE_LAB.id, '--region', 'us-east-1'], { labs: [FIXTURE_LAB], env, io: { createLabApp: smallApp('bootstrapless'), stackEventPollingMs: 5, ...(stderr ? { stderr } : {}) } });

  test('stderr not a terminal: a plain line per step, the toolkit\'s lines after it, no control characters', async () => {
    changeSetDeploy('CREATE_COMPLETE');
    const run = await deploy();
    expect(run.code).toBe(0);
    const lines = run.stderr.split('\n');
    const synthesising = lines.indexOf(`synthesising ${STACK}`);
    const deploying = lines.indexOf(`deploying ${STACK}`);
    expect(synthesising).toBeGreaterThan(0);
    expect(deploying).toBeGreaterThan(synthesising);
    expect(lines.slice(deploying + 1).some((l) => l.includes(STACK))).toBe(true);
    expect(run.stderr).not.toMatch(/[\r\u001b]/);
  });

  test('stderr a terminal: one spinner line, the toolkit\'s lines printed above it, erased at the end', async () => {
    changeSetDeploy('CREATE_COMPLETE');
    let stderr = '';
    const run = await deploy({ write: (s: string) => (stderr += s), isTTY: true });
    expect(run.code).toBe(0);
    expect(stderr).toContain(`${ERASE}⠋ synthesising ${STACK}`);
    expect(stderr).toMatch(new RegExp(`\\r\\u001b\\[2K[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] deploying ${STACK}`));
    // Every line that stays (identity, the toolkit's progress) starts on an erased line and ends in a newline.
    const kept = stderr.split(ERASE).flatMap((chunk) => chunk.split('\n').slice(0, -1));
    expect(kept.some((l) => l.startsWith(`${STACK}`))).toBe(true);
    expect(kept.every((l) => !/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] /.test(l))).toBe(true);
    expect(stderr.endsWith(ERASE)).toBe(true);
    expect(run.stdout).toContain(`${STACK} deployed.`);
  });

  test('TERM=dumb: plain lines even on a terminal', async () => {
    changeSetDeploy('CREATE_COMPLETE');
    let stderr = '';
    const run = await deploy({ write: (s: string) => (stderr += s), isTTY: true }, { ...process.env, TERM: 'dumb' });
    expect(run.code).toBe(0);
    expect(stderr).toContain(`\nsynthesising ${STACK}\n`);
    expect(stderr).not.toMatch(/[\r\u001b]/);
  });
});

test('destroy on a terminal: the question comes first, before the caller is looked up or anything synthesised; then the spinner', async () => {
  deletableStack();
  let stderr = '';
  const keyboard = Object.assign(Readable.from(['y\n']), { isTTY: true });
  const run = await runCli(['destroy', FIXTURE_LAB.id, '--region', 'us-east-1'], {
    labs: [FIXTURE_LAB],
    io: { createLabApp: smallApp('bootstrapless'), stackEventPollingMs: 5, stdin: keyboard, stderr: { write: (s: string) => (stderr += s), isTTY: true } },
  });
  expect(run.code).toBe(0);
  expect(stderr.startsWith(`Are you sure you want to delete: ${STACK} (region us-east-1)? This is irreversible. [y/N] `)).toBe(true);
  expect(stderr).toMatch(new RegExp(`\\r\\u001b\\[2K[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] destroying ${STACK}`));
  // The toolkit's own question was answered by the user's yes, not shown a second time.
  expect(stderr.split('Are you sure')).toHaveLength(2);
  expect(cfn).toHaveReceivedCommandTimes(DeleteStackCommand, 1);
});

test('destroy on a terminal answered no: nothing is looked up, synthesised or sent', async () => {
  const synthesised: string[] = [];
  const keyboard = Object.assign(Readable.from(['n\n']), { isTTY: true });
  const run = await runCli(['destroy', FIXTURE_LAB.id, '--region', 'us-east-1'], {
    labs: [FIXTURE_LAB],
    io: { createLabApp: (o) => (synthesised.push('app'), smallApp('bootstrapless')(o)), stdin: keyboard },
  });
  expect(run.code).toBe(1);
  expect(synthesised).toEqual([]);
  expect(sts.calls()).toHaveLength(0);
  expect(cfn.calls()).toHaveLength(0);
});
