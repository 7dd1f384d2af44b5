import { defineLab, type ReadDeclaration } from '../../lib/model';

const LAB_ID = 'algorithm-choice';

/**
 * One instance type per algorithm's documented CPU recommendation, the cheapest that fits:
 * DeepAR "start with a single CPU instance" (https://docs.aws.amazon.com/sagemaker/latest/dg/deepar.html#deepar-instances),
 * Linear Learner on CPU (https://docs.aws.amazon.com/sagemaker/latest/dg/linear-learner.html#ll-instances),
 * BlazingText supervised mode "a C5 instance if the training data set is under 2 GB"
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/blazingtext.html#blazingtext-instances).
 */
export const TRAINING_INSTANCE_TYPES = ['ml.m5.large', 'ml.c5.xlarge'] as const;
/** The Studio JupyterLab space the learner drives the SDK from (the cheapest Studio app type). */
export const STUDIO_APP_INSTANCE_TYPE = 'ml.t3.medium';
/** The scenario's ceiling per job: the jobs take minutes, a runaway job must not take hours. */
export const MAX_RUNTIME_SECONDS = 1800;
/** Learner job artefacts go here in the lab bucket, which teardown empties with the stack. */
export const OUTPUT_PREFIX = 'output/';

/**
 * Each problem's names: its training jobs are named `<jobPrefix><anything>` (the checker and
 * teardown find them by it), and its shipped data sit under `dataPrefix` in the lab bucket.
 */
export const PROBLEM_PREFIXES = {
  demand: { jobPrefix: 'algo-demand-', dataPrefix: 'datasets/demand/' },
  tickets: { jobPrefix: 'algo-tickets-', dataPrefix: 'datasets/tickets/' },
  rent: { jobPrefix: 'algo-rent-', dataPrefix: 'datasets/prices/' },
} as const;

const SAGEMAKER_READS: readonly ReadDeclaration[] = ['SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob'];

export const lab = defineLab({
  id: LAB_ID,
  title: 'Choose the built-in algorithm: a forecast, a text router and an explainable price',
  summary:
    'Three short business problems, three small training jobs: pick the SageMaker built-in algorithm and the mode that fit each (DeepAR, BlazingText supervised, Linear Learner regressor), on shipped data, on spot, within minutes.',
  domains: { 'MLA-C01': ['MLA-C01/D2'], 'MLS-C01': ['MLS-C01/D3'] },
  environments: ['studio'],
  estimatedMinutes: 60,
  estimatedCostUsd: 0.08,
  instanceTypes: [...TRAINING_INSTANCE_TYPES, STUDIO_APP_INSTANCE_TYPE],
  datasets: [
    {
      dir: 'data/demand',
      keyPrefix: PROBLEM_PREFIXES.demand.dataPrefix,
      description: 'Weekly unit sales of 24 stores, DeepAR JSON Lines: train/ (156 weeks per store) and test/ (the same series plus the next 8 weeks).',
    },
    {
      dir: 'data/tickets',
      keyPrefix: PROBLEM_PREFIXES.tickets.dataPrefix,
      description: 'Support tickets in BlazingText supervised format (__label__<team> tokens): train/ 2,400 lines, validation/ 600 lines, four teams.',
    },
    {
      dir: 'data/prices',
      keyPrefix: PROBLEM_PREFIXES.rent.dataPrefix,
      description: 'Apartment rents, CSV with the rent first and no header, six numeric features: train/ 2,000 rows, validation/ 500 rows.',
    },
  ],
  usage: [
    {
      item: 'sagemaker:training-spot-hour:ml.m5.large',
      quantity: 0.4,
      note: 'The DeepAR and Linear Learner jobs, about 6 billable minutes each, each run twice while you iterate.',
    },
    {
      item: 'sagemaker:training-spot-hour:ml.c5.xlarge',
      quantity: 0.2,
      note: 'The BlazingText job, about 6 billable minutes, run twice while you iterate.',
    },
    { item: `sagemaker:studio-app-hour:${STUDIO_APP_INSTANCE_TYPE}`, quantity: 1, note: 'A JupyterLab space to drive the SageMaker SDK for about an hour.' },
    { item: 's3:storage-gb-month', quantity: 0.01, note: 'Shipped data (under 0.5 MB) and three small model artefacts for a month.' },
  ],
  learnerResources: [
    ...Object.values(PROBLEM_PREFIXES).map((p) => ({ kind: 'sagemaker:training-job' as const, name: p.jobPrefix, match: 'prefix' as const })),
    { kind: 's3:prefix', name: OUTPUT_PREFIX, match: 'prefix' },
  ],
  requirements: [
    {
      id: 'R1',
      title: `A completed training job named ${PROBLEM_PREFIXES.demand.jobPrefix}* forecasts each store's demand for the next 8 weeks with the built-in algorithm and settings that fit weekly multi-store series, trained on the shipped demand data.`,
      hint: 'Compare what the built-in algorithms for time-series data take as input and predict; each algorithm\'s hyperparameter page says which settings are required and what they mean.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/algorithms-time-series.html',
      reads: SAGEMAKER_READS,
      tasks: ['MLA-C01/2.1'],
      concepts: ['deepar', 'time-series-forecasting', 'sagemaker-built-in-algorithms'],
    },
    {
      id: 'R2',
      title: `A completed training job named ${PROBLEM_PREFIXES.tickets.jobPrefix}* learns to route a ticket to one of four teams from its text, with the built-in algorithm and the mode that fit, trained on the shipped tickets.`,
      hint: 'Among the built-in algorithms for text, look for one that learns from labelled lines; check which of its modes learns from the labels.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/algorithms-text.html',
      reads: SAGEMAKER_READS,
      tasks: ['MLA-C01/2.1'],
      concepts: ['blazingtext', 'text-classification', 'sagemaker-built-in-algorithms'],
    },
    {
      id: 'R3',
      title: `A completed training job named ${PROBLEM_PREFIXES.rent.jobPrefix}* estimates an apartment's monthly rent as an amount that can be explained feature by feature, with the built-in algorithm and predictor type that fit, trained on the shipped CSV.`,
      hint: 'Among the built-in algorithms for tabular data, which one produces one weight per feature, and which of its settings makes it predict an amount rather than a class?',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/algorithms-tabular.html',
      reads: SAGEMAKER_READS,
      tasks: ['MLA-C01/2.1', 'MLA-C01/2.3'],
      concepts: ['linear-learner', 'regression', 'model-interpretability'],
    },
    {
      id: 'R4',
      title: `For each problem, the newest job that satisfies R1, R2 or R3 ran on one instance of an allowed type, with managed spot training, at most ${MAX_RUNTIME_SECONDS} s of runtime, and wrote its artefacts under ${OUTPUT_PREFIX} in the lab bucket.`,
      hint: 'Managed spot training and stopping conditions are settings of the training job itself.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/model-managed-spot-training.html',
      dependsOn: ['R1', 'R2', 'R3'],
      reads: SAGEMAKER_READS,
      tasks: ['MLA-C01/2.2', 'MLA-C01/4.2'],
      concepts: ['managed-spot-training', 'stopping-condition', 'instance-types'],
    },
  ],
});
