import { defineLab } from '../../lib/model';

export const LAB_ID = 'training-troubleshoot';

/**
 * The jobs the lab stack plants are named `broken-<n>-<suffix>` (lib/environments/planted-training-jobs.ts);
 * the learner's reruns are named `fixed-<anything>`, and the checks judge only those.
 */
export const PLANTED_JOB_PREFIX = 'broken-';
export const FIXED_JOB_PREFIX = 'fixed-';

/**
 * The execution role the stack creates for the planted jobs and the learner's reruns. A fixed name,
 * so the check reads its policies with IAM's read APIs without a stack output of its own.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html
 */
export const TRAINING_ROLE_NAME = 'mllab-training-troubleshoot-role';

/**
 * Key prefixes in the lab bucket. raw/ is an export with a header row (the role may read it);
 * clean/ is the prepared, headerless data (the role may NOT read it: the planted policy fault);
 * sample/ is a headerless sample the role may read; fixed/ is where the learner writes the
 * corrected copy of raw/; output/ is where every job writes its model.
 */
export const RAW_PREFIX = 'troubleshoot/raw/';
export const CLEAN_PREFIX = 'troubleshoot/clean/';
export const SAMPLE_PREFIX = 'troubleshoot/sample/';
export const FIXED_PREFIX = 'troubleshoot/fixed/';
export const OUTPUT_PREFIX = 'troubleshoot/output/';

/** Columns of every shipped file: the label first, then the features (generate-data.ts). */
export const COLUMN_COUNT = 6;

/**
 * The built-in XGBoost image and version the planted jobs run.
 * https://docs.aws.amazon.com/sagemaker/latest/dg-ecr-paths/sagemaker-algo-docker-registry-paths.html
 */
export const XGBOOST_REPOSITORY = 'sagemaker-xgboost';
export const XGBOOST_VERSION = '1.7-1';

/**
 * XGBoost 1.7 trains on CPU and AWS recommends general-purpose (M5) instances for it; the smallest
 * M5 size is enough for a 1,000-row file.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost.html (EC2 instance recommendation)
 */
export const TRAINING_INSTANCE_TYPES = ['ml.m5.large'] as const;
export const STUDIO_APP_INSTANCE_TYPE = 'ml.t3.medium';

/**
 * The planted stopping condition: 60 s of runtime for a job asked to grow 20,000 deep trees. When a
 * job reaches MaxRuntimeInSeconds SageMaker ends it (SecondaryStatus MaxRuntimeExceeded).
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_StoppingCondition.html
 */
export const PLANTED_MAX_RUNTIME_SECONDS = 60;
/**
 * What a rerun must allow: at least 10 minutes (a minute or two of start-up and download on an
 * ml.m5.large before training starts, and the training itself), and at most an hour so the fix is a
 * sufficient limit, not no limit (MaxRuntimeInSeconds defaults to one day).
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_StoppingCondition.html
 */
export const MIN_RERUN_RUNTIME_SECONDS = 600;
export const MAX_RERUN_RUNTIME_SECONDS = 3600;


/**
 * The faults the lab stack plants (lib/environments/planted-training-jobs.ts reads this shape; the
 * lab stack passes it on). broken-1 reads the export with its header row as text/csv: built-in
 * XGBoost's CSV input must have no header record (https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost.html).
 * broken-2 reads clean/, which the role may not read (s3:GetObject, https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html).
 * broken-3 reads the readable sample but grows 20,000 depth-10 trees in 60 s of MaxRuntimeInSeconds
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_StoppingCondition.html; num_round,
 * max_depth: https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost_hyperparameters.html).
 */
export const PLANTED_TRAINING_JOBS = {
  roleName: TRAINING_ROLE_NAME,
  readPrefixes: [RAW_PREFIX, SAMPLE_PREFIX],
  outputPrefix: OUTPUT_PREFIX,
  namePrefix: PLANTED_JOB_PREFIX,
  instanceType: TRAINING_INSTANCE_TYPES[0],
  // The learner fixes the role by adding a policy; the stack's delete removes it so the role can go.
  removeAddedRolePolicies: true,
  jobs: [
    { trainPrefix: RAW_PREFIX, contentType: 'text/csv', maxRuntimeSeconds: 900, hyperParameters: { objective: 'binary:logistic', num_round: '50' } },
    { trainPrefix: CLEAN_PREFIX, contentType: 'text/csv', maxRuntimeSeconds: 900, hyperParameters: { objective: 'binary:logistic', num_round: '50' } },
    {
      trainPrefix: SAMPLE_PREFIX,
      contentType: 'text/csv',
      maxRuntimeSeconds: PLANTED_MAX_RUNTIME_SECONDS,
      hyperParameters: { objective: 'binary:logistic', num_round: '20000', max_depth: '10', eta: '0.01' },
    },
  ],
} as const;

export const lab = defineLab({
  id: LAB_ID,
  title: 'Troubleshoot failing SageMaker training jobs: data format, permissions and stopping conditions',
  summary:
    'The lab stack starts three built-in XGBoost training jobs that fail for realistic reasons. Read each failure from the job description and its logs, fix the cause (the data, the execution role, the stopping condition) and run a job that completes.',
  domains: { 'MLA-C01': ['MLA-C01/D2', 'MLA-C01/D4'], 'MLS-C01': ['MLS-C01/D3'] },
  environments: ['studio'],
  plantedTrainingJobs: PLANTED_TRAINING_JOBS,
  estimatedMinutes: 60,
  estimatedCostUsd: 0.12,
  instanceTypes: [...TRAINING_INSTANCE_TYPES, STUDIO_APP_INSTANCE_TYPE],
  datasets: [
    { dir: 'data/raw', keyPrefix: RAW_PREFIX, description: 'the churn export as a spreadsheet wrote it: a header row, then label and 5 features (text/csv)' },
    { dir: 'data/clean', keyPrefix: CLEAN_PREFIX, description: 'the prepared training data: label first, no header (text/csv)' },
    { dir: 'data/sample', keyPrefix: SAMPLE_PREFIX, description: 'a 200-row headerless sample of the prepared data' },
  ],
  usage: [
    { item: 'sagemaker:training-spot-hour:ml.m5.large', quantity: 0.3, note: 'three planted jobs that fail within minutes and about three reruns of 3 billable minutes each, on spot' },
    { item: `sagemaker:studio-app-hour:${STUDIO_APP_INSTANCE_TYPE}`, quantity: 2, note: 'a JupyterLab space to read logs and rerun jobs for about two hours' },
    { item: 's3:storage-gb-month', quantity: 0.01, note: 'shipped data and model artefacts (well under 10 MB)' },
  ],
  learnerResources: [
    { kind: 'sagemaker:training-job', name: FIXED_JOB_PREFIX, match: 'prefix' },
    { kind: 's3:prefix', name: FIXED_PREFIX, match: 'prefix' },
    { kind: 's3:prefix', name: OUTPUT_PREFIX, match: 'prefix' },
  ],
  requirements: [
    {
      id: 'R1',
      title: `A corrected copy of the raw export is under ${FIXED_PREFIX} in the lab bucket: its first line is a data row (label first, ${COLUMN_COUNT} numeric columns), not a header.`,
      hint: 'Read why broken-1 failed (its FailureReason and its CloudWatch log stream), then what CSV input the built-in XGBoost algorithm expects.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost.html',
      reads: ['S3:ListObjectsV2', 'S3:GetObject'],
      tasks: ['MLA-C01/1.3', 'MLA-C01/2.2'],
      concepts: ['xgboost-input-format', 'csv-header-row', 'training-job-troubleshooting'],
    },
    {
      id: 'R2',
      title: `The execution role ${TRAINING_ROLE_NAME} allows s3:GetObject on the objects under ${CLEAN_PREFIX} in the lab bucket.`,
      hint: 'Read why broken-2 failed, then which permissions a SageMaker execution role needs on its input data.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html',
      reads: ['IAM:ListRolePolicies', 'IAM:GetRolePolicy', 'IAM:ListAttachedRolePolicies', 'IAM:GetPolicy', 'IAM:GetPolicyVersion'],
      tasks: ['MLA-C01/2.2', 'MLA-C01/4.2'],
      concepts: ['sagemaker-execution-role', 'iam-policy-evaluation', 'training-job-troubleshooting'],
    },
    {
      id: 'R3',
      title: `A training job whose name starts with '${FIXED_JOB_PREFIX}' has completed with built-in XGBoost ${XGBOOST_VERSION}, the role ${TRAINING_ROLE_NAME}, and a 'train' channel reading ${FIXED_PREFIX} or ${CLEAN_PREFIX} as text/csv.`,
      hint: 'Rerun the job with the causes fixed, not around them: the same algorithm, the same role, the corrected data.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/how-it-works-training.html',
      dependsOn: ['R2'],
      reads: ['SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob'],
      tasks: ['MLA-C01/2.2'],
      concepts: ['sagemaker-training-job', 'training-channels', 'training-job-troubleshooting'],
    },
    {
      id: 'R4',
      title: `That job's MaxRuntimeInSeconds is between ${MIN_RERUN_RUNTIME_SECONDS} and ${MAX_RERUN_RUNTIME_SECONDS} s (broken-3 had ${PLANTED_MAX_RUNTIME_SECONDS} s).`,
      hint: 'Read broken-3\'s SecondaryStatusTransitions: which phase ended it, and how long the phases before training took.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_StoppingCondition.html',
      dependsOn: ['R3'],
      reads: ['SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob'],
      tasks: ['MLA-C01/2.2', 'MLA-C01/4.2'],
      concepts: ['stopping-condition', 'secondary-status-transitions', 'training-job-troubleshooting'],
    },
  ],
});
