// Reference solution for streaming-ingest (kept out of the README). Works against a real account;
// `produceClickEvents` also against kinesalite, and `deliverLikeFirehose` stands in for Firehose on
// s3rver, which has no Firehose to do the delivery.
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { DescribeDeliveryStreamCommand, FirehoseClient, UpdateDestinationCommand } from '@aws-sdk/client-firehose';
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mulberry32 } from '../prng';
import { MAX_BUFFER_INTERVAL_SECONDS, REQUIRED_COMPRESSION } from './lab';
import { evaluatePrefix } from './prefix';

export const SOLUTION_PREFIX = 'clickstream/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/';
export const SOLUTION_ERROR_PREFIX = 'clickstream-errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/';

/** Reshapes the lab stack's delivery stream in place (UpdateDestination needs its current version). */
export async function shapeDelivery(firehose: FirehoseClient, deliveryStreamName: string): Promise<void> {
  const { DeliveryStreamDescription: d } = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: deliveryStreamName }));
  await firehose.send(
    new UpdateDestinationCommand({
      DeliveryStreamName: deliveryStreamName,
      CurrentDeliveryStreamVersionId: d!.VersionId!,
      DestinationId: d!.Destinations![0]!.DestinationId!,
      ExtendedS3DestinationUpdate: {
        Prefix: SOLUTION_PREFIX,
        ErrorOutputPrefix: SOLUTION_ERROR_PREFIX,
        // 1 MiB is the smallest size (API_BufferingHints.html): at a trickle the interval decides anyway.
        BufferingHints: { IntervalInSeconds: MAX_BUFFER_INTERVAL_SECONDS, SizeInMBs: 1 },
        CompressionFormat: REQUIRED_COMPRESSION,
      },
    }),
  );
}

export interface ClickEvent {
  readonly partitionKey: string;
  /** One JSON object and a newline: Firehose concatenates records as they are. */
  readonly data: Uint8Array;
}

const PAGES = ['/', '/search', '/product/42', '/product/7', '/cart', '/checkout'];

/** Deterministic click events from `sessions` sessions, keyed by session id. */
export function clickEvents(count: number, sessions: number, start: Date, seed = 7): ClickEvent[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const sessionId = `s-${String(Math.floor(random() * sessions)).padStart(3, '0')}`;
    const event = { session_id: sessionId, page: PAGES[Math.floor(random() * PAGES.length)], event_time: new Date(start.getTime() + i * 250).toISOString() };
    return { partitionKey: sessionId, data: Buffer.from(`${JSON.stringify(event)}\n`) };
  });
}

/** PutRecords accepts at most 500 records per call (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html). */
export const PUT_RECORDS_MAX = 500;

export async function produceClickEvents(kinesis: KinesisClient, streamName: string, events: readonly ClickEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += PUT_RECORDS_MAX) {
    const batch = events.slice(i, i + PUT_RECORDS_MAX);
    const out = await kinesis.send(new PutRecordsCommand({ StreamName: streamName, Records: batch.map((e) => ({ PartitionKey: e.partitionKey, Data: e.data })) }));
    // PutRecords is not atomic: a throttled record comes back with an ErrorCode and must be resent.
    if (out.FailedRecordCount) {
      const failed = batch.filter((_, j) => out.Records?.[j]?.ErrorCode);
      await produceClickEvents(kinesis, streamName, failed);
    }
  }
}

/** How the stand-in delivers: the delivery stream's prefix and whether it compresses. */
export interface DeliveryShape {
  readonly prefix: string;
  readonly gzip: boolean;
}

export const SOLUTION_SHAPE: DeliveryShape = { prefix: SOLUTION_PREFIX, gzip: true };
/** How the lab stack deploys the delivery stream (lib/environments/streaming-environment.ts defaults). */
export const STACK_DEFAULT_SHAPE: DeliveryShape = { prefix: 'stream/!{timestamp:yyyy/MM/dd}/', gzip: false };

/**
 * Writes one object the way Firehose would after a buffer interval: the records concatenated as
 * they are, under the evaluated prefix, named `<stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid>`
 * plus `.gz` when compressed (https://docs.aws.amazon.com/firehose/latest/dev/basic-deliver.html#s3-object-name).
 * For emulators only: on AWS, Firehose does this itself.
 */
export async function deliverLikeFirehose(
  s3: S3Client,
  bucket: string,
  deliveryStreamName: string,
  events: readonly ClickEvent[],
  arrival: Date,
  shape: DeliveryShape = SOLUTION_SHAPE,
): Promise<string> {
  const evaluated = evaluatePrefix(shape.prefix, arrival);
  if ('problem' in evaluated) throw new Error(`cannot deliver with prefix '${shape.prefix}': ${evaluated.problem}`);
  const stamp = arrival.toISOString().slice(0, 19).replace(/[T:]/g, '-');
  const key = `${evaluated.key}${deliveryStreamName}-1-${stamp}-${randomUUID()}${shape.gzip ? '.gz' : ''}`;
  const body = Buffer.concat(events.map((e) => e.data));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: shape.gzip ? gzipSync(body) : body }));
  return key;
}
