import { DeleteStreamCommand, DescribeStreamSummaryCommand, paginateListStreams } from '@aws-sdk/client-kinesis';
import { collect } from '../../aws';
import { tryPrice } from '../../cost/prices';
import { claimed, deleteWhenIdle, hourly, type LabResource, type ListContext, type TeardownKindModule } from '../kind';

export const kinesisStream: TeardownKindModule<'kinesis:stream'> = {
  kind: 'kinesis:stream',
  action: 'delete',
  because: 'streams the learner created beside the stack',
  after: ['kinesis:stream-consumer'],
  arnType: 'kinesis:stream',
  opens: 'stream',
  list: async (ctx) => claimed(ctx, 'kinesis:stream',
    await collect(paginateListStreams({ client: ctx.clients.kinesis }, {}), (p) => p.StreamNames),
    (name) => name, (_, name) => streamHourly(ctx, name)),
  advance: deleteWhenIdle({
    notFound: 'ResourceNotFoundException',
    op: 'DeleteStream',
    status: async (ctx, r) => (await ctx.clients.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: r.name }))).StreamDescriptionSummary?.StreamStatus,
    send: (ctx, r) => ctx.clients.kinesis.send(new DeleteStreamCommand({ StreamName: r.name })),
  }),
};

/** Per open shard (plus extended retention), or per stream hour on demand. */
async function streamHourly(ctx: ListContext, name: string): Promise<Partial<LabResource>> {
  const s = (await ctx.clients.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary;
  const ref = { arn: s?.StreamARN ?? '', shards: String(s?.OpenShardCount ?? 0) };
  if (s?.StreamModeDetails?.StreamMode === 'ON_DEMAND') return { ref, ...hourly(ctx.prices, 'kinesis:on-demand-stream-hour', 1, 'on-demand stream') };
  const shards = s?.OpenShardCount ?? 0;
  const base = hourly(ctx.prices, 'kinesis:shard-hour', shards, `${shards} shard(s)`);
  const extended = (s?.RetentionPeriodHours ?? 24) > 24 ? tryPrice(ctx.prices, 'kinesis:extended-retention-shard-hour')?.usd ?? 0 : 0;
  return { ref, ...base, ...(base.costPerHourUsd !== undefined ? { costPerHourUsd: base.costPerHourUsd + extended * shards } : {}) };
}
