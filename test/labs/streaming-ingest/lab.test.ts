import { DescribeDeliveryStreamCommand } from '@aws-sdk/client-firehose';
import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand } from '@aws-sdk/client-kinesis';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { dataPrefixProblems, errorPrefixProblems, recordProblem } from '../../../labs/streaming-ingest/checks';
import { lab } from '../../../labs/streaming-ingest/lab';
import { clickEvents } from '../../../labs/streaming-ingest/solution';
import { awsError, checkRequirement } from '../../support/check-harness';
import { deliveryStream, FIREHOSE_DEFAULTS, labMocks, OUTPUTS, SHAPED, STACK_DEFAULTS } from './fixtures';

const { cfn, firehose, kinesis, s3 } = labMocks();

function destinationIs(overrides: Partial<typeof SHAPED>) {
  firehose.on(DescribeDeliveryStreamCommand, { DeliveryStreamName: OUTPUTS.DeliveryStreamName }).resolves(deliveryStream({ ...SHAPED, ...overrides }));
}

const START = new Date('2026-03-04T09:41:00Z');

/** Two shards, records split between them, each shard read in one page and then caught up. */
function streamHolds(records: { partitionKey: string; data: Uint8Array }[]) {
  const shards = ['shardId-000000000000', 'shardId-000000000001'];
  kinesis.on(ListShardsCommand, { StreamName: OUTPUTS.StreamName }).resolves({
    Shards: shards.map((ShardId, i) => ({ ShardId, HashKeyRange: { StartingHashKey: String(i), EndingHashKey: String(i + 1) }, SequenceNumberRange: { StartingSequenceNumber: '1' } })),
  });
  shards.forEach((ShardId, i) => {
    kinesis.on(GetShardIteratorCommand, { ShardId, ShardIteratorType: 'TRIM_HORIZON' }).resolves({ ShardIterator: `it-${i}` });
    kinesis.on(GetRecordsCommand, { ShardIterator: `it-${i}` }).resolves({
      Records: records
        .filter((_, j) => j % 2 === i)
        .map((r, j) => ({ SequenceNumber: `${i}${j}`, PartitionKey: r.partitionKey, Data: r.data, ApproximateArrivalTimestamp: START })),
      NextShardIterator: `it-${i}-next`,
      MillisBehindLatest: 0,
    });
  });
}

describe('R1 buffering interval', () => {
  test('passes with the reference 30 s interval', async () => {
    destinationIs({});
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('pass');
    expect(firehose).toHaveReceivedCommandWith(DescribeDeliveryStreamCommand, { DeliveryStreamName: OUTPUTS.DeliveryStreamName });
  });
  test('fails with the 300 s default, explaining that size cannot make delivery later', async () => {
    destinationIs({ BufferingHints: { IntervalInSeconds: 300, SizeInMBs: 5 } });
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/buffers for 300 s or 5 MiB/);
    expect(r.findings[0]).toMatch(/within 30 s/);
  });
  test('fails with the lab stack\'s 60 s', async () => {
    destinationIs(STACK_DEFAULTS);
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/buffers for 60 s or 5 MiB/);
  });
  test('reads a plain S3 destination description too', async () => {
    firehose.on(DescribeDeliveryStreamCommand).resolves({
      DeliveryStreamDescription: { ...deliveryStream(SHAPED).DeliveryStreamDescription!, Destinations: [{ DestinationId: 'destinationId-000000000001', S3DestinationDescription: { ...SHAPED, BufferingHints: { IntervalInSeconds: 20, SizeInMBs: 1 } } as any }] },
    });
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('pass');
    expect(r.findings[0]).toMatch(/every 20 s/);
  });
  test('a missing delivery stream fails with what to deploy', async () => {
    firehose.on(DescribeDeliveryStreamCommand).rejects(awsError('ResourceNotFoundException', 'not found'));
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/mllab deploy streaming-ingest/);
  });
  test('access denied is error', async () => {
    firehose.on(DescribeDeliveryStreamCommand).rejects(awsError('AccessDeniedException', 'denied', 403));
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/firehose:DescribeDeliveryStream/);
  });
});

describe('R2 time-partitioned prefix', () => {
  test('passes with the Hive-style hourly prefix', async () => {
    destinationIs({});
    expect((await checkRequirement(lab, 'R2')).status).toBe('pass');
  });
  test('passes with the quoted single-expression spelling of the same layout', () => {
    expect(dataPrefixProblems("clickstream/!{timestamp:'year='yyyy'/month='MM'/day='dd'/hour='HH}/", undefined)).toEqual([]);
  });
  test('fails without expressions: Firehose default folders are not Hive-style', async () => {
    destinationIs({ Prefix: 'clickstream/' });
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/partition_0/);
  });
  test.each([
    ['clickstream/year=!{timestamp:yyyy}/month=!{timestamp:mm}/day=!{timestamp:dd}/hour=!{timestamp:HH}/', /minute-of-hour/],
    ['clickstream/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:hh}/', /12-hour clock/],
    ['clickstream/year=!{timestamp:YYYY}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/', /week-based year/],
    ['clickstream/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:DD}/hour=!{timestamp:HH}/', /day-of-year/],
  ])('fails on the pattern trap in %s and names it', async (Prefix, why) => {
    destinationIs({ Prefix });
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(why);
    expect(r.findings[0]).toMatch(/expects 'clickstream\/year=2025\/month=12\/day=29\/hour=15\/'/);
  });
  test('fails with the lab stack\'s daily, non-Hive prefix and says why names matter', async () => {
    destinationIs(STACK_DEFAULTS);
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/writes to 'stream\/2025\/12\/29\/'/);
    expect(r.findings[0]).toMatch(/anonymous partition_0/);
    expect(r.findings[0]).toMatch(/invisible to it/);
  });
  test('fails on a random-string folder and on a non-UTC time zone', () => {
    expect(dataPrefixProblems('clickstream/!{firehose:random-string}/!{timestamp:yyyy}/', undefined)[0]).toMatch(/random folder/);
    expect(dataPrefixProblems('clickstream/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/', 'Europe/Paris')[0]).toMatch(/daylight saving/);
  });
  test('throttling past retries is error', async () => {
    firehose.on(DescribeDeliveryStreamCommand).rejects(awsError('LimitExceededException', 'slow down'));
    expect((await checkRequirement(lab, 'R2')).status).toBe('error');
  });
});

describe('R3 compression', () => {
  test('passes with GZIP', async () => {
    destinationIs({});
    expect((await checkRequirement(lab, 'R3')).status).toBe('pass');
  });
  test.each([
    ['UNCOMPRESSED', /bytes scanned/],
    ['ZIP', /cannot read ZIP/],
    ['Snappy', /framed Snappy/],
    ['HADOOP_SNAPPY', /gzip\.open/],
  ] as const)('fails with %s and says why', async (CompressionFormat, why) => {
    destinationIs({ CompressionFormat });
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(why);
  });
  test('access denied is error', async () => {
    firehose.on(DescribeDeliveryStreamCommand).rejects(awsError('AccessDeniedException', 'denied', 403));
    expect((await checkRequirement(lab, 'R3')).status).toBe('error');
  });
});

describe('R4 error output prefix', () => {
  test('passes with clickstream-errors/ and the error type', async () => {
    destinationIs({});
    expect((await checkRequirement(lab, 'R4')).status).toBe('pass');
  });
  test('fails with none: failures would land inside the data prefix', async () => {
    destinationIs(FIREHOSE_DEFAULTS);
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/read them as clicks/);
    expect(r.findings[0]).toMatch(/next to the data, at <error-output-type>yyyy/);
  });
  test('fails with the lab stack\'s stream-errors/ prefix', async () => {
    destinationIs(STACK_DEFAULTS);
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/'stream-errors\/.*under clickstream-errors\//);
  });
  test('fails under clickstream/ (crawled as data) and without the error type', () => {
    const problems = errorPrefixProblems('clickstream/errors/!{timestamp:yyyy}/', SHAPED.Prefix);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/inside the table's location/);
    expect(problems[1]).toMatch(/!\{firehose:error-output-type\}/);
  });
  test('access denied is error', async () => {
    firehose.on(DescribeDeliveryStreamCommand).rejects(awsError('AccessDeniedException', 'denied', 403));
    expect((await checkRequirement(lab, 'R4')).status).toBe('error');
  });
});

describe('R5 records and partition keys', () => {
  test('passes with 120 events from 8 sessions over two shards', async () => {
    streamHolds(clickEvents(120, 8, START));
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('pass');
    expect(r.findings[0]).toMatch(/120 records over 8 partition keys in 2 shard/);
    expect(kinesis).toHaveReceivedCommandWith(GetShardIteratorCommand, { StreamName: OUTPUTS.StreamName, ShardIteratorType: 'TRIM_HORIZON' });
  });
  test('fails when every record uses one partition key: a hot shard', async () => {
    streamHolds(clickEvents(150, 1, START));
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('fail');
    expect(r.findings.join(' ')).toMatch(/at most 1 of them: hot shards/);
  });
  test('fails with too few records and says how many it found', async () => {
    streamHolds(clickEvents(30, 8, START));
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/holds 30 record\(s\) across 2 shard/);
  });
  test('keeps reading while a page is behind the tip, and stops at the tip', async () => {
    kinesis.on(ListShardsCommand).resolves({ Shards: [{ ShardId: 'shardId-000000000000', HashKeyRange: { StartingHashKey: '0', EndingHashKey: '1' }, SequenceNumberRange: { StartingSequenceNumber: '1' } }] });
    kinesis.on(GetShardIteratorCommand).resolves({ ShardIterator: 'a' });
    const events = clickEvents(100, 5, START);
    kinesis.on(GetRecordsCommand, { ShardIterator: 'a' }).resolves({ Records: [], NextShardIterator: 'b', MillisBehindLatest: 86_400_000 });
    kinesis.on(GetRecordsCommand, { ShardIterator: 'b' }).resolves({
      Records: events.map((e, i) => ({ SequenceNumber: String(i), PartitionKey: e.partitionKey, Data: e.data })),
      NextShardIterator: 'c',
      MillisBehindLatest: 0,
    });
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('pass');
    expect(kinesis).toHaveReceivedCommandTimes(GetRecordsCommand, 2);
  });
  test('a missing stream fails with what to deploy; access denied is error', async () => {
    kinesis.on(ListShardsCommand).rejects(awsError('ResourceNotFoundException', 'no stream'));
    expect((await checkRequirement(lab, 'R5')).findings[0]).toMatch(/mllab deploy/);
    kinesis.reset();
    kinesis.on(ListShardsCommand).rejects(awsError('AccessDeniedException', 'denied', 403));
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/kinesis:ListShards/);
  });
});

describe('R6 record format', () => {
  test('passes with newline-terminated JSON events keyed by session_id', async () => {
    streamHolds(clickEvents(120, 8, START));
    expect((await checkRequirement(lab, 'R6')).status).toBe('pass');
  });
  test('fails without trailing newlines and explains how Firehose concatenates', async () => {
    streamHolds(clickEvents(120, 8, START).map((e) => ({ ...e, data: Buffer.from(Buffer.from(e.data).toString().trimEnd()) })));
    const r = await checkRequirement(lab, 'R6');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/0 of 120/);
    expect(r.findings[0]).toMatch(/\{\.\.\.\}\{\.\.\.\}/);
  });
  test('passes despite older bad records once enough good ones exist', async () => {
    const bad = clickEvents(20, 3, START).map((e) => ({ ...e, partitionKey: 'one-key' }));
    streamHolds([...bad, ...clickEvents(100, 8, START)]);
    const r = await checkRequirement(lab, 'R6');
    expect(r.status).toBe('pass');
    expect(r.findings[0]).toMatch(/20 older record/);
  });
  test('names each record problem', () => {
    const line = (o: unknown) => Buffer.from(`${JSON.stringify(o)}\n`);
    expect(recordProblem(line({ session_id: 's', page: '/', event_time: 't' }), 's')).toBeUndefined();
    expect(recordProblem(Buffer.from('{"session_id":\n'), 's')).toBe('is not valid JSON');
    expect(recordProblem(line([1]), 's')).toBe('is not a JSON object');
    expect(recordProblem(line({ session_id: 's' }), 's')).toBe('has no page, event_time');
    expect(recordProblem(line({ session_id: 's', page: '/', event_time: 't' }), 'other')).toMatch(/partition key/);
    expect(recordProblem(Buffer.from(`${JSON.stringify({ session_id: 's' }, null, 2)}\n`), 's')).toBe('holds more than one line');
  });
  test('throttling past retries is error', async () => {
    kinesis.on(ListShardsCommand).rejects(awsError('LimitExceededException', 'rate exceeded'));
    expect((await checkRequirement(lab, 'R6')).status).toBe('error');
  });
});

describe('R7 delivered objects', () => {
  const delivered = 'clickstream/year=2026/month=03/day=04/hour=09/MlLab-streaming-ingest-delivery-1-2026-03-04-09-42-00-0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e.gz';
  test('passes with an object under the hourly layout', async () => {
    s3.on(ListObjectsV2Command, { Bucket: OUTPUTS.DeliveryBucketName, Prefix: 'clickstream/' }).resolves({ Contents: [{ Key: delivered, Size: 812 }], KeyCount: 1, IsTruncated: false });
    const r = await checkRequirement(lab, 'R7');
    expect(r.status).toBe('pass');
    expect(r.findings[0]).toContain(delivered);
  });
  test('fails with objects only under the default layout, saying old keys stay', async () => {
    s3.on(ListObjectsV2Command, { Prefix: 'clickstream/' }).resolves({ Contents: [], KeyCount: 0 });
    s3.on(ListObjectsV2Command, { Bucket: OUTPUTS.DeliveryBucketName, MaxKeys: 5 }).resolves({ Contents: [{ Key: '2026/03/04/09/MlLab-streaming-ingest-delivery-1-2026-03-04-09-30-00-aa.gz' }], KeyCount: 1 });
    const r = await checkRequirement(lab, 'R7');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/keep their old keys/);
  });
  test('fails with an empty bucket, saying delivery needs flowing records', async () => {
    s3.on(ListObjectsV2Command).resolves({ KeyCount: 0 });
    const r = await checkRequirement(lab, 'R7');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/bucket is empty/);
  });
  test('a missing bucket fails; access denied is error', async () => {
    s3.on(ListObjectsV2Command).rejects(awsError('NoSuchBucket', 'no bucket', 404));
    expect((await checkRequirement(lab, 'R7')).findings[0]).toMatch(/does not exist/);
    s3.reset();
    s3.on(ListObjectsV2Command).rejects(awsError('AccessDenied', 'denied', 403));
    const r = await checkRequirement(lab, 'R7');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/s3:ListBucket/);
  });
});

test('a missing lab stack fails every requirement with the deploy command', async () => {
  cfn.reset();
  cfn.rejects(awsError('ValidationError', 'Stack with id MlLab-streaming-ingest does not exist', 400));
  for (const id of ['R1', 'R5', 'R7']) {
    const r = await checkRequirement(lab, id);
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/mllab deploy streaming-ingest/);
  }
});
