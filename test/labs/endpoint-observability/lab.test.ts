import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, DescribeAlarmsForMetricCommand, GetMetricDataCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { DescribeEndpointCommand, DescribeEndpointConfigCommand, DescribeModelCommand, DescribeTrainingJobCommand, ListTagsCommand, ListTrainingJobsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { checks } from '../../../labs/endpoint-observability/checks';
import { lab } from '../../../labs/endpoint-observability/lab';
import * as solution from '../../../labs/endpoint-observability/solution';
import { awsError, checkRequirement, CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { ARTEFACT_URI, JOB_NAME, jobSummary, referenceJob, XGBOOST_IMAGE } from '../xgboost-builtin/fixtures';
import {
  CONFIG_ARN,
  CONFIGURED,
  ENDPOINT_ARN,
  errorAlarm,
  evaluatedIntoAlarm,
  EXECUTION_ROLE_ARN,
  latencyAlarm,
  latencyData,
  MODEL_ARN,
  referenceEndpoint,
  referenceEndpointConfig,
  referenceModel,
  referencePolicy,
  referenceTags,
  referenceTarget,
  setIntoAlarm,
  TOPIC_ARN,
} from './fixtures';

const sagemaker = mockClient(SageMakerClient);
const cloudwatch = mockClient(CloudWatchClient);
const scaling = mockClient(ApplicationAutoScalingClient);
const cfn = mockClient(CloudFormationClient);
const target = { lab, checks };
const check = (id: string) => checkRequirement(target, id);

let alarms: MetricAlarm[];

beforeEach(() => {
  for (const m of [sagemaker, cloudwatch, scaling, cfn]) m.reset();
  mockStackOutputs(cfn, lab.id, { AlertsTopicArn: TOPIC_ARN, ExecutionRoleArn: EXECUTION_ROLE_ARN });
  sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [jobSummary(JOB_NAME, 'Completed', '2026-11-25T09:12:03Z')] });
  sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: JOB_NAME }).resolves(referenceJob());
  sagemaker.on(DescribeEndpointCommand, { EndpointName: 'churn-observed' }).resolves(referenceEndpoint());
  sagemaker.on(DescribeEndpointConfigCommand, { EndpointConfigName: 'churn-observed-config' }).resolves(referenceEndpointConfig());
  sagemaker.on(DescribeModelCommand, { ModelName: 'churn-observed-model' }).resolves(referenceModel());
  sagemaker.on(ListTagsCommand).resolves({ Tags: referenceTags() });
  alarms = [latencyAlarm(), errorAlarm()];
  cloudwatch.on(DescribeAlarmsCommand).callsFake((i) => ({ MetricAlarms: alarms.filter((a) => a.AlarmName!.startsWith(i.AlarmNamePrefix ?? '')) }));
  cloudwatch.on(DescribeAlarmsForMetricCommand).resolves({ MetricAlarms: [] });
  cloudwatch.on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: [evaluatedIntoAlarm()] });
  cloudwatch.on(GetMetricDataCommand).resolves(latencyData());
  scaling.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [referenceTarget()] });
  scaling.on(DescribeScalingPoliciesCommand).resolves({ ScalingPolicies: [referencePolicy()] });
});

test('the reference state passes every requirement', async () => {
  for (const r of lab.requirements) {
    const result = await check(r.id);
    expect([r.id, result.status, result.findings]).toEqual([r.id, 'pass', expect.any(Array)]);
  }
});

test('the reference solution creates exactly the state the fixtures describe', () => {
  expect(solution.referenceModel({ region: 'us-east-1', roleArn: EXECUTION_ROLE_ARN, modelDataUrl: ARTEFACT_URI }).PrimaryContainer).toEqual({ Image: XGBOOST_IMAGE, ModelDataUrl: ARTEFACT_URI });
  expect(solution.referenceEndpointConfig().ProductionVariants).toEqual([expect.objectContaining({ VariantName: 'AllTraffic', InstanceType: 'ml.t2.medium', InitialInstanceCount: 1, ModelName: 'churn-observed-model' })]);
  const { AlarmDescription: _l, Tags: _lt, ...latency } = solution.referenceLatencyAlarm(TOPIC_ARN);
  expect(latencyAlarm()).toMatchObject(latency);
  const { AlarmDescription: _e, Tags: _et, ...errors } = solution.referenceErrorAlarm(TOPIC_ARN);
  expect(errorAlarm()).toMatchObject(errors);
  expect(solution.referenceLatencyAlarm(TOPIC_ARN).Tags).toEqual(expect.arrayContaining(referenceTags()));
  expect(referenceTarget()).toMatchObject(solution.referenceScalableTarget());
  expect(referencePolicy()).toMatchObject(solution.referenceScalingPolicy());
});

describe('R1 the endpoint', () => {
  test('fails while Creating, and says to check again', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(referenceEndpoint({ EndpointStatus: 'Creating' }));
    expect((await check('R1')).findings[0]).toMatch(/is Creating\. Run the check again once it is InService/);
  });

  test('fails on a serverless variant: nothing to scale, no minimum to bill', async () => {
    sagemaker.on(DescribeEndpointConfigCommand).resolves(referenceEndpointConfig({ InstanceType: undefined, InitialInstanceCount: undefined, ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 2 } }));
    const r = await check('R1');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/serverless: it has no instances, so there is no instance count to scale/);
  });

  test('fails on another instance type, and on two instances to start with', async () => {
    sagemaker.on(DescribeEndpointConfigCommand).resolves(referenceEndpointConfig({ InstanceType: 'ml.m5.large' }));
    expect((await check('R1')).findings[0]).toMatch(/runs ml\.m5\.large; the lab hosts the 50 KB model on ml\.t2\.medium/);
    sagemaker.on(DescribeEndpointConfigCommand).resolves(referenceEndpointConfig({ InitialInstanceCount: 2 }));
    expect((await check('R1')).findings[0]).toMatch(/starts with 2 instance\(s\); it starts at the scaling minimum of 1/);
  });

  test('fails on an artefact no Completed churn-xgb- job produced', async () => {
    sagemaker.on(DescribeModelCommand).resolves(referenceModel({ PrimaryContainer: { Image: XGBOOST_IMAGE, ModelDataUrl: 's3://elsewhere/model.tar.gz' } }));
    expect((await check('R1')).findings[0]).toMatch(/not the model\.tar\.gz of any Completed 'churn-xgb-\*' job/);
  });

  test('passes with the artefact given as ModelDataSource instead of ModelDataUrl (a valid alternative)', async () => {
    sagemaker.on(DescribeModelCommand).resolves(referenceModel({ PrimaryContainer: { Image: XGBOOST_IMAGE, ModelDataSource: { S3DataSource: { S3Uri: ARTEFACT_URI, S3DataType: 'S3Object', CompressionType: 'Gzip' } } } }));
    expect((await check('R1')).status).toBe('pass');
  });

  test('fails when the endpoint does not exist (SageMaker answers ValidationException)', async () => {
    sagemaker.on(DescribeEndpointCommand).rejects(awsError('ValidationException', 'Could not find endpoint "churn-observed".'));
    expect((await check('R1')).findings[0]).toMatch(/No endpoint named churn-observed/);
  });

  test('is an error on throttling', async () => {
    sagemaker.on(DescribeEndpointCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    expect((await check('R1')).status).toBe('error');
  });
});

const withLatency = (overrides: MetricAlarm) => (alarms = [latencyAlarm(overrides), errorAlarm()]);
const mathOf = (expression: string | undefined, stat = 'p90'): MetricAlarm => ({
  MetricName: undefined, Namespace: undefined, Dimensions: undefined, Period: undefined, ExtendedStatistic: undefined,
  Metrics: [
    { Id: 'm1', MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'ModelLatency', Dimensions: [{ Name: 'EndpointName', Value: 'churn-observed' }, { Name: 'VariantName', Value: 'AllTraffic' }] }, Period: 60, Stat: stat }, ReturnData: expression === undefined },
    ...(expression === undefined ? [] : [{ Id: 'e1', Expression: expression, ReturnData: true }]),
  ],
});

describe('R2 the latency alarm', () => {
  test.each([
    ['the spelling p90.0', { ExtendedStatistic: 'p90.0' }],
    ['GreaterThanOrEqualToThreshold', { ComparisonOperator: 'GreaterThanOrEqualToThreshold' as const }],
    ['5 periods of 60 s, 3 of them breaching', { EvaluationPeriods: 5, DatapointsToAlarm: 3 }],
    ['one 5-minute period', { Period: 300 }],
    ['a metric-math alarm on the metric itself', mathOf(undefined)],
    ['a metric-math alarm in milliseconds (m1/1000 above 100)', { ...mathOf('m1/1000'), Threshold: 100 }],
    ['a metric-math alarm in seconds (m1 * 0.000001 above 0.1)', { ...mathOf('m1 * 0.000001'), Threshold: 0.1 }],
    ['the topic among other actions', { AlarmActions: ['arn:aws:sns:us-east-1:111122223333:pager', TOPIC_ARN] }],
  ])('passes with %s (a valid alternative)', async (_name, overrides) => {
    withLatency(overrides);
    const r = await check('R2');
    expect([r.status, r.findings]).toEqual(['pass', [expect.stringContaining('churn-observed-p90-model-latency')]]);
  });

  test('fails on a threshold of 100, written in milliseconds: ModelLatency is in microseconds', async () => {
    withLatency({ Threshold: 100 });
    const r = await check('R2');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([expect.stringMatching(/threshold is 100: SageMaker publishes ModelLatency in microseconds, so that is 0\.1 ms\. Every request breaches it.*100 ms is 100,000/)]);
  });

  test('fails on 0.1, written in seconds', async () => {
    withLatency({ Threshold: 0.1 });
    expect((await check('R2')).findings[0]).toMatch(/written in seconds/);
  });

  test('fails on the Average, with the numbers of a minute it hides', async () => {
    withLatency({ ExtendedStatistic: undefined, Statistic: 'Average' });
    expect((await check('R2')).findings[0]).toMatch(/the Average is 64 ms, under 100 ms, while 15 customers in 100 wait 400 ms; the p90 of that minute is 400 ms/);
  });

  test('fails on the Maximum, on p99 and on a trimmed mean', async () => {
    withLatency({ ExtendedStatistic: undefined, Statistic: 'Maximum' });
    expect((await check('R2')).findings[0]).toMatch(/one slow request in a minute .* pages the on-call team/);
    withLatency({ ExtendedStatistic: 'p99' });
    expect((await check('R2')).findings[0]).toMatch(/alarms on p99; the objective is about 9 requests in 10/);
    withLatency({ ExtendedStatistic: 'tm90' });
    expect((await check('R2')).findings[0]).toMatch(/leaves out the slowest requests/);
  });

  test("fails when low sample counts are ignored: the lab's slow minutes have fewer than 100 requests", async () => {
    withLatency({ EvaluateLowSampleCountPercentile: 'ignore' });
    expect((await check('R2')).findings[0]).toMatch(/fewer than 100 requests .* leaves the state unchanged/);
  });

  test('fails without the VariantName dimension: that metric never receives data', async () => {
    withLatency({ Dimensions: [{ Name: 'EndpointName', Value: 'churn-observed' }] });
    expect((await check('R2')).findings[0]).toMatch(/dimension EndpointName only: SageMaker publishes it per EndpointName and VariantName together/);
  });

  test('fails when the topic is only an OK action, or actions are disabled', async () => {
    withLatency({ AlarmActions: [], OKActions: [TOPIC_ARN] });
    expect((await check('R2')).findings[0]).toMatch(/only on OK or INSUFFICIENT_DATA/);
    withLatency({ ActionsEnabled: false });
    expect((await check('R2')).findings[0]).toMatch(/actions disabled/);
  });

  test('fails on 10-second periods and on a 10-minute window', async () => {
    withLatency({ Period: 10 });
    expect((await check('R2')).findings[0]).toMatch(/once a minute: most 10-second periods hold no data/);
    withLatency({ Period: 300, EvaluationPeriods: 2 });
    expect((await check('R2')).findings[0]).toMatch(/10 minutes, before it goes into ALARM; the on-call team must know within 5 minutes/);
  });

  test('fails when only OverheadLatency is watched, and says what it measures', async () => {
    alarms = [latencyAlarm({ MetricName: 'OverheadLatency' }), errorAlarm()];
    const r = await check('R2');
    expect(r.status).toBe('fail');
    expect(r.findings.join(' ')).toMatch(/No alarm named 'churn-observed-\*' watches ModelLatency.*OverheadLatency: that is the time SageMaker itself adds/);
  });

  test('fails when the alarm is named without the prefix, and says teardown would leave it', async () => {
    alarms = [errorAlarm()];
    cloudwatch.on(DescribeAlarmsForMetricCommand).resolves({ MetricAlarms: [latencyAlarm({ AlarmName: 'p90-latency' })] });
    expect((await check('R2')).findings.join(' ')).toMatch(/p90-latency watch\(es\) it under another name: teardown deletes only alarms named 'churn-observed-\*'/);
  });

  test('is an error on an expression the check cannot decide, when no other alarm meets it', async () => {
    withLatency({ ...mathOf('IF(m1 > 100000, 1, 0)') });
    const r = await check('R2');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/metric-math alarm on the expression 'IF\(m1 > 100000, 1, 0\)'/);
  });

  test('is an error when DescribeAlarms is denied', async () => {
    cloudwatch.on(DescribeAlarmsCommand).rejects(awsError('AccessDenied', 'not authorized', 403));
    const r = await check('R2');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/cloudwatch:DescribeAlarms/);
  });
});

describe('R3 the 5XX alarm', () => {
  const withErrors = (overrides: MetricAlarm) => (alarms = [latencyAlarm(), errorAlarm(overrides)]);

  test.each([
    ['the Sum at or above 1', { ComparisonOperator: 'GreaterThanOrEqualToThreshold' as const, Threshold: 1 }],
    ['the Average above 0', { Statistic: 'Average' as const }],
    ['the Maximum above 0', { Statistic: 'Maximum' as const }],
    ['the Sum above 0.5', { Threshold: 0.5 }],
  ])('passes with %s (a valid alternative: any error)', async (_name, overrides) => {
    withErrors(overrides);
    expect((await check('R3')).status).toBe('pass');
  });

  test('fails on a Sum above 5: the first failed requests go unnoticed', async () => {
    withErrors({ Threshold: 5 });
    expect((await check('R3')).findings[0]).toMatch(/tolerates 5 failed request\(s\) per period/);
  });

  test('fails on the Average above 0.05: an error rate, not any error', async () => {
    withErrors({ Statistic: 'Average', Threshold: 0.05 });
    expect((await check('R3')).findings[0]).toMatch(/0\.05 is an error rate, not "any error"/);
  });

  test('fails on the SampleCount, which counts every answer', async () => {
    withErrors({ Statistic: 'SampleCount' });
    expect((await check('R3')).findings[0]).toMatch(/counts every answer, failed or not/);
  });

  test('fails when only Invocation4XXErrors is watched, and says whose mistake a 4XX is', async () => {
    alarms = [latencyAlarm(), errorAlarm({ MetricName: 'Invocation4XXErrors' })];
    expect((await check('R3')).findings.join(' ')).toMatch(/Invocation4XXErrors: those are requests the model refused/);
  });

  test('is an error on throttling', async () => {
    cloudwatch.on(DescribeAlarmsCommand).rejects(awsError('Throttling', 'Rate exceeded'));
    expect((await check('R3')).status).toBe('error');
  });
});

describe('R4 the cost-allocation tag', () => {
  test('fails on a key in another case: tag keys are case-sensitive', async () => {
    sagemaker.on(ListTagsCommand, { ResourceArn: MODEL_ARN }).resolves({ Tags: [{ Key: 'Cost-Center', Value: 'churn-retention' }] });
    const r = await check('R4');
    expect(r.findings).toEqual([expect.stringMatching(/churn-observed-model carries the key "Cost-Center"; tag keys are case-sensitive/)]);
  });

  test('fails on another value, and on a resource without the tag', async () => {
    sagemaker.on(ListTagsCommand, { ResourceArn: CONFIG_ARN }).resolves({ Tags: [{ Key: 'cost-center', Value: 'Churn Retention' }] });
    sagemaker.on(ListTagsCommand, { ResourceArn: ENDPOINT_ARN }).resolves({ Tags: [] });
    const r = await check('R4');
    expect(r.findings).toEqual([
      expect.stringMatching(/churn-observed does not carry the tag cost-center=churn-retention/),
      expect.stringMatching(/churn-observed-config carries cost-center="Churn Retention"; .* two cost centres in Cost Explorer/),
    ]);
  });

  test('is an error when ListTags is throttled', async () => {
    sagemaker.on(ListTagsCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    expect((await check('R4')).status).toBe('error');
  });
});

describe('R5 auto scaling', () => {
  test('passes and prices the idle minimum with the hosting rate', async () => {
    expect((await check('R5')).findings).toEqual([
      expect.stringMatching(/1 to 2 instances, target tracking policy churn-observed-invocations-per-instance at 1200/),
      'Idle, the variant runs its minimum: 1 x ml.t2.medium, USD 0.056 an hour, 40.88 a 730-hour month; at its maximum, USD 0.112 an hour, 81.76 a 730-hour month.',
    ]);
  });

  test('passes with the customised InvocationsPerInstance metric (a valid alternative)', async () => {
    scaling.on(DescribeScalingPoliciesCommand).resolves({
      ScalingPolicies: [referencePolicy({ PredefinedMetricSpecification: undefined, CustomizedMetricSpecification: { MetricName: 'InvocationsPerInstance', Namespace: 'AWS/SageMaker', Statistic: 'Sum', Dimensions: [{ Name: 'VariantName', Value: 'AllTraffic' }, { Name: 'EndpointName', Value: 'churn-observed' }] } })],
    });
    expect((await check('R5')).status).toBe('pass');
  });

  test('fails on a minimum of 2 and says what it costs idle', async () => {
    scaling.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [referenceTarget({ MinCapacity: 2 })] });
    expect((await check('R5')).findings[0]).toBe(
      'MinCapacity is 2: the minimum is what the variant runs when nobody calls, at night and at weekends, so it decides the idle bill: 2 x ml.t2.medium is USD 0.112 an hour, 81.76 a 730-hour month, against USD 0.056 an hour, 40.88 a 730-hour month at the scenario\'s minimum of 1.',
    );
  });

  test('fails on a target of 20 requests per second: the metric counts per minute', async () => {
    scaling.on(DescribeScalingPoliciesCommand).resolves({ ScalingPolicies: [referencePolicy({ TargetValue: 20 })] });
    expect((await check('R5')).findings[0]).toMatch(/targets 20: that is requests per SECOND, but SageMakerVariantInvocationsPerInstance counts invocations per instance per MINUTE/);
  });

  test('fails on step scaling and on disabled scale-in', async () => {
    scaling.on(DescribeScalingPoliciesCommand).resolves({ ScalingPolicies: [referencePolicy({}, { PolicyType: 'StepScaling', TargetTrackingScalingPolicyConfiguration: undefined })] });
    expect((await check('R5')).findings[0]).toMatch(/is StepScaling/);
    scaling.on(DescribeScalingPoliciesCommand).resolves({ ScalingPolicies: [referencePolicy({ DisableScaleIn: true })] });
    expect((await check('R5')).findings[0]).toMatch(/disables scale-in: after a burst the variant stays at its maximum/);
  });

  test('fails when the variant is not registered', async () => {
    scaling.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [] });
    expect((await check('R5')).findings[0]).toMatch(/endpoint\/churn-observed\/variant\/AllTraffic is not registered/);
  });

  test('is an error when DescribeScalableTargets is denied', async () => {
    scaling.on(DescribeScalableTargetsCommand).rejects(awsError('AccessDeniedException', 'denied', 400));
    const r = await check('R5');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/application-autoscaling:DescribeScalableTargets/);
  });
});

describe('R6 the alarm was exercised', () => {
  test('passes on an evaluated transition that the metric data confirms, reading history since the alarm was configured', async () => {
    const r = await check('R6');
    expect(r.findings[0]).toMatch(/went into ALARM at 2026-11-25T10:34:43\.512Z: CloudWatch's p90 of ModelLatency reached 412\.9 ms/);
    expect(cloudwatch.commandCalls(DescribeAlarmHistoryCommand)[0]!.args[0].input).toMatchObject({ AlarmName: 'churn-observed-p90-model-latency', HistoryItemType: 'StateUpdate', StartDate: CONFIGURED });
    expect(cloudwatch.commandCalls(GetMetricDataCommand)[0]!.args[0].input.MetricDataQueries![0]!.MetricStat).toMatchObject({ Stat: 'p90', Period: 60 });
  });

  test('fails when the alarm was only set by hand with SetAlarmState', async () => {
    cloudwatch.on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: [setIntoAlarm()] });
    const r = await check('R6');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/set by hand \(reason: "testing the pager"\): SetAlarmState proves that the alerts topic receives/);
  });

  test('fails when it has not gone into ALARM since it was configured, and explains the p90 of a minute', async () => {
    cloudwatch.on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: [evaluatedIntoAlarm(new Date('2026-11-25T09:00:00Z'))] });
    const r = await check('R6');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/has not gone into ALARM since it was last configured \(2026-11-25T10:20:31\.204Z\)\. The p90 of a minute rises above 100 ms only when more than 1 request in 10/);
  });

  test('fails when the history claims an evaluation the metric data contradicts', async () => {
    cloudwatch.on(GetMetricDataCommand).resolves(latencyData([3120.5]));
    expect((await check('R6')).findings[0]).toMatch(/peaks at 3\.1 ms, not above 100 ms: that state was set by hand/);
  });

  test('is an error when CloudWatch returns no data for the evaluated window', async () => {
    cloudwatch.on(GetMetricDataCommand).resolves(latencyData([], 'Complete'));
    const r = await check('R6');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/returned no ModelLatency data .* cannot be told/);
  });

  test('is an error when the history runs past the page bound without an evaluated transition', async () => {
    cloudwatch.on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: [setIntoAlarm()], NextToken: 'more' });
    const r = await check('R6');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/the older changes were not read/);
  });

  test('is an error when DescribeAlarmHistory is throttled', async () => {
    cloudwatch.on(DescribeAlarmHistoryCommand).rejects(awsError('Throttling', 'Rate exceeded'));
    expect((await check('R6')).status).toBe('error');
  });
});
