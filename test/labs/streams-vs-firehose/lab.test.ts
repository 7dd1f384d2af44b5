import {
  DescribeStreamConsumerCommand,
  DescribeStreamSummaryCommand,
  DescribeStreamSummaryCommandOutput,
  KinesisClient,
  ListStreamConsumersCommand,
} from '@aws-sdk/client-kinesis';
import { CONSUMER_NAME, lab } from '../../../labs/streams-vs-firehose/lab';
import { applySolution } from '../../../labs/streams-vs-firehose/solution';
import { awsError, checkRequirement } from '../../support/check-harness';
import { labMocks, OUTPUTS, SUMMARY } from './fixtures';

const { kinesis } = labMocks();

function summaryIs(overrides: Partial<NonNullable<DescribeStreamSummaryCommandOutput['StreamDescriptionSummary']>>) {
  kinesis.on(DescribeStreamSummaryCommand, { StreamName: OUTPUTS.StreamName }).resolves({ StreamDescriptionSummary: { ...SUMMARY, ...overrides } });
}

const consumer = (ConsumerName: string, ConsumerStatus: 'ACTIVE' | 'CREATING' | 'DELETING') => ({
  ConsumerName,
  ConsumerARN: `${OUTPUTS.StreamArn}/consumer/${ConsumerName}:1772617200`,
  ConsumerStatus,
  ConsumerCreationTimestamp: new Date('2026-03-04T09:40:00Z'),
});

describe('R1 retention', () => {
  test('passes at 48 hours', async () => {
    summaryIs({});
    expect((await checkRequirement(lab, 'R1')).status).toBe('pass');
    expect(kinesis).toHaveReceivedCommandWith(DescribeStreamSummaryCommand, { StreamName: OUTPUTS.StreamName });
  });
  test('fails at the 24-hour default, saying Firehose cannot replay either', async () => {
    summaryIs({ RetentionPeriodHours: 24 });
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/24 hours short/);
    expect(r.findings[0]).toMatch(/Firehose cannot stand in/);
  });
  test('passes above 7 days but notes the long-term retention price', async () => {
    summaryIs({ RetentionPeriodHours: 720 });
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('pass');
    expect(r.findings[0]).toMatch(/long-term retention/);
  });
  test('a missing stream fails with the deploy command; access denied is error', async () => {
    kinesis.on(DescribeStreamSummaryCommand).rejects(awsError('ResourceNotFoundException', 'no stream'));
    expect((await checkRequirement(lab, 'R1')).findings[0]).toMatch(/mllab deploy streams-vs-firehose/);
    kinesis.reset();
    kinesis.on(DescribeStreamSummaryCommand).rejects(awsError('AccessDeniedException', 'denied', 403));
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/kinesis:DescribeStreamSummary/);
  });
});

describe('R2 enhanced fan-out consumer', () => {
  test('passes when fraud-detector is registered and ACTIVE', async () => {
    kinesis.on(ListStreamConsumersCommand, { StreamARN: OUTPUTS.StreamArn }).resolves({ Consumers: [consumer(CONSUMER_NAME, 'ACTIVE')] });
    kinesis.on(DescribeStreamConsumerCommand, { StreamARN: OUTPUTS.StreamArn, ConsumerName: CONSUMER_NAME }).resolves({ ConsumerDescription: { ...consumer(CONSUMER_NAME, 'ACTIVE'), StreamARN: OUTPUTS.StreamArn } });
    expect((await checkRequirement(lab, 'R2')).status).toBe('pass');
  });
  test('pages through consumers', async () => {
    kinesis.on(ListStreamConsumersCommand, { StreamARN: OUTPUTS.StreamArn }).resolves({ Consumers: [consumer('analytics', 'ACTIVE')], NextToken: 'p2' });
    kinesis.on(ListStreamConsumersCommand, { StreamARN: OUTPUTS.StreamArn, NextToken: 'p2' }).resolves({ Consumers: [consumer(CONSUMER_NAME, 'ACTIVE')] });
    kinesis.on(DescribeStreamConsumerCommand).resolves({ ConsumerDescription: { ...consumer(CONSUMER_NAME, 'ACTIVE'), StreamARN: OUTPUTS.StreamArn } });
    expect((await checkRequirement(lab, 'R2')).status).toBe('pass');
    expect(kinesis).toHaveReceivedCommandTimes(ListStreamConsumersCommand, 2);
  });
  test('fails with no registered consumer and explains shared throughput', async () => {
    kinesis.on(ListStreamConsumersCommand).resolves({ Consumers: [] });
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/share each shard's 2 MB\/s and 5 calls per second/);
    expect(r.findings[0]).toMatch(/Firehose delivery stream included/);
  });
  test('fails with a consumer under another name, naming what is registered', async () => {
    kinesis.on(ListStreamConsumersCommand).resolves({ Consumers: [consumer('fraud', 'ACTIVE')] });
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/registered: fraud; the scenario fixes the name/);
  });
  test('fails while CREATING, saying to check again shortly', async () => {
    kinesis.on(ListStreamConsumersCommand).resolves({ Consumers: [consumer(CONSUMER_NAME, 'CREATING')] });
    kinesis.on(DescribeStreamConsumerCommand).resolves({ ConsumerDescription: { ...consumer(CONSUMER_NAME, 'CREATING'), StreamARN: OUTPUTS.StreamArn } });
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/CREATING.*check again shortly/);
  });
  test('access denied is error naming the IAM action', async () => {
    kinesis.on(ListStreamConsumersCommand).rejects(awsError('AccessDeniedException', 'denied', 403));
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/kinesis:ListStreamConsumers/);
  });
});

describe('R3 capacity mode', () => {
  test('passes in ON_DEMAND mode', async () => {
    summaryIs({});
    expect((await checkRequirement(lab, 'R3')).status).toBe('pass');
  });
  test('fails in PROVISIONED mode, explaining manual resizing and throttling', async () => {
    summaryIs({ StreamModeDetails: { StreamMode: 'PROVISIONED' }, OpenShardCount: 1 });
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/PROVISIONED mode with 1 open shard/);
    expect(r.findings[0]).toMatch(/ProvisionedThroughputExceededException/);
    expect(r.findings[0]).toMatch(/UpdateShardCount/);
  });
  test('treats a stream without StreamModeDetails as provisioned', async () => {
    summaryIs({ StreamModeDetails: undefined });
    expect((await checkRequirement(lab, 'R3')).status).toBe('fail');
  });
  test('throttling past retries is error', async () => {
    kinesis.on(DescribeStreamSummaryCommand).rejects(awsError('LimitExceededException', 'rate exceeded'));
    expect((await checkRequirement(lab, 'R3')).status).toBe('error');
  });
});

test('the reference solution sends the three changes the checks look for, waiting for ACTIVE between them', async () => {
  const { IncreaseStreamRetentionPeriodCommand, RegisterStreamConsumerCommand, UpdateStreamModeCommand } = await import('@aws-sdk/client-kinesis');
  kinesis.on(DescribeStreamSummaryCommand).resolvesOnce({ StreamDescriptionSummary: { ...SUMMARY, RetentionPeriodHours: 24 } }).resolvesOnce({ StreamDescriptionSummary: { ...SUMMARY, StreamStatus: 'UPDATING' } }).resolves({ StreamDescriptionSummary: SUMMARY });
  kinesis.on(DescribeStreamConsumerCommand).resolvesOnce({ ConsumerDescription: { ...consumer(CONSUMER_NAME, 'CREATING'), StreamARN: OUTPUTS.StreamArn } }).resolves({ ConsumerDescription: { ...consumer(CONSUMER_NAME, 'ACTIVE'), StreamARN: OUTPUTS.StreamArn } });
  const client = new KinesisClient({ region: 'us-east-1' });
  await applySolution(client, { name: OUTPUTS.StreamName, arn: OUTPUTS.StreamArn }, 1);
  expect(kinesis).toHaveReceivedCommandWith(IncreaseStreamRetentionPeriodCommand, { StreamName: OUTPUTS.StreamName, RetentionPeriodHours: 48 });
  expect(kinesis).toHaveReceivedCommandWith(RegisterStreamConsumerCommand, { StreamARN: OUTPUTS.StreamArn, ConsumerName: CONSUMER_NAME });
  expect(kinesis).toHaveReceivedCommandWith(UpdateStreamModeCommand, { StreamARN: OUTPUTS.StreamArn, StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
  expect(kinesis).toHaveReceivedCommandTimes(DescribeStreamConsumerCommand, 2);
});
