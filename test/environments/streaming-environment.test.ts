import { App, Duration, Size, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import { StreamingEnvironment, type StreamingEnvironmentProps } from '../../lib/environments/streaming-environment';
import { addLabOutputs } from '../../lib/stack/outputs';

function streamingStack(props: StreamingEnvironmentProps = {}, options: { withOutputs?: boolean } = {}) {
  const stack = new Stack(new App(), 'MlLab-streaming-test');
  const streaming = new StreamingEnvironment(stack, 'Streaming', props);
  // As an environment-only stack composes it: the stack emits the environment's outputs.
  if (options.withOutputs) addLabOutputs(stack, { streaming });
  return stack;
}

describe('StreamingEnvironment', () => {
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(streamingStack({}, { withOutputs: true }));
  });

  it('deletes the stream and its delivery log group with the lab (the CDK would retain them)', () => {
    template.hasResource('AWS::Kinesis::Stream', { DeletionPolicy: 'Delete' });
    const resources = Object.entries(template.toJSON().Resources as Record<string, { DeletionPolicy?: string }>);
    expect(resources.filter(([, r]) => (r.DeletionPolicy ?? 'Delete') !== 'Delete').map(([id]) => id)).toEqual([]);
  });

  it('defaults to one provisioned shard, 24 h retention, encrypted with the AWS managed key', () => {
    template.hasResourceProperties('AWS::Kinesis::Stream', {
      ShardCount: 1,
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
      RetentionPeriodHours: 24,
      StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
    });
  });

  it('delivers the stream to the lab bucket with prefixes, 60 s / 5 MiB buffering and GZIP', () => {
    template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      DeliveryStreamType: 'KinesisStreamAsSource',
      KinesisStreamSourceConfiguration: Match.objectLike({ KinesisStreamARN: Match.anyValue() }),
      ExtendedS3DestinationConfiguration: Match.objectLike({
        Prefix: 'stream/!{timestamp:yyyy/MM/dd}/',
        ErrorOutputPrefix: 'stream-errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/',
        BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 5 },
        CompressionFormat: 'GZIP',
        BucketARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LabBucket'), 'Arn'] },
      }),
    });
  });

  it('deregisters learner-registered consumers before the stream is deleted', () => {
    const cleanups = template.findResources('Custom::MlLabCleanup', { Properties: { Kind: 'stream-consumers' } });
    const [, cleanup] = Object.entries(cleanups)[0]!;
    const streamId = Object.keys(template.findResources('AWS::Kinesis::Stream'))[0]!;
    // Referencing the stream makes CloudFormation delete the clean-up first.
    expect(cleanup.Properties.StreamArn).toEqual({ 'Fn::GetAtt': [streamId, 'Arn'] });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: ['kinesis:ListStreamConsumers', 'kinesis:DeregisterStreamConsumer'],
            Resource: [{ 'Fn::GetAtt': [streamId, 'Arn'] }, Match.anyValue()],
          }),
        ],
      },
    });
  });

  it('composes twice into one plain stack: two streams, two delivery streams, and no outputs', () => {
    const stack = new Stack(new App(), 'TwoStreams');
    const a = new StreamingEnvironment(stack, 'A');
    const b = new StreamingEnvironment(stack, 'B');
    const twice = Template.fromStack(stack);
    twice.resourceCountIs('AWS::Kinesis::Stream', 2);
    twice.resourceCountIs('AWS::KinesisFirehose::DeliveryStream', 2);
    expect(twice.toJSON().Outputs).toBeUndefined();
    // Both deliver to the one shared lab bucket, each reading its own stream.
    twice.resourceCountIs('AWS::S3::Bucket', 1);
    expect(stack.resolve(a.stream.streamArn)).not.toEqual(stack.resolve(b.stream.streamArn));
  });

  it('has exactly its own outputs, with the contract logical ids, once the stack emits them', () => {
    expect(Object.keys(template.toJSON().Outputs).sort()).toEqual(['DeliveryBucketName', 'DeliveryStreamName', 'StreamArn', 'StreamName']);
  });

  it('builds an on-demand stream without a shard count when asked', () => {
    Template.fromStack(streamingStack({ streamMode: kinesis.StreamMode.ON_DEMAND })).hasResourceProperties('AWS::Kinesis::Stream', {
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
      ShardCount: Match.absent(),
    });
  });

  it('accepts a plain prefix without an error-output prefix', () => {
    expect(() => streamingStack({ prefix: 'events/', compression: firehose.Compression.SNAPPY })).not.toThrow();
  });

  it('fails when a shard count is given for an on-demand stream', () => {
    expect(() => streamingStack({ streamMode: kinesis.StreamMode.ON_DEMAND, shardCount: 2 })).toThrow('only allowed with a provisioned stream');
  });

  it('fails when the prefix has expressions but there is no error-output prefix', () => {
    expect(() => streamingStack({ prefix: 'events/!{timestamp:yyyy}/' })).toThrow('errorOutputPrefix is required');
  });

  it('fails when the error-output prefix has expressions without the error-output type', () => {
    expect(() => streamingStack({ prefix: 'e/!{timestamp:yyyy}/', errorOutputPrefix: 'err/!{timestamp:yyyy}/' })).toThrow(
      'must contain !{firehose:error-output-type}',
    );
  });

  it('fails when a prefix starts with a slash', () => {
    expect(() => streamingStack({ prefix: '/events/' })).toThrow("must not start with '/'");
  });

  it('fails when the buffering interval is above 900 seconds', () => {
    expect(() => streamingStack({ bufferingInterval: Duration.seconds(901) })).toThrow('between 0 and 900 seconds, got 901');
  });

  it('fails when the buffering size is outside 1..128 MiB', () => {
    expect(() => streamingStack({ bufferingSize: Size.mebibytes(129) })).toThrow('between 1 and 128 MiB, got 129');
  });
});
