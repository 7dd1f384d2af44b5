import { AthenaClient } from '@aws-sdk/client-athena';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EFSClient } from '@aws-sdk/client-efs';
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { GlueClient } from '@aws-sdk/client-glue';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/** The clients teardown uses in one region. Created lazily, one per service (STYLE.md). */
export interface TeardownClients {
  readonly region: string;
  readonly cloudformation: CloudFormationClient;
  readonly tagging: ResourceGroupsTaggingAPIClient;
  readonly sagemaker: SageMakerClient;
  readonly kinesis: KinesisClient;
  readonly firehose: FirehoseClient;
  readonly glue: GlueClient;
  readonly athena: AthenaClient;
  readonly s3: S3Client;
  readonly logs: CloudWatchLogsClient;
  readonly ec2: EC2Client;
  readonly efs: EFSClient;
  destroy(): void;
}

export interface TeardownClientOptions {
  readonly region: string;
  readonly profile?: string;
  /** Attempts per call, including the first (SDK standard retry mode). */
  readonly maxAttempts?: number;
}

type AnyClient = { destroy(): void };

export function createTeardownClients(options: TeardownClientOptions): TeardownClients {
  const made = new Map<string, AnyClient>();
  const lazily = <C extends AnyClient>(key: string, make: (config: Record<string, unknown>) => C): (() => C) => () => {
    let client = made.get(key) as C | undefined;
    if (!client) {
      const endpointOverride = process.env[`AWS_ENDPOINT_URL_${key.toUpperCase()}`] ?? process.env.AWS_ENDPOINT_URL;
      client = make({
        region: options.region,
        ...(options.profile ? { profile: options.profile } : {}),
        retryMode: 'standard',
        maxAttempts: options.maxAttempts ?? 5,
        // HTTP/1.1 for every service: the Kinesis client defaults to HTTP/2, which kinesalite does not speak.
        requestHandler: new NodeHttpHandler({ connectionTimeout: 5_000, requestTimeout: 60_000 }),
        // Emulators (s3rver) serve buckets by path, not by virtual host.
        ...(key === 'S3' && endpointOverride ? { forcePathStyle: true } : {}),
      });
      made.set(key, client);
    }
    return client;
  };
  const get = {
    cloudformation: lazily('CloudFormation', (c) => new CloudFormationClient(c)),
    tagging: lazily('Resource_Groups_Tagging_API', (c) => new ResourceGroupsTaggingAPIClient(c)),
    sagemaker: lazily('SageMaker', (c) => new SageMakerClient(c)),
    kinesis: lazily('Kinesis', (c) => new KinesisClient(c)),
    firehose: lazily('Firehose', (c) => new FirehoseClient(c)),
    glue: lazily('Glue', (c) => new GlueClient(c)),
    athena: lazily('Athena', (c) => new AthenaClient(c)),
    s3: lazily('S3', (c) => new S3Client(c)),
    logs: lazily('CloudWatch_Logs', (c) => new CloudWatchLogsClient(c)),
    ec2: lazily('EC2', (c) => new EC2Client(c)),
    efs: lazily('EFS', (c) => new EFSClient(c)),
  };
  return {
    region: options.region,
    get cloudformation() { return get.cloudformation(); },
    get tagging() { return get.tagging(); },
    get sagemaker() { return get.sagemaker(); },
    get kinesis() { return get.kinesis(); },
    get firehose() { return get.firehose(); },
    get glue() { return get.glue(); },
    get athena() { return get.athena(); },
    get s3() { return get.s3(); },
    get logs() { return get.logs(); },
    get ec2() { return get.ec2(); },
    get efs() { return get.efs(); },
    destroy() {
      for (const client of made.values()) client.destroy();
      made.clear();
    },
  };
}
