// The valid alternatives a competent learner could produce pass, the plausible mistakes fail, and an
// answer that lacks what the decision needs is an error.
import { DescribeStreamConsumerCommand, DescribeStreamSummaryCommand, ListStreamConsumersCommand, type Consumer } from '@aws-sdk/client-kinesis';
import { CONSUMER_NAME, lab } from '../../../labs/streams-vs-firehose/lab';
import { checkRequirement } from '../../support/check-harness';
import { labMocks, OUTPUTS, SUMMARY } from './fixtures';

const { kinesis } = labMocks();

const consumer = (ConsumerName: string, ConsumerStatus?: 'ACTIVE' | 'CREATING' | 'DELETING') => ({
  ConsumerName,
  ConsumerARN: `${OUTPUTS.StreamArn}/consumer/${ConsumerName}:1772617200`,
  ...(ConsumerStatus ? { ConsumerStatus } : {}),
  ConsumerCreationTimestamp: new Date('2026-03-04T09:40:00Z'),
});

describe('R1 retention, in hours as DescribeStreamSummary reports it', () => {
  test.each([
    [48, 'pass'],
    [49, 'pass'],
    [168, 'pass'],
    [720, 'pass'],
    [8760, 'pass'],
    [47, 'fail'],
    [24, 'fail'],
  ] as const)('%i hours: %s', async (RetentionPeriodHours, status) => {
    kinesis.on(DescribeStreamSummaryCommand).resolves({ StreamDescriptionSummary: { ...SUMMARY, RetentionPeriodHours } });
    expect((await checkRequirement(lab, 'R1')).status).toBe(status);
  });
  test('an answer without RetentionPeriodHours is an error, not the 24-hour default', async () => {
    kinesis.on(DescribeStreamSummaryCommand).resolves({ StreamDescriptionSummary: { ...SUMMARY, RetentionPeriodHours: undefined as unknown as number } });
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/without RetentionPeriodHours/);
  });
});

describe('R2 consumer name and state', () => {
  function registered(...consumers: ReturnType<typeof consumer>[]) {
    // A consumer without ConsumerStatus breaks the documented shape on purpose (the error case).
    kinesis.on(ListStreamConsumersCommand).resolves({ Consumers: consumers as Consumer[] });
    kinesis.on(DescribeStreamConsumerCommand).callsFake((input) => {
      const found = consumers.find((c) => c.ConsumerName === input.ConsumerName);
      if (!found) throw Object.assign(new Error('not found'), { name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 400 } });
      return { ConsumerDescription: { ...found, StreamARN: OUTPUTS.StreamArn } };
    });
  }
  test.each([
    ['fraud-detector ACTIVE', [consumer(CONSUMER_NAME, 'ACTIVE')], 'pass'],
    ['fraud-detector ACTIVE beside other consumers', [consumer('analytics', 'ACTIVE'), consumer(CONSUMER_NAME, 'ACTIVE')], 'pass'],
    ['Fraud-Detector (another name: names are case-sensitive)', [consumer('Fraud-Detector', 'ACTIVE')], 'fail'],
    ['FRAUD-DETECTOR', [consumer('FRAUD-DETECTOR', 'ACTIVE')], 'fail'],
    ['fraud-detector-v2', [consumer('fraud-detector-v2', 'ACTIVE')], 'fail'],
    ['fraud_detector', [consumer('fraud_detector', 'ACTIVE')], 'fail'],
    ['fraud-detector CREATING', [consumer(CONSUMER_NAME, 'CREATING')], 'fail'],
    ['fraud-detector DELETING', [consumer(CONSUMER_NAME, 'DELETING')], 'fail'],
    ['fraud-detector without a ConsumerStatus', [consumer(CONSUMER_NAME)], 'error'],
  ] as const)('%s', async (_name, consumers, status) => {
    registered(...consumers);
    expect((await checkRequirement(lab, 'R2')).status).toBe(status);
  });
  test('a name that differs only in case is named as such', async () => {
    registered(consumer('Fraud-Detector', 'ACTIVE'));
    expect((await checkRequirement(lab, 'R2')).findings[0]).toMatch(/Consumer names are case-sensitive: Fraud-Detector is another name/);
  });
});

describe('R3 capacity mode', () => {
  test.each([
    [{ StreamMode: 'ON_DEMAND' }, 'pass'],
    [{ StreamMode: 'PROVISIONED' }, 'fail'],
  ] as const)('%o: %s', async (StreamModeDetails, status) => {
    kinesis.on(DescribeStreamSummaryCommand).resolves({ StreamDescriptionSummary: { ...SUMMARY, StreamModeDetails } });
    expect((await checkRequirement(lab, 'R3')).status).toBe(status);
  });
});
