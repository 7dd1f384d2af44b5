// Reference solution of the secure-training lab: the key, the security group, the execution role
// and the training job that pass every requirement. Works against a real account with the lab stack
// deployed; the tests use only its pure parts (the role policy and the job request). Kept out of the
// README on purpose.
import { AuthorizeSecurityGroupEgressCommand, CreateSecurityGroupCommand, DescribeManagedPrefixListsCommand, RevokeSecurityGroupEgressCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { CreateRoleCommand, PutRolePolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import { CreateAliasCommand, CreateKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { CreateTrainingJobCommand, waitUntilTrainingJobCompletedOrStopped, type CreateTrainingJobCommandInput, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import { xgboostImageUri } from '../xgboost-builtin/solution';
import { DATA_PREFIX, KEY_ALIAS, lab, OUTPUT_PREFIX, TRAINING_INSTANCE_TYPES, TRAINING_JOB_PREFIX } from './lab';

export interface Account {
  readonly region: string;
  readonly accountId: string;
  /** @default 'aws' */
  readonly partition?: string;
}

/**
 * The execution role's permissions: S3 scoped to the lab's two prefixes (what R4 judges), plus what
 * a VPC training job with a customer managed key needs: its logs and metrics, network interfaces in
 * the VPC, and the key. https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html
 * (CreateTrainingJob API: execution role permissions)
 */
export function referenceRolePolicy(o: Account & { readonly bucket: string; readonly keyArn: string }): object {
  const p = o.partition ?? 'aws';
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ReadTrainingData', Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:${p}:s3:::${o.bucket}/${DATA_PREFIX}*` },
      { Sid: 'ListTrainingData', Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:${p}:s3:::${o.bucket}`, Condition: { StringLike: { 's3:prefix': [`${DATA_PREFIX}*`] } } },
      { Sid: 'WriteModel', Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: `arn:${p}:s3:::${o.bucket}/${OUTPUT_PREFIX}*` },
      { Sid: 'UseLabKey', Effect: 'Allow', Action: ['kms:CreateGrant', 'kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'], Resource: o.keyArn },
      {
        Sid: 'Logs',
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        Resource: `arn:${p}:logs:${o.region}:${o.accountId}:log-group:/aws/sagemaker/TrainingJobs*`,
      },
      { Sid: 'Metrics', Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: '*', Condition: { StringLike: { 'cloudwatch:namespace': '/aws/sagemaker/*' } } },
      {
        Sid: 'VpcNetworkInterfaces',
        Effect: 'Allow',
        Action: [
          'ec2:CreateNetworkInterface',
          'ec2:CreateNetworkInterfacePermission',
          'ec2:DeleteNetworkInterface',
          'ec2:DeleteNetworkInterfacePermission',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeVpcs',
          'ec2:DescribeDhcpOptions',
          'ec2:DescribeSubnets',
          'ec2:DescribeSecurityGroups',
        ],
        Resource: '*',
      },
    ],
  };
}

export interface TrainingOptions extends Account {
  readonly bucket: string;
  readonly roleArn: string;
  /** Stack output IsolatedSubnetIds, split. */
  readonly subnetIds: readonly string[];
  readonly securityGroupId: string;
  /** The key's ARN (the volume names it by ARN, the output by alias: both spellings count). */
  readonly keyArn: string;
  /** @default 1 */
  readonly instanceCount?: number;
  /** @default - `secure-xgb-<timestamp>` */
  readonly jobName?: string;
}

export function referenceTrainingJob(o: TrainingOptions): CreateTrainingJobCommandInput {
  const instanceCount = o.instanceCount ?? 1;
  return {
    TrainingJobName: o.jobName ?? `${TRAINING_JOB_PREFIX}${new Date().toISOString().replace(/[-:T.Z]/g, '').slice(0, 14)}`,
    AlgorithmSpecification: { TrainingImage: xgboostImageUri(o.region), TrainingInputMode: 'File' },
    RoleArn: o.roleArn,
    HyperParameters: { objective: 'binary:logistic', eval_metric: 'auc', max_depth: '4', eta: '0.2', num_round: '50' },
    InputDataConfig: [
      {
        ChannelName: 'train',
        ContentType: 'text/csv',
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${o.bucket}/${DATA_PREFIX}`, S3DataDistributionType: 'FullyReplicated' } },
      },
    ],
    OutputDataConfig: { S3OutputPath: `s3://${o.bucket}/${OUTPUT_PREFIX}`, KmsKeyId: KEY_ALIAS },
    ResourceConfig: { InstanceType: TRAINING_INSTANCE_TYPES[0], InstanceCount: instanceCount, VolumeSizeInGB: 5, VolumeKmsKeyId: o.keyArn },
    VpcConfig: { Subnets: [...o.subnetIds], SecurityGroupIds: [o.securityGroupId] },
    EnableNetworkIsolation: true,
    EnableInterContainerTrafficEncryption: instanceCount > 1,
    EnableManagedSpotTraining: true,
    StoppingCondition: { MaxRuntimeInSeconds: 900, MaxWaitTimeInSeconds: 1800 },
    Tags: [{ Key: 'mllab:lab', Value: lab.id }],
  };
}

export interface Clients {
  readonly kms: KMSClient;
  readonly ec2: EC2Client;
  readonly iam: IAMClient;
  readonly sagemaker: SageMakerClient;
}

/** Builds everything and trains; returns the job name. `vpcId` and `subnetIds` are the stack's outputs. */
export async function solve(c: Clients, o: Account & { readonly bucket: string; readonly vpcId: string; readonly subnetIds: readonly string[] }): Promise<string> {
  const key = (await c.kms.send(new CreateKeyCommand({ Description: 'secure-training lab key', Tags: [{ TagKey: 'mllab:lab', TagValue: lab.id }] }))).KeyMetadata!;
  await c.kms.send(new CreateAliasCommand({ AliasName: KEY_ALIAS, TargetKeyId: key.KeyId }));

  const groupId = (await c.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'secure-training-job', Description: 'secure-training job: HTTPS to S3 only', VpcId: o.vpcId }))).GroupId!;
  // A new group allows all egress; replace that with HTTPS to S3's prefix list (the gateway endpoint's destination).
  await c.ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
  const s3List = (await c.ec2.send(new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: [`com.amazonaws.${o.region}.s3`] }] }))).PrefixLists?.[0]?.PrefixListId;
  await c.ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: s3List }] }] }));

  const roleName = 'secure-training-job';
  const role = await c.iam.send(
    new CreateRoleCommand({
      RoleName: roleName,
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    }),
  );
  await c.iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: 'secure-training', PolicyDocument: JSON.stringify(referenceRolePolicy({ ...o, keyArn: key.Arn! })) }));

  const input = referenceTrainingJob({ ...o, roleArn: role.Role!.Arn!, securityGroupId: groupId, keyArn: key.Arn! });
  await c.sagemaker.send(new CreateTrainingJobCommand(input));
  await waitUntilTrainingJobCompletedOrStopped({ client: c.sagemaker, maxWaitTime: 1800 }, { TrainingJobName: input.TrainingJobName });
  return input.TrainingJobName!;
}
