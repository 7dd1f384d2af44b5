// The reference state of the safe-rollout lab as the AWS APIs describe it, with the fields each page's
// Response Syntax lists for this state (the SageMaker pages document a syntax and no worked example):
//   DescribeEndpoint          https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html
//   DescribeEndpointConfig    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpointConfig.html
//   DescribeModel             https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModel.html
//   DescribeAlarms            https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html
//   GetMetricData             https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
//   DescribeScalableTargets   https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalableTargets.html
//   DescribeScalingPolicies   https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalingPolicies.html
import type { DescribeScalableTargetsResponse, DescribeScalingPoliciesResponse, ScalableTarget } from '@aws-sdk/client-application-auto-scaling';
import type { DescribeAlarmsOutput, GetMetricDataOutput, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { DeploymentConfig, DescribeEndpointConfigOutput, DescribeEndpointOutput, DescribeModelOutput, ProductionVariantSummary } from '@aws-sdk/client-sagemaker';
import { ACCOUNT, ARTEFACT_URI, BUCKET, REGION, XGBOOST_IMAGE } from '../xgboost-builtin/fixtures';

export const ROLLOUT_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/MlLab-safe-rollout-ExecutionRole`;
/** The newer training job whose artefact is the version rolled out (the current one is xgboost-builtin's JOB_NAME). */
export const NEW_JOB = 'churn-xgb-20261128-1404';
export const NEW_ARTEFACT_KEY = `churn/output/${NEW_JOB}/output/model.tar.gz`;
export const NEW_ARTEFACT_URI = `s3://${BUCKET}/${NEW_ARTEFACT_KEY}`;
export const ENDPOINT = 'churn-rollout';
export const CONFIG = 'churn-rollout-config-2';
export const ALARM = 'churn-rollout-candidate-5xx';
export const PRODUCTION_RESOURCE = `endpoint/${ENDPOINT}/variant/production`;
export const CANDIDATE_RESOURCE = `endpoint/${ENDPOINT}/variant/candidate`;

export function referenceModel(name: 'churn-rollout-current' | 'churn-rollout-new' | string, data = name === 'churn-rollout-new' ? NEW_ARTEFACT_URI : ARTEFACT_URI, overrides: Partial<DescribeModelOutput> = {}): DescribeModelOutput {
  return {
    ModelName: name,
    PrimaryContainer: { Image: XGBOOST_IMAGE, Mode: 'SingleModel', ModelDataUrl: data, Environment: {} },
    ExecutionRoleArn: ROLLOUT_ROLE_ARN,
    CreationTime: new Date('2026-11-28T14:20:11Z'),
    ModelArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model/${name}`,
    EnableNetworkIsolation: false,
    ...overrides,
  };
}

/** Production at weight 9 serving the current model, the candidate at weight 1 serving the new one. */
export function referenceEndpointConfig(variants: { production?: Record<string, unknown>; candidate?: Record<string, unknown> } = {}): DescribeEndpointConfigOutput {
  return {
    EndpointConfigName: CONFIG,
    EndpointConfigArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint-config/${CONFIG}`,
    ProductionVariants: [
      { VariantName: 'production', ModelName: 'churn-rollout-current', InitialInstanceCount: 1, InstanceType: 'ml.t2.medium', InitialVariantWeight: 9, ...variants.production },
      { VariantName: 'candidate', ModelName: 'churn-rollout-new', InitialInstanceCount: 1, InstanceType: 'ml.t2.medium', InitialVariantWeight: 1, ...variants.candidate },
    ],
    CreationTime: new Date('2026-11-28T14:31:40Z'),
    EnableNetworkIsolation: false,
  };
}

export function referenceDeploymentConfig(overrides: Partial<DeploymentConfig> = {}): DeploymentConfig {
  return {
    BlueGreenUpdatePolicy: {
      TrafficRoutingConfiguration: { Type: 'CANARY', CanarySize: { Type: 'CAPACITY_PERCENT', Value: 10 }, WaitIntervalInSeconds: 300 },
      TerminationWaitInSeconds: 120,
      MaximumExecutionTimeoutInSeconds: 1800,
    },
    AutoRollbackConfiguration: { Alarms: [{ AlarmName: ALARM }] },
    ...overrides,
  };
}

export function liveVariant(VariantName: string, weight: number, instances = 1, image = XGBOOST_IMAGE): ProductionVariantSummary {
  return {
    VariantName,
    DeployedImages: [{ SpecifiedImage: image, ResolvedImage: `${image.split(':')[0]}@sha256:5a9a6a1cf6f5a4d7b0b3e1c2d8f9e0a1b2c3d4e5f60718293a4b5c6d7e8f9012`, ResolutionTime: new Date('2026-11-28T14:40:02Z') }],
    CurrentWeight: weight,
    DesiredWeight: weight,
    CurrentInstanceCount: instances,
    DesiredInstanceCount: instances,
  };
}

export function referenceEndpoint(overrides: Partial<DescribeEndpointOutput> = {}): DescribeEndpointOutput {
  return {
    EndpointName: ENDPOINT,
    EndpointArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint/${ENDPOINT}`,
    EndpointConfigName: CONFIG,
    ProductionVariants: [liveVariant('production', 9), liveVariant('candidate', 1)],
    EndpointStatus: 'InService',
    CreationTime: new Date('2026-11-28T14:25:13Z'),
    LastModifiedTime: new Date('2026-11-28T14:52:47Z'),
    LastDeploymentConfig: referenceDeploymentConfig(),
    ...overrides,
  };
}

/** A metric alarm on the candidate's 5XX errors that fires after one minute (solution.ts referenceAlarm). */
export function referenceAlarm(overrides: Partial<MetricAlarm> = {}): MetricAlarm {
  return {
    AlarmName: ALARM,
    AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${ALARM}`,
    AlarmDescription: 'Rolls back a churn-rollout update when the candidate answers with 5XX errors',
    AlarmConfigurationUpdatedTimestamp: new Date('2026-11-28T14:30:55Z'),
    ActionsEnabled: true,
    OKActions: [],
    AlarmActions: [],
    InsufficientDataActions: [],
    StateValue: 'OK',
    StateReason: 'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].',
    StateUpdatedTimestamp: new Date('2026-11-28T14:31:12Z'),
    MetricName: 'Invocation5XXErrors',
    Namespace: 'AWS/SageMaker',
    Statistic: 'Sum',
    Dimensions: [
      { Name: 'EndpointName', Value: ENDPOINT },
      { Name: 'VariantName', Value: 'candidate' },
    ],
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'notBreaching',
    StateTransitionedTimestamp: new Date('2026-11-28T14:31:12Z'),
    ...overrides,
  };
}

export function alarms(...metricAlarms: MetricAlarm[]): DescribeAlarmsOutput {
  return { MetricAlarms: metricAlarms, CompositeAlarms: [] };
}

export function scalableTarget(overrides: Partial<ScalableTarget> = {}): ScalableTarget {
  return {
    ServiceNamespace: 'sagemaker',
    ResourceId: PRODUCTION_RESOURCE,
    ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
    MinCapacity: 1,
    MaxCapacity: 2,
    RoleARN: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`,
    CreationTime: new Date('2026-11-28T14:55:30Z'),
    SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
    ScalableTargetARN: `arn:aws:application-autoscaling:${REGION}:${ACCOUNT}:scalable-target/056f1bd6c4f24a3d9e0b0c8a1f2e3d4c`,
    ...overrides,
  };
}

export function scalableTargets(...targets: ScalableTarget[]): DescribeScalableTargetsResponse {
  return { ScalableTargets: targets };
}

export function scalingPolicies(count = 1): DescribeScalingPoliciesResponse {
  return {
    ScalingPolicies: Array.from({ length: count }, () => ({
      PolicyARN: `arn:aws:autoscaling:${REGION}:${ACCOUNT}:scalingPolicy:056f1bd6-c4f2-4a3d-9e0b-0c8a1f2e3d4c:resource/sagemaker/${PRODUCTION_RESOURCE}:policyName/churn-rollout-invocations-per-instance`,
      PolicyName: 'churn-rollout-invocations-per-instance',
      ServiceNamespace: 'sagemaker',
      ResourceId: PRODUCTION_RESOURCE,
      ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 70, PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' } },
      Alarms: [
        { AlarmName: `TargetTracking-${PRODUCTION_RESOURCE}-AlarmHigh-0a1b2c3d`, AlarmARN: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:TargetTracking-${PRODUCTION_RESOURCE}-AlarmHigh-0a1b2c3d` },
        { AlarmName: `TargetTracking-${PRODUCTION_RESOURCE}-AlarmLow-4e5f6a7b`, AlarmARN: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:TargetTracking-${PRODUCTION_RESOURCE}-AlarmLow-4e5f6a7b` },
      ],
      CreationTime: new Date('2026-11-28T14:55:41Z'),
    })),
  };
}

export interface VariantCounts {
  readonly invocations: number[];
  readonly errors4xx?: number[];
  readonly errors5xx?: number[];
}

/** Hourly sums per variant, in the query ids the check sends (v0 production, v1 candidate). */
export function metricData(production: VariantCounts = { invocations: [150, 30], errors4xx: [0, 2] }, candidate: VariantCounts = { invocations: [17, 3] }, statusCode: 'Complete' | 'PartialData' = 'Complete'): GetMetricDataOutput {
  const times = (values: number[]) => values.map((_, i) => new Date(Date.parse('2026-11-28T16:00:00Z') - i * 3_600_000));
  const series = (prefix: string, counts: VariantCounts) =>
    ([
      ['invocations', 'Invocations', counts.invocations],
      ['errors4xx', 'Invocation4XXErrors', counts.errors4xx ?? []],
      ['errors5xx', 'Invocation5XXErrors', counts.errors5xx ?? []],
    ] as const).map(([id, Label, values]) => ({ Id: `${prefix}_${id}`, Label, Timestamps: times([...values]), Values: [...values], StatusCode: statusCode }));
  return { MetricDataResults: [...series('v0', production), ...series('v1', candidate)], Messages: [] };
}
