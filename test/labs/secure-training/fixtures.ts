// The secure-training reference state, as the AWS APIs describe it: the job the reference solution
// creates once SageMaker has run it, its security group, the learner's key and the role's policy.
import type { SecurityGroup } from '@aws-sdk/client-ec2';
import type { KeyMetadata } from '@aws-sdk/client-kms';
import type { DescribeTrainingJobResponse, TrainingJobSummary } from '@aws-sdk/client-sagemaker';
import { referenceRolePolicy, referenceTrainingJob } from '../../../labs/secure-training/solution';

export const REGION = 'us-east-1';
export const ACCOUNT = '111122223333';
export const BUCKET = 'mllab-secure-training-labbucketa1b2c3d4-9z8y7x6w5v4u';
export const VPC_ID = 'vpc-0a1b2c3d4e5f67890';
export const SUBNETS = ['subnet-0aa11bb22cc33dd44', 'subnet-0ee55ff66aa77bb88'] as const;
export const ENDPOINT_ID = 'vpce-0123456789abcdef0';
export const SG_ID = 'sg-0f1e2d3c4b5a69788';
export const S3_PREFIX_LIST = 'pl-63a5400a';
export const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
export const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`;
export const ALIAS_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:alias/secure-training`;
export const ROLE_NAME = 'secure-training-job';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${ROLE_NAME}`;
export const JOB_NAME = 'secure-xgb-20261201091503';

export const STACK_OUTPUTS = { LabBucketName: BUCKET, IsolatedVpcId: VPC_ID, IsolatedSubnetIds: SUBNETS.join(','), S3GatewayEndpointId: ENDPOINT_ID };

export function jobSummary(name: string, status: TrainingJobSummary['TrainingJobStatus'], created: string): TrainingJobSummary {
  return { TrainingJobName: name, TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${name}`, CreationTime: new Date(created), TrainingJobStatus: status };
}

/** What DescribeTrainingJob returns for the reference job: the request echoed, and SageMaker's outcome. */
export function referenceJob(overrides: Partial<DescribeTrainingJobResponse> = {}, instanceCount = 1): DescribeTrainingJobResponse {
  const request = referenceTrainingJob({ region: REGION, accountId: ACCOUNT, bucket: BUCKET, roleArn: ROLE_ARN, subnetIds: SUBNETS, securityGroupId: SG_ID, keyArn: KEY_ARN, jobName: JOB_NAME, instanceCount });
  return {
    TrainingJobName: JOB_NAME,
    TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${JOB_NAME}`,
    TrainingJobStatus: 'Completed',
    SecondaryStatus: 'Completed',
    CreationTime: new Date('2026-12-01T09:15:03Z'),
    TrainingTimeInSeconds: 71,
    BillableTimeInSeconds: 22,
    AlgorithmSpecification: request.AlgorithmSpecification,
    RoleArn: request.RoleArn,
    HyperParameters: request.HyperParameters,
    InputDataConfig: request.InputDataConfig,
    OutputDataConfig: request.OutputDataConfig,
    ResourceConfig: request.ResourceConfig,
    VpcConfig: request.VpcConfig,
    EnableNetworkIsolation: request.EnableNetworkIsolation,
    EnableInterContainerTrafficEncryption: request.EnableInterContainerTrafficEncryption,
    EnableManagedSpotTraining: request.EnableManagedSpotTraining,
    StoppingCondition: request.StoppingCondition,
    ModelArtifacts: { S3ModelArtifacts: `s3://${BUCKET}/readmissions/output/${JOB_NAME}/output/model.tar.gz` },
    ...overrides,
  };
}

/** The security group the reference solution leaves: HTTPS to S3's prefix list only. */
export function securityGroup(egress: SecurityGroup['IpPermissionsEgress'] = [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: S3_PREFIX_LIST }] }]): SecurityGroup {
  return { GroupId: SG_ID, GroupName: 'secure-training-job', VpcId: VPC_ID, OwnerId: ACCOUNT, Description: 'secure-training job: HTTPS to S3 only', IpPermissions: [], IpPermissionsEgress: egress };
}

export function keyMetadata(overrides: Partial<KeyMetadata> = {}): KeyMetadata {
  return {
    AWSAccountId: ACCOUNT,
    KeyId: KEY_ID,
    Arn: KEY_ARN,
    CreationDate: new Date('2026-12-01T09:01:00Z'),
    Enabled: true,
    Description: 'secure-training lab key',
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: 'Enabled',
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    KeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: false,
    ...overrides,
  };
}

/** The reference role policy as IAM returns it: URL-encoded JSON (RFC 3986). */
export function encodedPolicy(document: object = referenceRolePolicy({ region: REGION, accountId: ACCOUNT, bucket: BUCKET, keyArn: KEY_ARN })): string {
  return encodeURIComponent(JSON.stringify(document));
}

/** A policy document of S3 statements only, for the alternatives R4 must accept or refuse. */
export function s3Policy(...statements: object[]): object {
  return { Version: '2012-10-17', Statement: statements };
}
