import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { AthenaClient } from '@aws-sdk/client-athena';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EFSClient } from '@aws-sdk/client-efs';
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { GlueClient } from '@aws-sdk/client-glue';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { KMSClient } from '@aws-sdk/client-kms';
import { LakeFormationClient } from '@aws-sdk/client-lakeformation';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SNSClient } from '@aws-sdk/client-sns';
import { ClientPool } from '../aws';

/** The clients teardown uses in one region: one per service, created on first use (lib/aws ClientPool). */
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
  readonly kms: KMSClient;
  readonly cloudwatch: CloudWatchClient;
  readonly applicationAutoScaling: ApplicationAutoScalingClient;
  readonly sns: SNSClient;
  readonly lakeFormation: LakeFormationClient;
  destroy(): void;
}

export interface TeardownClientOptions {
  readonly region: string;
  readonly profile?: string;
  /** Attempts per call, including the first (SDK standard retry mode). @default 5 */
  readonly maxAttempts?: number;
}

export function createTeardownClients(options: TeardownClientOptions): TeardownClients {
  // More patience than a check: a teardown that gives up half way leaves the lab billing.
  const pool = new ClientPool({ region: options.region, ...(options.profile ? { profile: options.profile } : {}), maxAttempts: options.maxAttempts ?? 5, requestTimeoutMs: 60_000 });
  return {
    region: options.region,
    get cloudformation() { return pool.get(CloudFormationClient); },
    get tagging() { return pool.get(ResourceGroupsTaggingAPIClient); },
    get sagemaker() { return pool.get(SageMakerClient); },
    get kinesis() { return pool.get(KinesisClient); },
    get firehose() { return pool.get(FirehoseClient); },
    get glue() { return pool.get(GlueClient); },
    get athena() { return pool.get(AthenaClient); },
    get s3() { return pool.get(S3Client); },
    get logs() { return pool.get(CloudWatchLogsClient); },
    get ec2() { return pool.get(EC2Client); },
    get efs() { return pool.get(EFSClient); },
    get kms() { return pool.get(KMSClient); },
    get cloudwatch() { return pool.get(CloudWatchClient); },
    get applicationAutoScaling() { return pool.get(ApplicationAutoScalingClient); },
    get sns() { return pool.get(SNSClient); },
    get lakeFormation() { return pool.get(LakeFormationClient); },
    destroy: () => pool.destroy(),
  };
}
