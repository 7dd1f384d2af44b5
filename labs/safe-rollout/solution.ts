// Reference solution of the safe-rollout lab: two models, an endpoint whose candidate slot first
// serves the current model, an errors alarm, a blue/green canary update that puts the new model on the
// candidate variant (variant names stay the same across the update, as deployment guardrails require),
// auto scaling on the production variant, and the traffic R4 looks for. Needs two Completed
// churn-xgb- training jobs from the xgboost-builtin lab. Kept out of the README on purpose.
import { ApplicationAutoScalingClient, PutScalingPolicyCommand, RegisterScalableTargetCommand, type PutScalingPolicyCommandInput, type RegisterScalableTargetCommandInput } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, PutMetricAlarmCommand, type PutMetricAlarmCommandInput } from '@aws-sdk/client-cloudwatch';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  UpdateEndpointCommand,
  waitUntilEndpointInService,
  type CreateEndpointConfigCommandInput,
  type CreateModelCommandInput,
  type DeploymentConfig,
  type ProductionVariant,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, type SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { inferenceRows } from '../serverless-endpoint/solution';
import { xgboostImageUri } from '../xgboost-builtin/solution';
import { ENDPOINT_NAME, HOSTING_INSTANCE_TYPE, lab, MAX_FIRST_STEP_PERCENT, METRIC_NAMESPACE, NAME_PREFIX, SCALABLE_DIMENSION, SCALING_MAX_CAPACITY, SCALING_MIN_CAPACITY } from './lab';

export const PRODUCTION_VARIANT = 'production';
export const CANDIDATE_VARIANT = 'candidate';
export const CURRENT_MODEL = `${NAME_PREFIX}current`;
export const NEW_MODEL = `${NAME_PREFIX}new`;
export const FIRST_CONFIG = `${NAME_PREFIX}config-1`;
export const ROLLOUT_CONFIG = `${NAME_PREFIX}config-2`;
export const ERRORS_ALARM = `${NAME_PREFIX}candidate-5xx`;
export const SCALING_POLICY = `${NAME_PREFIX}invocations-per-instance`;
const TAGS = [{ Key: 'mllab:lab', Value: lab.id }];

export interface RolloutOptions {
  readonly region: string;
  /** Output ExecutionRoleArn of this lab's stack: it may read the xgboost-builtin artefacts (readsArtefactsOf). */
  readonly roleArn: string;
  /** `ModelArtifacts.S3ModelArtifacts` of the Completed churn-xgb- job in production today. */
  readonly currentModelData: string;
  /** The same, of the newer Completed churn-xgb- job: the version to roll out. */
  readonly newModelData: string;
}

export function referenceModels(o: RolloutOptions): CreateModelCommandInput[] {
  return [
    [CURRENT_MODEL, o.currentModelData],
    [NEW_MODEL, o.newModelData],
  ].map(([ModelName, ModelDataUrl]) => ({ ModelName, PrimaryContainer: { Image: xgboostImageUri(o.region), ModelDataUrl }, ExecutionRoleArn: o.roleArn, Tags: TAGS }));
}

/** Production at weight 9, the candidate at weight 1: 10% of requests. */
export function referenceEndpointConfig(name: string, candidateModel: string): CreateEndpointConfigCommandInput {
  const variant = (VariantName: string, ModelName: string, InitialVariantWeight: number): ProductionVariant => ({ VariantName, ModelName, InstanceType: HOSTING_INSTANCE_TYPE, InitialInstanceCount: 1, InitialVariantWeight });
  return { EndpointConfigName: name, ProductionVariants: [variant(PRODUCTION_VARIANT, CURRENT_MODEL, 9), variant(CANDIDATE_VARIANT, candidateModel, 1)], Tags: TAGS };
}

/**
 * Fires after one minute with a 5XX answer from the candidate (SageMaker publishes invocation metrics
 * every minute); missing data (no traffic) is not an error. Shaped after the guardrails page's example.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-configuration.html
 */
export function referenceAlarm(): PutMetricAlarmCommandInput {
  return {
    AlarmName: ERRORS_ALARM,
    AlarmDescription: 'Rolls back a churn-rollout update when the candidate answers with 5XX errors',
    Namespace: METRIC_NAMESPACE,
    MetricName: 'Invocation5XXErrors',
    Dimensions: [
      { Name: 'EndpointName', Value: ENDPOINT_NAME },
      { Name: 'VariantName', Value: CANDIDATE_VARIANT },
    ],
    Statistic: 'Sum',
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'notBreaching',
    Tags: TAGS,
  };
}

/** Canary of 10% of the new fleet, baked for 5 minutes under the alarm, the old fleet kept 2 more. */
export function referenceDeploymentConfig(): DeploymentConfig {
  return {
    BlueGreenUpdatePolicy: {
      TrafficRoutingConfiguration: { Type: 'CANARY', CanarySize: { Type: 'CAPACITY_PERCENT', Value: MAX_FIRST_STEP_PERCENT }, WaitIntervalInSeconds: 300 },
      TerminationWaitInSeconds: 120,
      MaximumExecutionTimeoutInSeconds: 1800,
    },
    AutoRollbackConfiguration: { Alarms: [{ AlarmName: ERRORS_ALARM }] },
  };
}

const RESOURCE_ID = `endpoint/${ENDPOINT_NAME}/variant/${PRODUCTION_VARIANT}`;

export function referenceScalableTarget(): RegisterScalableTargetCommandInput {
  return { ServiceNamespace: 'sagemaker', ResourceId: RESOURCE_ID, ScalableDimension: SCALABLE_DIMENSION, MinCapacity: SCALING_MIN_CAPACITY, MaxCapacity: SCALING_MAX_CAPACITY };
}

/** Target tracking on invocations per instance, as the SageMaker auto scaling pages show it. */
export function referenceScalingPolicy(): PutScalingPolicyCommandInput {
  return {
    PolicyName: SCALING_POLICY,
    ServiceNamespace: 'sagemaker',
    ResourceId: RESOURCE_ID,
    ScalableDimension: SCALABLE_DIMENSION,
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: { TargetValue: 70, PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' } },
  };
}

export interface RolloutClients {
  readonly sagemaker: SageMakerClient;
  readonly cloudwatch: CloudWatchClient;
  readonly autoscaling: ApplicationAutoScalingClient;
}

/** Everything but the traffic, in the order SageMaker and Application Auto Scaling accept it. */
export async function deployReferenceRollout(c: RolloutClients, o: RolloutOptions): Promise<void> {
  const inService = () => waitUntilEndpointInService({ client: c.sagemaker, maxWaitTime: 3600 }, { EndpointName: ENDPOINT_NAME });
  for (const model of referenceModels(o)) await c.sagemaker.send(new CreateModelCommand(model));
  await c.sagemaker.send(new CreateEndpointConfigCommand(referenceEndpointConfig(FIRST_CONFIG, CURRENT_MODEL)));
  await c.sagemaker.send(new CreateEndpointCommand({ EndpointName: ENDPOINT_NAME, EndpointConfigName: FIRST_CONFIG, Tags: TAGS }));
  await inService();
  await c.cloudwatch.send(new PutMetricAlarmCommand(referenceAlarm()));
  await c.sagemaker.send(new CreateEndpointConfigCommand(referenceEndpointConfig(ROLLOUT_CONFIG, NEW_MODEL)));
  await c.sagemaker.send(new UpdateEndpointCommand({ EndpointName: ENDPOINT_NAME, EndpointConfigName: ROLLOUT_CONFIG, DeploymentConfig: referenceDeploymentConfig() }));
  await inService();
  // Auto scaling is registered once the update is over: it is blocked while an update runs.
  await c.autoscaling.send(new RegisterScalableTargetCommand(referenceScalableTarget()));
  await c.autoscaling.send(new PutScalingPolicyCommand(referenceScalingPolicy()));
}

/** Sends one customer per request; returns how many each variant answered (InvokedProductionVariant). */
export async function invokeReference(runtime: SageMakerRuntimeClient, count = 200): Promise<Record<string, number>> {
  const answered: Record<string, number> = {};
  for (const row of inferenceRows(count)) {
    const out = await runtime.send(new InvokeEndpointCommand({ EndpointName: ENDPOINT_NAME, ContentType: 'text/csv', Accept: 'text/csv', Body: new TextEncoder().encode(row) }));
    const variant = out.InvokedProductionVariant ?? 'unknown';
    answered[variant] = (answered[variant] ?? 0) + 1;
  }
  return answered;
}
