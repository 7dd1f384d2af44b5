// Reference solution of the endpoint-observability lab: the endpoint, the two alarms, the tags, the
// scaling and the traffic that passes every requirement. Needs a Completed churn-xgb- training job
// from the xgboost-builtin lab. Kept out of the README on purpose; the tests compare its inputs with
// the fixtures, and nothing here runs against AWS in the tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
  type ApplicationAutoScalingClient,
  type PutScalingPolicyCommandInput,
  type RegisterScalableTargetCommandInput,
} from '@aws-sdk/client-application-auto-scaling';
import { PutMetricAlarmCommand, type CloudWatchClient, type PutMetricAlarmCommandInput } from '@aws-sdk/client-cloudwatch';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  waitUntilEndpointInService,
  type CreateEndpointConfigCommandInput,
  type CreateModelCommandInput,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, type SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { TAG_LAB } from '../../lib/model';
import { xgboostImageUri } from '../xgboost-builtin/solution';
import {
  ALARM_PREFIX,
  COST_TAG,
  ENDPOINT_CONFIG_NAME,
  ENDPOINT_NAME,
  ERROR_METRIC,
  HOSTING_INSTANCE_TYPE,
  lab,
  LATENCY_METRIC,
  LATENCY_PERCENTILE,
  LATENCY_THRESHOLD_MICROSECONDS,
  MAX_CAPACITY,
  METRIC_NAMESPACE,
  METRIC_PERIOD_SECONDS,
  MIN_CAPACITY,
  MODEL_NAME,
  PREDEFINED_METRIC,
  SCALABLE_DIMENSION,
  TARGET_INVOCATIONS_PER_INSTANCE,
} from './lab';

export const VARIANT_NAME = 'AllTraffic';
export const LATENCY_ALARM_NAME = `${ALARM_PREFIX}p90-model-latency`;
export const ERROR_ALARM_NAME = `${ALARM_PREFIX}model-5xx`;
export const RESOURCE_ID = `endpoint/${ENDPOINT_NAME}/variant/${VARIANT_NAME}`;
export const POLICY_NAME = `${ALARM_PREFIX}invocations-per-instance`;

/** The cost-allocation tag finance asked for, and the lab's own tag teardown also finds resources by. */
const TAGS = [{ Key: COST_TAG.key, Value: COST_TAG.value }, { Key: TAG_LAB, Value: lab.id }];

export interface DeployOptions {
  readonly region: string;
  /** Output ExecutionRoleArn of this lab's stack: SageMaker reads the xgboost-builtin artefact with it. */
  readonly roleArn: string;
  /** `ModelArtifacts.S3ModelArtifacts` of the Completed churn-xgb- training job. */
  readonly modelDataUrl: string;
  /** Output AlertsTopicArn of this lab's stack. */
  readonly topicArn: string;
}

export function referenceModel(options: Pick<DeployOptions, 'region' | 'roleArn' | 'modelDataUrl'>): CreateModelCommandInput {
  return { ModelName: MODEL_NAME, PrimaryContainer: { Image: xgboostImageUri(options.region), ModelDataUrl: options.modelDataUrl }, ExecutionRoleArn: options.roleArn, Tags: TAGS };
}

export function referenceEndpointConfig(): CreateEndpointConfigCommandInput {
  return {
    EndpointConfigName: ENDPOINT_CONFIG_NAME,
    ProductionVariants: [{ VariantName: VARIANT_NAME, ModelName: MODEL_NAME, InstanceType: HOSTING_INSTANCE_TYPE, InitialInstanceCount: MIN_CAPACITY }],
    Tags: TAGS,
  };
}

const dimensions = [
  { Name: 'EndpointName', Value: ENDPOINT_NAME },
  { Name: 'VariantName', Value: VARIANT_NAME },
];

/** p90 of ModelLatency, in microseconds, over one minute: the on-call team hears within two. */
export function referenceLatencyAlarm(topicArn: string): PutMetricAlarmCommandInput {
  return {
    AlarmName: LATENCY_ALARM_NAME,
    AlarmDescription: '9 requests in 10 answered by the model within 100 ms',
    Namespace: METRIC_NAMESPACE,
    MetricName: LATENCY_METRIC,
    Dimensions: dimensions,
    ExtendedStatistic: `p${LATENCY_PERCENTILE}`,
    Period: METRIC_PERIOD_SECONDS,
    EvaluationPeriods: 1,
    DatapointsToAlarm: 1,
    Threshold: LATENCY_THRESHOLD_MICROSECONDS,
    ComparisonOperator: 'GreaterThanThreshold',
    // No requests in a minute is no slow request.
    TreatMissingData: 'notBreaching',
    AlarmActions: [topicArn],
    Tags: TAGS,
  };
}

/** Any 5XX answer in a minute. */
export function referenceErrorAlarm(topicArn: string): PutMetricAlarmCommandInput {
  return {
    AlarmName: ERROR_ALARM_NAME,
    AlarmDescription: 'the model failed to answer a request',
    Namespace: METRIC_NAMESPACE,
    MetricName: ERROR_METRIC,
    Dimensions: dimensions,
    Statistic: 'Sum',
    Period: METRIC_PERIOD_SECONDS,
    EvaluationPeriods: 1,
    Threshold: 0,
    ComparisonOperator: 'GreaterThanThreshold',
    TreatMissingData: 'notBreaching',
    AlarmActions: [topicArn],
    Tags: TAGS,
  };
}

export function referenceScalableTarget(): RegisterScalableTargetCommandInput {
  return { ServiceNamespace: 'sagemaker', ResourceId: RESOURCE_ID, ScalableDimension: SCALABLE_DIMENSION, MinCapacity: MIN_CAPACITY, MaxCapacity: MAX_CAPACITY };
}

export function referenceScalingPolicy(): PutScalingPolicyCommandInput {
  return {
    PolicyName: POLICY_NAME,
    ServiceNamespace: 'sagemaker',
    ResourceId: RESOURCE_ID,
    ScalableDimension: SCALABLE_DIMENSION,
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      TargetValue: TARGET_INVOCATIONS_PER_INSTANCE,
      PredefinedMetricSpecification: { PredefinedMetricType: PREDEFINED_METRIC },
      ScaleOutCooldown: 60,
      ScaleInCooldown: 300,
    },
  };
}

export interface Clients {
  readonly sagemaker: SageMakerClient;
  readonly cloudwatch: CloudWatchClient;
  readonly scaling: ApplicationAutoScalingClient;
}

/** Creates everything R1 to R5 look for and waits for the endpoint. */
export async function deployReference(clients: Clients, options: DeployOptions): Promise<void> {
  await clients.sagemaker.send(new CreateModelCommand(referenceModel(options)));
  await clients.sagemaker.send(new CreateEndpointConfigCommand(referenceEndpointConfig()));
  await clients.sagemaker.send(new CreateEndpointCommand({ EndpointName: ENDPOINT_NAME, EndpointConfigName: ENDPOINT_CONFIG_NAME, Tags: TAGS }));
  await waitUntilEndpointInService({ client: clients.sagemaker, maxWaitTime: 900 }, { EndpointName: ENDPOINT_NAME });
  await clients.cloudwatch.send(new PutMetricAlarmCommand(referenceLatencyAlarm(options.topicArn)));
  await clients.cloudwatch.send(new PutMetricAlarmCommand(referenceErrorAlarm(options.topicArn)));
  await clients.scaling.send(new RegisterScalableTargetCommand(referenceScalableTarget()));
  await clients.scaling.send(new PutScalingPolicyCommand(referenceScalingPolicy()));
}

const requestFile = (name: string) => readFileSync(join(__dirname, 'data', 'requests', name), 'utf8');

async function invoke(runtime: SageMakerRuntimeClient, body: string): Promise<string> {
  const out = await runtime.send(new InvokeEndpointCommand({ EndpointName: ENDPOINT_NAME, ContentType: 'text/csv', Accept: 'text/csv', Body: new TextEncoder().encode(body) }));
  return new TextDecoder().decode(out.Body);
}

/** Daytime traffic: one customer per request, answered in milliseconds. */
export async function sendDaytime(runtime: SageMakerRuntimeClient): Promise<number> {
  const lines = requestFile('daytime.csv').split('\n').filter(Boolean);
  for (const line of lines) await invoke(runtime, line);
  return lines.length;
}

/**
 * The nightly re-scoring: the bulk request `times` times over a few minutes. Every request of those
 * minutes is slow, so their p90 is far above 100 ms and the latency alarm goes into ALARM once a
 * minute's data point is evaluated.
 */
export async function sendBulk(runtime: SageMakerRuntimeClient, times = 20): Promise<void> {
  const body = requestFile('bulk-rescore.csv').trim();
  for (let i = 0; i < times; i++) await invoke(runtime, body);
}
