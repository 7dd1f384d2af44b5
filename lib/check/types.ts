// The contract between labs, the check runtime, the CDK app, teardown and the cost model.
// Every lab is a `LabDefinition`; everything else reads labs through this shape only.

/** Exam-domain ids, fixed by shared/EXAM-DOMAINS.md. */
export const MLA_DOMAINS = ['MLA-C01/D1', 'MLA-C01/D2', 'MLA-C01/D3', 'MLA-C01/D4'] as const;
export const MLS_DOMAINS = ['MLS-C01/D1', 'MLS-C01/D2', 'MLS-C01/D3', 'MLS-C01/D4'] as const;
export type MlaDomainId = (typeof MLA_DOMAINS)[number];
export type MlsDomainId = (typeof MLS_DOMAINS)[number];
export type ExamDomainId = MlaDomainId | MlsDomainId;

/** The lab environments a lab can declare; each is one construct in lib/environments. */
export const ENVIRONMENT_IDS = ['studio', 'streaming', 'datalake'] as const;
export type EnvironmentId = (typeof ENVIRONMENT_IDS)[number];

/**
 * SDK service names as the runtime sees them: the v3 client class name without `Client`
 * (`KinesisClient` -> `Kinesis`). Cassettes, declared reads and the IAM policy use these.
 */
export type ServiceName =
  | 'Kinesis'
  | 'Firehose'
  | 'S3'
  | 'Glue'
  | 'Athena'
  | 'SageMaker'
  | 'CloudWatch'
  | 'CloudWatchLogs'
  | 'CloudFormation'
  | 'STS';

/** Every `ServiceName`, for parsers that accept one at run time (cassettes, `--replay-services`). */
export const SERVICE_NAMES = [
  'Kinesis',
  'Firehose',
  'S3',
  'Glue',
  'Athena',
  'SageMaker',
  'CloudWatch',
  'CloudWatchLogs',
  'CloudFormation',
  'STS',
] as const satisfies readonly ServiceName[];

/**
 * A read call a requirement's check may send, `Service:Operation` (`Kinesis:DescribeStreamSummary`).
 * The runtime refuses any call a requirement did not declare, and `mllab policy` builds the
 * checkers' IAM policy from these declarations, so the two cannot drift apart.
 */
export type ReadDeclaration = `${ServiceName}:${string}`;

export type RequirementStatus = 'pass' | 'fail' | 'error' | 'skipped';

/** What a check decides. A check returns this; it never throws on purpose. */
export interface CheckVerdict {
  readonly status: 'pass' | 'fail' | 'error';
  /** Sentences that teach: what was found, what the scenario asks, why it matters. */
  readonly findings: readonly string[];
}

/** What the runtime needs of an SDK v3 client. */
export interface SdkClient {
  send(command: any, options?: any): Promise<any>;
  destroy(): void;
}

/** Any SDK v3 client class, e.g. `KinesisClient`. */
export type SdkClientClass<C extends SdkClient = SdkClient> = new (config: any) => C;

/**
 * The client of a service as a check sees it: typed as, and `instanceof`, the SDK client class, so
 * the SDK's `paginateX({ client }, input)` helpers accept it; but its `send` only sends the calls
 * the current requirement declared (read-only, memoised), and it owns no connection of its own.
 */
export type ReadOnlyClient<C extends SdkClient = SdkClient> = C;

/** What a check receives. */
export interface CheckContext {
  readonly region: string;
  readonly lab: LabDefinition;
  /** Aborted when the requirement's timeout expires. */
  readonly signal: AbortSignal;
  /** The client for a service, restricted to this requirement's declared reads. */
  client<C extends SdkClient>(clientClass: SdkClientClass<C>): ReadOnlyClient<C>;
  /**
   * A stack output of the lab stack `MlLab-<lab-id>` (see `STACK_OUTPUTS`), read with
   * CloudFormation DescribeStacks once per run. Throws when the stack or the output is missing;
   * the runtime turns that into a failed requirement that says to deploy the lab.
   */
  stackOutput(key: StackOutputKey): Promise<string>;
}

export interface Requirement {
  /** `R1`, `R2`, ... in README order. */
  readonly id: string;
  /** One sentence: what must be true. */
  readonly title: string;
  /** Points to the AWS documentation, never to the answer. */
  readonly hint: string;
  /** The AWS documentation page the hint refers to (https://docs.aws.amazon.com/...). */
  readonly docs: string;
  /** Requirement ids that must pass first; when one does not, this one is `skipped`. */
  readonly dependsOn?: readonly string[];
  /** Every call the check may send. Read-only operations only. */
  readonly reads: readonly ReadDeclaration[];
  readonly check: (ctx: CheckContext) => Promise<CheckVerdict>;
}

/**
 * A resource the learner creates for a lab, named by the lab: teardown finds it by this name
 * (exact, or a prefix when `match` is 'prefix') or by the lab's tag, and never touches anything else.
 */
export interface LearnerResource {
  readonly kind: LearnerResourceKind;
  readonly name: string;
  readonly match?: 'exact' | 'prefix';
}

export type LearnerResourceKind =
  | 'sagemaker:endpoint'
  | 'sagemaker:endpoint-config'
  | 'sagemaker:model'
  | 'sagemaker:training-job'
  | 'sagemaker:processing-job'
  | 'sagemaker:hyper-parameter-tuning-job'
  | 'sagemaker:transform-job'
  | 'sagemaker:monitoring-schedule'
  | 'sagemaker:pipeline'
  | 'sagemaker:model-package-group'
  | 'sagemaker:notebook-instance'
  | 'kinesis:stream-consumer'
  | 'kinesis:stream'
  | 'firehose:delivery-stream'
  | 'glue:table'
  | 'glue:crawler'
  | 'glue:job'
  | 'athena:named-query'
  | 's3:prefix'
  | 'logs:log-group';

/**
 * What completing the lab uses beyond the idle environment, for `mllab cost`.
 * `item` is a key of the committed price table (lib/cost), e.g.
 * 'kinesis:shard-hour', 'kinesis:extended-retention-shard-hour', 'kinesis:efo-consumer-shard-hour',
 * 'kinesis:efo-data-gb', 'kinesis:on-demand-stream-hour', 'kinesis:on-demand-data-gb',
 * 'kinesis:put-payload-units-million', 'firehose:ingested-gb', 's3:storage-gb-month',
 * 's3:put-requests-thousand', 'glue:crawler-dpu-hour', 'athena:scanned-tb',
 * 'sagemaker:training-spot-hour:<instance type>', 'sagemaker:training-hour:<instance type>',
 * 'sagemaker:serverless-inference-gb-second', 'sagemaker:serverless-requests-million',
 * 'sagemaker:studio-app-hour:<instance type>', 'cloudwatch:metric-month'.
 */
export interface UsageItem {
  readonly item: string;
  readonly quantity: number;
  /** Why the lab uses this much, shown by `mllab cost`. */
  readonly note: string;
}

/** Keys of another lab's bucket a lab reads (LabDefinition.readsArtefactsOf). */
export interface LabArtefactRead {
  /** The id of the lab whose bucket holds the objects; its stack must be deployed in the same account. */
  readonly lab: string;
  /** Key prefix in that lab's bucket, ending in '/'. */
  readonly keyPrefix: string;
}

/** Small data the lab ships (under labs/<id>/), uploaded to the lab bucket at deploy time. */
export interface LabDataset {
  /** Folder relative to the lab's folder. */
  readonly dir: string;
  /** Key prefix in the lab bucket, ending in '/'. */
  readonly keyPrefix: string;
  readonly description: string;
}

export interface LabDefinition {
  /** Kebab-case, equal to the folder name under labs/. */
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** Domains trained, in both blueprints. */
  readonly domains: { readonly 'MLA-C01': readonly MlaDomainId[]; readonly 'MLS-C01': readonly MlsDomainId[] };
  readonly environments: readonly EnvironmentId[];
  readonly estimatedMinutes: number;
  /** Expected cost to complete the lab in us-east-1, in USD (`mllab cost` computes the details). */
  readonly estimatedCostUsd: number;
  /** SageMaker instance types the lab needs; the stack's guardrail allows exactly these (plus 'system'). */
  readonly instanceTypes?: readonly string[];
  readonly datasets?: readonly LabDataset[];
  /**
   * Objects of another lab's bucket this lab builds on (for example a model artefact): the stack
   * lets the lab's execution role read (s3:GetObject) exactly those keys, nothing else of that lab.
   */
  readonly readsArtefactsOf?: readonly LabArtefactRead[];
  readonly usage?: readonly UsageItem[];
  /** What the learner creates for the lab, for teardown. */
  readonly learnerResources?: readonly LearnerResource[];
  readonly requirements: readonly Requirement[];
}

/**
 * Stack outputs of `MlLab-<lab-id>`: the CDK stack emits each with exactly this logical id,
 * checkers and teardown read them by this key. An environment emits only its own.
 */
export const STACK_OUTPUTS = {
  // every lab stack
  labBucketName: 'LabBucketName',
  budgetName: 'BudgetName',
  alertsTopicArn: 'AlertsTopicArn',
  learnerRoleArn: 'LearnerRoleArn',
  // streaming
  streamName: 'StreamName',
  streamArn: 'StreamArn',
  deliveryStreamName: 'DeliveryStreamName',
  deliveryBucketName: 'DeliveryBucketName',
  // data lake
  dataLakeBucketName: 'DataLakeBucketName',
  glueDatabaseName: 'GlueDatabaseName',
  crawlerName: 'CrawlerName',
  workGroupName: 'WorkGroupName',
  athenaResultsLocation: 'AthenaResultsLocation',
  // studio
  domainId: 'DomainId',
  userProfileName: 'UserProfileName',
  executionRoleArn: 'ExecutionRoleArn',
  vpcId: 'VpcId',
} as const;
export type StackOutputKey = (typeof STACK_OUTPUTS)[keyof typeof STACK_OUTPUTS];

/** The CloudFormation stack name of a lab (or of an environment-only stack, `MlLab-env-<env>`). */
export function labStackName(labId: string): string {
  return `MlLab-${labId}`;
}

/** Tags on everything the toolkit creates (DESIGN.md). */
export const TAG_LAB = 'mllab:lab';
export const TAG_MANAGED_BY = 'mllab:managed-by';
export const MANAGED_BY_VALUE = 'aws-ml-labs';
