// The checks of xgboost-builtin, one per requirement of its manifest (lab.ts).
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Channel, DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import { isNotFound } from '../../lib/aws/errors';
import { hyperparameter, parseS3Uri } from '../../lib/check/sagemaker';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { defineChecks, fail, pass, verdictFrom } from '../../lib/check/verdicts';
import { STACK_OUTPUTS } from '../../lib/model';
import {
  EXPECTED_EVAL_METRIC,
  EXPECTED_OBJECTIVE,
  lab,
  MAX_RUNTIME_SECONDS,
  MAX_WAIT_SECONDS,
  MIN_VALIDATION_AUC,
  OUTPUT_PREFIX,
  TRAIN_PREFIX,
  TRAINING_INSTANCE_TYPES,
  VALIDATION_METRIC,
  VALIDATION_PREFIX,
  XGBOOST_REPOSITORY,
  XGBOOST_VERSION,
} from './lab';
import { judgedJob, xgboostImageProblem } from './training-job';

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

export const checks = defineChecks(lab, {
  R1: onJudgedJob((job) =>
    pass(`${job.TrainingJobName} completed in ${job.TrainingTimeInSeconds ?? '?'} s (${job.BillableTimeInSeconds ?? '?'} s billable).`),
  ),
  R2: onJudgedJob((job) => {
    const problem = xgboostImageProblem(job.AlgorithmSpecification?.TrainingImage, `The training image of ${job.TrainingJobName}`);
    return problem ? fail(problem) : pass(`${job.TrainingJobName} uses ${XGBOOST_REPOSITORY}:${XGBOOST_VERSION}.`);
  }),
  R3: onJudgedJob((job) => {
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
  R4: onJudgedJob((job) => {
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
  R5: onJudgedJob(async (job, ctx) => {
    const bucket = await ctx.stackOutput(STACK_OUTPUTS.labBucketName);
    const channels = job.InputDataConfig ?? [];
    return verdictFrom(
      [...channelProblems(channels, 'train', bucket, TRAIN_PREFIX, VALIDATION_PREFIX), ...channelProblems(channels, 'validation', bucket, VALIDATION_PREFIX, TRAIN_PREFIX)],
      [`train <- ${s3Uri(bucket, TRAIN_PREFIX)}, validation <- ${s3Uri(bucket, VALIDATION_PREFIX)}, both text/csv.`],
    );
  }),
  R6: onJudgedJob((job) => {
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
  R7: onJudgedJob(async (job, ctx) => {
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
});
