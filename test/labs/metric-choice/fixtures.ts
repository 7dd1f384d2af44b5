// The reference state of metric-choice as AWS would describe it: built from the reference
// solution's own requests, so "the solution passes" is tested, not assumed.
import { GetObjectCommand } from '@aws-sdk/client-s3';
import {
  DescribeTrainingJobCommand,
  ListTrainingJobsCommand,
  type CreateTrainingJobCommandInput,
  type DescribeTrainingJobCommandOutput,
} from '@aws-sdk/client-sagemaker';
import type { AwsStub } from 'aws-sdk-client-mock';
import { DECISION_KEY, FRAUD_JOB, HOUSES_JOB } from '../../../labs/metric-choice/lab';
import { REFERENCE_DECISIONS, referenceJobs } from '../../../labs/metric-choice/solution';
import { STACK_OUTPUTS } from '../../../lib/model';
import { describeTrainingJobResponse, listTrainingJobsResponse } from '../xgboost-builtin/aws-reference';

/** The account the recorded states come from (the cassettes use the same names). */
export const LAB_ID = 'metric-choice';
export const [REGION, ACCOUNT] = ['us-east-1', '111122223333'];
export const BUCKET = `mllab-${LAB_ID}-labbucket-5e6f7a8b`;
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/MlLab-${LAB_ID}-ExecutionRole`;
export const OUTPUTS = Object.fromEntries([[STACK_OUTPUTS.labBucketName, BUCKET], [STACK_OUTPUTS.executionRoleArn, ROLE_ARN]]);
export const SUFFIX = '20261201-0300';

/** Final metrics of the reference configurations (scripts/xgboost/metric-reachability.py, seed 0). */
export const REFERENCE_AUC = 0.8934;
export const REFERENCE_MAE = 219.18;

/**
 * What DescribeTrainingJob returns for a job created from `request` that completed with `metrics`:
 * the documented response shape (test/labs/xgboost-builtin/aws-reference.ts) filled from the request.
 */
export function described(request: CreateTrainingJobCommandInput, metrics: Record<string, number>, minutesAfter = 0): DescribeTrainingJobCommandOutput {
  const channels = Object.fromEntries(request.InputDataConfig!.map((c) => [c.ChannelName!, [c.DataSource!.S3DataSource!.S3Uri!, c.ContentType] as const]));
  const response = describeTrainingJobResponse({
    name: request.TrainingJobName!,
    region: REGION,
    account: ACCOUNT,
    image: request.AlgorithmSpecification!.TrainingImage!,
    roleArn: request.RoleArn!,
    hyperParameters: request.HyperParameters!,
    channels,
    outputPath: request.OutputDataConfig!.S3OutputPath!,
    instanceType: request.ResourceConfig!.InstanceType!,
    metrics,
    created: new Date(Date.parse('2026-12-01T03:00:00Z') + minutesAfter * 60_000),
  });
  return { $metadata: {}, ...(response as Omit<DescribeTrainingJobCommandOutput, '$metadata'>) };
}

/** A variant of a described job: `change` edits a deep copy. */
export function variant(job: DescribeTrainingJobCommandOutput, change: (j: any) => void): DescribeTrainingJobCommandOutput {
  const copy = structuredClone(job);
  change(copy);
  return copy;
}

export function referenceState(): { fraud: DescribeTrainingJobCommandOutput; houses: DescribeTrainingJobCommandOutput } {
  const [fraud, houses] = referenceJobs({ bucket: BUCKET, roleArn: ROLE_ARN, suffix: SUFFIX });
  return {
    fraud: described(fraud, { 'train:auc': 0.9312, 'validation:auc': REFERENCE_AUC }),
    houses: described(houses, { 'train:mae': 205.4, 'validation:mae': REFERENCE_MAE }, 1),
  };
}

/** Answers ListTrainingJobs per prefix (newest first) and DescribeTrainingJob per name. */
export function mockJobs(sagemaker: AwsStub<any, any, any>, jobs: readonly DescribeTrainingJobCommandOutput[]): void {
  for (const prefix of [FRAUD_JOB.jobPrefix, HOUSES_JOB.jobPrefix]) {
    const mine = jobs.filter((j) => j.TrainingJobName!.startsWith(prefix));
    sagemaker.on(ListTrainingJobsCommand, { NameContains: prefix }).resolves(listTrainingJobsResponse(mine));
  }
  for (const job of jobs) sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: job.TrainingJobName }).resolves(job);
}

/** GetObject of the decision record answers `body` (a string, or an object written as JSON). */
export function mockDecision(s3: AwsStub<any, any, any>, body: unknown = REFERENCE_DECISIONS): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  // The checker reads the body with transformToString, the SDK's stream mixin method.
  s3.on(GetObjectCommand, { Bucket: BUCKET, Key: DECISION_KEY }).resolves({ Body: { transformToString: async () => text } as any });
}
