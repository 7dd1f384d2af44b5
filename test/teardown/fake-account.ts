// A mixed AWS account in memory behind aws-sdk-client-mock: one lab's resources, another lab's,
// and many that belong to no lab. Deletions take several ticks (each teardown pass sleeps one
// tick), during which the resource reports `Deleting`, and AWS's own refusals are modelled (a
// domain with apps, a stream with consumers, a stack whose bucket is not empty).
import {
  ApplicationAutoScalingClient,
  DeleteScalingPolicyCommand,
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { AthenaClient, BatchGetNamedQueryCommand, DeleteNamedQueryCommand, ListNamedQueriesCommand } from '@aws-sdk/client-athena';
import { CloudFormationClient, DescribeStacksCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DeleteAlarmsCommand, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DeleteLogGroupCommand, DeleteLogStreamCommand, DescribeLogGroupsCommand, DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DeleteSecurityGroupCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { DeleteFileSystemCommand, DeleteMountTargetCommand, DescribeFileSystemsCommand, DescribeMountTargetsCommand, EFSClient } from '@aws-sdk/client-efs';
import { DeleteDeliveryStreamCommand, DescribeDeliveryStreamCommand, FirehoseClient, ListDeliveryStreamsCommand } from '@aws-sdk/client-firehose';
import { DeleteCrawlerCommand, DeleteDataQualityRulesetCommand, DeleteDatabaseCommand, ListDataQualityRulesetsCommand, DeleteJobCommand, GetDatabaseCommand, DeleteTableCommand, GetCrawlerCommand, GetJobCommand, GetCrawlersCommand, GetJobsCommand, GetTableCommand, GetTablesCommand, GlueClient, StopCrawlerCommand } from '@aws-sdk/client-glue';
import {
  DeleteStreamCommand,
  DeregisterStreamConsumerCommand,
  DescribeStreamSummaryCommand,
  KinesisClient,
  ListStreamConsumersCommand,
  ListStreamsCommand,
} from '@aws-sdk/client-kinesis';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { DeleteObjectsCommand, GetBucketVersioningCommand, ListObjectsV2Command, ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DeleteAppCommand,
  DeleteDomainCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DeleteMonitoringScheduleCommand,
  DeleteSpaceCommand,
  DeleteUserProfileCommand,
  DescribeDomainCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeTrainingJobCommand,
  ListAppsCommand,
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListHyperParameterTuningJobsCommand,
  ListModelPackageGroupsCommand,
  ListModelsCommand,
  ListMonitoringSchedulesCommand,
  ListNotebookInstancesCommand,
  ListPipelinesCommand,
  ListProcessingJobsCommand,
  ListSpacesCommand,
  ListTrainingJobsCommand,
  ListTransformJobsCommand,
  ListUserProfilesCommand,
  SageMakerClient,
  StopTrainingJobCommand, ListFeatureGroupsCommand, DescribeFeatureGroupCommand, DeleteFeatureGroupCommand } from '@aws-sdk/client-sagemaker';
import { DeleteTopicCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { DeleteAliasCommand, DescribeKeyCommand, KMSClient, ListAliasesCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { GetDataLakeSettingsCommand, LakeFormationClient, ListDataCellsFilterCommand, ListPermissionsCommand, ListResourcesCommand } from '@aws-sdk/client-lakeformation';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { operationNameOf } from '../../lib/check/session';
import { isReadOnlyOperation } from '../../lib/model';
import { awsError } from '../support/check-harness';

export const REGION = 'us-east-1';
export const ACCOUNT = '111122223333';
export const LAB_ID = 'churn-lab';
export const OTHER_LAB_ID = 'fraud-lab';
export const STACK = `MlLab-${LAB_ID}`;

export const mocks = {
  cloudformation: mockClient(CloudFormationClient),
  tagging: mockClient(ResourceGroupsTaggingAPIClient),
  sagemaker: mockClient(SageMakerClient),
  kinesis: mockClient(KinesisClient),
  firehose: mockClient(FirehoseClient),
  glue: mockClient(GlueClient),
  athena: mockClient(AthenaClient),
  s3: mockClient(S3Client),
  logs: mockClient(CloudWatchLogsClient),
  ec2: mockClient(EC2Client),
  efs: mockClient(EFSClient),
  cloudwatch: mockClient(CloudWatchClient),
  scaling: mockClient(ApplicationAutoScalingClient),
  sns: mockClient(SNSClient),
  kms: mockClient(KMSClient),
  lakeFormation: mockClient(LakeFormationClient),
};

export type Owner = 'lab' | 'other-lab' | 'none';

export interface Res {
  readonly kind: string;
  readonly name: string;
  status: string;
  readonly owner: Owner;
  /** Tagged `mllab:lab` with this value. */
  readonly tag?: string;
  readonly props: Record<string, any>;
  ticksLeft?: number;
}

/** A stack of the account besides the lab's own: its tags say whether mllab created it. */
export interface FakeStack {
  readonly name: string;
  readonly tags: Record<string, string>;
  /** [type, physical id] of each resource. */
  readonly resources: [string, string][];
}

/** The stack tags mllab deploys every lab and environment stack with (lib/stack/tagging.ts). */
export const managedTags = (id: string): Record<string, string> => ({ 'mllab:lab': id, 'mllab:managed-by': 'aws-ml-labs' });

export interface Write {
  readonly seq: number;
  readonly op: string;
  /** `kind|name` of what it acts on. */
  readonly target: string;
}

const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;

export class FakeAccount {
  readonly res = new Map<string, Res>();
  /** Who owns every resource the account ever held, deleted or not, by `kind|name`. */
  readonly owners = new Map<string, Owner>();
  readonly writes: Write[] = [];
  readonly gone = new Map<string, number>();
  /** DescribeDomain answers that said `Deleting`, per domain. */
  readonly deletingPolls = new Map<string, number>();
  /** Errors to throw once for `op|target`, to break a run half way. */
  readonly inject = new Map<string, Error>();
  stackExists = true;
  stackDestroyCalls = 0;
  /** The lab stack CloudFormation lists: its name and [type, physical id] of each resource. */
  stackName = STACK;
  stackResources: [string, string][] = STACK_RESOURCES;
  /** The lab stack's tags, as DescribeStacks returns them. */
  stackTags: Record<string, string> = managedTags(LAB_ID);
  /** The account's other stacks: an environment stack of mllab's and a production stack. */
  readonly otherStacks: FakeStack[] = [
    { name: 'MlLab-env-studio', tags: managedTags('env-studio'), resources: [] },
    { name: 'prod-api', tags: { team: 'payments' }, resources: [['AWS::Lambda::Function', 'prod-api-fn']] },
  ];
  private seq = 0;

  add(kind: string, name: string, owner: Owner, props: Record<string, any> = {}, status = 'InService', tag?: string): Res {
    const r: Res = { kind, name, status, owner, props, ...(tag ? { tag } : {}) };
    this.res.set(`${kind}|${name}`, r);
    this.owners.set(`${kind}|${name}`, owner);
    return r;
  }

  get(kind: string, name: string): Res | undefined {
    return this.res.get(`${kind}|${name}`);
  }

  all(kind: string): Res[] {
    return [...this.res.values()].filter((r) => r.kind === kind);
  }

  /** A teardown pass ended: deletions in progress move on. */
  tick(): void {
    for (const [key, r] of this.res) {
      if (r.ticksLeft === undefined) continue;
      r.ticksLeft--;
      if (r.ticksLeft <= 0) {
        this.res.delete(key);
        this.gone.set(key, this.seq++);
      }
    }
  }

  /** Records a write; throws an injected error once. */
  write(op: string, kind: string, name: string): void {
    const target = `${kind}|${name}`;
    const injected = this.inject.get(`${op}|${target}`);
    if (injected) {
      this.inject.delete(`${op}|${target}`);
      throw injected;
    }
    this.writes.push({ seq: this.seq++, op, target });
  }

  startDeleting(r: Res, ticks: number, status = 'Deleting'): void {
    if (r.ticksLeft !== undefined) return;
    r.status = status;
    r.ticksLeft = ticks;
  }

  removeNow(r: Res): void {
    this.res.delete(`${r.kind}|${r.name}`);
    this.gone.set(`${r.kind}|${r.name}`, this.seq++);
  }

  /** The order index at which a resource disappeared (Infinity while it exists). */
  goneAt(kind: string, name: string): number {
    return this.gone.get(`${kind}|${name}`) ?? Infinity;
  }

  firstWrite(op: string, kind: string, name: string): number {
    return this.writes.find((w) => w.op === op && w.target === `${kind}|${name}`)?.seq ?? Infinity;
  }

  /** Every resource owned by the lab (what teardown must remove), as `kind|name`. */
  labTargets(): Set<string> {
    return new Set([...this.res.values()].filter((r) => r.owner === 'lab').map((r) => `${r.kind}|${r.name}`));
  }
}

/** The stack's resources: [type, physical id] */
export const STACK_RESOURCES: [string, string][] = [
  ['AWS::S3::Bucket', 'mllab-churn-lab-bucket'],
  ['AWS::Kinesis::Stream', 'mllab-churn-lab-stream'],
  ['AWS::KinesisFirehose::DeliveryStream', 'mllab-churn-lab-delivery'],
  ['AWS::SageMaker::Domain', 'd-lab1'],
  ['AWS::SageMaker::UserProfile', `${arn('sagemaker', 'user-profile/d-lab1/learner')}`],
  ['AWS::EC2::VPC', 'vpc-lab'],
  ['AWS::Glue::Database', 'churn_db'],
  ['AWS::Glue::Crawler', 'mllab-churn-lab-crawler'],
  ['AWS::Athena::WorkGroup', 'churn-wg'],
  ['AWS::Logs::LogGroup', '/aws/lambda/mllab-churn-lab-fn'],
  ['AWS::IAM::Role', 'MlLab-churn-lab-LearnerRole'],
  ['AWS::Budgets::Budget', 'mllab-churn-lab-budget'],
];

/** Builds the mixed account: at least 200 resources, over half of them no lab's. */
export function buildAccount(): FakeAccount {
  const a = new FakeAccount();
  const L = LAB_ID;
  // --- the lab stack's own resources (removed by the stack, emptied or cleaned before it)
  a.add('kinesis:stream', 'mllab-churn-lab-stream', 'lab', { shards: 2 }, 'ACTIVE', L);
  a.add('firehose:delivery-stream', 'mllab-churn-lab-delivery', 'lab', {}, 'ACTIVE', L);
  a.add('sagemaker:domain', 'd-lab1', 'lab', { vpcId: 'vpc-lab', efs: 'fs-lab' }, 'InService', L);
  a.add('glue:crawler', 'mllab-churn-lab-crawler', 'lab', {}, 'READY', L);
  a.add('logs:log-group', '/aws/lambda/mllab-churn-lab-fn', 'lab', {}, 'ok', L);
  // --- inside the lab's containers
  for (const c of ['churn-efo', 'someone-elses-efo']) a.add('kinesis:consumer', `mllab-churn-lab-stream/${c}`, 'lab', { stream: 'mllab-churn-lab-stream', name: c }, 'ACTIVE');
  a.add('sagemaker:app', 'd-lab1/learner/JupyterServer/default', 'lab', { domain: 'd-lab1', profile: 'learner', type: 'JupyterServer', app: 'default', instance: 'system' });
  a.add('sagemaker:app', 'd-lab1/lab-space/JupyterLab/default', 'lab', { domain: 'd-lab1', space: 'lab-space', type: 'JupyterLab', app: 'default', instance: 'ml.t3.medium' });
  a.add('sagemaker:app', 'd-lab1/learner2/KernelGateway/datascience', 'lab', { domain: 'd-lab1', profile: 'learner2', type: 'KernelGateway', app: 'datascience', instance: 'ml.m5.large' });
  a.add('sagemaker:space', 'd-lab1/lab-space', 'lab', { domain: 'd-lab1', name: 'lab-space', owner: 'learner' });
  for (const p of ['learner', 'learner2']) a.add('sagemaker:user-profile', `d-lab1/${p}`, 'lab', { domain: 'd-lab1', name: p });
  for (const dir of ['inbound', 'outbound']) a.add('ec2:security-group', `security-group-for-${dir}-nfs-d-lab1`, 'lab', { id: `sg-lab-${dir}`, vpc: 'vpc-lab', rules: [`sgr-lab-${dir}`] });
  a.add('efs:file-system', 'fs-lab', 'lab', { domainArn: arn('sagemaker', 'domain/d-lab1') }, 'available');
  a.add('efs:mount-target', 'fsmt-lab', 'lab', { fs: 'fs-lab' }, 'available');
  for (const t of ['raw', 'orders', 'orders_curated']) a.add('glue:table', `churn_db.${t}`, 'lab', { db: 'churn_db', name: t });
  for (const q of ['top-churners', 'daily-orders']) a.add('athena:named-query', `nq-${q}`, 'lab', { wg: 'churn-wg', name: q });
  // A bucket the learner made and tagged, versioned: old versions and a delete marker bill and block too.
  for (const [key, v] of [['model.tar.gz', 'v1'], ['model.tar.gz', 'v2'], ['gone.csv', 'dm1']] as const) {
    a.add('s3:object', `churn-versioned/${key}#${v}`, 'lab', { bucket: 'churn-versioned', key, versionId: v, size: 2048 });
  }
  for (let i = 0; i < 5; i++) a.add('s3:object', `mllab-churn-lab-bucket/data/part-${i}.csv`, 'lab', { bucket: 'mllab-churn-lab-bucket', key: `data/part-${i}.csv`, size: 1024 });
  // --- what the learner created, claimed by name or by tag
  a.add('sagemaker:endpoint', 'churn-ep-1', 'lab', { config: 'churn-cfg-1', type: 'ml.m5.large', count: 1 });
  a.add('sagemaker:endpoint', 'fraud-tagged-ep', 'lab', { config: 'fraud-tagged-cfg', type: 'ml.t2.medium', count: 1 }, 'InService', L);
  a.add('sagemaker:endpoint-config', 'churn-cfg-1', 'lab', { type: 'ml.m5.large' });
  a.add('sagemaker:endpoint-config', 'churn-cfg-2', 'lab', { type: 'ml.m5.large' });
  a.add('sagemaker:endpoint-config', 'fraud-tagged-cfg', 'lab', { type: 'ml.t2.medium' }, 'ok', L);
  a.add('sagemaker:model', 'churn-model-1', 'lab');
  a.add('sagemaker:model', 'churn-model-2', 'lab');
  a.add('sagemaker:training-job', 'churn-train-1', 'lab', { type: 'ml.m5.large', spot: true }, 'InProgress');
  a.add('sagemaker:monitoring-schedule', 'churn-monitor', 'lab', {}, 'Scheduled');
  a.add('kinesis:stream', 'churn-extra', 'lab', { shards: 1 }, 'ACTIVE');
  a.add('kinesis:consumer', 'churn-extra/extra-efo', 'lab', { stream: 'churn-extra', name: 'extra-efo' }, 'ACTIVE');
  a.add('firehose:delivery-stream', 'learner-fh', 'lab', {}, 'ACTIVE', L);
  a.add('glue:crawler', 'tagged-crawler', 'lab', {}, 'RUNNING', L);
  a.add('glue:job', 'churn-etl', 'lab', {}, 'ok', L);
  a.add('glue:database', 'churn_scratch', 'lab', {}, 'ok', L);
  a.add('glue:table', 'churn_scratch.features', 'lab', { db: 'churn_scratch', name: 'features' });
  a.add('logs:log-group', '/mllab/churn-lab/app', 'lab', { bytes: 2 * 1024 ** 3 });
  a.add('logs:log-group', '/mllab/churn-lab/train', 'lab');
  // --- another lab's: some with names the first lab's prefixes would match
  const O = OTHER_LAB_ID;
  a.add('sagemaker:endpoint', 'churn-other', 'other-lab', { config: 'churn-other-cfg', type: 'ml.m5.large', count: 1 }, 'InService', O);
  a.add('sagemaker:endpoint-config', 'churn-other-cfg', 'other-lab', { type: 'ml.m5.large' }, 'ok', O);
  a.add('sagemaker:model', 'churn-other-model', 'other-lab', {}, 'ok', O);
  a.add('kinesis:stream', 'fraud-stream', 'other-lab', { shards: 1 }, 'ACTIVE', O);
  a.add('kinesis:consumer', 'fraud-stream/fraud-efo', 'other-lab', { stream: 'fraud-stream', name: 'fraud-efo' }, 'ACTIVE');
  a.add('glue:crawler', 'fraud-crawler', 'other-lab', {}, 'READY', O);
  a.add('sagemaker:domain', 'd-other', 'other-lab', { vpcId: 'vpc-other' }, 'InService', O);
  a.add('sagemaker:app', 'd-other/fraud-user/JupyterLab/default', 'other-lab', { domain: 'd-other', profile: 'fraud-user', type: 'JupyterLab', app: 'default', instance: 'ml.t3.medium' });
  a.add('sagemaker:user-profile', 'd-other/fraud-user', 'other-lab', { domain: 'd-other', name: 'fraud-user' });
  a.add('logs:log-group', '/mllab/fraud-lab/app', 'other-lab', {}, 'ok', O);
  // --- log groups no stack owns: the helper Lambdas' (created by Lambda when they first ran), an
  // endpoint's, and the service groups every job and crawler of the account shares
  a.add('logs:log-group', HELPER_LOG_GROUPS.restrictSg, 'lab', { bytes: 1024 });
  a.add('logs:log-group', '/aws/lambda/MlLab-fraud-lab-CustomVpcRestrictDefaultSGCustomRes-Fr4udSg', 'other-lab');
  a.add('logs:log-group', '/aws/lambda/prod-MlLab-churn-lab-fn', 'none');
  a.add('logs:log-group', '/aws/sagemaker/Endpoints/churn-ep-1', 'lab');
  a.add('logs:log-group', '/aws/sagemaker/Endpoints/churn-other', 'other-lab');
  a.add('logs:log-group', '/aws/sagemaker/Endpoints/prod-ep-0', 'none');
  for (const group of ['/aws/sagemaker/TrainingJobs', '/aws-glue/crawlers']) a.add('logs:log-group', group, 'none', { bytes: 5 * 1024 ** 2 });
  const stream = (group: string, name: string, owner: Owner) => a.add('logs:log-stream', `${group}#${name}`, owner, { group, stream: name });
  stream('/aws/sagemaker/TrainingJobs', 'churn-train-1/algo-1-1764000000', 'lab');
  // A finished job of the lab: no longer listed as a resource, but its logs are still stored.
  stream('/aws/sagemaker/TrainingJobs', 'churn-train-0/algo-1-1763000000', 'lab');
  stream('/aws/sagemaker/TrainingJobs', 'churn-train-0/algo-2-1763000000', 'lab');
  stream('/aws/sagemaker/TrainingJobs', 'prod-train-0/algo-1-1764000000', 'none');
  stream('/aws/sagemaker/TrainingJobs', 'prod-churn-train-1/algo-1-1764000000', 'none');
  stream('/aws/sagemaker/TrainingJobs', 'churn-trainer/algo-1-1764000000', 'none');
  a.add('logs:log-group', '/aws/sagemaker/studio', 'none');
  stream('/aws/sagemaker/studio', 'd-lab1/learner2/KernelGateway/datascience', 'lab');
  stream('/aws/sagemaker/studio', 'd-prod/analyst/JupyterLab/default', 'none');
  stream('/aws/sagemaker/studio', 'd-other/fraud-user/JupyterLab/default', 'other-lab');
  stream('/aws-glue/crawlers', 'mllab-churn-lab-crawler', 'lab');
  stream('/aws-glue/crawlers', 'tagged-crawler', 'lab');
  stream('/aws-glue/crawlers', 'fraud-crawler', 'other-lab');
  for (let i = 0; i < 3; i++) stream('/aws-glue/crawlers', `prod-crawler-${i}`, 'none');
  // --- no lab's: a production account around the labs
  for (let i = 0; i < 40; i++) {
    a.add('sagemaker:endpoint', `prod-ep-${i}`, 'none', { config: `prod-cfg-${i}`, type: 'ml.m5.xlarge', count: 2 });
    a.add('sagemaker:endpoint-config', `prod-cfg-${i}`, 'none', { type: 'ml.m5.xlarge' });
    a.add('sagemaker:model', `prod-model-${i}`, 'none');
  }
  // Names that contain the lab's prefix without starting with it.
  for (let i = 0; i < 5; i++) {
    a.add('sagemaker:endpoint', `prod-churn-${i}`, 'none', { config: `prod-churn-cfg-${i}`, type: 'ml.c5.large', count: 1 });
    a.add('sagemaker:endpoint-config', `prod-churn-cfg-${i}`, 'none', { type: 'ml.c5.large' });
  }
  for (let i = 0; i < 20; i++) {
    a.add('kinesis:stream', `prod-stream-${i}`, 'none', { shards: 4 }, 'ACTIVE');
    a.add('kinesis:consumer', `prod-stream-${i}/prod-efo`, 'none', { stream: `prod-stream-${i}`, name: 'prod-efo' }, 'ACTIVE');
  }
  for (let i = 0; i < 5; i++) a.add('firehose:delivery-stream', `prod-fh-${i}`, 'none', {}, 'ACTIVE');
  for (let i = 0; i < 10; i++) a.add('glue:crawler', `prod-crawler-${i}`, 'none', {}, i % 2 ? 'RUNNING' : 'READY');
  for (let i = 0; i < 10; i++) a.add('glue:job', `prod-job-${i}`, 'none');
  for (let i = 0; i < 10; i++) a.add('logs:log-group', `/aws/lambda/prod-${i}`, 'none');
  for (let i = 0; i < 5; i++) a.add('sagemaker:training-job', `prod-train-${i}`, 'none', { type: 'ml.m5.xlarge' }, 'InProgress');
  for (let i = 0; i < 3; i++) a.add('sagemaker:monitoring-schedule', `prod-monitor-${i}`, 'none', {}, 'Scheduled');
  for (let b = 0; b < 5; b++) for (let k = 0; k < 3; k++) a.add('s3:object', `prod-bucket-${b}/k${k}`, 'none', { bucket: `prod-bucket-${b}`, key: `k${k}`, size: 10 });
  a.add('sagemaker:domain', 'd-prod', 'none', { vpcId: 'vpc-prod' });
  a.add('sagemaker:app', 'd-prod/analyst/JupyterLab/default', 'none', { domain: 'd-prod', profile: 'analyst', type: 'JupyterLab', app: 'default', instance: 'ml.m5.large' });
  a.add('sagemaker:user-profile', 'd-prod/analyst', 'none', { domain: 'd-prod', name: 'analyst' });
  for (const dir of ['inbound', 'outbound']) a.add('ec2:security-group', `security-group-for-${dir}-nfs-d-prod`, 'none', { id: `sg-prod-${dir}`, vpc: 'vpc-prod', rules: [`sgr-prod-${dir}`] });
  a.add('efs:file-system', 'fs-prod', 'none', { domainArn: arn('sagemaker', 'domain/d-prod') }, 'available');
  return a;
}

/**
 * A stack someone else named `MlLab-<id>` (issue 11, finding 19), without mllab's tags: a Studio
 * domain with its home volume and NFS security groups in its VPC, a bucket with objects. None of it
 * is any lab's, whatever its name says.
 */
export function addForeignLabStack(a: FakeAccount, id: string): FakeStack {
  const stack: FakeStack = {
    name: `MlLab-${id}`,
    tags: { team: 'research' },
    resources: [['AWS::SageMaker::Domain', 'd-foreign'], ['AWS::EC2::VPC', 'vpc-foreign'], ['AWS::S3::Bucket', 'research-bucket']],
  };
  a.otherStacks.push(stack);
  a.add('sagemaker:domain', 'd-foreign', 'none', { vpcId: 'vpc-foreign', efs: 'fs-foreign' });
  a.add('sagemaker:app', 'd-foreign/researcher/JupyterLab/default', 'none', { domain: 'd-foreign', profile: 'researcher', type: 'JupyterLab', app: 'default', instance: 'ml.m5.large' });
  a.add('sagemaker:user-profile', 'd-foreign/researcher', 'none', { domain: 'd-foreign', name: 'researcher' });
  for (const dir of ['inbound', 'outbound']) a.add('ec2:security-group', `security-group-for-${dir}-nfs-d-foreign`, 'none', { id: `sg-foreign-${dir}`, vpc: 'vpc-foreign', rules: [`sgr-foreign-${dir}`] });
  a.add('efs:file-system', 'fs-foreign', 'none', { domainArn: arn('sagemaker', 'domain/d-foreign') }, 'available');
  a.add('efs:mount-target', 'fsmt-foreign', 'none', { fs: 'fs-foreign' }, 'available');
  a.add('s3:object', 'research-bucket/results.parquet', 'none', { bucket: 'research-bucket', key: 'results.parquet', size: 4096 });
  // Lambda named the log group after the stack's function, as it does for mllab's helper functions.
  a.add('logs:log-group', `/aws/lambda/${stack.name}-CustomVpcRestrictDefaultSGCustomRes-F0re1gnSg`, 'none');
  return stack;
}

/** Log groups Lambda creates for the lab stack's helper functions (`/aws/lambda/<function name>`). */
export const HELPER_LOG_GROUPS = {
  /** The default-security-group restriction runs when the stack is created. */
  restrictSg: `/aws/lambda/${STACK}-CustomVpcRestrictDefaultSGCustomRes-R3str1ctSg`,
  /** The bucket auto-delete runs only while the stack is deleted. */
  autoDelete: `/aws/lambda/${STACK}-CustomS3AutoDeleteObjectsCustomResour-Aut0De1ete`,
};

const notFound = (name: string, message = name) => awsError(name, message);

function glob(pattern: string, value: string): boolean {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(value);
}

/** Wires every mocked client to the account. Unmocked commands reject, so nothing slips through unseen. */
export function wireAccount(a: FakeAccount): void {
  for (const m of Object.values(mocks)) {
    m.reset();
    (m as AwsStub<any, any, any>).onAnyCommand().callsFake((input: unknown) => {
      throw new Error(`unmocked command in the fake account: ${JSON.stringify(input)}`);
    });
  }
  const { cloudformation, tagging, sagemaker, kinesis, firehose, glue, athena, s3, logs, ec2, efs, cloudwatch, scaling, sns, kms, lakeFormation } = mocks;
  // Lake Formation: registered locations, grants ({ principal, resource }), data cells filters; the
  // account's defaults give IAMAllowedPrincipals ALL on new databases and tables (the service's default).
  const everyone = [{ Principal: { DataLakePrincipalIdentifier: 'IAM_ALLOWED_PRINCIPALS' }, Permissions: ['ALL'] }];
  lakeFormation.on(GetDataLakeSettingsCommand).resolves({ DataLakeSettings: { CreateDatabaseDefaultPermissions: everyone, CreateTableDefaultPermissions: everyone } as never });
  lakeFormation.on(ListResourcesCommand).callsFake(() => ({ ResourceInfoList: a.all('lakeformation:registration').map((r) => ({ ResourceArn: r.name })) }));
  lakeFormation.on(ListPermissionsCommand).callsFake((i) => ({
    PrincipalResourcePermissions: a
      .all('lakeformation:grant')
      .filter((r) => !i.Resource || JSON.stringify(r.props.resource) === JSON.stringify(i.Resource))
      .map((r) => ({ Principal: { DataLakePrincipalIdentifier: r.props.principal }, Resource: r.props.resource, Permissions: r.props.permissions })),
  }));
  lakeFormation.on(ListDataCellsFilterCommand).callsFake((i) => ({
    DataCellsFilters: a.all('lakeformation:data-cells-filter').filter((r) => r.props.database === i.Table?.DatabaseName && r.props.table === i.Table?.Name).map((r) => ({ Name: r.name, DatabaseName: r.props.database, TableName: r.props.table, TableCatalogId: ACCOUNT })),
  }));
  sns.on(ListTopicsCommand).callsFake(() => ({ Topics: a.all('sns:topic').map((r) => ({ TopicArn: arn('sns', r.name) })) }));
  sns.on(DeleteTopicCommand).callsFake((i) => {
    const name = String(i.TopicArn).split(':').pop()!;
    const r = a.get('sns:topic', name);
    a.write('DeleteTopic', 'sns:topic', name);
    if (r) a.removeNow(r);
    return {};
  });
  // KMS: an alias names a key; the key is scheduled for deletion, the alias deleted.
  kms.on(ListAliasesCommand).callsFake(() => ({ Aliases: a.all('kms:alias').map((r) => ({ AliasName: r.name, AliasArn: arn('kms', r.name), TargetKeyId: r.props.keyId })), Truncated: false }));
  kms.on(ScheduleKeyDeletionCommand).callsFake((i) => {
    const r = a.all('kms:alias').find((x) => x.props.keyId === i.KeyId);
    if (r) {
      a.write('ScheduleKeyDeletion', 'kms:alias', r.name);
      r.status = 'PendingDeletion';
    }
    return { KeyId: i.KeyId, KeyState: 'PendingDeletion', PendingWindowInDays: i.PendingWindowInDays };
  });
  kms.on(DeleteAliasCommand).callsFake((i) => {
    const r = a.get('kms:alias', i.AliasName);
    a.write('DeleteAlias', 'kms:alias', i.AliasName);
    if (r) a.removeNow(r);
    return {};
  });
  kms.on(DescribeKeyCommand).callsFake((i) => {
    const r = a.all('kms:alias').find((x) => x.props.keyId === i.KeyId || x.name === i.KeyId);
    if (!r) throw notFound('NotFoundException');
    return { KeyMetadata: { KeyId: r.props.keyId, Arn: arn('kms', `key/${r.props.keyId}`), KeyState: r.status, KeyManager: 'CUSTOMER' } };
  });
  const streamArn = (name: string) => arn('kinesis', `stream/${name}`);
  const streamOfArn = (value: string) => value.replace(/^.*:stream\//, '');

  // Every stack of the account, the lab's while it exists; CloudFormation answers an unknown name with a ValidationError.
  const stacks = (): FakeStack[] => [...(a.stackExists ? [{ name: a.stackName, tags: a.stackTags, resources: a.stackResources }] : []), ...a.otherStacks];
  const stackNamed = (name: string | undefined): FakeStack => {
    const found = stacks().find((st) => st.name === name);
    if (!found) throw awsError('ValidationError', `Stack with id ${name} does not exist`);
    return found;
  };
  const described = (st: FakeStack) => ({ StackName: st.name, StackStatus: 'CREATE_COMPLETE', CreationTime: new Date(), Tags: Object.entries(st.tags).map(([Key, Value]) => ({ Key, Value })) });
  cloudformation.on(DescribeStacksCommand).callsFake((input: { StackName?: string }) => ({
    Stacks: input.StackName === undefined ? stacks().map(described) : [described(stackNamed(input.StackName))],
  }));
  cloudformation.on(ListStackResourcesCommand).callsFake((input: { StackName?: string }) => ({
    StackResourceSummaries: stackNamed(input.StackName).resources.map(([type, id], i) => ({ LogicalResourceId: `R${i}`, PhysicalResourceId: id, ResourceType: type, ResourceStatus: 'CREATE_COMPLETE', LastUpdatedTimestamp: new Date() })),
  }));

  tagging.on(GetResourcesCommand).callsFake(() => {
    const arnOf = (r: Res): string | undefined => {
      switch (r.kind) {
        case 'sagemaker:endpoint': case 'sagemaker:endpoint-config': case 'sagemaker:model': case 'sagemaker:domain':
          return arn('sagemaker', `${r.kind.split(':')[1]}/${r.name.toLowerCase()}`);
        case 'kinesis:stream': return streamArn(r.name);
        case 'firehose:delivery-stream': return arn('firehose', `deliverystream/${r.name}`);
        case 'glue:crawler': return arn('glue', `crawler/${r.name}`);
        case 'glue:job': return arn('glue', `job/${r.name}`);
        case 'glue:database': return arn('glue', `database/${r.name}`);
        case 'sns:topic': return arn('sns', r.name);
        case 'logs:log-group': return arn('logs', `log-group:${r.name}:*`);
        case 'cloudwatch:alarm': return arn('cloudwatch', `alarm:${r.name}`);
        default: return undefined;
      }
    };
    const list = [...a.res.values()].filter((r) => r.tag).map((r) => ({ ResourceARN: arnOf(r), Tags: [{ Key: 'mllab:lab', Value: r.tag }] }));
    // The stack's role and budget carry the tag too, as the stack tags everything; a bucket's tag as well.
    if (a.stackExists && a.stackName === STACK) {
      list.push({ ResourceARN: `arn:aws:iam::${ACCOUNT}:role/MlLab-churn-lab-LearnerRole`, Tags: [{ Key: 'mllab:lab', Value: LAB_ID }] });
      list.push({ ResourceARN: 'arn:aws:s3:::mllab-churn-lab-bucket', Tags: [{ Key: 'mllab:lab', Value: LAB_ID }] });
    }
    if (a.stackName === STACK) list.push({ ResourceARN: 'arn:aws:s3:::churn-versioned', Tags: [{ Key: 'mllab:lab', Value: LAB_ID }] });
    return { ResourceTagMappingList: list };
  });

  // --- SageMaker
  const byStatus = (kind: string, input: any) => a.all(kind).filter((r) => !input.StatusEquals || r.status === input.StatusEquals).filter((r) => !input.NameContains || r.name.includes(input.NameContains));
  sagemaker.on(ListEndpointsCommand).callsFake((i) => ({ Endpoints: byStatus('sagemaker:endpoint', i).map((r) => ({ EndpointName: r.name, EndpointArn: arn('sagemaker', `endpoint/${r.name}`), EndpointStatus: r.status, CreationTime: new Date(), LastModifiedTime: new Date() })) }));
  sagemaker.on(DescribeEndpointCommand).callsFake((i) => {
    const r = a.get('sagemaker:endpoint', i.EndpointName);
    if (!r) throw awsError('ValidationException', 'Could not find endpoint');
    return { EndpointName: r.name, EndpointConfigName: r.props.config, EndpointStatus: r.status, ProductionVariants: [{ VariantName: 'AllTraffic', CurrentInstanceCount: r.props.count }] };
  });
  sagemaker.on(DescribeEndpointConfigCommand).callsFake((i) => {
    const r = a.get('sagemaker:endpoint-config', i.EndpointConfigName);
    if (!r) throw awsError('ValidationException', 'Could not find endpoint configuration');
    return { EndpointConfigName: r.name, ProductionVariants: [r.props.serverless ? { VariantName: 'AllTraffic', ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 1 } } : { VariantName: 'AllTraffic', InstanceType: r.props.type, InitialInstanceCount: 1 }] };
  });
  sagemaker.on(DeleteEndpointCommand).callsFake((i) => {
    a.write('DeleteEndpoint', 'sagemaker:endpoint', i.EndpointName);
    a.startDeleting(a.get('sagemaker:endpoint', i.EndpointName)!, 3);
    return {};
  });
  sagemaker.on(ListEndpointConfigsCommand).callsFake((i) => ({ EndpointConfigs: byStatus('sagemaker:endpoint-config', i).map((r) => ({ EndpointConfigName: r.name, EndpointConfigArn: arn('sagemaker', `endpoint-config/${r.name}`), CreationTime: new Date() })) }));
  sagemaker.on(DeleteEndpointConfigCommand).callsFake((i) => {
    a.write('DeleteEndpointConfig', 'sagemaker:endpoint-config', i.EndpointConfigName);
    a.removeNow(a.get('sagemaker:endpoint-config', i.EndpointConfigName)!);
    return {};
  });
  sagemaker.on(ListModelsCommand).callsFake((i) => ({ Models: byStatus('sagemaker:model', i).map((r) => ({ ModelName: r.name, ModelArn: arn('sagemaker', `model/${r.name}`), CreationTime: new Date() })) }));
  sagemaker.on(DeleteModelCommand).callsFake((i) => {
    a.write('DeleteModel', 'sagemaker:model', i.ModelName);
    a.removeNow(a.get('sagemaker:model', i.ModelName)!);
    return {};
  });
  sagemaker.on(ListTrainingJobsCommand).callsFake((i) => ({ TrainingJobSummaries: byStatus('sagemaker:training-job', i).map((r) => ({ TrainingJobName: r.name, TrainingJobArn: arn('sagemaker', `training-job/${r.name}`), TrainingJobStatus: r.status, CreationTime: new Date() })) }));
  sagemaker.on(DescribeTrainingJobCommand).callsFake((i) => {
    const r = a.get('sagemaker:training-job', i.TrainingJobName)!;
    return { TrainingJobName: r.name, TrainingJobStatus: r.status, ResourceConfig: { InstanceType: r.props.type, InstanceCount: 1, VolumeSizeInGB: 10 }, EnableManagedSpotTraining: !!r.props.spot };
  });
  sagemaker.on(StopTrainingJobCommand).callsFake((i) => {
    a.write('StopTrainingJob', 'sagemaker:training-job', i.TrainingJobName);
    const r = a.get('sagemaker:training-job', i.TrainingJobName)!;
    // A stopped job stays as a record; it stops billing once Stopped.
    r.status = 'Stopping';
    setStatusAfterTicks(a, r, 2, 'Stopped');
    return {};
  });
  sagemaker.on(ListMonitoringSchedulesCommand).callsFake((i) => ({ MonitoringScheduleSummaries: byStatus('sagemaker:monitoring-schedule', i).map((r) => ({ MonitoringScheduleName: r.name, MonitoringScheduleArn: arn('sagemaker', `monitoring-schedule/${r.name}`), MonitoringScheduleStatus: r.status, CreationTime: new Date(), LastModifiedTime: new Date() })) }));
  sagemaker.on(DeleteMonitoringScheduleCommand).callsFake((i) => {
    a.write('DeleteMonitoringSchedule', 'sagemaker:monitoring-schedule', i.MonitoringScheduleName);
    a.startDeleting(a.get('sagemaker:monitoring-schedule', i.MonitoringScheduleName)!, 1);
    return {};
  });
  sagemaker.on(ListFeatureGroupsCommand).callsFake(() => ({ FeatureGroupSummaries: a.all('sagemaker:feature-group').map((r) => ({ FeatureGroupName: r.name, FeatureGroupArn: arn('sagemaker', `feature-group/${r.name}`), FeatureGroupStatus: r.status, CreationTime: new Date() })) }));
  sagemaker.on(DescribeFeatureGroupCommand).callsFake((i) => {
    const r = a.get('sagemaker:feature-group', i.FeatureGroupName);
    if (!r) throw notFound('ResourceNotFound');
    return { FeatureGroupName: r.name, FeatureGroupStatus: r.status, OnlineStoreTotalSizeBytes: 4096 };
  });
  sagemaker.on(DeleteFeatureGroupCommand).callsFake((i) => {
    a.write('DeleteFeatureGroup', 'sagemaker:feature-group', i.FeatureGroupName);
    a.startDeleting(a.get('sagemaker:feature-group', i.FeatureGroupName)!, 1);
    return {};
  });
  sagemaker.on(ListHyperParameterTuningJobsCommand).callsFake((i) => ({ HyperParameterTuningJobSummaries: byStatus('sagemaker:hyper-parameter-tuning-job', i).map((r) => ({ HyperParameterTuningJobName: r.name, HyperParameterTuningJobArn: arn('sagemaker', `hyper-parameter-tuning-job/${r.name}`), HyperParameterTuningJobStatus: r.status, Strategy: 'Bayesian', CreationTime: new Date(), TrainingJobStatusCounters: {}, ObjectiveStatusCounters: {}, ResourceLimits: { MaxParallelTrainingJobs: 1 } })) }));
  // Processing and transform jobs: listed from the account by status, like training jobs.
  sagemaker.on(ListProcessingJobsCommand).callsFake((i) => ({ ProcessingJobSummaries: byStatus('sagemaker:processing-job', i).map((r) => ({ ProcessingJobName: r.name, ProcessingJobArn: arn('sagemaker', `processing-job/${r.name}`), ProcessingJobStatus: r.status, CreationTime: new Date() })) }));
  sagemaker.on(ListTransformJobsCommand).callsFake((i) => ({ TransformJobSummaries: byStatus('sagemaker:transform-job', i).map((r) => ({ TransformJobName: r.name, TransformJobArn: arn('sagemaker', `transform-job/${r.name}`), TransformJobStatus: r.status, CreationTime: new Date() })) }));
  for (const [cmd, key] of [[ListNotebookInstancesCommand, 'NotebookInstances']] as const) {
    sagemaker.on(cmd as any).resolves({ [key]: [] });
  }
  sagemaker.on(ListPipelinesCommand).callsFake((i) => ({ PipelineSummaries: a.all('sagemaker:pipeline').filter((r) => r.name.startsWith(i.PipelineNamePrefix ?? '')).map((r) => ({ PipelineName: r.name, PipelineArn: arn('sagemaker', `pipeline/${r.name}`) })) }));
  sagemaker.on(ListModelPackageGroupsCommand).callsFake((i) => ({ ModelPackageGroupSummaryList: a.all('sagemaker:model-package-group').filter((r) => r.name.includes(i.NameContains ?? '')).map((r) => ({ ModelPackageGroupName: r.name, ModelPackageGroupArn: arn('sagemaker', `model-package-group/${r.name}`), ModelPackageGroupStatus: r.status, CreationTime: new Date() })) }));
  const inDomain = (kind: string, domain: string) => a.all(kind).filter((r) => r.props.domain === domain);
  sagemaker.on(DescribeDomainCommand).callsFake((i) => {
    const d = a.get('sagemaker:domain', i.DomainId);
    if (!d) throw notFound('ResourceNotFound', `Domain ${i.DomainId} not found`);
    if (d.status === 'Deleting') a.deletingPolls.set(d.name, (a.deletingPolls.get(d.name) ?? 0) + 1);
    return { DomainId: d.name, DomainArn: arn('sagemaker', `domain/${d.name}`), Status: d.status, VpcId: d.props.vpcId, HomeEfsFileSystemId: d.props.efs };
  });
  sagemaker.on(ListAppsCommand).callsFake((i) => ({ Apps: inDomain('sagemaker:app', i.DomainIdEquals).map((r) => ({ DomainId: r.props.domain, UserProfileName: r.props.profile, SpaceName: r.props.space, AppType: r.props.type, AppName: r.props.app, Status: r.status, ResourceSpec: { InstanceType: r.props.instance } })) }));
  sagemaker.on(ListSpacesCommand).callsFake((i) => ({ Spaces: inDomain('sagemaker:space', i.DomainIdEquals).map((r) => ({ DomainId: r.props.domain, SpaceName: r.props.name, Status: r.status, OwnershipSettingsSummary: { OwnerUserProfileName: r.props.owner } })) }));
  sagemaker.on(ListUserProfilesCommand).callsFake((i) => ({ UserProfiles: inDomain('sagemaker:user-profile', i.DomainIdEquals).map((r) => ({ DomainId: r.props.domain, UserProfileName: r.props.name, Status: r.status })) }));
  sagemaker.on(DeleteAppCommand).callsFake((i) => {
    const owner = i.SpaceName ?? i.UserProfileName;
    const name = `${i.DomainId}/${owner}/${i.AppType}/${i.AppName}`;
    a.write('DeleteApp', 'sagemaker:app', name);
    a.startDeleting(a.get('sagemaker:app', name)!, 2);
    return {};
  });
  sagemaker.on(DeleteSpaceCommand).callsFake((i) => {
    if (inDomain('sagemaker:app', i.DomainId).some((r) => r.props.space === i.SpaceName)) throw awsError('ResourceInUse', 'space has apps');
    a.write('DeleteSpace', 'sagemaker:space', `${i.DomainId}/${i.SpaceName}`);
    a.startDeleting(a.get('sagemaker:space', `${i.DomainId}/${i.SpaceName}`)!, 2);
    return {};
  });
  sagemaker.on(DeleteUserProfileCommand).callsFake((i) => {
    const busy = inDomain('sagemaker:app', i.DomainId).some((r) => r.props.profile === i.UserProfileName) || inDomain('sagemaker:space', i.DomainId).some((r) => r.props.owner === i.UserProfileName);
    if (busy) throw awsError('ResourceInUse', 'profile has apps or spaces');
    a.write('DeleteUserProfile', 'sagemaker:user-profile', `${i.DomainId}/${i.UserProfileName}`);
    a.startDeleting(a.get('sagemaker:user-profile', `${i.DomainId}/${i.UserProfileName}`)!, 2);
    return {};
  });
  sagemaker.on(DeleteDomainCommand).callsFake((i) => {
    if (['sagemaker:app', 'sagemaker:space', 'sagemaker:user-profile'].some((k) => inDomain(k, i.DomainId).length > 0)) throw awsError('ResourceInUse', 'domain is not empty');
    a.write('DeleteDomain', 'sagemaker:domain', i.DomainId);
    a.startDeleting(a.get('sagemaker:domain', i.DomainId)!, 4);
    // RetentionPolicy Delete: SageMaker deletes the home EFS itself; the mount target and NFS groups stay behind.
    if (i.RetentionPolicy?.HomeEfsFileSystem !== 'Delete') throw new Error('teardown must delete the home EFS with the domain');
    return {};
  });

  // --- Kinesis
  kinesis.on(ListStreamsCommand).callsFake(() => ({ StreamNames: a.all('kinesis:stream').map((r) => r.name), HasMoreStreams: false }));
  kinesis.on(DescribeStreamSummaryCommand).callsFake((i) => {
    const r = a.get('kinesis:stream', i.StreamName ?? streamOfArn(i.StreamARN ?? ''));
    if (!r) throw notFound('ResourceNotFoundException');
    return { StreamDescriptionSummary: { StreamName: r.name, StreamARN: streamArn(r.name), StreamStatus: r.status, OpenShardCount: r.props.shards, RetentionPeriodHours: 24, StreamModeDetails: { StreamMode: 'PROVISIONED' } } };
  });
  kinesis.on(ListStreamConsumersCommand).callsFake((i) => {
    const stream = streamOfArn(i.StreamARN);
    if (!a.get('kinesis:stream', stream)) throw notFound('ResourceNotFoundException');
    return { Consumers: a.all('kinesis:consumer').filter((r) => r.props.stream === stream).map((r) => ({ ConsumerName: r.props.name, ConsumerARN: `${streamArn(stream)}/consumer/${r.props.name}:1`, ConsumerStatus: r.status, ConsumerCreationTimestamp: new Date() })) };
  });
  kinesis.on(DeregisterStreamConsumerCommand).callsFake((i) => {
    const name = `${streamOfArn(i.StreamARN)}/${i.ConsumerName}`;
    a.write('DeregisterStreamConsumer', 'kinesis:consumer', name);
    a.startDeleting(a.get('kinesis:consumer', name)!, 2, 'DELETING');
    return {};
  });
  kinesis.on(DeleteStreamCommand).callsFake((i) => {
    if (a.all('kinesis:consumer').some((r) => r.props.stream === i.StreamName)) throw awsError('ResourceInUseException', 'stream has consumers');
    a.write('DeleteStream', 'kinesis:stream', i.StreamName);
    a.startDeleting(a.get('kinesis:stream', i.StreamName)!, 1, 'DELETING');
    return {};
  });

  // --- Firehose
  firehose.on(ListDeliveryStreamsCommand).callsFake((i) => {
    // Two pages of at most 4, to exercise paging by the last name.
    const names = a.all('firehose:delivery-stream').map((r) => r.name).sort();
    const from = i.ExclusiveStartDeliveryStreamName ? names.indexOf(i.ExclusiveStartDeliveryStreamName) + 1 : 0;
    const page = names.slice(from, from + 4);
    return { DeliveryStreamNames: page, HasMoreDeliveryStreams: from + 4 < names.length };
  });
  firehose.on(DescribeDeliveryStreamCommand).callsFake((i) => {
    const r = a.get('firehose:delivery-stream', i.DeliveryStreamName);
    if (!r) throw notFound('ResourceNotFoundException');
    return { DeliveryStreamDescription: { DeliveryStreamName: r.name, DeliveryStreamStatus: r.status } };
  });
  firehose.on(DeleteDeliveryStreamCommand).callsFake((i) => {
    a.write('DeleteDeliveryStream', 'firehose:delivery-stream', i.DeliveryStreamName);
    a.startDeleting(a.get('firehose:delivery-stream', i.DeliveryStreamName)!, 2, 'DELETING');
    return {};
  });

  // --- Glue and Athena
  glue.on(GetCrawlersCommand).callsFake(() => ({ Crawlers: a.all('glue:crawler').map((r) => ({ Name: r.name, State: r.status })) }));
  glue.on(ListDataQualityRulesetsCommand).callsFake(() => ({ Rulesets: a.all('glue:data-quality-ruleset').map((r) => ({ Name: r.name })) }));
  glue.on(DeleteDataQualityRulesetCommand).callsFake((i) => {
    if (!a.get('glue:data-quality-ruleset', i.Name)) throw notFound('EntityNotFoundException');
    a.write('DeleteDataQualityRuleset', 'glue:data-quality-ruleset', i.Name);
    a.removeNow(a.get('glue:data-quality-ruleset', i.Name)!);
    return {};
  });
  glue.on(GetJobsCommand).callsFake(() => ({ Jobs: a.all('glue:job').map((r) => ({ Name: r.name })) }));
  glue.on(GetCrawlerCommand).callsFake((i) => {
    const r = a.get('glue:crawler', i.Name);
    if (!r) throw notFound('EntityNotFoundException');
    return { Crawler: { Name: r.name, State: r.status } };
  });
  glue.on(StopCrawlerCommand).callsFake((i) => {
    a.write('StopCrawler', 'glue:crawler', i.Name);
    const r = a.get('glue:crawler', i.Name)!;
    r.status = 'STOPPING';
    setStatusAfterTicks(a, r, 2, 'READY');
    return {};
  });
  glue.on(DeleteCrawlerCommand).callsFake((i) => {
    const r = a.get('glue:crawler', i.Name)!;
    if (r.status !== 'READY') throw awsError('CrawlerRunningException', 'crawler is running');
    a.write('DeleteCrawler', 'glue:crawler', i.Name);
    a.removeNow(r);
    return {};
  });
  glue.on(GetJobCommand).callsFake((i) => {
    if (!a.get('glue:job', i.JobName)) throw notFound('EntityNotFoundException');
    return { Job: { Name: i.JobName } };
  });
  glue.on(DeleteJobCommand).callsFake((i) => {
    a.write('DeleteJob', 'glue:job', i.JobName);
    a.removeNow(a.get('glue:job', i.JobName)!);
    return { JobName: i.JobName };
  });
  glue.on(GetDatabaseCommand).callsFake((i) => {
    if (!a.get('glue:database', i.Name)) throw notFound('EntityNotFoundException');
    return { Database: { Name: i.Name } };
  });
  glue.on(DeleteDatabaseCommand).callsFake((i) => {
    if (a.all('glue:table').some((t) => t.props.db === i.Name)) throw new Error('teardown deletes the tables it planned before their database');
    a.write('DeleteDatabase', 'glue:database', i.Name);
    a.removeNow(a.get('glue:database', i.Name)!);
    return {};
  });
  glue.on(GetTablesCommand).callsFake((i) => ({ TableList: a.all('glue:table').filter((r) => r.props.db === i.DatabaseName).map((r) => ({ Name: r.props.name, DatabaseName: r.props.db })) }));
  glue.on(GetTableCommand).callsFake((i) => {
    const r = a.get('glue:table', `${i.DatabaseName}.${i.Name}`);
    if (!r) throw notFound('EntityNotFoundException');
    return { Table: { Name: r.props.name, DatabaseName: r.props.db } };
  });
  glue.on(DeleteTableCommand).callsFake((i) => {
    a.write('DeleteTable', 'glue:table', `${i.DatabaseName}.${i.Name}`);
    a.removeNow(a.get('glue:table', `${i.DatabaseName}.${i.Name}`)!);
    return {};
  });
  athena.on(ListNamedQueriesCommand).callsFake((i) => ({ NamedQueryIds: a.all('athena:named-query').filter((r) => r.props.wg === i.WorkGroup).map((r) => r.name) }));
  athena.on(BatchGetNamedQueryCommand).callsFake((i) => ({
    NamedQueries: (i.NamedQueryIds ?? []).map((id: string) => a.get('athena:named-query', id)).filter(Boolean).map((r: Res) => ({ NamedQueryId: r.name, Name: r.props.name, Database: 'churn_db', QueryString: 'select 1', WorkGroup: r.props.wg })),
  }));
  athena.on(DeleteNamedQueryCommand).callsFake((i) => {
    a.write('DeleteNamedQuery', 'athena:named-query', i.NamedQueryId);
    const r = a.get('athena:named-query', i.NamedQueryId);
    if (r) a.removeNow(r);
    return {};
  });

  // --- S3 and Logs
  const versionedBuckets = new Set(['churn-versioned']);
  s3.on(GetBucketVersioningCommand).callsFake((i) => (versionedBuckets.has(i.Bucket) ? { Status: 'Enabled' } : {}));
  s3.on(ListObjectVersionsCommand).callsFake((i) => {
    const versions = a.all('s3:object').filter((r) => r.props.bucket === i.Bucket);
    return { Versions: versions.filter((r) => !r.props.versionId.startsWith('dm')).map((r) => ({ Key: r.props.key, VersionId: r.props.versionId, Size: r.props.size })), DeleteMarkers: versions.filter((r) => r.props.versionId.startsWith('dm')).map((r) => ({ Key: r.props.key, VersionId: r.props.versionId })), IsTruncated: false };
  });
  s3.on(ListObjectsV2Command).callsFake((i) => {
    if (versionedBuckets.has(i.Bucket)) throw new Error('a versioned bucket is emptied by its versions');
    const objects = a.all('s3:object').filter((r) => r.props.bucket === i.Bucket);
    return { Contents: objects.map((r) => ({ Key: r.props.key, Size: r.props.size })), KeyCount: objects.length, IsTruncated: false };
  });
  s3.on(DeleteObjectsCommand).callsFake((i) => {
    for (const o of i.Delete.Objects) {
      const name = o.VersionId ? `${i.Bucket}/${o.Key}#${o.VersionId}` : `${i.Bucket}/${o.Key}`;
      a.write('DeleteObjects', 's3:object', name);
      a.removeNow(a.get('s3:object', name)!);
    }
    return { Deleted: i.Delete.Objects };
  });
  logs.on(DescribeLogGroupsCommand).callsFake((i) => ({
    logGroups: a.all('logs:log-group').filter((r) => r.name.startsWith(i.logGroupNamePrefix ?? '')).map((r) => ({ logGroupName: r.name, storedBytes: r.props.bytes ?? 0 })),
  }));
  logs.on(DeleteLogGroupCommand).callsFake((i) => {
    const r = a.get('logs:log-group', i.logGroupName);
    if (!r) throw notFound('ResourceNotFoundException');
    a.write('DeleteLogGroup', 'logs:log-group', i.logGroupName);
    a.removeNow(r);
    for (const s of a.all('logs:log-stream').filter((x) => x.props.group === i.logGroupName)) a.removeNow(s);
    return {};
  });
  logs.on(DescribeLogStreamsCommand).callsFake((i) => {
    if (!a.get('logs:log-group', i.logGroupName)) throw notFound('ResourceNotFoundException', 'The specified log group does not exist.');
    const streams = a.all('logs:log-stream').filter((r) => r.props.group === i.logGroupName && r.props.stream.startsWith(i.logStreamNamePrefix ?? ''));
    return { logStreams: streams.map((r) => ({ logStreamName: r.props.stream })) };
  });
  logs.on(DeleteLogStreamCommand).callsFake((i) => {
    const r = a.get('logs:log-stream', `${i.logGroupName}#${i.logStreamName}`);
    if (!r) throw notFound('ResourceNotFoundException');
    a.write('DeleteLogStream', 'logs:log-stream', r.name);
    a.removeNow(r);
    return {};
  });

  // --- CloudWatch alarms and Application Auto Scaling (metric alarms only; no composite alarm references them)
  cloudwatch.on(DescribeAlarmsCommand).callsFake((i) => {
    if (i.ParentsOfAlarmName) return { CompositeAlarms: [] };
    const named = (n: string) => (i.AlarmNames ? i.AlarmNames.includes(n) : n.startsWith(i.AlarmNamePrefix ?? ''));
    return { MetricAlarms: a.all('cloudwatch:alarm').filter((r) => named(r.name)).map((r) => ({ AlarmName: r.name, StateValue: r.status, Period: 60 })) };
  });
  cloudwatch.on(DeleteAlarmsCommand).callsFake((i) => {
    for (const name of i.AlarmNames ?? []) {
      const r = a.get('cloudwatch:alarm', name);
      if (!r) continue;
      a.write('DeleteAlarms', 'cloudwatch:alarm', name);
      a.removeNow(r);
    }
    return {};
  });
  const scalingOf = (kind: string, namespace: string) => a.all(kind).filter((r) => r.props.namespace === namespace);
  scaling.on(DescribeScalableTargetsCommand).callsFake((i) => ({
    ScalableTargets: scalingOf('application-autoscaling:scalable-target', i.ServiceNamespace).map((r) => ({ ServiceNamespace: r.props.namespace, ResourceId: r.name, ScalableDimension: r.props.dimension, MinCapacity: 1, MaxCapacity: 2, RoleARN: 'r', CreationTime: new Date() })),
  }));
  scaling.on(DescribeScalingPoliciesCommand).callsFake((i) => ({
    ScalingPolicies: scalingOf('application-autoscaling:scaling-policy', i.ServiceNamespace).map((r) => ({ PolicyName: r.props.policy, PolicyARN: 'p', ServiceNamespace: r.props.namespace, ResourceId: r.props.resourceId, ScalableDimension: r.props.dimension, PolicyType: 'TargetTrackingScaling', CreationTime: new Date() })),
  }));
  scaling.on(DeleteScalingPolicyCommand).callsFake((i) => {
    const r = a.get('application-autoscaling:scaling-policy', `${i.ResourceId}|${i.PolicyName}`);
    if (!r) throw notFound('ObjectNotFoundException');
    a.write('DeleteScalingPolicy', 'application-autoscaling:scaling-policy', r.name);
    a.removeNow(r);
    return {};
  });
  scaling.on(DeregisterScalableTargetCommand).callsFake((i) => {
    const r = a.get('application-autoscaling:scalable-target', i.ResourceId);
    if (!r) throw notFound('ObjectNotFoundException');
    a.write('DeregisterScalableTarget', 'application-autoscaling:scalable-target', r.name);
    a.removeNow(r);
    return {};
  });

  // --- EC2 and EFS (Studio leftovers in the lab VPC)
  const groupById = (id: string) => a.all('ec2:security-group').find((r) => r.props.id === id);
  ec2.on(DescribeSecurityGroupsCommand).callsFake((i) => {
    const vpc = i.Filters.find((f: any) => f.Name === 'vpc-id')?.Values ?? [];
    const names = i.Filters.find((f: any) => f.Name === 'group-name')?.Values ?? ['*'];
    return { SecurityGroups: a.all('ec2:security-group').filter((r) => vpc.includes(r.props.vpc) && names.some((n: string) => glob(n, r.name))).map((r) => ({ GroupId: r.props.id, GroupName: r.name, VpcId: r.props.vpc })) };
  });
  ec2.on(DescribeSecurityGroupRulesCommand).callsFake((i) => {
    const g = groupById(i.Filters[0].Values[0]);
    return { SecurityGroupRules: (g?.props.rules ?? []).map((id: string) => ({ SecurityGroupRuleId: id, GroupId: g!.props.id, IsEgress: id.endsWith('outbound') })) };
  });
  for (const [cmd, op] of [[RevokeSecurityGroupIngressCommand, 'RevokeSecurityGroupIngress'], [RevokeSecurityGroupEgressCommand, 'RevokeSecurityGroupEgress']] as const) {
    ec2.on(cmd as any).callsFake((i: any) => {
      const g = groupById(i.GroupId)!;
      a.write(op, 'ec2:security-group', g.name);
      g.props.rules = g.props.rules.filter((r: string) => !i.SecurityGroupRuleIds.includes(r));
      return {};
    });
  }
  ec2.on(DeleteSecurityGroupCommand).callsFake((i) => {
    const g = groupById(i.GroupId);
    if (!g) throw awsError('InvalidGroup.NotFound');
    if (a.all('efs:mount-target').length && a.all('efs:mount-target').some((m) => a.get('efs:file-system', m.props.fs)?.props.domainArn?.endsWith(g.name.replace(/^.*nfs-/, 'domain/')))) throw awsError('DependencyViolation');
    a.write('DeleteSecurityGroup', 'ec2:security-group', g.name);
    a.removeNow(g);
    return {};
  });
  ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: 'us-east-1' }, { RegionName: 'eu-west-1' }] });
  efs.on(DescribeFileSystemsCommand).callsFake((i) => {
    const all = a.all('efs:file-system').filter((r) => !i.FileSystemId || r.name === i.FileSystemId);
    if (i.FileSystemId && all.length === 0) throw awsError('FileSystemNotFound');
    return { FileSystems: all.map((r) => ({ FileSystemId: r.name, LifeCycleState: r.status, Tags: [{ Key: 'ManagedByAmazonSageMakerResource', Value: r.props.domainArn }] })) };
  });
  efs.on(DescribeMountTargetsCommand).callsFake((i) => ({ MountTargets: a.all('efs:mount-target').filter((r) => r.props.fs === i.FileSystemId).map((r) => ({ MountTargetId: r.name, FileSystemId: r.props.fs, SubnetId: 'subnet-lab', LifeCycleState: r.status })) }));
  efs.on(DeleteMountTargetCommand).callsFake((i) => {
    a.write('DeleteMountTarget', 'efs:mount-target', i.MountTargetId);
    a.startDeleting(a.get('efs:mount-target', i.MountTargetId)!, 2, 'deleting');
    return {};
  });
  efs.on(DeleteFileSystemCommand).callsFake((i) => {
    if (a.all('efs:mount-target').some((m) => m.props.fs === i.FileSystemId)) throw awsError('FileSystemInUse');
    a.write('DeleteFileSystem', 'efs:file-system', i.FileSystemId);
    a.startDeleting(a.get('efs:file-system', i.FileSystemId)!, 1, 'deleting');
    return {};
  });
}

/** Status changes that are not deletions (a job stopping) also move on with the ticks. */
function setStatusAfterTicks(a: FakeAccount, r: Res, ticks: number, status: string): void {
  const original = a.tick.bind(a);
  let left = ticks;
  a.tick = () => {
    original();
    if (left > 0 && --left === 0) r.status = status;
  };
}

/**
 * The stack's deletion as CloudFormation would do it: it fails while SageMaker's leftovers sit in
 * the VPC, the bucket has objects, the stream has consumers or the domain is not empty.
 */
export function fakeDestroyStack(a: FakeAccount): (stackName: string) => Promise<void> {
  return async (stackName) => {
    a.stackDestroyCalls++;
    expect(stackName).toBe(STACK);
    const blockers = [
      ...a.all('s3:object').filter((r) => r.props.bucket === 'mllab-churn-lab-bucket'),
      ...a.all('kinesis:consumer').filter((r) => r.props.stream === 'mllab-churn-lab-stream'),
      ...a.all('ec2:security-group').filter((r) => r.props.vpc === 'vpc-lab'),
      ...a.all('sagemaker:user-profile').filter((r) => r.props.domain === 'd-lab1' && r.name !== 'd-lab1/learner'),
    ];
    if (blockers.length > 0) throw awsError('ValidationError', `DELETE_FAILED: ${blockers.map((b) => b.name).join(', ')}`);
    a.write('DeleteStack', 'cloudformation:stack', stackName);
    for (const [type, id] of STACK_RESOURCES) {
      const kind = { 'AWS::Kinesis::Stream': 'kinesis:stream', 'AWS::KinesisFirehose::DeliveryStream': 'firehose:delivery-stream', 'AWS::SageMaker::Domain': 'sagemaker:domain', 'AWS::Glue::Crawler': 'glue:crawler', 'AWS::Logs::LogGroup': 'logs:log-group' }[type];
      const r = kind ? a.get(kind, id) : undefined;
      if (r) a.removeNow(r);
    }
    for (const t of a.all('glue:table').filter((r) => r.props.db === 'churn_db')) a.removeNow(t);
    // The bucket auto-delete function ran while the stack was deleted: Lambda created its log group.
    a.add('logs:log-group', HELPER_LOG_GROUPS.autoDelete, 'lab', { bytes: 512 });
    a.stackExists = false;
  };
}

/** Every write any mocked client received, as `op` + input, straight from the mocks. */
export function writesReceived(): { op: string; input: any }[] {
  const out: { op: string; input: any }[] = [];
  for (const m of Object.values(mocks)) {
    for (const call of (m as AwsStub<any, any, any>).calls()) {
      const command = call.args[0] as any;
      const op = operationNameOf(command);
      if (!isReadOnlyOperation(op)) out.push({ op, input: command.input });
    }
  }
  return out;
}
