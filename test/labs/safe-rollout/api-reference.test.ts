// The checks give the expected verdicts on the responses the AWS API reference documents for the
// operations this lab reads, served over the wire from 127.0.0.1 and parsed by the SDK as it would
// parse AWS's own answers (nested deployment configurations, metric math alarms, scaling policies):
//   DescribeEndpoint          https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html
//   DescribeEndpointConfig    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpointConfig.html
//   DescribeModel             https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModel.html
//   DescribeAlarms            https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html
//   GetMetricData             https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
//   DescribeScalableTargets   https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalableTargets.html
//   DescribeScalingPolicies   https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalingPolicies.html
//   ListTrainingJobs, DescribeTrainingJob, HeadObject: as in test/labs/xgboost-builtin/aws-reference.ts
import { checks } from '../../../labs/safe-rollout/checks';
import { lab } from '../../../labs/safe-rollout/lab';
import { findingsOf, runLabWith, statusesOf } from '../../support/replay';
import { HEAD_OBJECT_SAMPLE, trainingJobAnswers, useAwsReferenceDouble, type JsonAnswer } from '../xgboost-builtin/aws-reference';
import { ARTEFACT_KEY, BUCKET, referenceJob } from '../xgboost-builtin/fixtures';
import * as f from './fixtures';

// The two Completed jobs as xgboost-builtin's fixtures describe them (every field of DescribeTrainingJob's syntax they carry).
const jobs = trainingJobAnswers([referenceJob(), referenceJob({ CreationTime: new Date('2026-11-28T14:04:00Z') }, f.NEW_JOB)] as unknown as Record<string, unknown>[]);

/**
 * DescribeEndpoint while the canary bakes: the Response Syntax's PendingDeploymentSummary carries the
 * new configuration and its variants' VariantStatus, and EndpointStatus is Updating.
 */
const baking = () =>
  f.referenceEndpoint({
    EndpointStatus: 'Updating',
    EndpointConfigName: 'churn-rollout-config-1',
    PendingDeploymentSummary: {
      EndpointConfigName: f.CONFIG,
      StartTime: new Date('2026-11-28T14:45:00Z'),
      ProductionVariants: ['production', 'candidate'].map((VariantName) => ({
        VariantName,
        CurrentInstanceCount: 1,
        DesiredInstanceCount: 1,
        InstanceType: 'ml.t2.medium' as const,
        VariantStatus: [{ Status: 'Baking' as const, StatusMessage: 'Baking the canary', StartTime: new Date('2026-11-28T14:50:00Z') }],
      })),
    },
  });

let endpoint: () => unknown;
let alarms: () => JsonAnswer;
let targets: () => JsonAnswer;

useAwsReferenceDouble({
  json: (target, request) => {
    switch (target) {
      case 'SageMaker.DescribeEndpoint':
        return { body: endpoint() };
      case 'SageMaker.DescribeEndpointConfig':
        return request.EndpointConfigName === f.CONFIG ? { body: f.referenceEndpointConfig() } : undefined;
      case 'SageMaker.DescribeModel':
        return { body: f.referenceModel(request.ModelName) };
      case 'GraniteServiceVersion20100801.DescribeAlarms':
        return alarms();
      case 'GraniteServiceVersion20100801.GetMetricData':
        return { body: f.metricData() };
      case 'AnyScaleFrontendService.DescribeScalableTargets':
        return targets();
      case 'AnyScaleFrontendService.DescribeScalingPolicies':
        return { body: f.scalingPolicies() };
      default:
        return jobs(target, request);
    }
  },
  head: (path) => ([`${BUCKET}/${ARTEFACT_KEY}`, `${BUCKET}/${f.NEW_ARTEFACT_KEY}`].includes(path) ? { headers: HEAD_OBJECT_SAMPLE } : undefined),
});

beforeEach(() => {
  endpoint = () => f.referenceEndpoint();
  alarms = () => ({ body: f.alarms(f.referenceAlarm()) });
  targets = () => ({ body: f.scalableTargets(f.scalableTarget()) });
});

test('the documented responses, for the reference rollout, pass every requirement', async () => {
  const result = await runLabWith({ lab, checks });
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass' });
  expect(findingsOf(result, 'R3')).toMatch(/rolled back by alarm churn-rollout-candidate-5xx/);
});

test('DescribeEndpoint while the canary bakes (Updating, PendingDeploymentSummary): R1 says to check again, the rest wait', async () => {
  endpoint = baking;
  const result = await runLabWith({ lab, checks });
  expect(statusesOf(result)).toEqual({ R1: 'fail', R2: 'skipped', R3: 'skipped', R4: 'skipped', R5: 'skipped' });
  expect(findingsOf(result, 'R1')).toMatch(/is Updating\. Run the check again once it is InService/);
});

test('a metric math alarm (MetricAlarm.Metrics) parsed from the wire counts as watching the errors', async () => {
  const { MetricName: _m, Namespace: _n, Statistic: _s, Dimensions: _d, Period: _p, ...rest } = f.referenceAlarm();
  const stat = (MetricName: string) => ({ Metric: { Namespace: 'AWS/SageMaker', MetricName, Dimensions: [{ Name: 'EndpointName', Value: 'churn-rollout' }, { Name: 'VariantName', Value: 'candidate' }] }, Period: 60, Stat: 'Sum' });
  alarms = () => ({ body: f.alarms({ ...rest, Metrics: [{ Id: 'e', MetricStat: stat('Invocation5XXErrors'), ReturnData: false }, { Id: 'i', MetricStat: stat('Invocations'), ReturnData: false }, { Id: 'rate', Expression: 'e / i', ReturnData: true }] }) });
  expect(statusesOf(await runLabWith({ lab, checks }))).toMatchObject({ R3: 'pass' });
});

test('DescribeAlarms answering empty lists for an unknown name fails R3: the alarm does not exist', async () => {
  alarms = () => ({ body: { MetricAlarms: [], CompositeAlarms: [] } });
  const result = await runLabWith({ lab, checks });
  expect(statusesOf(result)).toMatchObject({ R3: 'fail' });
  expect(findingsOf(result, 'R3')).toMatch(/does not exist in this region/);
});

test('an Application Auto Scaling error answer makes R5 an error, not a fail', async () => {
  targets = () => ({ error: 'ConcurrentUpdateException', message: 'Concurrent update to the scalable target', status: 400 });
  const result = await runLabWith({ lab, checks });
  expect(statusesOf(result)).toMatchObject({ R5: 'error' });
});
