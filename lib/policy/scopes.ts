// Which resources each checker action may touch. The resource type of every action comes from the
// Service Authorization Reference (SAR) page of its service; the names come from what the lab stack
// guarantees (lib/stack/lab-stack.ts, lib/environments): a stack named `MlLab-<lab>`, resources
// without explicit names, which CloudFormation names `<stack name>-<logical id>-<random suffix>`
// ("MyStack-MyBucket-abcdefghijk1": https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-name.html),
// and the tag `mllab:lab=<lab>` on everything (lib/stack/tagging.ts).
import { glueDatabaseNameOf, labStackName, TAG_LAB, type LabManifest } from '../model';

/** Where the policy applies: the partition names the ARNs (`aws`, `aws-cn`, `aws-us-gov`), the region scopes the regional ones. */
export interface PolicyTarget {
  readonly partition: string;
  readonly region: string;
}

export type PolicyCondition = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/** How one kind of resource is named in a policy; actions on the same scope share a statement. */
export interface Scope {
  readonly sid: string;
  /** The lab's resources of this kind, as ARN patterns; `*` for an action without a resource type. */
  readonly resources: (lab: LabManifest, t: PolicyTarget) => readonly string[];
  /** Values of `aws:ResourceTag/mllab:lab` the resources must carry (the lab's id): for names the stack does not fix. */
  readonly byLabTag?: true;
}

/**
 * The lab bucket's logical id, the same in every lab stack (`LabBucket.of(stack)`, one construct path),
 * so the bucket CloudFormation creates is named `mllab-<lab>-labbucketb6316060-<suffix>` (S3 names
 * are lowercase). test/policy holds it equal to lib/stack's `labBucketNamePrefix` for every lab.
 */
export const LAB_BUCKET_LOGICAL_ID = 'LabBucketB6316060';

/** `mllab-<lab>-labbucketb6316060-`: the generated name of a lab's bucket up to its random suffix. */
export function labBucketPrefix(labId: string): string {
  return `${labStackName(labId)}-${LAB_BUCKET_LOGICAL_ID}-`.toLowerCase();
}

/**
 * CloudFormation DescribeStacks: resource type `stack`, `arn:${Partition}:cloudformation:${Region}:${Account}:stack/${StackName}/${Id}`
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudformation.html).
 */
const LAB_STACK: Scope = {
  sid: 'MllabReadLabStacks',
  resources: (lab, t) => [`arn:${t.partition}:cloudformation:${t.region}:*:stack/${labStackName(lab.id)}/*`],
};

/**
 * Kinesis stream actions: resource type `stream`, `arn:${Partition}:kinesis:${Region}:${Account}:stream/${StreamName}`
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonkinesisdatastreams.html).
 * The lab stream has no explicit name, and stream names may be 128 characters long
 * (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html), so its generated
 * name always starts with the whole stack name. The pattern also matches the stream of a lab whose
 * id extends this one's (`a-b` for `a`): a stack mllab deployed too, read-only.
 */
const LAB_STREAM: Scope = {
  sid: 'MllabReadLabStreams',
  resources: (lab, t) => [`arn:${t.partition}:kinesis:${t.region}:*:stream/${labStackName(lab.id)}-*`],
};

/**
 * DescribeStreamConsumer: resource type `consumer`,
 * `arn:${Partition}:kinesis:${Region}:${Account}:${StreamType}/${StreamName}/consumer/${ConsumerName}:${ConsumerCreationTimpstamp}`
 * (same SAR page). The consumer is the learner's (its name is theirs to choose within the lab's
 * rules), the stream is the lab's: any consumer of the lab stream.
 */
const LAB_STREAM_CONSUMER: Scope = {
  sid: 'MllabReadLabStreamConsumers',
  resources: (lab, t) => [`arn:${t.partition}:kinesis:${t.region}:*:stream/${labStackName(lab.id)}-*/consumer/*`],
};

/**
 * DescribeDeliveryStream: resource type `deliverystream` with condition key `aws:ResourceTag/${TagKey}`,
 * `arn:${Partition}:firehose:${Region}:${Account}:deliverystream/${DeliveryStreamName}`
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonkinesisfirehose.html).
 * By tag, not by name: a delivery stream name is at most 64 characters
 * (https://docs.aws.amazon.com/firehose/latest/APIReference/API_CreateDeliveryStream.html), which the
 * stack name, the logical id and the suffix exceed, and how CloudFormation shortens a generated
 * name is not documented.
 */
const LAB_DELIVERY_STREAM: Scope = {
  sid: 'MllabReadLabDeliveryStreams',
  resources: (_lab, t) => [`arn:${t.partition}:firehose:${t.region}:*:deliverystream/*`],
  byLabTag: true,
};

/**
 * Athena ListQueryExecutions and BatchGetQueryExecution: resource type `workgroup`,
 * `arn:${Partition}:athena:${Region}:${Account}:workgroup/${WorkGroupName}`
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonathena.html). The
 * data lake names its workgroup after the stack (lib/environments/datalake-environment.ts), and the
 * checks list the queries of that workgroup only.
 */
const LAB_WORKGROUP: Scope = {
  sid: 'MllabReadLabWorkGroups',
  resources: (lab, t) => [`arn:${t.partition}:athena:${t.region}:*:workgroup/${labStackName(lab.id)}`],
};

/**
 * Glue GetCrawler: resource type `crawler` with condition key `aws:ResourceTag/${TagKey}`,
 * `arn:${Partition}:glue:${Region}:${Account}:crawler/${CrawlerName}`
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsglue.html). By tag:
 * CloudFormation generates the crawler's name, and the stack tags it.
 */
const LAB_CRAWLER: Scope = {
  sid: 'MllabReadLabCrawlers',
  resources: (_lab, t) => [`arn:${t.partition}:glue:${t.region}:*:crawler/*`],
  byLabTag: true,
};

/**
 * Glue Data Catalog reads (GetTables, GetTable, GetPartitions, GetDatabase): AWS Glue authorizes them on
 * the catalog, the database and the tables, `arn:${Partition}:glue:${Region}:${Account}:catalog`,
 * `database/${DatabaseName}` and `table/${DatabaseName}/${TableName}`
 * (https://docs.aws.amazon.com/glue/latest/dg/glue-specifying-resource-arns.html,
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsglue.html). The lab's
 * database is named after its stack (glueDatabaseNameOf); its tables are the learner's and the
 * crawler's, so any table of that database.
 */
const LAB_CATALOG: Scope = {
  sid: 'MllabReadLabCatalog',
  resources: (lab, t) => {
    const database = glueDatabaseNameOf(labStackName(lab.id));
    const base = `arn:${t.partition}:glue:${t.region}:*`;
    return [`${base}:catalog`, `${base}:database/${database}`, `${base}:table/${database}/*`];
  },
};

/** Buckets a lab's checks read: its own, and those of the labs it builds on (`readsArtefactsOf`). */
const bucketsOf = (lab: LabManifest): string[] => [lab.id, ...(lab.readsArtefactsOf ?? []).map((r) => r.lab)].map(labBucketPrefix);

/**
 * S3 bucket actions: resource type `bucket`, `arn:${Partition}:s3:::${BucketName}`
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html). Bucket
 * ARNs have neither region nor account.
 */
const LAB_BUCKET: Scope = {
  sid: 'MllabReadLabBuckets',
  resources: (lab, t) => bucketsOf(lab).map((prefix) => `arn:${t.partition}:s3:::${prefix}*`),
};

/**
 * S3 object actions: resource type `object`, `arn:${Partition}:s3:::${BucketName}/${ObjectName}`
 * (same SAR page): any key of the lab's bucket, and only the declared keys of another lab's.
 */
const LAB_OBJECT: Scope = {
  sid: 'MllabReadLabObjects',
  resources: (lab, t) => [
    `arn:${t.partition}:s3:::${labBucketPrefix(lab.id)}*/*`,
    ...(lab.readsArtefactsOf ?? []).map((r) => `arn:${t.partition}:s3:::${labBucketPrefix(r.lab)}*/${r.keyPrefix}*`),
  ],
};

/**
 * Glue Data Quality rulesets and their results: resource type `dataQualityRuleset`,
 * `arn:${Partition}:glue:${Region}:${Account}:dataQualityRuleset/${RulesetName}`
 * (https://docs.aws.amazon.com/glue/latest/dg/data-quality-authorization.html). The learner names the
 * ruleset; ListDataQualityResults takes the `dataQualityRuleset/*` form.
 */
const LAB_DQ_RULESETS: Scope = {
  sid: 'MllabReadDataQualityRulesets',
  resources: (_lab, t) => [`arn:${t.partition}:glue:${t.region}:*:dataQualityRuleset/*`],
};

/**
 * The scope of every action of the services whose checks read the lab stack's own resources. An
 * action of these services missing here is refused, not granted on `*`: look its resource type up
 * on the SAR page and add it.
 */
const SCOPES: Readonly<Record<string, Scope>> = {
  'cloudformation:DescribeStacks': LAB_STACK,
  'kinesis:DescribeStream': LAB_STREAM,
  'kinesis:DescribeStreamSummary': LAB_STREAM,
  'kinesis:ListShards': LAB_STREAM,
  'kinesis:GetShardIterator': LAB_STREAM,
  'kinesis:GetRecords': LAB_STREAM,
  'kinesis:ListStreamConsumers': LAB_STREAM,
  'kinesis:DescribeStreamConsumer': LAB_STREAM_CONSUMER,
  'firehose:DescribeDeliveryStream': LAB_DELIVERY_STREAM,
  'athena:ListQueryExecutions': LAB_WORKGROUP,
  'athena:BatchGetQueryExecution': LAB_WORKGROUP,
  'glue:GetCrawler': LAB_CRAWLER,
  'glue:GetDatabase': LAB_CATALOG,
  'glue:GetTables': LAB_CATALOG,
  'glue:GetTable': LAB_CATALOG,
  'glue:GetPartitions': LAB_CATALOG,
  'glue:GetPartition': LAB_CATALOG,
  'glue:GetDataQualityRuleset': LAB_DQ_RULESETS,
  'glue:GetDataQualityResult': LAB_DQ_RULESETS,
  'glue:ListDataQualityResults': LAB_DQ_RULESETS,
  's3:ListBucket': LAB_BUCKET,
  's3:ListBucketVersions': LAB_BUCKET,
  's3:ListBucketMultipartUploads': LAB_BUCKET,
  's3:GetBucketLocation': LAB_BUCKET,
  's3:GetBucketVersioning': LAB_BUCKET,
  's3:GetBucketPolicy': LAB_BUCKET,
  's3:GetBucketPolicyStatus': LAB_BUCKET,
  's3:GetBucketTagging': LAB_BUCKET,
  's3:GetBucketAcl': LAB_BUCKET,
  's3:GetBucketOwnershipControls': LAB_BUCKET,
  's3:GetBucketLogging': LAB_BUCKET,
  's3:GetBucketWebsite': LAB_BUCKET,
  's3:GetBucketRequestPayment': LAB_BUCKET,
  's3:GetBucketNotification': LAB_BUCKET,
  's3:GetBucketCORS': LAB_BUCKET,
  's3:GetEncryptionConfiguration': LAB_BUCKET,
  's3:GetLifecycleConfiguration': LAB_BUCKET,
  's3:GetReplicationConfiguration': LAB_BUCKET,
  's3:GetBucketPublicAccessBlock': LAB_BUCKET,
  's3:GetBucketObjectLockConfiguration': LAB_BUCKET,
  's3:GetAccelerateConfiguration': LAB_BUCKET,
  's3:GetAnalyticsConfiguration': LAB_BUCKET,
  's3:GetMetricsConfiguration': LAB_BUCKET,
  's3:GetInventoryConfiguration': LAB_BUCKET,
  's3:GetIntelligentTieringConfiguration': LAB_BUCKET,
  's3:GetObject': LAB_OBJECT,
  's3:GetObjectAttributes': LAB_OBJECT,
  's3:GetObjectTagging': LAB_OBJECT,
  's3:GetObjectAcl': LAB_OBJECT,
  's3:ListMultipartUploadParts': LAB_OBJECT,
  // ListBuckets: no resource type.
  's3:ListAllMyBuckets': { sid: 'MllabListBuckets', resources: () => ['*'] },
};

/**
 * Services whose checks read what the learner names, or whose actions have no resource type: `*`,
 * each for the reason given. Every other service must be in SCOPES action by action.
 */
const UNSCOPED: Readonly<Record<string, string>> = {
  // ListTrainingJobs has no resource type, and the jobs, models and endpoints are named by the learner.
  sagemaker: 'learner-named',
  // GetMetricData has no resource type (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html).
  cloudwatch: 'no resource type',
  // Log groups read by checks are the learner's endpoints' (`/aws/sagemaker/Endpoints/<their name>`).
  logs: 'learner-named',
  // Scalable targets and scaling policies are the learner's endpoint variants (`endpoint/<their endpoint>/variant/<variant>`).
  'application-autoscaling': 'learner-named',
  // Topics read by checks are those the learner names (asynchronous inference notifications, alarm actions).
  sns: 'learner-named',
  // Keys are created by the learner and found by the alias the lab states; an alias is not a key ARN a policy can name.
  kms: 'learner-named',
  // Roles and policies the checks read are the learner's execution roles.
  iam: 'learner-named',
  // EC2 Describe* actions support no resource-level permissions (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html).
  ec2: 'no resource type',
  // Data lake settings, permissions and registered locations have no resource type: lakeformation actions take `*`
  // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslakeformation.html).
  lakeformation: 'no resource type',
};

export class ScopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScopeError';
  }
}

const anyOf = new Map<string, Scope>();

/** The scope of one IAM action; throws for an action of a scoped service that has no entry. */
export function scopeOf(action: string): Scope {
  const scope = SCOPES[action];
  if (scope) return scope;
  const prefix = action.split(':')[0]!;
  if (Object.hasOwn(UNSCOPED, prefix)) {
    // One scope object per service, so its actions share one statement.
    if (!anyOf.has(prefix)) anyOf.set(prefix, { sid: `MllabRead${prefix.charAt(0).toUpperCase()}${prefix.slice(1)}`, resources: () => ['*'] });
    return anyOf.get(prefix)!;
  }
  throw new ScopeError(`no resource scope is known for ${action}; add it to lib/policy/scopes.ts from the service's Service Authorization Reference page`);
}

/** The condition a scope adds for `labs`, if any. */
export function conditionOf(scope: Scope, labIds: readonly string[]): PolicyCondition | undefined {
  if (!scope.byLabTag) return undefined;
  return { StringEquals: { [`aws:ResourceTag/${TAG_LAB}`]: [...new Set(labIds)].sort() } };
}
