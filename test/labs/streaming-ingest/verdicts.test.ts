// Verdicts a real account can trust: the valid alternatives a competent learner could produce pass,
// the plausible mistakes fail, and a check that could not see enough says so as an error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeDeliveryStreamCommand, type ProcessingConfiguration } from '@aws-sdk/client-firehose';
import { DescribeStreamSummaryCommand, GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand } from '@aws-sdk/client-kinesis';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { CheckSession, requirementContext } from '../../../lib/check/session';
import { dataPrefixProblems, errorPrefixProblems, recordProblem } from '../../../labs/streaming-ingest/checks';
import { lab, STREAM_READS } from '../../../labs/streaming-ingest/lab';
import { clickEvents, SOLUTION_PREFIX } from '../../../labs/streaming-ingest/solution';
import { readStream } from '../../../labs/streaming-ingest/stream-records';
import { checkRequirement } from '../../support/check-harness';
import { LABS_DIR } from '../../support/replay';
import { deliveryStream, labMocks, OUTPUTS, SHAPED } from './fixtures';

const { firehose, kinesis, s3 } = labMocks();
afterEach(() => jest.restoreAllMocks());

const START = new Date('2026-03-04T09:41:00Z');
const ONE_SHARD = { Shards: [{ ShardId: 'shardId-000000000000', HashKeyRange: { StartingHashKey: '0', EndingHashKey: '340282366920938463463374607431768211455' }, SequenceNumberRange: { StartingSequenceNumber: '1' } }] };

function destinationIs(overrides: Partial<typeof SHAPED>) {
  firehose.on(DescribeDeliveryStreamCommand).resolves(deliveryStream({ ...SHAPED, ...overrides }));
}

/** `empty` empty pages that are still behind the tip, then the records, caught up. */
function shardWithGap(empty: number, records: { partitionKey: string; data: Uint8Array }[]) {
  kinesis.on(ListShardsCommand).resolves(ONE_SHARD);
  kinesis.on(GetShardIteratorCommand).resolves({ ShardIterator: 'it-0' });
  for (let i = 0; i < empty; i++) {
    kinesis.on(GetRecordsCommand, { ShardIterator: `it-${i}` }).resolves({ Records: [], NextShardIterator: `it-${i + 1}`, MillisBehindLatest: 3_600_000 - i * 1000 });
  }
  kinesis.on(GetRecordsCommand, { ShardIterator: `it-${empty}` }).resolves({
    Records: records.map((r, i) => ({ SequenceNumber: String(i), PartitionKey: r.partitionKey, Data: r.data, ApproximateArrivalTimestamp: START })),
    NextShardIterator: `it-${empty + 1}`,
    MillisBehindLatest: 0,
  });
}

/** A shard whose pages are all empty and behind: the read can only stop at its budget. */
function endlessGap() {
  kinesis.on(ListShardsCommand).resolves(ONE_SHARD);
  kinesis.on(GetShardIteratorCommand).resolves({ ShardIterator: 'it-0' });
  let n = 0;
  kinesis.on(GetRecordsCommand).callsFake(() => ({ Records: [], NextShardIterator: `it-${++n}`, MillisBehindLatest: 86_400_000 }));
}

/** Moves the clock 4 s on every reading, so the 20 s read budget runs out after a few pages. */
function fastClock() {
  let now = Date.parse('2026-03-04T10:00:00Z');
  jest.spyOn(Date, 'now').mockImplementation(() => (now += 4_000));
}

describe('R5/R6 read past empty pages while behind the tip, within a time budget (API_GetRecords)', () => {
  test.each(['R5', 'R6'])('%s reads on past 12 empty pages that are behind the tip and finds the records', async (id) => {
    shardWithGap(12, clickEvents(120, 8, START));
    const r = await checkRequirement(lab, id);
    expect(r.status).toBe('pass');
    expect(kinesis).toHaveReceivedCommandTimes(GetRecordsCommand, 13);
  });
  test.each(['R5', 'R6'])('%s is an error, not a fail, when the read is still behind at the end of its budget', async (id) => {
    endlessGap();
    fastClock();
    const r = await checkRequirement(lab, id);
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/^Could not read far enough to decide: after 20 s of reading, 1 of 1 shard\(s\) were still behind/);
    expect(r.findings[0]).toContain('https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html');
  });
  test('R5 passes on a truncated read that already found enough', async () => {
    kinesis.on(ListShardsCommand).resolves(ONE_SHARD);
    kinesis.on(GetShardIteratorCommand).resolves({ ShardIterator: 'it-0' });
    const events = clickEvents(120, 8, START);
    const page = { Records: events.map((e, i) => ({ SequenceNumber: String(i), PartitionKey: e.partitionKey, Data: e.data })), NextShardIterator: 'it-1', MillisBehindLatest: 5_000 };
    let n = 1;
    kinesis.on(GetRecordsCommand).callsFake((input: { ShardIterator?: string }) => (input.ShardIterator === 'it-0' ? page : { Records: [], NextShardIterator: `it-${++n}`, MillisBehindLatest: 5_000 }));
    fastClock();
    const r = await checkRequirement(lab, 'R5');
    expect(r.findings[0]).toMatch(/^At least 120 records over 8 partition keys/);
    expect(r.status).toBe('pass');
  });
  test('a read that never catches up stops at its budget instead of hanging', async () => {
    endlessGap();
    const session = new CheckSession({ region: 'us-east-1', maxAttempts: 1 });
    try {
      const ctx = requirementContext(session, lab, STREAM_READS, new AbortController().signal);
      const started = Date.now();
      const sample = await readStream(ctx, OUTPUTS.StreamName, { budgetMs: 300, pauseAfterEmptyPageMs: 20 });
      expect(sample).toMatchObject({ truncated: true, shardsBehind: 1, records: [] });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      session.destroy();
    }
  });
  test('too few records: the finding says the stream\'s retention, since older events aged out', async () => {
    shardWithGap(0, clickEvents(30, 8, START));
    kinesis.on(DescribeStreamSummaryCommand, { StreamName: OUTPUTS.StreamName }).resolves({
      StreamDescriptionSummary: { StreamName: OUTPUTS.StreamName, StreamARN: OUTPUTS.StreamArn, StreamStatus: 'ACTIVE', RetentionPeriodHours: 24, StreamCreationTimestamp: START, EnhancedMonitoring: [], OpenShardCount: 1 },
    });
    const r5 = await checkRequirement(lab, 'R5');
    expect(r5.status).toBe('fail');
    expect(r5.findings[0]).toMatch(/holds 30 record\(s\).*keeps records for 24 hours, so events written longer ago than that have aged out/);
    const r6 = await checkRequirement(lab, 'R6');
    expect(r6.status).toBe('fail');
    expect(r6.findings[0]).toMatch(/keeps records for 24 hours/);
  });
  test('too few records and the retention unreadable: the finding states no number it did not read', async () => {
    shardWithGap(0, clickEvents(30, 8, START));
    kinesis.on(DescribeStreamSummaryCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } }));
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/keeps records only for its retention period/);
  });
});

describe('R1 counts a Lambda processor\'s buffering (firehose data-transformation)', () => {
  const lambda = (interval?: string, enabled: boolean | 'unset' = true): ProcessingConfiguration => ({
    ...(enabled === 'unset' ? {} : { Enabled: enabled }),
    Processors: [
      {
        Type: 'Lambda',
        Parameters: [
          { ParameterName: 'LambdaArn', ParameterValue: 'arn:aws:lambda:us-east-1:111122223333:function:enrich-clicks:$LATEST' },
          ...(interval === undefined ? [] : [{ ParameterName: 'BufferIntervalInSeconds' as const, ParameterValue: interval }]),
        ],
      },
    ],
  });
  test.each([
    ['30 s destination, no processor', { IntervalInSeconds: 30, SizeInMBs: 1 }, undefined, 'pass'],
    ['0 s destination (the documented minimum)', { IntervalInSeconds: 0, SizeInMBs: 1 }, undefined, 'pass'],
    ['29 s destination', { IntervalInSeconds: 29, SizeInMBs: 128 }, undefined, 'pass'],
    ['31 s destination', { IntervalInSeconds: 31, SizeInMBs: 1 }, undefined, 'fail'],
    ['no buffering hints (300 s default)', undefined, undefined, 'fail'],
    ['Lambda with its 60 s default before a 30 s destination', { IntervalInSeconds: 30, SizeInMBs: 1 }, lambda(), 'fail'],
    ['Lambda at 0 s before a 30 s destination', { IntervalInSeconds: 30, SizeInMBs: 1 }, lambda('0'), 'pass'],
    ['Lambda at 10 s before a 20 s destination', { IntervalInSeconds: 20, SizeInMBs: 1 }, lambda('10'), 'pass'],
    ['Lambda at 10 s before a 30 s destination', { IntervalInSeconds: 30, SizeInMBs: 1 }, lambda('10'), 'fail'],
    ['a disabled Lambda processor', { IntervalInSeconds: 30, SizeInMBs: 1 }, lambda(undefined, false), 'pass'],
    ['AppendDelimiterToRecord only (no buffering)', { IntervalInSeconds: 30, SizeInMBs: 1 }, { Enabled: true, Processors: [{ Type: 'AppendDelimiterToRecord' }] }, 'pass'],
    ['a Lambda processor without Enabled', { IntervalInSeconds: 30, SizeInMBs: 1 }, lambda('0', 'unset'), 'error'],
    ['a Lambda BufferIntervalInSeconds that is not a number', { IntervalInSeconds: 20, SizeInMBs: 1 }, lambda('soon'), 'error'],
  ] as const)('%s', async (_name, BufferingHints, ProcessingConfiguration, status) => {
    destinationIs({ BufferingHints: BufferingHints as any, ProcessingConfiguration: ProcessingConfiguration as any });
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe(status);
  });
  test('the finding explains the two buffers and their sum', async () => {
    destinationIs({ BufferingHints: { IntervalInSeconds: 30, SizeInMBs: 1 }, ProcessingConfiguration: lambda() });
    const r = await checkRequirement(lab, 'R1');
    expect(r.findings[0]).toMatch(/Lambda processor first buffers for 60 s \(the default when BufferIntervalInSeconds is not set\)/);
    expect(r.findings[0]).toMatch(/waits up to 90 s/);
  });
});

describe('one rule for both prefixes: the folder an expression names is closed by a slash', () => {
  test('R4 fails clickstream-errors/!{firehose:error-output-type} with no slash after the expression', async () => {
    destinationIs({ ErrorOutputPrefix: 'clickstream-errors/!{firehose:error-output-type}' });
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/has no '\/' after !\{firehose:error-output-type\}.*no folder per error type/);
  });
  test('R2 fails the data prefix by the same rule, in the same words', async () => {
    destinationIs({ Prefix: SOLUTION_PREFIX.replace(/\/$/, '') });
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/has no '\/' after !\{timestamp:HH\}.*no folder per hour/);
  });
});

describe('R2 alternatives (s3-prefixes: timestamp namespace)', () => {
  test.each([
    ['the reference spelling', SOLUTION_PREFIX, true],
    ['one quoted expression', "clickstream/!{timestamp:'year='yyyy'/month='MM'/day='dd'/hour='HH}/", true],
    ['one quoted expression with the last slash inside it', "clickstream/!{timestamp:'year='yyyy'/month='MM'/day='dd'/hour='HH'/'}", true],
    ['mixed spellings', "clickstream/!{timestamp:'year='yyyy}/month=!{timestamp:MM}/!{timestamp:'day='dd'/hour='HH}/", true],
    ["'uuuu' for the year", 'clickstream/year=!{timestamp:uuuu}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/', true],
    ['a file-name prefix inside the hour folder', `${SOLUTION_PREFIX}clicks-`, true],
    ['a dated file-name prefix inside the hour folder', `${SOLUTION_PREFIX}!{timestamp:mm}-`, true],
    ['no slash after the hour', SOLUTION_PREFIX.replace(/\/$/, ''), false],
    ["'M' (month without a leading zero)", 'clickstream/year=!{timestamp:yyyy}/month=!{timestamp:M}/day=!{timestamp:dd}/hour=!{timestamp:HH}/', false],
    ['a day folder only', 'clickstream/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/', false],
    ['an extra folder below the hour', `${SOLUTION_PREFIX}raw/`, false],
    ['a leading slash', `/${SOLUTION_PREFIX}`, false],
  ])('%s', (_name, prefix, ok) => {
    expect(dataPrefixProblems(prefix, undefined)).toHaveLength(ok ? 0 : 1);
  });
  test.each([[undefined, true], ['UTC', true], ['Asia/Tokyo', false]] as const)('CustomTimeZone %s', (zone, ok) => {
    expect(dataPrefixProblems(SOLUTION_PREFIX, zone).length === 0).toBe(ok);
  });
});

describe('R4 alternatives (s3-prefixes: firehose namespace)', () => {
  test.each([
    ['the type folder only', 'clickstream-errors/!{firehose:error-output-type}/', true],
    ['the type folder, then hourly folders', 'clickstream-errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/', true],
    ['the type folder, then a dated file-name start', 'clickstream-errors/!{firehose:error-output-type}/!{timestamp:yyyy-MM-dd}-', true],
    ['dated folders, then the type folder', 'clickstream-errors/!{timestamp:yyyy/MM/dd}/!{firehose:error-output-type}/', true],
    ['no slash after the type', 'clickstream-errors/!{firehose:error-output-type}', false],
    ['the type glued to a date', 'clickstream-errors/!{firehose:error-output-type}!{timestamp:yyyy}', false],
    ['no error type', 'clickstream-errors/!{timestamp:yyyy}/', false],
    ['under the data prefix', 'clickstream/errors/!{firehose:error-output-type}/', false],
    ['another root', 'errors/!{firehose:error-output-type}/', false],
  ])('%s', (_name, errorPrefix, ok) => {
    expect(errorPrefixProblems(errorPrefix, SOLUTION_PREFIX)).toHaveLength(ok ? 0 : 1);
  });
});

describe('R5 alternatives', () => {
  function oneShardHolds(records: { partitionKey: string; data: Uint8Array }[]) {
    shardWithGap(0, records);
  }
  test.each([
    ['exactly 100 records over exactly 5 keys', 100, 5, 'pass'],
    ['99 records', 99, 8, 'fail'],
    ['4 keys', 150, 4, 'fail'],
  ] as const)('%s', async (_name, count, sessions, status) => {
    // seed 11 spreads 100 events over all 5 sessions; the other counts use the default seed.
    oneShardHolds(clickEvents(count, sessions, START, count === 100 ? 11 : 7));
    expect(new Set(clickEvents(count, sessions, START, count === 100 ? 11 : 7).map((e) => e.partitionKey)).size).toBe(sessions);
    expect((await checkRequirement(lab, 'R5')).status).toBe(status);
  });
  test('partition keys that differ only in case are distinct keys (Kinesis hashes the exact string)', async () => {
    const events = clickEvents(100, 1, START).map((e, i) => ({ ...e, partitionKey: ['s-a', 'S-A', 's-A', 'S-a', 's-b'][i % 5]! }));
    oneShardHolds(events);
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('pass');
    expect(r.findings[0]).toMatch(/over 5 partition keys/);
  });
  test('README and check both count records (README R5 said "click events")', () => {
    const readme = readFileSync(join(LABS_DIR, lab.id, 'README.md'), 'utf8');
    const r5 = readme.split('\n').find((l) => l.startsWith('- **R5**'))!;
    expect(r5).toMatch(/at least 100 records/);
    expect(lab.requirements.find((r) => r.id === 'R5')!.title).toMatch(/at least 100 records/);
  });
});

describe('R6 alternatives', () => {
  const line = (o: unknown, end = '\n') => Buffer.from(`${JSON.stringify(o)}${end}`);
  test.each([
    ['CRLF line ending', line({ session_id: 's-1', page: '/', event_time: '2026-03-04T09:41:00Z' }, '\r\n'), 's-1', undefined],
    ['extra fields, another field order', line({ event_time: '2026-03-04T09:41:00Z', user_agent: 'x', page: '/', session_id: 's-1' }), 's-1', undefined],
    ['a numeric session_id keyed by its text', line({ session_id: 42, page: '/', event_time: '2026-03-04T09:41:00Z' }), '42', undefined],
    ['a key differing in case from session_id', line({ session_id: 's-1', page: '/', event_time: '2026-03-04T09:41:00Z' }), 'S-1', 'has a partition key other than its session_id'],
    ['no newline', Buffer.from(JSON.stringify({ session_id: 's-1', page: '/', event_time: 't' })), 's-1', 'does not end with a newline'],
    ['two events in one record', Buffer.from('{"session_id":"s-1","page":"/","event_time":"t"}\n{"session_id":"s-1","page":"/","event_time":"t"}\n'), 's-1', 'holds more than one line'],
  ] as const)('%s', (_name, data, key, problem) => {
    expect(recordProblem(data, key)).toBe(problem);
  });
});

describe('R7 pages through the listing and counts only what Firehose delivered', () => {
  const hour = 'clickstream/year=2026/month=03/day=04/hour=09/';
  const firehoseName = (ext = '.gz', stream = OUTPUTS.DeliveryStreamName) => `${stream}-3-2026-03-04-09-42-00-0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e${ext}`;
  const older = Array.from({ length: 1_000 }, (_, i) => ({ Key: `clickstream/2026/03/03/${String(i % 24).padStart(2, '0')}/${firehoseName(`.${i}.gz`)}`, Size: 100 }));

  test('finds a delivered object after 1,000 older keys, on the second page', async () => {
    s3.on(ListObjectsV2Command, { Bucket: OUTPUTS.DeliveryBucketName, Prefix: 'clickstream/' }).resolves({ Contents: older, IsTruncated: true, NextContinuationToken: 'page-2', KeyCount: 1000 });
    s3.on(ListObjectsV2Command, { Bucket: OUTPUTS.DeliveryBucketName, Prefix: 'clickstream/', ContinuationToken: 'page-2' }).resolves({ Contents: [{ Key: `${hour}${firehoseName()}`, Size: 812 }], IsTruncated: false, KeyCount: 1 });
    const r = await checkRequirement(lab, 'R7');
    expect(r.status).toBe('pass');
    expect(r.findings[0]).toContain(`${hour}${firehoseName()}`);
  });
  test('is an error, not a fail, when the listing cannot finish within its budget', async () => {
    let n = 0;
    s3.on(ListObjectsV2Command).callsFake(() => ({ Contents: older, IsTruncated: true, NextContinuationToken: `page-${++n}`, KeyCount: 1000 }));
    fastClock();
    const r = await checkRequirement(lab, 'R7');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/^Could not list far enough to decide: after 20 s, [\d,]+ objects under clickstream\//);
  });
  test.each([
    ['Firehose\'s name with .gz', `${hour}${firehoseName()}`, 'pass'],
    ['Firehose\'s name without an extension (uncompressed)', `${hour}${firehoseName('')}`, 'pass'],
    ['Firehose\'s name with a custom file extension', `${hour}${firehoseName('.json.gz')}`, 'pass'],
    ['a hand-uploaded file in the right folder', `${hour}clicks.json.gz`, 'fail'],
    ['another delivery stream\'s object', `${hour}${firehoseName('.gz', 'my-own-delivery')}`, 'fail'],
  ] as const)('%s', async (_name, Key, status) => {
    s3.on(ListObjectsV2Command, { Prefix: 'clickstream/' }).resolves({ Contents: [{ Key, Size: 812 }], IsTruncated: false, KeyCount: 1 });
    const r = await checkRequirement(lab, 'R7');
    expect(r.status).toBe(status);
    if (status === 'fail') expect(r.findings[0]).toMatch(/put there some other way/);
  });
  test('README R7 promises what the check establishes: objects with Firehose\'s names', () => {
    const readme = readFileSync(join(LABS_DIR, lab.id, 'README.md'), 'utf8');
    expect(readme).toMatch(/\*\*R7\*\* Objects written by the lab's delivery stream[\s\S]*object names Firehose gives/);
  });
});
