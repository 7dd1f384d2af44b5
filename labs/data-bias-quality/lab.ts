// The data bias and quality lab: prove with SageMaker Clarify that the shipped loan data
// under-represents group B and approves it less often, rebalance it until Clarify's pre-training
// metrics are near zero, and guard the rebalanced data with an AWS Glue Data Quality ruleset.
import { defineLab } from '../../lib/model';

export const LAB_ID = 'data-bias-quality';

/** The Studio JupyterLab space the learner drives the SDK from (the cheapest Studio app type). */
export const STUDIO_APP_INSTANCE_TYPE = 'ml.t3.medium';

/**
 * The processing instance the Clarify jobs run on. AWS's Clarify examples use ml.m5.xlarge and
 * ml.c5.xlarge (https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-processing-job-run.html);
 * the pre-training analysis of 3,000 rows needs a fraction of either, and ml.m5.large is the
 * smallest size of that general purpose family (USD 0.115 an hour for processing, lib/cost/prices.ts).
 * The stack's guardrail allows only this type and the Studio space's.
 */
export const PROCESSING_INSTANCE_TYPE = 'ml.m5.large';

/** Every Clarify job of the lab is named `loans-bias-<anything>`; teardown stops them by this prefix. */
export const JOB_PREFIX = 'loans-bias-';

/**
 * Key prefixes in the lab bucket. The stack uploads the shipped data under ORIGINAL_PREFIX; the
 * learner writes the rebalanced copy under REBALANCED_PREFIX. Neither prefix is a prefix of the
 * other: Clarify reads every object under an S3 prefix it is given
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-processing-job-configure-analysis.html,
 * dataset_uri), so `raw/loans` would have read both.
 */
export const ORIGINAL_PREFIX = 'raw/loans-original/';
export const REBALANCED_PREFIX = 'raw/loans-rebalanced/';
/** Where each Clarify job writes its report (the processing output named `analysis_result`). */
export const ORIGINAL_REPORT_PREFIX = 'clarify/original/';
export const REBALANCED_REPORT_PREFIX = 'clarify/rebalanced/';
/**
 * The prebuilt Clarify container's ECR repository. Its registry account differs by region
 * (205585389593 in us-east-1, 306415355426 in us-west-2, ...), so a check compares the repository.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-processing-job-configure-container.html
 */
export const CLARIFY_REPOSITORY = 'sagemaker-clarify-processing';
/**
 * The processing input and output names a Clarify job must use.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-processing-job-configure-parameters.html
 */
export const CONFIG_INPUT = 'analysis_config';
export const DATASET_INPUT = 'dataset';
export const RESULT_OUTPUT = 'analysis_result';
/** The report file Clarify writes into its output location. */
export const REPORT_FILE = 'analysis.json';
/** The shipped file's name under ORIGINAL_PREFIX. */
export const DATA_FILE = 'loans.csv';

/** The columns of the shipped CSV (header row first), the label last. */
export const COLUMNS = ['applicant_id', 'group', 'income_k', 'debt_to_income', 'credit_score', 'loan_amount_k', 'employment_years', 'approved'] as const;
export const LABEL = 'approved';
/** The label value that is the favourable outcome (label_values_or_threshold). */
export const POSITIVE_LABEL = 1;
/** The facet (sensitive attribute) and its disadvantaged value, facet d in the Clarify metric pages. */
export const FACET = 'group';
export const FACET_VALUES = ['A', 'B'] as const;
export const DISADVANTAGED = 'B';
/** A few incomes are missing in the shipped data (applicants who declined to say). */
export const INCOME_COLUMN = 'income_k';

/**
 * The pre-training metrics the scenario is about and the report section they appear in.
 * CI = (n_a - n_d) / (n_a + n_d): https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-bias-metric-class-imbalance.html
 * DPL = q_a - q_d: https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-data-bias-metric-true-label-imbalance.html
 * Report shape: https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-processing-job-analysis-results.html
 */
export const METRICS = ['CI', 'DPL'] as const;

/**
 * What the original data's report must show, and what the rebalanced data's report may show at
 * most. The shipped data gives CI = 0.6 (600 of 3,000 rows are B) and DPL = 0.2829 (A approved
 * 55.5%, B 27.2%) for facet B, computed from the file with the formulas above in
 * test/labs/data-bias-quality/data.test.ts: well above the first pair. Resampling B's approved and
 * declined rows apart to A's size and approval rate (bias.ts) gives 0 and 0; resampling B only to
 * A's size gives CI 0 but leaves DPL at 0.28, far above MAX_REBALANCED_DPL.
 */
export const MIN_ORIGINAL_CI = 0.5;
export const MIN_ORIGINAL_DPL = 0.15;
export const MAX_REBALANCED_CI = 0.1;
export const MAX_REBALANCED_DPL = 0.05;

/** The Glue Data Catalog table the learner defines over REBALANCED_PREFIX, in the lab database. */
export const REBALANCED_TABLE = 'loans_rebalanced';
/** The Glue Data Quality ruleset the learner creates. */
export const RULESET_NAME = 'loans-quality';
/**
 * The share of rows that must have an income: the shipped data misses 2% of them (DQDL
 * Completeness compares the share of non-null values; IsComplete asks for all).
 * https://docs.aws.amazon.com/glue/latest/dg/dqdl.html
 */
export const MIN_INCOME_COMPLETENESS = 0.95;

export const lab = defineLab({
  id: LAB_ID,
  title: 'Prove loan data fair enough and clean before training: Clarify bias metrics and Glue Data Quality',
  summary:
    'Measure class imbalance and the difference in approval rates between two applicant groups with a SageMaker Clarify pre-training bias job, rebalance the data until a second job shows both near zero, and guard the rebalanced table with an AWS Glue Data Quality ruleset whose evaluation passes every rule.',
  domains: { 'MLA-C01': ['MLA-C01/D1'], 'MLS-C01': ['MLS-C01/D1', 'MLS-C01/D2'] },
  environments: ['studio', 'datalake'],
  estimatedMinutes: 90,
  estimatedCostUsd: 0.49,
  instanceTypes: [PROCESSING_INSTANCE_TYPE, STUDIO_APP_INSTANCE_TYPE],
  datasets: [
    { dir: 'data', keyPrefix: ORIGINAL_PREFIX, description: 'loan applications: 3,000 rows, no header row, label `approved` last, facet `group` (A or B) (generate-loans.ts)' },
  ],
  usage: [
    { item: `sagemaker:processing-hour:${PROCESSING_INSTANCE_TYPE}`, quantity: 0.5, note: 'three or four Clarify pre-training jobs of about 8 billed minutes each (start-up included)' },
    { item: 'glue:data-quality-dpu-hour', quantity: 0.8, note: 'two or three ruleset evaluations on 2 workers (1 DPU each) of about 10 minutes each' },
    { item: `sagemaker:studio-app-hour:${STUDIO_APP_INSTANCE_TYPE}`, quantity: 1.5, note: 'a JupyterLab space to drive the SDK for 90 minutes' },
    { item: 's3:storage-gb-month', quantity: 0.01, note: 'the data, its rebalanced copy and the reports (a few MB)' },
  ],
  learnerResources: [
    { kind: 'sagemaker:processing-job', name: JOB_PREFIX, match: 'prefix' },
    { kind: 's3:prefix', name: REBALANCED_PREFIX, match: 'prefix' },
    { kind: 's3:prefix', name: 'clarify/', match: 'prefix' },
    { kind: 'glue:table', name: REBALANCED_TABLE },
    { kind: 'glue:data-quality-ruleset', name: RULESET_NAME },
  ],
  requirements: [
    {
      id: 'R1',
      title: `A Completed SageMaker Clarify processing job named '${JOB_PREFIX}*' analysed the shipped data (${ORIGINAL_PREFIX}) for pre-training bias with label '${LABEL}' (favourable value ${POSITIVE_LABEL}), facet '${FACET}' (sensitive value ${DISADVANTAGED}) and at least the metrics ${METRICS.join(' and ')}; its report (analysis.json under ${ORIGINAL_REPORT_PREFIX}) shows CI of at least ${MIN_ORIGINAL_CI} and DPL of at least ${MIN_ORIGINAL_DPL} for group ${DISADVANTAGED}.`,
      hint: 'A Clarify processing job runs AWS\'s prebuilt Clarify container with an analysis configuration file that names the label, the facet and the pre-training methods; read what class imbalance and the difference in proportions of labels measure.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-processing-job-configure-analysis.html',
      reads: ['SageMaker:ListProcessingJobs', 'SageMaker:DescribeProcessingJob', 'S3:GetObject'],
      tasks: ['MLA-C01/1.3'],
      concepts: ['clarify-pre-training-bias', 'class-imbalance-metric', 'difference-in-proportions-of-labels', 'clarify-analysis-config'],
    },
    {
      id: 'R2',
      title: `A rebalanced copy of the data under ${REBALANCED_PREFIX} was analysed by a second Completed '${JOB_PREFIX}*' Clarify job with the same label, facet and metrics; its report (analysis.json under ${REBALANCED_REPORT_PREFIX}) shows |CI| of at most ${MAX_REBALANCED_CI} and |DPL| of at most ${MAX_REBALANCED_DPL} for group ${DISADVANTAGED}.`,
      hint: 'Pick a rebalancing technique (resampling, reweighting into rows, synthetic rows) and ask what it does to each metric: one that equalises how many rows each group has need not equalise how often each group is approved.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/clarify-measure-data-bias.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:ListProcessingJobs', 'SageMaker:DescribeProcessingJob', 'S3:GetObject', 'S3:ListObjectsV2'],
      tasks: ['MLA-C01/1.3'],
      concepts: ['bias-mitigation-resampling', 'class-imbalance-metric', 'difference-in-proportions-of-labels', 'clarify-pre-training-bias'],
    },
    {
      id: 'R3',
      title: `An AWS Glue Data Quality ruleset named '${RULESET_NAME}' holds the rules IsComplete "${LABEL}", ColumnValues "${FACET}" in ["A", "B"] and Completeness "${INCOME_COLUMN}" of at least ${MIN_INCOME_COMPLETENESS} (more rules are welcome), and its latest evaluation on the table '${REBALANCED_TABLE}' of the lab database (located at ${REBALANCED_PREFIX}) passed every rule.`,
      hint: 'Data Quality Definition Language (DQDL) rules state what clean data looks like; a ruleset is evaluated against a Data Catalog table, and the table must read the CSV the way the data means it.',
      docs: 'https://docs.aws.amazon.com/glue/latest/dg/dqdl.html',
      dependsOn: ['R2'],
      reads: ['Glue:GetDataQualityRuleset', 'Glue:GetTable', 'Glue:ListDataQualityResults', 'Glue:GetDataQualityResult'],
      tasks: ['MLA-C01/1.3'],
      concepts: ['glue-data-quality', 'dqdl-rules', 'data-completeness', 'glue-data-catalog'],
    },
  ],
});
