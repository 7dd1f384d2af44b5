// The two problems of metric-choice that the learner trains for real, and how one training job is
// judged against each: algorithm, data, objective, evaluation metric, class weight, and the
// validation score SageMaker reported. SDK types only (no client).
import type { DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import { hyperparameter, parseS3Uri, repositoryOf } from '../../lib/check/sagemaker';
import { FRAUD } from './data-spec';
import {
  FRAUD_JOB,
  FRAUD_METRIC,
  HOUSES_JOB,
  HOUSES_METRIC,
  MAX_HOUSES_MAE,
  MIN_FRAUD_AUC,
  SCALE_POS_WEIGHT_RANGE,
  XGBOOST_REPOSITORY,
} from './lab';

/** What one job shows: it fits, it has problems, or it ran but did not report what decides. */
export type JobJudgement =
  | { readonly kind: 'fits'; readonly summary: string }
  | { readonly kind: 'problems'; readonly findings: readonly string[] }
  | { readonly kind: 'unseen'; readonly finding: string };

export interface TrainedProblem {
  readonly requirement: 'R2' | 'R3';
  readonly task: string;
  readonly jobPrefix: string;
  readonly dataPrefix: string;
  /** The SageMaker metric name and the eval_metric value that makes the job report it. */
  readonly metric: string;
  readonly evalMetric: string;
  /** Problems of the objective and other settings of an XGBoost job, in the scenario's terms. */
  settings(job: DescribeTrainingJobResponse): string[];
  /** Undefined when the value meets the threshold, else why not. */
  scoreProblem(value: number, job: DescribeTrainingJobResponse): string | undefined;
  describe(job: DescribeTrainingJobResponse, value: number): string;
}

/** eval_metric may list several metrics, comma-separated; each is reported as validation:<name>. */
export function evalMetrics(job: DescribeTrainingJobResponse): string[] {
  return (hyperparameter(job, 'eval_metric') ?? '')
    .split(',')
    .map((m) => m.trim().toLowerCase())
    .filter((m) => m.length > 0);
}

/**
 * Binary objectives whose margin ranks payments (AUC needs a ranking, not a probability):
 * https://xgboost.readthedocs.io/en/release_1.7.0/parameter.html#learning-task-parameters, the
 * objective list the SageMaker hyperparameter page refers to.
 */
const BINARY_OBJECTIVES = ['binary:logistic', 'binary:logitraw', 'reg:logistic'];
const OUTLIER_FORGIVING = ['reg:absoluteerror', 'reg:pseudohubererror'];

export const FRAUD_PROBLEM: TrainedProblem = {
  requirement: 'R2',
  task: 'the fraud problem',
  ...FRAUD_JOB,
  metric: FRAUD_METRIC,
  evalMetric: 'auc',
  settings(job) {
    const problems: string[] = [];
    const objective = hyperparameter(job, 'objective');
    if (!objective || !BINARY_OBJECTIVES.includes(objective)) {
      problems.push(`objective is ${objective ?? 'not set (reg:squarederror)'}; fraud or not is a binary outcome: use a binary objective (${BINARY_OBJECTIVES.join(', ')}) so the model scores each payment's risk.`);
    }
    const metrics = evalMetrics(job);
    if (!metrics.includes('auc')) {
      const shown = metrics.length > 0 ? metrics.join(',') : 'not set';
      const accuracyNote = metrics.some((m) => m === 'error' || m === 'accuracy' || m.startsWith('error@'))
        ? ' At a 2% fraud rate a model that answers "not fraud" to every payment has an error of 0.02, 98% accuracy, and catches nothing.'
        : '';
      problems.push(`eval_metric is ${shown}, so the job never reports ${FRAUD_METRIC}: add auc to eval_metric.${accuracyNote}`);
    }
    const weight = hyperparameter(job, 'scale_pos_weight');
    const ratio = `${(FRAUD.trainRows - FRAUD.trainPositives).toLocaleString('en-US')} legitimate to ${FRAUD.trainPositives} fraudulent payments`;
    if (weight === undefined) {
      problems.push(`scale_pos_weight is not set (default 1): the training file holds ${ratio}, so fraud is 2% of the loss and a model that never flags fraud is barely penalised. AWS suggests sum(negative cases) / sum(positive cases) as a starting value.`);
    } else {
      const value = Number(weight);
      if (!Number.isFinite(value)) {
        problems.push(`scale_pos_weight is '${weight}', not a number XGBoost can weigh fraud rows by; with ${ratio} the ratio is about 50.`);
      } else if (value < SCALE_POS_WEIGHT_RANGE.min || value > SCALE_POS_WEIGHT_RANGE.max) {
        problems.push(`scale_pos_weight is ${weight}; with ${ratio} the ratio is about 50, and the lab accepts ${SCALE_POS_WEIGHT_RANGE.min} to ${SCALE_POS_WEIGHT_RANGE.max}: ${value < SCALE_POS_WEIGHT_RANGE.min ? 'a smaller weight leaves fraud a sliver of the loss' : `a larger one makes each fraud row outweigh over a hundred legitimate ones, and the trees memorise the ${FRAUD.trainPositives} fraud rows`}.`);
      }
    }
    return problems;
  },
  scoreProblem(value) {
    if (value >= MIN_FRAUD_AUC) return undefined;
    return `${FRAUD_METRIC} is ${value.toFixed(4)}, below ${MIN_FRAUD_AUC}. With ${FRAUD.trainPositives} fraud rows, each weighted about 50 times, deep trees and many rounds memorise those rows instead of learning what they share (XGBoost's defaults, max_depth 6 and eta 0.3, with scale_pos_weight 50 for 100 rounds, end at 0.8524 on this data with XGBoost 1.7.4); shallower trees (max_depth 2 or 3), a smaller eta or min_child_weight keep the model general.`;
  },
  describe(job, value) {
    return `${job.TrainingJobName}: objective ${hyperparameter(job, 'objective')}, eval_metric ${evalMetrics(job).join(',')}, scale_pos_weight ${hyperparameter(job, 'scale_pos_weight')}, ${FRAUD_METRIC} ${value} (at least ${MIN_FRAUD_AUC}).`;
  },
};

export const HOUSES_PROBLEM: TrainedProblem = {
  requirement: 'R3',
  task: 'the house-price problem',
  ...HOUSES_JOB,
  metric: HOUSES_METRIC,
  evalMetric: 'mae',
  settings(job) {
    const problems: string[] = [];
    // XGBoost's default objective is reg:squarederror, a regressor.
    const objective = hyperparameter(job, 'objective') ?? 'reg:squarederror';
    if (!objective.startsWith('reg:') || objective === 'reg:logistic') {
      problems.push(`objective is ${objective}; a price is an amount: use a regression objective.`);
    }
    const metrics = evalMetrics(job);
    if (!metrics.includes('mae')) {
      const squared = metrics.includes('rmse') || metrics.includes('mse') || metrics.length === 0;
      problems.push(
        `eval_metric is ${metrics.length > 0 ? metrics.join(',') : 'not set (rmse for regression)'}, so the job never reports ${HOUSES_METRIC}: add mae to eval_metric.` +
          (squared ? ' RMSE squares each error, so the 4% of prices typed four to ten times too high dominate it; MAE grows linearly and measures the typical house.' : ''),
      );
    }
    return problems;
  },
  scoreProblem(value, job) {
    if (value <= MAX_HOUSES_MAE) return undefined;
    const objective = hyperparameter(job, 'objective') ?? 'reg:squarederror';
    const why = OUTLIER_FORGIVING.includes(objective)
      ? `${objective} forgives outliers, but the model has not converged to the typical price: reg:pseudohubererror's gradient is capped by huber_slope (default 1, in thousands of dollars here), so it needs a slope near the size of ordinary errors or far more rounds.`
      : `${objective} minimises squared error, so a sale recorded at ten times its price pulls the trees toward it as much as a hundred ordinary sales; the predictions drift up for every house like it. An absolute-error objective (reg:absoluteerror) predicts the median instead and ignores how far off the typing errors are.`;
    return `${HOUSES_METRIC} is ${value.toFixed(2)}, above ${MAX_HOUSES_MAE}. ${why}`;
  },
  describe(job, value) {
    return `${job.TrainingJobName}: objective ${hyperparameter(job, 'objective') ?? 'reg:squarederror (default)'}, eval_metric ${evalMetrics(job).join(',')}, ${HOUSES_METRIC} ${value} (at most ${MAX_HOUSES_MAE}).`;
  },
};

export const TRAINED_PROBLEMS = [FRAUD_PROBLEM, HOUSES_PROBLEM] as const;

/** True when a channel reads the shipped files of `channel` under the problem's data prefix. */
function readsShipped(job: DescribeTrainingJobResponse, channel: string, bucket: string, dataPrefix: string): boolean {
  const uri = job.InputDataConfig?.find((c) => c.ChannelName === channel)?.DataSource?.S3DataSource?.S3Uri;
  const s3 = parseS3Uri(uri);
  return !!s3 && s3.bucket === bucket && s3.key.startsWith(`${dataPrefix}${channel}`);
}

/** Why a job that is not Completed gives no model and no final metric. */
function unfinished(job: DescribeTrainingJobResponse): string | undefined {
  const status = job.TrainingJobStatus;
  if (status === 'Completed') return undefined;
  if (status === 'Failed') return `${job.TrainingJobName} Failed ("${job.FailureReason ?? 'no reason given'}"): fix the cause and launch a new job.`;
  if (status === 'InProgress' || status === 'Stopping') return `${job.TrainingJobName} is ${status} (${job.SecondaryStatus ?? 'no detail'}); run the check again when it has Completed.`;
  return `${job.TrainingJobName} is ${status ?? 'in an unknown state'}: it left no final metrics; launch a new job.`;
}

export function judgeJob(problem: TrainedProblem, job: DescribeTrainingJobResponse, bucket: string): JobJudgement {
  const name = job.TrainingJobName;
  const repository = repositoryOf(job.AlgorithmSpecification?.TrainingImage);
  if (repository !== XGBOOST_REPOSITORY) {
    return { kind: 'problems', findings: [`${name} trained image repository '${repository ?? 'unreadable'}'; this lab trains the built-in XGBoost algorithm (repository ${XGBOOST_REPOSITORY}), whose objective, eval_metric and scale_pos_weight the scenario turns on.`] };
  }
  const findings = problem.settings(job).map((p) => `${name}: ${p}`);
  for (const channel of ['train', 'validation']) {
    if (!readsShipped(job, channel, bucket, problem.dataPrefix)) {
      findings.push(`${name}: its ${channel} channel does not read s3://${bucket}/${problem.dataPrefix}${channel}/; SageMaker computes ${problem.metric} on the validation channel, so both must be the shipped files.`);
    }
  }
  const status = unfinished(job);
  if (status) findings.push(status);
  if (findings.length > 0) return { kind: 'problems', findings };
  const value = job.FinalMetricDataList?.find((m) => m.MetricName === problem.metric)?.Value;
  if (value === undefined) {
    const reported = (job.FinalMetricDataList ?? []).map((m) => m.MetricName).join(', ') || 'no final metrics';
    return { kind: 'unseen', finding: `${name} Completed with eval_metric ${problem.evalMetric} and a validation channel, yet DescribeTrainingJob reports ${reported}, not ${problem.metric}; the score cannot be judged. Run the check again, and if this persists, look at the job's metrics in the SageMaker console.` };
  }
  const score = problem.scoreProblem(value, job);
  return score ? { kind: 'problems', findings: [`${name}: ${score}`] } : { kind: 'fits', summary: problem.describe(job, value) };
}
