import { defineLab } from '../../lib/model';

export const LAB_ID = 'streams-vs-firehose';

/** The replay window the scenario asks for: two days. */
export const REQUIRED_RETENTION_HOURS = 48;
/**
 * A stream keeps records 24 hours unless extended; the retention can go up to 8,760 hours (365 days),
 * and beyond 168 hours (7 days) it is billed as long-term retention
 * (https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html).
 */
export const DEFAULT_RETENTION_HOURS = 24;
export const EXTENDED_RETENTION_MAX_HOURS = 168;

/** The consumer name the scenario fixes, so the checker and teardown can find it. */
export const CONSUMER_NAME = 'fraud-detector';

/**
 * Shared-throughput reads: 2 MB/s and 5 GetRecords calls per second per shard, split among every
 * reader; an enhanced fan-out consumer gets its own 2 MB/s per shard
 * (https://docs.aws.amazon.com/streams/latest/dev/enhanced-consumers.html).
 */
export const SHARED_READ_MB_PER_SHARD = 2;
export const SHARED_GETRECORDS_PER_SECOND = 5;

/**
 * A provisioned shard takes 1 MB/s or 1,000 records/s of writes; resharding with UpdateShardCount is
 * limited in how often and how far it can scale per 24 hours
 * (https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html).
 */
export const SHARD_WRITE_MB_PER_SECOND = 1;
export const SHARD_WRITE_RECORDS_PER_SECOND = 1_000;

const STREAM_SUMMARY = 'Kinesis:DescribeStreamSummary' as const;

export const lab = defineLab({
  id: LAB_ID,
  title: 'Streams vs Firehose: a second consumer that can replay two days',
  summary: 'Configure the Kinesis data stream, not Firehose, for a second real-time consumer: retention for replay, a dedicated-throughput consumer, and the capacity mode for unpredictable load.',
  domains: { 'MLA-C01': ['MLA-C01/D1'], 'MLS-C01': ['MLS-C01/D1'] },
  environments: ['streaming'],
  estimatedMinutes: 45,
  estimatedCostUsd: 0.15,
  // The stack's stream is provisioned with one shard; retention and the consumer are usually set
  // before the switch, then the stream runs on demand until teardown. The price table has no
  // on-demand retention or fan-out keys; with a lab's few records those bill next to nothing.
  usage: [
    { item: 'kinesis:extended-retention-shard-hour', quantity: 1, note: 'Retention beyond 24 hours on the one provisioned shard, before the switch to on-demand.' },
    { item: 'kinesis:efo-consumer-shard-hour', quantity: 1, note: 'The enhanced fan-out consumer on the one provisioned shard, before the switch.' },
    { item: 'kinesis:on-demand-stream-hour', quantity: 2, note: 'The stream in on-demand mode for about two hours before teardown.' },
    { item: 'kinesis:on-demand-data-gb', quantity: 0.001, note: 'A few test records, if you write any.' },
  ],
  learnerResources: [{ kind: 'kinesis:stream-consumer', name: CONSUMER_NAME, match: 'exact' }],
  requirements: [
    {
      id: 'R1',
      title: `The lab stream keeps records for at least ${REQUIRED_RETENTION_HOURS} hours.`,
      hint: 'Read how long a Kinesis data stream keeps records by default and how to change it.',
      docs: 'https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html',
      reads: [STREAM_SUMMARY],
      tasks: ['MLA-C01/1.1'],
      concepts: ['kinesis-retention', 'stream-replay'],
    },
    {
      id: 'R2',
      title: `An enhanced fan-out consumer named ${CONSUMER_NAME} is registered on the lab stream and ACTIVE.`,
      hint: 'Read how consumers with dedicated throughput differ from consumers that share a shard\'s read throughput.',
      docs: 'https://docs.aws.amazon.com/streams/latest/dev/enhanced-consumers.html',
      reads: ['Kinesis:ListStreamConsumers', 'Kinesis:DescribeStreamConsumer'],
      tasks: ['MLA-C01/1.1'],
      concepts: ['kinesis-enhanced-fan-out', 'kinesis-consumers'],
    },
    {
      id: 'R3',
      title: 'The lab stream adjusts its capacity to the load by itself, with no shard count to manage.',
      hint: 'Compare the two capacity modes of a Kinesis data stream for traffic you cannot predict.',
      docs: 'https://docs.aws.amazon.com/streams/latest/dev/how-do-i-size-a-stream.html',
      reads: [STREAM_SUMMARY],
      tasks: ['MLA-C01/1.1', 'MLA-C01/4.2'],
      concepts: ['kinesis-capacity-mode', 'kinesis-on-demand', 'kinesis-shards'],
    },
  ],
});
