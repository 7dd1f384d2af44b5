// The reference state of vision-algorithms as the checks read it: the decision record, and
// DescribeTrainingJob for the reference solution's job (labs/vision-algorithms/solution.ts) echoed back
// with the outcome SageMaker adds. Field names from the Response Syntax of
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html
import type { DescribeTrainingJobResponse, TrainingJobSummary } from '@aws-sdk/client-sagemaker';
import { REFERENCE_DECISIONS, referenceTrainingJob } from '../../../labs/vision-algorithms/solution';

export const REGION = 'us-east-1';
export const ACCOUNT = '111122223333';
export const BUCKET = 'mllab-vision-algorithms-labbucket-3k5m7n9p1q2r';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/MlLab-vision-algorithms-ExecutionRole`;
/** The SageMaker Python SDK's default name for base_job_name 'shelf-ic'. */
export const JOB_NAME = 'shelf-ic-2026-12-01-02-10-44-512';

export const decisionsJson = (changes: Record<string, unknown> = {}) => JSON.stringify({ ...REFERENCE_DECISIONS, ...changes });

export function jobSummary(name: string, status: TrainingJobSummary['TrainingJobStatus'], created: string): TrainingJobSummary {
  return {
    TrainingJobName: name,
    TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${name}`,
    CreationTime: new Date(created),
    LastModifiedTime: new Date(created),
    TrainingJobStatus: status,
    SecondaryStatus: status as TrainingJobSummary['SecondaryStatus'],
  };
}

/** DescribeTrainingJob for the reference job, Completed on spot, optionally altered. */
export function referenceJob(changes: Partial<DescribeTrainingJobResponse> = {}, name = JOB_NAME): DescribeTrainingJobResponse {
  const request = referenceTrainingJob({ region: REGION, bucket: BUCKET, roleArn: ROLE_ARN, jobName: name });
  return {
    TrainingJobName: name,
    TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${name}`,
    ModelArtifacts: { S3ModelArtifacts: `${request.OutputDataConfig!.S3OutputPath}${name}/output/model.tar.gz` },
    TrainingJobStatus: 'Completed',
    SecondaryStatus: 'Completed',
    HyperParameters: request.HyperParameters!,
    AlgorithmSpecification: request.AlgorithmSpecification!,
    RoleArn: ROLE_ARN,
    InputDataConfig: request.InputDataConfig!.map((c) => ({ ...c, CompressionType: 'None', RecordWrapperType: 'None' })),
    OutputDataConfig: request.OutputDataConfig!,
    ResourceConfig: request.ResourceConfig!,
    StoppingCondition: request.StoppingCondition!,
    EnableManagedSpotTraining: true,
    CreationTime: new Date('2026-12-01T02:10:44Z'),
    TrainingStartTime: new Date('2026-12-01T02:13:01Z'),
    TrainingEndTime: new Date('2026-12-01T02:17:40Z'),
    LastModifiedTime: new Date('2026-12-01T02:17:40Z'),
    FinalMetricDataList: [{ MetricName: 'validation:accuracy', Value: 1, Timestamp: new Date('2026-12-01T02:17:20Z') }],
    TrainingTimeInSeconds: 279,
    BillableTimeInSeconds: 96,
    ...changes,
  };
}
