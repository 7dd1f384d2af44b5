import { DescribeStreamSummaryCommand, KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { mockClient } from 'aws-sdk-client-mock';
import { fail, pass } from '../../lib/check/verdicts';
import { exitCodeOf } from '../../lib/check/runner';
import { CheckSession } from '../../lib/check/session';
import { awsError } from '../support/check-harness';
import { labOf } from '../support/fixture-lab';
import { runChecked } from '../support/checked-lab';

const kinesis = mockClient(KinesisClient);

const summary = { StreamDescriptionSummary: { StreamName: 's', StreamARN: 'arn:aws:kinesis:us-east-1:111111111111:stream/s', StreamStatus: 'ACTIVE', RetentionPeriodHours: 24, StreamCreationTimestamp: new Date(), EnhancedMonitoring: [], OpenShardCount: 1 } } as any;

const labWith = (checks: readonly ((ctx: any) => Promise<any>)[], dependsOn: Record<number, string[]> = {}) =>
  labOf('runtime-test', checks, { dependsOn });

const readStream = async (ctx: any) => {
  const out = await ctx.client(KinesisClient).send(new DescribeStreamSummaryCommand({ StreamName: 's' }));
  return out.StreamDescriptionSummary.RetentionPeriodHours >= 48 ? pass() : fail('retention is 24 hours');
};

beforeEach(() => kinesis.reset());

test('one read needed by three requirements is sent once', async () => {
  kinesis.on(DescribeStreamSummaryCommand).resolves(summary);
  const session = new CheckSession({ region: 'us-east-1', maxAttempts: 1 });
  const result = await runChecked(session, labWith([readStream, readStream, readStream]));
  expect(result.requirements.map((r) => r.status)).toEqual(['fail', 'fail', 'fail']);
  expect(kinesis).toHaveReceivedCommandTimes(DescribeStreamSummaryCommand, 1);
  expect(exitCodeOf(result)).toBe(1);
});

test('a write is refused as error and never sent', async () => {
  kinesis.on(PutRecordCommand).resolves({ ShardId: 'x', SequenceNumber: '1' });
  const session = new CheckSession({ region: 'us-east-1', maxAttempts: 1 });
  const write = async (ctx: any) => {
    await ctx.client(KinesisClient).send(new PutRecordCommand({ StreamName: 's', Data: new Uint8Array([1]), PartitionKey: 'k' }));
    return pass();
  };
  const result = await runChecked(session, labWith([write]));
  expect(result.requirements[0]!.status).toBe('error');
  expect(result.requirements[0]!.findings[0]).toMatch(/not a read/);
  expect(kinesis).toHaveReceivedCommandTimes(PutRecordCommand, 0);
  expect(exitCodeOf(result)).toBe(3);
});

test('access denied becomes error naming the IAM action; a dependent requirement is skipped', async () => {
  kinesis.on(DescribeStreamSummaryCommand).rejects(awsError('AccessDeniedException', 'no', 403));
  const session = new CheckSession({ region: 'us-east-1', maxAttempts: 1 });
  const result = await runChecked(session, labWith([readStream, readStream], { 1: ['R1'] }));
  expect(result.requirements[0]!.status).toBe('error');
  expect(result.requirements[0]!.findings[0]).toMatch(/kinesis:DescribeStreamSummary/);
  expect(result.requirements[1]!.status).toBe('skipped');
});

test('a check that exceeds its timeout is error, not a hang', async () => {
  const slow = () => new Promise<any>(() => undefined);
  const session = new CheckSession({ region: 'us-east-1', maxAttempts: 1 });
  const result = await runChecked(session, labWith([slow]), { timeoutMs: 50 });
  expect(result.requirements[0]!.status).toBe('error');
  expect(result.requirements[0]!.findings[0]).toMatch(/did not finish/);
});

describe('concurrency (p-limit)', () => {
  const session = () => new CheckSession({ region: 'us-east-1', maxAttempts: 1 });

  test('at most --concurrency requirements run at once, started in the lab order, and all finish', async () => {
    let active = 0;
    let most = 0;
    const started: number[] = [];
    const held = (i: number) => async () => {
      started.push(i);
      most = Math.max(most, ++active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active--;
      return pass();
    };
    const result = await runChecked(session(), labOf('limit-test', Array.from({ length: 7 }, (_, i) => held(i))), { concurrency: 2 });
    expect(result.requirements.map((r) => r.status)).toEqual(Array(7).fill('pass'));
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  test('a requirement waiting for its prerequisite holds no slot: a chain finishes at concurrency 1', async () => {
    const order: string[] = [];
    const step = (id: string) => async () => {
      order.push(id);
      return pass();
    };
    const result = await runChecked(session(), labOf('chain-test', [step('R1'), step('R2'), step('R3')], { dependsOn: { 2: ['R2'], 1: ['R1'] } }), { concurrency: 1, deadlineMs: 5_000 });
    expect(result.requirements.map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
    expect(order).toEqual(['R1', 'R2', 'R3']);
  });

  test('a check that throws gives its slot back', async () => {
    const result = await runChecked(session(), labOf('throw-test', [async () => { throw new Error('boom'); }, async () => pass(), async () => pass()]), { concurrency: 1, deadlineMs: 5_000 });
    expect(result.requirements.map((r) => r.status)).toEqual(['error', 'pass', 'pass']);
  });
});
