// ctx.client(X) is an `instanceof X` read-only client, so checks page with the SDK's paginateX helpers.
import { DeleteStreamCommand, KinesisClient, ListStreamConsumersCommand, ListStreamsCommand, paginateListStreamConsumers, paginateListStreams, type Consumer } from '@aws-sdk/client-kinesis';
import { mockClient } from 'aws-sdk-client-mock';
import { recordingTransport, replayTransport, type Cassette } from '../../lib/cassette';
import { fail, pass } from '../../lib/check/verdicts';
import { CheckSession, liveTransport, type CallTransport } from '../../lib/check/session';
import type { CheckContext } from '../../lib/check/types';
import type { ReadDeclaration } from '../../lib/model';
import { labOf } from '../support/fixture-lab';
import { runChecked } from '../support/checked-lab';

const kinesis = mockClient(KinesisClient);
beforeEach(() => kinesis.reset());

const STREAM_ARN = 'arn:aws:kinesis:us-east-1:111122223333:stream/clicks';
const consumer = (name: string): Consumer => ({
  ConsumerName: name,
  ConsumerARN: `${STREAM_ARN}/consumer/${name}:1`,
  ConsumerStatus: 'ACTIVE',
  ConsumerCreationTimestamp: new Date('2026-01-01T00:00:00Z'),
});

const lab = (checks: readonly ((ctx: CheckContext) => Promise<any>)[], reads: readonly ReadDeclaration[] = ['Kinesis:ListStreamConsumers']) =>
  labOf('paginate-lab', checks, { reads });

/** Every consumer name, through the SDK paginator; fails unless there are exactly `expected`. */
const listsConsumers = (expected: string[]) => async (ctx: CheckContext) => {
  const names: string[] = [];
  for await (const page of paginateListStreamConsumers({ client: ctx.client(KinesisClient) }, { StreamARN: STREAM_ARN })) {
    names.push(...(page.Consumers ?? []).map((c) => c.ConsumerName!));
  }
  return JSON.stringify(names) === JSON.stringify(expected) ? pass() : fail(`got ${names.join(', ')}`);
};

const TWO_PAGES: Cassette = {
  formatVersion: 1,
  region: 'us-east-1',
  calls: [
    // The more specific entry first: the first matching entry answers.
    { service: 'Kinesis', operation: 'ListStreamConsumers', input: { StreamARN: STREAM_ARN, NextToken: 'page-2' }, output: { Consumers: [{ ConsumerName: 'c' }] } },
    { service: 'Kinesis', operation: 'ListStreamConsumers', input: { StreamARN: STREAM_ARN }, output: { Consumers: [{ ConsumerName: 'a' }, { ConsumerName: 'b' }], NextToken: 'page-2' } },
  ],
};

/** A transport that must not be reached: the cassette answers everything. */
const unreachable: CallTransport = {
  send: (call) => Promise.reject(new Error(`${call.service}:${call.operation} reached the network`)),
};

test('ctx.client(X) is an instance of X, without running its constructor', async () => {
  let seen: unknown;
  const check = async (ctx: CheckContext) => {
    seen = ctx.client(KinesisClient);
    return pass();
  };
  const session = new CheckSession({ region: 'us-east-1', transport: unreachable });
  await runChecked(session, lab([check]));
  expect(seen).toBeInstanceOf(KinesisClient);
  // A constructed client has a resolved config; this one holds nothing but send and destroy.
  expect((seen as any).config).toBeUndefined();
});

test('a paginated read through mocks sends one call per page, each with its own token', async () => {
  kinesis
    .on(ListStreamConsumersCommand, { StreamARN: STREAM_ARN, NextToken: undefined })
    .resolves({ Consumers: [consumer('a'), consumer('b')], NextToken: 'page-2' })
    .on(ListStreamConsumersCommand, { StreamARN: STREAM_ARN, NextToken: 'page-2' })
    .resolves({ Consumers: [consumer('c')] });
  const session = new CheckSession({ region: 'us-east-1', maxAttempts: 1 });
  const result = await runChecked(session, lab([listsConsumers(['a', 'b', 'c'])]));
  session.destroy();
  expect(result.requirements[0]).toMatchObject({ status: 'pass' });
  expect(kinesis).toHaveReceivedCommandTimes(ListStreamConsumersCommand, 2);
  // The paginator reuses one input object; what each page sent must not show the later token.
  expect(kinesis).toHaveReceivedNthCommandWith(1, ListStreamConsumersCommand, { StreamARN: STREAM_ARN, NextToken: undefined });
  expect(kinesis).toHaveReceivedNthCommandWith(2, ListStreamConsumersCommand, { StreamARN: STREAM_ARN, NextToken: 'page-2' });
});

test('pages are memoised per token: two requirements paging the same list send each page once', async () => {
  kinesis
    .on(ListStreamConsumersCommand, { NextToken: undefined })
    .resolves({ Consumers: [consumer('a')], NextToken: 'page-2' })
    .on(ListStreamConsumersCommand, { NextToken: 'page-2' })
    .resolves({ Consumers: [consumer('b')] });
  const session = new CheckSession({ region: 'us-east-1', maxAttempts: 1 });
  const result = await runChecked(session, lab([listsConsumers(['a', 'b']), listsConsumers(['a', 'b'])]));
  session.destroy();
  expect(result.requirements.map((r) => r.status)).toEqual(['pass', 'pass']);
  expect(session.callsSent).toBe(2);
  expect(kinesis).toHaveReceivedCommandTimes(ListStreamConsumersCommand, 2);
});

test('a paginated read replays from a cassette without creating an SDK client', async () => {
  const clientFor = jest.spyOn(CheckSession.prototype, 'clientFor');
  try {
    const session = new CheckSession({ region: 'us-east-1', transport: replayTransport(TWO_PAGES, { fallback: unreachable }) });
    const result = await runChecked(session, lab([listsConsumers(['a', 'b', 'c'])]));
    expect(result.requirements[0]).toMatchObject({ status: 'pass' });
    expect(session.callsSent).toBe(2);
    expect(clientFor).not.toHaveBeenCalled();
  } finally {
    clientFor.mockRestore();
  }
});

test('the recorder keeps each page with the input it was sent with, and the recording replays', async () => {
  kinesis
    .on(ListStreamConsumersCommand, { NextToken: undefined })
    .resolves({ Consumers: [consumer('a')], NextToken: 'page-2' })
    .on(ListStreamConsumersCommand, { NextToken: 'page-2' })
    .resolves({ Consumers: [consumer('b')] });
  const recorder = recordingTransport(liveTransport, 'us-east-1');
  const live = new CheckSession({ region: 'us-east-1', maxAttempts: 1, transport: recorder });
  await runChecked(live, lab([listsConsumers(['a', 'b'])]));
  live.destroy();
  const recorded = recorder.cassette();
  expect(recorded.calls.map((c) => c.input)).toEqual([{ StreamARN: STREAM_ARN }, { StreamARN: STREAM_ARN, NextToken: 'page-2' }]);

  // Replayed, the first entry matches only the first page's request (no token), so order matters
  // as recorded: the token-less entry would also match page 2 if it came first.
  const replayable: Cassette = { ...recorded, calls: [...recorded.calls].reverse() };
  const replay = new CheckSession({ region: 'us-east-1', transport: replayTransport(replayable, { fallback: unreachable }) });
  const result = await runChecked(replay, lab([listsConsumers(['a', 'b'])]));
  expect(result.requirements[0]).toMatchObject({ status: 'pass' });
});

test('the read-only refusal holds for paginators and for writes sent through the same client', async () => {
  kinesis.on(ListStreamsCommand).resolves({ StreamNames: ['clicks'] });
  const undeclaredPaginator = async (ctx: CheckContext) => {
    for await (const page of paginateListStreams({ client: ctx.client(KinesisClient) }, {})) void page;
    return pass();
  };
  const write = async (ctx: CheckContext) => {
    await ctx.client(KinesisClient).send(new DeleteStreamCommand({ StreamName: 'clicks' }));
    return pass();
  };
  const session = new CheckSession({ region: 'us-east-1', maxAttempts: 1 });
  const result = await runChecked(session, lab([undeclaredPaginator, write]));
  session.destroy();
  expect(result.requirements[0]).toMatchObject({ status: 'error', findings: ["The check sent Kinesis:ListStreams, which its requirement does not declare in 'reads'; it was not sent."] });
  expect(result.requirements[1]).toMatchObject({ status: 'error', findings: ['The check tried to send Kinesis:DeleteStream, which is not a read; checkers never write to your account, so it was not sent.'] });
  expect(kinesis).toHaveReceivedCommandTimes(ListStreamsCommand, 0);
  expect(kinesis).toHaveReceivedCommandTimes(DeleteStreamCommand, 0);
});
