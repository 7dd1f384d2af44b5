import { DescribeStreamConsumerCommand, DescribeStreamSummaryCommand, KinesisClient, paginateListStreamConsumers, type Consumer } from '@aws-sdk/client-kinesis';
import { defineLab, fail, pass } from '../../lib/check/define-lab';
import { isNotFound } from '../../lib/check/errors';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { STACK_OUTPUTS } from '../../lib/check/types';

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

async function summary(ctx: CheckContext) {
  const streamName = await ctx.stackOutput(STACK_OUTPUTS.streamName);
  try {
    const out = await ctx.client(KinesisClient).send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
    return { streamName, summary: out.StreamDescriptionSummary };
  } catch (err) {
    if (isNotFound(err)) return fail(`The stream ${streamName} (stack output StreamName) does not exist: deploy the lab with \`mllab deploy ${LAB_ID}\`.`);
    throw err;
  }
}

function isVerdict(value: unknown): value is CheckVerdict {
  return typeof value === 'object' && value !== null && 'status' in value && 'findings' in value;
}

async function listConsumers(ctx: CheckContext, streamArn: string): Promise<Consumer[]> {
  const consumers: Consumer[] = [];
  for await (const page of paginateListStreamConsumers({ client: ctx.client(KinesisClient) }, { StreamARN: streamArn })) {
    consumers.push(...(page.Consumers ?? []));
  }
  return consumers;
}

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
      check: async (ctx) => {
        const found = await summary(ctx);
        if (isVerdict(found)) return found;
        const hours = found.summary?.RetentionPeriodHours ?? DEFAULT_RETENTION_HOURS;
        if (hours < REQUIRED_RETENTION_HOURS) {
          return fail(
            `${found.streamName} keeps records for ${hours} hours; replaying two days needs at least ${REQUIRED_RETENTION_HOURS}. ` +
              `A record older than the retention period is gone for every consumer, so a replay after a model change would start ${REQUIRED_RETENTION_HOURS - hours} hours short. ` +
              'Firehose cannot stand in here: it delivers each record once and keeps nothing to replay.',
          );
        }
        const cost = hours > EXTENDED_RETENTION_MAX_HOURS ? ` Note: beyond ${EXTENDED_RETENTION_MAX_HOURS} hours retention is billed as long-term retention; two days would do.` : '';
        return pass(`${found.streamName} keeps records for ${hours} hours.${cost}`);
      },
    },
    {
      id: 'R2',
      title: `An enhanced fan-out consumer named ${CONSUMER_NAME} is registered on the lab stream and ACTIVE.`,
      hint: 'Read how consumers with dedicated throughput differ from consumers that share a shard\'s read throughput.',
      docs: 'https://docs.aws.amazon.com/streams/latest/dev/enhanced-consumers.html',
      reads: ['Kinesis:ListStreamConsumers', 'Kinesis:DescribeStreamConsumer'],
      check: async (ctx) => {
        const streamArn = await ctx.stackOutput(STACK_OUTPUTS.streamArn);
        let consumers: Consumer[];
        try {
          consumers = await listConsumers(ctx, streamArn);
        } catch (err) {
          if (isNotFound(err)) return fail(`The stream ${streamArn} (stack output StreamArn) does not exist: deploy the lab with \`mllab deploy ${LAB_ID}\`.`);
          throw err;
        }
        const shared =
          `Without it, the fraud detector would read with GetRecords and share each shard's ${SHARED_READ_MB_PER_SHARD} MB/s and ${SHARED_GETRECORDS_PER_SECOND} calls per second ` +
          'with every other reader, the Firehose delivery stream included: each added reader slows the others, and a two-day replay would starve the live feed.';
        if (!consumers.some((c) => c.ConsumerName === CONSUMER_NAME)) {
          const others = consumers.map((c) => c.ConsumerName).join(', ');
          return fail(
            `No consumer named ${CONSUMER_NAME} is registered on the stream${others ? ` (registered: ${others}; the scenario fixes the name so teardown can find it)` : ''}. ` +
              `A registered (enhanced fan-out) consumer gets its own ${SHARED_READ_MB_PER_SHARD} MB/s per shard, pushed to it. ${shared}`,
          );
        }
        // The list can lag a fresh registration; the consumer's own description is authoritative.
        const { ConsumerDescription: c } = await ctx.client(KinesisClient).send(new DescribeStreamConsumerCommand({ StreamARN: streamArn, ConsumerName: CONSUMER_NAME }));
        if (c?.ConsumerStatus !== 'ACTIVE') {
          return fail(
            `${CONSUMER_NAME} is ${c?.ConsumerStatus ?? 'in an unknown state'}; it can subscribe to shards only once ACTIVE. ` +
              (c?.ConsumerStatus === 'CREATING' ? 'Registration takes a few seconds: check again shortly.' : 'Register it again.'),
          );
        }
        return pass(`${CONSUMER_NAME} is registered and ACTIVE, with its own read throughput on every shard.`);
      },
    },
    {
      id: 'R3',
      title: 'The lab stream adjusts its capacity to the load by itself, with no shard count to manage.',
      hint: 'Compare the two capacity modes of a Kinesis data stream for traffic you cannot predict.',
      docs: 'https://docs.aws.amazon.com/streams/latest/dev/how-do-i-size-a-stream.html',
      reads: [STREAM_SUMMARY],
      check: async (ctx) => {
        const found = await summary(ctx);
        if (isVerdict(found)) return found;
        // Streams created before capacity modes existed report no StreamModeDetails: they are provisioned.
        const mode = found.summary?.StreamModeDetails?.StreamMode ?? 'PROVISIONED';
        if (mode !== 'ON_DEMAND') {
          const shards = found.summary?.OpenShardCount;
          return fail(
            `${found.streamName} is in ${mode} mode${shards !== undefined ? ` with ${shards} open shard(s)` : ''}. A provisioned stream has exactly the capacity of its shards ` +
              `(${SHARD_WRITE_MB_PER_SECOND} MB/s or ${SHARD_WRITE_RECORDS_PER_SECOND.toLocaleString('en-US')} records/s of writes per shard): a burst beyond it is throttled with ProvisionedThroughputExceededException until someone resizes the stream by hand ` +
              '(UpdateShardCount, itself limited in how often it can run). The scenario\'s load is unpredictable, which is what on-demand mode is for: it adds and removes shards by itself.',
          );
        }
        return pass(`${found.streamName} is in ON_DEMAND mode.`);
      },
    },
  ],
});
