// The checks of streams-vs-firehose, one per requirement of its manifest (lab.ts).
import { DescribeStreamConsumerCommand, DescribeStreamSummaryCommand, KinesisClient, paginateListStreamConsumers, type Consumer } from '@aws-sdk/client-kinesis';
import { isNotFound } from '../../lib/aws/errors';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { defineChecks, fail, pass, undecided } from '../../lib/check/verdicts';
import { STACK_OUTPUTS } from '../../lib/model';
import {
  CONSUMER_NAME,
  DEFAULT_RETENTION_HOURS,
  EXTENDED_RETENTION_MAX_HOURS,
  lab,
  LAB_ID,
  REQUIRED_RETENTION_HOURS,
  SHARD_WRITE_MB_PER_SECOND,
  SHARD_WRITE_RECORDS_PER_SECOND,
  SHARED_GETRECORDS_PER_SECOND,
  SHARED_READ_MB_PER_SHARD,
} from './lab';

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

export const checks = defineChecks(lab, {
  R1: async (ctx) => {
    const found = await summary(ctx);
    if (isVerdict(found)) return found;
    // RetentionPeriodHours is a required member of the answer (API_StreamDescriptionSummary): without it
    // the retention is unknown, not the 24-hour default.
    const hours = found.summary?.RetentionPeriodHours;
    if (hours === undefined) {
      return undecided(`DescribeStreamSummary answered for ${found.streamName} without RetentionPeriodHours, so its retention could not be read. Run the check again.`);
    }
    if (hours < REQUIRED_RETENTION_HOURS) {
      return fail(
        `${found.streamName} keeps records for ${hours} hours${hours === DEFAULT_RETENTION_HOURS ? ' (the default)' : ''}; replaying two days needs at least ${REQUIRED_RETENTION_HOURS}. ` +
          `A record older than the retention period is gone for every consumer, so a replay after a model change would start ${REQUIRED_RETENTION_HOURS - hours} hours short. ` +
          'Firehose cannot stand in here: it delivers each record once and keeps nothing to replay.',
      );
    }
    const cost = hours > EXTENDED_RETENTION_MAX_HOURS ? ` Note: beyond ${EXTENDED_RETENTION_MAX_HOURS} hours retention is billed as long-term retention; two days would do.` : '';
    return pass(`${found.streamName} keeps records for ${hours} hours.${cost}`);
  },
  R2: async (ctx) => {
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
      // Consumer names are compared exactly, as DescribeStreamConsumer and teardown compare them.
      const otherCase = consumers.find((c) => c.ConsumerName?.toLowerCase() === CONSUMER_NAME);
      return fail(
        `No consumer named ${CONSUMER_NAME} is registered on the stream${others ? ` (registered: ${others}; the scenario fixes the name so teardown can find it)` : ''}. ` +
          (otherCase ? `Consumer names are case-sensitive: ${otherCase.ConsumerName} is another name. ` : '') +
          `A registered (enhanced fan-out) consumer gets its own ${SHARED_READ_MB_PER_SHARD} MB/s per shard, pushed to it. ${shared}`,
      );
    }
    // The list can lag a fresh registration; the consumer's own description is authoritative.
    const { ConsumerDescription: c } = await ctx.client(KinesisClient).send(new DescribeStreamConsumerCommand({ StreamARN: streamArn, ConsumerName: CONSUMER_NAME }));
    if (c?.ConsumerStatus === undefined) {
      return undecided(`DescribeStreamConsumer answered for ${CONSUMER_NAME} without a ConsumerStatus, so whether it is ACTIVE could not be read. Run the check again.`);
    }
    if (c.ConsumerStatus !== 'ACTIVE') {
      return fail(
        `${CONSUMER_NAME} is ${c.ConsumerStatus}; it can subscribe to shards only once ACTIVE. ` +
          (c.ConsumerStatus === 'CREATING' ? 'Registration takes a few seconds: check again shortly.' : 'Register it again.'),
      );
    }
    return pass(`${CONSUMER_NAME} is registered and ACTIVE, with its own read throughput on every shard.`);
  },
  R3: async (ctx) => {
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
});
