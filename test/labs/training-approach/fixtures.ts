// The reference state of the training-approach lab as the SageMaker API describes it: the job the
// SageMaker Python SDK's SKLearn estimator creates (hyperparameters JSON-quoted as the SDK writes
// them), with the source archive and output under the lab's prefixes.
import type { DescribeTrainingJobResponse, TrainingJobSummary } from '@aws-sdk/client-sagemaker';
import { referenceDecisions } from '../../../labs/training-approach/solution';

export const REGION = 'us-east-1';
export const ACCOUNT = '111122223333';
export const BUCKET = 'mllab-training-approach-labbucket-9k8j7h6g5f4d';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/MlLab-training-approach-ExecutionRole`;
/** A SageMaker Python SDK default name for base_job_name 'tickets-sklearn'. */
export const JOB_NAME = 'tickets-sklearn-2026-12-01-02-10-44-512';
export const OLDER_JOB = 'tickets-sklearn-2026-12-01-01-52-03-118';
export const DECISION_KEY = 'decisions/training-approach.json';
export const SOURCE_KEY = `tickets/code/${JOB_NAME}/source/sourcedir.tar.gz`;
export const SOURCE_URI = `s3://${BUCKET}/${SOURCE_KEY}`;
export const ARTEFACT_KEY = `tickets/output/${JOB_NAME}/output/model.tar.gz`;
export const ARTEFACT_URI = `s3://${BUCKET}/${ARTEFACT_KEY}`;
/** The us-east-1 image as the SDK's image_uris.retrieve('sklearn', ..., version='1.2-1') returns it. */
export const SKLEARN_IMAGE = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3';

export function jobSummary(name: string, status: TrainingJobSummary['TrainingJobStatus'], created: string): TrainingJobSummary {
  return { TrainingJobName: name, TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${name}`, CreationTime: new Date(created), TrainingJobStatus: status };
}

/** The hyperparameters the SDK's SKLearn estimator sets for entry_point='train.py', JSON-quoted. */
export function sdkHyperparameters(name = JOB_NAME, sourceUri = SOURCE_URI): Record<string, string> {
  return {
    sagemaker_program: '"train.py"',
    sagemaker_submit_directory: JSON.stringify(sourceUri),
    sagemaker_container_log_level: '20',
    sagemaker_job_name: JSON.stringify(name),
    sagemaker_region: '"us-east-1"',
    'n-estimators': '200',
  };
}

/** What DescribeTrainingJob returns for the reference job. */
export function referenceJob(overrides: Partial<DescribeTrainingJobResponse> = {}, name = JOB_NAME): DescribeTrainingJobResponse {
  return {
    TrainingJobName: name,
    TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${name}`,
    ModelArtifacts: { S3ModelArtifacts: `s3://${BUCKET}/tickets/output/${name}/output/model.tar.gz` },
    TrainingJobStatus: 'Completed',
    SecondaryStatus: 'Completed',
    HyperParameters: sdkHyperparameters(name),
    AlgorithmSpecification: { TrainingImage: SKLEARN_IMAGE, TrainingInputMode: 'File', EnableSageMakerMetricsTimeSeries: false },
    RoleArn: ROLE_ARN,
    InputDataConfig: [
      { ChannelName: 'train', CompressionType: 'None', RecordWrapperType: 'None', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${BUCKET}/tickets/train`, S3DataDistributionType: 'FullyReplicated' } } },
    ],
    OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/tickets/output` },
    ResourceConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1, VolumeSizeInGB: 30 },
    StoppingCondition: { MaxRuntimeInSeconds: 900, MaxWaitTimeInSeconds: 1800 },
    EnableManagedSpotTraining: true,
    CreationTime: new Date('2026-12-01T02:10:44Z'),
    TrainingTimeInSeconds: 212,
    BillableTimeInSeconds: 64,
    ...overrides,
  };
}

/** The decision record, with `changes` over the reference choices. */
export function decisionsJson(changes: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...referenceDecisions(), ...changes });
}
