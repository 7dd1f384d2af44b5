// Reference solution of the model-monitor-drift lab: the model, the endpoint with data capture, the
// baselining job, the hourly data-quality schedule and the traffic R5 and R6 look for. Needs a
// Completed churn-xgb- training job from the xgboost-builtin lab. Never run by the tests; kept out
// of the README on purpose.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateMonitoringScheduleCommand,
  CreateProcessingJobCommand,
  waitUntilEndpointInService,
  waitUntilProcessingJobCompletedOrStopped,
  type CreateEndpointConfigCommandInput,
  type CreateModelCommandInput,
  type CreateMonitoringScheduleCommandInput,
  type CreateProcessingJobCommandInput,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { InvokeEndpointCommand, type SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { referenceModel as serverlessModel, type DeployOptions as ServerlessDeployOptions } from '../serverless-endpoint/solution';
import {
  BASELINE_JOB_PREFIX,
  BASELINE_PREFIX,
  CAPTURE_PREFIX,
  ENDPOINT_CONFIG_NAME,
  ENDPOINT_NAME,
  HOSTING_INSTANCE_TYPE,
  HOURLY_SCHEDULE,
  lab,
  MAX_SAMPLING_PERCENTAGE,
  MODEL_MONITOR_REPOSITORY,
  MODEL_NAME,
  PROCESSING_INSTANCE_TYPE,
  REPORTS_PREFIX,
  SCHEDULE_NAME,
  TRAINING_DATA_PREFIX,
} from './lab';

export const VARIANT_NAME = 'AllTraffic';
const TAGS = [{ Key: 'mllab:lab', Value: lab.id }];

/**
 * The prebuilt container's registry account per region (us-west-2 is the page's example; the
 * others are the SageMaker Python SDK's image_uri_config/model-monitor.json).
 * https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-pre-built-container.html
 */
const MODEL_MONITOR_REGISTRY_ACCOUNTS: Readonly<Record<string, string>> = {
  'us-east-1': '156813124566',
  'us-east-2': '777275614652',
  'us-west-2': '159807026194',
  'eu-west-1': '468650794304',
};

export function modelMonitorImageUri(region: string): string {
  const account = MODEL_MONITOR_REGISTRY_ACCOUNTS[region];
  if (!account) throw new Error(`no Model Monitor registry account recorded for ${region}; look it up on the prebuilt container page`);
  return `${account}.dkr.ecr.${region}.amazonaws.com/${MODEL_MONITOR_REPOSITORY}`;
}

export interface DeployOptions extends ServerlessDeployOptions {
  /** Output LabBucketName of this lab's stack (roleArn is its ExecutionRoleArn). */
  readonly bucket: string;
}

/** The serverless-endpoint lab's model (the xgboost-builtin artefact with the image that trained it), under this lab's name. */
export function referenceModel(options: DeployOptions): CreateModelCommandInput {
  return { ...serverlessModel(options), ModelName: MODEL_NAME, Tags: TAGS };
}

export function referenceEndpointConfig(options: Pick<DeployOptions, 'bucket'>): CreateEndpointConfigCommandInput {
  return {
    EndpointConfigName: ENDPOINT_CONFIG_NAME,
    ProductionVariants: [{ VariantName: VARIANT_NAME, ModelName: MODEL_NAME, InstanceType: HOSTING_INSTANCE_TYPE, InitialInstanceCount: 1 }],
    DataCaptureConfig: {
      EnableCapture: true,
      InitialSamplingPercentage: MAX_SAMPLING_PERCENTAGE,
      DestinationS3Uri: `s3://${options.bucket}/${CAPTURE_PREFIX}`,
      CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
      // Captured as text rather than base64, so the capture files can be read by eye.
      CaptureContentTypeHeader: { CsvContentTypes: ['text/csv'] },
    },
    Tags: TAGS,
  };
}

/**
 * The baselining job of the prebuilt container over the shipped training data: the container
 * reads `dataset_format`, `dataset_source` and `output_path` from its environment.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-byoc-contract-inputs.html
 */
export function referenceBaselineJob(options: DeployOptions, jobName = `${BASELINE_JOB_PREFIX}${Date.now()}`): CreateProcessingJobCommandInput {
  return {
    ProcessingJobName: jobName,
    AppSpecification: { ImageUri: modelMonitorImageUri(options.region) },
    Environment: {
      dataset_format: JSON.stringify({ csv: { header: true, output_columns_position: 'START' } }),
      dataset_source: '/opt/ml/processing/input/baseline_dataset_input',
      output_path: '/opt/ml/processing/output',
      publish_cloudwatch_metrics: 'Disabled',
    },
    ProcessingInputs: [
      {
        InputName: 'baseline_dataset_input',
        S3Input: { S3Uri: `s3://${options.bucket}/${TRAINING_DATA_PREFIX}`, LocalPath: '/opt/ml/processing/input/baseline_dataset_input', S3DataType: 'S3Prefix', S3InputMode: 'File' },
      },
    ],
    ProcessingOutputConfig: {
      Outputs: [{ OutputName: 'monitoring_output', S3Output: { S3Uri: `s3://${options.bucket}/${BASELINE_PREFIX}`, LocalPath: '/opt/ml/processing/output', S3UploadMode: 'EndOfJob' } }],
    },
    ProcessingResources: { ClusterConfig: { InstanceType: PROCESSING_INSTANCE_TYPE, InstanceCount: 1, VolumeSizeInGB: 5 } },
    StoppingCondition: { MaxRuntimeInSeconds: 1800 },
    RoleArn: options.roleArn,
    Tags: TAGS,
  };
}

export function referenceSchedule(options: DeployOptions): CreateMonitoringScheduleCommandInput {
  return {
    MonitoringScheduleName: SCHEDULE_NAME,
    MonitoringScheduleConfig: {
      ScheduleConfig: { ScheduleExpression: HOURLY_SCHEDULE },
      MonitoringType: 'DataQuality',
      MonitoringJobDefinition: {
        BaselineConfig: {
          ConstraintsResource: { S3Uri: `s3://${options.bucket}/${BASELINE_PREFIX}constraints.json` },
          StatisticsResource: { S3Uri: `s3://${options.bucket}/${BASELINE_PREFIX}statistics.json` },
        },
        MonitoringInputs: [{ EndpointInput: { EndpointName: ENDPOINT_NAME, LocalPath: '/opt/ml/processing/input/endpoint', S3InputMode: 'File', S3DataDistributionType: 'FullyReplicated' } }],
        MonitoringOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: `s3://${options.bucket}/${REPORTS_PREFIX}`, LocalPath: '/opt/ml/processing/output', S3UploadMode: 'EndOfJob' } }] },
        MonitoringResources: { ClusterConfig: { InstanceType: PROCESSING_INSTANCE_TYPE, InstanceCount: 1, VolumeSizeInGB: 5 } },
        MonitoringAppSpecification: { ImageUri: modelMonitorImageUri(options.region) },
        StoppingCondition: { MaxRuntimeInSeconds: 1800 },
        RoleArn: options.roleArn,
      },
    },
    Tags: TAGS,
  };
}

/** Creates everything R1 to R4 ask for, waiting for the endpoint and the baseline. */
export async function deployReference(sagemaker: SageMakerClient, options: DeployOptions): Promise<void> {
  await sagemaker.send(new CreateModelCommand(referenceModel(options)));
  await sagemaker.send(new CreateEndpointConfigCommand(referenceEndpointConfig(options)));
  await sagemaker.send(new CreateEndpointCommand({ EndpointName: ENDPOINT_NAME, EndpointConfigName: ENDPOINT_CONFIG_NAME, Tags: TAGS }));
  const baseline = referenceBaselineJob(options);
  await sagemaker.send(new CreateProcessingJobCommand(baseline));
  await waitUntilEndpointInService({ client: sagemaker, maxWaitTime: 900 }, { EndpointName: ENDPOINT_NAME });
  await waitUntilProcessingJobCompletedOrStopped({ client: sagemaker, maxWaitTime: 1800 }, { ProcessingJobName: baseline.ProcessingJobName });
  await sagemaker.send(new CreateMonitoringScheduleCommand(referenceSchedule(options)));
}

/** The shipped requests of one file (`normal.csv` or `drifted.csv`), one CSV line each. */
export function requestRows(file: 'normal.csv' | 'drifted.csv'): string[] {
  return readFileSync(join(__dirname, 'data', 'requests', file), 'utf8').split('\n').filter(Boolean);
}

/** Sends every row of a request file, one customer per request; returns how many were answered. */
export async function sendRequests(runtime: SageMakerRuntimeClient, file: 'normal.csv' | 'drifted.csv'): Promise<number> {
  let answered = 0;
  for (const row of requestRows(file)) {
    await runtime.send(new InvokeEndpointCommand({ EndpointName: ENDPOINT_NAME, ContentType: 'text/csv', Accept: 'text/csv', Body: new TextEncoder().encode(row) }));
    answered++;
  }
  return answered;
}
