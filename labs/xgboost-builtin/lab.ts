import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Channel, DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import { defineLab } from '../../lib/model';
import { fail, pass, verdictFrom } from '../../lib/check/verdicts';
import { isNotFound } from '../../lib/aws/errors';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { STACK_OUTPUTS } from '../../lib/model';
import { hyperparameter, parseS3Uri } from '../../lib/check/sagemaker';
import { judgedJob, TRAINING_JOB_PREFIX, XGBOOST_REPOSITORY, XGBOOST_VERSION, xgboostImageProblem } from './training-job';

export const LAB_ID = 'xgboost-builtin';

/**
 * Training instance types the lab allows. XGBoost 1.7 trains on CPU and is memory-bound; AWS
 * recommends general-purpose (M5) instances over compute-optimised ones for it, and the shipped
 * data (330 KB) fits the smallest one many times over.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost.html (EC2 instance recommendation)
 */
export const TRAINING_INSTANCE_TYPES = ['ml.m5.large'] as const;
/** The Studio JupyterLab space the learner drives the SDK from (the cheapest Studio app type). */
export const STUDIO_APP_INSTANCE_TYPE = 'ml.t3.medium';

/** Key prefixes in the lab bucket: where the stack uploads the shipped channels, where the model goes. */
export const TRAIN_PREFIX = 'churn/train/';
export const VALIDATION_PREFIX = 'churn/validation/';
export const OUTPUT_PREFIX = 'churn/output/';

/**
 * The validation AUC the retention team needs. Measured with scripts/xgboost/reachability.py on
 * XGBoost 1.7.4 (the release in the 1.7-1 container): the reference configuration reaches
 * 0.9163 (0.9136 to 0.9163 over five seeds), careless ones end between 0.8851 and 0.8957.
 * The metric is listed in https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost-tuning.html
 */
export const MIN_VALIDATION_AUC = 0.9;
export const VALIDATION_METRIC = 'validation:auc';

/**
 * Stopping limits. The job trains in about a minute once the instance is up; 30 minutes of
 * runtime is generous and still caps a runaway job at a few cents. Spot waiting time must be
 * at least the runtime (API_StoppingCondition); an hour in total bounds how long a spot job may
 * sit waiting for capacity.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_StoppingCondition.html
 */
export const MAX_RUNTIME_SECONDS = 1800;
export const MAX_WAIT_SECONDS = 3600;

const EXPECTED_OBJECTIVE = 'binary:logistic';
const EXPECTED_EVAL_METRIC = 'auc';

type JobCheck = (job: DescribeTrainingJobResponse, ctx: CheckContext) => Promise<CheckVerdict> | CheckVerdict;

/** Runs `check` on the judged job; without one, the requirement fails with why. */
function onJudgedJob(check: JobCheck): (ctx: CheckContext) => Promise<CheckVerdict> {
  return async (ctx) => {
    const judged = await judgedJob(ctx);
    if ('problem' in judged) return fail(judged.problem);
    return check(judged.job, ctx);
  };
}

const s3Uri = (bucket: string, prefix: string): string => `s3://${bucket}/${prefix}`;

/** True when `uri` names the prefix (with or without its final slash) or a file directly under it. */
function pointsAt(uri: string | undefined, bucket: string, prefix: string): boolean {
  const s3 = parseS3Uri(uri);
  if (!s3 || s3.bucket !== bucket) return false;
  const bare = prefix.replace(/\/$/, '');
  return s3.key === bare || s3.key === prefix || (s3.key.startsWith(prefix) && !s3.key.slice(prefix.length).includes('/') && s3.key.length > prefix.length);
}

function channelProblems(channels: readonly Channel[], name: string, bucket: string, prefix: string, otherPrefix: string): string[] {
  const channel = channels.find((c) => c.ChannelName === name);
  const expected = s3Uri(bucket, prefix);
  if (!channel) {
    return [
      name === 'validation'
        ? `The job has no 'validation' channel. Without it XGBoost reports no ${VALIDATION_METRIC}: the scenario judges the model on customers it did not train on (${expected}).`
        : `The job has no 'train' channel; built-in XGBoost reads its training data from the channel named 'train' (${expected}).`,
    ];
  }
  const problems: string[] = [];
  const source = channel.DataSource?.S3DataSource;
  if (!source) {
    problems.push(`The '${name}' channel does not read from S3; point it at ${expected}, where the lab stack uploaded the shipped data.`);
  } else {
    if (source.S3DataType !== 'S3Prefix') {
      problems.push(`The '${name}' channel uses S3DataType ${source.S3DataType}; the shipped data is a plain prefix (S3Prefix), not a manifest.`);
    }
    if (pointsAt(source.S3Uri, bucket, otherPrefix)) {
      problems.push(
        name === 'validation'
          ? `The 'validation' channel reads the training data (${source.S3Uri}): a model scored on rows it trained on looks better than it is, so the AUC proves nothing. Use ${expected}.`
          : `The 'train' channel reads the validation data (${source.S3Uri}); train on ${expected} and keep the validation rows unseen.`,
      );
    } else if (!pointsAt(source.S3Uri, bucket, prefix)) {
      problems.push(`The '${name}' channel reads ${source.S3Uri ?? '(no URI)'}; the scenario's ${name} data is the shipped set at ${expected} in the lab bucket.`);
    }
  }
  const contentType = channel.ContentType?.split(';')[0]?.trim();
  if (contentType !== 'text/csv') {
    problems.push(
      `The '${name}' channel's ContentType is ${channel.ContentType ? `'${channel.ContentType}'` : 'not set'}; the shipped files are CSV (label first, no header), and built-in XGBoost parses a channel as libsvm unless it is told text/csv.`,
    );
  }
  return problems;
}

export const lab = defineLab({
  id: LAB_ID,
  title: 'Predict churn with the built-in XGBoost algorithm on managed spot training',
  summary:
    'Train SageMaker built-in XGBoost 1.7-1 on a shipped, imbalanced churn data set with the objective and evaluation metric the business problem calls for, on spot capacity with sensible limits, and reach a validation AUC of 0.90.',
  domains: { 'MLA-C01': ['MLA-C01/D2'], 'MLS-C01': ['MLS-C01/D3'] },
  environments: ['studio'],
  estimatedMinutes: 60,
  estimatedCostUsd: 0.11,
  instanceTypes: [...TRAINING_INSTANCE_TYPES, STUDIO_APP_INSTANCE_TYPE],
  datasets: [
    { dir: 'data/train', keyPrefix: TRAIN_PREFIX, description: 'churn training channel: 8,000 customers, label first, no header (text/csv)' },
    { dir: 'data/validation', keyPrefix: VALIDATION_PREFIX, description: 'churn validation channel: 2,000 customers, same columns' },
  ],
  usage: [
    { item: 'sagemaker:training-spot-hour:ml.m5.large', quantity: 0.25, note: 'about five training jobs of 3 billable minutes each on one spot ml.m5.large' },
    { item: `sagemaker:studio-app-hour:${STUDIO_APP_INSTANCE_TYPE}`, quantity: 2, note: 'a JupyterLab space to drive the SageMaker SDK for about two hours' },
    { item: 's3:storage-gb-month', quantity: 0.01, note: 'shipped data and model artefacts for a month (well under 10 MB)' },
  ],
  learnerResources: [
    { kind: 'sagemaker:training-job', name: TRAINING_JOB_PREFIX, match: 'prefix' },
    { kind: 's3:prefix', name: OUTPUT_PREFIX, match: 'prefix' },
  ],
  requirements: [
    {
      id: 'R1',
      title: `A training job whose name starts with '${TRAINING_JOB_PREFIX}' has completed.`,
      hint: 'A training job is created with CreateTrainingJob (or an Estimator in the SageMaker Python SDK); its name is yours to choose. The checker judges your newest Completed job.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/how-it-works-training.html',
      reads: ['SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob'],
      check: onJudgedJob((job) =>
        pass(`${job.TrainingJobName} completed in ${job.TrainingTimeInSeconds ?? '?'} s (${job.BillableTimeInSeconds ?? '?'} s billable).`),
      ),
    },
    {
      id: 'R2',
      title: `The job runs the SageMaker built-in XGBoost algorithm, version ${XGBOOST_VERSION}.`,
      hint: 'The built-in algorithms are container images in AWS-owned ECR registries; the registry account differs by region, the repository name and version tag do not.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob'],
      check: onJudgedJob((job) => {
        const problem = xgboostImageProblem(job.AlgorithmSpecification?.TrainingImage, `The training image of ${job.TrainingJobName}`);
        return problem ? fail(problem) : pass(`${job.TrainingJobName} uses ${XGBOOST_REPOSITORY}:${XGBOOST_VERSION}.`);
      }),
    },
    {
      id: 'R3',
      title: `The job learns a churn probability (objective ${EXPECTED_OBJECTIVE}) and reports ${VALIDATION_METRIC} (eval_metric ${EXPECTED_EVAL_METRIC}).`,
      hint: 'Read what each learning objective predicts and which evaluation metrics rank customers by risk regardless of the class imbalance.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost_hyperparameters.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob'],
      check: onJudgedJob((job) => {
        const problems: string[] = [];
        const objective = hyperparameter(job, 'objective');
        if (objective !== EXPECTED_OBJECTIVE) {
          problems.push(
            objective?.startsWith('reg:')
              ? `objective is ${objective}: that regresses churn as a number, so the scores are not probabilities and the loss ignores that the answer is yes or no. Churn is a binary outcome: ${EXPECTED_OBJECTIVE} learns the probability that a customer leaves.`
              : `objective is ${objective ?? 'not set (XGBoost then defaults to reg:squarederror)'}; the retention team needs the probability that each customer leaves, which ${EXPECTED_OBJECTIVE} learns.`,
          );
        }
        const metrics = (hyperparameter(job, 'eval_metric') ?? '')
          .replace(/[[\]"' ]/g, '')
          .split(',')
          .filter(Boolean);
        if (!metrics.includes(EXPECTED_EVAL_METRIC)) {
          problems.push(
            `eval_metric is ${metrics.length ? metrics.join(',') : 'not set'}: the job then never reports ${VALIDATION_METRIC}. ` +
              'Only about 13% of customers churn, so accuracy or error rate look good even for a model that flags nobody; AUC measures how well the model ranks leavers above stayers, which is what a retention campaign with a fixed budget needs.',
          );
        }
        return verdictFrom(problems, [`objective ${objective}, eval_metric ${metrics.join(',')}.`]);
      }),
    },
    {
      id: 'R4',
      title: `The job runs on one ${TRAINING_INSTANCE_TYPES.join(' or ')} instance with managed spot training, at most ${MAX_RUNTIME_SECONDS} s of runtime and a spot waiting limit between that runtime and ${MAX_WAIT_SECONDS} s.`,
      hint: 'Managed spot training is enabled on the training job itself, and it needs both a runtime limit and a waiting limit in the stopping condition.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/model-managed-spot-training.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob'],
      check: onJudgedJob((job) => {
        const problems: string[] = [];
        const type = job.ResourceConfig?.InstanceType;
        if (!type || !(TRAINING_INSTANCE_TYPES as readonly string[]).includes(type)) {
          problems.push(
            `${job.TrainingJobName} ran on ${type ?? 'no instance type'}; the lab allows ${TRAINING_INSTANCE_TYPES.join(', ')}: XGBoost on 8,000 rows is memory-bound and small, so a larger or GPU instance only costs more.`,
          );
        }
        const count = job.ResourceConfig?.InstanceCount ?? 1;
        if (count !== 1) problems.push(`${job.TrainingJobName} used ${count} instances; on a data set this small, distributed training adds start-up time and cost and nothing else.`);
        if (job.EnableManagedSpotTraining !== true) {
          problems.push(`${job.TrainingJobName} ran on on-demand capacity; managed spot training bills the spot price, which AWS quotes at up to 90% below on-demand, and a one-minute job rarely loses its instance.`);
        }
        const runtime = job.StoppingCondition?.MaxRuntimeInSeconds;
        const wait = job.StoppingCondition?.MaxWaitTimeInSeconds;
        if (runtime === undefined || runtime > MAX_RUNTIME_SECONDS) {
          problems.push(`MaxRuntimeInSeconds is ${runtime ?? 'not set (SageMaker then allows a day)'}; cap it at ${MAX_RUNTIME_SECONDS} s so a stuck job stops costing money.`);
        }
        if (wait === undefined) {
          problems.push(`MaxWaitTimeInSeconds is not set; a spot job needs it to bound the time spent waiting for capacity plus the runtime.`);
        } else {
          if (runtime !== undefined && wait < runtime) problems.push(`MaxWaitTimeInSeconds (${wait}) is below MaxRuntimeInSeconds (${runtime}); it covers waiting plus running, so it must be at least the runtime.`);
          if (wait > MAX_WAIT_SECONDS) problems.push(`MaxWaitTimeInSeconds is ${wait} s; keep it at most ${MAX_WAIT_SECONDS} s so a job waiting for spot capacity gives up within the hour.`);
        }
        return verdictFrom(problems, [`${type}, ${count} instance, spot, MaxRuntimeInSeconds ${runtime}, MaxWaitTimeInSeconds ${wait}.`]);
      }),
    },
    {
      id: 'R5',
      title: `The job's 'train' and 'validation' channels read the shipped CSV data (${TRAIN_PREFIX} and ${VALIDATION_PREFIX} in the lab bucket) as text/csv.`,
      hint: 'Look up the input formats and channel names of the built-in XGBoost algorithm, and what it assumes when no content type is given.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost-how-to-use.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob'],
      check: onJudgedJob(async (job, ctx) => {
        const bucket = await ctx.stackOutput(STACK_OUTPUTS.labBucketName);
        const channels = job.InputDataConfig ?? [];
        return verdictFrom(
          [...channelProblems(channels, 'train', bucket, TRAIN_PREFIX, VALIDATION_PREFIX), ...channelProblems(channels, 'validation', bucket, VALIDATION_PREFIX, TRAIN_PREFIX)],
          [`train <- ${s3Uri(bucket, TRAIN_PREFIX)}, validation <- ${s3Uri(bucket, VALIDATION_PREFIX)}, both text/csv.`],
        );
      }),
    },
    {
      id: 'R6',
      title: `The job's final ${VALIDATION_METRIC} is at least ${MIN_VALIDATION_AUC}.`,
      hint: 'Tree depth, learning rate and number of rounds decide whether the model can represent interactions between features without memorising the training rows.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost-tuning.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob'],
      check: onJudgedJob((job) => {
        const metric = job.FinalMetricDataList?.find((m) => m.MetricName === VALIDATION_METRIC);
        const settings = ['max_depth', 'eta', 'num_round'].map((k) => `${k}=${hyperparameter(job, k) ?? 'default'}`).join(', ');
        if (metric?.Value === undefined) {
          const reported = (job.FinalMetricDataList ?? []).map((m) => m.MetricName).join(', ') || 'no metrics';
          return fail(`${job.TrainingJobName} reports ${reported}, not ${VALIDATION_METRIC}: set eval_metric to ${EXPECTED_EVAL_METRIC} and give the job a validation channel.`);
        }
        if (metric.Value < MIN_VALIDATION_AUC) {
          return fail(
            `${job.TrainingJobName} ends with ${VALIDATION_METRIC} ${metric.Value.toFixed(4)} (${settings}); the retention team needs at least ${MIN_VALIDATION_AUC}. ` +
              'Churn here depends on combinations of features (contract and tenure, price rises and usage, failed payments and autopay): very shallow trees or very few rounds cannot represent them, and deep trees with a large step for hundreds of rounds memorise the training rows instead.',
          );
        }
        return pass(`${job.TrainingJobName}: ${VALIDATION_METRIC} ${metric.Value.toFixed(4)} >= ${MIN_VALIDATION_AUC} (${settings}).`);
      }),
    },
    {
      id: 'R7',
      title: `The job's model artefact exists in the lab bucket under ${OUTPUT_PREFIX}.`,
      hint: 'The output data configuration of a training job decides where SageMaker writes model.tar.gz.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_OutputDataConfig.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob', 'S3:HeadObject'],
      check: onJudgedJob(async (job, ctx) => {
        const bucket = await ctx.stackOutput(STACK_OUTPUTS.labBucketName);
        const uri = job.ModelArtifacts?.S3ModelArtifacts;
        const artefact = parseS3Uri(uri);
        if (!artefact) return fail(`${job.TrainingJobName} lists no model artefact; a Completed job writes model.tar.gz under its S3OutputPath.`);
        if (artefact.bucket !== bucket || !artefact.key.startsWith(OUTPUT_PREFIX)) {
          return fail(
            `${job.TrainingJobName} wrote its model to ${uri}; write it under ${s3Uri(bucket, OUTPUT_PREFIX)} (S3OutputPath) so the serverless-endpoint lab can find it and teardown removes it with the lab.`,
          );
        }
        try {
          const head = await ctx.client(S3Client).send(new HeadObjectCommand({ Bucket: artefact.bucket, Key: artefact.key }));
          return pass(`${uri} exists (${head.ContentLength ?? '?'} bytes).`);
        } catch (err) {
          if (isNotFound(err)) return fail(`${uri} no longer exists: the job's model artefact was deleted. Train again (or restore it) so the model can be deployed.`);
          throw err;
        }
      }),
    },
  ],
});
