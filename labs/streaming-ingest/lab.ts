import { defineLab } from '../../lib/model';

export const LAB_ID = 'streaming-ingest';

/**
 * Freshness the scenario asks for: the fraud dashboard polls S3 every 30 s and must see the clicks
 * of the previous poll. Firehose delivers when the buffer interval or the buffer size is reached,
 * whichever comes first, so the interval is the upper bound on how stale delivered data can be
 * (interval range 0-900 s, default 300 s:
 * https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html).
 * Stricter than the lab stack's 60 s on purpose: the learner has to change it.
 */
export const MAX_BUFFER_INTERVAL_SECONDS = 30;
/** Firehose's default when BufferingHints omits IntervalInSeconds (API_BufferingHints.html). */
export const DEFAULT_BUFFER_INTERVAL_SECONDS = 300;
/**
 * A Lambda processor buffers incoming data before invoking the function, and the destination's
 * buffering starts after it: "The default Lambda buffering interval hint is sixty seconds", range
 * 0-900 s, set with the processor parameter BufferIntervalInSeconds
 * (https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html).
 */
export const DEFAULT_LAMBDA_BUFFER_INTERVAL_SECONDS = 60;

/** The layout the analysts' table is partitioned by (Hive-style, UTC hours). */
export const DATA_PREFIX_ROOT = 'clickstream/';
export const ERROR_PREFIX_ROOT = 'clickstream-errors/';
/** Required in ErrorOutputPrefix once it has expressions (https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html#prefix-rules). */
export const ERROR_OUTPUT_TYPE = '!{firehose:error-output-type}';

/** Scenario: the analysts' Athena tables and their Python job (gzip.open) both read gzip. */
export const REQUIRED_COMPRESSION = 'GZIP';

/**
 * A shard takes 1 MB/s or 1,000 records/s of writes
 * (https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html).
 */
export const SHARD_WRITE_MB_PER_SECOND = 1;

/** Scenario volume: enough events, from enough sessions, to show how keys spread over shards. */
export const MIN_RECORDS = 100;
export const MIN_PARTITION_KEYS = 5;
/** Fields every click event carries (scenario). */
export const EVENT_FIELDS = ['session_id', 'page', 'event_time'] as const;

/** The keys Firehose writes for one instant: `clickstream/year=2025/month=12/day=29/hour=15/`. */
export function expectedKeyPrefix(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DATA_PREFIX_ROOT}year=${at.getUTCFullYear()}/month=${p(at.getUTCMonth() + 1)}/day=${p(at.getUTCDate())}/hour=${p(at.getUTCHours())}/`;
}

/**
 * Instants chosen so every classic pattern mistake renders differently from the right one:
 * 15:07 tells minutes (07) from months (12) and a 12-hour clock (03) from a 24-hour one (15);
 * 29 December 2025 is day-of-year 363 and already in week-based year 2026.
 */
export const PROBE_INSTANTS = [new Date('2025-12-29T15:07:09Z'), new Date('2026-03-04T09:41:00Z')] as const;

/** A key under the partition layout: the hour folder, then an object name. */
export const DELIVERED_KEY = /^clickstream\/year=\d{4}\/month=(0[1-9]|1[0-2])\/day=(0[1-9]|[12]\d|3[01])\/hour=([01]\d|2[0-3])\/[^/]+$/;

/**
 * Whether an object name is one Firehose gives: `<Firehose stream name>-<Firehose stream version>-
 * <year>-<month>-<day>-<hour>-<minute>-<second>-<uuid><file extension>`
 * (https://docs.aws.amazon.com/firehose/latest/dev/s3-object-name.html). A file uploaded by hand
 * does not carry it, so it tells "delivered by the pipeline" from "put there".
 */
export function isFirehoseObjectName(name: string, deliveryStreamName: string): boolean {
  const escaped = deliveryStreamName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const uuid = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
  return new RegExp(`^${escaped}-\\d+-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-${uuid}(\\.[^/]*)?$`).test(name);
}

const FIREHOSE_READ = 'Firehose:DescribeDeliveryStream' as const;

/**
 * The calls readStream (stream-records.ts) sends: every shard, from the oldest record kept; and the
 * stream's retention, to say how long records stay readable when too few are found.
 */
export const STREAM_READS = ['Kinesis:ListShards', 'Kinesis:GetShardIterator', 'Kinesis:GetRecords', 'Kinesis:DescribeStreamSummary'] as const;

export const lab = defineLab({
  id: LAB_ID,
  title: 'Streaming ingest: clickstream into a partitioned, compressed data lake',
  summary: 'Produce click events into a Kinesis data stream and shape the Firehose delivery into S3 for freshness, layout, storage and failures.',
  domains: { 'MLA-C01': ['MLA-C01/D1'], 'MLS-C01': ['MLS-C01/D1'] },
  environments: ['streaming'],
  estimatedMinutes: 60,
  estimatedCostUsd: 0.02,
  usage: [
    { item: 'kinesis:put-payload-units-million', quantity: 0.001, note: 'A few hundred to a thousand click events of under 25 KB each.' },
    { item: 'firehose:ingested-gb', quantity: 0.001, note: 'The same events, read by the delivery stream.' },
    { item: 's3:put-requests-thousand', quantity: 0.2, note: 'One delivered object per buffer interval while events flow.' },
    { item: 's3:storage-gb-month', quantity: 0.001, note: 'Kilobytes of gzip objects until teardown.' },
  ],
  // Nothing outside the lab stack: the learner reshapes the stack's own delivery stream and writes to
  // its stream; the delivered objects live in the stack's bucket, which is emptied with the stack.
  learnerResources: [],
  requirements: [
    {
      id: 'R1',
      title: `The delivery stream delivers records to S3 at most ${MAX_BUFFER_INTERVAL_SECONDS} seconds after they arrive.`,
      hint: 'Read how Firehose decides when to write a buffer to the destination, and which setting bounds the delay.',
      docs: 'https://docs.aws.amazon.com/firehose/latest/dev/buffering-hints.html',
      reads: [FIREHOSE_READ],
      tasks: ['MLA-C01/1.1'],
      concepts: ['firehose-buffering', 'data-freshness'],
    },
    {
      id: 'R2',
      title: `Delivered objects are laid out by UTC hour as ${DATA_PREFIX_ROOT}year=YYYY/month=MM/day=DD/hour=HH/.`,
      hint: 'Read how Firehose evaluates !{timestamp:...} expressions in a custom S3 prefix, and the Java DateTimeFormatter letters they use.',
      docs: 'https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html',
      reads: [FIREHOSE_READ],
      tasks: ['MLA-C01/1.1'],
      concepts: ['firehose-prefix-expressions', 'hive-style-partitioning', 's3-partition-layout'],
    },
    {
      id: 'R3',
      title: `Delivered objects are ${REQUIRED_COMPRESSION}-compressed.`,
      hint: 'Compare the compression formats Firehose can write with the ones Athena can read.',
      docs: 'https://docs.aws.amazon.com/athena/latest/ug/compression-formats.html',
      reads: [FIREHOSE_READ],
      tasks: ['MLA-C01/1.1'],
      concepts: ['firehose-compression', 'athena-compression-formats'],
    },
    {
      id: 'R4',
      title: `Records Firehose cannot deliver land under ${ERROR_PREFIX_ROOT}, in one folder per error type.`,
      hint: 'Read the semantic rules for Prefix and ErrorOutputPrefix, and the firehose namespace.',
      docs: 'https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html#prefix-rules',
      reads: [FIREHOSE_READ],
      tasks: ['MLA-C01/1.1', 'MLA-C01/1.3'],
      concepts: ['firehose-error-output', 'firehose-prefix-expressions'],
    },
    {
      id: 'R5',
      title: `The lab stream holds at least ${MIN_RECORDS} records spread over at least ${MIN_PARTITION_KEYS} partition keys.`,
      hint: 'Read what a partition key decides in a Kinesis data stream.',
      docs: 'https://docs.aws.amazon.com/streams/latest/dev/key-concepts.html',
      reads: [...STREAM_READS],
      tasks: ['MLA-C01/1.1'],
      concepts: ['kinesis-partition-key', 'kinesis-shards'],
    },
    {
      id: 'R6',
      title: `At least ${MIN_RECORDS} of those records are one JSON object each, ending in a newline, with ${EVENT_FIELDS.join(', ')}, keyed by their session_id.`,
      hint: 'Read how Athena expects JSON data to be laid out, and how Firehose joins records into an object.',
      docs: 'https://docs.aws.amazon.com/athena/latest/ug/parsing-JSON.html',
      reads: [...STREAM_READS],
      tasks: ['MLA-C01/1.2', 'MLA-C01/1.3'],
      concepts: ['json-lines', 'athena-json-serde', 'kinesis-partition-key'],
    },
    {
      id: 'R7',
      title: `Objects written by the lab's delivery stream, under the names Firehose gives them, exist in the delivery bucket under ${DATA_PREFIX_ROOT}year=.../month=.../day=.../hour=.../.`,
      hint: 'Read how Firehose names the objects it writes to S3.',
      docs: 'https://docs.aws.amazon.com/firehose/latest/dev/basic-deliver.html#s3-object-name',
      reads: ['S3:ListObjectsV2'],
      tasks: ['MLA-C01/1.1'],
      concepts: ['firehose-s3-delivery', 'firehose-object-naming'],
    },
  ],
});
