// What each declared read needs in IAM (`S3:ListObjectsV2` -> `s3:ListBucket`): part of the read
// declaration's contract, so the runner (which names the action to grant when a call is denied) and
// `mllab policy` (which grants them) map reads the same way.
import type { ServiceName } from './lab';

/** IAM service prefix per SDK client. */
const IAM_PREFIX: Record<ServiceName, string> = {
  Kinesis: 'kinesis',
  Firehose: 'firehose',
  S3: 's3',
  Glue: 'glue',
  Athena: 'athena',
  SageMaker: 'sagemaker',
  CloudWatch: 'cloudwatch',
  CloudWatchLogs: 'logs',
  CloudFormation: 'cloudformation',
  STS: 'sts',
  ApplicationAutoScaling: 'application-autoscaling',
  SNS: 'sns',
  KMS: 'kms',
  IAM: 'iam',
  EC2: 'ec2',
  // GetRecord is authorised as sagemaker:GetRecord (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html).
  SageMakerFeatureStoreRuntime: 'sagemaker',
  LakeFormation: 'lakeformation',
};

/**
 * S3 read operations whose policy action is not `s3:<Operation>`, from "Required permissions for
 * Amazon S3 API operations": https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html
 * and the API reference's Permissions section of each operation. S3 reads not listed here and not
 * of the form GetBucketX -> s3:GetBucketX are refused, so a new one is looked up, not guessed.
 */
const S3_ACTIONS: Record<string, readonly string[]> = {
  ListObjectsV2: ['s3:ListBucket'],
  ListObjects: ['s3:ListBucket'],
  ListObjectVersions: ['s3:ListBucketVersions'],
  ListMultipartUploads: ['s3:ListBucketMultipartUploads'],
  ListParts: ['s3:ListMultipartUploadParts'],
  ListBuckets: ['s3:ListAllMyBuckets'],
  HeadBucket: ['s3:ListBucket'],
  HeadObject: ['s3:GetObject'],
  GetObject: ['s3:GetObject'],
  GetObjectAttributes: ['s3:GetObjectAttributes'],
  GetObjectTagging: ['s3:GetObjectTagging'],
  GetObjectAcl: ['s3:GetObjectAcl'],
  GetBucketLocation: ['s3:GetBucketLocation'],
  GetBucketVersioning: ['s3:GetBucketVersioning'],
  GetBucketPolicy: ['s3:GetBucketPolicy'],
  GetBucketPolicyStatus: ['s3:GetBucketPolicyStatus'],
  GetBucketTagging: ['s3:GetBucketTagging'],
  GetBucketAcl: ['s3:GetBucketAcl'],
  GetBucketOwnershipControls: ['s3:GetBucketOwnershipControls'],
  GetBucketLogging: ['s3:GetBucketLogging'],
  GetBucketWebsite: ['s3:GetBucketWebsite'],
  GetBucketRequestPayment: ['s3:GetBucketRequestPayment'],
  GetBucketNotificationConfiguration: ['s3:GetBucketNotification'],
  GetBucketCors: ['s3:GetBucketCORS'],
  GetBucketEncryption: ['s3:GetEncryptionConfiguration'],
  GetBucketLifecycleConfiguration: ['s3:GetLifecycleConfiguration'],
  GetBucketReplication: ['s3:GetReplicationConfiguration'],
  GetPublicAccessBlock: ['s3:GetBucketPublicAccessBlock'],
  GetObjectLockConfiguration: ['s3:GetBucketObjectLockConfiguration'],
  GetBucketAccelerateConfiguration: ['s3:GetAccelerateConfiguration'],
  GetBucketAnalyticsConfiguration: ['s3:GetAnalyticsConfiguration'],
  GetBucketMetricsConfiguration: ['s3:GetMetricsConfiguration'],
  GetBucketInventoryConfiguration: ['s3:GetInventoryConfiguration'],
  GetBucketIntelligentTieringConfiguration: ['s3:GetIntelligentTieringConfiguration'],
};

/**
 * Calls that need no IAM permission at all: "No permissions are required to perform this
 * operation" (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
 */
const NO_PERMISSION = new Set(['STS:GetCallerIdentity']);

export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

/** The IAM actions one declared read needs (`S3:ListObjectsV2` -> `s3:ListBucket`). */
export function iamActionsFor(read: string): readonly string[] {
  const [service, operation] = read.split(':') as [ServiceName, string];
  const prefix = IAM_PREFIX[service];
  if (!prefix || !operation) throw new PolicyError(`'${read}' is not Service:Operation with a known service`);
  if (NO_PERMISSION.has(read)) return [];
  if (service === 'S3') {
    const mapped = S3_ACTIONS[operation];
    if (!mapped) throw new PolicyError(`no IAM action is known for ${read}; add it to lib/model/iam-actions.ts from the S3 permissions table`);
    return mapped;
  }
  return [`${prefix}:${operation}`];
}
