// Realistic API answers for the streaming-ingest tests, shaped after the SDK's output types.
import type { DescribeDeliveryStreamOutput, ExtendedS3DestinationDescription } from '@aws-sdk/client-firehose';
import { SOLUTION_ERROR_PREFIX, SOLUTION_PREFIX } from '../../../labs/streaming-ingest/solution';

export const ACCOUNT = '111122223333';
export const OUTPUTS = {
  StreamName: 'MlLab-streaming-ingest-clicks',
  StreamArn: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/MlLab-streaming-ingest-clicks`,
  DeliveryStreamName: 'MlLab-streaming-ingest-delivery',
  DeliveryBucketName: 'mllab-streaming-ingest-delivery-111122223333',
};

/** The reference solution's S3 destination. */
export const SHAPED: ExtendedS3DestinationDescription = {
  RoleARN: `arn:aws:iam::${ACCOUNT}:role/MlLab-streaming-ingest-DeliveryRole`,
  BucketARN: `arn:aws:s3:::${OUTPUTS.DeliveryBucketName}`,
  Prefix: SOLUTION_PREFIX,
  ErrorOutputPrefix: SOLUTION_ERROR_PREFIX,
  BufferingHints: { IntervalInSeconds: 30, SizeInMBs: 1 },
  CompressionFormat: 'GZIP',
  EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
  CloudWatchLoggingOptions: { Enabled: false },
  S3BackupMode: 'Disabled',
};

/** The delivery stream as the lab stack deploys it (lib/environments/streaming-environment.ts defaults). */
export const STACK_DEFAULTS: ExtendedS3DestinationDescription = {
  ...SHAPED,
  Prefix: 'stream/!{timestamp:yyyy/MM/dd}/',
  ErrorOutputPrefix: 'stream-errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/',
  BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 5 },
  CompressionFormat: 'GZIP',
};

/** A delivery stream with Firehose's own defaults (created outside the stack, or reset). */
export const FIREHOSE_DEFAULTS: ExtendedS3DestinationDescription = {
  ...SHAPED,
  Prefix: '',
  ErrorOutputPrefix: undefined,
  BufferingHints: { IntervalInSeconds: 300, SizeInMBs: 5 },
  CompressionFormat: 'UNCOMPRESSED',
};

export function deliveryStream(destination: ExtendedS3DestinationDescription): DescribeDeliveryStreamOutput {
  return {
    DeliveryStreamDescription: {
      DeliveryStreamName: OUTPUTS.DeliveryStreamName,
      DeliveryStreamARN: `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/${OUTPUTS.DeliveryStreamName}`,
      DeliveryStreamStatus: 'ACTIVE',
      DeliveryStreamType: 'KinesisStreamAsSource',
      VersionId: '3',
      CreateTimestamp: new Date('2026-03-04T09:00:00Z'),
      LastUpdateTimestamp: new Date('2026-03-04T09:20:00Z'),
      Source: { KinesisStreamSourceDescription: { KinesisStreamARN: OUTPUTS.StreamArn, RoleARN: destination.RoleARN, DeliveryStartTimestamp: new Date('2026-03-04T09:01:00Z') } },
      Destinations: [{ DestinationId: 'destinationId-000000000001', ExtendedS3DestinationDescription: destination }],
      HasMoreDestinations: false,
    },
  };
}
