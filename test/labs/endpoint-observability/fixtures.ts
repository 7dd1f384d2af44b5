// The reference state of the endpoint-observability lab as the APIs describe it, with the fields each
// page's Response Syntax lists for this state (the reference solution's inputs, labs/endpoint-observability/solution.ts):
//   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html
//   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpointConfig.html
//   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModel.html
//   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTags.html
//   https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html (API_MetricAlarm.html)
//   https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarmHistory.html (API_AlarmHistoryItem.html)
//   https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
//   https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalableTargets.html
//   https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalingPolicies.html
import type { ScalableTarget, ScalingPolicy } from '@aws-sdk/client-application-auto-scaling';
import type { AlarmHistoryItem, GetMetricDataOutput, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { DescribeEndpointConfigOutput, DescribeEndpointOutput, DescribeModelOutput, Tag } from '@aws-sdk/client-sagemaker';
import { ACCOUNT, ARTEFACT_URI, REGION, XGBOOST_IMAGE } from '../xgboost-builtin/fixtures';

export const EXECUTION_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/MlLab-endpoint-observability-ExecutionRole`;
export const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:MlLab-endpoint-observability-BudgetAlertsTopic1A2B3C4D-9ZyXwVuTsRqP`;
export const ENDPOINT_ARN = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint/churn-observed`;
export const CONFIG_ARN = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint-config/churn-observed-config`;
export const MODEL_ARN = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model/churn-observed-model`;
export const RESOURCE_ID = 'endpoint/churn-observed/variant/AllTraffic';
export const LATENCY_ALARM = 'churn-observed-p90-model-latency';
export const ERROR_ALARM = 'churn-observed-model-5xx';
/** When the reference alarms were last configured, and when the bulk requests tripped the latency alarm. */
export const CONFIGURED = new Date('2026-11-25T10:20:31.204Z');
export const TRIPPED = new Date('2026-11-25T10:34:43.512Z');

export function referenceModel(overrides: Partial<DescribeModelOutput> = {}): DescribeModelOutput {
  return {
    ModelName: 'churn-observed-model',
    PrimaryContainer: { Image: XGBOOST_IMAGE, Mode: 'SingleModel', ModelDataUrl: ARTEFACT_URI, Environment: {} },
    ExecutionRoleArn: EXECUTION_ROLE_ARN,
    CreationTime: new Date('2026-11-25T10:02:11Z'),
    ModelArn: MODEL_ARN,
    EnableNetworkIsolation: false,
    ...overrides,
  };
}

export function referenceEndpointConfig(variant: Record<string, unknown> = {}): DescribeEndpointConfigOutput {
  return {
    EndpointConfigName: 'churn-observed-config',
    EndpointConfigArn: CONFIG_ARN,
    ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'churn-observed-model', InitialInstanceCount: 1, InstanceType: 'ml.t2.medium', InitialVariantWeight: 1, ...variant }],
    CreationTime: new Date('2026-11-25T10:02:40Z'),
    EnableNetworkIsolation: false,
  };
}

export function referenceEndpoint(overrides: Partial<DescribeEndpointOutput> = {}): DescribeEndpointOutput {
  return {
    EndpointName: 'churn-observed',
    EndpointArn: ENDPOINT_ARN,
    EndpointConfigName: 'churn-observed-config',
    ProductionVariants: [
      {
        VariantName: 'AllTraffic',
        DeployedImages: [{ SpecifiedImage: XGBOOST_IMAGE, ResolvedImage: `${XGBOOST_IMAGE.split(':')[0]}@sha256:5a9a6a1cf6f5a4d7b0b3e1c2d8f9e0a1b2c3d4e5f60718293a4b5c6d7e8f9012`, ResolutionTime: new Date('2026-11-25T10:03:02Z') }],
        CurrentWeight: 1,
        DesiredWeight: 1,
        CurrentInstanceCount: 1,
        DesiredInstanceCount: 1,
      },
    ],
    EndpointStatus: 'InService',
    CreationTime: new Date('2026-11-25T10:03:01Z'),
    LastModifiedTime: new Date('2026-11-25T10:09:47Z'),
    ...overrides,
  };
}

export const referenceTags = (): Tag[] => [
  { Key: 'cost-center', Value: 'churn-retention' },
  { Key: 'mllab:lab', Value: 'endpoint-observability' },
];

const dimensions = [
  { Name: 'EndpointName', Value: 'churn-observed' },
  { Name: 'VariantName', Value: 'AllTraffic' },
];

/** Fields every metric alarm of DescribeAlarms carries. */
function metricAlarm(name: string, fields: MetricAlarm): MetricAlarm {
  return {
    AlarmName: name,
    AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`,
    AlarmConfigurationUpdatedTimestamp: CONFIGURED,
    ActionsEnabled: true,
    OKActions: [],
    AlarmActions: [TOPIC_ARN],
    InsufficientDataActions: [],
    StateValue: 'OK',
    StateReason: 'Threshold Crossed: 1 datapoint [0.0 (25/11/26 10:40:00)] was not greater than the threshold (0.0).',
    StateUpdatedTimestamp: new Date('2026-11-25T10:41:43.120Z'),
    Namespace: 'AWS/SageMaker',
    Dimensions: dimensions,
    Period: 60,
    EvaluationPeriods: 1,
    DatapointsToAlarm: 1,
    ComparisonOperator: 'GreaterThanThreshold',
    TreatMissingData: 'notBreaching',
    StateTransitionedTimestamp: new Date('2026-11-25T10:41:43.120Z'),
    ...fields,
  };
}

export function latencyAlarm(overrides: MetricAlarm = {}): MetricAlarm {
  return metricAlarm(LATENCY_ALARM, { AlarmDescription: '9 requests in 10 answered by the model within 100 ms', MetricName: 'ModelLatency', ExtendedStatistic: 'p90', Threshold: 100000, ...overrides });
}

export function errorAlarm(overrides: MetricAlarm = {}): MetricAlarm {
  return metricAlarm(ERROR_ALARM, { AlarmDescription: 'the model failed to answer a request', MetricName: 'Invocation5XXErrors', Statistic: 'Sum', Threshold: 0, ...overrides });
}

/** A StateUpdate of the latency alarm from OK into ALARM, as DescribeAlarmHistory lists it. */
function intoAlarm(at: Date, oldReason: string, newState: Record<string, unknown>): AlarmHistoryItem {
  return {
    AlarmName: LATENCY_ALARM,
    AlarmType: 'MetricAlarm',
    Timestamp: at,
    HistoryItemType: 'StateUpdate',
    HistorySummary: 'Alarm updated from OK to ALARM',
    HistoryData: JSON.stringify({ version: '1.0', oldState: { stateValue: 'OK', stateReason: oldReason }, newState: { stateValue: 'ALARM', ...newState } }),
  };
}

/** HistoryData of a StateUpdate as CloudWatch writes it (aws-cli describe-alarm-history example, with a percentile alarm's fields). */
export function evaluatedIntoAlarm(at: Date = TRIPPED, p90 = 412873.0, threshold = 100000.0): AlarmHistoryItem {
  const minute = new Date(Math.floor((at.getTime() - 103_512) / 60_000) * 60_000);
  const cw = (d: Date) => d.toISOString().replace('Z', '+0000');
  return intoAlarm(at, 'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].', {
    stateReason: `Threshold Crossed: 1 out of the last 1 datapoints [${p90} (${minute.toISOString()})] was greater than the threshold (${threshold}) (minimum 1 datapoint for OK -> ALARM transition).`,
    stateReasonData: { version: '1.0', queryDate: cw(at), startDate: cw(minute), period: 60, recentDatapoints: [p90], threshold, evaluatedDatapoints: [{ timestamp: cw(minute), sampleCount: 20.0, value: p90 }] },
  });
}

/** A state set by hand with SetAlarmState, as the aws-cli example shows one (a reason, no stateReasonData). */
export function setIntoAlarm(at: Date = TRIPPED): AlarmHistoryItem {
  return intoAlarm(at, 'Threshold Crossed', { stateReason: 'testing the pager' });
}

/** GetMetricData for the evaluated minute: the p90 the history item names, per minute. */
export function latencyData(values: number[] = [412873.0], statusCode: 'Complete' | 'PartialData' = 'Complete'): GetMetricDataOutput {
  const minute = new Date(Math.floor((TRIPPED.getTime() - 103_512) / 60_000) * 60_000);
  return {
    MetricDataResults: [{ Id: 'latency', Label: 'ModelLatency', Timestamps: values.map((_, i) => new Date(minute.getTime() + i * 60_000)), Values: values, StatusCode: statusCode }],
    Messages: [],
  };
}

export function referenceTarget(overrides: Partial<ScalableTarget> = {}): ScalableTarget {
  return {
    ServiceNamespace: 'sagemaker',
    ResourceId: RESOURCE_ID,
    ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
    MinCapacity: 1,
    MaxCapacity: 2,
    RoleARN: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`,
    CreationTime: new Date('2026-11-25T10:21:02.118Z'),
    SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
    ScalableTargetARN: `arn:aws:application-autoscaling:${REGION}:${ACCOUNT}:scalable-target/056f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d`,
    ...overrides,
  };
}

export function referencePolicy(config: Record<string, unknown> = {}, overrides: Partial<ScalingPolicy> = {}): ScalingPolicy {
  return {
    PolicyARN: `arn:aws:autoscaling:${REGION}:${ACCOUNT}:scalingPolicy:5f6a7b8c-1d2e-4f3a-9b8c-7d6e5f4a3b2c:resource/sagemaker/${RESOURCE_ID}:policyName/churn-observed-invocations-per-instance`,
    PolicyName: 'churn-observed-invocations-per-instance',
    ServiceNamespace: 'sagemaker',
    ResourceId: RESOURCE_ID,
    ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      TargetValue: 1200,
      PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' },
      ScaleOutCooldown: 60,
      ScaleInCooldown: 300,
      ...config,
    },
    Alarms: [
      { AlarmName: `TargetTracking-${RESOURCE_ID}-AlarmHigh-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`, AlarmARN: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:TargetTracking-${RESOURCE_ID}-AlarmHigh-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d` },
      { AlarmName: `TargetTracking-${RESOURCE_ID}-AlarmLow-6e7f8a9b-0c1d-2e3f-4a5b-6c7d8e9f0a1b`, AlarmARN: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:TargetTracking-${RESOURCE_ID}-AlarmLow-6e7f8a9b-0c1d-2e3f-4a5b-6c7d8e9f0a1b` },
    ],
    CreationTime: new Date('2026-11-25T10:21:40.733Z'),
    ...overrides,
  };
}
