// Realistic API answers for the streams-vs-firehose tests, shaped after the SDK's output types.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { KinesisClient, type StreamDescriptionSummary } from '@aws-sdk/client-kinesis';
import { mockClient } from 'aws-sdk-client-mock';
import { lab } from '../../../labs/streams-vs-firehose/lab';
import { mockStackOutputs } from '../../support/check-harness';

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

/** The SDK mocks of one test file (call it at module level), reset before each test, the stack's outputs answered. */
export function labMocks() {
  const mocks = { cfn: mockClient(CloudFormationClient), kinesis: mockClient(KinesisClient) };
  beforeEach(() => {
    Object.values(mocks).forEach((m) => m.reset());
    mockStackOutputs(mocks.cfn, lab.id, OUTPUTS);
  });
  return mocks;
}
