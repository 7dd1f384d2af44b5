// Realistic API answers for the streams-vs-firehose tests, shaped after the SDK's output types.
import type { StreamDescriptionSummary } from '@aws-sdk/client-kinesis';

export const OUTPUTS = {
  StreamName: 'MlLab-streams-vs-firehose-clicks',
  StreamArn: 'arn:aws:kinesis:us-east-1:111122223333:stream/MlLab-streams-vs-firehose-clicks',
  DeliveryStreamName: 'MlLab-streams-vs-firehose-delivery',
  DeliveryBucketName: 'mllab-streams-vs-firehose-delivery-111122223333',
};

/** The reference solution's stream: 48 h retention, on-demand, one registered consumer. */
export const SUMMARY: StreamDescriptionSummary = {
  StreamName: OUTPUTS.StreamName,
  StreamARN: OUTPUTS.StreamArn,
  StreamStatus: 'ACTIVE',
  StreamModeDetails: { StreamMode: 'ON_DEMAND' },
  RetentionPeriodHours: 48,
  StreamCreationTimestamp: new Date('2026-03-04T09:00:00Z'),
  EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
  EncryptionType: 'KMS',
  KeyId: 'alias/aws/kinesis',
  OpenShardCount: 4,
  ConsumerCount: 1,
};
