// The Lambda entry point of the planted-training-jobs custom resource (lib/environments/
// planted-training-jobs.ts): on create it starts training jobs that are configured to fail, on
// delete it stops those still running, and on update it does nothing. Self-contained: SDK v3 only.
import {
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  IAMClient,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
} from '@aws-sdk/client-iam';
import {
  CreateTrainingJobCommand,
  DescribeTrainingJobCommand,
  SageMakerClient,
  StopTrainingJobCommand,
  type CreateTrainingJobRequest,
  type TrainingInstanceType,
} from '@aws-sdk/client-sagemaker';

/** One planted job as the custom resource's properties carry it (CloudFormation passes numbers as strings). */
export interface PlantedJobProperties {
  readonly TrainS3Uri: string;
  readonly ContentType: string;
  readonly MaxRuntimeInSeconds: string;
  readonly HyperParameters: Record<string, string>;
}

export interface PlantedJobsEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly RequestId: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: {
    readonly NamePrefix: string;
    readonly RoleArn: string;
    readonly TrainingImage: string;
    readonly InstanceType: string;
    readonly OutputS3Uri: string;
    readonly Tags?: readonly { readonly Key: string; readonly Value: string }[];
    readonly Jobs: readonly PlantedJobProperties[];
    /**
     * When set, a delete also removes the policies the learner added to this role (every inline
     * policy but KeepPolicyName, every attached managed policy), which would otherwise stop
     * CloudFormation from deleting it.
     */
    readonly RoleName?: string;
    readonly KeepPolicyName?: string;
  };
}

export interface PlantedJobsResult {
  readonly PhysicalResourceId: string;
  readonly Data?: { readonly JobNames: string };
}

type Props = PlantedJobsEvent['ResourceProperties'];

/**
 * Spot capacity may take a while; MaxWaitTimeInSeconds must be at least MaxRuntimeInSeconds
 * (API_StoppingCondition), so the wait is the runtime plus this.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_StoppingCondition.html
 */
const SPOT_WAIT_EXTRA_SECONDS = 900;

// One client per service per container, created on first use (the SDK's region comes from AWS_REGION).
let client: SageMakerClient | undefined;
let iamClient: IAMClient | undefined;

/** `broken-<n>-<suffix>`: n counts from 1; the suffix is the deployment's, so a redeploy never reuses a name. */
export function plantedJobNames(prefix: string, suffix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i + 1}-${suffix}`);
}

/** The physical id is `<prefix><suffix>`; the suffix comes from the create request, so a retried create reuses it. */
function suffixOf(requestId: string): string {
  return requestId.replace(/[^a-zA-Z0-9]/g, '').slice(0, 8).toLowerCase();
}

export function plantedJobRequest(props: Props, job: PlantedJobProperties, name: string): CreateTrainingJobRequest {
  const runtime = Number(job.MaxRuntimeInSeconds);
  return {
    TrainingJobName: name,
    RoleArn: props.RoleArn,
    AlgorithmSpecification: { TrainingImage: props.TrainingImage, TrainingInputMode: 'File' },
    HyperParameters: job.HyperParameters,
    InputDataConfig: [
      {
        ChannelName: 'train',
        ContentType: job.ContentType,
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: job.TrainS3Uri, S3DataDistributionType: 'FullyReplicated' } },
      },
    ],
    OutputDataConfig: { S3OutputPath: props.OutputS3Uri },
    // VolumeSizeInGB is required; 5 GB holds the image's scratch space and a few-kilobyte channel.
    // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ResourceConfig.html
    ResourceConfig: { InstanceType: props.InstanceType as TrainingInstanceType, InstanceCount: 1, VolumeSizeInGB: 5 },
    EnableManagedSpotTraining: true,
    StoppingCondition: { MaxRuntimeInSeconds: runtime, MaxWaitTimeInSeconds: runtime + SPOT_WAIT_EXTRA_SECONDS },
    ...(props.Tags?.length ? { Tags: props.Tags.map((t) => ({ Key: t.Key, Value: t.Value })) } : {}),
  };
}

function errorName(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && '$metadata' in err ? (err as { name?: string }).name : undefined;
}

/** The Lambda entry point (CDK Provider framework onEvent). */
export async function onEvent(event: PlantedJobsEvent): Promise<PlantedJobsResult> {
  client ??= new SageMakerClient({});
  if (event.ResourceProperties.RoleName) iamClient ??= new IAMClient({});
  return plantJobs(event, client, iamClient);
}

/** Removes what the learner added to the construct's own role; the policy the stack owns stays for CloudFormation. */
async function removeAddedPolicies(iam: IAMClient, roleName: string, keep: string | undefined): Promise<void> {
  for await (const page of paginateListRolePolicies({ client: iam }, { RoleName: roleName })) {
    for (const name of page.PolicyNames ?? []) {
      if (name !== keep) await iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: name }));
    }
  }
  for await (const page of paginateListAttachedRolePolicies({ client: iam }, { RoleName: roleName })) {
    for (const policy of page.AttachedPolicies ?? []) await iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: policy.PolicyArn }));
  }
}

export async function plantJobs(event: PlantedJobsEvent, sagemaker: SageMakerClient, iam?: IAMClient): Promise<PlantedJobsResult> {
  const props = event.ResourceProperties;
  if (event.RequestType === 'Create') {
    const suffix = suffixOf(event.RequestId);
    const names = plantedJobNames(props.NamePrefix, suffix, props.Jobs.length);
    for (const [i, name] of names.entries()) {
      try {
        await sagemaker.send(new CreateTrainingJobCommand(plantedJobRequest(props, props.Jobs[i]!, name)));
      } catch (err) {
        // A retried create finds its own jobs already started: the names are unique to this request.
        if (errorName(err) !== 'ResourceInUse') throw err;
      }
    }
    return { PhysicalResourceId: `${props.NamePrefix}${suffix}`, Data: { JobNames: names.join(',') } };
  }
  const physicalId = event.PhysicalResourceId ?? '';
  // Updates start nothing: the planted faults are planted once per deployment.
  if (event.RequestType === 'Update') return { PhysicalResourceId: physicalId };
  if (!physicalId.startsWith(props.NamePrefix)) return { PhysicalResourceId: physicalId };
  const names = plantedJobNames(props.NamePrefix, physicalId.slice(props.NamePrefix.length), props.Jobs.length);
  for (const name of names) {
    let status: string | undefined;
    try {
      status = (await sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name }))).TrainingJobStatus;
    } catch (err) {
      // A create that failed before this job started: nothing to stop.
      if (errorName(err) === 'ResourceNotFound' || errorName(err) === 'ValidationException') continue;
      throw err;
    }
    if (status === 'InProgress') await sagemaker.send(new StopTrainingJobCommand({ TrainingJobName: name }));
  }
  if (props.RoleName && iam) {
    try {
      await removeAddedPolicies(iam, props.RoleName, props.KeepPolicyName);
    } catch (err) {
      // The role is already gone: nothing of it to clean.
      if (errorName(err) !== 'NoSuchEntity' && errorName(err) !== 'NoSuchEntityException') throw err;
    }
  }
  return { PhysicalResourceId: physicalId };
}
