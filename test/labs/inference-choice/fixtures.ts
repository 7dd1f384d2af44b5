// The reference state of the inference-choice lab as the AWS APIs describe it, with the fields each
// page's Response Syntax lists for this state:
//   DescribeEndpoint          https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html
//   DescribeEndpointConfig    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpointConfig.html
//   DescribeScalableTargets   https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalableTargets.html
//   DescribeScalingPolicies   https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalingPolicies.html
//   DescribeAlarms            https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html
//   ListTransformJobs         https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTransformJobs.html
//   DescribeTransformJob      https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTransformJob.html
//   GetTopicAttributes        https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html
import type { ScalableTarget, ScalingPolicy } from '@aws-sdk/client-application-auto-scaling';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { DescribeEndpointConfigOutput, DescribeEndpointOutput, DescribeTransformJobResponse, TransformJobSummary } from '@aws-sdk/client-sagemaker';
import { nightlyCsv } from '../../../labs/inference-choice/nightly-data';
import { referenceBacklogPolicy, referenceDecisions, referenceEndpointConfig, referenceScalableTarget, referenceTransformJob, referenceWakeAlarm, referenceWakePolicy } from '../../../labs/inference-choice/solution';
import { ACCOUNT, REGION, XGBOOST_IMAGE } from '../xgboost-builtin/fixtures';

export { ACCOUNT, REGION };
export const BUCKET = 'mllab-inference-choice-labbucket-7h6g5f4d3s2a';
export const SUCCESS_TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:sagemaker-churn-async-success`;
export const ERROR_TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:sagemaker-churn-async-error`;
export const JOB_NAME = 'churn-nightly-20261201-0100';
export const OUTPUT_KEY = 'nightly/output/customers-nightly.csv.out';
export const DECISION_KEY = 'decisions/inference-choice.json';
const WAKE_POLICY_ARN = `arn:aws:autoscaling:${REGION}:${ACCOUNT}:scalingPolicy:5c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d:resource/sagemaker/endpoint/churn-async/variant/AllTraffic:policyName/churn-async-wake-from-zero`;

const options = { region: REGION, bucket: BUCKET, roleArn: `arn:aws:iam::${ACCOUNT}:role/MlLab-inference-choice-ExecutionRole`, modelDataUrl: 's3://x/model.tar.gz', successTopicArn: SUCCESS_TOPIC, errorTopicArn: ERROR_TOPIC };

export const decisionsJson = (overrides: Record<string, unknown> = {}): string => JSON.stringify({ ...referenceDecisions(), ...overrides });

export function referenceEndpoint(overrides: Partial<DescribeEndpointOutput> = {}): DescribeEndpointOutput {
  return {
    EndpointName: 'churn-async',
    EndpointArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint/churn-async`,
    EndpointConfigName: 'churn-async-config',
    ProductionVariants: [
      {
        VariantName: 'AllTraffic',
        DeployedImages: [{ SpecifiedImage: XGBOOST_IMAGE, ResolvedImage: `${XGBOOST_IMAGE.split(':')[0]}@sha256:5a9a6a1cf6f5a4d7b0b3e1c2d8f9e0a1b2c3d4e5f60718293a4b5c6d7e8f9012`, ResolutionTime: new Date('2026-12-01T00:12:02Z') }],
        CurrentWeight: 1,
        DesiredWeight: 1,
        CurrentInstanceCount: 0,
        DesiredInstanceCount: 0,
      },
    ],
    EndpointStatus: 'InService',
    CreationTime: new Date('2026-12-01T00:11:40Z'),
    LastModifiedTime: new Date('2026-12-01T00:58:03Z'),
    AsyncInferenceConfig: referenceEndpointConfig(options).AsyncInferenceConfig,
    ...overrides,
  };
}

export function referenceConfig(overrides: Partial<DescribeEndpointConfigOutput> = {}): DescribeEndpointConfigOutput {
  const input = referenceEndpointConfig(options);
  return {
    EndpointConfigName: input.EndpointConfigName,
    EndpointConfigArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint-config/churn-async-config`,
    ProductionVariants: input.ProductionVariants!.map((v) => ({ ...v, InitialVariantWeight: 1 })),
    AsyncInferenceConfig: input.AsyncInferenceConfig,
    CreationTime: new Date('2026-12-01T00:11:12Z'),
    EnableNetworkIsolation: false,
    ...overrides,
  };
}

export function scalableTarget(overrides: Partial<ScalableTarget> = {}): ScalableTarget {
  const input = referenceScalableTarget();
  return {
    ServiceNamespace: input.ServiceNamespace,
    ResourceId: input.ResourceId,
    ScalableDimension: input.ScalableDimension,
    MinCapacity: input.MinCapacity,
    MaxCapacity: input.MaxCapacity,
    RoleARN: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`,
    CreationTime: new Date('2026-12-01T00:20:11Z'),
    SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
    ScalableTargetARN: `arn:aws:application-autoscaling:${REGION}:${ACCOUNT}:scalable-target/056b2a3c4d5e6f7a8b9c0d1e2f3a4b5c`,
    ...overrides,
  };
}

/** DescribeScalingPolicies for the reference: the backlog policy (with the alarms Application Auto Scaling made) and the wake-up step policy. */
export function scalingPolicies(which: ('backlog' | 'wake')[] = ['backlog', 'wake']): ScalingPolicy[] {
  const backlog = referenceBacklogPolicy();
  const wake = referenceWakePolicy();
  const policies: ScalingPolicy[] = [];
  if (which.includes('backlog')) {
    policies.push({
      PolicyARN: WAKE_POLICY_ARN.replace('churn-async-wake-from-zero', 'churn-async-backlog'),
      PolicyName: backlog.PolicyName,
      ServiceNamespace: 'sagemaker',
      ResourceId: backlog.ResourceId,
      ScalableDimension: backlog.ScalableDimension,
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: backlog.TargetTrackingScalingPolicyConfiguration,
      Alarms: [
        { AlarmName: 'TargetTracking-endpoint/churn-async/variant/AllTraffic-AlarmHigh-1a2b3c4d', AlarmARN: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:TargetTracking-endpoint/churn-async/variant/AllTraffic-AlarmHigh-1a2b3c4d` },
        { AlarmName: 'TargetTracking-endpoint/churn-async/variant/AllTraffic-AlarmLow-5e6f7a8b', AlarmARN: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:TargetTracking-endpoint/churn-async/variant/AllTraffic-AlarmLow-5e6f7a8b` },
      ],
      CreationTime: new Date('2026-12-01T00:20:40Z'),
    });
  }
  if (which.includes('wake')) {
    policies.push({
      PolicyARN: WAKE_POLICY_ARN,
      PolicyName: wake.PolicyName,
      ServiceNamespace: 'sagemaker',
      ResourceId: wake.ResourceId,
      ScalableDimension: wake.ScalableDimension,
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: wake.StepScalingPolicyConfiguration,
      Alarms: [{ AlarmName: 'churn-async-has-backlog-without-capacity', AlarmARN: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:churn-async-has-backlog-without-capacity` }],
      CreationTime: new Date('2026-12-01T00:21:02Z'),
    });
  }
  return policies;
}

export function wakeAlarm(overrides: Partial<MetricAlarm> = {}): MetricAlarm {
  const input = referenceWakeAlarm(WAKE_POLICY_ARN);
  return {
    AlarmName: input.AlarmName,
    AlarmArn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${input.AlarmName}`,
    ActionsEnabled: true,
    AlarmActions: input.AlarmActions,
    StateValue: 'OK',
    StateReason: 'Threshold Crossed: 2 datapoints [0.0 (01/12/26 01:02:00), 0.0 (01/12/26 01:01:00)] were not greater than or equal to the threshold (1.0).',
    StateUpdatedTimestamp: new Date('2026-12-01T01:03:00Z'),
    MetricName: input.MetricName,
    Namespace: input.Namespace,
    Statistic: 'Average',
    Dimensions: input.Dimensions,
    Period: input.Period,
    EvaluationPeriods: input.EvaluationPeriods,
    DatapointsToAlarm: input.DatapointsToAlarm,
    Threshold: input.Threshold,
    ComparisonOperator: input.ComparisonOperator,
    TreatMissingData: input.TreatMissingData,
    ...overrides,
  };
}

export function transformSummary(name: string, status: TransformJobSummary['TransformJobStatus'], created: string): TransformJobSummary {
  return { TransformJobName: name, TransformJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:transform-job/${name}`, CreationTime: new Date(created), TransformJobStatus: status };
}

export function referenceTransform(overrides: Partial<DescribeTransformJobResponse> = {}, name = JOB_NAME): DescribeTransformJobResponse {
  const input = referenceTransformJob({ bucket: BUCKET }, name);
  return {
    TransformJobName: name,
    TransformJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:transform-job/${name}`,
    TransformJobStatus: 'Completed',
    ModelName: input.ModelName,
    MaxConcurrentTransforms: 1,
    MaxPayloadInMB: input.MaxPayloadInMB,
    BatchStrategy: input.BatchStrategy,
    Environment: {},
    TransformInput: { ...input.TransformInput!, CompressionType: 'None' },
    TransformOutput: { ...input.TransformOutput!, KmsKeyId: '' },
    TransformResources: input.TransformResources,
    CreationTime: new Date('2026-12-01T01:00:12Z'),
    TransformStartTime: new Date('2026-12-01T01:04:31Z'),
    TransformEndTime: new Date('2026-12-01T01:06:02Z'),
    DataProcessing: input.DataProcessing,
    ...overrides,
  };
}

/** A deterministic churn probability for row i (the tests need a plausible value, not the model's). */
const probability = (i: number): string => (((i * 7919) % 1000) / 1000 + 0.0005).toFixed(4);

/**
 * What the reference job writes: with JoinSource Input and OutputFilter $[0,-1], the customer id and
 * the probability; `keep: 'all'` is the joined row without an OutputFilter (id, twelve features, probability).
 */
export function transformOutput(keep: 'id-and-probability' | 'all' = 'id-and-probability'): string {
  const rows = nightlyCsv().split('\n').filter(Boolean);
  return rows.map((row, i) => (keep === 'all' ? `${row},${probability(i)}` : `${row.split(',')[0]},${probability(i)}`)).join('\n') + '\n';
}
