// Fixtures built from the answers the AWS API reference documents for the operations this lab reads
// (the example responses where a page has one, its response syntax where it has none), with the
// scenario's names put in. Every check must give the expected verdict on them, not only on our own
// cassettes. The page of each answer is named beside it.
import { DescribeDeliveryStreamCommand, type DescribeDeliveryStreamOutput } from '@aws-sdk/client-firehose';
import { DescribeStreamSummaryCommand, GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, type GetRecordsOutput } from '@aws-sdk/client-kinesis';
import { ListObjectsV2Command, type ListObjectsV2Output } from '@aws-sdk/client-s3';
import { lab } from '../../../labs/streaming-ingest/lab';
import { clickEvents, SOLUTION_ERROR_PREFIX, SOLUTION_PREFIX } from '../../../labs/streaming-ingest/solution';
import { checkRequirement } from '../../support/check-harness';
import { ACCOUNT, labMocks, OUTPUTS } from './fixtures';

const { firehose, kinesis, s3 } = labMocks();

// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html (Examples: a page of
// three shards and a NextToken; the next page here ends the listing).
const LIST_SHARDS = {
  NextToken: 'AAAAAAAAAAGK9EEG0sJqVhCUS2JsgigQ5dcpB4q9PYswrH2oK44Skbjtm+WR0xA7/hrAFFsohevH1/OyPnbzKBS1byPyCZuVcokYtQe/b1m4c0SCI7jctPT0oUTLRdwSRirKm9dp9YC/EL+kZHOvYAUnztVGsOAPEFC3ECf/bVC927bDZBbRRzy/44OHfWmrCLcbcWqehRh5D14WnL3yLsumhiHDkyuxSlkBepauvMnNLtTOlRtmQ5Q5reoujfq2gzeCSOtLcfXgBMztJqohPdgMzjTQSbwB9Am8rMpHLsDbSdMNXmITvw==',
  Shards: [
    { ShardId: 'shardId-000000000001', HashKeyRange: { EndingHashKey: '68056473384187692692674921486353642280', StartingHashKey: '34028236692093846346337460743176821145' }, SequenceNumberRange: { StartingSequenceNumber: '49579844037727333356165064238440708846556371693205002258' } },
    { ShardId: 'shardId-000000000002', HashKeyRange: { EndingHashKey: '102084710076281539039012382229530463436', StartingHashKey: '68056473384187692692674921486353642281' }, SequenceNumberRange: { StartingSequenceNumber: '49579844037749634101363594861582244564829020124710982690' } },
    { ShardId: 'shardId-000000000003', HashKeyRange: { EndingHashKey: '136112946768375385385349842972707284581', StartingHashKey: '102084710076281539039012382229530463437' }, SequenceNumberRange: { StartingSequenceNumber: '49579844037771934846562125484723780283101668556216963122' } },
  ],
};

// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html (Examples).
const SHARD_ITERATOR = 'AAAAAAAAAAETYyAYzd665+8e0X7JTsASDM/Hr2rSwc0X2qz93iuA3udrjTH+ikQvpQk/1ZcMMLzRdAesqwBGPnsthzU0/CBlM/U8/8oEqGwX3pKw0XyeDNRAAZyXBo3MqkQtCpXhr942BRTjvWKhFz7OmCb2Ncfr8Tl2cBktooi6kJhr+djN5WYkB38Rr3akRgCl9qaU4dY=';

// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html (Examples: one record,
// Data "XzxkYXRhPl8w" = "_<data>_0", 2,100 ms behind the tip; so the reader asks for the next page).
const NEXT_ITERATOR = 'AAAAAAAAAAHsW8zCWf9164uy8Epue6WS3w6wmj4a4USt+CNvMd6uXQ+HL5vAJMznqqC0DLKsIjuoiTi1BpT6nW0LN2M2D56zM5H8anHm30Gbri9ua+qaGgj+3XTyvbhpERfrezgLHbPB/rIcVpykJbaSj5tmcXYRmFnqZBEyHwtZYFmh6hvWVFkIwLuMZLMrpWhG5r5hzkE=';
const DOCUMENTED_RECORD = { Data: Buffer.from('XzxkYXRhPl8w', 'base64'), PartitionKey: 'partitionKey', ApproximateArrivalTimestamp: new Date(1_441_215_410_867), SequenceNumber: '21269319989652663814458848515492872193' };

function getRecordsPage(records: GetRecordsOutput['Records']): GetRecordsOutput {
  return { MillisBehindLatest: 2100, NextShardIterator: NEXT_ITERATOR, Records: records };
}

/** Each documented shard answers the documented page, then an empty page at the tip. */
function streamAnswers(recordsFor: (shardIndex: number) => GetRecordsOutput['Records']) {
  kinesis.on(ListShardsCommand, { StreamName: OUTPUTS.StreamName }).resolves(LIST_SHARDS);
  kinesis.on(ListShardsCommand, { NextToken: LIST_SHARDS.NextToken }).resolves({ Shards: [] });
  LIST_SHARDS.Shards.forEach(({ ShardId }, i) => {
    kinesis.on(GetShardIteratorCommand, { ShardId }).resolves({ ShardIterator: `${SHARD_ITERATOR}${i}` });
    kinesis.on(GetRecordsCommand, { ShardIterator: `${SHARD_ITERATOR}${i}` }).resolves({ ...getRecordsPage(recordsFor(i)), NextShardIterator: `${NEXT_ITERATOR}${i}` });
    kinesis.on(GetRecordsCommand, { ShardIterator: `${NEXT_ITERATOR}${i}` }).resolves({ MillisBehindLatest: 0, NextShardIterator: `${NEXT_ITERATOR}${i}-tip`, Records: [] });
  });
  // https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStreamSummary.html (response syntax).
  kinesis.on(DescribeStreamSummaryCommand).resolves({
    StreamDescriptionSummary: {
      ConsumerCount: 0,
      EncryptionType: 'KMS',
      EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
      KeyId: 'alias/aws/kinesis',
      OpenShardCount: 3,
      RetentionPeriodHours: 24,
      StreamARN: OUTPUTS.StreamArn,
      StreamCreationTimestamp: new Date('2026-03-04T09:00:00Z'),
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
      StreamName: OUTPUTS.StreamName,
      StreamStatus: 'ACTIVE',
    },
  });
}

// https://docs.aws.amazon.com/firehose/latest/APIReference/API_DescribeDeliveryStream.html (response
// syntax: DeliveryStreamDescription with an ExtendedS3DestinationDescription), as the solution leaves it.
const DESCRIBED: DescribeDeliveryStreamOutput = {
  DeliveryStreamDescription: {
    DeliveryStreamARN: `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/${OUTPUTS.DeliveryStreamName}`,
    DeliveryStreamName: OUTPUTS.DeliveryStreamName,
    DeliveryStreamStatus: 'ACTIVE',
    DeliveryStreamType: 'KinesisStreamAsSource',
    VersionId: '2',
    CreateTimestamp: new Date('2026-03-04T09:00:00Z'),
    LastUpdateTimestamp: new Date('2026-03-04T09:20:00Z'),
    Source: { KinesisStreamSourceDescription: { KinesisStreamARN: OUTPUTS.StreamArn, RoleARN: `arn:aws:iam::${ACCOUNT}:role/MlLab-streaming-ingest-DeliveryRole`, DeliveryStartTimestamp: new Date('2026-03-04T09:01:00Z') } },
    Destinations: [
      {
        DestinationId: 'destinationId-000000000001',
        ExtendedS3DestinationDescription: {
          BucketARN: `arn:aws:s3:::${OUTPUTS.DeliveryBucketName}`,
          BufferingHints: { IntervalInSeconds: 30, SizeInMBs: 1 },
          CloudWatchLoggingOptions: { Enabled: true, LogGroupName: '/aws/kinesisfirehose/MlLab-streaming-ingest-delivery', LogStreamName: 'DestinationDelivery' },
          CompressionFormat: 'GZIP',
          EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
          ErrorOutputPrefix: SOLUTION_ERROR_PREFIX,
          Prefix: SOLUTION_PREFIX,
          ProcessingConfiguration: { Enabled: false, Processors: [] },
          RoleARN: `arn:aws:iam::${ACCOUNT}:role/MlLab-streaming-ingest-DeliveryRole`,
          S3BackupMode: 'Disabled',
          CustomTimeZone: 'UTC',
        },
        S3DestinationDescription: {
          BucketARN: `arn:aws:s3:::${OUTPUTS.DeliveryBucketName}`,
          BufferingHints: { IntervalInSeconds: 30, SizeInMBs: 1 },
          CompressionFormat: 'GZIP',
          EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
          ErrorOutputPrefix: SOLUTION_ERROR_PREFIX,
          Prefix: SOLUTION_PREFIX,
          RoleARN: `arn:aws:iam::${ACCOUNT}:role/MlLab-streaming-ingest-DeliveryRole`,
        },
      },
    ],
    HasMoreDestinations: false,
  },
};

// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html (Example 1: listing keys;
// Example 3: a truncated page with NextContinuationToken "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=").
const FIREHOSE_KEY = `clickstream/year=2026/month=03/day=04/hour=09/${OUTPUTS.DeliveryStreamName}-2-2026-03-04-09-42-00-7a1c3f52-0d4e-4b8a-9f6e-2c5d8b1a7e93.gz`;
const LISTED: ListObjectsV2Output = {
  Name: OUTPUTS.DeliveryBucketName,
  Prefix: 'clickstream/',
  KeyCount: 1,
  MaxKeys: 1000,
  IsTruncated: true,
  NextContinuationToken: '1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=',
  Contents: [{ Key: 'clickstream/2026/03/04/08/notes.txt', LastModified: new Date('2009-10-12T17:50:30.000Z'), ETag: '"fba9dede5f27731c9771645a39863328"', Size: 434234, StorageClass: 'STANDARD' }],
};
const LISTED_NEXT: ListObjectsV2Output = {
  Name: OUTPUTS.DeliveryBucketName,
  Prefix: 'clickstream/',
  KeyCount: 1,
  MaxKeys: 1000,
  ContinuationToken: '1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=',
  IsTruncated: false,
  Contents: [{ Key: FIREHOSE_KEY, LastModified: new Date('2014-11-21T19:40:05.000Z'), ETag: '"70ee1738b6b21e2c8a43f3a5ab0eee71"', Size: 11, StorageClass: 'STANDARD' }],
};

test('the documented DescribeDeliveryStream answer, shaped as the solution leaves it, passes R1-R4', async () => {
  firehose.on(DescribeDeliveryStreamCommand, { DeliveryStreamName: OUTPUTS.DeliveryStreamName }).resolves(DESCRIBED);
  for (const id of ['R1', 'R2', 'R3', 'R4']) expect([id, (await checkRequirement(lab, id)).status]).toEqual([id, 'pass']);
});

test('the documented ListShards, GetShardIterator and GetRecords answers, carrying the scenario\'s events, pass R5 and R6', async () => {
  const events = clickEvents(120, 8, new Date('2026-03-04T09:41:00Z'));
  streamAnswers((shard) =>
    events
      .filter((_, i) => i % 3 === shard)
      .map((e, i) => ({ ...DOCUMENTED_RECORD, Data: e.data, PartitionKey: e.partitionKey, SequenceNumber: `${DOCUMENTED_RECORD.SequenceNumber}${shard}${i}` })),
  );
  const r5 = await checkRequirement(lab, 'R5');
  expect(r5.status).toBe('pass');
  expect(r5.findings[0]).toBe('120 records over 8 partition keys in 3 shard(s).');
  expect((await checkRequirement(lab, 'R6')).status).toBe('pass');
});

test('the documented GetRecords record itself ("_<data>_0" under "partitionKey") fails R5 and R6 for what it is', async () => {
  streamAnswers(() => [DOCUMENTED_RECORD]);
  const r5 = await checkRequirement(lab, 'R5');
  expect(r5.status).toBe('fail');
  expect(r5.findings[0]).toMatch(/holds 3 record\(s\) across 3 shard\(s\).*keeps records for 24 hours/);
  const r6 = await checkRequirement(lab, 'R6');
  expect(r6.status).toBe('fail');
  expect(r6.findings[0]).toMatch(/Each of 3 record\(s\) does not end with a newline/);
});

test('the documented ListObjectsV2 answers, two pages with a continuation token, pass R7 on the second page', async () => {
  s3.on(ListObjectsV2Command, { Bucket: OUTPUTS.DeliveryBucketName, Prefix: 'clickstream/' }).resolves(LISTED);
  s3.on(ListObjectsV2Command, { Bucket: OUTPUTS.DeliveryBucketName, Prefix: 'clickstream/', ContinuationToken: LISTED.NextContinuationToken }).resolves(LISTED_NEXT);
  const r7 = await checkRequirement(lab, 'R7');
  expect(r7.status).toBe('pass');
  expect(r7.findings[0]).toContain(FIREHOSE_KEY);
});
