// What teardown finds and in which order it removes it. The order is the dependency order AWS
// enforces: a resource is removed only after everything that would make its deletion fail.

/** Every kind of resource teardown plans for. */
export type TeardownKind =
  | 'sagemaker:monitoring-schedule'
  | 'sagemaker:training-job'
  | 'sagemaker:processing-job'
  | 'sagemaker:hyper-parameter-tuning-job'
  | 'sagemaker:transform-job'
  | 'sagemaker:endpoint'
  | 'sagemaker:endpoint-config'
  | 'sagemaker:model'
  | 'sagemaker:pipeline'
  | 'sagemaker:model-package-group'
  | 'sagemaker:notebook-instance'
  | 'sagemaker:app'
  | 'sagemaker:space'
  | 'sagemaker:user-profile'
  | 'sagemaker:domain'
  /** The home EFS and NFS security groups SageMaker leaves in the lab VPC (name = VPC id). */
  | 'sagemaker:studio-vpc-leftovers'
  | 'kinesis:stream-consumer'
  | 'kinesis:stream'
  | 'firehose:delivery-stream'
  | 'glue:crawler'
  | 'glue:job'
  | 'glue:table'
  /** A Glue database the learner created and tagged (the stack's own goes with the stack). */
  | 'glue:database'
  | 'athena:named-query'
  | 's3:objects'
  | 'logs:log-group'
  /** The lab's stream in a log group every job or crawler of the account shares (`/aws-glue/crawlers`). */
  | 'logs:log-stream'
  /**
   * `/aws/lambda/MlLab-<lab-id>-...`: the log group Lambda creates at run time for a helper function
   * of the stack (bucket auto-delete, default-security-group restriction). The stack does not own it.
   */
  | 'logs:stack-lambda-log-group'
  | 'cloudformation:stack';

/** Why teardown may touch a resource: nothing else is ever touched. */
export type Claim =
  /** A resource of the lab stack `MlLab-<lab-id>`. */
  | 'stack'
  /** Carries the tag `mllab:lab=<lab-id>`. */
  | 'tag'
  /** Named by the lab's `learnerResources`. */
  | 'name'
  /** Lives inside a claimed resource (a consumer of a lab stream, an app of a lab domain, ...). */
  | 'inside'
  /** Named after the lab stack by a service at run time (`/aws/lambda/MlLab-<lab-id>-...`). */
  | 'stack-name';

export interface LabResource {
  readonly kind: TeardownKind;
  /** Name or id, as the service's API takes it. */
  readonly name: string;
  readonly claim: Claim;
  /** What claims it, for the plan: `stack MlLab-x`, `tag mllab:lab=x`, `name prefix 'x-'`, `in stream s`. */
  readonly why: string;
  /** The identifiers the delete/describe calls need beyond `name` (domain id, stream ARN, bucket, ...). */
  readonly ref: Readonly<Record<string, string>>;
  /** The service's status when discovered (InService, InProgress, Deleting, ...). */
  readonly status?: string;
  /** USD per hour while it exists; undefined when it could not be priced. */
  readonly costPerHourUsd?: number;
  /** How the hourly cost was computed. */
  readonly costNote?: string;
  /**
   * Removed by the stack's own deletion: listed in the plan (it bills until then) but not
   * deleted one by one.
   */
  readonly removedWithStack?: boolean;
}

export type TeardownAction = 'stop' | 'delete' | 'deregister' | 'empty' | 'destroy stack';

export interface StepDefinition {
  readonly step: number;
  readonly kinds: readonly TeardownKind[];
  readonly action: TeardownAction;
  /** Why this step comes where it does. */
  readonly because: string;
}

/** The dependency order. Each step finishes (waits through `Deleting`) before the next starts. */
export const STEPS: readonly StepDefinition[] = [
  { step: 1, kinds: ['sagemaker:monitoring-schedule'], action: 'delete', because: 'a schedule keeps starting processing jobs against its endpoint' },
  { step: 2, kinds: ['sagemaker:hyper-parameter-tuning-job', 'sagemaker:training-job', 'sagemaker:processing-job', 'sagemaker:transform-job'], action: 'stop', because: 'running jobs bill per instance-second until they stop' },
  { step: 3, kinds: ['sagemaker:endpoint'], action: 'delete', because: 'an endpoint bills per instance-hour and holds its endpoint config' },
  { step: 4, kinds: ['sagemaker:endpoint-config'], action: 'delete', because: 'only once no endpoint uses it' },
  { step: 5, kinds: ['sagemaker:model', 'sagemaker:pipeline', 'sagemaker:model-package-group'], action: 'delete', because: 'only once no endpoint config refers to the model' },
  { step: 6, kinds: ['sagemaker:notebook-instance'], action: 'delete', because: 'stopped first: SageMaker deletes only a stopped notebook instance' },
  { step: 7, kinds: ['sagemaker:app', 'sagemaker:space', 'sagemaker:user-profile'], action: 'delete', because: 'apps before their spaces and profiles; a domain with any of them cannot be deleted' },
  { step: 8, kinds: ['sagemaker:domain', 'sagemaker:studio-vpc-leftovers'], action: 'delete', because: 'with its home EFS volume, once empty; then the security groups SageMaker left in the lab VPC' },
  { step: 9, kinds: ['kinesis:stream-consumer'], action: 'deregister', because: 'a stream with registered consumers cannot be deleted' },
  { step: 10, kinds: ['kinesis:stream', 'firehose:delivery-stream'], action: 'delete', because: 'streams the learner created beside the stack' },
  { step: 11, kinds: ['glue:crawler', 'glue:job', 'glue:table', 'athena:named-query'], action: 'delete', because: 'catalog entries and saved queries the learner or a crawl created' },
  { step: 12, kinds: ['s3:objects', 'logs:log-group', 'logs:log-stream', 'glue:database'], action: 'delete', because: 'a bucket must be empty to be deleted; log groups and streams outlive what wrote them; a database after its tables' },
  { step: 13, kinds: ['cloudformation:stack'], action: 'destroy stack', because: 'once nothing created beside it can make its deletion fail' },
  {
    step: 14,
    kinds: ['logs:stack-lambda-log-group'],
    action: 'delete',
    because: "after the stack: its helper Lambdas log while CloudFormation deletes it, and Lambda creates their log groups again until then",
  },
];

/** The step that destroys the stack; later steps run only once it is gone. */
export const STACK_STEP = STEPS.find((s) => s.kinds.includes('cloudformation:stack'))!.step;

export function stepOf(kind: TeardownKind): StepDefinition {
  const found = STEPS.find((s) => s.kinds.includes(kind));
  if (!found) throw new Error(`no teardown step for ${kind}`);
  return found;
}

/** The action for one resource: its step's, except that a bucket is emptied, not deleted. */
export function actionOf(resource: LabResource): TeardownAction {
  if (resource.kind === 's3:objects') return 'empty';
  return stepOf(resource.kind).action;
}

/** The parts of an ARN teardown reads (`arn:partition:service:region:account:resource`). */
export interface ParsedArn {
  readonly service: string;
  readonly region: string;
  readonly resourceType: string;
  readonly resourceName: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, , service, region, , ...rest] = parts;
  const resource = rest.join(':');
  // Resource part forms: `type/name`, `type:name` (logs), or `name` (S3 buckets).
  const slash = resource.indexOf('/');
  const colon = resource.indexOf(':');
  const cut = slash >= 0 && (colon < 0 || slash < colon) ? slash : colon;
  if (cut < 0) return { service: service!, region: region!, resourceType: '', resourceName: resource };
  let name = resource.slice(cut + 1);
  // CloudWatch Logs ARNs of log groups end in `:*`.
  if (service === 'logs') name = name.replace(/:\*$/, '');
  return { service: service!, region: region!, resourceType: resource.slice(0, cut), resourceName: name };
}
