// The checks of model-monitor-drift, one per requirement of its manifest (lab.ts).
import { GetObjectCommand, paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeDataQualityJobDefinitionCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeMonitoringScheduleCommand,
  DescribeProcessingJobCommand,
  paginateListMonitoringExecutions,
  paginateListProcessingJobs,
  SageMakerClient,
  type DescribeProcessingJobResponse,
  type MonitoringBaselineConfig,
  type MonitoringClusterConfig,
  type MonitoringExecutionSummary,
  type MonitoringOutput,
  type ProcessingJobSummary,
} from '@aws-sdk/client-sagemaker';
import { isNotFound, isServiceError, KnownError } from '../../lib/aws/errors';
import { headArtefact, repositoryOf } from '../../lib/check/sagemaker';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { defineChecks, fail, pass, undecided, verdictFrom } from '../../lib/check/verdicts';
import { STACK_OUTPUTS } from '../../lib/model';
import { xgboostImageProblem } from '../xgboost-builtin/training-job';
import {
  BASELINE_JOB_PREFIX,
  BASELINE_PREFIX,
  CAPTURE_PREFIX,
  DRIFT_CHECK,
  ENDPOINT_CONFIG_NAME,
  ENDPOINT_NAME,
  EXECUTION_LOOKBACK_DAYS,
  HOSTING_INSTANCE_TYPE,
  HOURLY_SCHEDULE,
  lab,
  MAX_SAMPLING_PERCENTAGE,
  MIN_SAMPLING_PERCENTAGE,
  MODEL_MONITOR_REPOSITORY,
  MODEL_NAME,
  PROCESSING_INSTANCE_TYPE,
  REPORTS_PREFIX,
  REQUESTS_PREFIX,
  SCHEDULE_NAME,
  TRAINING_DATA_PREFIX,
} from './lab';

/** ListProcessingJobs and ListMonitoringExecutions return at most 100 items a page; a few pages bound a run. */
const PAGE_SIZE = 100;
const MAX_PAGES = 5;
/** ListObjectsV2 returns up to 1,000 keys a page; one capture file is enough, so few pages are read. */
const MAX_LIST_PAGES = 5;
/** At most this many reports are read per run: the newest executions with violations decide. */
const MAX_REPORTS = 12;

// --- shared reads ---------------------------------------------------------------------------

/**
 * SageMaker answers Describe* calls for a missing name with ValidationException ("Could not
 * find ...": endpoints, configurations, models) or ResourceNotFound (monitoring schedules, job
 * definitions); with the lab's fixed, valid names no other validation error can occur, so either
 * means "does not exist".
 */
async function unlessMissing<T>(send: () => Promise<T>): Promise<T | undefined> {
  return send().catch((err: unknown) => {
    if (isNotFound(err) || isServiceError(err, 'ValidationException', 'ResourceNotFound')) return undefined;
    throw err;
  });
}

const sagemaker = (ctx: CheckContext) => ctx.client(SageMakerClient);
const endpointOf = (ctx: CheckContext) => unlessMissing(() => sagemaker(ctx).send(new DescribeEndpointCommand({ EndpointName: ENDPOINT_NAME })));
const endpointConfigOf = (ctx: CheckContext) => unlessMissing(() => sagemaker(ctx).send(new DescribeEndpointConfigCommand({ EndpointConfigName: ENDPOINT_CONFIG_NAME })));
const labBucket = (ctx: CheckContext) => ctx.stackOutput(STACK_OUTPUTS.labBucketName);

export interface S3Location {
  readonly bucket: string;
  readonly key: string;
}

/**
 * An S3 location as SageMaker accepts it (`(https|s3)://([^/])/?(.*)`, API_DataCaptureConfig):
 * `s3://bucket/key`, or an HTTPS URL in virtual-hosted (`https://bucket.s3[.region].amazonaws.com/key`)
 * or path style (`https://s3[.region].amazonaws.com/bucket/key`).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html
 */
export function parseLocation(uri: string | undefined): S3Location | undefined {
  if (!uri) return undefined;
  const s3 = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (s3) return { bucket: s3[1]!, key: s3[2]! };
  const virtual = /^https:\/\/([^/]+)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com\/?(.*)$/.exec(uri);
  if (virtual) return { bucket: virtual[1]!, key: virtual[2]! };
  const path = /^https:\/\/s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com\/([^/]+)\/?(.*)$/.exec(uri);
  return path ? { bucket: path[1]!, key: path[2]! } : undefined;
}

/** Whether `uri` is `prefix` (with or without its trailing slash) or below it, in `bucket`. */
export function isUnder(uri: string | undefined, bucket: string, prefix: string): boolean {
  const location = parseLocation(uri);
  if (!location || location.bucket !== bucket) return false;
  return `${location.key.replace(/\/+$/, '')}/`.startsWith(prefix);
}

/** `key` without trailing slashes, then one slash: the folder a URI names. */
const folder = (key: string): string => (key ? `${key.replace(/\/+$/, '')}/` : '');

// --- R1 the endpoint ------------------------------------------------------------------------

async function checkEndpoint(ctx: CheckContext): Promise<CheckVerdict> {
  const endpoint = await endpointOf(ctx);
  if (!endpoint) return fail(`No endpoint named ${ENDPOINT_NAME} exists in ${ctx.region}: Model Monitor watches a real-time endpoint, so the lab starts with one.`);
  const problems: string[] = [];
  if (endpoint.EndpointConfigName !== ENDPOINT_CONFIG_NAME) problems.push(`${ENDPOINT_NAME} uses endpoint configuration ${endpoint.EndpointConfigName}; it must use ${ENDPOINT_CONFIG_NAME}.`);
  if (endpoint.EndpointStatus !== 'InService') {
    const reason = endpoint.FailureReason ? ` Failure reason: ${endpoint.FailureReason}` : '';
    const transient = ['Creating', 'Updating', 'SystemUpdating'].includes(endpoint.EndpointStatus ?? '');
    problems.push(`${ENDPOINT_NAME} is ${endpoint.EndpointStatus}.${reason}${transient ? ' Run the check again once it is InService.' : ''}`);
  }
  const config = await endpointConfigOf(ctx);
  if (!config) return fail(...problems, `No endpoint configuration named ${ENDPOINT_CONFIG_NAME} exists in ${ctx.region}.`);
  const variants = config.ProductionVariants ?? [];
  if (variants.length !== 1) {
    return fail(...problems, `${ENDPOINT_CONFIG_NAME} has ${variants.length} production variants; Model Monitor monitors an endpoint that hosts a single model, so the lab uses one variant.`);
  }
  const variant = variants[0]!;
  if (variant.ServerlessConfig) {
    problems.push(`Variant ${variant.VariantName} is serverless; the lab monitors a real-time endpoint on one ${HOSTING_INSTANCE_TYPE}, the instance-based hosting whose data capture Model Monitor's data-quality schedule reads.`);
  } else if (variant.InstanceType !== HOSTING_INSTANCE_TYPE || variant.InitialInstanceCount !== 1) {
    problems.push(
      `Variant ${variant.VariantName} runs ${variant.InitialInstanceCount ?? '?'} x ${variant.InstanceType ?? 'no instance type'}; the lab allows 1 x ${HOSTING_INSTANCE_TYPE}: a real-time endpoint bills every instance-hour it is up, traffic or not, and a 50 KB XGBoost model serving a few hundred requests an hour needs no more.`,
    );
  }
  if (variant.ModelName !== MODEL_NAME) {
    problems.push(`Variant ${variant.VariantName} serves model ${variant.ModelName}; it must serve ${MODEL_NAME}.`);
    return verdictFrom(problems);
  }
  const model = await unlessMissing(() => sagemaker(ctx).send(new DescribeModelCommand({ ModelName: MODEL_NAME })));
  if (!model) return fail(...problems, `No model named ${MODEL_NAME} exists in ${ctx.region}: create it from the xgboost-builtin lab's model artefact and the XGBoost image that trained it.`);
  const container = model.PrimaryContainer ?? model.Containers?.[0];
  const imageProblem = xgboostImageProblem(container?.Image, `The image of ${MODEL_NAME}`);
  if (imageProblem) problems.push(`${imageProblem} The model must be served by the algorithm and version that trained it, or the container cannot read model.tar.gz.`);
  return verdictFrom(problems, [`${ENDPOINT_NAME} is InService: 1 x ${HOSTING_INSTANCE_TYPE} serving ${MODEL_NAME} (built-in XGBoost).`]);
}

// --- R2 data capture ------------------------------------------------------------------------

async function checkCapture(ctx: CheckContext): Promise<CheckVerdict> {
  const endpoint = await endpointOf(ctx);
  if (!endpoint) return fail(`No endpoint named ${ENDPOINT_NAME} exists in ${ctx.region}.`);
  const capture = endpoint.DataCaptureConfig;
  if (!capture || capture.EnableCapture === false) {
    return fail(`${ENDPOINT_NAME} captures no data: without captured requests in S3 a monitoring job has nothing to compare with the baseline. Data capture is declared in the endpoint configuration (DataCaptureConfig).`);
  }
  const bucket = await labBucket(ctx);
  const problems: string[] = [];
  if (capture.CaptureStatus !== 'Started') problems.push(`Data capture of ${ENDPOINT_NAME} is ${capture.CaptureStatus ?? 'in no reported state'}; it must be Started for requests to reach S3.`);
  const percent = capture.CurrentSamplingPercentage;
  if (percent === undefined) {
    return undecided(`DescribeEndpoint reports data capture without CurrentSamplingPercentage, so the sampling cannot be judged; run the check again.`);
  }
  if (percent > MAX_SAMPLING_PERCENTAGE) {
    problems.push(
      `Sampling is ${percent}%; the scenario asks for ${MIN_SAMPLING_PERCENTAGE} to ${MAX_SAMPLING_PERCENTAGE}%. Capturing more requests costs more in S3 (more capture files stored, more PUT requests) but no more compute: capture adds no instance, and the hourly job on one ${PROCESSING_INSTANCE_TYPE} bills the same whether it reads 400 rows or 800. ${MAX_SAMPLING_PERCENTAGE}% of the lab's traffic already shows drift far beyond the threshold.`,
    );
  } else if (percent < MIN_SAMPLING_PERCENTAGE) {
    problems.push(
      `Sampling is ${percent}%; the scenario asks for ${MIN_SAMPLING_PERCENTAGE} to ${MAX_SAMPLING_PERCENTAGE}%. At ${percent}% the 800 drifted requests leave about ${Math.round((800 * percent) / 100)} captured rows in an hour, too few for per-feature distributions the monitoring job can trust.`,
    );
  }
  if (!isUnder(capture.DestinationS3Uri, bucket, CAPTURE_PREFIX)) {
    problems.push(
      `Capture goes to ${capture.DestinationS3Uri}; it must go to s3://${bucket}/${CAPTURE_PREFIX}: the lab's execution role may write there, the schedule reads captures from the endpoint's destination, and teardown empties that prefix.`,
    );
  }
  const config = await endpointConfigOf(ctx);
  if (!config) return undecided(`${ENDPOINT_NAME} uses ${endpoint.EndpointConfigName}, but DescribeEndpointConfig found no ${ENDPOINT_CONFIG_NAME}, so what is captured cannot be read; R1 says which configuration the endpoint must use.`);
  const modes = (config.DataCaptureConfig?.CaptureOptions ?? []).map((o) => o.CaptureMode);
  if (!modes.some((m) => m === 'Input' || m === 'InputAndOutput')) {
    problems.push(`${ENDPOINT_CONFIG_NAME} captures ${modes.join(', ') || 'nothing'}; data-quality monitoring compares the request features with the baseline, so the capture must include Input.`);
  }
  return verdictFrom(problems, [`${ENDPOINT_NAME} captures ${modes.join(' + ')} at ${percent}% into ${capture.DestinationS3Uri} (Started).`]);
}

// --- R3 the baseline ------------------------------------------------------------------------

/** The lab's baselining jobs, newest first, within a bound; past it with none found, an error for the runner. */
async function listBaselineJobs(ctx: CheckContext): Promise<ProcessingJobSummary[]> {
  const jobs: ProcessingJobSummary[] = [];
  let pages = 0;
  const paginator = paginateListProcessingJobs(
    { client: sagemaker(ctx), pageSize: PAGE_SIZE },
    { NameContains: BASELINE_JOB_PREFIX, SortBy: 'CreationTime', SortOrder: 'Descending' },
  );
  for await (const page of paginator) {
    jobs.push(...(page.ProcessingJobSummaries ?? []).filter((j) => j.ProcessingJobName?.startsWith(BASELINE_JOB_PREFIX)));
    if (++pages >= MAX_PAGES) {
      if (jobs.length === 0 && page.NextToken) {
        throw new KnownError('other', `SageMaker listed ${MAX_PAGES} pages of processing jobs whose names contain '${BASELINE_JOB_PREFIX}' and none starts with it; the jobs that would decide were not read. Name the baselining job with the prefix at the start.`);
      }
      break;
    }
  }
  return jobs.sort((a, b) => (b.CreationTime?.getTime() ?? 0) - (a.CreationTime?.getTime() ?? 0));
}

const describeProcessingJob = (ctx: CheckContext, name: string): Promise<DescribeProcessingJobResponse> =>
  sagemaker(ctx).send(new DescribeProcessingJobCommand({ ProcessingJobName: name }));

/** The prebuilt container's `dataset_format` environment variable, when it states a CSV header. */
function csvHeader(environment: Record<string, string> | undefined): boolean | undefined {
  const raw = environment?.dataset_format;
  if (!raw) return undefined;
  try {
    const header = (JSON.parse(raw) as { csv?: { header?: unknown } }).csv?.header;
    return typeof header === 'boolean' ? header : undefined;
  } catch {
    return undefined;
  }
}

async function checkBaseline(ctx: CheckContext): Promise<CheckVerdict> {
  const jobs = await listBaselineJobs(ctx);
  if (jobs.length === 0) {
    return fail(`No processing job whose name starts with '${BASELINE_JOB_PREFIX}' exists in ${ctx.region}: run the baselining job with that prefix, so the checker and teardown can find it.`);
  }
  const completed = jobs.find((j) => j.ProcessingJobStatus === 'Completed');
  if (!completed) {
    const latest = jobs[0]!;
    const reason = latest.FailureReason ? ` Failure reason: ${latest.FailureReason}` : '';
    const waiting = ['InProgress', 'Stopping'].includes(latest.ProcessingJobStatus ?? '') ? ' Run the check again once it has finished.' : '';
    return fail(`None of your ${jobs.length} '${BASELINE_JOB_PREFIX}*' job(s) has Completed; the newest, ${latest.ProcessingJobName}, is ${latest.ProcessingJobStatus}.${reason}${waiting}`);
  }
  const job = await describeProcessingJob(ctx, completed.ProcessingJobName!);
  const bucket = await labBucket(ctx);
  const problems: string[] = [];
  const repository = repositoryOf(job.AppSpecification?.ImageUri);
  if (repository !== MODEL_MONITOR_REPOSITORY) {
    problems.push(`${job.ProcessingJobName} runs ${job.AppSpecification?.ImageUri ?? 'no image'}; a baseline the schedule can use is suggested by the Model Monitor prebuilt container (repository ${MODEL_MONITOR_REPOSITORY}), which writes statistics.json and constraints.json in the schema the monitoring job reads.`);
  }
  const inputs = (job.ProcessingInputs ?? []).map((i) => i.S3Input?.S3Uri).filter((u): u is string => !!u);
  if (!inputs.some((u) => isUnder(u, bucket, TRAINING_DATA_PREFIX))) {
    const fromTraffic = inputs.some((u) => isUnder(u, bucket, CAPTURE_PREFIX) || isUnder(u, bucket, REQUESTS_PREFIX));
    problems.push(
      fromTraffic
        ? `${job.ProcessingJobName} baselined served traffic (${inputs.join(', ')}). A baseline must describe the data the model learned from: one computed from captured or drifted requests makes the drift itself the reference, and the monitor then reports nothing when customers change. Baseline s3://${bucket}/${TRAINING_DATA_PREFIX}.`
        : `${job.ProcessingJobName} read ${inputs.join(', ') || 'no S3 input'}; the baseline must be computed over the shipped training data, s3://${bucket}/${TRAINING_DATA_PREFIX}, the distribution the model was trained on.`,
    );
  }
  if (csvHeader(job.Environment) === false) {
    problems.push(`${job.ProcessingJobName} read the CSV without its header (dataset_format csv header false): the header row became a data row, the features lost their names (_c0, _c1, ...) and every column's inferred type is wrong, so the constraints cannot judge the endpoint's numbers.`);
  }
  const outputs = (job.ProcessingOutputConfig?.Outputs ?? []).map((o) => o.S3Output?.S3Uri).filter((u): u is string => !!u);
  const output = outputs.find((u) => isUnder(u, bucket, BASELINE_PREFIX));
  if (!output) {
    problems.push(`${job.ProcessingJobName} wrote to ${outputs.join(', ') || 'no S3 output'}; the scenario keeps the baseline under s3://${bucket}/${BASELINE_PREFIX}, where the schedule reads it and teardown removes it.`);
    return verdictFrom(problems);
  }
  const base = `${output.replace(/\/+$/, '')}/`;
  for (const file of ['statistics.json', 'constraints.json']) {
    const head = await headArtefact(ctx, `${base}${file}`);
    if (head.state === 'missing') problems.push(`${base}${file} does not exist: the baselining job writes statistics.json and constraints.json to its output, and the schedule needs both.`);
    else if (head.state === 'missing-or-unreadable') return problems.length > 0 ? fail(...problems, head.finding) : undecided(head.finding);
  }
  return verdictFrom(problems, [`${job.ProcessingJobName} baselined ${inputs.join(', ')} with ${MODEL_MONITOR_REPOSITORY}: ${base}statistics.json and constraints.json exist.`]);
}

// --- R4 the schedule ------------------------------------------------------------------------

/**
 * Whether a schedule expression starts a job every hour: `cron(0 * ? * * *)`, or the every-N-hours
 * form `cron(0 [00-23]/[01-24] ? * * *)` with N = 1.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-schedule-expression.html
 */
export function isHourly(expression: string | undefined): boolean {
  const e = (expression ?? '').trim().replace(/\s+/g, ' ');
  return e === HOURLY_SCHEDULE || /^cron\(0 (?:[01]?\d|2[0-3])\/0?1 \? \* \* \*\)$/.test(e);
}

function cadenceProblem(expression: string | undefined): string {
  const e = (expression ?? '').trim();
  if (/^NOW$/i.test(e)) return `The schedule runs once (NOW): it analyses one window and never again, which is a one-off check, not monitoring of traffic weeks from now. The scenario asks for ${HOURLY_SCHEDULE}.`;
  if (/^cron\(0 (?:[01]?\d|2[0-3]) \? \* \* \*\)$/.test(e)) {
    return `The schedule is daily (${e}): the first report comes up to a day later, and the ${HOSTING_INSTANCE_TYPE} endpoint bills every hour it waits (about $1.34 a day). Hourly (${HOURLY_SCHEDULE}) reports within the hour, so the lab finishes for a fraction of that; stop the schedule once it has reported.`;
  }
  return `The schedule expression is '${e || 'not set'}'; the scenario asks for hourly, ${HOURLY_SCHEDULE}, the cadence that reports soonest after the drifted traffic and so keeps the endpoint's billed hours lowest.`;
}

interface JobView {
  readonly source: string;
  readonly endpointName?: string;
  readonly imageUri?: string;
  readonly cluster?: MonitoringClusterConfig;
  readonly baseline?: MonitoringBaselineConfig;
  readonly outputs: readonly MonitoringOutput[];
}

/** The schedule's job, inline (MonitoringJobDefinition) or named (a data-quality job definition). */
async function scheduleJob(ctx: CheckContext, definition: Awaited<ReturnType<typeof describeSchedule>>): Promise<JobView | string> {
  const config = definition!.MonitoringScheduleConfig;
  const inline = config?.MonitoringJobDefinition;
  if (inline) {
    return {
      source: 'its inline job definition',
      endpointName: inline.MonitoringInputs?.[0]?.EndpointInput?.EndpointName,
      imageUri: inline.MonitoringAppSpecification?.ImageUri,
      cluster: inline.MonitoringResources?.ClusterConfig,
      baseline: inline.BaselineConfig,
      outputs: inline.MonitoringOutputConfig?.MonitoringOutputs ?? [],
    };
  }
  const name = config?.MonitoringJobDefinitionName;
  if (!name) return `${SCHEDULE_NAME} carries no job: neither an inline MonitoringJobDefinition nor a MonitoringJobDefinitionName.`;
  const named = await unlessMissing(() => sagemaker(ctx).send(new DescribeDataQualityJobDefinitionCommand({ JobDefinitionName: name })));
  if (!named) return `${SCHEDULE_NAME} names the job definition ${name}, which is not a data-quality job definition in ${ctx.region}.`;
  return {
    source: `the data-quality job definition ${name}`,
    endpointName: named.DataQualityJobInput?.EndpointInput?.EndpointName,
    imageUri: named.DataQualityAppSpecification?.ImageUri,
    cluster: named.JobResources?.ClusterConfig,
    baseline: named.DataQualityBaselineConfig,
    outputs: named.DataQualityJobOutputConfig?.MonitoringOutputs ?? [],
  };
}

const describeSchedule = (ctx: CheckContext) =>
  unlessMissing(() => sagemaker(ctx).send(new DescribeMonitoringScheduleCommand({ MonitoringScheduleName: SCHEDULE_NAME })));

async function checkSchedule(ctx: CheckContext): Promise<CheckVerdict> {
  const schedule = await describeSchedule(ctx);
  if (!schedule) return fail(`No monitoring schedule named ${SCHEDULE_NAME} exists in ${ctx.region}: without one, nothing compares the captured traffic with the baseline.`);
  const problems: string[] = [];
  const notes: string[] = [];
  const status = schedule.MonitoringScheduleStatus;
  if (status === 'Stopped') notes.push(`${SCHEDULE_NAME} is Stopped: it starts no more jobs, which is right once it has reported the drift (R6); start it again to keep monitoring.`);
  else if (status !== 'Scheduled') {
    const reason = schedule.FailureReason ? ` Failure reason: ${schedule.FailureReason}` : '';
    problems.push(`${SCHEDULE_NAME} is ${status}.${reason}${status === 'Pending' ? ' Run the check again in a minute.' : ''}`);
  }
  const type = schedule.MonitoringType ?? schedule.MonitoringScheduleConfig?.MonitoringType;
  if (type && type !== 'DataQuality') {
    problems.push(`${SCHEDULE_NAME} monitors ${type}; input drift is what data-quality monitoring (DataQuality) measures. Model quality needs ground-truth labels the scenario does not have.`);
  }
  const expression = schedule.MonitoringScheduleConfig?.ScheduleConfig?.ScheduleExpression;
  if (!isHourly(expression)) problems.push(cadenceProblem(expression));

  const job = await scheduleJob(ctx, schedule);
  if (typeof job === 'string') return fail(...problems, job);
  const bucket = await labBucket(ctx);
  if (job.endpointName !== ENDPOINT_NAME) problems.push(`${job.source} monitors ${job.endpointName ?? 'no endpoint'}; it must monitor ${ENDPOINT_NAME}, whose captured requests the schedule analyses.`);
  if (repositoryOf(job.imageUri) !== MODEL_MONITOR_REPOSITORY) {
    problems.push(`${job.source} runs ${job.imageUri ?? 'no image'}; the data-quality checks (${DRIFT_CHECK}, data_type_check, ...) are those of the Model Monitor prebuilt container, repository ${MODEL_MONITOR_REPOSITORY}.`);
  }
  const cluster = job.cluster;
  if (cluster?.InstanceType !== PROCESSING_INSTANCE_TYPE || cluster?.InstanceCount !== 1) {
    problems.push(`${job.source} runs on ${cluster?.InstanceCount ?? '?'} x ${cluster?.InstanceType ?? 'no instance type'}; the lab allows 1 x ${PROCESSING_INSTANCE_TYPE}: every hourly execution bills its instances, and an hour of the lab's traffic is a few hundred rows.`);
  }
  const constraints = job.baseline?.ConstraintsResource?.S3Uri;
  const statistics = job.baseline?.StatisticsResource?.S3Uri;
  if (!constraints || !statistics) {
    problems.push(`${job.source} has no baseline ${!constraints && !statistics ? 'constraints or statistics' : !constraints ? 'constraints' : 'statistics'}: without constraints.json a monitoring job computes statistics but checks nothing, so no violation can ever be reported; without statistics.json there is no distribution to measure drift against.`);
  } else if (!isUnder(constraints, bucket, BASELINE_PREFIX) || !isUnder(statistics, bucket, BASELINE_PREFIX)) {
    problems.push(`${job.source} uses the baseline ${constraints} and ${statistics}; it must use the files your baselining job wrote under s3://${bucket}/${BASELINE_PREFIX}, computed from the training data.`);
  }
  const outputs = job.outputs.map((o) => o.S3Output?.S3Uri).filter((u): u is string => !!u);
  if (!outputs.some((u) => isUnder(u, bucket, REPORTS_PREFIX))) {
    problems.push(`${job.source} writes its reports to ${outputs.join(', ') || 'nowhere'}; the scenario keeps them under s3://${bucket}/${REPORTS_PREFIX}, where the checker reads them and teardown removes them.`);
  }
  return verdictFrom(problems, [`${SCHEDULE_NAME} (${status}) runs ${HOURLY_SCHEDULE} on ${ENDPOINT_NAME} with ${job.source}, baseline ${constraints}.`, ...notes]);
}

// --- R5 captured traffic --------------------------------------------------------------------

async function checkCapturedTraffic(ctx: CheckContext): Promise<CheckVerdict> {
  const endpoint = await endpointOf(ctx);
  const destination = parseLocation(endpoint?.DataCaptureConfig?.DestinationS3Uri);
  if (!endpoint || !destination) return undecided(`DescribeEndpoint reports no data capture destination for ${ENDPOINT_NAME}, so where its captures would be cannot be told; R2 says what the capture needs.`);
  const variants = (endpoint.ProductionVariants ?? []).map((v) => v.VariantName).filter((v): v is string => !!v);
  // Captures are written as <destination>/<endpoint>/<variant>/yyyy/mm/dd/hh/<file>.jsonl.
  // https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture-endpoint.html
  const prefix = `${folder(destination.key)}${ENDPOINT_NAME}/`;
  const layout = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^/]+)/\\d{4}/\\d{2}/\\d{2}/\\d{2}/[^/]+\\.jsonl$`);
  let pages = 0;
  let keys = 0;
  const paginator = paginateListObjectsV2({ client: ctx.client(S3Client), pageSize: 1000 }, { Bucket: destination.bucket, Prefix: prefix });
  for await (const page of paginator) {
    for (const object of page.Contents ?? []) {
      keys++;
      const match = layout.exec(object.Key ?? '');
      if (match && variants.includes(match[1]!)) {
        return pass(`Captured requests of ${ENDPOINT_NAME} are in s3://${destination.bucket}/${prefix}, for example ${object.Key}.`);
      }
    }
    if (++pages >= MAX_LIST_PAGES && page.IsTruncated) {
      return undecided(`s3://${destination.bucket}/${prefix} holds more than ${keys} objects and none of the first ${keys} is a capture file of variant ${variants.join(' or ')}; the rest were not read. Remove what is not a capture file from that prefix and run the check again.`);
    }
  }
  return fail(
    `No capture files of ${ENDPOINT_NAME} are under s3://${destination.bucket}/${prefix}${keys > 0 ? ` (${keys} other object(s) are)` : ''}. Send the shipped request files (s3://.../${REQUESTS_PREFIX}) to the endpoint one row per request with ContentType text/csv; capture files appear within a few minutes, one folder per hour.`,
  );
}

// --- R6 the drift report --------------------------------------------------------------------

export interface Violation {
  readonly feature_name?: string;
  readonly constraint_check_type?: string;
  readonly description?: string;
}

async function listExecutions(ctx: CheckContext): Promise<MonitoringExecutionSummary[]> {
  // Whole hours, so the window (and the memo key) is stable for the length of a run.
  const after = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - EXECUTION_LOOKBACK_DAYS * 86_400_000);
  const executions: MonitoringExecutionSummary[] = [];
  let pages = 0;
  const paginator = paginateListMonitoringExecutions(
    { client: sagemaker(ctx), pageSize: PAGE_SIZE },
    { MonitoringScheduleName: SCHEDULE_NAME, ScheduledTimeAfter: after, SortBy: 'ScheduledTime', SortOrder: 'Descending' },
  );
  for await (const page of paginator) {
    executions.push(...(page.MonitoringExecutionSummaries ?? []));
    if (++pages >= MAX_PAGES) break;
  }
  return executions.sort((a, b) => (b.ScheduledTime?.getTime() ?? 0) - (a.ScheduledTime?.getTime() ?? 0));
}

type Report = { readonly violations: readonly Violation[]; readonly uri: string } | { readonly unseen: string };

/** The constraint_violations.json an execution wrote, read from its processing job's output. */
async function violationsOf(ctx: CheckContext, execution: MonitoringExecutionSummary): Promise<Report> {
  const jobName = execution.ProcessingJobArn?.split('/').pop();
  if (!jobName) return { unseen: `the execution scheduled ${execution.ScheduledTime?.toISOString()} reports no processing job` };
  const job = await describeProcessingJob(ctx, jobName);
  const outputs = (job.ProcessingOutputConfig?.Outputs ?? []).map((o) => o.S3Output?.S3Uri).filter((u): u is string => !!u);
  const output = outputs.find((u) => parseLocation(u)?.key.includes(REPORTS_PREFIX)) ?? outputs[0];
  const location = parseLocation(output);
  if (!location) return { unseen: `${jobName} reports no S3 output` };
  const key = `${folder(location.key)}constraint_violations.json`;
  const uri = `s3://${location.bucket}/${key}`;
  try {
    const object = await ctx.client(S3Client).send(new GetObjectCommand({ Bucket: location.bucket, Key: key }));
    const text = (await object.Body?.transformToString('utf8')) ?? '';
    const parsed = JSON.parse(text) as { violations?: unknown };
    if (!Array.isArray(parsed.violations)) return { unseen: `${uri} has no "violations" list` };
    return { violations: parsed.violations as Violation[], uri };
  } catch (err) {
    if (isNotFound(err)) return { unseen: `${uri} does not exist` };
    const status = (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
    if (status === 403) return { unseen: `S3 refused GetObject on ${uri} (HTTP 403): the checker needs s3:GetObject on it and s3:ListBucket on s3://${location.bucket} (\`mllab policy\`)` };
    if (err instanceof SyntaxError) return { unseen: `${uri} is not valid JSON` };
    throw err;
  }
}

const describeViolation = (v: Violation) => `${v.constraint_check_type} on ${v.feature_name ?? 'the dataset'}`;

async function checkDriftReport(ctx: CheckContext): Promise<CheckVerdict> {
  const executions = await listExecutions(ctx);
  if (executions.length === 0) {
    return fail(`${SCHEDULE_NAME} has no execution in the last ${EXECUTION_LOOKBACK_DAYS} days. An hourly schedule starts at the top of each hour (up to 20 minutes late) and analyses the requests captured in the hour before; send the drifted requests, then check again after the next full hour.`);
  }
  const running = executions.filter((e) => ['Pending', 'InProgress'].includes(e.MonitoringExecutionStatus ?? ''));
  const withViolations = executions.filter((e) => e.MonitoringExecutionStatus === 'CompletedWithViolations').slice(0, MAX_REPORTS);
  const unseen: string[] = [];
  const otherViolations: Violation[] = [];
  for (const execution of withViolations) {
    const report = await violationsOf(ctx, execution);
    if ('unseen' in report) {
      unseen.push(report.unseen);
      continue;
    }
    const drift = report.violations.filter((v) => v.constraint_check_type === DRIFT_CHECK);
    if (drift.length > 0) {
      return pass(`The execution scheduled ${execution.ScheduledTime?.toISOString()} reports ${drift.map(describeViolation).join(', ')} in ${report.uri}: the captured traffic's distribution moved beyond the baseline's comparison threshold. The schedule can be stopped now.`);
    }
    otherViolations.push(...report.violations);
  }
  if (unseen.length > 0) {
    return undecided(`${unseen.length} execution(s) ended CompletedWithViolations but their reports could not be read (${unseen.join('; ')}), so whether one reports ${DRIFT_CHECK} cannot be told.`);
  }
  const findings: string[] = [];
  const completed = executions.filter((e) => e.MonitoringExecutionStatus === 'Completed').length;
  const failed = executions.filter((e) => e.MonitoringExecutionStatus === 'Failed');
  if (otherViolations.length > 0) {
    const types = [...new Set(otherViolations.map((v) => v.constraint_check_type))];
    findings.push(
      `The reports list ${otherViolations.map(describeViolation).join(', ')}, but no ${DRIFT_CHECK}.` +
        (types.includes('data_type_check')
          ? ` A data_type_check means a column's values are not of the type the baseline inferred (a header row sent as a request, text in a numeric column): a schema problem in what was sent, not drift. Drift is ${DRIFT_CHECK}: a feature's distribution distance from the baseline above monitoring_config.comparison_threshold.`
          : ` Drift is ${DRIFT_CHECK}: a feature's distribution distance from the baseline above monitoring_config.comparison_threshold.`),
    );
  }
  if (completed > 0) {
    findings.push(
      `${completed} execution(s) Completed without violations: the hours they analysed looked like the baseline. Send the shipped drifted requests and wait for the next execution; if you already did, check that the baseline describes the training data, since a baseline built from drifted traffic makes the drift look normal.`,
    );
  }
  if (failed.length > 0) {
    findings.push(`${failed.length} execution(s) Failed; the newest says: ${failed[0]!.FailureReason ?? 'no reason given'}. An execution fails when the hour before it captured no requests.`);
  }
  if (running.length > 0) findings.push(`${running.length} execution(s) are still ${running[0]!.MonitoringExecutionStatus}: run the check again when they have finished.`);
  if (findings.length === 0) findings.push(`None of the ${executions.length} execution(s) of ${SCHEDULE_NAME} reports ${DRIFT_CHECK} (statuses: ${[...new Set(executions.map((e) => e.MonitoringExecutionStatus))].join(', ')}).`);
  return fail(...findings);
}

export const checks = defineChecks(lab, {
  R1: checkEndpoint,
  R2: checkCapture,
  R3: checkBaseline,
  R4: checkSchedule,
  R5: checkCapturedTraffic,
  R6: checkDriftReport,
});
