// Realistic API answers for the streaming-ingest tests, shaped after the SDK's output types.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { FirehoseClient, type DescribeDeliveryStreamOutput, type ExtendedS3DestinationDescription } from '@aws-sdk/client-firehose';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { lab } from '../../../labs/streaming-ingest/lab';
import { SOLUTION_ERROR_PREFIX, SOLUTION_PREFIX } from '../../../labs/streaming-ingest/solution';
import { mockStackOutputs } from '../../support/check-harness';

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

/** The delivery stream as the lab stack deploys it (lib/environments/streaming-environment.ts defaults, uncompressed by lib/stack/lab-stack.ts). */
export const STACK_DEFAULTS: ExtendedS3DestinationDescription = {
  ...SHAPED,
  Prefix: 'stream/!{timestamp:yyyy/MM/dd}/',
  ErrorOutputPrefix: 'stream-errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/',
  BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 5 },
  CompressionFormat: 'UNCOMPRESSED',
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

/** The SDK mocks of one test file (call it at module level), reset before each test, the stack's outputs answered. */
export function labMocks() {
  const mocks = { cfn: mockClient(CloudFormationClient), firehose: mockClient(FirehoseClient), kinesis: mockClient(KinesisClient), s3: mockClient(S3Client) };
  beforeEach(() => {
    Object.values(mocks).forEach((m) => m.reset());
    mockStackOutputs(mocks.cfn, lab.id, OUTPUTS);
  });
  return mocks;
}
