// The checks give the expected verdicts on the responses the AWS API reference documents for the
// SageMaker operations this lab reads, parsed by the SDK from the wire (awsJson1.1 from 127.0.0.1).
// Each page documents a Response Syntax and no worked example; the fixtures fill every field the
// syntax lists for this lab's state:
//   DescribeEndpoint                  https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html
//                                     (DataCaptureConfig: https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DataCaptureConfigSummary.html)
//   DescribeEndpointConfig            https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpointConfig.html
//   DescribeModel                     https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModel.html
//   ListProcessingJobs                https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListProcessingJobs.html
//   DescribeProcessingJob             https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeProcessingJob.html
//   DescribeMonitoringSchedule        https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeMonitoringSchedule.html
//   DescribeDataQualityJobDefinition  https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeDataQualityJobDefinition.html
//   ListMonitoringExecutions          https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListMonitoringExecutions.html
//                                     (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_MonitoringExecutionSummary.html)
// S3 and CloudFormation (XML protocols) are mocked in-process; S3 goes over the wire in cassettes.test.ts.
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { lab } from '../../../labs/model-monitor-drift/lab';
import { CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { findingsOf, runLabWith, statusesOf } from '../../support/replay';
import { useAwsReferenceDouble, type JsonAnswer } from '../xgboost-builtin/aws-reference';
import * as fx from './fixtures';

const s3 = mockClient(S3Client);
const cfn = mockClient(CloudFormationClient);

let schedule: () => JsonAnswer;
let executions: (request: any) => JsonAnswer;
const requests: Record<string, any[]> = {};

useAwsReferenceDouble({
  json: (target, request) => {
    (requests[target] ??= []).push(request);
    switch (target) {
      case 'SageMaker.DescribeEndpoint':
        return { body: fx.referenceEndpoint() };
      case 'SageMaker.DescribeEndpointConfig':
        return { body: fx.referenceEndpointConfig() };
      case 'SageMaker.DescribeModel':
        return { body: fx.referenceModel() };
      case 'SageMaker.ListProcessingJobs':
        return { body: { ProcessingJobSummaries: [fx.processingJobSummary(fx.BASELINE_JOB, 'Completed', '2026-11-25T10:10:05Z'), fx.processingJobSummary(fx.OLDER_BASELINE_JOB, 'Failed', '2026-11-25T09:50:00Z', 'ClientError: no S3 objects')] } };
      case 'SageMaker.DescribeProcessingJob':
        if (request.ProcessingJobName === fx.BASELINE_JOB) return { body: fx.referenceBaselineJob() };
        if (request.ProcessingJobName === fx.DRIFT_EXECUTION_JOB) return { body: fx.monitoringExecutionJob() };
        return { error: 'ValidationException', message: `Could not find requested job with name ${request.ProcessingJobName}` };
      case 'SageMaker.DescribeMonitoringSchedule':
        return schedule();
      case 'SageMaker.DescribeDataQualityJobDefinition':
        return { body: fx.referenceJobDefinition(request.JobDefinitionName) };
      case 'SageMaker.ListMonitoringExecutions':
        return executions(request);
      default:
        return undefined;
    }
  },
  head: () => undefined,
});

beforeEach(() => {
  for (const key of Object.keys(requests)) delete requests[key];
  s3.reset();
  cfn.reset();
  mockStackOutputs(cfn, lab.id, { LabBucketName: fx.BUCKET, ExecutionRoleArn: fx.ROLE_ARN });
  s3.on(HeadObjectCommand).resolves({ ContentLength: 4_096 });
  s3.on(ListObjectsV2Command).resolves({ IsTruncated: false, Contents: [{ Key: fx.CAPTURE_KEY }], KeyCount: 1 });
  s3.on(GetObjectCommand, { Key: fx.DRIFT_REPORT_KEY }).resolves({ Body: { transformToString: async () => JSON.stringify(fx.DRIFT_VIOLATIONS) } as any });
  schedule = () => ({ body: fx.referenceSchedule() });
  executions = () => ({ body: { MonitoringExecutionSummaries: fx.referenceExecutions() } });
});

test('the documented responses, for the reference state, pass every requirement', async () => {
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass' });
  expect(findingsOf(result, 'R2')).toMatch(/captures Input \+ Output at 50%/);
  // The executions are asked for by schedule, newest first, within the look-back window.
  expect(requests['SageMaker.ListMonitoringExecutions']![0]).toMatchObject({ MonitoringScheduleName: 'churn-drift-schedule', SortBy: 'ScheduledTime', SortOrder: 'Descending', ScheduledTimeAfter: expect.any(Number) });
});

test('DescribeMonitoringSchedule naming a job definition: the definition is read and passes R4', async () => {
  schedule = () => ({ body: fx.namedSchedule() });
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toMatchObject({ R4: 'pass' });
  expect(requests['SageMaker.DescribeDataQualityJobDefinition']).toEqual([{ JobDefinitionName: 'churn-drift-quality' }]);
});

test('DescribeMonitoringSchedule\'s ResourceNotFound error for a missing schedule fails R4 and skips R6', async () => {
  schedule = () => ({ error: 'ResourceNotFound', message: 'Monitoring Schedule arn:aws:sagemaker:us-east-1:111122223333:monitoring-schedule/churn-drift-schedule does not exist.' });
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toMatchObject({ R4: 'fail', R6: 'skipped' });
  expect(findingsOf(result, 'R4')).toMatch(/No monitoring schedule named churn-drift-schedule/);
});

test('ListMonitoringExecutions across two pages (NextToken): the drifted hour on the second page still passes R6', async () => {
  executions = (request) =>
    request.NextToken === 'page-2'
      ? { body: { MonitoringExecutionSummaries: [fx.executionSummary('2026-11-25T13:00:00Z', 'CompletedWithViolations', fx.DRIFT_EXECUTION_JOB)] } }
      : { body: { MonitoringExecutionSummaries: [fx.executionSummary('2026-11-25T15:00:00Z', 'Completed', 'model-monitoring-2'), fx.executionSummary('2026-11-25T14:00:00Z', 'Completed', 'model-monitoring-1')], NextToken: 'page-2' } };
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toMatchObject({ R6: 'pass' });
  expect(requests['SageMaker.ListMonitoringExecutions']).toHaveLength(2);
});

test('ListMonitoringExecutions answering AccessDeniedException makes R6 an error naming the action', async () => {
  executions = () => ({ error: 'AccessDeniedException', message: 'User is not authorized to perform: sagemaker:ListMonitoringExecutions' });
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toMatchObject({ R6: 'error' });
  expect(findingsOf(result, 'R6')).toMatch(/sagemaker:ListMonitoringExecutions/);
});
