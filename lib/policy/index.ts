// The checkers' IAM policy, generated from what every requirement declares in `reads` (plus the
// stack-output read every lab makes), so the policy and the checks cannot drift apart.
import { STACK_OUTPUT_READ } from '../check/session';
import type { LabDefinition, ServiceName } from '../check/types';
import { labStackName } from '../check/types';

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
    if (!mapped) throw new PolicyError(`no IAM action is known for ${read}; add it to lib/policy from the S3 permissions table`);
    return mapped;
  }
  return [`${prefix}:${operation}`];
}

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/**
 * Least privilege for the checkers of `labs`: exactly the actions their reads need (read-only by
 * construction, since the runtime refuses any other call); DescribeStacks only on the lab stacks.
 * Other reads use `*`: checkers find learner-named resources whose ARNs are not known in advance.
 */
export function checkerPolicy(labs: readonly LabDefinition[]): PolicyDocument {
  const byPrefix = new Map<string, Set<string>>();
  const stackActions = new Set<string>();
  for (const lab of labs) {
    for (const requirement of lab.requirements) {
      for (const read of [...requirement.reads, STACK_OUTPUT_READ]) {
        for (const action of iamActionsFor(read)) {
          if (read === STACK_OUTPUT_READ) {
            stackActions.add(action);
            continue;
          }
          const prefix = action.split(':')[0]!;
          if (!byPrefix.has(prefix)) byPrefix.set(prefix, new Set());
          byPrefix.get(prefix)!.add(action);
        }
      }
    }
  }
  const statements: PolicyStatement[] = [];
  if (stackActions.size > 0) {
    statements.push({
      Sid: 'MllabReadLabStacks',
      Effect: 'Allow',
      Action: [...stackActions].sort(),
      Resource: [...new Set(labs.map((l) => `arn:aws:cloudformation:*:*:stack/${labStackName(l.id)}/*`))].sort(),
    });
  }
  for (const prefix of [...byPrefix.keys()].sort()) {
    statements.push({
      Sid: `MllabRead${prefix.charAt(0).toUpperCase()}${prefix.slice(1)}`,
      Effect: 'Allow',
      Action: [...byPrefix.get(prefix)!].sort(),
      Resource: '*',
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}
