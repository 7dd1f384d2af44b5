// The lab's state on local emulators, for the offline demo and the wire-level tests: what the lab
// stack creates (the stream, the delivery bucket), what the learner produces (click events), and
// what Firehose would deliver, on kinesalite and s3rver. The delivery stream itself has no emulator:
// its description comes from a cassette, whose stack outputs also name the resources created here.
import { CreateStreamCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { Cassette } from '../../lib/cassette';
import { emulatorClient } from '../../lib/emulators';
import { labStackName, STACK_OUTPUTS } from '../../lib/model';
import { LAB_ID } from './lab';
import { clickEvents, STACK_DEFAULT_SHAPE, deliverLikeFirehose, produceClickEvents, SOLUTION_SHAPE, type ClickEvent } from './solution';

export type EmulatedVariant = 'reference' | 'flawed';

export interface EmulatedResources {
  readonly streamName: string;
  readonly deliveryStreamName: string;
  readonly deliveryBucketName: string;
}

/** The resource names a cassette's recorded DescribeStacks gives the lab stack. */
export function resourcesFrom(cassette: Cassette): EmulatedResources {
  const stacks = cassette.calls.find((c) => c.service === 'CloudFormation' && c.operation === 'DescribeStacks' && c.input?.StackName === labStackName(LAB_ID));
  const outputs = ((stacks?.output?.Stacks as any[] | undefined)?.[0]?.Outputs ?? []) as { OutputKey: string; OutputValue: string }[];
  const value = (key: string) => {
    const found = outputs.find((o) => o.OutputKey === key)?.OutputValue;
    if (!found) throw new Error(`the cassette records no stack output ${key} for ${labStackName(LAB_ID)}`);
    return found;
  };
  return {
    streamName: value(STACK_OUTPUTS.streamName),
    deliveryStreamName: value(STACK_OUTPUTS.deliveryStreamName),
    deliveryBucketName: value(STACK_OUTPUTS.deliveryBucketName),
  };
}

/** When the demo's clicks "arrived": fixed, so every run shows the same keys. */
export const ARRIVAL = new Date('2026-03-04T09:42:00Z');
export const EVENT_COUNT = 120;
export const SESSIONS = 8;

/** The flawed producer: every click under one key, and no newline after each JSON object. */
function flawedEvents(): ClickEvent[] {
  return clickEvents(EVENT_COUNT, 1, ARRIVAL).map((e) => ({ ...e, data: Buffer.from(Buffer.from(e.data).toString('utf8').trimEnd()) }));
}

/** What the lab stack creates, on the emulators: the stream and the delivery bucket, empty. */
export async function createStackResources(endpoints: { kinesis: string; s3: string }, resources: EmulatedResources): Promise<void> {
  const kinesis = emulatorClient(KinesisClient, endpoints.kinesis);
  const s3 = emulatorClient(S3Client, endpoints.s3);
  try {
    await kinesis.send(new CreateStreamCommand({ StreamName: resources.streamName, ShardCount: 1 }));
    await s3.send(new CreateBucketCommand({ Bucket: resources.deliveryBucketName }));
  } finally {
    kinesis.destroy();
    s3.destroy();
  }
}

/**
 * What the learner and Firehose then produce: the reference variant as the reference solution would
 * (keyed, newline-terminated events; a gzip object under the hourly layout), the flawed one as a
 * learner who left the stack's delivery stream as deployed and wrote careless records.
 */
export async function applyState(endpoints: { kinesis: string; s3: string }, resources: EmulatedResources, variant: EmulatedVariant): Promise<{ records: number; objectKey: string }> {
  const kinesis = emulatorClient(KinesisClient, endpoints.kinesis);
  const s3 = emulatorClient(S3Client, endpoints.s3);
  try {
    const events = variant === 'reference' ? clickEvents(EVENT_COUNT, SESSIONS, ARRIVAL) : flawedEvents();
    await produceClickEvents(kinesis, resources.streamName, events);
    const objectKey = await deliverLikeFirehose(s3, resources.deliveryBucketName, resources.deliveryStreamName, events, ARRIVAL, variant === 'reference' ? SOLUTION_SHAPE : STACK_DEFAULT_SHAPE);
    return { records: events.length, objectKey };
  } finally {
    kinesis.destroy();
    s3.destroy();
  }
}

/** Creates the stack's stream and bucket on the emulators and fills them (the demo's and the wire tests' state). */
export async function seedEmulators(endpoints: { kinesis: string; s3: string }, resources: EmulatedResources, variant: EmulatedVariant): Promise<{ records: number; objectKey: string }> {
  await createStackResources(endpoints, resources);
  return applyState(endpoints, resources, variant);
}
