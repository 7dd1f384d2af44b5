// The checks of serverless-endpoint, one per requirement of its manifest (lab.ts).
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  SageMakerClient,
  type ContainerDefinition,
  type DescribeEndpointConfigOutput,
  type DescribeEndpointOutput,
  type DescribeModelOutput,
} from '@aws-sdk/client-sagemaker';
import { isNotFound } from '../../lib/aws/errors';
import { describeTrainingJob, headArtefact } from '../../lib/check/sagemaker';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { defineChecks, fail, pass, undecided, verdictFrom } from '../../lib/check/verdicts';
import { TRAINING_JOB_PREFIX, XGBOOST_REPOSITORY, XGBOOST_VERSION } from '../xgboost-builtin/lab';
import { listChurnJobs, xgboostImageProblem } from '../xgboost-builtin/training-job';
import {
  ENDPOINT_CONFIG_NAME,
  ENDPOINT_NAME,
  lab,
  LOOKBACK_DAYS,
  MAX_CONCURRENCY,
  MAX_MEMORY_SIZE_MB,
  METRIC_NAMESPACE,
  MIN_SUCCESSFUL_INVOCATIONS,
  MODEL_NAME,
  VALID_MEMORY_SIZES_MB,
} from './lab';

/** The invocation metrics are summed per hour over the LOOKBACK_DAYS window. */
const PERIOD_SECONDS = 3600;

/**
 * SageMaker answers DescribeModel / DescribeEndpointConfig / DescribeEndpoint for a missing name
 * with ValidationException ("Could not find ..."), not ResourceNotFound; with the lab's fixed,
 * valid names no other validation error can occur, so the error name alone is enough.
 */
function isMissing(err: unknown): boolean {
  return isNotFound(err) || (err as any)?.name === 'ValidationException';
}

async function describeOrMissing<T>(send: () => Promise<T>): Promise<T | undefined> {
  try {
    return await send();
  } catch (err) {
    if (isMissing(err)) return undefined;
    throw err;
  }
}

const describeModel = (ctx: CheckContext) =>
  describeOrMissing<DescribeModelOutput>(() => ctx.client(SageMakerClient).send(new DescribeModelCommand({ ModelName: MODEL_NAME })));
const describeEndpointConfig = (ctx: CheckContext) =>
  describeOrMissing<DescribeEndpointConfigOutput>(() => ctx.client(SageMakerClient).send(new DescribeEndpointConfigCommand({ EndpointConfigName: ENDPOINT_CONFIG_NAME })));
const describeEndpoint = (ctx: CheckContext) =>
  describeOrMissing<DescribeEndpointOutput>(() => ctx.client(SageMakerClient).send(new DescribeEndpointCommand({ EndpointName: ENDPOINT_NAME })));

function modelDataOf(container: ContainerDefinition): string | undefined {
  return container.ModelDataUrl ?? container.ModelDataSource?.S3DataSource?.S3Uri;
}

async function checkModel(ctx: CheckContext): Promise<CheckVerdict> {
  const model = await describeModel(ctx);
  if (!model) return fail(`No model named ${MODEL_NAME} exists in ${ctx.region}: create it from the xgboost-builtin lab's training job (artefact and XGBoost image).`);
  const containers = model.PrimaryContainer ? [model.PrimaryContainer] : (model.Containers ?? []);
  if (containers.length !== 1) {
    return fail(`${MODEL_NAME} has ${containers.length} containers; a serverless endpoint serving one XGBoost model needs exactly one (an inference pipeline adds latency and memory for nothing here).`);
  }
  const container = containers[0]!;
  const problems: string[] = [];
  const imageProblem = xgboostImageProblem(container.Image, `The image of ${MODEL_NAME}`);
  if (imageProblem) problems.push(`${imageProblem} The model must be served by the same algorithm and version that trained it, or the container cannot read model.tar.gz.`);

  const data = modelDataOf(container);
  if (!data) {
    problems.push(`${MODEL_NAME} has no model data: point it at the model.tar.gz your xgboost-builtin training job wrote.`);
    return verdictFrom(problems);
  }
  const jobs = (await listChurnJobs(ctx)).filter((j) => j.TrainingJobStatus === 'Completed');
  let source: string | undefined;
  for (const summary of jobs) {
    const job = await describeTrainingJob(ctx, summary.TrainingJobName!);
    if (job.ModelArtifacts?.S3ModelArtifacts === data) {
      source = job.TrainingJobName;
      break;
    }
  }
  if (!source) {
    problems.push(
      jobs.length === 0
        ? `${MODEL_NAME} serves ${data}, but no '${TRAINING_JOB_PREFIX}*' training job has Completed: finish the xgboost-builtin lab first, so the endpoint serves a model that met its requirements.`
        : `${MODEL_NAME} serves ${data}, which is not the artefact of any Completed '${TRAINING_JOB_PREFIX}*' training job; deploy the model the xgboost-builtin lab trained, so what is served is what was validated.`,
    );
    return verdictFrom(problems);
  }
  const head = await headArtefact(ctx, data);
  if (head.state === 'missing') {
    problems.push(`${data} (from ${source}) no longer exists: a serverless endpoint loads the artefact on every cold start, so deleting it breaks the endpoint the next time it scales from zero.`);
  } else if (head.state === 'missing-or-unreadable') {
    // Whether the artefact exists is what R1 is about; a fail found elsewhere still stands.
    return problems.length > 0 ? fail(...problems, head.finding) : undecided(head.finding);
  }
  return verdictFrom(problems, [`${MODEL_NAME} serves ${data} from ${source} with ${XGBOOST_REPOSITORY}:${XGBOOST_VERSION}.`]);
}

async function checkEndpointConfig(ctx: CheckContext): Promise<CheckVerdict> {
  const config = await describeEndpointConfig(ctx);
  if (!config) return fail(`No endpoint configuration named ${ENDPOINT_CONFIG_NAME} exists in ${ctx.region}.`);
  const variants = config.ProductionVariants ?? [];
  if (variants.length !== 1) return fail(`${ENDPOINT_CONFIG_NAME} has ${variants.length} production variants; the lab serves one model through one serverless variant.`);
  const variant = variants[0]!;
  const problems: string[] = [];
  if (variant.ModelName !== MODEL_NAME) problems.push(`Variant ${variant.VariantName} serves model ${variant.ModelName}; it must serve ${MODEL_NAME}.`);
  const serverless = variant.ServerlessConfig;
  if (!serverless) {
    problems.push(
      `Variant ${variant.VariantName} is instance-based (${variant.InstanceType ?? 'no instance type'} x ${variant.InitialInstanceCount ?? '?'}): it bills every hour it is up, traffic or not. A serverless variant (ServerlessConfig) bills only while it serves requests, which suits a model called a few times a day.`,
    );
    return verdictFrom(problems);
  }
  const memory = serverless.MemorySizeInMB;
  if (memory === undefined || !(VALID_MEMORY_SIZES_MB as readonly number[]).includes(memory) || memory > MAX_MEMORY_SIZE_MB) {
    problems.push(
      `MemorySizeInMB is ${memory ?? 'not set'}; the lab allows ${VALID_MEMORY_SIZES_MB.filter((m) => m <= MAX_MEMORY_SIZE_MB).join(' or ')}: serverless compute is billed per GB-second, and a 50 KB XGBoost model does not need more.`,
    );
  }
  const concurrency = serverless.MaxConcurrency;
  if (concurrency === undefined || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    problems.push(`MaxConcurrency is ${concurrency ?? 'not set'}; the lab allows 1 to ${MAX_CONCURRENCY}: concurrency is shared with every serverless endpoint in the account and region, and the lab's traffic needs little.`);
  }
  if (serverless.ProvisionedConcurrency !== undefined) {
    problems.push(`ProvisionedConcurrency is ${serverless.ProvisionedConcurrency}: provisioned concurrency is billed while idle, which removes the reason to go serverless for occasional traffic; cold starts are acceptable in this scenario.`);
  }
  return verdictFrom(problems, [`${ENDPOINT_CONFIG_NAME}: variant ${variant.VariantName} -> ${MODEL_NAME}, serverless ${memory} MB, MaxConcurrency ${concurrency}.`]);
}

async function checkEndpoint(ctx: CheckContext): Promise<CheckVerdict> {
  const endpoint = await describeEndpoint(ctx);
  if (!endpoint) return fail(`No endpoint named ${ENDPOINT_NAME} exists in ${ctx.region}.`);
  const problems: string[] = [];
  if (endpoint.EndpointConfigName !== ENDPOINT_CONFIG_NAME) {
    problems.push(`${ENDPOINT_NAME} uses endpoint configuration ${endpoint.EndpointConfigName}; it must use ${ENDPOINT_CONFIG_NAME}.`);
  }
  if (endpoint.EndpointStatus !== 'InService') {
    const reason = endpoint.FailureReason ? ` Failure reason: ${endpoint.FailureReason}` : '';
    const transient = ['Creating', 'Updating', 'SystemUpdating'].includes(endpoint.EndpointStatus ?? '');
    problems.push(`${ENDPOINT_NAME} is ${endpoint.EndpointStatus}.${reason}${transient ? ' Run the check again once it is InService.' : ''}`);
  }
  return verdictFrom(problems, [`${ENDPOINT_NAME} is InService with ${ENDPOINT_CONFIG_NAME}.`]);
}

async function checkTraffic(ctx: CheckContext): Promise<CheckVerdict> {
  const endpoint = await describeEndpoint(ctx);
  const variant = endpoint?.ProductionVariants?.[0]?.VariantName;
  if (!variant) return fail(`${ENDPOINT_NAME} reports no production variant, so its invocation metrics cannot be read.`);
  const dimensions = [
    { Name: 'EndpointName', Value: ENDPOINT_NAME },
    { Name: 'VariantName', Value: variant },
  ];
  const query = (Id: string, MetricName: string): MetricDataQuery => ({
    Id,
    MetricStat: { Metric: { Namespace: METRIC_NAMESPACE, MetricName, Dimensions: dimensions }, Period: PERIOD_SECONDS, Stat: 'Sum' },
    ReturnData: true,
  });
  // Whole hours, so the window (and the memo key) is stable for the length of a run.
  const end = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  const start = new Date(end.getTime() - LOOKBACK_DAYS * 86_400_000);
  const out = await ctx.client(CloudWatchClient).send(
    new GetMetricDataCommand({
      StartTime: start,
      EndTime: end,
      MetricDataQueries: [query('invocations', 'Invocations'), query('errors4xx', 'Invocation4XXErrors'), query('errors5xx', 'Invocation5XXErrors')],
    }),
  );
  const results = out.MetricDataResults ?? [];
  const total = (id: string) => results.find((r) => r.Id === id)?.Values?.reduce((a, b) => a + b, 0) ?? 0;
  const invocations = total('invocations');
  const errors4xx = total('errors4xx');
  const errors5xx = total('errors5xx');
  const served = Math.max(0, invocations - errors4xx - errors5xx);
  const summary = `${invocations} invocation(s) of ${ENDPOINT_NAME}/${variant} in the last ${LOOKBACK_DAYS} days, ${errors4xx} with a 4XX and ${errors5xx} with a 5XX error`;
  if (served >= MIN_SUCCESSFUL_INVOCATIONS) return pass(`${summary}: ${served} served.`);
  // Too few only counts when CloudWatch returned every data point of the three metrics; StatusCode
  // Complete says so (PartialData comes with a NextToken, Forbidden when a metric may not be read).
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataResult.html
  const incomplete = ['invocations', 'errors4xx', 'errors5xx'].filter((id) => results.find((r) => r.Id === id)?.StatusCode !== 'Complete');
  if (incomplete.length > 0 || out.NextToken) {
    const statuses = incomplete.map((id) => `${id}: ${results.find((r) => r.Id === id)?.StatusCode ?? 'no result'}`).join(', ');
    return undecided(`${summary} so far, but CloudWatch did not return every data point (${statuses || 'more pages'}), so whether ${MIN_SUCCESSFUL_INVOCATIONS} were served cannot be told. Run the check again; if this persists, check that the checker may call cloudwatch:GetMetricData.`);
  }
  const findings = [`${summary}: ${served} served; the scenario asks for at least ${MIN_SUCCESSFUL_INVOCATIONS}. Metrics reach CloudWatch a few minutes after the requests.`];
  if (errors4xx > 0) findings.push('4XX errors mean the request was refused: built-in XGBoost expects ContentType text/csv and one row of the twelve feature columns, without the label.');
  if (errors5xx > 0) findings.push('5XX errors mean the model failed to answer: a cold start that ran out of memory or a model artefact the container cannot load; the endpoint\'s CloudWatch log group (/aws/sagemaker/Endpoints/' + ENDPOINT_NAME + ') says which.');
  return fail(...findings);
}

export const checks = defineChecks(lab, {
  R1: checkModel,
  R2: checkEndpointConfig,
  R3: checkEndpoint,
  R4: checkTraffic,
});
