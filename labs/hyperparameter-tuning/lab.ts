import { defineLab } from '../../lib/model';
import {
  MAX_RUNTIME_SECONDS,
  MAX_WAIT_SECONDS,
  PROBABILITY_OBJECTIVES,
  STUDIO_APP_INSTANCE_TYPE,
  TRAIN_PREFIX,
  TRAINING_INSTANCE_TYPES,
  VALIDATION_METRIC,
  VALIDATION_PREFIX,
  XGBOOST_VERSION,
} from '../xgboost-builtin/lab';

export const LAB_ID = 'hyperparameter-tuning';

/**
 * Every tuning job of the lab is named `churn-hpo-<anything>`. A tuning job's name is at most 32
 * characters and is the prefix of every training job it launches, so one prefix finds both for the
 * checker and for teardown.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateHyperParameterTuningJob.html
 */
export const TUNING_JOB_PREFIX = 'churn-hpo-';
/** Where the tuning job's training jobs write their models, in this lab's bucket. */
export const OUTPUT_PREFIX = 'churn/tuning-output/';

/**
 * The search strategy and the objective. Bayesian search treats tuning as a regression problem and
 * picks each next combination from the results of the jobs already completed, which is what a small
 * budget needs; validation:auc is a metric the built-in XGBoost computes, optimised by maximising.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/automatic-model-tuning-how-it-works.html
 * https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost-tuning.html
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_HyperParameterTuningJobConfig.html
 */
export const STRATEGY = 'Bayesian';
export const OBJECTIVE_TYPE = 'Maximize';
export const OBJECTIVE_METRIC = VALIDATION_METRIC;

/**
 * The stated search space. eta spans 0.01 to 0.5, a factor of 50, so it is searched on a
 * logarithmic scale: on a linear one 82% of the draws land above 0.1 ((0.5 - 0.1) / 0.49), on a
 * log one 41% (ln 5 / ln 50). ScalingType Auto is refused: it leaves the scale to SageMaker
 * ("chooses the best scale"), and DescribeHyperParameterTuningJob reports Auto, not what it chose,
 * so nothing shows the scenario's log scale was used. The three are among the hyperparameters the
 * XGBoost tuning page lists as tunable (eta and min_child_weight continuous, max_depth integer);
 * the eta range reaches below 0.1, where 200 rounds on 8,000 customers generalise best.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContinuousParameterRange.html
 * https://docs.aws.amazon.com/sagemaker/latest/dg/automatic-model-tuning-define-ranges.html
 * https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost-tuning.html
 */
export const ETA_RANGE = { name: 'eta', min: 0.01, max: 0.5, scaling: 'Logarithmic' } as const;
export const MAX_DEPTH_RANGE = { name: 'max_depth', min: 2, max: 8 } as const;
export const MIN_CHILD_WEIGHT_RANGE = { name: 'min_child_weight', min: 1, max: 10 } as const;
/** Static hyperparameters of the reference: the xgboost-builtin reference's rounds and subsampling. */
export const NUM_ROUND = 200;
export const SUBSAMPLE = 0.8;

/**
 * The job budget: ten training jobs, two at a time. Bayesian search is sequential by nature: a job
 * started while others run cannot use their results, so with ten jobs in flight at once it is a
 * random search. The best-practices page says as much (fewer concurrent jobs, better results).
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ResourceLimits.html
 * https://docs.aws.amazon.com/sagemaker/latest/dg/automatic-model-tuning-considerations.html
 */
export const MAX_TRAINING_JOBS = 10;
export const MAX_PARALLEL_JOBS = 2;
/**
 * Early stopping of the training jobs: Auto stops a job whose objective is unlikely to beat the
 * jobs already completed. Hyperband has its own early stopping and needs Off, which the scenario's
 * Bayesian search does not.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/automatic-model-tuning-early-stopping.html
 */
export const EARLY_STOPPING = 'Auto';

/**
 * The best training job's validation AUC the retention team asks of the tuning job: what the
 * xgboost-builtin lab's hand-picked settings reach, far above XGBoost's defaults. Measured with
 * scripts/xgboost/tuning-reachability.py (output in scripts/xgboost/tuning-reachability.txt;
 * XGBoost 1.7.4, the release in the 1.7-1 container; seeds 0-3; num_round 200, subsample 0.8),
 * with seeded random samples of the stated ranges standing in for Bayesian search, which cannot
 * run offline and learns from completed jobs where random sampling does not:
 * - the stated search (eta log 0.01-0.5, max_depth 2-8, min_child_weight 1-10, 10 jobs): best AUC
 *   0.9160 to 0.9175 (median 0.9163), 4 of 4 searches reach 0.913, worst by +0.0030; 26 of its
 *   40 jobs reach 0.913, 6 of 40 draw eta above 0.3;
 * - XGBoost's defaults (eta 0.3, max_depth 6, min_child_weight 1): 0.8997 to 0.9033, -0.0097;
 * - xgboost-builtin's reference settings (max_depth 4, eta 0.1): 0.9136 to 0.9163;
 * - the careless search (eta linear over 0.001-1): best 0.9126 to 0.9170, 3 of 4 searches reach
 *   0.913; only 7 of its 40 jobs reach it, 26 of 40 draw eta above 0.3;
 * - too few jobs (the first 3 of each stated search): best 0.9156 to 0.9175, 4 of 4 reach it.
 * So the threshold separates a search from the defaults with margin, but the best of ten jobs
 * does not separate a linear from a logarithmic scale, nor three jobs from ten, on this data:
 * the data's ceiling (about 0.917) sits close to the hand-picked settings. R4 and R5 judge the
 * scale and the budget from the configuration; R6 only asks that the search found a good model.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_HyperParameterTrainingJobSummary.html
 */
export const MIN_BEST_AUC = 0.913;

export const lab = defineLab({
  id: LAB_ID,
  title: 'Tune built-in XGBoost with a Bayesian hyperparameter tuning job on spot',
  summary:
    `Run a SageMaker automatic model tuning job over built-in XGBoost ${XGBOOST_VERSION} on the churn data: Bayesian search maximising ${OBJECTIVE_METRIC}, eta on a logarithmic scale, ${MAX_TRAINING_JOBS} spot training jobs ${MAX_PARALLEL_JOBS} at a time with early stopping, and a best training job that reaches a validation AUC of ${MIN_BEST_AUC}.`,
  domains: { 'MLA-C01': ['MLA-C01/D2'], 'MLS-C01': ['MLS-C01/D3'] },
  environments: ['studio'],
  estimatedMinutes: 90,
  estimatedCostUsd: 0.12,
  instanceTypes: [...TRAINING_INSTANCE_TYPES, STUDIO_APP_INSTANCE_TYPE],
  // The same files as the xgboost-builtin lab, from its committed, seeded generator
  // (labs/xgboost-builtin/generate-data.ts): one copy in the package, and the threshold below is
  // measured on exactly these rows.
  datasets: [
    { dir: '../xgboost-builtin/data/train', keyPrefix: TRAIN_PREFIX, description: 'churn training channel: 8,000 customers, label first, no header (text/csv); the xgboost-builtin lab\'s data' },
    { dir: '../xgboost-builtin/data/validation', keyPrefix: VALIDATION_PREFIX, description: 'churn validation channel: 2,000 customers, same columns' },
  ],
  usage: [
    { item: 'sagemaker:training-spot-hour:ml.m5.large', quantity: 1, note: 'two tuning jobs of ten training jobs at about 3 billable minutes each on spot ml.m5.large' },
    { item: `sagemaker:studio-app-hour:${STUDIO_APP_INSTANCE_TYPE}`, quantity: 1.5, note: 'a JupyterLab space to drive the SageMaker SDK for 90 minutes' },
    { item: 's3:storage-gb-month', quantity: 0.01, note: 'shipped data and twenty model artefacts for a month (well under 10 MB)' },
  ],
  learnerResources: [
    { kind: 'sagemaker:hyper-parameter-tuning-job', name: TUNING_JOB_PREFIX, match: 'prefix' },
    // SageMaker names each training job of a tuning job <tuning job name>-<nnn>-<id>.
    { kind: 'sagemaker:training-job', name: TUNING_JOB_PREFIX, match: 'prefix' },
    { kind: 's3:prefix', name: OUTPUT_PREFIX, match: 'prefix' },
  ],
  requirements: [
    {
      id: 'R1',
      title: `A hyperparameter tuning job whose name starts with '${TUNING_JOB_PREFIX}' has Completed.`,
      hint: 'A tuning job is created with CreateHyperParameterTuningJob (or a HyperparameterTuner in the SageMaker Python SDK). The checker judges your newest Completed one.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateHyperParameterTuningJob.html',
      reads: ['SageMaker:ListHyperParameterTuningJobs', 'SageMaker:DescribeHyperParameterTuningJob'],
      tasks: ['MLA-C01/2.2'],
      concepts: ['automatic-model-tuning', 'training-job-naming'],
    },
    {
      id: 'R2',
      title: `Its training jobs run the built-in XGBoost ${XGBOOST_VERSION} with the static objective ${PROBABILITY_OBJECTIVES.join(' or ')}, and read the shipped 'train' (${TRAIN_PREFIX}) and 'validation' (${VALIDATION_PREFIX}) channels of the lab bucket as text/csv.`,
      hint: 'A tuning job describes its training jobs once, in its training job definition: the algorithm, the hyperparameters that stay fixed, and the channels.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_HyperParameterTrainingJobDefinition.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:ListHyperParameterTuningJobs', 'SageMaker:DescribeHyperParameterTuningJob'],
      tasks: ['MLA-C01/2.1', 'MLA-C01/2.2'],
      concepts: ['xgboost', 'static-hyperparameters', 'training-channels'],
    },
    {
      id: 'R3',
      title: `The tuning job uses the ${STRATEGY} strategy and its objective is to ${OBJECTIVE_TYPE.toLowerCase()} ${OBJECTIVE_METRIC}.`,
      hint: 'Read how each search strategy chooses the next combination, and which metric the built-in XGBoost reports for ranking customers, in which direction.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/automatic-model-tuning-how-it-works.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:ListHyperParameterTuningJobs', 'SageMaker:DescribeHyperParameterTuningJob'],
      tasks: ['MLA-C01/2.2', 'MLA-C01/2.3'],
      concepts: ['bayesian-optimization', 'tuning-objective-metric', 'evaluation-metric-auc'],
    },
    {
      id: 'R4',
      title: `It tunes ${ETA_RANGE.name} as a continuous range from ${ETA_RANGE.min} to ${ETA_RANGE.max} on a ${ETA_RANGE.scaling.toLowerCase()} scale, ${MAX_DEPTH_RANGE.name} as an integer range from ${MAX_DEPTH_RANGE.min} to ${MAX_DEPTH_RANGE.max}, and ${MIN_CHILD_WEIGHT_RANGE.name} as a continuous range from ${MIN_CHILD_WEIGHT_RANGE.min} to ${MIN_CHILD_WEIGHT_RANGE.max}.`,
      hint: 'Each hyperparameter range has a type and a scaling type; read which scale suits a value that spans orders of magnitude.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/automatic-model-tuning-define-ranges.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:ListHyperParameterTuningJobs', 'SageMaker:DescribeHyperParameterTuningJob'],
      tasks: ['MLA-C01/2.2'],
      concepts: ['hyperparameter-ranges', 'logarithmic-scaling', 'xgboost-hyperparameters'],
    },
    {
      id: 'R5',
      title: `It launches at most ${MAX_TRAINING_JOBS} training jobs, at most ${MAX_PARALLEL_JOBS} at a time, with early stopping ${EARLY_STOPPING}, each on one ${TRAINING_INSTANCE_TYPES.join(' or ')} with managed spot training, at most ${MAX_RUNTIME_SECONDS} s of runtime and a spot waiting limit between that runtime and ${MAX_WAIT_SECONDS} s.`,
      hint: 'The tuning job\'s resource limits bound how many jobs run in all and at once; spot capacity and stopping conditions belong to the training job definition.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/automatic-model-tuning-considerations.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:ListHyperParameterTuningJobs', 'SageMaker:DescribeHyperParameterTuningJob'],
      tasks: ['MLA-C01/2.2', 'MLA-C01/4.2'],
      concepts: ['tuning-parallelism', 'tuning-early-stopping', 'managed-spot-training'],
    },
    {
      id: 'R6',
      title: `The tuning job's best training job reaches ${OBJECTIVE_METRIC} of at least ${MIN_BEST_AUC}.`,
      hint: 'The best training job is the one with the best objective metric among the jobs the tuning job completed; the search space and the budget decide how good it can be.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/automatic-model-tuning-monitor.html',
      // An AUC measured on the training rows, or a best job ranked by another metric, proves nothing.
      dependsOn: ['R1', 'R2', 'R3'],
      reads: ['SageMaker:ListHyperParameterTuningJobs', 'SageMaker:DescribeHyperParameterTuningJob'],
      tasks: ['MLA-C01/2.2', 'MLA-C01/2.3'],
      concepts: ['best-training-job', 'evaluation-metric-auc', 'xgboost-hyperparameters'],
    },
  ],
});
