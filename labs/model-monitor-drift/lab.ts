import { defineLab } from '../../lib/model';
import {
  LAB_ID as XGBOOST_LAB_ID,
  OUTPUT_PREFIX as XGBOOST_OUTPUT_PREFIX,
  STUDIO_APP_INSTANCE_TYPE,
  XGBOOST_VERSION,
} from '../xgboost-builtin/lab';
import { CHEAPEST_HOSTING_INSTANCE_TYPE } from '../hosting';

export const LAB_ID = 'model-monitor-drift';

/** Names the learner must use; teardown deletes exactly these. */
export const MODEL_NAME = 'churn-monitor-model';
export const ENDPOINT_CONFIG_NAME = 'churn-monitor-config';
export const ENDPOINT_NAME = 'churn-monitor';
export const SCHEDULE_NAME = 'churn-drift-schedule';
/** Baselining processing jobs are named `churn-baseline-<anything>`; teardown stops them by this prefix. */
export const BASELINE_JOB_PREFIX = 'churn-baseline-';

/**
 * Key prefixes in the lab bucket. The stack uploads the shipped data under the first two; the
 * learner's endpoint writes captured requests, the baselining job the baseline, and the schedule
 * its reports under the other three, which teardown empties.
 */
export const TRAINING_DATA_PREFIX = 'monitor/training/';
export const REQUESTS_PREFIX = 'monitor/requests/';
export const CAPTURE_PREFIX = 'monitor/capture/';
export const BASELINE_PREFIX = 'monitor/baseline/';
export const REPORTS_PREFIX = 'monitor/reports/';

/**
 * The endpoint's instance type: the cheapest real-time hosting type in the price table
 * (lib/cost/prices.ts, ml.t2.medium at $0.056 an hour in us-east-1), enough for a 50 KB XGBoost
 * model. Model Monitor asks for a real-time endpoint that hosts a single model and names no
 * instance-type limit for data capture; one instance is the minimum of a real-time variant.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor.html
 * https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture-endpoint.html
 */
export const HOSTING_INSTANCE_TYPE = CHEAPEST_HOSTING_INSTANCE_TYPE;
/**
 * The baselining and monitoring jobs run the Model Monitor prebuilt container as processing jobs;
 * ml.m5.large is the smallest general-purpose processing type of the guardrail's list, and the
 * shipped data (2,000 rows) needs no more.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-pre-built-container.html
 */
export const PROCESSING_INSTANCE_TYPE = 'ml.m5.large';
/**
 * The Model Monitor prebuilt container's ECR repository. The registry account differs by region
 * (156813124566 in us-east-1), so a check compares the repository name only.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-pre-built-container.html
 */
export const MODEL_MONITOR_REPOSITORY = 'sagemaker-model-monitor-analyzer';

/**
 * Data capture sampling: the API accepts 0 to 100 percent (API_DataCaptureConfig,
 * InitialSamplingPercentage). The lab's drifted file has 800 requests; at 20 percent about 160 of
 * them are captured, enough for the per-feature distances of the drift proof
 * (test/labs/model-monitor-drift/drift.test.ts) to stay far beyond the threshold. Above 50 percent
 * the capture only adds S3 objects (storage and PUT requests) that the hourly job does not need.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DataCaptureConfig.html
 */
export const MIN_SAMPLING_PERCENTAGE = 20;
export const MAX_SAMPLING_PERCENTAGE = 50;

/**
 * The schedule's cadence. Model Monitor accepts hourly `cron(0 * ? * * *)`, daily
 * `cron(0 [00-23] ? * * *)`, every N hours `cron(0 [00-23]/[01-24] ? * * *)` and `NOW` (one run).
 * Hourly is the cheapest way to finish the lab: the endpoint bills every hour it waits for a
 * report, and an hourly job reports within the hour (plus up to 20 minutes of delay), where a
 * daily one keeps the endpoint up for a day. `cron(0 H/1 ? * * *)` is the same hourly schedule.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-schedule-expression.html
 */
export const HOURLY_SCHEDULE = 'cron(0 * ? * * *)';

/**
 * The violation the drifted traffic must cause, from the Model Monitor violations schema.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-interpreting-violations.html
 */
export const DRIFT_CHECK = 'baseline_drift_check';
/** Executions are looked for over this many days, newest first (ListMonitoringExecutions). */
export const EXECUTION_LOOKBACK_DAYS = 7;

export const lab = defineLab({
  id: LAB_ID,
  title: 'Catch input drift on the churn endpoint with Model Monitor',
  summary:
    'Host the xgboost-builtin churn model on a small real-time endpoint with data capture, baseline the training data with the Model Monitor prebuilt container, schedule hourly data-quality monitoring, and show that drifted traffic produces a baseline drift violation.',
  domains: { 'MLA-C01': ['MLA-C01/D4'], 'MLS-C01': ['MLS-C01/D4'] },
  environments: ['studio'],
  estimatedMinutes: 150,
  estimatedCostUsd: 0.34,
  instanceTypes: [HOSTING_INSTANCE_TYPE, PROCESSING_INSTANCE_TYPE, STUDIO_APP_INSTANCE_TYPE],
  // The endpoint serves the model the xgboost-builtin lab trained; SageMaker reads it with this
  // lab's execution role, which the stack lets read that artefact and nothing else of that lab.
  readsArtefactsOf: [{ lab: XGBOOST_LAB_ID, keyPrefix: XGBOOST_OUTPUT_PREFIX }],
  datasets: [
    { dir: 'data/training', keyPrefix: TRAINING_DATA_PREFIX, description: 'the first 2,000 training customers of xgboost-builtin: the twelve features the endpoint receives, with a header row, no label (text/csv)' },
    { dir: 'data/requests', keyPrefix: REQUESTS_PREFIX, description: 'normal.csv: 800 held-out customers as they arrive today; drifted.csv: 800 customers after a price rise and a sign-up promotion (one request per line, no header)' },
  ],
  usage: [
    { item: `sagemaker:hosting-hour:${HOSTING_INSTANCE_TYPE}`, quantity: 3, note: 'the endpoint up for about three hours: deploy, normal traffic, drifted traffic and the hourly report that follows' },
    { item: `sagemaker:processing-hour:${PROCESSING_INSTANCE_TYPE}`, quantity: 0.5, note: 'one baselining job and about four hourly monitoring executions of a few billable minutes each' },
    { item: `sagemaker:studio-app-hour:${STUDIO_APP_INSTANCE_TYPE}`, quantity: 2, note: 'a JupyterLab space to drive the SageMaker SDK for about two hours' },
    { item: 's3:storage-gb-month', quantity: 0.01, note: 'shipped data, captured requests, baseline and reports (well under 10 MB)' },
    { item: 's3:put-requests-thousand', quantity: 0.2, note: 'capture files (one per endpoint-minute with traffic), baseline and report objects' },
  ],
  learnerResources: [
    // Deleted first: the teardown kind orders the schedule before the endpoint it monitors.
    { kind: 'sagemaker:monitoring-schedule', name: SCHEDULE_NAME, match: 'exact' },
    { kind: 'sagemaker:processing-job', name: BASELINE_JOB_PREFIX, match: 'prefix' },
    { kind: 'sagemaker:endpoint', name: ENDPOINT_NAME, match: 'exact' },
    { kind: 'sagemaker:endpoint-config', name: ENDPOINT_CONFIG_NAME, match: 'exact' },
    { kind: 'sagemaker:model', name: MODEL_NAME, match: 'exact' },
    { kind: 's3:prefix', name: CAPTURE_PREFIX, match: 'prefix' },
    { kind: 's3:prefix', name: BASELINE_PREFIX, match: 'prefix' },
    { kind: 's3:prefix', name: REPORTS_PREFIX, match: 'prefix' },
    { kind: 'logs:log-group', name: `/aws/sagemaker/Endpoints/${ENDPOINT_NAME}`, match: 'exact' },
  ],
  requirements: [
    {
      id: 'R1',
      title: `The endpoint ${ENDPOINT_NAME} is InService with ${ENDPOINT_CONFIG_NAME}: one variant on one ${HOSTING_INSTANCE_TYPE} serving ${MODEL_NAME}, a model with the built-in XGBoost ${XGBOOST_VERSION} image.`,
      hint: 'Model Monitor watches real-time endpoints that host one model; the model itself is the one you trained in xgboost-builtin.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor.html',
      reads: ['SageMaker:DescribeEndpoint', 'SageMaker:DescribeEndpointConfig', 'SageMaker:DescribeModel'],
      tasks: ['MLA-C01/3.1', 'MLA-C01/4.2'],
      concepts: ['sagemaker-endpoint', 'real-time-inference', 'instance-types'],
    },
    {
      id: 'R2',
      title: `${ENDPOINT_NAME} captures request input at ${MIN_SAMPLING_PERCENTAGE} to ${MAX_SAMPLING_PERCENTAGE} percent sampling into the lab bucket under ${CAPTURE_PREFIX}, and capture is Started.`,
      hint: 'Data capture is part of the endpoint configuration; read what it records, where, and how the sampling percentage trades cost against evidence.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture-endpoint.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:DescribeEndpoint', 'SageMaker:DescribeEndpointConfig'],
      tasks: ['MLA-C01/4.1'],
      concepts: ['data-capture', 'data-capture-sampling', 'model-monitor'],
    },
    {
      id: 'R3',
      title: `A Completed '${BASELINE_JOB_PREFIX}*' processing job ran the Model Monitor prebuilt container over the shipped training data (${TRAINING_DATA_PREFIX}), and its statistics.json and constraints.json are in the lab bucket under ${BASELINE_PREFIX}.`,
      hint: 'A data-quality baseline is suggested by a baselining job of the prebuilt container; read which dataset a baseline should describe and what the job writes.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-create-baseline.html',
      reads: ['SageMaker:ListProcessingJobs', 'SageMaker:DescribeProcessingJob', 'S3:HeadObject'],
      tasks: ['MLA-C01/4.1', 'MLA-C01/1.3'],
      concepts: ['model-monitor-baseline', 'model-monitor-constraints', 'training-serving-skew'],
    },
    {
      id: 'R4',
      title: `The data-quality monitoring schedule ${SCHEDULE_NAME} is Scheduled (or Stopped once it has reported) on ${ENDPOINT_NAME}, hourly (${HOURLY_SCHEDULE}), on one ${PROCESSING_INSTANCE_TYPE}, with the baseline under ${BASELINE_PREFIX} and its reports under ${REPORTS_PREFIX}.`,
      hint: 'A schedule carries its job inline or names a data-quality job definition; either way read which cron expressions Model Monitor accepts.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-schedule-data-monitor.html',
      dependsOn: ['R1', 'R3'],
      reads: ['SageMaker:DescribeMonitoringSchedule', 'SageMaker:DescribeDataQualityJobDefinition'],
      tasks: ['MLA-C01/4.1', 'MLA-C01/4.2'],
      concepts: ['model-monitor-schedule', 'model-monitor-baseline', 'cron-expressions'],
    },
    {
      id: 'R5',
      title: `Captured requests of ${ENDPOINT_NAME} are in the lab bucket under ${CAPTURE_PREFIX}, in the documented <endpoint>/<variant>/yyyy/mm/dd/hh/ layout.`,
      hint: 'Send the shipped request files to the endpoint with the content type built-in XGBoost accepts, then look at where data capture writes its files.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture-endpoint.html',
      dependsOn: ['R2'],
      reads: ['SageMaker:DescribeEndpoint', 'S3:ListObjectsV2'],
      tasks: ['MLA-C01/4.1'],
      concepts: ['data-capture', 'inference-requests'],
    },
    {
      id: 'R6',
      title: `A completed execution of ${SCHEDULE_NAME} in the last ${EXECUTION_LOOKBACK_DAYS} days reports a ${DRIFT_CHECK} violation in its constraint_violations.json, after the shipped drifted traffic.`,
      hint: 'Each execution analyses the traffic captured in the hour before it; read what each constraint check type in the violations report means.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-interpreting-violations.html',
      dependsOn: ['R4', 'R5'],
      reads: ['SageMaker:ListMonitoringExecutions', 'SageMaker:DescribeProcessingJob', 'S3:GetObject'],
      tasks: ['MLA-C01/4.1'],
      concepts: ['data-drift', 'model-monitor-violations', 'baseline-drift-check'],
    },
  ],
});
