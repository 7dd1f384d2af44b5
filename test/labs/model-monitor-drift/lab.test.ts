import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DescribeDataQualityJobDefinitionCommand, DescribeMonitoringScheduleCommand, ListMonitoringExecutionsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { DescribeEndpointCommand, DescribeEndpointConfigCommand, DescribeModelCommand, DescribeProcessingJobCommand, ListProcessingJobsCommand } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { isHourly, isUnder, parseLocation } from '../../../labs/model-monitor-drift/checks';
import { lab } from '../../../labs/model-monitor-drift/lab';
import {
  referenceBaselineJob as solutionBaselineJob,
  referenceEndpointConfig as solutionEndpointConfig,
  referenceSchedule as solutionSchedule,
} from '../../../labs/model-monitor-drift/solution';
import { awsError, checkRequirement, CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import {
  BASELINE_JOB,
  BUCKET,
  CAPTURE_KEY,
  DRIFT_EXECUTION_JOB,
  DRIFT_REPORT_KEY,
  DRIFT_VIOLATIONS,
  executionSummary,
  monitoringExecutionJob,
  namedSchedule,
  OLDER_BASELINE_JOB,
  processingJobSummary,
  referenceBaselineJob,
  referenceEndpoint,
  referenceEndpointConfig,
  referenceExecutions,
  referenceJobDefinition,
  referenceModel,
  referenceSchedule,
  ROLE_ARN,
  TYPE_VIOLATIONS,
} from './fixtures';

const sagemaker = mockClient(SageMakerClient);
const s3 = mockClient(S3Client);
const cfn = mockClient(CloudFormationClient);

/** An S3 GetObject answer: the check reads the body with the SDK's transformToString. */
const body = (value: unknown) => ({ Body: { transformToString: async () => JSON.stringify(value) } as any });
const capture = (overrides: Record<string, unknown>) => referenceEndpoint({ DataCaptureConfig: { ...referenceEndpoint().DataCaptureConfig!, ...overrides } as any });

beforeEach(() => {
  sagemaker.reset();
  s3.reset();
  cfn.reset();
  mockStackOutputs(cfn, lab.id, { LabBucketName: BUCKET, ExecutionRoleArn: ROLE_ARN });
  sagemaker.on(DescribeEndpointCommand, { EndpointName: 'churn-monitor' }).resolves(referenceEndpoint());
  sagemaker.on(DescribeEndpointConfigCommand, { EndpointConfigName: 'churn-monitor-config' }).resolves(referenceEndpointConfig());
  sagemaker.on(DescribeModelCommand, { ModelName: 'churn-monitor-model' }).resolves(referenceModel());
  sagemaker.on(ListProcessingJobsCommand).resolves({
    ProcessingJobSummaries: [processingJobSummary(BASELINE_JOB, 'Completed', '2026-11-25T10:10:05Z'), processingJobSummary(OLDER_BASELINE_JOB, 'Failed', '2026-11-25T09:50:00Z', 'ClientError: no such key')],
  });
  sagemaker.on(DescribeProcessingJobCommand, { ProcessingJobName: BASELINE_JOB }).resolves(referenceBaselineJob());
  sagemaker.on(DescribeProcessingJobCommand, { ProcessingJobName: DRIFT_EXECUTION_JOB }).resolves(monitoringExecutionJob());
  sagemaker.on(DescribeMonitoringScheduleCommand, { MonitoringScheduleName: 'churn-drift-schedule' }).resolves(referenceSchedule());
  sagemaker.on(DescribeDataQualityJobDefinitionCommand, { JobDefinitionName: 'churn-drift-quality' }).resolves(referenceJobDefinition());
  sagemaker.on(ListMonitoringExecutionsCommand).resolves({ MonitoringExecutionSummaries: referenceExecutions() });
  s3.on(HeadObjectCommand).resolves({ ContentLength: 4_096 });
  s3.on(ListObjectsV2Command).resolves({ IsTruncated: false, Contents: [{ Key: CAPTURE_KEY, Size: 61_204 }], KeyCount: 1 });
  s3.on(GetObjectCommand, { Bucket: BUCKET, Key: DRIFT_REPORT_KEY }).resolves(body(DRIFT_VIOLATIONS));
});

test('the reference state passes every requirement', async () => {
  for (const r of lab.requirements) {
    const result = await checkRequirement(lab, r.id);
    expect([r.id, result.status, result.findings]).toEqual([r.id, 'pass', expect.any(Array)]);
  }
});

test('the reference solution creates the state the fixtures describe', () => {
  const options = { region: 'us-east-1', roleArn: ROLE_ARN, bucket: BUCKET, modelDataUrl: 's3://x/model.tar.gz' };
  const config = solutionEndpointConfig(options);
  expect(config.ProductionVariants).toHaveLength(1);
  expect(referenceEndpointConfig().ProductionVariants![0]).toMatchObject(config.ProductionVariants![0]!);
  expect(config.DataCaptureConfig).toMatchObject({ EnableCapture: true, InitialSamplingPercentage: 50, DestinationS3Uri: `s3://${BUCKET}/monitor/capture/` });
  const job = solutionBaselineJob(options, BASELINE_JOB);
  expect(job.AppSpecification).toEqual(referenceBaselineJob().AppSpecification);
  expect(job.ProcessingInputs![0]!.S3Input!.S3Uri).toBe(referenceBaselineJob().ProcessingInputs![0]!.S3Input!.S3Uri);
  expect(JSON.parse(job.Environment!.dataset_format!)).toEqual({ csv: { header: true, output_columns_position: 'START' } });
  const schedule = solutionSchedule(options);
  expect(schedule.MonitoringScheduleConfig!.ScheduleConfig).toEqual(referenceSchedule().MonitoringScheduleConfig!.ScheduleConfig);
  expect(schedule.MonitoringScheduleConfig!.MonitoringJobDefinition!.BaselineConfig).toEqual(referenceSchedule().MonitoringScheduleConfig!.MonitoringJobDefinition!.BaselineConfig);
});

describe('S3 locations: every form SageMaker accepts', () => {
  test.each([
    [`s3://${BUCKET}/monitor/capture/`, 'monitor/capture/'],
    [`s3://${BUCKET}/monitor/capture`, 'monitor/capture'],
    [`https://${BUCKET}.s3.amazonaws.com/monitor/capture`, 'monitor/capture'],
    [`https://${BUCKET}.s3.us-east-1.amazonaws.com/monitor/capture/`, 'monitor/capture/'],
    [`https://s3.us-east-1.amazonaws.com/${BUCKET}/monitor/capture`, 'monitor/capture'],
  ])('%s is key %s of the lab bucket', (uri, key) => {
    expect(parseLocation(uri)).toEqual({ bucket: BUCKET, key });
    expect(isUnder(uri, BUCKET, 'monitor/capture/')).toBe(true);
  });

  test('a sibling prefix that only starts alike, or another bucket, is not under the prefix', () => {
    expect(isUnder(`s3://${BUCKET}/monitor/captured/`, BUCKET, 'monitor/capture/')).toBe(false);
    expect(isUnder('s3://other-bucket/monitor/capture/', BUCKET, 'monitor/capture/')).toBe(false);
    expect(isUnder(`s3://${BUCKET}/monitor/capture/sub/`, BUCKET, 'monitor/capture/')).toBe(true);
  });
});

describe('R1 the endpoint', () => {
  test('passes with the model declared as Containers[0] instead of PrimaryContainer', async () => {
    sagemaker.on(DescribeModelCommand).resolves(referenceModel({ PrimaryContainer: undefined, Containers: [referenceModel().PrimaryContainer!] }));
    expect((await checkRequirement(lab, 'R1')).status).toBe('pass');
  });

  test('fails when the endpoint does not exist (SageMaker answers ValidationException)', async () => {
    sagemaker.on(DescribeEndpointCommand).rejects(awsError('ValidationException', 'Could not find endpoint "churn-monitor".'));
    expect((await checkRequirement(lab, 'R1')).findings[0]).toMatch(/No endpoint named churn-monitor/);
  });

  test('fails on two ml.m5.xlarge instances, and says what an idle instance-hour costs', async () => {
    sagemaker.on(DescribeEndpointConfigCommand).resolves(
      referenceEndpointConfig({ ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'churn-monitor-model', InitialInstanceCount: 2, InstanceType: 'ml.m5.xlarge' }] }),
    );
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/runs 2 x ml\.m5\.xlarge; the lab allows 1 x ml\.t2\.medium: .*bills every instance-hour/);
  });

  test('fails on a serverless variant: the lab monitors a real-time endpoint', async () => {
    sagemaker.on(DescribeEndpointConfigCommand).resolves(referenceEndpointConfig({ ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'churn-monitor-model', ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 1 } }] }));
    expect((await checkRequirement(lab, 'R1')).findings[0]).toMatch(/is serverless/);
  });

  test('fails while Creating, and says to check again', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(referenceEndpoint({ EndpointStatus: 'Creating' }));
    expect((await checkRequirement(lab, 'R1')).findings[0]).toMatch(/is Creating\. Run the check again/);
  });

  test('fails when the model is not served with the XGBoost image that trained it', async () => {
    sagemaker.on(DescribeModelCommand).resolves(referenceModel({ PrimaryContainer: { Image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3' } }));
    expect((await checkRequirement(lab, 'R1')).findings.join(' ')).toMatch(/sagemaker-scikit-learn.*cannot read model\.tar\.gz/);
  });

  test('is an error when DescribeEndpoint is denied', async () => {
    sagemaker.on(DescribeEndpointCommand).rejects(awsError('AccessDeniedException', 'denied'));
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/sagemaker:DescribeEndpoint/);
  });
});

describe('R2 data capture', () => {
  test.each([
    ['the destination without a trailing slash', { DestinationS3Uri: `s3://${BUCKET}/monitor/capture` }],
    ['the destination as a virtual-hosted HTTPS URL', { DestinationS3Uri: `https://${BUCKET}.s3.us-east-1.amazonaws.com/monitor/capture/` }],
    ['sampling exactly at the stated maximum, 50%', { CurrentSamplingPercentage: 50 }],
    ['sampling exactly at the stated minimum, 20%', { CurrentSamplingPercentage: 20 }],
  ])('passes with %s', async (_, overrides) => {
    sagemaker.on(DescribeEndpointCommand).resolves(capture(overrides));
    expect((await checkRequirement(lab, 'R2')).status).toBe('pass');
  });

  test('passes when only Input is captured', async () => {
    sagemaker.on(DescribeEndpointConfigCommand).resolves(referenceEndpointConfig({ DataCaptureConfig: { ...referenceEndpointConfig().DataCaptureConfig!, CaptureOptions: [{ CaptureMode: 'Input' }] } }));
    expect((await checkRequirement(lab, 'R2')).status).toBe('pass');
  });

  test('fails at 100% sampling: more S3 cost, no more compute', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(capture({ CurrentSamplingPercentage: 100 }));
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/Sampling is 100%.*costs more in S3 .* but no more compute/);
  });

  test('fails at 5% sampling: too few captured rows to judge an hour', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(capture({ CurrentSamplingPercentage: 5 }));
    expect((await checkRequirement(lab, 'R2')).findings[0]).toMatch(/about 40 captured rows in an hour, too few/);
  });

  test('fails when the endpoint captures nothing', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(referenceEndpoint({ DataCaptureConfig: undefined }));
    expect((await checkRequirement(lab, 'R2')).findings[0]).toMatch(/captures no data: .*nothing to compare with the baseline/);
  });

  test('fails when capture goes to the SageMaker default bucket, naming teardown', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(capture({ DestinationS3Uri: 's3://sagemaker-us-east-1-111122223333/model-monitor/data-capture' }));
    expect((await checkRequirement(lab, 'R2')).findings[0]).toMatch(/must go to s3:\/\/mllab-model-monitor-drift-.*teardown empties that prefix/);
  });

  test('fails when only the output is captured', async () => {
    sagemaker.on(DescribeEndpointConfigCommand).resolves(referenceEndpointConfig({ DataCaptureConfig: { ...referenceEndpointConfig().DataCaptureConfig!, CaptureOptions: [{ CaptureMode: 'Output' }] } }));
    expect((await checkRequirement(lab, 'R2')).findings[0]).toMatch(/captures Output; .*must include Input/);
  });

  test('fails when capture is Stopped', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(capture({ CaptureStatus: 'Stopped' }));
    expect((await checkRequirement(lab, 'R2')).findings[0]).toMatch(/is Stopped; it must be Started/);
  });

  test('is an error when DescribeEndpoint reports no sampling percentage (not enough seen)', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(capture({ CurrentSamplingPercentage: undefined }));
    expect((await checkRequirement(lab, 'R2')).status).toBe('error');
  });

  test('is an error on throttling', async () => {
    sagemaker.on(DescribeEndpointCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    expect((await checkRequirement(lab, 'R2')).status).toBe('error');
  });
});

describe('R3 the baseline', () => {
  test('passes when the input names the shipped file and the output has no trailing slash', async () => {
    sagemaker.on(DescribeProcessingJobCommand, { ProcessingJobName: BASELINE_JOB }).resolves(
      referenceBaselineJob({
        ProcessingInputs: [{ InputName: 'baseline_dataset_input', S3Input: { S3Uri: `s3://${BUCKET}/monitor/training/churn-training.csv`, S3DataType: 'S3Prefix', S3InputMode: 'File' } as any }],
        ProcessingOutputConfig: { Outputs: [{ OutputName: 'monitoring_output', S3Output: { S3Uri: `s3://${BUCKET}/monitor/baseline`, LocalPath: '/opt/ml/processing/output', S3UploadMode: 'EndOfJob' } }] },
      }),
    );
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('pass');
    expect(s3).toHaveReceivedCommandWith(HeadObjectCommand, { Bucket: BUCKET, Key: 'monitor/baseline/constraints.json' });
  });

  test('fails when the baseline was computed from captured traffic, and says it hides the drift', async () => {
    sagemaker.on(DescribeProcessingJobCommand, { ProcessingJobName: BASELINE_JOB }).resolves(
      referenceBaselineJob({ ProcessingInputs: [{ InputName: 'baseline_dataset_input', S3Input: { S3Uri: `s3://${BUCKET}/monitor/capture/churn-monitor/`, S3DataType: 'S3Prefix', S3InputMode: 'File' } as any }] }),
    );
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/baselined served traffic.*makes the drift itself the reference/);
  });

  test('fails when the CSV was read without its header', async () => {
    sagemaker.on(DescribeProcessingJobCommand, { ProcessingJobName: BASELINE_JOB }).resolves(referenceBaselineJob({ Environment: { dataset_format: '{"csv": {"header": false}}' } }));
    expect((await checkRequirement(lab, 'R3')).findings[0]).toMatch(/without its header.*_c0/);
  });

  test('fails when the job ran another container', async () => {
    sagemaker.on(DescribeProcessingJobCommand, { ProcessingJobName: BASELINE_JOB }).resolves(referenceBaselineJob({ AppSpecification: { ImageUri: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3' } }));
    expect((await checkRequirement(lab, 'R3')).findings[0]).toMatch(/prebuilt container \(repository sagemaker-model-monitor-analyzer\)/);
  });

  test('fails when statistics.json is missing', async () => {
    s3.on(HeadObjectCommand, { Key: 'monitor/baseline/statistics.json' }).rejects(awsError('NotFound', 'Not Found', 404));
    expect((await checkRequirement(lab, 'R3')).findings[0]).toMatch(/statistics\.json does not exist/);
  });

  test('fails when no churn-baseline- job has completed, with the newest one\'s reason', async () => {
    sagemaker.on(ListProcessingJobsCommand).resolves({ ProcessingJobSummaries: [processingJobSummary(OLDER_BASELINE_JOB, 'Failed', '2026-11-25T09:50:00Z', 'ClientError: no such key')] });
    expect((await checkRequirement(lab, 'R3')).findings[0]).toMatch(/None of your 1 'churn-baseline-\*' job\(s\) has Completed.*ClientError: no such key/);
  });

  test('fails when no job carries the prefix (a job whose name only contains it does not count)', async () => {
    sagemaker.on(ListProcessingJobsCommand).resolves({ ProcessingJobSummaries: [processingJobSummary('my-churn-baseline-1', 'Completed', '2026-11-25T09:50:00Z')] });
    expect((await checkRequirement(lab, 'R3')).findings[0]).toMatch(/No processing job whose name starts with 'churn-baseline-'/);
  });

  test('is an error when S3 answers HeadObject with a bare 403 (missing or unreadable)', async () => {
    s3.on(HeadObjectCommand).rejects(Object.assign(new Error('Forbidden'), { name: 'Forbidden', $metadata: { httpStatusCode: 403 } }));
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/missing or unreadable/);
  });

  test('is an error when ListProcessingJobs is denied', async () => {
    sagemaker.on(ListProcessingJobsCommand).rejects(awsError('AccessDeniedException', 'denied'));
    expect((await checkRequirement(lab, 'R3')).status).toBe('error');
  });
});

describe('R4 the schedule', () => {
  test('passes with the job named by a data-quality job definition instead of inline', async () => {
    sagemaker.on(DescribeMonitoringScheduleCommand).resolves(namedSchedule());
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('pass');
    expect(r.findings[0]).toMatch(/data-quality job definition churn-drift-quality/);
  });

  test.each(['cron(0 * ? * * *)', 'cron(0 0/1 ? * * *)', 'cron(0 5/1 ? * * *)', ' cron(0  * ? * * *) '])('passes with the hourly expression %j', async (expression) => {
    expect(isHourly(expression)).toBe(true);
    sagemaker.on(DescribeMonitoringScheduleCommand).resolves(referenceSchedule({}, { ScheduleConfig: { ScheduleExpression: expression } }));
    expect((await checkRequirement(lab, 'R4')).status).toBe('pass');
  });

  test('passes when Stopped after reporting, and says so', async () => {
    sagemaker.on(DescribeMonitoringScheduleCommand).resolves(referenceSchedule({ MonitoringScheduleStatus: 'Stopped' }));
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('pass');
    expect(r.findings.join(' ')).toMatch(/is Stopped: it starts no more jobs/);
  });

  test('fails on a daily schedule and prices the wait', async () => {
    sagemaker.on(DescribeMonitoringScheduleCommand).resolves(referenceSchedule({}, { ScheduleConfig: { ScheduleExpression: 'cron(0 12 ? * * *)' } }));
    expect((await checkRequirement(lab, 'R4')).findings[0]).toMatch(/is daily .*bills every hour it waits \(about \$1\.34 a day\)/);
  });

  test('fails on a one-time run (NOW): a check, not monitoring', async () => {
    sagemaker.on(DescribeMonitoringScheduleCommand).resolves(referenceSchedule({}, { ScheduleConfig: { ScheduleExpression: 'NOW' } }));
    expect((await checkRequirement(lab, 'R4')).findings[0]).toMatch(/runs once \(NOW\)/);
  });

  test('fails on every six hours', async () => {
    expect(isHourly('cron(0 0/6 ? * * *)')).toBe(false);
    sagemaker.on(DescribeMonitoringScheduleCommand).resolves(referenceSchedule({}, { ScheduleConfig: { ScheduleExpression: 'cron(0 0/6 ? * * *)' } }));
    expect((await checkRequirement(lab, 'R4')).findings[0]).toMatch(/scenario asks for hourly/);
  });

  test('fails without baseline constraints: nothing would ever be reported', async () => {
    const schedule = referenceSchedule();
    const job = schedule.MonitoringScheduleConfig!.MonitoringJobDefinition!;
    sagemaker.on(DescribeMonitoringScheduleCommand).resolves(referenceSchedule({}, { MonitoringJobDefinition: { ...job, BaselineConfig: undefined } }));
    expect((await checkRequirement(lab, 'R4')).findings[0]).toMatch(/no baseline constraints or statistics: without constraints\.json .*no violation can ever be reported/);
  });

  test('fails on a larger monitoring instance', async () => {
    const job = referenceJobDefinition('churn-drift-quality', { JobResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.4xlarge', VolumeSizeInGB: 20 } } });
    sagemaker.on(DescribeMonitoringScheduleCommand).resolves(namedSchedule());
    sagemaker.on(DescribeDataQualityJobDefinitionCommand).resolves(job);
    expect((await checkRequirement(lab, 'R4')).findings[0]).toMatch(/runs on 1 x ml\.m5\.4xlarge; the lab allows 1 x ml\.m5\.large/);
  });

  test('fails when it monitors model quality instead of data quality', async () => {
    sagemaker.on(DescribeMonitoringScheduleCommand).resolves(referenceSchedule({ MonitoringType: 'ModelQuality' }));
    expect((await checkRequirement(lab, 'R4')).findings[0]).toMatch(/monitors ModelQuality; .*ground-truth labels/);
  });

  test('fails when the schedule does not exist (ResourceNotFound)', async () => {
    sagemaker.on(DescribeMonitoringScheduleCommand).rejects(awsError('ResourceNotFound', 'Monitoring Schedule churn-drift-schedule not found'));
    expect((await checkRequirement(lab, 'R4')).findings[0]).toMatch(/No monitoring schedule named churn-drift-schedule/);
  });

  test('fails when the named job definition does not exist', async () => {
    sagemaker.on(DescribeMonitoringScheduleCommand).resolves(namedSchedule('gone'));
    sagemaker.on(DescribeDataQualityJobDefinitionCommand).rejects(awsError('ResourceNotFound', 'not found'));
    expect((await checkRequirement(lab, 'R4')).findings.join(' ')).toMatch(/names the job definition gone, which is not a data-quality job definition/);
  });

  test('is an error when DescribeMonitoringSchedule is throttled', async () => {
    sagemaker.on(DescribeMonitoringScheduleCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    expect((await checkRequirement(lab, 'R4')).status).toBe('error');
  });
});

describe('R5 captured traffic', () => {
  test('passes with the destination written without its trailing slash', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(capture({ DestinationS3Uri: `s3://${BUCKET}/monitor/capture` }));
    expect((await checkRequirement(lab, 'R5')).status).toBe('pass');
    expect(s3).toHaveReceivedCommandWith(ListObjectsV2Command, { Bucket: BUCKET, Prefix: 'monitor/capture/churn-monitor/' });
  });

  test('fails when nothing was captured, and says how to send the requests', async () => {
    s3.on(ListObjectsV2Command).resolves({ IsTruncated: false, KeyCount: 0 });
    expect((await checkRequirement(lab, 'R5')).findings[0]).toMatch(/No capture files of churn-monitor .*ContentType text\/csv/);
  });

  test('fails when the prefix holds only files outside the capture layout', async () => {
    s3.on(ListObjectsV2Command).resolves({ IsTruncated: false, Contents: [{ Key: 'monitor/capture/churn-monitor/notes.txt' }], KeyCount: 1 });
    expect((await checkRequirement(lab, 'R5')).findings[0]).toMatch(/\(1 other object\(s\) are\)/);
  });

  test('is an error when more pages remain unread past the bound (not enough seen)', async () => {
    s3.on(ListObjectsV2Command).resolves({ IsTruncated: true, NextContinuationToken: 'next', Contents: [{ Key: 'monitor/capture/churn-monitor/x.txt' }] });
    expect((await checkRequirement(lab, 'R5')).status).toBe('error');
  });

  test('is an error when ListObjectsV2 is denied', async () => {
    s3.on(ListObjectsV2Command).rejects(awsError('AccessDenied', 'Access Denied', 403));
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/s3:ListBucket/);
  });
});

describe('R6 the drift report', () => {
  test('passes on the drifted hour and names the drifted features', async () => {
    const r = await checkRequirement(lab, 'R6');
    expect(r.status).toBe('pass');
    expect(r.findings[0]).toMatch(/baseline_drift_check on tenure_months, baseline_drift_check on monthly_charges/);
    expect(r.findings[0]).toMatch(/schedule can be stopped/);
  });

  test('passes when an older execution reported the drift and a newer one only a data type problem', async () => {
    const typeJob = 'model-monitoring-202611251400-aa11bb22cc33dd44ee55ff66';
    sagemaker.on(ListMonitoringExecutionsCommand).resolves({ MonitoringExecutionSummaries: [executionSummary('2026-11-25T14:00:00Z', 'CompletedWithViolations', typeJob), ...referenceExecutions()] });
    sagemaker.on(DescribeProcessingJobCommand, { ProcessingJobName: typeJob }).resolves(monitoringExecutionJob(typeJob, 'monitor/reports/churn-monitor/churn-drift-schedule/2026/11/25/14'));
    s3.on(GetObjectCommand, { Key: 'monitor/reports/churn-monitor/churn-drift-schedule/2026/11/25/14/constraint_violations.json' }).resolves(body(TYPE_VIOLATIONS));
    expect((await checkRequirement(lab, 'R6')).status).toBe('pass');
  });

  test('fails with no execution yet, and explains the hourly window', async () => {
    sagemaker.on(ListMonitoringExecutionsCommand).resolves({ MonitoringExecutionSummaries: [] });
    expect((await checkRequirement(lab, 'R6')).findings[0]).toMatch(/no execution in the last 7 days.*analyses the requests captured in the hour before/);
  });

  test('fails when executions completed without violations, and points at the baseline', async () => {
    sagemaker.on(ListMonitoringExecutionsCommand).resolves({ MonitoringExecutionSummaries: [executionSummary('2026-11-25T12:00:00Z', 'Completed', 'model-monitoring-1')] });
    expect((await checkRequirement(lab, 'R6')).findings[0]).toMatch(/Completed without violations.*a baseline built from drifted traffic makes the drift look normal/);
  });

  test('fails when the only violation is a data_type_check, and tells it apart from drift', async () => {
    s3.on(GetObjectCommand).resolves(body(TYPE_VIOLATIONS));
    sagemaker.on(ListMonitoringExecutionsCommand).resolves({ MonitoringExecutionSummaries: [executionSummary('2026-11-25T13:00:00Z', 'CompletedWithViolations', DRIFT_EXECUTION_JOB)] });
    const r = await checkRequirement(lab, 'R6');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/data_type_check on tenure_months, but no baseline_drift_check\. A data_type_check means .*not drift/);
  });

  test('fails when every execution failed, with the newest reason', async () => {
    sagemaker.on(ListMonitoringExecutionsCommand).resolves({ MonitoringExecutionSummaries: [executionSummary('2026-11-25T11:00:00Z', 'Failed', undefined, 'Job inputs had no data')] });
    expect((await checkRequirement(lab, 'R6')).findings[0]).toMatch(/1 execution\(s\) Failed; the newest says: Job inputs had no data/);
  });

  test('is an error when the report of a violating execution cannot be read (403)', async () => {
    s3.on(GetObjectCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    const r = await checkRequirement(lab, 'R6');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/reports could not be read .*HTTP 403/);
  });

  test('is an error when the report of a violating execution is missing (not enough seen)', async () => {
    s3.on(GetObjectCommand).rejects(awsError('NoSuchKey', 'The specified key does not exist.', 404));
    expect((await checkRequirement(lab, 'R6')).status).toBe('error');
  });

  test('is an error when ListMonitoringExecutions is denied', async () => {
    sagemaker.on(ListMonitoringExecutionsCommand).rejects(awsError('AccessDeniedException', 'denied'));
    expect((await checkRequirement(lab, 'R6')).status).toBe('error');
  });
});
