// The reference state of the hyperparameter-tuning lab as DescribeHyperParameterTuningJob describes
// it: the reference solution's request (labs/hyperparameter-tuning/solution.ts) echoed back, with the
// outcome SageMaker adds. Field names from the Response Syntax of
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeHyperParameterTuningJob.html
import type {
  DescribeHyperParameterTuningJobResponse,
  HyperParameterTrainingJobDefinition,
  HyperParameterTrainingJobSummary,
  HyperParameterTuningJobConfig,
  HyperParameterTuningJobSummary,
} from '@aws-sdk/client-sagemaker';
import { referenceTuningJob } from '../../../labs/hyperparameter-tuning/solution';

export const REGION = 'us-east-1';
export const ACCOUNT = '111122223333';
export const BUCKET = 'mllab-hyperparameter-tuning-labbucket-7h8j9k0l1z2x';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/MlLab-hyperparameter-tuning-ExecutionRole`;
export const TUNING_JOB = 'churn-hpo-261128-1405';
/** What the best of the reference's ten jobs reached (scripts/xgboost/tuning-reachability.py figures). */
export const BEST_AUC = 0.9161;

export function tuningSummary(name: string, status: HyperParameterTuningJobSummary['HyperParameterTuningJobStatus'], created: string): HyperParameterTuningJobSummary {
  return {
    HyperParameterTuningJobName: name,
    HyperParameterTuningJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:hyper-parameter-tuning-job/${name}`,
    HyperParameterTuningJobStatus: status,
    Strategy: 'Bayesian',
    CreationTime: new Date(created),
    TrainingJobStatusCounters: { Completed: 10, InProgress: 0, RetryableError: 0, NonRetryableError: 0, Stopped: 0 },
    ObjectiveStatusCounters: { Succeeded: 10, Pending: 0, Failed: 0 },
    ResourceLimits: { MaxNumberOfTrainingJobs: 10, MaxParallelTrainingJobs: 2 },
  };
}

export function bestTrainingJob(tuningJob: string, auc: number, tuned: Record<string, string> = { eta: '0.0860', max_depth: '7', min_child_weight: '8.61' }): HyperParameterTrainingJobSummary {
  const name = `${tuningJob}-007-1a2b3c4d`;
  return {
    TrainingJobName: name,
    TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${name}`,
    TuningJobName: tuningJob,
    CreationTime: new Date('2026-11-28T14:21:40Z'),
    TrainingStartTime: new Date('2026-11-28T14:23:02Z'),
    TrainingEndTime: new Date('2026-11-28T14:24:31Z'),
    TrainingJobStatus: 'Completed',
    TunedHyperParameters: tuned,
    FinalHyperParameterTuningJobObjectiveMetric: { Type: 'Maximize', MetricName: 'validation:auc', Value: auc },
    ObjectiveStatus: 'Succeeded',
  };
}

export interface TuningJobChanges {
  readonly config?: Partial<HyperParameterTuningJobConfig>;
  readonly definition?: Partial<HyperParameterTrainingJobDefinition>;
  readonly top?: Partial<DescribeHyperParameterTuningJobResponse>;
}

/** DescribeHyperParameterTuningJob for the reference tuning job, Completed, optionally altered. */
export function referenceTuningJobResponse(changes: TuningJobChanges = {}, name = TUNING_JOB): DescribeHyperParameterTuningJobResponse {
  const request = referenceTuningJob({ region: REGION, bucket: BUCKET, roleArn: ROLE_ARN, jobName: name });
  return {
    HyperParameterTuningJobName: name,
    HyperParameterTuningJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:hyper-parameter-tuning-job/${name}`,
    HyperParameterTuningJobConfig: { ...request.HyperParameterTuningJobConfig!, ...changes.config },
    TrainingJobDefinition: { ...request.TrainingJobDefinition!, ...changes.definition },
    HyperParameterTuningJobStatus: 'Completed',
    CreationTime: new Date('2026-11-28T14:05:12Z'),
    HyperParameterTuningEndTime: new Date('2026-11-28T14:41:09Z'),
    LastModifiedTime: new Date('2026-11-28T14:41:09Z'),
    TrainingJobStatusCounters: { Completed: 8, InProgress: 0, RetryableError: 0, NonRetryableError: 0, Stopped: 2 },
    ObjectiveStatusCounters: { Succeeded: 10, Pending: 0, Failed: 0 },
    BestTrainingJob: bestTrainingJob(name, BEST_AUC),
    TuningJobCompletionDetails: { NumberOfTrainingJobsObjectiveNotImproving: 3 },
    ConsumedResources: { RuntimeInSeconds: 2157 },
    ...changes.top,
  };
}
