// The lab manifest: what a lab is, what it deploys, what it reads and which exam domains it trains.
// Plain data, loaded without the SDK or aws-cdk-lib: `mllab list`, `show`, `progress`, `policy`,
// the CDK app, teardown and the cost model all read labs through this shape only. A lab's checks
// (SDK code) live apart, in labs/<id>/checks.ts, keyed by the requirement ids declared here.
import type { MlaDomainId, MlaTaskId, MlsDomainId } from './domains';

/** The lab environments a lab can declare; each is one construct in lib/environments. */
export const ENVIRONMENT_IDS = ['studio', 'streaming', 'datalake'] as const;
export type EnvironmentId = (typeof ENVIRONMENT_IDS)[number];

/**
 * SDK service names as the runtime sees them: the v3 client class name without `Client`
 * (`KinesisClient` -> `Kinesis`). Cassettes, declared reads and the IAM policy use these.
 */
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
  'ApplicationAutoScaling',
  'SNS',
  'KMS',
  'IAM',
  'EC2',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/**
 * A read call a requirement's check may send, `Service:Operation` (`Kinesis:DescribeStreamSummary`).
 * The runtime refuses any call a requirement did not declare, and `mllab policy` builds the
 * checkers' IAM policy from these declarations, so the two cannot drift apart.
 */
export type ReadDeclaration = `${ServiceName}:${string}`;

/** One requirement as the manifest states it; its check is `checks[id]` in labs/<id>/checks.ts. */
export interface RequirementManifest {
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
  /** MLA-C01 task statements the requirement trains (shared/EXAM-DOMAINS.md). */
  readonly tasks?: readonly MlaTaskId[];
  /**
   * Concept tags, kebab-case (`firehose-buffering`, `kinesis-retention`): what a practice-exam
   * question that this requirement trains would be about; `mllab missed` searches them.
   */
  readonly concepts?: readonly string[];
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

/** Keys of another lab's bucket a lab reads (LabManifest.readsArtefactsOf). */
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

export interface LabManifest {
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
  /**
   * IAM service prefixes the learner needs beyond the environments' own (`application-autoscaling`,
   * `sns`): the guardrail denies every service a lab does not declare or get from its environments.
   */
  readonly services?: readonly string[];
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
  readonly requirements: readonly RequirementManifest[];
}

/** The requirement ids of a manifest, as literal types (`'R1' | 'R2' | ...`) when declared with `defineLab`. */
export type RequirementId<L extends LabManifest> = L['requirements'][number]['id'];
