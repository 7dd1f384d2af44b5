// Reference solution for metric-choice (kept out of the README): the decision record and the two
// training jobs that pass R1 to R4, built as SDK requests. SageMaker has no local emulator; the
// tests prove these requests against the checks, and `solve` sends them to a real account.
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  CreateTrainingJobCommand,
  waitUntilTrainingJobCompletedOrStopped,
  type CreateTrainingJobCommandInput,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { MANAGED_BY_VALUE, TAG_LAB, TAG_MANAGED_BY } from '../../lib/model';
import { XGBOOST_VERSION } from '../xgboost-builtin/lab';
import { DECISION_KEY, FRAUD_JOB, HOUSES_JOB, LAB_ID, MAX_RUNTIME_SECONDS, OUTPUT_PREFIX, TRAINING_INSTANCE_TYPE, XGBOOST_REPOSITORY } from './lab';

/**
 * The built-in XGBoost image in us-east-1 ("Docker Registry Paths and Example Code", XGBoost);
 * another region's registry account serves the same repository and passes the checks alike.
 * https://docs.aws.amazon.com/sagemaker/latest/dg-ecr-paths/ecr-us-east-1.html
 */
export const XGBOOST_IMAGE_US_EAST_1 = `683313688378.dkr.ecr.us-east-1.amazonaws.com/${XGBOOST_REPOSITORY}:${XGBOOST_VERSION}`;

export interface SolutionOptions {
  readonly bucket: string;
  readonly roleArn: string;
  /** Appended to each job prefix: a timestamp keeps names unique across attempts. */
  readonly suffix: string;
  readonly image?: string;
}

/** The decision record: one metric per scenario, with the reason in the scenario's numbers. */
export const REFERENCE_DECISIONS = {
  screening: { metric: 'recall', why: 'a missed case costs $50,000, a false alarm $200' },
  spam: { metric: 'precision', why: 'a customer order in the spam folder loses $500' },
  fraud: { metric: 'auc', why: 'at 2% fraud, 98% accuracy is what predicting "no fraud" scores' },
  houses: { metric: 'mae', why: 'RMSE squares the typing errors; MAE measures the typical house' },
} as const;

function trainingJob(options: SolutionOptions, prefix: string, dataPrefix: string, hyperParameters: Record<string, string>): CreateTrainingJobCommandInput {
  const channel = (name: string) => ({
    ChannelName: name,
    ContentType: 'text/csv',
    DataSource: { S3DataSource: { S3DataType: 'S3Prefix' as const, S3Uri: `s3://${options.bucket}/${dataPrefix}${name}/`, S3DataDistributionType: 'FullyReplicated' as const } },
  });
  return {
    TrainingJobName: `${prefix}${options.suffix}`,
    AlgorithmSpecification: { TrainingImage: options.image ?? XGBOOST_IMAGE_US_EAST_1, TrainingInputMode: 'File' },
    RoleArn: options.roleArn,
    HyperParameters: hyperParameters,
    InputDataConfig: [channel('train'), channel('validation')],
    OutputDataConfig: { S3OutputPath: `s3://${options.bucket}/${OUTPUT_PREFIX}` },
    ResourceConfig: { InstanceType: TRAINING_INSTANCE_TYPE, InstanceCount: 1, VolumeSizeInGB: 5 },
    EnableManagedSpotTraining: true,
    // Spot training needs MaxWaitTimeInSeconds >= MaxRuntimeInSeconds (API_StoppingCondition).
    StoppingCondition: { MaxRuntimeInSeconds: MAX_RUNTIME_SECONDS, MaxWaitTimeInSeconds: 2 * MAX_RUNTIME_SECONDS },
    Tags: [{ Key: TAG_LAB, Value: LAB_ID }, { Key: TAG_MANAGED_BY, Value: MANAGED_BY_VALUE }],
  };
}

/**
 * The two jobs, with the reference configurations scripts/xgboost/metric-reachability.py measured:
 * fraud validation:auc 0.8934 to 0.8958, houses validation:mae 219.18 to 219.21 (seeds 0-4).
 */
export function referenceJobs(options: SolutionOptions): [CreateTrainingJobCommandInput, CreateTrainingJobCommandInput] {
  return [
    trainingJob(options, FRAUD_JOB.jobPrefix, FRAUD_JOB.dataPrefix, {
      objective: 'binary:logistic',
      eval_metric: 'auc',
      scale_pos_weight: '50',
      max_depth: '2',
      eta: '0.1',
      subsample: '0.8',
      num_round: '300',
    }),
    trainingJob(options, HOUSES_JOB.jobPrefix, HOUSES_JOB.dataPrefix, {
      objective: 'reg:absoluteerror',
      eval_metric: 'mae',
      max_depth: '4',
      eta: '0.1',
      subsample: '0.8',
      num_round: '300',
    }),
  ];
}

/** Writes the decision record, launches both jobs and waits for them (a few minutes on spot). */
export async function solve(s3: S3Client, sagemaker: SageMakerClient, options: SolutionOptions): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: options.bucket, Key: DECISION_KEY, Body: JSON.stringify(REFERENCE_DECISIONS, null, 2), ContentType: 'application/json' }));
  const jobs = referenceJobs(options);
  for (const job of jobs) await sagemaker.send(new CreateTrainingJobCommand(job));
  await Promise.all(jobs.map((job) => waitUntilTrainingJobCompletedOrStopped({ client: sagemaker, maxWaitTime: 3 * MAX_RUNTIME_SECONDS, minDelay: 30 }, { TrainingJobName: job.TrainingJobName! })));
}
