// Reference solution of the inference-choice lab: the decision record, the asynchronous endpoint
// that scales to zero, one asynchronous request, and the nightly transform job. Needs a Completed
// churn-xgb- training job from the xgboost-builtin lab. Kept out of the README on purpose; never run
// by the tests (they check that the inputs built here are the state the checks pass).
import {
  ApplicationAutoScalingClient,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
  type PutScalingPolicyCommandInput,
  type RegisterScalableTargetCommandInput,
} from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, PutMetricAlarmCommand, type PutMetricAlarmCommandInput } from '@aws-sdk/client-cloudwatch';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateTransformJobCommand,
  waitUntilEndpointInService,
  waitUntilTransformJobCompletedOrStopped,
  type CreateEndpointConfigCommandInput,
  type CreateTransformJobCommandInput,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointAsyncCommand, type SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { CreateTopicCommand, type SNSClient } from '@aws-sdk/client-sns';
import { xgboostImageUri } from '../xgboost-builtin/solution';
import {
  ALARM_PREFIX,
  ASYNC_CONFIG_NAME,
  ASYNC_ENDPOINT_NAME,
  ASYNC_FAILURE_PREFIX,
  ASYNC_INPUT_PREFIX,
  ASYNC_OUTPUT_PREFIX,
  DECISION_KEY,
  INFERENCE_INSTANCE_TYPE,
  lab,
  MODEL_NAME,
  NIGHTLY_INPUT_PREFIX,
  NIGHTLY_OUTPUT_PREFIX,
  TOPIC_PREFIX,
  TRANSFORM_JOB_PREFIX,
} from './lab';
import { nightlyCsv } from './nightly-data';
import { WORKLOADS } from './workloads';

export const VARIANT_NAME = 'AllTraffic';
const TAGS = [{ Key: 'mllab:lab', Value: lab.id }];

export interface ReferenceOptions {
  readonly region: string;
  readonly bucket: string;
  /** Output ExecutionRoleArn of this lab's stack. */
  readonly roleArn: string;
  /** `ModelArtifacts.S3ModelArtifacts` of the Completed churn-xgb- training job. */
  readonly modelDataUrl: string;
  readonly successTopicArn: string;
  readonly errorTopicArn: string;
}

/** The decision record R1 reads: the documented option for each workload. */
export function referenceDecisions(): Record<string, string> {
  const spelling = { 'real-time': 'real-time', serverless: 'serverless', asynchronous: 'asynchronous', 'batch-transform': 'batch transform' } as const;
  return Object.fromEntries(WORKLOADS.map((w) => [w.id, spelling[w.answer]]));
}

export function referenceEndpointConfig(o: ReferenceOptions): CreateEndpointConfigCommandInput {
  return {
    EndpointConfigName: ASYNC_CONFIG_NAME,
    ProductionVariants: [{ VariantName: VARIANT_NAME, ModelName: MODEL_NAME, InstanceType: INFERENCE_INSTANCE_TYPE, InitialInstanceCount: 1 }],
    AsyncInferenceConfig: {
      OutputConfig: {
        S3OutputPath: `s3://${o.bucket}/${ASYNC_OUTPUT_PREFIX}`,
        S3FailurePath: `s3://${o.bucket}/${ASYNC_FAILURE_PREFIX}`,
        NotificationConfig: { SuccessTopic: o.successTopicArn, ErrorTopic: o.errorTopicArn },
      },
      // One file at a time per instance: a file takes minutes of the instance's CPU.
      ClientConfig: { MaxConcurrentInvocationsPerInstance: 1 },
    },
    Tags: TAGS,
  };
}

const RESOURCE_ID = `endpoint/${ASYNC_ENDPOINT_NAME}/variant/${VARIANT_NAME}`;
const DIMENSION = 'sagemaker:variant:DesiredInstanceCount' as const;

export function referenceScalableTarget(): RegisterScalableTargetCommandInput {
  return { ServiceNamespace: 'sagemaker', ResourceId: RESOURCE_ID, ScalableDimension: DIMENSION, MinCapacity: 0, MaxCapacity: 1 };
}

/** Target tracking on the backlog per instance: scales out as files queue, back to zero when none wait. */
export function referenceBacklogPolicy(): PutScalingPolicyCommandInput {
  return {
    PolicyName: `${ASYNC_ENDPOINT_NAME}-backlog`,
    ServiceNamespace: 'sagemaker',
    ResourceId: RESOURCE_ID,
    ScalableDimension: DIMENSION,
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      TargetValue: 2,
      CustomizedMetricSpecification: {
        MetricName: 'ApproximateBacklogSizePerInstance',
        Namespace: 'AWS/SageMaker',
        Dimensions: [{ Name: 'EndpointName', Value: ASYNC_ENDPOINT_NAME }],
        Statistic: 'Average',
      },
      ScaleInCooldown: 600,
      ScaleOutCooldown: 60,
    },
  };
}

/** The optional step policy that adds an instance as soon as a request waits with none running. */
export function referenceWakePolicy(): PutScalingPolicyCommandInput {
  return {
    PolicyName: `${ASYNC_ENDPOINT_NAME}-wake-from-zero`,
    ServiceNamespace: 'sagemaker',
    ResourceId: RESOURCE_ID,
    ScalableDimension: DIMENSION,
    PolicyType: 'StepScaling',
    StepScalingPolicyConfiguration: { AdjustmentType: 'ChangeInCapacity', MetricAggregationType: 'Average', Cooldown: 300, StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }] },
  };
}

export function referenceWakeAlarm(policyArn: string): PutMetricAlarmCommandInput {
  return {
    AlarmName: `${ALARM_PREFIX}has-backlog-without-capacity`,
    Namespace: 'AWS/SageMaker',
    MetricName: 'HasBacklogWithoutCapacity',
    Dimensions: [{ Name: 'EndpointName', Value: ASYNC_ENDPOINT_NAME }],
    Statistic: 'Average',
    Period: 60,
    EvaluationPeriods: 2,
    DatapointsToAlarm: 2,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'missing',
    AlarmActions: [policyArn],
    Tags: TAGS,
  };
}

export function referenceTransformJob(o: Pick<ReferenceOptions, 'bucket'>, name = `${TRANSFORM_JOB_PREFIX}20261201-0100`): CreateTransformJobCommandInput {
  return {
    TransformJobName: name,
    ModelName: MODEL_NAME,
    BatchStrategy: 'MultiRecord',
    MaxPayloadInMB: 6,
    TransformInput: { DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${o.bucket}/${NIGHTLY_INPUT_PREFIX}` } }, ContentType: 'text/csv', SplitType: 'Line' },
    TransformOutput: { S3OutputPath: `s3://${o.bucket}/${NIGHTLY_OUTPUT_PREFIX}`, Accept: 'text/csv', AssembleWith: 'Line' },
    TransformResources: { InstanceType: INFERENCE_INSTANCE_TYPE, InstanceCount: 1 },
    // The model sees the twelve features; the output keeps the customer id and the probability.
    DataProcessing: { InputFilter: '$[1:]', JoinSource: 'Input', OutputFilter: '$[0,-1]' },
    Tags: TAGS,
  };
}

export interface ReferenceClients {
  readonly s3: S3Client;
  readonly sns: SNSClient;
  readonly sagemaker: SageMakerClient;
  readonly runtime: SageMakerRuntimeClient;
  readonly autoscaling: ApplicationAutoScalingClient;
  readonly cloudwatch: CloudWatchClient;
}

/** Builds the whole reference state, waiting for the endpoint and the transform job. */
export async function buildReference(c: ReferenceClients, o: Omit<ReferenceOptions, 'successTopicArn' | 'errorTopicArn'>): Promise<void> {
  await c.s3.send(new PutObjectCommand({ Bucket: o.bucket, Key: DECISION_KEY, Body: JSON.stringify(referenceDecisions(), null, 2), ContentType: 'application/json' }));
  const success = await c.sns.send(new CreateTopicCommand({ Name: `${TOPIC_PREFIX}-success`, Tags: TAGS }));
  const error = await c.sns.send(new CreateTopicCommand({ Name: `${TOPIC_PREFIX}-error`, Tags: TAGS }));
  const options = { ...o, successTopicArn: success.TopicArn!, errorTopicArn: error.TopicArn! };
  await c.sagemaker.send(new CreateModelCommand({ ModelName: MODEL_NAME, PrimaryContainer: { Image: xgboostImageUri(o.region), ModelDataUrl: o.modelDataUrl }, ExecutionRoleArn: o.roleArn, Tags: TAGS }));
  await c.sagemaker.send(new CreateEndpointConfigCommand(referenceEndpointConfig(options)));
  await c.sagemaker.send(new CreateEndpointCommand({ EndpointName: ASYNC_ENDPOINT_NAME, EndpointConfigName: ASYNC_CONFIG_NAME, Tags: TAGS }));
  await waitUntilEndpointInService({ client: c.sagemaker, maxWaitTime: 1200 }, { EndpointName: ASYNC_ENDPOINT_NAME });
  await c.autoscaling.send(new RegisterScalableTargetCommand(referenceScalableTarget()));
  await c.autoscaling.send(new PutScalingPolicyCommand(referenceBacklogPolicy()));
  const wake = await c.autoscaling.send(new PutScalingPolicyCommand(referenceWakePolicy()));
  await c.cloudwatch.send(new PutMetricAlarmCommand(referenceWakeAlarm(wake.PolicyARN!)));

  // One request: the first 50 customers of the nightly file, without their id.
  const rows = nightlyCsv().split('\n').filter(Boolean).slice(0, 50).map((line) => line.slice(line.indexOf(',') + 1));
  const key = `${ASYNC_INPUT_PREFIX}sample-50.csv`;
  await c.s3.send(new PutObjectCommand({ Bucket: o.bucket, Key: key, Body: `${rows.join('\n')}\n`, ContentType: 'text/csv' }));
  await c.runtime.send(new InvokeEndpointAsyncCommand({ EndpointName: ASYNC_ENDPOINT_NAME, InputLocation: `s3://${o.bucket}/${key}`, ContentType: 'text/csv' }));

  const job = referenceTransformJob(o);
  await c.sagemaker.send(new CreateTransformJobCommand(job));
  await waitUntilTransformJobCompletedOrStopped({ client: c.sagemaker, maxWaitTime: 1800 }, { TransformJobName: job.TransformJobName });
}
