// The checks of xgboost-builtin, one per requirement of its manifest (lab.ts).
import type { Channel, DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import { headArtefact, hyperparameter, parseS3Uri, unreportedArtefact } from '../../lib/check/sagemaker';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { defineChecks, fail, pass, undecided, verdictFrom } from '../../lib/check/verdicts';
import { STACK_OUTPUTS } from '../../lib/model';
import {
  EXPECTED_EVAL_METRIC,
  lab,
  MAX_RUNTIME_SECONDS,
  MAX_WAIT_SECONDS,
  MIN_VALIDATION_AUC,
  OUTPUT_PREFIX,
  PROBABILITY_OBJECTIVES,
  TRAIN_PREFIX,
  TRAINING_INSTANCE_TYPES,
  VALIDATION_METRIC,
  VALIDATION_PREFIX,
  XGBOOST_REPOSITORY,
  XGBOOST_VERSION,
} from './lab';
import { judgedJob, xgboostImageProblem } from './training-job';

const PROBABILITY = `the retention team needs the probability that each customer leaves, which ${PROBABILITY_OBJECTIVES.join(' and ')} (the same logistic loss) learn`;

/**
 * Why an objective does not learn a churn probability, or undefined when it does. Each reason is
 * what the XGBoost parameter documentation says the objective outputs; the figures for
 * reg:squarederror are measured by scripts/xgboost/objectives.py (XGBoost 1.7.4, the reference's
 * other settings, seed 0).
 * https://xgboost.readthedocs.io/en/release_1.7.0/parameter.html#learning-task-parameters
 */
function objectiveProblem(objective: string | undefined): string | undefined {
  if (objective !== undefined && (PROBABILITY_OBJECTIVES as readonly string[]).includes(objective)) return undefined;
  if (objective === undefined) return `objective is not set, so XGBoost uses reg:squarederror; ${PROBABILITY}.`;
  if (objective === 'reg:squarederror') {
    return (
      `objective is reg:squarederror: that regresses churn as a number by squared error, and nothing keeps its scores within [0, 1] ` +
      `(on the shipped data, with the reference's other settings, 561 of the 2,000 validation predictions fall outside), so they are not probabilities; ${PROBABILITY}.`
    );
  }
  if (objective === 'binary:logitraw') return `objective is binary:logitraw: it outputs the log-odds (the score before the logistic transformation), not a probability; ${PROBABILITY}.`;
  if (objective === 'binary:hinge') return `objective is binary:hinge: it predicts 0 or 1, a class, not a probability, so it cannot rank customers by risk; ${PROBABILITY}.`;
  if (objective.startsWith('reg:')) return `objective is ${objective}: that regresses churn as a number, not the probability of a yes-or-no outcome; ${PROBABILITY}.`;
  return `objective is ${objective}; ${PROBABILITY}.`;
}

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

/**
 * Why a channel's content type is not the text/csv that R5 asks for, or undefined. Training
 * content types of the built-in XGBoost: text/libsvm (the default), text/csv, application/x-parquet,
 * application/x-recordio-protobuf; parameters such as `;label_size=1` do not change the type.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost.html (input and output interface)
 */
function contentTypeProblem(name: string, contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'text/csv') return undefined;
  const shipped = 'the shipped files are CSV (label first, no header)';
  if (type === undefined || type === '') {
    return `The '${name}' channel's ContentType is not set; ${shipped}, and built-in XGBoost parses a channel without a content type as libsvm (text/libsvm is its default), so set text/csv.`;
  }
  if (type === 'csv') {
    return `The '${name}' channel's ContentType is '${contentType}'. The XGBoost container reads that as CSV as well, but R5 asks for text/csv, the MIME type the SageMaker documentation gives for CSV input; set the channel's ContentType to text/csv.`;
  }
  const declared: Record<string, string> = {
    'text/libsvm': 'libsvm (index:value pairs)',
    libsvm: 'libsvm (index:value pairs)',
    'application/x-parquet': 'Parquet',
    'application/x-recordio-protobuf': 'RecordIO-protobuf',
  };
  const format = declared[type];
  return format
    ? `The '${name}' channel's ContentType is '${contentType}', which tells XGBoost the files are ${format}; ${shipped}, so set text/csv.`
    : `The '${name}' channel's ContentType is '${contentType}'; ${shipped}, and R5 asks for text/csv.`;
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
  const problem = contentTypeProblem(name, channel.ContentType);
  if (problem) problems.push(problem);
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
    const problem = objectiveProblem(objective);
    if (problem) problems.push(problem);
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
    // A Completed job always reports where it wrote model.tar.gz; without it nothing can be judged.
    if (!artefact) return undecided(unreportedArtefact(job.TrainingJobName));
    if (artefact.bucket !== bucket || !artefact.key.startsWith(OUTPUT_PREFIX)) {
      return fail(
        `${job.TrainingJobName} wrote its model to ${uri}; write it under ${s3Uri(bucket, OUTPUT_PREFIX)} (S3OutputPath) so the serverless-endpoint lab can find it and teardown removes it with the lab.`,
      );
    }
    const head = await headArtefact(ctx, uri!);
    if (head.state === 'missing') return fail(`${uri} no longer exists: the job's model artefact was deleted. Train again (or restore it) so the model can be deployed.`);
    if (head.state === 'missing-or-unreadable') return undecided(head.finding);
    return pass(`${uri} exists (${head.bytes ?? '?'} bytes).`);
  }),
});
