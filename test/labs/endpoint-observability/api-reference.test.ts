// The checks give the expected verdicts on responses shaped as the AWS documentation shows them,
// parsed by the SDK from the wire (a double on 127.0.0.1; the lab stack's outputs come from an
// in-process mock, CloudFormation speaking the query protocol):
//   DescribeAlarms           https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html
//                            example: aws/aws-cli awscli/examples/cloudwatch/describe-alarms.rst ("myalarm", CPUUtilization)
//   DescribeAlarmHistory     https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarmHistory.html
//                            example: aws/aws-cli awscli/examples/cloudwatch/describe-alarm-history.rst (an evaluated
//                            transition and a SetAlarmState one, "testing purposes")
//   GetMetricData            https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
//   DescribeScalableTargets  https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalableTargets.html
//                            example: "To describe scalable targets" (ecs, service/default/web-app), also
//                            aws/aws-cli awscli/examples/application-autoscaling/describe-scalable-targets.rst
//   DescribeScalingPolicies  https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalingPolicies.html
//                            (Response Syntax; the SageMaker target tracking fields of endpoint-auto-scaling-add-code-apply.html)
//   DescribeEndpoint / DescribeEndpointConfig / DescribeModel / ListTags: the SageMaker API reference's Response Syntax.
// Timestamps are on the wire as JSON protocols carry them: epoch seconds.
import { mockClient } from 'aws-sdk-client-mock';
import { checks } from '../../../labs/endpoint-observability/checks';
import { lab } from '../../../labs/endpoint-observability/lab';
import { CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { findingsOf, runLabWith, statusesOf } from '../../support/replay';
import { trainingJobAnswers, useAwsReferenceDouble, type JsonAnswer } from '../xgboost-builtin/aws-reference';
import { ACCOUNT, referenceJob } from '../xgboost-builtin/fixtures';
import { EXECUTION_ROLE_ARN, referenceEndpoint, referenceEndpointConfig, referenceModel, referencePolicy, referenceTags, TOPIC_ARN } from './fixtures';

const target = { lab, checks };
const cfn = mockClient(CloudFormationClient);

/** The describe-alarms example's MetricAlarm, field for field, with the lab's metric, names and values. */
const documentedAlarm = (fields: Record<string, unknown>) => ({
  EvaluationPeriods: 1,
  AlarmArn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${fields.AlarmName}`,
  StateUpdatedTimestamp: 1764067243.512,
  AlarmConfigurationUpdatedTimestamp: 1764066031.204,
  ComparisonOperator: 'GreaterThanThreshold',
  AlarmActions: [TOPIC_ARN],
  Namespace: 'AWS/SageMaker',
  StateReasonData: '{"version":"1.0","queryDate":"2025-11-25T10:34:43.512+0000","startDate":"2025-11-25T10:33:00.000+0000","period":60,"recentDatapoints":[412873.0],"threshold":100000.0}',
  Period: 60,
  StateValue: 'OK',
  Dimensions: [{ Name: 'EndpointName', Value: 'churn-observed' }, { Name: 'VariantName', Value: 'AllTraffic' }],
  StateReason: 'Threshold Crossed: 1 datapoint [3120.5 (25/11/25 10:40:00)] was not greater than the threshold (100000.0).',
  InsufficientDataActions: [],
  OKActions: [],
  ActionsEnabled: true,
  ...fields,
});

const alarms = [
  documentedAlarm({ AlarmName: 'churn-observed-p90-model-latency', MetricName: 'ModelLatency', ExtendedStatistic: 'p90', Threshold: 100000.0 }),
  documentedAlarm({ AlarmName: 'churn-observed-model-5xx', MetricName: 'Invocation5XXErrors', Statistic: 'Sum', Threshold: 0.0 }),
];

/** The describe-alarm-history example's two items, with the lab's alarm, threshold and data point. */
const EVALUATED = {
  Timestamp: 1764067243.512,
  HistoryItemType: 'StateUpdate',
  AlarmName: 'churn-observed-p90-model-latency',
  HistoryData:
    '{"version":"1.0","oldState":{"stateValue":"OK","stateReason":"Threshold Crossed: 1 datapoint was not greater than the threshold (100000.0). The most recent datapoints: [3120.5]."},"newState":{"stateValue":"ALARM","stateReason":"Threshold Crossed: 1 datapoint was greater than the threshold (100000.0). The most recent datapoints: [412873.0].","stateReasonData":{"version":"1.0","queryDate":"2025-11-25T10:34:43.512+0000","startDate":"2025-11-25T10:33:00.000+0000","extendedStatistic":"p90","period":60,"recentDatapoints":[412873.0],"threshold":100000.0}}}',
  HistorySummary: 'Alarm updated from OK to ALARM',
};
const BY_HAND = {
  Timestamp: 1764067243.512,
  HistoryItemType: 'StateUpdate',
  AlarmName: 'churn-observed-p90-model-latency',
  HistoryData: '{"version":"1.0","oldState":{"stateValue":"OK","stateReason":"Threshold Crossed: 1 datapoint was not greater than the threshold (100000.0). The most recent datapoints: [3120.5]."},"newState":{"stateValue":"ALARM","stateReason":"testing purposes"}}',
  HistorySummary: 'Alarm updated from OK to ALARM',
};

/** The DescribeScalableTargets example (ecs), and the same shape for the lab's variant. */
const ECS_EXAMPLE = {
  ServiceNamespace: 'ecs',
  ScalableDimension: 'ecs:service:DesiredCount',
  ResourceId: 'service/default/web-app',
  MinCapacity: 1,
  MaxCapacity: 10,
  RoleARN: 'arn:aws:iam::123456789012:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService',
  CreationTime: 1462558906.199,
  SuspendedState: { DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false, DynamicScalingInSuspended: false },
  ScalableTargetARN: 'arn:aws:application-autoscaling:us-west-2:123456789012:scalable-target/1234abcd56ab78cd901ef1234567890ab123',
};
const VARIANT_TARGET = {
  ...ECS_EXAMPLE,
  ServiceNamespace: 'sagemaker',
  ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
  ResourceId: 'endpoint/churn-observed/variant/AllTraffic',
  MaxCapacity: 2,
  RoleARN: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint`,
  ScalableTargetARN: `arn:aws:application-autoscaling:us-east-1:${ACCOUNT}:scalable-target/056f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d`,
};

let history: () => JsonAnswer;
let targets: unknown[];
// The churn job as the xgboost-builtin fixtures describe it (their DescribeTrainingJob Response Syntax).
const jobs = trainingJobAnswers([referenceJob() as Record<string, any>]);

useAwsReferenceDouble({
  json: (t, request) => {
    switch (t) {
      case 'SageMaker.DescribeEndpoint': return { body: referenceEndpoint() };
      case 'SageMaker.DescribeEndpointConfig': return { body: referenceEndpointConfig() };
      case 'SageMaker.DescribeModel': return { body: referenceModel() };
      case 'SageMaker.ListTags': return { body: { Tags: referenceTags() } };
      case 'GraniteServiceVersion20100801.DescribeAlarms': return { body: { MetricAlarms: alarms } };
      case 'GraniteServiceVersion20100801.DescribeAlarmHistory': return history();
      case 'GraniteServiceVersion20100801.GetMetricData':
        return { body: { MetricDataResults: [{ Id: 'latency', Label: 'ModelLatency', Timestamps: [1764066780], Values: [412873.0], StatusCode: 'Complete' }], Messages: [] } };
      case 'AnyScaleFrontendService.DescribeScalableTargets': return { body: { ScalableTargets: targets } };
      case 'AnyScaleFrontendService.DescribeScalingPolicies': return { body: { ScalingPolicies: [{ ...referencePolicy(), CreationTime: 1764066100.733 }] } };
      default: return jobs(t, request);
    }
  },
  head: () => undefined,
});

beforeEach(() => {
  cfn.reset();
  mockStackOutputs(cfn, lab.id, { AlertsTopicArn: TOPIC_ARN, ExecutionRoleArn: EXECUTION_ROLE_ARN });
  history = () => ({ body: { AlarmHistoryItems: [EVALUATED] } });
  targets = [VARIANT_TARGET];
});

test('the documented responses, for the reference deployment, pass every requirement', async () => {
  const result = await runLabWith(target);
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass' });
  expect(findingsOf(result, 'R6')).toMatch(/reached 412\.9 ms/);
});

test("the history example's SetAlarmState item ('testing purposes', no stateReasonData) fails R6", async () => {
  history = () => ({ body: { AlarmHistoryItems: [BY_HAND] } });
  const result = await runLabWith(target);
  expect(statusesOf(result)).toMatchObject({ R2: 'pass', R6: 'fail' });
  expect(findingsOf(result, 'R6')).toMatch(/set by hand \(reason: "testing purposes"\)/);
});

test("DescribeScalableTargets' own example (an ECS service) is not the variant: R5 fails", async () => {
  targets = [ECS_EXAMPLE];
  const result = await runLabWith(target);
  expect(statusesOf(result)).toMatchObject({ R5: 'fail' });
  expect(findingsOf(result, 'R5')).toMatch(/endpoint\/churn-observed\/variant\/AllTraffic is not registered/);
});

test('a throttled DescribeAlarmHistory, as CloudWatch answers it, is an error for R6', async () => {
  history = () => ({ error: 'Throttling', message: 'Rate exceeded', status: 400 });
  const result = await runLabWith(target);
  expect(statusesOf(result)).toMatchObject({ R6: 'error' });
});
