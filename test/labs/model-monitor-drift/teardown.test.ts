// Teardown covers what this lab's reference solution creates, in an order AWS accepts: the schedule
// goes before the endpoint it monitors (an endpoint with a schedule cannot be deleted), the endpoint
// before its configuration and model, and every S3 prefix the learner's resources write is emptied.
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeleteMonitoringSchedule.html
import { CAPTURE_PREFIX, ENDPOINT_NAME, lab } from '../../../labs/model-monitor-drift/lab';
import { referenceBaselineJob, referenceEndpointConfig, referenceSchedule } from '../../../labs/model-monitor-drift/solution';
import { isUnder } from '../../../labs/model-monitor-drift/checks';
import { stepOf } from '../../../lib/teardown/order';
import { BUCKET, ROLE_ARN } from './fixtures';

const options = { region: 'us-east-1', roleArn: ROLE_ARN, bucket: BUCKET, modelDataUrl: 's3://x/model.tar.gz' };
const kinds = (lab.learnerResources ?? []).map((r) => r.kind);
const prefixes = (lab.learnerResources ?? []).filter((r) => r.kind === 's3:prefix').map((r) => r.name);
const claimed = (uri: string | undefined) => prefixes.some((p) => isUnder(uri, BUCKET, p));

test('the lab names a schedule, an endpoint, its configuration and model, the baselining jobs and the endpoint log group', () => {
  expect(kinds).toEqual(expect.arrayContaining(['sagemaker:monitoring-schedule', 'sagemaker:endpoint', 'sagemaker:endpoint-config', 'sagemaker:model', 'sagemaker:processing-job', 'logs:log-group']));
  expect(lab.learnerResources).toContainEqual({ kind: 'logs:log-group', name: `/aws/sagemaker/Endpoints/${ENDPOINT_NAME}`, match: 'exact' });
});

test('the schedule is deleted before the endpoint, the endpoint before its configuration, the configuration before the model', () => {
  expect(stepOf('sagemaker:monitoring-schedule')).toBeLessThan(stepOf('sagemaker:endpoint'));
  expect(stepOf('sagemaker:endpoint')).toBeLessThan(stepOf('sagemaker:endpoint-config'));
  expect(stepOf('sagemaker:endpoint-config')).toBeLessThan(stepOf('sagemaker:model'));
});

test('every S3 location the reference solution writes (captures, baseline, reports) is under a prefix teardown empties', () => {
  const writes = [
    referenceEndpointConfig(options).DataCaptureConfig!.DestinationS3Uri,
    ...referenceBaselineJob(options, 'churn-baseline-1').ProcessingOutputConfig!.Outputs!.map((o) => o.S3Output!.S3Uri),
    ...referenceSchedule(options).MonitoringScheduleConfig!.MonitoringJobDefinition!.MonitoringOutputConfig!.MonitoringOutputs!.map((o) => o.S3Output!.S3Uri),
  ];
  expect(writes).toHaveLength(3);
  for (const uri of writes) expect([uri, claimed(uri)]).toEqual([uri, true]);
  // The shipped data the stack uploads is the stack's, not the learner's: teardown leaves it to the stack.
  expect(claimed(`s3://${BUCKET}/monitor/training/`)).toBe(false);
  expect(prefixes).toContain(CAPTURE_PREFIX);
});
