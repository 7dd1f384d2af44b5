// Fixtures built from the answers the Kinesis API reference documents for the operations this lab
// reads. These pages document a response syntax and no example answer, so each fixture fills every
// member of that syntax with the scenario's values. Every check must give the expected verdict on them.
import { DescribeStreamConsumerCommand, DescribeStreamSummaryCommand, ListStreamConsumersCommand, type DescribeStreamSummaryOutput } from '@aws-sdk/client-kinesis';
import { CONSUMER_NAME, lab } from '../../../labs/streams-vs-firehose/lab';
import { checkRequirement } from '../../support/check-harness';
import { labMocks, OUTPUTS } from './fixtures';

const { kinesis } = labMocks();

// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStreamSummary.html (response syntax).
function summary(RetentionPeriodHours: number, StreamMode: 'ON_DEMAND' | 'PROVISIONED'): DescribeStreamSummaryOutput {
  return {
    StreamDescriptionSummary: {
      ConsumerCount: 1,
      EncryptionType: 'KMS',
      EnhancedMonitoring: [{ ShardLevelMetrics: ['IncomingBytes', 'OutgoingBytes'] }],
      KeyId: 'alias/aws/kinesis',
      OpenShardCount: 4,
      RetentionPeriodHours,
      StreamARN: OUTPUTS.StreamArn,
      StreamCreationTimestamp: new Date(1_772_614_800_000),
      StreamModeDetails: { StreamMode },
      StreamName: OUTPUTS.StreamName,
      StreamStatus: 'ACTIVE',
    },
  };
}

// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListStreamConsumers.html (response
// syntax: Consumers and a NextToken, followed here by the page it points to).
const CONSUMERS_PAGE_1 = {
  Consumers: [{ ConsumerARN: `${OUTPUTS.StreamArn}/consumer/analytics:1772617000`, ConsumerCreationTimestamp: new Date(1_772_617_000_000), ConsumerName: 'analytics', ConsumerStatus: 'ACTIVE' as const }],
  NextToken: 'AAAAAAAAAAE=',
};
const CONSUMERS_PAGE_2 = {
  Consumers: [{ ConsumerARN: `${OUTPUTS.StreamArn}/consumer/${CONSUMER_NAME}:1772617200`, ConsumerCreationTimestamp: new Date(1_772_617_200_000), ConsumerName: CONSUMER_NAME, ConsumerStatus: 'ACTIVE' as const }],
};
// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStreamConsumer.html (response syntax).
const CONSUMER_DESCRIPTION = { ConsumerDescription: { ...CONSUMERS_PAGE_2.Consumers[0]!, StreamARN: OUTPUTS.StreamArn } };

test('the documented DescribeStreamSummary answer: 48 hours and ON_DEMAND pass R1 and R3; 24 hours and PROVISIONED fail them', async () => {
  kinesis.on(DescribeStreamSummaryCommand, { StreamName: OUTPUTS.StreamName }).resolves(summary(48, 'ON_DEMAND'));
  expect((await checkRequirement(lab, 'R1')).status).toBe('pass');
  expect((await checkRequirement(lab, 'R3')).status).toBe('pass');
  kinesis.reset();
  kinesis.on(DescribeStreamSummaryCommand, { StreamName: OUTPUTS.StreamName }).resolves(summary(24, 'PROVISIONED'));
  expect((await checkRequirement(lab, 'R1')).status).toBe('fail');
  expect((await checkRequirement(lab, 'R3')).status).toBe('fail');
});

test('the documented ListStreamConsumers pages and DescribeStreamConsumer answer pass R2', async () => {
  kinesis.on(ListStreamConsumersCommand, { StreamARN: OUTPUTS.StreamArn }).resolves(CONSUMERS_PAGE_1);
  kinesis.on(ListStreamConsumersCommand, { StreamARN: OUTPUTS.StreamArn, NextToken: CONSUMERS_PAGE_1.NextToken }).resolves(CONSUMERS_PAGE_2);
  kinesis.on(DescribeStreamConsumerCommand, { StreamARN: OUTPUTS.StreamArn, ConsumerName: CONSUMER_NAME }).resolves(CONSUMER_DESCRIPTION);
  expect((await checkRequirement(lab, 'R2')).status).toBe('pass');
});

test('the documented answers with only another consumer fail R2', async () => {
  kinesis.on(ListStreamConsumersCommand).resolves({ Consumers: CONSUMERS_PAGE_1.Consumers });
  const r = await checkRequirement(lab, 'R2');
  expect(r.status).toBe('fail');
  expect(r.findings[0]).toMatch(/registered: analytics/);
});
