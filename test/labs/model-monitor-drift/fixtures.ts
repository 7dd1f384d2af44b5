// The reference state of the model-monitor-drift lab as the SageMaker and S3 APIs describe it, with
// the fields each page's Response Syntax lists for this state:
//   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html
//   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpointConfig.html
//   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModel.html
//   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListProcessingJobs.html
//   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeProcessingJob.html
//   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeMonitoringSchedule.html
//   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeDataQualityJobDefinition.html
//   https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListMonitoringExecutions.html
// The violations report follows the schema of
//   https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-interpreting-violations.html
import type {
  DescribeDataQualityJobDefinitionResponse,
  DescribeEndpointConfigOutput,
  DescribeEndpointOutput,
  DescribeModelOutput,
  DescribeMonitoringScheduleResponse,
  DescribeProcessingJobResponse,
  MonitoringExecutionSummary,
  ProcessingJobSummary,
} from '@aws-sdk/client-sagemaker';
import { ACCOUNT, ARTEFACT_URI, REGION, XGBOOST_IMAGE } from '../xgboost-builtin/fixtures';

export { ACCOUNT, REGION };
export const BUCKET = 'mllab-model-monitor-drift-labbucket-7h8j9k0l1m2n';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/MlLab-model-monitor-drift-ExecutionRole`;
/** https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-pre-built-container.html (us-east-1 registry) */
export const MONITOR_IMAGE = '156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer';
export const BASELINE_JOB = 'churn-baseline-20261125-1010';
export const OLDER_BASELINE_JOB = 'churn-baseline-20261125-0950';
/** Monitoring executions' processing jobs are named by SageMaker. */
export const DRIFT_EXECUTION_JOB = 'model-monitoring-202611251300-5b0e7c1a2f3d4e5f6a7b8c9d';
export const NORMAL_EXECUTION_JOB = 'model-monitoring-202611251200-0a1b2c3d4e5f60718293a4b5';
export const DRIFT_REPORT_PREFIX = 'monitor/reports/churn-monitor/churn-drift-schedule/2026/11/25/13';
export const DRIFT_REPORT_KEY = `${DRIFT_REPORT_PREFIX}/constraint_violations.json`;
export const CAPTURE_KEY = 'monitor/capture/churn-monitor/AllTraffic/2026/11/25/12/14-03-113-6c1f3a9e-5d0b-4f7a-9a4e-2b8c7d6e5f40.jsonl';

const at = (iso: string) => new Date(iso);

export function referenceModel(overrides: Partial<DescribeModelOutput> = {}): DescribeModelOutput {
  return {
    ModelName: 'churn-monitor-model',
    PrimaryContainer: { Image: XGBOOST_IMAGE, Mode: 'SingleModel', ModelDataUrl: ARTEFACT_URI, Environment: {} },
    ExecutionRoleArn: ROLE_ARN,
    CreationTime: at('2026-11-25T10:02:11Z'),
    ModelArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:model/churn-monitor-model`,
    EnableNetworkIsolation: false,
    ...overrides,
  };
}

export function referenceEndpointConfig(overrides: Partial<DescribeEndpointConfigOutput> = {}): DescribeEndpointConfigOutput {
  return {
    EndpointConfigName: 'churn-monitor-config',
    EndpointConfigArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint-config/churn-monitor-config`,
    ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'churn-monitor-model', InitialInstanceCount: 1, InstanceType: 'ml.t2.medium', InitialVariantWeight: 1 }],
    DataCaptureConfig: {
      EnableCapture: true,
      InitialSamplingPercentage: 50,
      DestinationS3Uri: `s3://${BUCKET}/monitor/capture/`,
      KmsKeyId: '',
      CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
      CaptureContentTypeHeader: { CsvContentTypes: ['text/csv'] },
    },
    CreationTime: at('2026-11-25T10:02:40Z'),
    EnableNetworkIsolation: false,
    ...overrides,
  };
}

export function referenceEndpoint(overrides: Partial<DescribeEndpointOutput> = {}): DescribeEndpointOutput {
  return {
    EndpointName: 'churn-monitor',
    EndpointArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint/churn-monitor`,
    EndpointConfigName: 'churn-monitor-config',
    ProductionVariants: [
      {
        VariantName: 'AllTraffic',
        DeployedImages: [{ SpecifiedImage: XGBOOST_IMAGE, ResolvedImage: `${XGBOOST_IMAGE.split(':')[0]}@sha256:5a9a6a1cf6f5a4d7b0b3e1c2d8f9e0a1b2c3d4e5f60718293a4b5c6d7e8f9012`, ResolutionTime: at('2026-11-25T10:03:02Z') }],
        CurrentWeight: 1,
        DesiredWeight: 1,
        CurrentInstanceCount: 1,
        DesiredInstanceCount: 1,
      },
    ],
    DataCaptureConfig: { EnableCapture: true, CaptureStatus: 'Started', CurrentSamplingPercentage: 50, DestinationS3Uri: `s3://${BUCKET}/monitor/capture/`, KmsKeyId: '' },
    EndpointStatus: 'InService',
    CreationTime: at('2026-11-25T10:03:01Z'),
    LastModifiedTime: at('2026-11-25T10:09:47Z'),
    ...overrides,
  };
}

export function processingJobSummary(name: string, status: ProcessingJobSummary['ProcessingJobStatus'], created: string, failureReason?: string): ProcessingJobSummary {
  return {
    ProcessingJobName: name,
    ProcessingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:processing-job/${name}`,
    CreationTime: at(created),
    ProcessingEndTime: at(created),
    LastModifiedTime: at(created),
    ProcessingJobStatus: status,
    ...(failureReason ? { FailureReason: failureReason } : {}),
  };
}

/** DescribeProcessingJob of a prebuilt-container job (baselining or monitoring), Completed. */
export function processingJob(name: string, input: string, output: string, overrides: Partial<DescribeProcessingJobResponse> = {}): DescribeProcessingJobResponse {
  const created = at('2026-11-25T10:10:05Z');
  return {
    ProcessingJobName: name,
    ProcessingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:processing-job/${name}`,
    ProcessingInputs: [
      {
        InputName: 'baseline_dataset_input',
        AppManaged: false,
        S3Input: { S3Uri: input, LocalPath: '/opt/ml/processing/input/baseline_dataset_input', S3DataType: 'S3Prefix', S3InputMode: 'File', S3DataDistributionType: 'FullyReplicated', S3CompressionType: 'None' },
      },
    ],
    ProcessingOutputConfig: { Outputs: [{ OutputName: 'monitoring_output', S3Output: { S3Uri: output, LocalPath: '/opt/ml/processing/output', S3UploadMode: 'EndOfJob' }, AppManaged: false }] },
    ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.large', VolumeSizeInGB: 5 } },
    StoppingCondition: { MaxRuntimeInSeconds: 1800 },
    AppSpecification: { ImageUri: MONITOR_IMAGE },
    Environment: {
      dataset_format: '{"csv": {"header": true, "output_columns_position": "START"}}',
      dataset_source: '/opt/ml/processing/input/baseline_dataset_input',
      output_path: '/opt/ml/processing/output',
      publish_cloudwatch_metrics: 'Disabled',
    },
    RoleArn: ROLE_ARN,
    ProcessingJobStatus: 'Completed',
    ExitMessage: 'Completed: Job completed successfully with no violations.',
    ProcessingStartTime: at('2026-11-25T10:12:40Z'),
    ProcessingEndTime: at('2026-11-25T10:16:02Z'),
    LastModifiedTime: at('2026-11-25T10:16:02Z'),
    CreationTime: created,
    ...overrides,
  };
}

export function referenceBaselineJob(overrides: Partial<DescribeProcessingJobResponse> = {}): DescribeProcessingJobResponse {
  return processingJob(BASELINE_JOB, `s3://${BUCKET}/monitor/training/`, `s3://${BUCKET}/monitor/baseline/`, overrides);
}

/** The job of an execution of the schedule: SageMaker fills in the endpoint input and the report output. */
export function monitoringExecutionJob(name = DRIFT_EXECUTION_JOB, reportPrefix = DRIFT_REPORT_PREFIX): DescribeProcessingJobResponse {
  return processingJob(name, `s3://${BUCKET}/monitor/capture/churn-monitor/AllTraffic/2026/11/25/12`, `s3://${BUCKET}/${reportPrefix}`, {
    MonitoringScheduleArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:monitoring-schedule/churn-drift-schedule`,
    ExitMessage: 'CompletedWithViolations: Job completed successfully with 3 violations.',
  });
}

const jobDefinition = {
  BaselineConfig: {
    ConstraintsResource: { S3Uri: `s3://${BUCKET}/monitor/baseline/constraints.json` },
    StatisticsResource: { S3Uri: `s3://${BUCKET}/monitor/baseline/statistics.json` },
  },
  MonitoringInputs: [{ EndpointInput: { EndpointName: 'churn-monitor', LocalPath: '/opt/ml/processing/input/endpoint', S3InputMode: 'File' as const, S3DataDistributionType: 'FullyReplicated' as const } }],
  MonitoringOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: `s3://${BUCKET}/monitor/reports`, LocalPath: '/opt/ml/processing/output', S3UploadMode: 'EndOfJob' as const } }], KmsKeyId: '' },
  MonitoringResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.large' as const, VolumeSizeInGB: 5 } },
  MonitoringAppSpecification: { ImageUri: MONITOR_IMAGE },
  StoppingCondition: { MaxRuntimeInSeconds: 1800 },
  Environment: { publish_cloudwatch_metrics: 'Enabled' },
  RoleArn: ROLE_ARN,
};

export function executionSummary(scheduled: string, status: MonitoringExecutionSummary['MonitoringExecutionStatus'], jobName?: string, failureReason?: string): MonitoringExecutionSummary {
  return {
    MonitoringScheduleName: 'churn-drift-schedule',
    ScheduledTime: at(scheduled),
    CreationTime: at(scheduled),
    LastModifiedTime: at(scheduled),
    MonitoringExecutionStatus: status,
    ...(jobName ? { ProcessingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:processing-job/${jobName}` } : {}),
    EndpointName: 'churn-monitor',
    ...(failureReason ? { FailureReason: failureReason } : {}),
    MonitoringType: 'DataQuality',
  };
}

/** The schedule with its job inline (the SageMaker Python SDK's DefaultModelMonitor writes this form). */
export function referenceSchedule(overrides: Partial<DescribeMonitoringScheduleResponse> = {}, config: Record<string, unknown> = {}): DescribeMonitoringScheduleResponse {
  return {
    MonitoringScheduleArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:monitoring-schedule/churn-drift-schedule`,
    MonitoringScheduleName: 'churn-drift-schedule',
    MonitoringScheduleStatus: 'Scheduled',
    MonitoringType: 'DataQuality',
    CreationTime: at('2026-11-25T10:20:00Z'),
    LastModifiedTime: at('2026-11-25T13:21:07Z'),
    MonitoringScheduleConfig: {
      ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' },
      MonitoringJobDefinition: jobDefinition,
      MonitoringType: 'DataQuality',
      ...config,
    },
    EndpointName: 'churn-monitor',
    LastMonitoringExecutionSummary: executionSummary('2026-11-25T13:00:00Z', 'CompletedWithViolations', DRIFT_EXECUTION_JOB),
    ...overrides,
  };
}

/** The same schedule naming a data-quality job definition (CreateDataQualityJobDefinition). */
export function namedSchedule(name = 'churn-drift-quality'): DescribeMonitoringScheduleResponse {
  const schedule = referenceSchedule();
  return { ...schedule, MonitoringScheduleConfig: { ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' }, MonitoringJobDefinitionName: name, MonitoringType: 'DataQuality' } };
}

export function referenceJobDefinition(name = 'churn-drift-quality', overrides: Partial<DescribeDataQualityJobDefinitionResponse> = {}): DescribeDataQualityJobDefinitionResponse {
  return {
    JobDefinitionArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:data-quality-job-definition/${name}`,
    JobDefinitionName: name,
    CreationTime: at('2026-11-25T10:19:30Z'),
    DataQualityBaselineConfig: jobDefinition.BaselineConfig,
    DataQualityAppSpecification: { ImageUri: MONITOR_IMAGE, Environment: {} },
    DataQualityJobInput: { EndpointInput: jobDefinition.MonitoringInputs[0]!.EndpointInput },
    DataQualityJobOutputConfig: jobDefinition.MonitoringOutputConfig,
    JobResources: jobDefinition.MonitoringResources,
    RoleArn: ROLE_ARN,
    StoppingCondition: { MaxRuntimeInSeconds: 1800 },
    ...overrides,
  };
}

/** The reference executions, newest first: the drifted hour with violations, the normal hour without. */
export function referenceExecutions(): MonitoringExecutionSummary[] {
  return [
    executionSummary('2026-11-25T13:00:00Z', 'CompletedWithViolations', DRIFT_EXECUTION_JOB),
    executionSummary('2026-11-25T12:00:00Z', 'Completed', NORMAL_EXECUTION_JOB),
    executionSummary('2026-11-25T11:00:00Z', 'Failed', 'model-monitoring-202611251100-9f8e7d6c5b4a39281706f5e4', 'Job inputs had no data'),
  ];
}

/**
 * constraint_violations.json of the drifted hour, in the documented schema (feature_name,
 * constraint_check_type, description). The page gives no description text; these are illustrative,
 * with the distances drift.test.ts measures on the shipped files.
 */
export const DRIFT_VIOLATIONS = {
  violations: [
    { feature_name: 'tenure_months', constraint_check_type: 'baseline_drift_check', description: 'Baseline drift distance: 0.5171 exceeds threshold: 0.1' },
    { feature_name: 'monthly_charges', constraint_check_type: 'baseline_drift_check', description: 'Baseline drift distance: 0.4017 exceeds threshold: 0.1' },
    { feature_name: 'price_increase_pct', constraint_check_type: 'baseline_drift_check', description: 'Baseline drift distance: 0.6702 exceeds threshold: 0.1' },
  ],
};

/** A report of an hour whose requests carried the header row: a schema problem, not drift. */
export const TYPE_VIOLATIONS = {
  violations: [
    { feature_name: 'tenure_months', constraint_check_type: 'data_type_check', description: 'Data type match requirement is not met. Expected data type: Integral, Expected match: 100.0%. Observed: Only 99.8% of data is Integral.' },
  ],
};
