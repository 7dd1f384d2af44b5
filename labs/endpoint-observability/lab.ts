import { defineLab, STACK_OUTPUTS } from '../../lib/model';
import {
  LAB_ID as XGBOOST_LAB_ID,
  OUTPUT_PREFIX as XGBOOST_OUTPUT_PREFIX,
  STUDIO_APP_INSTANCE_TYPE,
  TRAINING_JOB_PREFIX,
  XGBOOST_VERSION,
} from '../xgboost-builtin/lab';
import { CHEAPEST_HOSTING_INSTANCE_TYPE, SAGEMAKER_METRIC_NAMESPACE } from '../hosting';

export const LAB_ID = 'endpoint-observability';

/** Names the learner must use; teardown deletes exactly these (and alarms under the prefix). */
export const ENDPOINT_NAME = 'churn-observed';
export const ENDPOINT_CONFIG_NAME = 'churn-observed-config';
export const MODEL_NAME = 'churn-observed-model';
export const ALARM_PREFIX = 'churn-observed-';

/**
 * Hosting: ml.t2.medium is the least expensive instance type a real-time production variant accepts
 * (ProductionVariantInstanceType; USD 0.056 an hour in us-east-1, lib/cost/prices.ts), and built-in
 * XGBoost serves a twelve-feature model on CPU. The lab stack's guardrail allows it and the Studio
 * space's type, nothing else.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html
 * https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost.html
 */
export const HOSTING_INSTANCE_TYPE = CHEAPEST_HOSTING_INSTANCE_TYPE;

/**
 * What the alarms watch (monitoring-cloudwatch.html, "Endpoint invocation metrics"): namespace
 * AWS/SageMaker, dimensions EndpointName and VariantName, one data point a minute. ModelLatency and
 * OverheadLatency are published in MICROSECONDS; Invocation5XXErrors adds 1 for each request the
 * model answered with a 5xx code (statistics Average and Sum).
 * https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html
 */
export const METRIC_NAMESPACE = SAGEMAKER_METRIC_NAMESPACE;
export const LATENCY_METRIC = 'ModelLatency';
export const ERROR_METRIC = 'Invocation5XXErrors';
export const METRIC_PERIOD_SECONDS = 60;

/**
 * The on-call objective: 9 requests in 10 answered by the model within 100 ms. As an alarm: the
 * p90 of ModelLatency above 100 ms = 100,000 microseconds. Percentile statistics are written
 * ExtendedStatistic `p90` (also `p90.0`: any pNN.NN between p0.0 and p100).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html
 * Reachable and missable with the shipped requests (latency-reachability.py, XGBoost 1.7.4, the
 * container's own CSV decoding, one thread): one customer per request p90 0.34 ms, the 20,000-customer
 * re-scoring request at least 337 ms over 10 runs. ModelLatency adds the hop to the container, so on
 * the endpoint both are higher: daytime traffic stays far under 100 ms, a minute of bulk requests far over.
 */
export const LATENCY_PERCENTILE = 90;
export const LATENCY_THRESHOLD_MS = 100;
export const LATENCY_THRESHOLD_MICROSECONDS = LATENCY_THRESHOLD_MS * 1000;

/**
 * "Within minutes": an alarm may need at most this long of breaching data (EvaluationPeriods x
 * Period) before it goes into ALARM.
 */
export const MAX_DETECTION_SECONDS = 300;

/**
 * A percentile alarm with EvaluateLowSampleCountPercentile `ignore` leaves its state unchanged in a
 * period with fewer than 10/(1 - percentile) data points: 100 requests a minute for p90.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/percentiles-with-low-samples.html
 */
export const LOW_SAMPLE_COUNT = Math.round(10 / (1 - LATENCY_PERCENTILE / 100));

/** Finance's cost-allocation tag, on the endpoint, its endpoint configuration and its model. */
export const COST_TAG = { key: 'cost-center', value: 'churn-retention' } as const;

/**
 * Application Auto Scaling for a SageMaker variant: namespace `sagemaker`, dimension
 * `sagemaker:variant:DesiredInstanceCount`, resource `endpoint/<endpoint>/variant/<variant>`.
 * https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html
 */
export const SCALABLE_DIMENSION = 'sagemaker:variant:DesiredInstanceCount';
export const MIN_CAPACITY = 1;
export const MAX_CAPACITY = 2;

/**
 * The target of the target tracking policy, from the SageMaker load-testing formula
 * SageMakerVariantInvocationsPerInstance = MAX_RPS x SAFETY_FACTOR x 60, with the scenario's load
 * test (40 requests a second per ml.t2.medium) and the safety factor SageMaker recommends starting
 * with (0.5): 1,200 invocations per instance per minute.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-scaling-loadtest.html
 */
export const MAX_RPS_PER_INSTANCE = 40;
export const SAFETY_FACTOR = 0.5;
export const TARGET_INVOCATIONS_PER_INSTANCE = MAX_RPS_PER_INSTANCE * SAFETY_FACTOR * 60;
export const PREDEFINED_METRIC = 'SageMakerVariantInvocationsPerInstance';

/** The shipped requests (data/requests/, generate-requests.ts), uploaded to the lab bucket under REQUESTS_PREFIX. */
export const BULK_ROWS = 20_000;
export const REQUESTS_PREFIX = 'churn/requests/';

export const lab = defineLab({
  id: LAB_ID,
  title: 'Watch the churn endpoint: latency and error alarms, cost tags, auto scaling',
  summary:
    'Serve the xgboost-builtin churn model on a real-time endpoint, alarm on its p90 ModelLatency and its 5XX errors into the lab\'s alerts topic, tag it for cost allocation, bound its auto scaling, and show from the alarm history that the latency alarm fires on real traffic.',
  domains: { 'MLA-C01': ['MLA-C01/D4', 'MLA-C01/D3'], 'MLS-C01': ['MLS-C01/D4'] },
  environments: ['studio'],
  estimatedMinutes: 90,
  estimatedCostUsd: 0.25,
  // Registering a scalable target and subscribing to the alerts topic; CloudWatch is a base service.
  services: ['application-autoscaling', 'sns'],
  instanceTypes: [HOSTING_INSTANCE_TYPE, STUDIO_APP_INSTANCE_TYPE],
  // SageMaker reads the xgboost-builtin artefact with this lab's execution role (readsArtefactsOf).
  readsArtefactsOf: [{ lab: XGBOOST_LAB_ID, keyPrefix: XGBOOST_OUTPUT_PREFIX }],
  datasets: [
    { dir: 'data/requests', keyPrefix: REQUESTS_PREFIX, description: 'requests to send: daytime.csv (300 customers, one per request), bulk-rescore.csv (20,000 customers in one request), with-label.csv (20 rows with the label left in)' },
  ],
  usage: [
    { item: `sagemaker:hosting-hour:${HOSTING_INSTANCE_TYPE}`, quantity: 2.5, note: 'the endpoint for about two hours at its minimum of one instance, and half an hour at two if the burst scales it out' },
    { item: 'cloudwatch:alarm-month', quantity: 0.01, note: 'two alarms for about three hours, billed pro rata, until teardown deletes them' },
    { item: `sagemaker:studio-app-hour:${STUDIO_APP_INSTANCE_TYPE}`, quantity: 2, note: 'a JupyterLab space to drive the SDK and send the requests' },
  ],
  learnerResources: [
    { kind: 'sagemaker:endpoint', name: ENDPOINT_NAME, match: 'exact' },
    { kind: 'sagemaker:endpoint-config', name: ENDPOINT_CONFIG_NAME, match: 'exact' },
    { kind: 'sagemaker:model', name: MODEL_NAME, match: 'exact' },
    { kind: 'application-autoscaling:scalable-target', name: ENDPOINT_NAME, match: 'exact' },
    { kind: 'cloudwatch:alarm', name: ALARM_PREFIX, match: 'prefix' },
    { kind: 'logs:log-group', name: `/aws/sagemaker/Endpoints/${ENDPOINT_NAME}`, match: 'exact' },
  ],
  requirements: [
    {
      id: 'R1',
      title: `The endpoint ${ENDPOINT_NAME} is InService with ${ENDPOINT_CONFIG_NAME}: one instance-based variant starting with 1 x ${HOSTING_INSTANCE_TYPE}, serving ${MODEL_NAME}, the artefact of a Completed '${TRAINING_JOB_PREFIX}*' job with the built-in XGBoost ${XGBOOST_VERSION} image.`,
      hint: 'A real-time endpoint runs an endpoint configuration whose production variant names the model, the instance type and the initial instance count.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/realtime-endpoints-deploy-models.html',
      reads: ['SageMaker:DescribeEndpoint', 'SageMaker:DescribeEndpointConfig', 'SageMaker:DescribeModel', 'SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob'],
      tasks: ['MLA-C01/3.1'],
      concepts: ['real-time-inference', 'instance-types', 'endpoint-config'],
    },
    {
      id: 'R2',
      title: `A CloudWatch alarm named '${ALARM_PREFIX}*' goes into ALARM when the p${LATENCY_PERCENTILE} of ${LATENCY_METRIC} of ${ENDPOINT_NAME}'s variant exceeds ${LATENCY_THRESHOLD_MS} ms, within ${MAX_DETECTION_SECONDS / 60} minutes, and then notifies the lab's alerts topic (stack output ${STACK_OUTPUTS.alertsTopicArn}).`,
      hint: 'Read which unit SageMaker publishes its latency metrics in, which dimensions they carry, and how CloudWatch alarms take a percentile statistic.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:DescribeEndpoint', 'CloudWatch:DescribeAlarms', 'CloudWatch:DescribeAlarmsForMetric'],
      tasks: ['MLA-C01/4.1', 'MLA-C01/4.2'],
      concepts: ['cloudwatch-alarms', 'percentile-statistics', 'model-latency', 'endpoint-invocation-metrics'],
    },
    {
      id: 'R3',
      title: `A CloudWatch alarm named '${ALARM_PREFIX}*' goes into ALARM on any ${ERROR_METRIC} of ${ENDPOINT_NAME}'s variant, within ${MAX_DETECTION_SECONDS / 60} minutes, and then notifies the lab's alerts topic.`,
      hint: 'Read what Invocation5XXErrors counts, which statistics it supports, and how an alarm notifies an SNS topic.',
      docs: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:DescribeEndpoint', 'CloudWatch:DescribeAlarms', 'CloudWatch:DescribeAlarmsForMetric'],
      tasks: ['MLA-C01/4.1', 'MLA-C01/4.2'],
      concepts: ['cloudwatch-alarms', 'endpoint-invocation-metrics', 'sns-alarm-notifications'],
    },
    {
      id: 'R4',
      title: `${ENDPOINT_NAME}, ${ENDPOINT_CONFIG_NAME} and ${MODEL_NAME} each carry the tag ${COST_TAG.key}=${COST_TAG.value}.`,
      hint: 'SageMaker resources take tags when created and through AddTags; cost allocation groups costs by a tag key and value exactly as written.',
      docs: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/cost-alloc-tags.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:DescribeEndpoint', 'SageMaker:DescribeEndpointConfig', 'SageMaker:DescribeModel', 'SageMaker:ListTags'],
      tasks: ['MLA-C01/4.2'],
      concepts: ['cost-allocation-tags', 'resource-tagging'],
    },
    {
      id: 'R5',
      title: `${ENDPOINT_NAME}'s variant is a scalable target (${SCALABLE_DIMENSION}) with minimum ${MIN_CAPACITY} and maximum ${MAX_CAPACITY}, and a target tracking policy keeps invocations per instance at ${TARGET_INVOCATIONS_PER_INSTANCE} a minute (${MAX_RPS_PER_INSTANCE} requests a second per instance at a safety factor of ${SAFETY_FACTOR}).`,
      hint: 'Application Auto Scaling registers the variant as a scalable target and attaches a target tracking policy; the SageMaker load-testing page gives the formula for its target value.',
      docs: 'https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-add-policy.html',
      dependsOn: ['R1'],
      reads: ['SageMaker:DescribeEndpoint', 'ApplicationAutoScaling:DescribeScalableTargets', 'ApplicationAutoScaling:DescribeScalingPolicies'],
      tasks: ['MLA-C01/4.2', 'MLA-C01/3.1'],
      concepts: ['endpoint-auto-scaling', 'target-tracking-scaling', 'scalable-target', 'idle-capacity-cost'],
    },
    {
      id: 'R6',
      title: `The latency alarm of R2 went into ALARM after it was last configured, because CloudWatch evaluated ${LATENCY_METRIC} data above ${LATENCY_THRESHOLD_MS} ms (a state set by hand with SetAlarmState does not count).`,
      hint: 'An alarm\'s history records each state change and why; the percentile of a minute only rises when enough of that minute\'s requests are slow.',
      docs: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarmHistory.html',
      dependsOn: ['R2'],
      reads: ['SageMaker:DescribeEndpoint', 'CloudWatch:DescribeAlarms', 'CloudWatch:DescribeAlarmsForMetric', 'CloudWatch:DescribeAlarmHistory', 'CloudWatch:GetMetricData'],
      tasks: ['MLA-C01/4.1'],
      concepts: ['alarm-history', 'percentile-statistics', 'model-latency'],
    },
  ],
});
