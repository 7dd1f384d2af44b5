// The diagram of streaming-ingest: the stream, the delivery stream reading it, and the two S3
// prefixes it writes to, with the settings the requirements judge on the flows. It sends the same
// calls as the checks (stack outputs, DescribeDeliveryStream, the first ListShards page, the first
// ListObjectsV2 page under clickstream/), so the check run's memo answers them.
import { DescribeDeliveryStreamCommand, FirehoseClient, type ExtendedS3DestinationDescription } from '@aws-sdk/client-firehose';
import { KinesisClient, ListShardsCommand } from '@aws-sdk/client-kinesis';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { isNotFound } from '../../lib/aws/errors';
import { defineDiagram } from '../../lib/diagram/define';
import { STACK_OUTPUTS } from '../../lib/model';
import { lambdaBuffering } from './checks';
import { DATA_PREFIX_ROOT, DEFAULT_BUFFER_INTERVAL_SECONDS, lab, PROBE_INSTANTS } from './lab';
import { evaluatePrefix, FIREHOSE_DEFAULT_TIME_PATTERN, hasExpressions } from './prefix';

/** What the diagram shows of a destination; a plain S3 destination has it too (bar the Extended-only members, then undefined). */
type DeliverySettings = Partial<Pick<ExtendedS3DestinationDescription, 'BucketARN' | 'Prefix' | 'ErrorOutputPrefix' | 'BufferingHints' | 'CompressionFormat' | 'CustomTimeZone' | 'ProcessingConfiguration'>>;

/** `arn:aws:s3:::bucket` -> `bucket`; `arn:...:stream/name` -> `name`. */
const nameOfArn = (arn: string | undefined) => arn?.slice(Math.max(arn.lastIndexOf(':'), arn.lastIndexOf('/')) + 1);

/** What a prefix writes for the lab's probe instant, as the learner would see it in S3. */
function example(prefix: string | undefined): string {
  if (!prefix || !hasExpressions(prefix)) return `writes ${prefix ?? ''}${FIREHOSE_DEFAULT_TIME_PATTERN} (Firehose's default time folders)`;
  const evaluated = evaluatePrefix(prefix, PROBE_INSTANTS[0]);
  return 'key' in evaluated ? `writes ${evaluated.key}` : evaluated.problem;
}

export const diagram = defineDiagram(lab, {
  reads: ['Firehose:DescribeDeliveryStream', 'Kinesis:ListShards', 'S3:ListObjectsV2'],
  async discover(ctx, g) {
    const [streamName, deliveryName, bucket] = await Promise.all([
      ctx.stackOutput(STACK_OUTPUTS.streamName),
      ctx.stackOutput(STACK_OUTPUTS.deliveryStreamName),
      ctx.stackOutput(STACK_OUTPUTS.deliveryBucketName),
    ]);
    const [shards, description, objects] = await Promise.all([
      ctx
        .client(KinesisClient)
        .send(new ListShardsCommand({ StreamName: streamName }))
        .then((page) => ({ count: page.Shards?.length ?? 0, more: page.NextToken !== undefined }))
        .catch((err: unknown) => (isNotFound(err) ? undefined : Promise.reject(err))),
      ctx
        .client(FirehoseClient)
        .send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: deliveryName }))
        .then((out) => out.DeliveryStreamDescription)
        .catch((err: unknown) => (isNotFound(err) ? undefined : Promise.reject(err))),
      ctx
        .client(S3Client)
        .send(new ListObjectsV2Command({ Bucket: bucket, Prefix: DATA_PREFIX_ROOT }))
        .then((page) => ({ count: page.KeyCount ?? page.Contents?.length ?? 0, more: page.IsTruncated === true }))
        .catch((err: unknown) => (isNotFound(err) ? undefined : Promise.reject(err))),
    ]);
    g.node('stream', 'stream', streamName, {
      details: [shards ? `${shards.count}${shards.more ? '+' : ''} open shard(s)` : undefined],
      state: shards ? 'found' : 'missing',
    });
    if (!description) {
      g.node('delivery', 'delivery-stream', deliveryName, { state: 'missing' });
      g.edge('stream', 'delivery');
      return;
    }
    const source = description.Source?.KinesisStreamSourceDescription?.KinesisStreamARN;
    g.node('delivery', 'delivery-stream', deliveryName, { details: [description.DeliveryStreamStatus] });
    if (source && nameOfArn(source) !== streamName) {
      // Reading another stream than the lab's: draw that one, as it is what feeds the delivery.
      g.node('source', 'stream', nameOfArn(source)!, { details: ['not the lab stream'] });
      g.edge('source', 'delivery', 'source');
    } else if (source) {
      g.edge('stream', 'delivery', 'source');
    }
    const first = description.Destinations?.[0];
    const destination: DeliverySettings | undefined = first?.ExtendedS3DestinationDescription ?? first?.S3DestinationDescription;
    if (!destination) {
      g.note(`${deliveryName} has no Amazon S3 destination.`);
      return;
    }
    const target = nameOfArn(destination.BucketARN) ?? bucket;
    const interval = destination.BufferingHints?.IntervalInSeconds ?? DEFAULT_BUFFER_INTERVAL_SECONDS;
    const size = destination.BufferingHints?.SizeInMBs;
    const lambda = lambdaBuffering(destination.ProcessingConfiguration);
    const flow = [
      'seconds' in lambda && lambda.seconds > 0 ? `Lambda ${lambda.seconds} s +` : '',
      `buffer ${interval} s${size ? ` or ${size} MiB` : ''}`,
      destination.CompressionFormat ?? 'UNCOMPRESSED',
    ].filter(Boolean);
    g.node('data', 'prefix', `s3://${target}/${destination.Prefix ?? ''}`, {
      details: [
        example(destination.Prefix),
        objects ? `${objects.count}${objects.more ? '+' : ''} object(s) under ${DATA_PREFIX_ROOT}` : `bucket ${target} not found`,
        destination.CustomTimeZone ? `time zone ${destination.CustomTimeZone}` : undefined,
      ],
      state: objects ? 'found' : 'missing',
    });
    g.edge('delivery', 'data', flow.join(', '));
    const errors = destination.ErrorOutputPrefix;
    g.node('errors', 'prefix', errors ? `s3://${target}/${errors}` : 'no error output prefix', {
      details: [errors ? undefined : `failed records go next to the data`],
      state: errors ? 'found' : 'missing',
    });
    g.edge('delivery', 'errors', 'records that fail');
  },
  about: {
    R1: ['delivery->data'],
    R2: ['data'],
    R3: ['delivery->data'],
    R4: ['errors'],
    R5: ['stream'],
    R6: ['stream'],
    R7: ['data'],
  },
});
