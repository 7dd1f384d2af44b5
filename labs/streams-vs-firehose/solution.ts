// Reference solution for streams-vs-firehose (kept out of the README). Works against a real account;
// kinesalite emulates only the retention change (it has no consumer or capacity-mode API).
import {
  DescribeStreamConsumerCommand,
  DescribeStreamSummaryCommand,
  IncreaseStreamRetentionPeriodCommand,
  KinesisClient,
  RegisterStreamConsumerCommand,
  UpdateStreamModeCommand,
} from '@aws-sdk/client-kinesis';
import { CONSUMER_NAME, REQUIRED_RETENTION_HOURS } from './lab';

export async function extendRetention(kinesis: KinesisClient, streamName: string): Promise<void> {
  const { StreamDescriptionSummary: s } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
  // IncreaseStreamRetentionPeriod refuses a value below the current one.
  if ((s?.RetentionPeriodHours ?? 0) < REQUIRED_RETENTION_HOURS) {
    await kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: streamName, RetentionPeriodHours: REQUIRED_RETENTION_HOURS }));
  }
}

export async function switchToOnDemand(kinesis: KinesisClient, streamArn: string): Promise<void> {
  await kinesis.send(new UpdateStreamModeCommand({ StreamARN: streamArn, StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
}

/** Registers the fraud detector's enhanced fan-out consumer and waits until it is ACTIVE. */
export async function registerConsumer(kinesis: KinesisClient, streamArn: string, pollMs = 2_000, attempts = 30): Promise<void> {
  await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn, ConsumerName: CONSUMER_NAME }));
  for (let i = 0; i < attempts; i++) {
    const { ConsumerDescription } = await kinesis.send(new DescribeStreamConsumerCommand({ StreamARN: streamArn, ConsumerName: CONSUMER_NAME }));
    if (ConsumerDescription?.ConsumerStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`${CONSUMER_NAME} did not become ACTIVE after ${attempts} checks`);
}

/** A stream is UPDATING for a while after each change and refuses the next one (ResourceInUseException) until ACTIVE. */
export async function waitUntilActive(kinesis: KinesisClient, streamName: string, pollMs = 2_000, attempts = 60): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    const { StreamDescriptionSummary: s } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
    if (s?.StreamStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`${streamName} did not become ACTIVE after ${attempts} checks`);
}

/** The whole passing state. */
export async function applySolution(kinesis: KinesisClient, stream: { name: string; arn: string }, pollMs?: number): Promise<void> {
  await extendRetention(kinesis, stream.name);
  await waitUntilActive(kinesis, stream.name, pollMs);
  await registerConsumer(kinesis, stream.arn, pollMs);
  await switchToOnDemand(kinesis, stream.arn);
  await waitUntilActive(kinesis, stream.name, pollMs);
}
