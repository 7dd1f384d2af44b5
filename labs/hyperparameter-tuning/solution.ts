// Reference solution of the hyperparameter-tuning lab: the tuning job that passes every requirement.
// Works against a real account with the lab stack deployed; never run by the tests against AWS.
// Kept out of the README on purpose.
import {
  CreateHyperParameterTuningJobCommand,
  DescribeHyperParameterTuningJobCommand,
  type CreateHyperParameterTuningJobCommandInput,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { referenceTrainingJob } from '../xgboost-builtin/solution';
import {
  EARLY_STOPPING,
  ETA_RANGE,
  MAX_DEPTH_RANGE,
  MAX_PARALLEL_JOBS,
  MAX_TRAINING_JOBS,
  MIN_CHILD_WEIGHT_RANGE,
  NUM_ROUND,
  OBJECTIVE_METRIC,
  OBJECTIVE_TYPE,
  OUTPUT_PREFIX,
  STRATEGY,
  SUBSAMPLE,
  TUNING_JOB_PREFIX,
} from './lab';

export interface TuningOptions {
  readonly region: string;
  /** Stack output LabBucketName. */
  readonly bucket: string;
  /** Stack output ExecutionRoleArn. */
  readonly roleArn: string;
  /** @default - `churn-hpo-<yyMMddHHmmss>` (at most 32 characters) */
  readonly jobName?: string;
}

export function referenceTuningJob(options: TuningOptions): CreateHyperParameterTuningJobCommandInput {
  // The training side is the xgboost-builtin lab's reference job: same image, channels, instance,
  // spot and limits; only the hyperparameters and the output prefix differ.
  const training = referenceTrainingJob({ region: options.region, bucket: options.bucket, roleArn: options.roleArn });
  return {
    HyperParameterTuningJobName: options.jobName ?? `${TUNING_JOB_PREFIX}${new Date().toISOString().replace(/[-:T.Z]/g, '').slice(2, 14)}`,
    HyperParameterTuningJobConfig: {
      Strategy: STRATEGY,
      HyperParameterTuningJobObjective: { Type: OBJECTIVE_TYPE, MetricName: OBJECTIVE_METRIC },
      ResourceLimits: { MaxNumberOfTrainingJobs: MAX_TRAINING_JOBS, MaxParallelTrainingJobs: MAX_PARALLEL_JOBS },
      ParameterRanges: {
        ContinuousParameterRanges: [
          { Name: ETA_RANGE.name, MinValue: String(ETA_RANGE.min), MaxValue: String(ETA_RANGE.max), ScalingType: ETA_RANGE.scaling },
          { Name: MIN_CHILD_WEIGHT_RANGE.name, MinValue: String(MIN_CHILD_WEIGHT_RANGE.min), MaxValue: String(MIN_CHILD_WEIGHT_RANGE.max), ScalingType: 'Linear' },
        ],
        IntegerParameterRanges: [{ Name: MAX_DEPTH_RANGE.name, MinValue: String(MAX_DEPTH_RANGE.min), MaxValue: String(MAX_DEPTH_RANGE.max), ScalingType: 'Linear' }],
      },
      TrainingJobEarlyStoppingType: EARLY_STOPPING,
    },
    TrainingJobDefinition: {
      AlgorithmSpecification: training.AlgorithmSpecification!,
      RoleArn: options.roleArn,
      StaticHyperParameters: { objective: 'binary:logistic', eval_metric: 'auc', num_round: String(NUM_ROUND), subsample: String(SUBSAMPLE) },
      InputDataConfig: training.InputDataConfig!,
      OutputDataConfig: { S3OutputPath: `s3://${options.bucket}/${OUTPUT_PREFIX}` },
      ResourceConfig: training.ResourceConfig!,
      EnableManagedSpotTraining: training.EnableManagedSpotTraining!,
      StoppingCondition: training.StoppingCondition!,
    },
  };
}

/** Starts the reference tuning job and polls it (every 30 s, at most an hour) until it ends. */
export async function runReferenceTuningJob(sagemaker: SageMakerClient, options: TuningOptions): Promise<string | undefined> {
  const input = referenceTuningJob(options);
  await sagemaker.send(new CreateHyperParameterTuningJobCommand(input));
  for (let i = 0; i < 120; i++) {
    const job = await sagemaker.send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: input.HyperParameterTuningJobName }), { abortSignal: AbortSignal.timeout(30_000) });
    if (job.HyperParameterTuningJobStatus !== 'InProgress' && job.HyperParameterTuningJobStatus !== 'Stopping') return job.HyperParameterTuningJobStatus;
    await new Promise((resolve) => setTimeout(resolve, 30_000));
  }
  return undefined;
}
