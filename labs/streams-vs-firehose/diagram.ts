// The diagram of streams-vs-firehose: the lab stream with its capacity mode and retention, and its
// readers: the consumers registered on it (enhanced fan-out, their own throughput) and the lab
// stack's delivery stream (shared throughput). Same reads as the checks, so the memo answers them.
import { DescribeStreamSummaryCommand, KinesisClient, paginateListStreamConsumers, type Consumer } from '@aws-sdk/client-kinesis';
import { isNotFound } from '../../lib/aws/errors';
import { defineDiagram } from '../../lib/diagram/define';
import { STACK_OUTPUTS } from '../../lib/model';
import { CONSUMER_NAME, DEFAULT_RETENTION_HOURS, lab, SHARED_READ_MB_PER_SHARD } from './lab';

export const diagram = defineDiagram(lab, {
  reads: ['Kinesis:DescribeStreamSummary', 'Kinesis:ListStreamConsumers'],
  async discover(ctx, g) {
    const [streamName, streamArn] = await Promise.all([ctx.stackOutput(STACK_OUTPUTS.streamName), ctx.stackOutput(STACK_OUTPUTS.streamArn)]);
    const kinesis = ctx.client(KinesisClient);
    let summary;
    try {
      summary = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }))).StreamDescriptionSummary;
    } catch (err) {
      if (!isNotFound(err)) throw err;
      g.node('stream', 'stream', streamName, { state: 'missing' });
      return;
    }
    const hours = summary?.RetentionPeriodHours;
    g.node('stream', 'stream', streamName, {
      details: [
        summary?.StreamModeDetails?.StreamMode ?? 'PROVISIONED',
        summary?.OpenShardCount !== undefined ? `${summary.OpenShardCount} open shard(s)` : undefined,
        hours !== undefined ? `retention ${hours} h${hours === DEFAULT_RETENTION_HOURS ? ' (default)' : ''}` : undefined,
      ],
    });
    // The lab stack's delivery stream reads the stream with GetRecords: the stack wires it so.
    const deliveryName = await ctx.stackOutput(STACK_OUTPUTS.deliveryStreamName).catch(() => undefined);
    if (deliveryName) {
      g.node('delivery', 'delivery-stream', deliveryName, { details: ['the lab stack\'s'] });
      g.edge('stream', 'delivery', `shared ${SHARED_READ_MB_PER_SHARD} MB/s per shard`);
    }
    const consumers: Consumer[] = [];
    for await (const page of paginateListStreamConsumers({ client: kinesis }, { StreamARN: streamArn })) consumers.push(...(page.Consumers ?? []));
    const wanted = consumers.find((c) => c.ConsumerName === CONSUMER_NAME);
    g.node('consumer', 'consumer', CONSUMER_NAME, { details: [wanted ? wanted.ConsumerStatus : 'not registered'], state: wanted ? 'found' : 'missing' });
    g.edge('stream', 'consumer', wanted ? `enhanced fan-out: own ${SHARED_READ_MB_PER_SHARD} MB/s per shard` : 'no dedicated throughput');
    for (const [i, other] of consumers.filter((c) => c !== wanted).entries()) {
      g.node(`other-consumer-${i + 1}`, 'consumer', other.ConsumerName ?? 'unnamed consumer', { details: [other.ConsumerStatus] });
      g.edge('stream', `other-consumer-${i + 1}`, 'enhanced fan-out');
    }
  },
  about: {
    R1: ['stream'],
    R2: ['consumer', 'stream->consumer'],
    R3: ['stream'],
  },
});
