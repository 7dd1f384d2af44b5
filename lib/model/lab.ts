// The lab manifest: what a lab is, what it deploys, what it reads and which exam domains it trains.
// Plain data, loaded without the SDK or aws-cdk-lib: `mllab list`, `show`, `progress`, `policy`,
// the CDK app, teardown and the cost model all read labs through this shape only. A lab's checks
// (SDK code) live apart, in labs/<id>/checks.ts, keyed by the requirement ids declared here.
import type { MlaDomainId, MlaTaskId, MlsDomainId } from './domains';

/** The lab environments a lab can declare; each is one construct in lib/environments. */
export const ENVIRONMENT_IDS = ['studio', 'streaming', 'datalake', 'isolated-network'] as const;
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
  'SageMakerFeatureStoreRuntime',
  'LakeFormation',
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
  /**
   * A Feature Store feature group by name (exact, or a prefix). Deleting it removes its online store
   * only: declare its offline store's S3 prefix (`s3:prefix`) and its Glue table (`glue:table`) too.
   */
  | 'sagemaker:feature-group'
  | 'sagemaker:notebook-instance'
  | 'kinesis:stream-consumer'
  | 'kinesis:stream'
  | 'firehose:delivery-stream'
  | 'glue:table'
  | 'glue:crawler'
  | 'glue:job'
  | 'athena:named-query'
  | 's3:prefix'
  | 'logs:log-group'
  /**
   * CloudWatch alarms by alarm name (exact, or a prefix with `match: 'prefix'`); target tracking
   * alarms that Application Auto Scaling owns are never claimed (they go with their policy).
   */
  | 'cloudwatch:alarm'
  /**
   * Named by the ENDPOINT's name (exact, or a prefix): the Application Auto Scaling scalable targets
   * of that endpoint's variants (`endpoint/<name>/variant/<variant>`) and their scaling policies,
   * removed before the endpoint. Declare it beside the endpoint's own `sagemaker:endpoint` entry.
   */
  | 'application-autoscaling:scalable-target'
  /** SNS topics by topic name (exact, or a prefix with `match: 'prefix'`); their subscriptions go with them. */
  | 'sns:topic'
  /**
   * A customer managed KMS key by its alias name (`alias/<name>`, exact): teardown schedules the
   * key's deletion with the shortest waiting period and deletes the alias.
   */
  | 'kms:alias'
  /** AWS Glue Data Quality rulesets by ruleset name (exact, or a prefix with `match: 'prefix'`). */
  | 'glue:data-quality-ruleset'
  /**
   * Lake Formation registrations of S3 locations in the lab's buckets, named by the key prefix the lab
   * asks for (`lake/rides/`): a registration of the bucket, of a folder on the way to the prefix, or
   * of one below it is the lab's. Teardown deregisters them (DeregisterResource).
   */
  | 'lakeformation:registered-location'
  /**
   * Lake Formation grants to the lab stack's roles (any resource), revoked; and, named by a table of
   * the lab's database (exact), the IAMAllowedPrincipals grants the account's defaults gave that
   * table and the database, restored if the learner removed them. Nothing of another principal.
   */
  | 'lakeformation:permissions'
  /** Lake Formation data cells filters on a table of the lab's databases, named by the table (exact). */
  | 'lakeformation:data-cells-filter';

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

/** One training job planted to fail (LabManifest.plantedTrainingJobs); plain data, so a manifest can carry it. */
export interface PlantedTrainingJob {
  /** Key prefix in the lab bucket the job's 'train' channel reads (S3Prefix). */
  readonly trainPrefix: string;
  /**
   * The channel's content type.
   * @default 'text/csv'
   */
  readonly contentType?: string;
  /**
   * StoppingCondition.MaxRuntimeInSeconds (1 to 2,419,200: API_StoppingCondition).
   * @default 900 - fifteen minutes, far more than a failing job runs
   */
  readonly maxRuntimeSeconds?: number;
  /**
   * The algorithm's hyperparameters (strings, as SageMaker stores them).
   * @default - binary:logistic for 10 rounds
   */
  readonly hyperParameters?: Readonly<Record<string, string>>;
}

/** What a lab declares about its planted jobs (lib/environments/planted-training-jobs.ts builds them). */
export interface PlantedTrainingJobsSpec {
  /** 1 to 9 jobs, named `<namePrefix><n>-<suffix>` with n counting from 1. */
  readonly jobs: readonly PlantedTrainingJob[];
  /** The name of the execution role the construct creates for the jobs (and the learner's reruns). */
  readonly roleName: string;
  /** Key prefixes the role may read objects from (s3:GetObject); every other prefix it may not. */
  readonly readPrefixes: readonly string[];
  /** Key prefix the jobs (and the learner's reruns) write their models under (s3:PutObject). */
  readonly outputPrefix: string;
  /**
   * The planted jobs' name prefix.
   * @default 'broken-'
   */
  readonly namePrefix?: string;
  /** @default 'ml.m5.large' */
  readonly instanceType?: string;
  /**
   * Remove, when the stack is deleted, policies the learner added to the role, which CloudFormation
   * would otherwise refuse to delete it for.
   * @default false
   */
  readonly removeAddedRolePolicies?: boolean;
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
  /**
   * A data lake lab whose checks judge what an analyst may read (Lake Formation): the stack adds an
   * analyst role (lib/environments/analyst-role.ts, output AnalystRoleArn) that reads the lab's
   * catalog and queries in its workgroup, and gets table data only through Lake Formation.
   */
  readonly analystRole?: true;
  /**
   * A break-it lab's planted faults: training jobs the stack starts at deploy time that fail for the
   * reasons the lab teaches (lib/environments/planted-training-jobs.ts), with the role and data they use.
   */
  readonly plantedTrainingJobs?: PlantedTrainingJobsSpec;
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
