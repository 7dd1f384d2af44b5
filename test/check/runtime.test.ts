import { DescribeStreamSummaryCommand, KinesisClient, ListShardsCommand } from '@aws-sdk/client-kinesis';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { fail, pass } from '../../lib/check/verdicts';
import { exitCodeOf, type CheckRunResult } from '../../lib/check/runner';
import { CheckSession } from '../../lib/check/session';
import type { CheckContext } from '../../lib/check/types';
import type { ReadDeclaration } from '../../lib/model';
import { awsError, CloudFormationClient, mockStackOutputs } from '../support/check-harness';
import { labOf } from '../support/fixture-lab';
import { runChecked } from '../support/checked-lab';

const kinesis = mockClient(KinesisClient);
const s3 = mockClient(S3Client);
const cfn = mockClient(CloudFormationClient);
beforeEach(() => {
  kinesis.reset();
  s3.reset();
  cfn.reset();
});

const lab = (checks: readonly ((ctx: CheckContext) => Promise<any>)[], reads: readonly ReadDeclaration[] = ['Kinesis:DescribeStreamSummary']) =>
  labOf('runtime-lab', checks, { reads });

const session = () => new CheckSession({ region: 'us-east-1', maxAttempts: 1 });
const describe_ = (ctx: CheckContext) => ctx.client(KinesisClient).send(new DescribeStreamSummaryCommand({ StreamName: 's' }));

test('requirements run concurrently, never more than the limit at once', async () => {
  let active = 0;
  let peak = 0;
  const slow = async () => {
    active++;
    peak = Math.max(peak, active);
    await new Promise((r) => setTimeout(r, 20));
    active--;
    return pass();
  };
  const result = await runChecked(session(), lab(Array(6).fill(slow)), { concurrency: 2 });
  expect(result.requirements.every((r) => r.status === 'pass')).toBe(true);
  // Two at once (they ran concurrently), never three (the limit holds); no wall-clock bound, which a
  // busy machine would break: performance is measured by npm run bench, not asserted here.
  expect(peak).toBe(2);
});

test('a timeout aborts the check signal and gives error', async () => {
  let aborted = false;
  const hang = (ctx: CheckContext) =>
    new Promise<any>((resolve) => {
      ctx.signal.addEventListener('abort', () => {
        aborted = true;
        resolve(pass());
      });
    });
  const result = await runChecked(session(), lab([hang]), { timeoutMs: 30 });
  expect(result.requirements[0]).toMatchObject({ status: 'error', findings: ['The check did not finish within 30 ms; AWS may be slow or throttling. Run it again (or raise --timeout).'] });
  expect(aborted).toBe(true);
});

test.each([
  ['throttling past retries', awsError('ThrottlingException', 'Rate exceeded', 400), /^Throttled by AWS past the retry limit \(ThrottlingException\); run the check again in a minute\.$/],
  ['an unknown operation', awsError('UnknownOperationException', '', 400), /^The endpoint does not support this operation \(UnknownOperationException\); check the region and any AWS_ENDPOINT_URL override\.$/],
  ['access denied', awsError('AccessDeniedException', 'no', 403), /^Access denied \(AccessDeniedException\)\. Grant kinesis:DescribeStreamSummary \(see `mllab policy`\)\.$/],
  ['an unreachable endpoint', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), /^The AWS endpoint is unreachable \(ECONNREFUSED\)/],
])('%s is error with what to do, and exit 3', async (_name, error, message) => {
  kinesis.on(DescribeStreamSummaryCommand).rejects(error);
  const result = await runChecked(session(), lab([async (ctx) => (await describe_(ctx), pass())]));
  expect(result.requirements[0]!.status).toBe('error');
  expect(result.requirements[0]!.findings[0]).toMatch(message);
  expect(exitCodeOf(result)).toBe(3);
});

test('access denied on S3 names the IAM action, not the SDK operation', async () => {
  s3.on(ListObjectsV2Command).rejects(awsError('AccessDenied', 'Access Denied', 403));
  const check = async (ctx: CheckContext) => {
    await ctx.client(S3Client).send(new ListObjectsV2Command({ Bucket: 'b' }));
    return pass();
  };
  const result = await runChecked(session(), lab([check], ['S3:ListObjectsV2']));
  expect(result.requirements[0]!.findings[0]).toBe('Access denied (AccessDenied). Grant s3:ListBucket (see `mllab policy`).');
});

test('a call the requirement did not declare is refused as error and never sent', async () => {
  kinesis.on(ListShardsCommand).resolves({ Shards: [] });
  const check = async (ctx: CheckContext) => {
    await ctx.client(KinesisClient).send(new ListShardsCommand({ StreamName: 's' }));
    return pass();
  };
  const result = await runChecked(session(), lab([check]));
  expect(result.requirements[0]).toMatchObject({ status: 'error', findings: ["The check sent Kinesis:ListShards, which its requirement does not declare in 'reads'; it was not sent."] });
  expect(kinesis).toHaveReceivedCommandTimes(ListShardsCommand, 0);
});

test('an exception in a check, or no verdict, is error: the run never crashes', async () => {
  const throws = async () => {
    throw new TypeError("Cannot read properties of undefined (reading 'Shards')");
  };
  const noVerdict = async () => undefined;
  const result = await runChecked(session(), lab([throws, noVerdict, async () => pass()]));
  expect(result.requirements.map((r) => r.status)).toEqual(['error', 'error', 'pass']);
  expect(result.requirements[0]!.findings[0]).toBe("TypeError: Cannot read properties of undefined (reading 'Shards')");
  expect(result.requirements[1]!.findings[0]).toMatch(/returned no verdict/);
});

test('a missing lab stack fails the requirement with how to deploy it, and DescribeStacks is sent once', async () => {
  cfn.on(DescribeStacksCommand).rejects(awsError('ValidationError', 'Stack with id MlLab-runtime-lab does not exist', 400));
  const readOutput = async (ctx: CheckContext) => (await ctx.stackOutput('StreamName'), pass());
  const result = await runChecked(session(), lab([readOutput, readOutput, readOutput]));
  expect(result.requirements.map((r) => r.status)).toEqual(['fail', 'fail', 'fail']);
  expect(result.requirements[0]!.findings[0]).toBe('The lab stack MlLab-runtime-lab is not deployed in us-east-1: run `mllab deploy runtime-lab` first.');
  expect(cfn).toHaveReceivedCommandTimes(DescribeStacksCommand, 1);
});

test('the memo serves equal inputs whatever their key order, and sends different inputs', async () => {
  mockStackOutputs(cfn, 'runtime-lab', { StreamName: 's' });
  kinesis.on(ListShardsCommand).resolves({ Shards: [] });
  const a = async (ctx: CheckContext) => (await ctx.client(KinesisClient).send(new ListShardsCommand({ StreamName: 's', MaxResults: 10 })), pass());
  const b = async (ctx: CheckContext) => (await ctx.client(KinesisClient).send(new ListShardsCommand({ MaxResults: 10, StreamName: 's' })), pass());
  const c = async (ctx: CheckContext) => (await ctx.client(KinesisClient).send(new ListShardsCommand({ StreamName: 's', MaxResults: 5 })), pass());
  const s = session();
  await runChecked(s, lab([a, b, c], ['Kinesis:ListShards']));
  expect(kinesis).toHaveReceivedCommandTimes(ListShardsCommand, 2);
  expect(s.callsSent).toBe(2);
});

test('clients use the SDK standard retry mode with bounded attempts, one per service', async () => {
  const s = new CheckSession({ region: 'eu-west-1', maxAttempts: 4 });
  const client = s.clientFor(KinesisClient) as any;
  expect(s.clientFor(KinesisClient)).toBe(client);
  expect(await client.config.retryStrategy()).toMatchObject({ mode: 'standard' });
  expect(await client.config.maxAttempts()).toBe(4);
  expect(await client.config.region()).toBe('eu-west-1');
  s.destroy();
});

test.each<[string, CheckRunResult['summary'], number]>([
  ['all passed', { passed: 3, failed: 0, errors: 0, skipped: 0 }, 0],
  ['a failure', { passed: 2, failed: 1, errors: 0, skipped: 0 }, 1],
  ['failures and errors', { passed: 0, failed: 1, errors: 1, skipped: 1 }, 1],
  ['errors only', { passed: 2, failed: 0, errors: 1, skipped: 0 }, 3],
  ['skipped only', { passed: 2, failed: 0, errors: 0, skipped: 1 }, 3],
])('exit code with %s', (_name, summary, code) => {
  expect(exitCodeOf({ summary } as CheckRunResult)).toBe(code);
});

test('a failing verdict keeps its teaching findings', async () => {
  kinesis.on(DescribeStreamSummaryCommand).resolves({ StreamDescriptionSummary: { RetentionPeriodHours: 24 } as any });
  const check = async (ctx: CheckContext) => {
    const out = await describe_(ctx);
    return out.StreamDescriptionSummary!.RetentionPeriodHours! >= 48 ? pass() : fail('Retention is 24 hours.', 'The scenario needs 48 so a weekend outage loses nothing.');
  };
  const result = await runChecked(session(), lab([check]));
  expect(result.requirements[0]!.findings).toEqual(['Retention is 24 hours.', 'The scenario needs 48 so a weekend outage loses nothing.']);
});
