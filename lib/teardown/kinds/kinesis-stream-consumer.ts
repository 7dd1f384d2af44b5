import { DescribeStreamSummaryCommand, paginateListStreamConsumers } from '@aws-sdk/client-kinesis';
import { isServiceError } from '../../aws';
import { advanceStreamConsumerCleanup } from '../../cleanup';
import { advanceInGroup, collectOrEmpty, fromCleanup, hourly, insideEach, type TeardownGroup, type TeardownKindModule } from '../kind';

/** The consumers of one stream are deregistered together, per stream. */
const CONSUMERS: TeardownGroup = {
  key: (r) => r.ref.streamArn!,
  label: (streamArn) => `consumers of stream ${streamArn}`,
  advance: async (ctx, streamArn) => fromCleanup(ctx, await advanceStreamConsumerCleanup({ kinesis: ctx.clients.kinesis }, { streamArn }), streamArn),
};

export const kinesisStreamConsumer: TeardownKindModule<'kinesis:stream-consumer'> = {
  kind: 'kinesis:stream-consumer',
  action: 'deregister',
  because: 'a stream with registered consumers cannot be deleted',
  // After SageMaker, whose apps may be what reads through them.
  after: ['sagemaker:domain'],
  inside: 'stream',
  group: CONSUMERS,
  // A consumer registered on a lab stream goes with the stream, whoever registered it.
  list: (ctx) => insideEach(ctx, 'stream', async (stream, owner) => {
    let summary;
    try {
      summary = (await ctx.clients.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: stream }))).StreamDescriptionSummary;
    } catch (err) {
      if (isServiceError(err, 'ResourceNotFoundException')) return [];
      throw err;
    }
    const streamArn = summary?.StreamARN;
    if (!streamArn) return [];
    const shards = summary?.OpenShardCount ?? 1;
    const consumers = await collectOrEmpty(paginateListStreamConsumers({ client: ctx.clients.kinesis }, { StreamARN: streamArn }), (p) => p.Consumers);
    return consumers.map((c) => ({
      kind: 'kinesis:stream-consumer' as const, name: c.ConsumerName!, claim: 'inside' as const, why: `on stream ${stream} (${owner.why})`,
      ref: { streamArn, consumerArn: c.ConsumerARN! }, status: c.ConsumerStatus,
      ...hourly(ctx.prices, 'kinesis:efo-consumer-shard-hour', shards, `${shards} shard(s)`),
    }));
  }),
  advance: advanceInGroup(CONSUMERS),
};
