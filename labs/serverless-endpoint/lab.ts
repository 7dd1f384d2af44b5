import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
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
import { defineLab } from '../../lib/model';
import { fail, pass, verdictFrom } from '../../lib/check/verdicts';
import { isNotFound } from '../../lib/aws/errors';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { LAB_ID as XGBOOST_LAB_ID, OUTPUT_PREFIX as XGBOOST_OUTPUT_PREFIX, STUDIO_APP_INSTANCE_TYPE } from '../xgboost-builtin/lab';
import { describeTrainingJob, parseS3Uri } from '../../lib/check/sagemaker';
import { listChurnJobs, TRAINING_JOB_PREFIX, XGBOOST_REPOSITORY, XGBOOST_VERSION, xgboostImageProblem } from '../xgboost-builtin/training-job';

export const LAB_ID = 'serverless-endpoint';

/** Names the learner must use; teardown deletes exactly these. */
export const MODEL_NAME = 'churn-serverless-model';
export const ENDPOINT_CONFIG_NAME = 'churn-serverless-config';
export const ENDPOINT_NAME = 'churn-serverless';

/**
 * Serverless limits of the lab. The API accepts 1024 to 6144 MB in 1 GB steps and a maximum
 * concurrency of 1 to 200 (API_ProductionVariantServerlessConfig); compute is billed per
 * GB-second, so memory is cost. A 50 KB XGBoost model on twelve features runs in the smallest
 * sizes; 2 GB leaves room for the container. Two concurrent invocations serve the lab's
 * traffic and keep a class sharing one account under the account's total serverless concurrency
 * quota. Both equal the lab stack's guardrail (lib/stack/guardrails.ts denies CreateEndpointConfig
 * above them), which test/labs/serverless-endpoint/guardrail.test.ts holds together.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantServerlessConfig.html
 */
export const VALID_MEMORY_SIZES_MB = [1024, 2048, 3072, 4096, 5120, 6144] as const;
export const MAX_MEMORY_SIZE_MB = 2048;
export const MAX_CONCURRENCY = 2;

/**
 * Traffic the endpoint must show. Invocation metrics of a serverless endpoint are the real-time
 * ones, in namespace AWS/SageMaker with dimensions EndpointName and VariantName; `Invocations`
 * counts every InvokeEndpoint request sent, so the 4XX and 5XX errors are subtracted to count
 * the requests the model answered.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-monitoring.html
 * https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html
 */
export const METRIC_NAMESPACE = 'AWS/SageMaker';
export const MIN_SUCCESSFUL_INVOCATIONS = 10;
export const LOOKBACK_DAYS = 7;
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
  const s3 = parseS3Uri(data)!;
  try {
    await ctx.client(S3Client).send(new HeadObjectCommand({ Bucket: s3.bucket, Key: s3.key }));
  } catch (err) {
    if (!isNotFound(err)) throw err;
    problems.push(`${data} (from ${source}) no longer exists: a serverless endpoint loads the artefact on every cold start, so deleting it breaks the endpoint the next time it scales from zero.`);
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
  const total = (id: string) => (out.MetricDataResults ?? []).find((r) => r.Id === id)?.Values?.reduce((a, b) => a + b, 0) ?? 0;
  const invocations = total('invocations');
  const errors4xx = total('errors4xx');
  const errors5xx = total('errors5xx');
  const served = Math.max(0, invocations - errors4xx - errors5xx);
  const summary = `${invocations} invocation(s) of ${ENDPOINT_NAME}/${variant} in the last ${LOOKBACK_DAYS} days, ${errors4xx} with a 4XX and ${errors5xx} with a 5XX error`;
  if (served >= MIN_SUCCESSFUL_INVOCATIONS) return pass(`${summary}: ${served} served.`);
  const findings = [`${summary}: ${served} served; the scenario asks for at least ${MIN_SUCCESSFUL_INVOCATIONS}. Metrics reach CloudWatch a few minutes after the requests.`];
  if (errors4xx > 0) findings.push('4XX errors mean the request was refused: built-in XGBoost expects ContentType text/csv and one row of the twelve feature columns, without the label.');
  if (errors5xx > 0) findings.push('5XX errors mean the model failed to answer: a cold start that ran out of memory or a model artefact the container cannot load; the endpoint\'s CloudWatch log group (/aws/sagemaker/Endpoints/' + ENDPOINT_NAME + ') says which.');
  return fail(...findings);
}

export const lab = defineLab({
  id: LAB_ID,
  title: 'Serve the churn model from a serverless endpoint',
  summary:
    'Deploy the XGBoost churn model trained in xgboost-builtin to a SageMaker serverless endpoint within memory and concurrency limits, call it, and prove from CloudWatch that it served the traffic.',
  domains: { 'MLA-C01': ['MLA-C01/D3'], 'MLS-C01': ['MLS-C01/D4'] },
  environments: ['studio'],
  estimatedMinutes: 45,
  estimatedCostUsd: 0.05,
  // A serverless endpoint starts no instance type; the only one needed is the Studio space.
  instanceTypes: [STUDIO_APP_INSTANCE_TYPE],
  // The model's artefact is written by the xgboost-builtin lab; SageMaker reads it with the model's
  // execution role, which is this lab's, so the stack lets that role read the artefacts and no more.
  readsArtefactsOf: [{ lab: XGBOOST_LAB_ID, keyPrefix: XGBOOST_OUTPUT_PREFIX }],
  usage: [
    { item: 'sagemaker:serverless-inference-gb-second', quantity: 60, note: 'about 100 invocations of a fraction of a second each, cold starts included, on 2 GB of memory' },
    { item: 'sagemaker:serverless-requests-million', quantity: 0.0001, note: 'about 100 requests' },
    { item: 'sagemaker:serverless-data-gb', quantity: 0.001, note: 'CSV rows in, probabilities out' },
    { item: `sagemaker:studio-app-hour:${STUDIO_APP_INSTANCE_TYPE}`, quantity: 1, note: 'a JupyterLab space to drive the SDK for an hour' },
  ],
  learnerResources: [
    { kind: 'sagemaker:endpoint', name: ENDPOINT_NAME, match: 'exact' },
    { kind: 'sagemaker:endpoint-config', name: ENDPOINT_CONFIG_NAME, match: 'exact' },
    { kind: 'sagemaker:model', name: MODEL_NAME, match: 'exact' },
    { kind: 'logs:log-group', name: `/aws/sagemaker/Endpoints/${ENDPOINT_NAME}`, match: 'exact' },
  ],
  requirements: [
    {
      id: 'R1',
      title: `The model ${MODEL_NAME} serves the artefact of a Completed '${TRAINING_JOB_PREFIX}*' training job with the built-in XGBoost ${XGBOOST_VERSION} image.`,
      hint: 'A SageMaker model pairs an inference image with model data in S3; the training job that produced the artefact tells you both.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateModel.html',
      reads: ['SageMaker:DescribeModel', 'SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob', 'S3:HeadObject'],
      check: checkModel,
    },
    {
      id: 'R2',
      title: `The endpoint configuration ${ENDPOINT_CONFIG_NAME} has one serverless variant serving ${MODEL_NAME}, with at most ${MAX_MEMORY_SIZE_MB} MB of memory, a maximum concurrency of 1 to ${MAX_CONCURRENCY}, and no provisioned concurrency.`,
      hint: 'Read how a serverless variant is declared in an endpoint configuration and which memory sizes and concurrency values it accepts.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantServerlessConfig.html',
      reads: ['SageMaker:DescribeEndpointConfig'],
      check: checkEndpointConfig,
    },
    {
      id: 'R3',
      title: `The endpoint ${ENDPOINT_NAME} is InService with ${ENDPOINT_CONFIG_NAME}.`,
      hint: 'An endpoint is created from an endpoint configuration and takes a few minutes to come into service.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html',
      reads: ['SageMaker:DescribeEndpoint'],
      check: checkEndpoint,
    },
    {
      id: 'R4',
      title: `CloudWatch shows at least ${MIN_SUCCESSFUL_INVOCATIONS} invocations of ${ENDPOINT_NAME} answered without error in the last ${LOOKBACK_DAYS} days.`,
      hint: 'Invoke the endpoint through the SageMaker runtime with the input format built-in XGBoost accepts for inference, then look for the invocation metrics of serverless endpoints.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-monitoring.html',
      dependsOn: ['R3'],
      reads: ['SageMaker:DescribeEndpoint', 'CloudWatch:GetMetricData'],
      check: checkTraffic,
    },
  ],
});
