// The reference state of the xgboost-builtin lab as the SageMaker API describes it, for the mock
// tests of this lab and of serverless-endpoint (which deploys this job's model).
import type { DescribeTrainingJobResponse, TrainingJobSummary } from '@aws-sdk/client-sagemaker';

export const REGION = 'us-east-1';
export const ACCOUNT = '111122223333';
export const BUCKET = 'mllab-xgboost-builtin-labbucket-1q2w3e4r5t6y';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/MlLab-xgboost-builtin-ExecutionRole`;
export const JOB_NAME = 'churn-xgb-20261125-0912';
export const ARTEFACT_KEY = `churn/output/${JOB_NAME}/output/model.tar.gz`;
export const ARTEFACT_URI = `s3://${BUCKET}/${ARTEFACT_KEY}`;
/** The us-east-1 image; other regions differ only in the registry account. */
export const XGBOOST_IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';

export function jobSummary(name: string, status: TrainingJobSummary['TrainingJobStatus'], created: string): TrainingJobSummary {
  return {
    TrainingJobName: name,
    TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${name}`,
    CreationTime: new Date(created),
    TrainingJobStatus: status,
  };
}

/** What DescribeTrainingJob returns for the reference solution's job (labs/xgboost-builtin/solution.ts). */
export function referenceJob(overrides: Partial<DescribeTrainingJobResponse> = {}, name = JOB_NAME): DescribeTrainingJobResponse {
  const channel = (ChannelName: string, prefix: string) => ({
    ChannelName,
    ContentType: 'text/csv',
    CompressionType: 'None' as const,
    RecordWrapperType: 'None' as const,
    DataSource: { S3DataSource: { S3DataType: 'S3Prefix' as const, S3Uri: `s3://${BUCKET}/${prefix}`, S3DataDistributionType: 'FullyReplicated' as const } },
  });
  return {
    TrainingJobName: name,
    TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${name}`,
    ModelArtifacts: { S3ModelArtifacts: `s3://${BUCKET}/churn/output/${name}/output/model.tar.gz` },
    TrainingJobStatus: 'Completed',
    SecondaryStatus: 'Completed',
    HyperParameters: { objective: 'binary:logistic', eval_metric: 'auc', max_depth: '4', eta: '0.1', subsample: '0.8', num_round: '200' },
    AlgorithmSpecification: { TrainingImage: XGBOOST_IMAGE, TrainingInputMode: 'File', EnableSageMakerMetricsTimeSeries: false },
    RoleArn: ROLE_ARN,
    InputDataConfig: [channel('train', 'churn/train/'), channel('validation', 'churn/validation/')],
    OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/churn/output/` },
    ResourceConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1, VolumeSizeInGB: 5 },
    StoppingCondition: { MaxRuntimeInSeconds: 600, MaxWaitTimeInSeconds: 1800 },
    CreationTime: new Date('2026-11-25T09:12:03Z'),
    TrainingStartTime: new Date('2026-11-25T09:13:41Z'),
    TrainingEndTime: new Date('2026-11-25T09:15:02Z'),
    LastModifiedTime: new Date('2026-11-25T09:15:20Z'),
    FinalMetricDataList: [
      { MetricName: 'train:auc', Value: 0.9602, Timestamp: new Date('2026-11-25T09:14:51Z') },
      { MetricName: 'validation:auc', Value: 0.9163, Timestamp: new Date('2026-11-25T09:14:51Z') },
    ],
    EnableNetworkIsolation: false,
    EnableInterContainerTrafficEncryption: false,
    EnableManagedSpotTraining: true,
    TrainingTimeInSeconds: 81,
    BillableTimeInSeconds: 25,
    ...overrides,
  };
}
