import { Duration, RemovalPolicies, RemovalPolicy, Size, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { LabBucket } from './lab-bucket';
import { CleanupProvider } from './cleanup-provider';
import { acknowledgeWildcardResources, nagRef } from './nag';
import { acknowledgeBucketWildcards } from './studio-environment';

/**
 * Firehose's own limits for an S3 destination.
 * https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html
 */
export const MAX_BUFFERING_INTERVAL = Duration.seconds(900);
export const MIN_BUFFERING_SIZE_MIB = 1;
export const MAX_BUFFERING_SIZE_MIB = 128;

export interface StreamingEnvironmentProps {
  /**
   * Capacity mode of the data stream.
   * @default kinesis.StreamMode.PROVISIONED - one provisioned shard is the cheapest stream that
   * idles most of the day (on-demand bills a per-stream hour on top of the data)
   */
  readonly streamMode?: kinesis.StreamMode;
  /**
   * Shards of a provisioned stream; not allowed with on-demand.
   * @default 1
   */
  readonly shardCount?: number;
  /**
   * @default Duration.hours(24) - the retention included in the shard price
   */
  readonly retentionPeriod?: Duration;
  /**
   * Where Firehose delivers.
   * @default - the stack's shared lab bucket
   */
  readonly bucket?: s3.IBucket;
  /**
   * Key prefix of delivered objects (Firehose expressions allowed).
   * @default 'stream/!{timestamp:yyyy/MM/dd}/'
   */
  readonly prefix?: string;
  /**
   * Key prefix of records Firehose could not deliver; required once `prefix` has expressions.
   * @default 'stream-errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/'
   */
  readonly errorOutputPrefix?: string;
  /**
   * @default Duration.seconds(60) - records show up in S3 within a minute, which a learner can wait for
   */
  readonly bufferingInterval?: Duration;
  /**
   * @default Size.mebibytes(5)
   */
  readonly bufferingSize?: Size;
  /**
   * @default firehose.Compression.GZIP
   */
  readonly compression?: firehose.Compression;
}

const DEFAULT_PREFIX = 'stream/!{timestamp:yyyy/MM/dd}/';
const DEFAULT_ERROR_PREFIX = 'stream-errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/';

/**
 * A Kinesis data stream and a Firehose delivery stream that reads it and writes to the lab bucket,
 * with a clean-up that deregisters the consumers a learner registers (they would block the
 * stream's deletion and bill per shard-hour). It emits no stack outputs: the stack that composes it
 * does (lib/stack/outputs.ts), so several can share one stack.
 */
export class StreamingEnvironment extends Construct {
  public readonly stream: kinesis.Stream;
  public readonly deliveryStream: firehose.DeliveryStream;
  public readonly bucket: s3.IBucket;

  constructor(scope: Construct, id: string, props: StreamingEnvironmentProps = {}) {
    super(scope, id);
    const streamMode = props.streamMode ?? kinesis.StreamMode.PROVISIONED;
    if (streamMode === kinesis.StreamMode.ON_DEMAND && props.shardCount !== undefined) {
      throw new Error(`shardCount is only allowed with a provisioned stream, got shardCount ${props.shardCount} with ON_DEMAND`);
    }
    const prefix = props.prefix ?? DEFAULT_PREFIX;
    const errorOutputPrefix = props.errorOutputPrefix ?? (props.prefix === undefined ? DEFAULT_ERROR_PREFIX : undefined);
    validatePrefixes(prefix, errorOutputPrefix);
    const bufferingInterval = props.bufferingInterval ?? Duration.seconds(60);
    const bufferingSize = props.bufferingSize ?? Size.mebibytes(5);
    validateBuffering(bufferingInterval, bufferingSize);

    this.bucket = props.bucket ?? LabBucket.of(this).bucket;
    this.stream = new kinesis.Stream(this, 'Resource', {
      streamMode,
      shardCount: streamMode === kinesis.StreamMode.PROVISIONED ? (props.shardCount ?? 1) : undefined,
      retentionPeriod: props.retentionPeriod ?? Duration.hours(24),
      encryption: kinesis.StreamEncryption.MANAGED,
      // The CDK retains streams by default; a retained shard bills every hour after the lab.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.deliveryStream = new firehose.DeliveryStream(this, 'DeliveryStream', {
      source: new firehose.KinesisStreamSource(this.stream),
      destination: new firehose.S3Bucket(this.bucket, {
        dataOutputPrefix: prefix,
        errorOutputPrefix,
        bufferingInterval,
        bufferingSize,
        compression: props.compression ?? firehose.Compression.GZIP,
        loggingConfig: new firehose.EnableLogging(
          new logs.LogGroup(this, 'DeliveryLogs', { retention: logs.RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY }),
        ),
      }),
    });
    Validations.of(this.deliveryStream).acknowledge({
      id: 'AwsSolutions-KDF1',
      reason: 'Firehose cannot encrypt a delivery stream whose source is a Kinesis stream; the source stream itself is encrypted.',
    });
    acknowledgeBucketWildcards(this.deliveryStream, this.bucket);
    Validations.of(Stack.of(this)).acknowledge({
      id: 'CloudFormation-Validate::W7001',
      reason: 'The Firehose construct always adds its CIDR-block mapping; it is unused without an HTTP or Redshift destination.',
    });

    // Lab-safe on its own too: what the CDK would retain (streams, log streams) goes with the lab.
    RemovalPolicies.of(this).destroy();

    const cleanup = CleanupProvider.of(this);
    // Depends on the stream, so it is deleted (deregistering consumers) before the stream is.
    cleanup.cleanup(this, 'ConsumerCleanup', 'stream-consumers', { StreamArn: this.stream.streamArn }, [
      new iam.PolicyStatement({
        actions: ['kinesis:ListStreamConsumers', 'kinesis:DeregisterStreamConsumer'],
        resources: [this.stream.streamArn, `${this.stream.streamArn}/consumer/*`],
      }),
    ]);
    acknowledgeWildcardResources(
      this.node.findChild('ConsumerCleanupPolicy'),
      [`${nagRef(this.stream, 'Arn')}/consumer/*`],
      'Consumers are named by the learner at run time; the pattern covers only consumers of the lab stream.',
    );
  }
}

/**
 * Firehose's prefix rules, enforced at synth time instead of after a failed deploy:
 * a prefix with expressions needs an error-output prefix, and an error-output prefix with
 * expressions must contain !{firehose:error-output-type}.
 * https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html
 */
function validatePrefixes(prefix: string, errorOutputPrefix: string | undefined): void {
  if (Token.isUnresolved(prefix) || (errorOutputPrefix !== undefined && Token.isUnresolved(errorOutputPrefix))) return;
  if (prefix.includes('!{') && !errorOutputPrefix) {
    throw new Error(`errorOutputPrefix is required when prefix uses expressions, got prefix '${prefix}' and no errorOutputPrefix`);
  }
  if (errorOutputPrefix?.includes('!{') && !errorOutputPrefix.includes('!{firehose:error-output-type}')) {
    throw new Error(
      `errorOutputPrefix with expressions must contain !{firehose:error-output-type}, got '${errorOutputPrefix}'`,
    );
  }
  for (const [name, value] of [['prefix', prefix], ['errorOutputPrefix', errorOutputPrefix ?? '']] as const) {
    if (value.startsWith('/')) throw new Error(`${name} must not start with '/', got '${value}'`);
  }
}

function validateBuffering(interval: Duration, size: Size): void {
  if (!Token.isUnresolved(interval.toSeconds())) {
    const seconds = interval.toSeconds();
    if (seconds < 0 || seconds > MAX_BUFFERING_INTERVAL.toSeconds()) {
      throw new Error(`bufferingInterval must be between 0 and ${MAX_BUFFERING_INTERVAL.toSeconds()} seconds, got ${seconds}`);
    }
  }
  if (!Token.isUnresolved(size.toMebibytes())) {
    const mib = size.toMebibytes();
    if (mib < MIN_BUFFERING_SIZE_MIB || mib > MAX_BUFFERING_SIZE_MIB) {
      throw new Error(`bufferingSize must be between ${MIN_BUFFERING_SIZE_MIB} and ${MAX_BUFFERING_SIZE_MIB} MiB, got ${mib}`);
    }
  }
}
