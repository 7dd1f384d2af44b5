// The reference state of algorithm-choice as SageMaker would describe it: built from the reference
// solution's own CreateTrainingJob requests, so "the solution passes" is tested, not assumed.
import {
  DescribeTrainingJobCommand,
  ListTrainingJobsCommand,
  type CreateTrainingJobCommandInput,
  type DescribeTrainingJobCommandOutput,
} from '@aws-sdk/client-sagemaker';
import type { AwsStub } from 'aws-sdk-client-mock';
import { STACK_OUTPUTS } from '../../../lib/model';
import { PROBLEMS } from '../../../labs/algorithm-choice/problems';
import { referenceJobs } from '../../../labs/algorithm-choice/solution';
import { listTrainingJobsResponse } from '../xgboost-builtin/aws-reference';

export const LAB_ID = 'algorithm-choice';
export const REGION = 'us-east-1';
export const ACCOUNT = '111122223333';
export const BUCKET = 'mllab-algorithm-choice-labbucket-1a2b3c4d';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/MlLab-algorithm-choice-ExecutionRole`;
export const OUTPUTS = { [STACK_OUTPUTS.labBucketName]: BUCKET, [STACK_OUTPUTS.executionRoleArn]: ROLE_ARN };

export const solutionOptions = { region: REGION, bucket: BUCKET, roleArn: ROLE_ARN, suffix: '20260601-0900' };

/** Reference requests by problem id: demand, tickets, rent. */
export function referenceRequests(): Record<'demand' | 'tickets' | 'rent', CreateTrainingJobCommandInput> {
  const [demand, tickets, rent] = referenceJobs(solutionOptions);
  return { demand: demand!, tickets: tickets!, rent: rent! };
}

const T0 = Date.parse('2026-06-01T09:00:00Z');

/** What DescribeTrainingJob returns for a job created from `request` that then completed. */
export function described(request: CreateTrainingJobCommandInput, minutesAfter = 0): DescribeTrainingJobCommandOutput {
  const created = new Date(T0 + minutesAfter * 60_000);
  const ended = new Date(created.getTime() + 7 * 60_000);
  return {
    $metadata: {},
    TrainingJobName: request.TrainingJobName,
    TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${request.TrainingJobName}`,
    // SageMaker writes under <S3OutputPath>/<job name>/output/, whether or not the path ends in a slash.
    ModelArtifacts: { S3ModelArtifacts: `${request.OutputDataConfig!.S3OutputPath!.replace(/\/$/, '')}/${request.TrainingJobName}/output/model.tar.gz` },
    TrainingJobStatus: 'Completed',
    SecondaryStatus: 'Completed',
    HyperParameters: request.HyperParameters,
    AlgorithmSpecification: { ...request.AlgorithmSpecification!, EnableSageMakerMetricsTimeSeries: false },
    RoleArn: request.RoleArn,
    InputDataConfig: request.InputDataConfig!.map((c) => ({ ...c, CompressionType: 'None', RecordWrapperType: 'None' })),
    OutputDataConfig: request.OutputDataConfig,
    ResourceConfig: request.ResourceConfig,
    StoppingCondition: request.StoppingCondition,
    CreationTime: created,
    TrainingStartTime: new Date(created.getTime() + 2 * 60_000),
    TrainingEndTime: ended,
    LastModifiedTime: ended,
    EnableNetworkIsolation: false,
    EnableInterContainerTrafficEncryption: false,
    EnableManagedSpotTraining: request.EnableManagedSpotTraining,
    TrainingTimeInSeconds: 300,
    BillableTimeInSeconds: 96,
  };
}

/** A variant of a described job: `change` edits a deep copy. */
export function variant(job: DescribeTrainingJobCommandOutput, change: (j: any) => void): DescribeTrainingJobCommandOutput {
  const copy = structuredClone(job);
  change(copy);
  return copy;
}

/**
 * Answers ListTrainingJobs (per problem prefix, newest first) and DescribeTrainingJob (per name)
 * for these jobs, as SageMaker would.
 */
export function mockJobs(sagemaker: AwsStub<any, any, any>, jobs: readonly DescribeTrainingJobCommandOutput[]): void {
  for (const problem of PROBLEMS) {
    const mine = jobs.filter((j) => j.TrainingJobName!.startsWith(problem.jobPrefix));
    sagemaker.on(ListTrainingJobsCommand, { NameContains: problem.jobPrefix }).resolves(listTrainingJobsResponse(mine));
  }
  for (const job of jobs) sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: job.TrainingJobName }).resolves(job);
}

/** The reference state: the solution's three jobs, completed. */
export function referenceState(): DescribeTrainingJobCommandOutput[] {
  const r = referenceRequests();
  return [described(r.demand), described(r.tickets), described(r.rent)];
}
