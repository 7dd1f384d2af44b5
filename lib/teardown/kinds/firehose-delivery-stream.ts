import { DeleteDeliveryStreamCommand, DescribeDeliveryStreamCommand, ListDeliveryStreamsCommand } from '@aws-sdk/client-firehose';
import { collectByLastItem } from '../../aws';
import { claimed, deleteWhenIdle, free, type TeardownKindModule } from '../kind';

export const firehoseDeliveryStream: TeardownKindModule<'firehose:delivery-stream'> = {
  kind: 'firehose:delivery-stream',
  action: 'delete',
  because: 'streams the learner created beside the stack',
  after: ['kinesis:stream-consumer'],
  arnType: 'firehose:deliverystream',
  list: async (ctx) => claimed(ctx, 'firehose:delivery-stream',
    // Firehose has no paginator: it pages by the last name seen.
    await collectByLastItem(async (start: string | undefined) => {
      const out = await ctx.clients.firehose.send(new ListDeliveryStreamsCommand({ Limit: 100, ...(start ? { ExclusiveStartDeliveryStreamName: start } : {}) }));
      return { items: out.DeliveryStreamNames ?? [], more: !!out.HasMoreDeliveryStreams };
    }),
    (name) => name, () => free('billed per GB ingested')),
  advance: deleteWhenIdle({
    notFound: 'ResourceNotFoundException',
    op: 'DeleteDeliveryStream',
    status: async (ctx, r) => (await ctx.clients.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: r.name }))).DeliveryStreamDescription?.DeliveryStreamStatus,
    send: (ctx, r) => ctx.clients.firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: r.name })),
  }),
};
