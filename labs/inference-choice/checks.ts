// The checks of inference-choice, one per requirement of its manifest (lab.ts).
import {
  ApplicationAutoScalingClient,
  paginateDescribeScalableTargets,
  paginateDescribeScalingPolicies,
  type ScalingPolicy,
} from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeTransformJobCommand,
  paginateListTransformJobs,
  SageMakerClient,
  type DescribeEndpointConfigOutput,
  type DescribeEndpointOutput,
  type DescribeTransformJobResponse,
  type TransformJobSummary,
} from '@aws-sdk/client-sagemaker';
import { GetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { collect, isNotFound, isServiceError, KnownError } from '../../lib/aws';
import { parseS3Uri } from '../../lib/check/sagemaker';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { defineChecks, fail, pass, undecided, verdictFrom } from '../../lib/check/verdicts';
import { STACK_OUTPUTS } from '../../lib/model';
import { selectedColumns } from './filters';
import {
  ASYNC_CONFIG_NAME,
  ASYNC_ENDPOINT_NAME,
  ASYNC_FAILURE_PREFIX,
  ASYNC_INPUT_PREFIX,
  ASYNC_OUTPUT_PREFIX,
  DECISION_KEY,
  INFERENCE_INSTANCE_TYPE,
  lab,
  MAX_ASYNC_INSTANCES,
  MODEL_NAME,
  NIGHTLY_INPUT_PREFIX,
  NIGHTLY_OUTPUT_PREFIX,
  TOPIC_PREFIX,
  TRANSFORM_JOB_PREFIX,
} from './lab';
import { NIGHTLY_FILE, NIGHTLY_ROWS, nightlyCustomerIds } from './nightly-data';
import { HOSTING_USD_PER_HOUR, INFERENCE_OPTIONS, LIMITS, optionOf, WORKLOADS } from './workloads';
import { SAGEMAKER_METRIC_NAMESPACE as SAGEMAKER_NAMESPACE } from '../hosting';

/** The shipped rows: a customer id and twelve features; joined with the prediction, fourteen columns. */
const INPUT_COLUMNS = 13;
const JOINED_COLUMNS = INPUT_COLUMNS + 1;

const labBucket = (ctx: CheckContext) => ctx.stackOutput(STACK_OUTPUTS.labBucketName);
const s3Uri = (bucket: string, key: string) => `s3://${bucket}/${key}`;

/** True when `uri` is `prefix` (with or without its final slash) or lies under it, in `bucket`. */
function isUnder(uri: string | undefined, bucket: string, prefix: string): boolean {
  const s3 = parseS3Uri(uri);
  return !!s3 && s3.bucket === bucket && (s3.key === prefix.replace(/\/$/, '') || s3.key.startsWith(prefix));
}

// --- R1 the decision record ---------------------------------------------------------------

async function checkDecisions(ctx: CheckContext): Promise<CheckVerdict> {
  const bucket = await labBucket(ctx);
  const where = s3Uri(bucket, DECISION_KEY);
  let text: string;
  try {
    const object = await ctx.client(S3Client).send(new GetObjectCommand({ Bucket: bucket, Key: DECISION_KEY }));
    text = (await object.Body?.transformToString('utf8')) ?? '';
  } catch (err) {
    if (isNotFound(err)) return fail(`There is no decision record at ${where}: write a JSON object there with one key per workload (${WORKLOADS.map((w) => w.id).join(', ')}) naming the option you chose.`);
    throw err;
  }
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (err) {
    return fail(`${where} is not valid JSON (${(err as Error).message}); it must be one object with one key per workload.`);
  }
  if (!record || typeof record !== 'object' || Array.isArray(record)) return fail(`${where} holds ${Array.isArray(record) ? 'an array' : typeof record}; it must be one JSON object with one key per workload.`);
  const problems: string[] = [];
  const chosen: string[] = [];
  for (const workload of WORKLOADS) {
    const raw = (record as Record<string, unknown>)[workload.id];
    // `{ "option": "serverless", "why": "..." }` states the same choice as the bare string.
    const spelling = typeof raw === 'string' ? raw : raw && typeof raw === 'object' && typeof (raw as { option?: unknown }).option === 'string' ? (raw as { option: string }).option : undefined;
    if (spelling === undefined) {
      problems.push(`${workload.id} (${workload.title}): no option stated.`);
      continue;
    }
    const option = optionOf(spelling);
    if (!option) {
      problems.push(`${workload.id}: '${spelling}' is not one of the four options (${INFERENCE_OPTIONS.join(', ')}; 'realtime', 'async' and 'batch' are understood too).`);
    } else if (option !== workload.answer) {
      problems.push(`${workload.id} (${workload.title}): ${option} does not fit: ${workload.wrong[option]}`);
    } else {
      chosen.push(`${workload.id}: ${option}`);
    }
  }
  return verdictFrom(problems, [`${where}: ${chosen.join('; ')}.`]);
}

// --- R2 the asynchronous endpoint ---------------------------------------------------------

/**
 * DescribeEndpoint / DescribeEndpointConfig answer a missing name with ValidationException
 * ("Could not find ..."); with the lab's fixed, valid names no other validation error can occur.
 */
async function unlessMissing<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (err) {
    if (isNotFound(err) || isServiceError(err, 'ValidationException')) return undefined;
    throw err;
  }
}

const asyncEndpoint = (ctx: CheckContext): Promise<DescribeEndpointOutput | undefined> =>
  unlessMissing(ctx.client(SageMakerClient).send(new DescribeEndpointCommand({ EndpointName: ASYNC_ENDPOINT_NAME })));
const endpointConfig = (ctx: CheckContext, name: string): Promise<DescribeEndpointConfigOutput | undefined> =>
  unlessMissing(ctx.client(SageMakerClient).send(new DescribeEndpointConfigCommand({ EndpointConfigName: name })));

/** Why a notification topic is not one of the lab's, or undefined when it exists and is. */
async function topicProblem(ctx: CheckContext, field: string, arn: string | undefined): Promise<string | undefined> {
  if (!arn) return `${field} is not set: the partner learns that a file is scored, or failed, from that topic instead of polling S3 (the checker reads your configuration, not the messages).`;
  const name = arn.split(':').pop() ?? '';
  if (!name.startsWith(TOPIC_PREFIX)) return `${field} is ${arn}; use a topic named ${TOPIC_PREFIX}*, which the learner role may create and teardown removes.`;
  try {
    await ctx.client(SNSClient).send(new GetTopicAttributesCommand({ TopicArn: arn }));
    return undefined;
  } catch (err) {
    if (isServiceError(err, 'NotFoundException', 'NotFound')) return `${field} names ${arn}, which does not exist: SageMaker has nowhere to publish, so create the topic (or point at one that exists).`;
    throw err;
  }
}

async function checkAsyncEndpoint(ctx: CheckContext): Promise<CheckVerdict> {
  const endpoint = await asyncEndpoint(ctx);
  if (!endpoint) return fail(`No endpoint named ${ASYNC_ENDPOINT_NAME} exists in ${ctx.region}.`);
  const problems: string[] = [];
  if (endpoint.EndpointConfigName !== ASYNC_CONFIG_NAME) problems.push(`${ASYNC_ENDPOINT_NAME} uses endpoint configuration ${endpoint.EndpointConfigName}; it must use ${ASYNC_CONFIG_NAME}.`);
  if (endpoint.EndpointStatus !== 'InService') {
    const transient = ['Creating', 'Updating', 'SystemUpdating'].includes(endpoint.EndpointStatus ?? '');
    problems.push(`${ASYNC_ENDPOINT_NAME} is ${endpoint.EndpointStatus}.${endpoint.FailureReason ? ` Failure reason: ${endpoint.FailureReason}` : ''}${transient ? ' Run the check again once it is InService.' : ''}`);
  }
  const config = await endpointConfig(ctx, ASYNC_CONFIG_NAME);
  if (!config) return fail(...problems, `No endpoint configuration named ${ASYNC_CONFIG_NAME} exists in ${ctx.region}.`);
  const variants = config.ProductionVariants ?? [];
  if (variants.length !== 1) return fail(...problems, `${ASYNC_CONFIG_NAME} has ${variants.length} production variants; the partner files need one model on one asynchronous variant.`);
  const variant = variants[0]!;
  if (variant.ModelName !== MODEL_NAME) problems.push(`Variant ${variant.VariantName} serves ${variant.ModelName}; it must serve ${MODEL_NAME}.`);
  if (variant.ServerlessConfig) {
    problems.push(`Variant ${variant.VariantName} is serverless: asynchronous inference runs on instances, and serverless requests stop at ${LIMITS.serverlessMaxPayloadMb} MB and ${LIMITS.serverlessTimeoutSeconds} seconds, below a 40 MB file that takes two minutes.`);
  } else if (variant.InstanceType !== INFERENCE_INSTANCE_TYPE) {
    problems.push(`Variant ${variant.VariantName} runs on ${variant.InstanceType ?? 'no instance type'}; the lab allows ${INFERENCE_INSTANCE_TYPE}: the churn model is 50 KB of trees, and a larger instance costs more every hour the endpoint is up.`);
  }
  const output = config.AsyncInferenceConfig?.OutputConfig;
  if (!config.AsyncInferenceConfig) {
    problems.push(
      `${ASYNC_CONFIG_NAME} has no AsyncInferenceConfig, so the endpoint is real-time: each request must be answered within ${LIMITS.realTimeTimeoutSeconds} seconds, and a partner file takes about 120; an asynchronous endpoint queues requests of up to ${LIMITS.asyncMaxPayloadGb} GB and processes each for up to an hour.`,
    );
    return verdictFrom(problems);
  }
  const bucket = await labBucket(ctx);
  if (!isUnder(output?.S3OutputPath, bucket, ASYNC_OUTPUT_PREFIX)) {
    problems.push(`S3OutputPath is ${output?.S3OutputPath ?? 'not set'}; the answers belong under ${s3Uri(bucket, ASYNC_OUTPUT_PREFIX)}, where the partner collects them and teardown empties the bucket.`);
  }
  if (!isUnder(output?.S3FailurePath, bucket, ASYNC_FAILURE_PREFIX)) {
    problems.push(`S3FailurePath is ${output?.S3FailurePath ?? 'not set'}; put failed requests' errors under ${s3Uri(bucket, ASYNC_FAILURE_PREFIX)}, apart from the answers, so a failed file is seen as failed and not waited for.`);
  }
  const notification = output?.NotificationConfig;
  for (const [field, arn] of [['SuccessTopic', notification?.SuccessTopic], ['ErrorTopic', notification?.ErrorTopic]] as const) {
    const problem = await topicProblem(ctx, `NotificationConfig.${field}`, arn);
    if (problem) problems.push(problem);
  }
  return verdictFrom(problems, [
    `${ASYNC_ENDPOINT_NAME} is InService: ${variant.VariantName} on ${variant.InstanceType} serving ${MODEL_NAME}; answers to ${output?.S3OutputPath}, failures to ${output?.S3FailurePath}; notifications to ${notification?.SuccessTopic} and ${notification?.ErrorTopic}.`,
  ]);
}

// --- R3 scaling to zero on the backlog ----------------------------------------------------

/**
 * The metrics of asynchronous endpoints' request queue, namespace AWS/SageMaker, dimension EndpointName.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-autoscale.html
 */
const BACKLOG_PER_INSTANCE = 'ApproximateBacklogSizePerInstance';
const HAS_BACKLOG_WITHOUT_CAPACITY = 'HasBacklogWithoutCapacity';
const SCALABLE_DIMENSION = 'sagemaker:variant:DesiredInstanceCount';

/** Whether a target tracking policy tracks this endpoint's backlog per instance (one metric, or metric math over it). */
function tracksBacklog(policy: ScalingPolicy): boolean | 'other-endpoint' {
  const spec = policy.TargetTrackingScalingPolicyConfiguration?.CustomizedMetricSpecification;
  const metrics = spec?.Metrics?.length ? spec.Metrics.map((m) => m.MetricStat?.Metric).filter((m) => m !== undefined) : spec ? [spec] : [];
  const backlog = metrics.filter((m) => m.MetricName === BACKLOG_PER_INSTANCE && (m.Namespace ?? SAGEMAKER_NAMESPACE) === SAGEMAKER_NAMESPACE);
  if (backlog.length === 0) return false;
  return backlog.some((m) => (m.Dimensions ?? []).some((d) => d.Name === 'EndpointName' && d.Value === ASYNC_ENDPOINT_NAME)) ? true : 'other-endpoint';
}

function describePolicy(policy: ScalingPolicy): string {
  const tracking = policy.TargetTrackingScalingPolicyConfiguration;
  if (!tracking) return `${policy.PolicyName} (${policy.PolicyType})`;
  const metric = tracking.PredefinedMetricSpecification?.PredefinedMetricType ?? tracking.CustomizedMetricSpecification?.MetricName ?? 'a metric-math expression';
  return `${policy.PolicyName} (target tracking on ${metric})`;
}

async function checkScaling(ctx: CheckContext): Promise<CheckVerdict> {
  const endpoint = await asyncEndpoint(ctx);
  const variant = endpoint?.ProductionVariants?.[0]?.VariantName;
  if (!variant) return undecided(`${ASYNC_ENDPOINT_NAME} reports no production variant, so its scalable target cannot be named; run the check again once the endpoint is InService (R2).`);
  const client = ctx.client(ApplicationAutoScalingClient);
  const resource = { ServiceNamespace: 'sagemaker' as const, ResourceId: `endpoint/${ASYNC_ENDPOINT_NAME}/variant/${variant}`, ScalableDimension: SCALABLE_DIMENSION as 'sagemaker:variant:DesiredInstanceCount' };
  const targets = await collect(paginateDescribeScalableTargets({ client }, { ServiceNamespace: resource.ServiceNamespace, ResourceIds: [resource.ResourceId], ScalableDimension: resource.ScalableDimension }), (p) => p.ScalableTargets);
  const target = targets[0];
  if (!target) {
    return fail(`${resource.ResourceId} is not registered with Application Auto Scaling, so the endpoint keeps its instance around the clock: about USD ${Math.round(HOSTING_USD_PER_HOUR * 720)} a month for 5 to 20 files a day. Register its DesiredInstanceCount as a scalable target with a minimum of 0.`);
  }
  const problems: string[] = [];
  if (target.MinCapacity !== 0) {
    problems.push(`MinCapacity is ${target.MinCapacity}: the endpoint never goes below ${target.MinCapacity} instance(s), each billed USD ${HOSTING_USD_PER_HOUR} an hour while no file waits; asynchronous endpoints are the SageMaker endpoints that may scale to 0.`);
  }
  if (target.MaxCapacity === undefined || target.MaxCapacity < 1 || target.MaxCapacity > MAX_ASYNC_INSTANCES) {
    problems.push(`MaxCapacity is ${target.MaxCapacity ?? 'not set'}; the lab allows 1 to ${MAX_ASYNC_INSTANCES}: a few files a day never need more, and the cap bounds what a flood of requests can cost.`);
  }
  if (target.SuspendedState?.DynamicScalingInSuspended) problems.push('Dynamic scale-in is suspended on the target (SuspendedState.DynamicScalingInSuspended), so no policy can take it back to zero.');

  const policies = await collect(paginateDescribeScalingPolicies({ client }, resource), (p) => p.ScalingPolicies);
  const tracking = policies.filter((p) => p.PolicyType === 'TargetTrackingScaling');
  const backlog = tracking.filter((p) => tracksBacklog(p) === true);
  const steps = policies.filter((p) => p.PolicyType === 'StepScaling');
  if (backlog.length === 0) {
    const elsewhere = tracking.filter((p) => tracksBacklog(p) === 'other-endpoint');
    const seen = policies.length ? ` It has ${policies.map(describePolicy).join(', ')}.` : ' It has no scaling policy.';
    problems.push(
      elsewhere.length
        ? `${elsewhere.map((p) => p.PolicyName).join(', ')} tracks ${BACKLOG_PER_INSTANCE} without the dimension EndpointName=${ASYNC_ENDPOINT_NAME}, so it follows another queue (or none) than this endpoint's.`
        : `No target tracking policy follows ${BACKLOG_PER_INSTANCE} (namespace ${SAGEMAKER_NAMESPACE}, dimension EndpointName=${ASYNC_ENDPOINT_NAME}).${seen} The queue of waiting requests is what grows when files arrive and empties when they are done; a policy on it removes the last instance when nothing waits.` +
            (steps.length ? ' A step scaling policy can wake the endpoint from zero, but without a policy that scales in on the backlog it stays up once woken.' : ''),
    );
  } else {
    const disabled = backlog.filter((p) => p.TargetTrackingScalingPolicyConfiguration?.DisableScaleIn);
    if (disabled.length === backlog.length) problems.push(`${disabled.map((p) => p.PolicyName).join(', ')} sets DisableScaleIn, so the backlog policy never removes instances and the endpoint cannot reach zero.`);
  }
  if (problems.length > 0) return fail(...problems);

  const policy = backlog[0]!;
  const value = policy.TargetTrackingScalingPolicyConfiguration?.TargetValue;
  const wakers = await wakeFromZeroAlarms(ctx, steps);
  return pass(
    `${resource.ResourceId}: ${target.MinCapacity} to ${target.MaxCapacity} instances, ${policy.PolicyName} tracks ${BACKLOG_PER_INSTANCE} at ${value}.`,
    wakers.length
      ? `${wakers.join(', ')} wakes the endpoint from zero as soon as a request waits (${HAS_BACKLOG_WITHOUT_CAPACITY}).`
      : `Without a step scaling policy on ${HAS_BACKLOG_WITHOUT_CAPACITY}, the endpoint leaves zero only once the backlog exceeds the target value (${value}); the autoscaling guide shows the optional policy that wakes it on the first request.`,
  );
}

/** The step scaling policies whose alarm watches HasBacklogWithoutCapacity of this endpoint. */
async function wakeFromZeroAlarms(ctx: CheckContext, steps: readonly ScalingPolicy[]): Promise<string[]> {
  const names = steps.flatMap((p) => (p.Alarms ?? []).map((a) => a.AlarmName).filter((n): n is string => !!n));
  if (names.length === 0) return [];
  // DescribeAlarms takes at most 100 names per call; a variant has a handful of policies.
  const out = await ctx.client(CloudWatchClient).send(new DescribeAlarmsCommand({ AlarmNames: names.slice(0, 100) }));
  const waking = new Set(
    (out.MetricAlarms ?? [])
      .filter((a) => a.MetricName === HAS_BACKLOG_WITHOUT_CAPACITY && (a.Dimensions ?? []).some((d) => d.Name === 'EndpointName' && d.Value === ASYNC_ENDPOINT_NAME))
      .map((a) => a.AlarmName),
  );
  return steps.filter((p) => (p.Alarms ?? []).some((a) => waking.has(a.AlarmName))).map((p) => p.PolicyName!);
}

// --- R4 a completed asynchronous inference ------------------------------------------------

/** The objects directly or deeper under an S3 location (the first page, enough to know whether any exist). */
async function objectsUnder(ctx: CheckContext, uri: string): Promise<{ key: string; modified?: Date }[]> {
  const s3 = parseS3Uri(uri)!;
  const prefix = s3.key === '' || s3.key.endsWith('/') ? s3.key : `${s3.key}/`;
  const out = await ctx.client(S3Client).send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix, MaxKeys: 1000 }));
  return (out.Contents ?? []).filter((o) => o.Key && !o.Key.endsWith('/')).map((o) => ({ key: o.Key!, ...(o.LastModified ? { modified: o.LastModified } : {}) }));
}

async function checkAsyncAnswer(ctx: CheckContext): Promise<CheckVerdict> {
  const endpoint = await asyncEndpoint(ctx);
  const config = endpoint?.EndpointConfigName ? await endpointConfig(ctx, endpoint.EndpointConfigName) : undefined;
  const output = config?.AsyncInferenceConfig?.OutputConfig;
  // Where answers go is R2's; without it there is nowhere to look, which decides nothing here.
  if (!parseS3Uri(output?.S3OutputPath)) return undecided(`${ASYNC_ENDPOINT_NAME} has no asynchronous output path to look in (R2), so whether an inference completed cannot be told.`);
  const answers = await objectsUnder(ctx, output!.S3OutputPath!);
  if (answers.length > 0) {
    const newest = answers.reduce((a, b) => ((b.modified?.getTime() ?? 0) > (a.modified?.getTime() ?? 0) ? b : a));
    return pass(`${answers.length} answer(s) under ${output!.S3OutputPath}, the newest ${newest.key}${newest.modified ? ` (${newest.modified.toISOString()})` : ''}.`);
  }
  const failures = parseS3Uri(output?.S3FailurePath) ? await objectsUnder(ctx, output!.S3FailurePath!) : [];
  if (failures.length > 0) {
    return fail(
      `No answer under ${output!.S3OutputPath}, and ${failures.length} failed request(s) under ${output!.S3FailurePath} (for example ${failures[0]!.key}): each failure object holds the error. ` +
        'Built-in XGBoost reads text/csv rows of the twelve feature columns, without a customer id or label.',
    );
  }
  return fail(
    `Nothing under ${output!.S3OutputPath} or the failure path yet: no asynchronous request of ${ASYNC_ENDPOINT_NAME} has completed. An asynchronous request points at its payload in S3 (for example under ${ASYNC_INPUT_PREFIX} of the lab bucket); ` +
      'SageMaker writes the answer when it is done, and an endpoint scaled to zero first waits for an instance to start. Run the check again in a few minutes.',
  );
}

// --- R5 and R6 the nightly batch transform --------------------------------------------------

/** ListTransformJobs returns at most 100 jobs per page; ten pages bound the listing (API_ListTransformJobs). */
const TRANSFORM_PAGE_SIZE = 100;
const TRANSFORM_MAX_PAGES = 10;

async function nightlyJobs(ctx: CheckContext): Promise<TransformJobSummary[]> {
  const jobs: TransformJobSummary[] = [];
  let pages = 0;
  for await (const page of paginateListTransformJobs(
    { client: ctx.client(SageMakerClient), pageSize: TRANSFORM_PAGE_SIZE },
    { NameContains: TRANSFORM_JOB_PREFIX, SortBy: 'CreationTime', SortOrder: 'Descending' },
  )) {
    jobs.push(...(page.TransformJobSummaries ?? []).filter((j) => j.TransformJobName?.startsWith(TRANSFORM_JOB_PREFIX)));
    if (++pages >= TRANSFORM_MAX_PAGES && page.NextToken) {
      if (jobs.length === 0) throw new KnownError('other', `SageMaker listed ${TRANSFORM_MAX_PAGES} pages of transform jobs containing '${TRANSFORM_JOB_PREFIX}' and offers more, none starting with it; the jobs that would decide were not read.`);
      break;
    }
  }
  return jobs;
}

const describeTransformJob = (ctx: CheckContext, name: string) => ctx.client(SageMakerClient).send(new DescribeTransformJobCommand({ TransformJobName: name }));

/** The newest Completed nightly job, or why there is none. */
async function judgedTransformJob(ctx: CheckContext): Promise<{ job: DescribeTransformJobResponse } | { problem: string }> {
  const jobs = await nightlyJobs(ctx);
  if (jobs.length === 0) return { problem: `No transform job whose name starts with '${TRANSFORM_JOB_PREFIX}' exists in ${ctx.region}.` };
  const completed = jobs.find((j) => j.TransformJobStatus === 'Completed');
  if (completed) return { job: await describeTransformJob(ctx, completed.TransformJobName!) };
  const newest = await describeTransformJob(ctx, jobs[0]!.TransformJobName!);
  const reason = newest.FailureReason ? ` Failure reason: ${newest.FailureReason}` : '';
  const idHint = /could not convert|convert string|ValueError|feature/i.test(newest.FailureReason ?? '') ? ' The model was trained on the twelve feature columns; the customer id must not reach it.' : '';
  const waiting = newest.TransformJobStatus === 'InProgress' ? ' Run the check again once it has finished.' : '';
  return { problem: `None of your ${jobs.length} '${TRANSFORM_JOB_PREFIX}*' transform job(s) has Completed; the newest, ${newest.TransformJobName}, is ${newest.TransformJobStatus}.${reason}${idHint}${waiting}` };
}

function transformProblems(job: DescribeTransformJobResponse, bucket: string): string[] {
  const problems: string[] = [];
  const input = job.TransformInput;
  const source = input?.DataSource?.S3DataSource;
  if (job.ModelName !== MODEL_NAME) problems.push(`${job.TransformJobName} runs model ${job.ModelName}; it must run ${MODEL_NAME}.`);
  if (!isUnder(source?.S3Uri, bucket, NIGHTLY_INPUT_PREFIX)) problems.push(`It reads ${source?.S3Uri ?? 'no S3 location'}; the nightly export is ${s3Uri(bucket, NIGHTLY_INPUT_PREFIX + NIGHTLY_FILE)}.`);
  const type = input?.ContentType?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'text/csv') problems.push(`ContentType is ${input?.ContentType ?? 'not set'}; the export is CSV, and built-in XGBoost needs text/csv to parse it.`);
  if (input?.SplitType !== 'Line') {
    problems.push(
      `SplitType is ${input?.SplitType ?? 'None'}: each file then goes to the model as one record, which must fit MaxPayloadInMB (${LIMITS.batchDefaultPayloadMb} MB by default, ${LIMITS.batchMaxPayloadMb} at most) however large the export grows, and predictions cannot be joined to their rows; Line makes every CSV line a record.`,
    );
  }
  const output = job.TransformOutput;
  if (!isUnder(output?.S3OutputPath, bucket, NIGHTLY_OUTPUT_PREFIX)) problems.push(`It writes to ${output?.S3OutputPath ?? 'nowhere'}; the retention team reads ${s3Uri(bucket, NIGHTLY_OUTPUT_PREFIX)}.`);
  if (output?.AssembleWith !== 'Line') problems.push(`AssembleWith is ${output?.AssembleWith ?? 'None'}: the results are then concatenated without a line break between records; Line writes one output line per input line.`);
  const processing = job.DataProcessing;
  const fed = selectedColumns(processing?.InputFilter, INPUT_COLUMNS);
  const features = Array.from({ length: INPUT_COLUMNS - 1 }, (_, i) => i + 1);
  if (fed && fed.join(',') !== features.join(',')) {
    problems.push(
      `InputFilter ${processing?.InputFilter ?? '$ (the default)'} passes columns ${fed.join(',')} of the ${INPUT_COLUMNS}: the model was trained on the twelve features (columns 1 to 12), so the customer id in column 0 must not reach it.`,
    );
  }
  if (processing?.JoinSource !== 'Input') problems.push(`JoinSource is ${processing?.JoinSource ?? 'None'}: the output then holds bare probabilities and no customer id, and the call list needs both; Input joins each prediction to its input row.`);
  const kept = selectedColumns(processing?.OutputFilter, JOINED_COLUMNS);
  if (processing?.JoinSource === 'Input' && kept && (kept[0] !== 0 || kept[kept.length - 1] !== JOINED_COLUMNS - 1)) {
    problems.push(`OutputFilter ${processing.OutputFilter} keeps columns ${kept.join(',')} of the joined row (id, twelve features, probability); keep the customer id first and the probability last.`);
  }
  const resources = job.TransformResources;
  if (resources?.InstanceType !== INFERENCE_INSTANCE_TYPE || (resources.InstanceCount ?? 1) !== 1) {
    problems.push(`It ran on ${resources?.InstanceCount ?? '?'} x ${resources?.InstanceType ?? '?'}; the lab allows one ${INFERENCE_INSTANCE_TYPE}: ${NIGHTLY_ROWS.toLocaleString('en-US')} rows of twelve numbers take seconds to score.`);
  }
  return problems;
}

async function checkTransformJob(ctx: CheckContext): Promise<CheckVerdict> {
  const judged = await judgedTransformJob(ctx);
  if ('problem' in judged) return fail(judged.problem);
  const { job } = judged;
  const bucket = await labBucket(ctx);
  const unevaluated = (['InputFilter', 'OutputFilter'] as const).filter((f) => selectedColumns(job.DataProcessing?.[f], f === 'InputFilter' ? INPUT_COLUMNS : JOINED_COLUMNS) === undefined);
  const problems = transformProblems(job, bucket);
  if (problems.length > 0) return fail(...problems);
  if (unevaluated.length > 0) {
    return undecided(`${job.TransformJobName}: ${unevaluated.map((f) => `${f} ${job.DataProcessing?.[f]}`).join(' and ')} is a JSONPath form the checker does not evaluate for CSV rows ($, $[i,j], $[a:b], $[*]), so which columns it selects cannot be told.`);
  }
  const { InputFilter, JoinSource, OutputFilter } = job.DataProcessing ?? {};
  return pass(`${job.TransformJobName} Completed on one ${INFERENCE_INSTANCE_TYPE}: SplitType Line, AssembleWith Line, InputFilter ${InputFilter}, JoinSource ${JoinSource}, OutputFilter ${OutputFilter ?? '$'}.`);
}

/** Batch transform names each output object after its input object, with `.out` appended (batch-transform.html). */
function outputKeyOf(job: DescribeTransformJobResponse): { bucket: string; key: string } | undefined {
  const input = parseS3Uri(job.TransformInput?.DataSource?.S3DataSource?.S3Uri);
  const output = parseS3Uri(job.TransformOutput?.S3OutputPath);
  if (!input || !output) return undefined;
  const inputPrefix = input.key.endsWith(NIGHTLY_FILE) ? input.key.slice(0, -NIGHTLY_FILE.length) : input.key.replace(/\/?$/, '/');
  const relative = `${inputPrefix}${NIGHTLY_FILE}`.slice(inputPrefix.length);
  const outputPrefix = output.key === '' || output.key.endsWith('/') ? output.key : `${output.key}/`;
  return { bucket: output.bucket, key: `${outputPrefix}${relative}.out` };
}

async function checkTransformOutput(ctx: CheckContext): Promise<CheckVerdict> {
  const judged = await judgedTransformJob(ctx);
  if ('problem' in judged) return fail(judged.problem);
  const location = outputKeyOf(judged.job);
  if (!location) return undecided(`${judged.job.TransformJobName} reports no S3 input or output location, so its output file cannot be named.`);
  const uri = s3Uri(location.bucket, location.key);
  let text: string;
  try {
    const object = await ctx.client(S3Client).send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }));
    text = (await object.Body?.transformToString('utf8')) ?? '';
  } catch (err) {
    if (isNotFound(err)) return fail(`${uri} does not exist, although ${judged.job.TransformJobName} Completed: the output was moved or deleted; run the job again.`);
    throw err;
  }
  const rows = text.split('\n').filter((line) => line.trim() !== '');
  const ids = nightlyCustomerIds();
  const problems: string[] = [];
  if (rows.length !== ids.length) {
    problems.push(
      `${uri} has ${rows.length} line(s); the nightly file has ${NIGHTLY_ROWS.toLocaleString('en-US')} customers, one output line each.` +
        (rows.length === 1 && NIGHTLY_ROWS > 1 ? ' One long line is what AssembleWith None writes: records concatenated without line breaks.' : ''),
    );
  }
  const misplaced = rows.findIndex((row, i) => row.split(',')[0]!.trim() !== ids[i]);
  if (misplaced >= 0 && rows.length > 0) {
    problems.push(`Line ${misplaced + 1} starts with '${rows[misplaced]!.split(',')[0]}', not the customer id ${ids[misplaced] ?? '(none: more lines than customers)'}: every line must start with its customer's id, in file order, for the call list.`);
  }
  const notProbability = rows.findIndex((row) => {
    const p = Number(row.split(',').pop());
    return !(row.includes(',') && Number.isFinite(p) && p >= 0 && p <= 1);
  });
  if (notProbability >= 0) problems.push(`Line ${notProbability + 1} ('${rows[notProbability]!.slice(0, 80)}') does not end with a churn probability between 0 and 1.`);
  return verdictFrom(problems, [`${uri}: ${rows.length} lines, customer ids in file order, each ending with a churn probability.`]);
}

export const checks = defineChecks(lab, {
  R1: checkDecisions,
  R2: checkAsyncEndpoint,
  R3: checkScaling,
  R4: checkAsyncAnswer,
  R5: checkTransformJob,
  R6: checkTransformOutput,
});
