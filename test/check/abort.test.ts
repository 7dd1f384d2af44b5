// Issue 18: every call a check sends carries its requirement's abort signal; a shared (memoised)
// call is aborted only when nobody waits for it any more; the run has an overall bound; a cause
// every requirement shares is told once.
import { DescribeStreamSummaryCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { isUndecided, requirementsToRun, sharedPrecondition, type RequirementResult } from '../../lib/check/runner';
import { CheckSession, type CallTransport, type SdkCall } from '../../lib/check/session';
import type { CheckContext } from '../../lib/check/types';
import { pass } from '../../lib/check/verdicts';
import { awsError, CloudFormationClient } from '../support/check-harness';
import { runChecked } from '../support/checked-lab';
import { FIXTURE_LAB, labOf } from '../support/fixture-lab';

const kinesis = mockClient(KinesisClient);
const cfn = mockClient(CloudFormationClient);
beforeEach(() => {
  kinesis.reset();
  cfn.reset();
});

/** A transport that never answers but keeps each call, so a test can see its signal. */
function silentTransport(): CallTransport & { calls: SdkCall[] } {
  const calls: SdkCall[] = [];
  return {
    calls,
    send: (call) => {
      calls.push(call);
      return new Promise((_resolve, reject) => call.abortSignal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))));
    },
  };
}

const describeStream = (ctx: CheckContext) => ctx.client(KinesisClient).send(new DescribeStreamSummaryCommand({ StreamName: 's' }));

test('the live transport hands the call\'s abort signal to client.send', async () => {
  kinesis.on(DescribeStreamSummaryCommand).resolves({});
  const session = new CheckSession({ region: 'us-east-1', maxAttempts: 1 });
  const result = await runChecked(session, labOf('abort-lab', [async (ctx) => (await describeStream(ctx), pass())]));
  expect(result.requirements[0]!.status).toBe('pass');
  const options = (kinesis.send.getCall(0).args as unknown[])[1] as { abortSignal?: AbortSignal } | undefined;
  expect(options?.abortSignal).toBeInstanceOf(AbortSignal);
  session.destroy();
});

test('a requirement\'s timeout aborts the SDK call it was waiting for', async () => {
  const transport = silentTransport();
  const session = new CheckSession({ region: 'us-east-1', transport });
  const result = await runChecked(session, labOf('abort-lab', [async (ctx) => (await describeStream(ctx), pass())]), { timeoutMs: 50 });
  expect(result.requirements[0]).toMatchObject({ status: 'error', cause: 'timeout' });
  expect(transport.calls).toHaveLength(1);
  expect(transport.calls[0]!.abortSignal.aborted).toBe(true);
});

test('a shared call is aborted only when every requirement waiting for it has given up', async () => {
  let answer!: (value: unknown) => void;
  const calls: SdkCall[] = [];
  const transport: CallTransport = {
    send: (call) => {
      calls.push(call);
      return new Promise((resolve) => (answer = resolve));
    },
  };
  const session = new CheckSession({ region: 'us-east-1', transport });
  const early = new AbortController();
  const late = new AbortController();
  const command = new DescribeStreamSummaryCommand({ StreamName: 's' });
  const first = session.call(KinesisClient, command, early.signal);
  const second = session.call(KinesisClient, command, late.signal);
  await new Promise((resolve) => setImmediate(resolve));
  expect(calls).toHaveLength(1);
  early.abort();
  await expect(first).rejects.toMatchObject({ name: 'AbortError' });
  // The other requirement still waits: the call goes on and answers it.
  expect(calls[0]!.abortSignal.aborted).toBe(false);
  answer({ StreamDescriptionSummary: { StreamName: 's' } });
  await expect(second).resolves.toMatchObject({ StreamDescriptionSummary: { StreamName: 's' } });

  // Now a call both give up on: aborted, and forgotten so a later requirement sends it again.
  const other = new DescribeStreamSummaryCommand({ StreamName: 't' });
  const a = new AbortController();
  const b = new AbortController();
  const pa = session.call(KinesisClient, other, a.signal);
  const pb = session.call(KinesisClient, other, b.signal);
  await new Promise((resolve) => setImmediate(resolve));
  a.abort();
  b.abort();
  await expect(pa).rejects.toMatchObject({ name: 'AbortError' });
  await expect(pb).rejects.toMatchObject({ name: 'AbortError' });
  expect(calls[1]!.abortSignal.aborted).toBe(true);
  void session.call(KinesisClient, other, new AbortController().signal).catch(() => undefined);
  await new Promise((resolve) => setImmediate(resolve));
  expect(calls).toHaveLength(3);
  session.destroy();
  expect(calls[2]!.abortSignal.aborted).toBe(true);
});

test('the overall bound ends a run whose requirements each stay within their own timeout', async () => {
  const slow = () => new Promise<any>((resolve) => setTimeout(() => resolve(pass()), 400));
  const session = new CheckSession({ region: 'us-east-1', transport: silentTransport() });
  // One at a time, three of 400 ms each, a 1 s bound: the third is not decided (its verdict proves
  // the bound; a wall-clock assertion would only measure the machine's load).
  const result = await runChecked(session, labOf('abort-lab', [slow, slow, slow]), { concurrency: 1, timeoutMs: 1_000, deadlineMs: 1_000 });
  expect(result.requirements.map((r) => r.status)).toEqual(['pass', 'pass', 'error']);
  expect(result.requirements[2]).toMatchObject({ cause: 'deadline', findings: ['Not decided: the whole run did not finish within 1 s. Run it again, or check fewer requirements at once with --only.'] });
  expect(result.precondition).toBeUndefined();
});

test('each result is reported as it completes, and each start before it', async () => {
  const events: string[] = [];
  const wait = (ms: number) => () => new Promise<any>((resolve) => setTimeout(() => resolve(pass()), ms));
  const session = new CheckSession({ region: 'us-east-1', transport: silentTransport() });
  await runChecked(session, labOf('abort-lab', [wait(60), wait(5)]), { onStart: (id) => events.push(`start ${id}`), onResult: (r) => events.push(`done ${r.id}`) });
  expect(events).toEqual(['start R1', 'start R2', 'done R2', 'done R1']);
});

describe('a cause every requirement shares', () => {
  test('a missing lab stack, for every requirement: one precondition, the run undecided', async () => {
    cfn.on(DescribeStacksCommand).rejects(awsError('ValidationError', 'Stack with id MlLab-abort-lab does not exist', 400));
    const readOutput = async (ctx: CheckContext) => (await ctx.stackOutput('StreamName'), pass());
    const session = new CheckSession({ region: 'us-east-1', maxAttempts: 1 });
    const result = await runChecked(session, labOf('abort-lab', [readOutput, readOutput, readOutput], { dependsOn: { 2: ['R1'] } }));
    expect(result.requirements.map((r) => r.status)).toEqual(['fail', 'fail', 'skipped']);
    expect(result.precondition).toEqual({ cause: 'stack-missing', message: 'The lab stack MlLab-abort-lab is not deployed in us-east-1: run `mllab deploy abort-lab` first.' });
    expect(isUndecided(result)).toBe(true);
  });

  test('expired credentials everywhere: one precondition that says to log in again', async () => {
    kinesis.on(DescribeStreamSummaryCommand).rejects(awsError('ExpiredTokenException', 'expired', 400));
    const session = new CheckSession({ region: 'us-east-1', profile: 'learner', maxAttempts: 1 });
    const result = await runChecked(session, labOf('abort-lab', [async (ctx) => (await describeStream(ctx), pass()), async (ctx) => (await describeStream(ctx), pass())]));
    expect(result.precondition?.cause).toBe('expired-credentials');
    expect(result.precondition?.message).toMatch(/^AWS refused profile 'learner' as expired or invalid \(ExpiredTokenException\): log in again/);
  });

  test('not shared when one requirement decided something, or when the cause is a requirement\'s own (access denied)', () => {
    const base = { title: 't', hint: 'h', docs: 'd', durationMs: 1 };
    const down: RequirementResult = { ...base, id: 'R1', status: 'error', findings: ['The AWS endpoint is unreachable (ECONNREFUSED)'], cause: 'unreachable' };
    expect(sharedPrecondition([down, { ...down, id: 'R2' }])?.cause).toBe('unreachable');
    expect(sharedPrecondition([down, { ...base, id: 'R2', status: 'pass', findings: [] }])).toBeUndefined();
    expect(sharedPrecondition([down, { ...down, id: 'R2', cause: 'connection-reset' }])).toBeUndefined();
    const denied: RequirementResult = { ...down, cause: 'access-denied' };
    expect(sharedPrecondition([denied, { ...denied, id: 'R2' }])).toBeUndefined();
  });
});

test('isUndecided: every requirement that ran is an error; a fail or a pass decides something', () => {
  const base = { lab: 'l', region: 'r', startedAt: '', durationMs: 0, summary: { passed: 0, failed: 0, errors: 0, skipped: 0 } };
  const r = (status: RequirementResult['status']): RequirementResult => ({ id: 'R', title: 't', hint: 'h', docs: 'd', durationMs: 0, status, findings: [] });
  expect(isUndecided({ ...base, requirements: [r('error'), r('skipped')] })).toBe(true);
  expect(isUndecided({ ...base, requirements: [r('error'), r('fail')] })).toBe(false);
  expect(isUndecided({ ...base, requirements: [r('pass')] })).toBe(false);
});

test('requirementsToRun: --only with what it depends on, in the lab\'s order', () => {
  expect(requirementsToRun(FIXTURE_LAB, ['R2'])).toEqual(['R1', 'R2']);
  expect(requirementsToRun(FIXTURE_LAB, ['R1'])).toEqual(['R1']);
  expect(requirementsToRun(FIXTURE_LAB)).toEqual(['R1', 'R2']);
});

test('a call a check started and never awaited is aborted when the requirement ends, and crashes nothing', async () => {
  const transport = silentTransport();
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const session = new CheckSession({ region: 'us-east-1', transport });
    const careless = async (ctx: CheckContext) => {
      void describeStream(ctx);
      return pass();
    };
    const result = await runChecked(session, labOf('abort-lab', [careless]));
    expect(result.requirements[0]!.status).toBe('pass');
    await new Promise((resolve) => setImmediate(resolve));
    expect(transport.calls[0]!.abortSignal.aborted).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});

test('a run stopped from outside (Ctrl-C under --watch) ends at once, its calls aborted', async () => {
  const transport = silentTransport();
  const session = new CheckSession({ region: 'us-east-1', transport });
  const stop = new AbortController();
  setTimeout(() => stop.abort(), 50);
  const started = Date.now();
  const result = await runChecked(session, labOf('abort-lab', [async (ctx) => (await describeStream(ctx), pass())]), { timeoutMs: 10_000, signal: stop.signal });
  // Far below the 10 s requirement timeout: the stop, not the timeout, ended it.
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(result.requirements[0]).toMatchObject({ status: 'error', cause: 'deadline' });
  expect(transport.calls[0]!.abortSignal.aborted).toBe(true);
});

test('a check\'s own { abortSignal } stops its wait too, the requirement\'s signal still applies', async () => {
  const transport = silentTransport();
  const session = new CheckSession({ region: 'us-east-1', transport });
  const own = async (ctx: CheckContext) => {
    const mine = new AbortController();
    setTimeout(() => mine.abort(), 20);
    try {
      await ctx.client(KinesisClient).send(new DescribeStreamSummaryCommand({ StreamName: 's' }), { abortSignal: mine.signal });
      return pass();
    } catch (err: any) {
      return pass(`gave up: ${err.name}`);
    }
  };
  const result = await runChecked(session, labOf('abort-lab', [own]), { timeoutMs: 5_000 });
  expect(result.requirements[0]).toMatchObject({ status: 'pass', findings: ['gave up: AbortError'] });
  expect(transport.calls[0]!.abortSignal.aborted).toBe(true);
});
