import { join } from 'node:path';
import { Arn, CfnMapping, CustomResource, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, type IConstruct } from 'constructs';
import type { PlantedJobProperties } from '../cleanup/planted-training-jobs';
import { acknowledgeWildcardResources, nagRef } from './nag';
import type { PlantedTrainingJobsSpec } from '../model';

export type { PlantedTrainingJob, PlantedTrainingJobsSpec } from '../model';

export interface PlantedTrainingJobsProps extends PlantedTrainingJobsSpec {
  /** The lab bucket holding the jobs' data and receiving their output. */
  readonly bucket: s3.IBucket;
  /**
   * The training image.
   * @default - built-in XGBoost 1.7-1 in the stack's region
   */
  readonly trainingImage?: string;
  /**
   * Tags for the training jobs (CloudFormation's stack tags do not reach resources a function creates).
   * @default - no tags
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Constructs the jobs must start after, such as the deployment of their data.
   * @default - none
   */
  readonly after?: readonly IConstruct[];
}

/**
 * Registry accounts of built-in XGBoost, a subset of regions; the image is
 * `<account>.dkr.ecr.<region>.amazonaws.com/sagemaker-xgboost:1.7-1`.
 * https://docs.aws.amazon.com/sagemaker/latest/dg-ecr-paths/sagemaker-algo-docker-registry-paths.html
 */
const XGBOOST_ACCOUNTS: Readonly<Record<string, string>> = {
  'us-east-1': '683313688378',
  'us-east-2': '257758044811',
  'us-west-2': '246618743249',
  'eu-west-1': '141502667606',
  'eu-central-1': '492215442770',
  'ap-northeast-1': '354813040037',
};

const DEFAULT_NAME_PREFIX = 'broken-';
/** The role's own inline policy, which CloudFormation deletes with the role. */
export const PLANTED_ROLE_POLICY_NAME = 'planted-training-access';
const DEFAULT_INSTANCE_TYPE = 'ml.m5.large';
const DEFAULT_RUNTIME_SECONDS = 900;
/** API_StoppingCondition: MaxRuntimeInSeconds is 1 to 2,419,200 (28 days). */
const MAX_RUNTIME_LIMIT = 2_419_200;
/** Training job names: 1 to 63 characters, `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}` (API_CreateTrainingJob); the suffix takes 8. */
const NAME_PREFIX = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*-$/;

/**
 * Starts training jobs configured to fail (a "break-it" lab's planted faults) from a custom
 * resource at deploy time, with an execution role that reads only the stated prefixes. On delete
 * the custom resource stops the jobs still running; finished jobs stay, as SageMaker keeps them.
 */
export class PlantedTrainingJobs extends Construct {
  public readonly role: iam.Role;
  public readonly resource: CustomResource;
  public readonly onEventFunction: lambda.Function;

  constructor(scope: Construct, id: string, props: PlantedTrainingJobsProps) {
    super(scope, id);
    const namePrefix = props.namePrefix ?? DEFAULT_NAME_PREFIX;
    if (props.jobs.length < 1 || props.jobs.length > 9) throw new Error(`jobs must hold 1 to 9 jobs, got ${props.jobs.length}`);
    if (!NAME_PREFIX.test(namePrefix) || namePrefix.length > 50) throw new Error(`namePrefix must be letters, digits and hyphens ending in '-', at most 50 characters, got '${namePrefix}'`);
    for (const job of props.jobs) {
      const runtime = job.maxRuntimeSeconds ?? DEFAULT_RUNTIME_SECONDS;
      if (!Number.isInteger(runtime) || runtime < 1 || runtime > MAX_RUNTIME_LIMIT) throw new Error(`maxRuntimeSeconds must be an integer between 1 and ${MAX_RUNTIME_LIMIT}, got ${runtime}`);
    }
    for (const prefix of [...props.readPrefixes, props.outputPrefix, ...props.jobs.map((j) => j.trainPrefix)]) {
      if (!prefix.endsWith('/') || prefix.startsWith('/')) throw new Error(`key prefixes must end with '/' and not start with it, got '${prefix}'`);
    }
    const stack = Stack.of(this);

    const objects = (prefix: string) => props.bucket.arnForObjects(`${prefix}*`);
    const logGroup = `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:/aws/sagemaker/TrainingJobs`;
    const access = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({ sid: 'ReadStatedPrefixes', actions: ['s3:GetObject'], resources: props.readPrefixes.map(objects) }),
        new iam.PolicyStatement({ sid: 'ListLabBucket', actions: ['s3:ListBucket'], resources: [props.bucket.bucketArn] }),
        new iam.PolicyStatement({ sid: 'WriteModels', actions: ['s3:PutObject'], resources: [objects(props.outputPrefix)] }),
        // CloudWatch Logs and metrics a training job writes.
        // https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html#sagemaker-roles-createtrainingjob-perms
        new iam.PolicyStatement({ sid: 'TrainingLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:CreateLogGroup', 'logs:DescribeLogStreams'], resources: [logGroup, `${logGroup}:*`] }),
        new iam.PolicyStatement({ sid: 'TrainingMetrics', actions: ['cloudwatch:PutMetricData'], resources: ['*'], conditions: { StringLike: { 'cloudwatch:namespace': '/aws/sagemaker/*' } } }),
      ],
    });
    // The role SageMaker assumes: it reads only the stated prefixes, so a channel elsewhere fails to download.
    // An inline policy of the role itself, so the delete can tell it from what was added later.
    // https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
      description: 'Execution role of the planted training jobs; it lacks read access to some data on purpose.',
      inlinePolicies: { [PLANTED_ROLE_POLICY_NAME]: access },
    });
    acknowledgeWildcardResources(
      this.role,
      [...props.readPrefixes, props.outputPrefix].map((prefix) => `${nagRef(props.bucket, 'Arn')}/${prefix}*`),
      'Objects under the stated prefixes only; the prefixes left out are the planted fault.',
    );
    acknowledgeWildcardResources(
      this.role,
      ['arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/sagemaker/TrainingJobs:*'],
      'The log streams of training jobs, which SageMaker names after each job.',
    );
    acknowledgeWildcardResources(this.role, ['*'], 'cloudwatch:PutMetricData accepts no resource-level permissions; the condition limits it to SageMaker namespaces.');

    const code = lambda.Code.fromAsset(join(__dirname, '..', 'cleanup'), { exclude: ['*.d.ts', '*.map'] });
    this.onEventFunction = new lambda.Function(this, 'OnEvent', {
      code,
      handler: 'planted-training-jobs.onEvent',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.minutes(2),
      logGroup: new logs.LogGroup(this, 'OnEventLogs', { retention: logs.RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY }),
    });
    const jobArns = Arn.format({ service: 'sagemaker', resource: 'training-job', resourceName: `${namePrefix}*` }, stack);
    this.onEventFunction.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['sagemaker:CreateTrainingJob', 'sagemaker:DescribeTrainingJob', 'sagemaker:StopTrainingJob', 'sagemaker:AddTags'], resources: [jobArns] }),
    );
    this.onEventFunction.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [this.role.roleArn], conditions: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } }),
    );
    if (props.removeAddedRolePolicies) {
      this.onEventFunction.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['iam:ListRolePolicies', 'iam:DeleteRolePolicy', 'iam:ListAttachedRolePolicies', 'iam:DetachRolePolicy'], resources: [this.role.roleArn] }),
      );
    }
    Validations.of(this.onEventFunction).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'The basic execution policy only lets the planting function write its own logs.',
    });
    acknowledgeWildcardResources(this.onEventFunction, [`arn:<AWS::Partition>:sagemaker:<AWS::Region>:<AWS::AccountId>:training-job/${namePrefix}*`], 'Only the planted jobs, whose names end in a suffix chosen at deploy time.');

    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: this.onEventFunction,
      logGroup: new logs.LogGroup(this, 'FrameworkLogs', { retention: logs.RetentionDays.ONE_WEEK, removalPolicy: RemovalPolicy.DESTROY }),
    });
    Validations.of(provider).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'The Provider framework function only writes its own logs with this policy.',
    });
    const frameworkOnEvent = provider.node.findChild('framework-onEvent');
    acknowledgeWildcardResources(provider, [this.onEventFunction, frameworkOnEvent].map((fn) => `${nagRef(fn, 'Arn')}:*`), 'The CDK Provider framework may invoke any version of its own functions.');

    const jobs: PlantedJobProperties[] = props.jobs.map((job) => ({
      TrainS3Uri: `s3://${props.bucket.bucketName}/${job.trainPrefix}`,
      ContentType: job.contentType ?? 'text/csv',
      MaxRuntimeInSeconds: String(job.maxRuntimeSeconds ?? DEFAULT_RUNTIME_SECONDS),
      HyperParameters: { ...(job.hyperParameters ?? { objective: 'binary:logistic', num_round: '10' }) },
    }));
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::MlLabPlantedTrainingJobs',
      properties: {
        NamePrefix: namePrefix,
        RoleArn: this.role.roleArn,
        TrainingImage: props.trainingImage ?? this.xgboostImage(stack),
        InstanceType: props.instanceType ?? DEFAULT_INSTANCE_TYPE,
        OutputS3Uri: `s3://${props.bucket.bucketName}/${props.outputPrefix}`,
        Tags: Object.entries(props.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
        Jobs: jobs,
        ...(props.removeAddedRolePolicies ? { RoleName: this.role.roleName, KeepPolicyName: PLANTED_ROLE_POLICY_NAME } : {}),
      },
    });
    // The jobs must start with the role's policy in place, and after their data is uploaded.
    this.resource.node.addDependency(this.role);
    for (const construct of props.after ?? []) this.resource.node.addDependency(construct);
  }

  private xgboostImage(stack: Stack): string {
    if (!Token.isUnresolved(stack.region)) {
      const account = XGBOOST_ACCOUNTS[stack.region];
      if (!account) throw new Error(`no built-in XGBoost registry account recorded for ${stack.region}; pass trainingImage`);
      // Every region in the table is in the aws partition.
      return `${account}.dkr.ecr.${stack.region}.amazonaws.com/sagemaker-xgboost:1.7-1`;
    }
    const mapping = new CfnMapping(this, 'XgboostAccounts', { mapping: Object.fromEntries(Object.entries(XGBOOST_ACCOUNTS).map(([r, a]) => [r, { account: a }])) });
    return `${mapping.findInMap(stack.region, 'account')}.dkr.ecr.${stack.region}.${stack.urlSuffix}/sagemaker-xgboost:1.7-1`;
  }
}
