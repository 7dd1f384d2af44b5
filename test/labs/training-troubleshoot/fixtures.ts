// The reference state of the training-troubleshoot lab as the AWS APIs describe it.
import type { DescribeTrainingJobResponse, TrainingJobSummary } from '@aws-sdk/client-sagemaker';
import { readDataPolicy } from '../../../labs/training-troubleshoot/solution';

export const REGION = 'us-east-1';
export const ACCOUNT = '111122223333';
export const BUCKET = 'mllab-training-troubleshoot-labbucket-9z8y7x6w';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/mllab-training-troubleshoot-role`;
export const JOB_NAME = 'fixed-20261201-0310';
export const XGBOOST_IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';
export const FIXED_KEY = 'troubleshoot/fixed/churn.csv';
/** The shipped data's first row (labs/training-troubleshoot/data/clean/churn.csv). */
export const FIRST_ROW = '0,21,47.33,0,0,13.5';
export const HEADER = 'churned,tenure_months,monthly_charges,support_calls_90d,autopay,price_increase_pct';

/** The role's planted policy as GetRolePolicy returns it (URL-encoded): raw/ and sample/ only. */
export const PLANTED_POLICY = encodeURIComponent(
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ReadStatedPrefixes', Effect: 'Allow', Action: 's3:GetObject', Resource: [`arn:aws:s3:::${BUCKET}/troubleshoot/raw/*`, `arn:aws:s3:::${BUCKET}/troubleshoot/sample/*`] },
      { Sid: 'ListLabBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${BUCKET}` },
      { Sid: 'WriteModels', Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${BUCKET}/troubleshoot/output/*` },
    ],
  }),
);
/** The reference solution's fix, URL-encoded as IAM returns it. */
export const FIX_POLICY = encodeURIComponent(readDataPolicy(BUCKET));

export function jobSummary(name: string, status: TrainingJobSummary['TrainingJobStatus'], created: string): TrainingJobSummary {
  return { TrainingJobName: name, TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${name}`, CreationTime: new Date(created), TrainingJobStatus: status };
}

/** What DescribeTrainingJob returns for the reference rerun (labs/training-troubleshoot/solution.ts). */
export function referenceJob(overrides: Partial<DescribeTrainingJobResponse> = {}, name = JOB_NAME): DescribeTrainingJobResponse {
  return {
    TrainingJobName: name,
    TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${name}`,
    ModelArtifacts: { S3ModelArtifacts: `s3://${BUCKET}/troubleshoot/output/${name}/output/model.tar.gz` },
    TrainingJobStatus: 'Completed',
    SecondaryStatus: 'Completed',
    HyperParameters: { objective: 'binary:logistic', num_round: '50' },
    AlgorithmSpecification: { TrainingImage: XGBOOST_IMAGE, TrainingInputMode: 'File' },
    RoleArn: ROLE_ARN,
    InputDataConfig: [
      { ChannelName: 'train', ContentType: 'text/csv', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${BUCKET}/troubleshoot/fixed/`, S3DataDistributionType: 'FullyReplicated' } } },
    ],
    OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/troubleshoot/output/` },
    ResourceConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1, VolumeSizeInGB: 5 },
    StoppingCondition: { MaxRuntimeInSeconds: 900, MaxWaitTimeInSeconds: 1800 },
    CreationTime: new Date('2026-12-01T03:10:00Z'),
    EnableManagedSpotTraining: true,
    ...overrides,
  };
}
