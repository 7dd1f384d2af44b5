import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeTrainingJobCommand,
  ListTrainingJobsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { checks } from '../../../labs/safe-rollout/checks';
import { lab as manifest } from '../../../labs/safe-rollout/lab';
import { percent, secondsToAlarm, splitOf, stepPercent } from '../../../labs/safe-rollout/rollout';
import * as solution from '../../../labs/safe-rollout/solution';
import { xgboostImageUri } from '../../../labs/xgboost-builtin/solution';
import { awsError, checkRequirement, CloudFormationClient } from '../../support/check-harness';
import { ARTEFACT_KEY, ARTEFACT_URI, BUCKET, JOB_NAME, jobSummary, referenceJob, XGBOOST_IMAGE } from '../xgboost-builtin/fixtures';
import {
  alarms,
  CANDIDATE_RESOURCE,
  liveVariant,
  metricData,
  NEW_ARTEFACT_KEY,
  NEW_ARTEFACT_URI,
  NEW_JOB,
  PRODUCTION_RESOURCE,
  referenceAlarm,
  referenceDeploymentConfig,
  referenceEndpoint,
  referenceEndpointConfig,
  referenceModel,
  ROLLOUT_ROLE_ARN,
  scalableTarget,
  scalableTargets,
  scalingPolicies,
} from './fixtures';

const sagemaker = mockClient(SageMakerClient);
const cloudwatch = mockClient(CloudWatchClient);
const s3 = mockClient(S3Client);
const autoscaling = mockClient(ApplicationAutoScalingClient);
const cfn = mockClient(CloudFormationClient);
/** The lab and its checks, as the registry loads them. */
const lab = { lab: manifest, checks };

beforeEach(() => {
  for (const m of [sagemaker, cloudwatch, s3, autoscaling, cfn]) m.reset();
  sagemaker.on(ListTrainingJobsCommand).resolves({
    TrainingJobSummaries: [jobSummary(NEW_JOB, 'Completed', '2026-11-28T14:04:00Z'), jobSummary(JOB_NAME, 'Completed', '2026-11-25T09:12:03Z')],
  });
  sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: JOB_NAME }).resolves(referenceJob());
  sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: NEW_JOB }).resolves(referenceJob({}, NEW_JOB));
  sagemaker.on(DescribeEndpointCommand, { EndpointName: 'churn-rollout' }).resolves(referenceEndpoint());
  sagemaker.on(DescribeEndpointConfigCommand, { EndpointConfigName: 'churn-rollout-config-2' }).resolves(referenceEndpointConfig());
  sagemaker.on(DescribeModelCommand, { ModelName: 'churn-rollout-current' }).resolves(referenceModel('churn-rollout-current'));
  sagemaker.on(DescribeModelCommand, { ModelName: 'churn-rollout-new' }).resolves(referenceModel('churn-rollout-new'));
  s3.on(HeadObjectCommand, { Bucket: BUCKET, Key: ARTEFACT_KEY }).resolves({ ContentLength: 48_213 });
  s3.on(HeadObjectCommand, { Bucket: BUCKET, Key: NEW_ARTEFACT_KEY }).resolves({ ContentLength: 51_877 });
  cloudwatch.on(DescribeAlarmsCommand).resolves(alarms(referenceAlarm()));
  cloudwatch.on(GetMetricDataCommand).resolves(metricData());
  autoscaling.on(DescribeScalableTargetsCommand).resolves(scalableTargets(scalableTarget()));
  autoscaling.on(DescribeScalingPoliciesCommand).resolves(scalingPolicies());
});

/** The endpoint with these live variants (name, weight, instances). */
const withVariants = (...variants: [string, number, number?][]) => referenceEndpoint({ ProductionVariants: variants.map(([name, weight, instances]) => liveVariant(name, weight, instances)) });
const withRouting = (routing: Record<string, unknown>) =>
  referenceEndpoint({ LastDeploymentConfig: referenceDeploymentConfig({ BlueGreenUpdatePolicy: { TrafficRoutingConfiguration: routing as any, TerminationWaitInSeconds: 120 } }) });

test('the reference state passes every requirement, and no lab stack output is needed', async () => {
  for (const r of manifest.requirements) {
    const result = await checkRequirement(lab, r.id);
    expect([r.id, result.status, result.findings]).toEqual([r.id, 'pass', expect.any(Array)]);
  }
  expect(cfn.calls()).toHaveLength(0);
});

test('the reference solution creates exactly the state the fixtures describe', () => {
  const models = solution.referenceModels({ region: 'us-east-1', roleArn: ROLLOUT_ROLE_ARN, currentModelData: ARTEFACT_URI, newModelData: NEW_ARTEFACT_URI });
  expect(models.map((m) => [m.ModelName, m.PrimaryContainer])).toEqual([
    ['churn-rollout-current', { Image: XGBOOST_IMAGE, ModelDataUrl: ARTEFACT_URI }],
    ['churn-rollout-new', { Image: XGBOOST_IMAGE, ModelDataUrl: NEW_ARTEFACT_URI }],
  ]);
  expect(solution.referenceEndpointConfig(solution.ROLLOUT_CONFIG, solution.NEW_MODEL).ProductionVariants).toEqual(referenceEndpointConfig().ProductionVariants);
  expect(solution.referenceDeploymentConfig()).toEqual(referenceDeploymentConfig());
  const alarm = solution.referenceAlarm();
  expect(referenceAlarm()).toMatchObject({ AlarmName: alarm.AlarmName, Namespace: alarm.Namespace, MetricName: alarm.MetricName, Dimensions: alarm.Dimensions, Period: alarm.Period, EvaluationPeriods: alarm.EvaluationPeriods, Threshold: alarm.Threshold });
  expect(scalableTarget()).toMatchObject(solution.referenceScalableTarget());
  const { PolicyName, PolicyType, TargetTrackingScalingPolicyConfiguration } = solution.referenceScalingPolicy();
  expect(scalingPolicies().ScalingPolicies![0]).toMatchObject({ PolicyName, PolicyType, TargetTrackingScalingPolicyConfiguration });
});

// An API error is an error (the runner says what to grant or retry), never a fail.
test.each([
  ['R1', 'DescribeEndpoint denied', () => sagemaker.on(DescribeEndpointCommand).rejects(awsError('AccessDeniedException', 'denied')), /sagemaker:DescribeEndpoint/],
  ['R2', 'DescribeModel throttled', () => sagemaker.on(DescribeModelCommand).rejects(awsError('ThrottlingException', 'Rate exceeded')), /.+/],
  ['R3', 'DescribeAlarms denied', () => cloudwatch.on(DescribeAlarmsCommand).rejects(awsError('AccessDenied', 'User is not authorized to perform cloudwatch:DescribeAlarms', 403)), /cloudwatch:DescribeAlarms/],
  ['R4', 'GetMetricData denied', () => cloudwatch.on(GetMetricDataCommand).rejects(awsError('AccessDenied', 'User is not authorized to perform cloudwatch:GetMetricData', 403)), /cloudwatch:GetMetricData/],
  ['R5', 'DescribeScalableTargets throttled', () => autoscaling.on(DescribeScalableTargetsCommand).rejects(awsError('ThrottlingException', 'Rate exceeded')), /.+/],
  ['R5', 'DescribeScalingPolicies denied', () => autoscaling.on(DescribeScalingPoliciesCommand).rejects(awsError('AccessDeniedException', 'denied')), /application-autoscaling:DescribeScalingPolicies/],
] as const)('%s is an error when %s', async (id, _what, arrange, finding) => {
  arrange();
  const r = await checkRequirement(lab, id);
  expect(r.status).toBe('error');
  expect(r.findings[0]).toMatch(finding);
});

describe('rollout arithmetic', () => {
  test.each([
    [9, 1],
    [0.9, 0.1],
    [90, 10],
    [1, 9],
  ])('weights %p and %p give the candidate 10%', (a, b) => {
    const split = splitOf({ name: 'a', weight: a, instances: 1 }, { name: 'b', weight: b, instances: 1 })!;
    expect(split.candidate.share).toBeCloseTo(0.1, 9);
    expect(percent(split.candidate.share)).toBe('10%');
  });

  test('no traffic at all is no split', () => {
    expect(splitOf({ name: 'a', weight: 0, instances: 1 }, { name: 'b', weight: 0, instances: 1 })).toBeUndefined();
  });

  test('a step as a share of the smallest variant (API_CapacitySize)', () => {
    expect(stepPercent({ Type: 'CAPACITY_PERCENT', Value: 10 }, 1)).toBe(10);
    expect(stepPercent({ Type: 'INSTANCE_COUNT', Value: 1 }, 1)).toBe(100);
    expect(stepPercent({ Type: 'INSTANCE_COUNT', Value: 1 }, 10)).toBe(10);
    expect(stepPercent({ Type: 'INSTANCE_COUNT', Value: 1 }, undefined)).toBeUndefined();
    expect(stepPercent(undefined, 1)).toBeUndefined();
  });

  test('an alarm fires after DatapointsToAlarm (else EvaluationPeriods) periods', () => {
    expect(secondsToAlarm({ Period: 60, EvaluationPeriods: 1 })).toBe(60);
    expect(secondsToAlarm({ Period: 600, EvaluationPeriods: 2 })).toBe(1200);
    expect(secondsToAlarm({ Period: 60, EvaluationPeriods: 5, DatapointsToAlarm: 3 })).toBe(180);
    expect(secondsToAlarm({ EvaluationPeriods: 1 })).toBeUndefined();
  });
});

describe('R1 the endpoint and its weights', () => {
  test.each([
    ['weights 0.9 and 0.1', [['production', 0.9], ['candidate', 0.1]]],
    ['weights 90 and 10, the candidate listed first', [['candidate', 10], ['production', 90]]],
    ['variant names of the learner\'s own (AllTraffic and challenger)', [['AllTraffic', 9], ['challenger', 1]]],
    ['production scaled out to its second instance', [['production', 9, 2], ['candidate', 1, 1]]],
  ] as [string, [string, number, number?][]][])('passes with %s', async (_what, variants) => {
    sagemaker.on(DescribeEndpointCommand).resolves(withVariants(...variants));
    sagemaker.on(DescribeEndpointConfigCommand).resolves({
      ...referenceEndpointConfig(),
      ProductionVariants: variants.map(([VariantName]) => ({ VariantName, ModelName: 'm', InstanceType: 'ml.t2.medium', InitialInstanceCount: 1 })),
    });
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('pass');
    expect(r.findings[0]).toMatch(/\(weight [\d.]+, 90%\), candidate \S+ \(weight [\d.]+, 10%\)/);
  });

  test('fails on equal weights, and says half of the customers meet an unproven model', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(withVariants(['production', 1], ['candidate', 1]));
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([expect.stringMatching(/send 50% of requests to the candidate; the scenario asks for 10%\..*half of the customers/)]);
  });

  test('fails on 8 and 2, which is 20%, and explains relative weights', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(withVariants(['production', 8], ['candidate', 2]));
    expect((await checkRequirement(lab, 'R1')).findings[0]).toMatch(/send 20% .*its weight divided by the sum of the weights/);
  });

  test('fails on a shadow variant, teaching that its answers never reach a customer', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(
      referenceEndpoint({ ProductionVariants: [liveVariant('production', 1)], ShadowProductionVariants: [liveVariant('shadow', 1)] }),
    );
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/shadow variant shadow: .*answers are never returned.*only a second production variant with a weight/);
    expect(r.findings[1]).toMatch(/has 1 production variant/);
  });

  test('fails on a larger instance type, and on a serverless candidate', async () => {
    sagemaker.on(DescribeEndpointConfigCommand).resolves(
      referenceEndpointConfig({ production: { InstanceType: 'ml.m5.xlarge' }, candidate: { InstanceType: undefined, InitialInstanceCount: undefined, ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 2 } } }),
    );
    const r = await checkRequirement(lab, 'R1');
    expect(r.findings).toEqual([expect.stringMatching(/production variant production runs on ml\.m5\.xlarge; the lab allows ml\.t2\.medium/), expect.stringMatching(/candidate variant candidate is serverless: .*DesiredInstanceCount/)]);
  });

  test('fails when the candidate runs two instances', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(withVariants(['production', 9, 1], ['candidate', 1, 2]));
    expect((await checkRequirement(lab, 'R1')).findings).toEqual([expect.stringMatching(/candidate variant candidate runs 2 instance\(s\); the lab runs one: every instance bills/)]);
  });

  test('fails while Updating, and says to check again', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(referenceEndpoint({ EndpointStatus: 'Updating' }));
    expect((await checkRequirement(lab, 'R1')).findings[0]).toMatch(/is Updating\. Run the check again/);
  });

  test('fails when the endpoint does not exist (ValidationException)', async () => {
    sagemaker.on(DescribeEndpointCommand).rejects(awsError('ValidationException', 'Could not find endpoint "churn-rollout".'));
    expect((await checkRequirement(lab, 'R1')).findings[0]).toMatch(/No endpoint named churn-rollout/);
  });

  test('fails on an endpoint configuration teardown would not find', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(referenceEndpoint({ EndpointConfigName: 'ab-test-config' }));
    sagemaker.on(DescribeEndpointConfigCommand, { EndpointConfigName: 'ab-test-config' }).resolves(referenceEndpointConfig());
    expect((await checkRequirement(lab, 'R1')).findings[0]).toMatch(/uses endpoint configuration ab-test-config; name it 'churn-rollout-\.\.\.'/);
  });

  test('is an error when the endpoint\'s configuration was deleted while in use: its instance types cannot be read', async () => {
    sagemaker.on(DescribeEndpointConfigCommand).rejects(awsError('ValidationException', 'Could not find endpoint configuration "churn-rollout-config-2".'));
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/cannot find \(deleted while in use\?\), so the variants' instance types cannot be read/);
  });

  test('is an error when DescribeEndpoint reports no weights (not enough seen)', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(referenceEndpoint({ ProductionVariants: [{ VariantName: 'production' }, { VariantName: 'candidate' }] }));
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/reports no weight/);
  });

});

describe('R2 the two models', () => {
  test('passes and names the training job behind each variant', async () => {
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('pass');
    expect(r.findings).toEqual([expect.stringMatching(new RegExp(`^production: churn-rollout-current serves .* from ${JOB_NAME}`)), expect.stringMatching(new RegExp(`^candidate: churn-rollout-new serves .* from ${NEW_JOB}`))]);
  });

  test.each([
    ['the one container given in Containers', { PrimaryContainer: undefined, Containers: [{ Image: XGBOOST_IMAGE, ModelDataUrl: NEW_ARTEFACT_URI }] }],
    ['model data as ModelDataSource.S3DataSource', { PrimaryContainer: { Image: XGBOOST_IMAGE, ModelDataSource: { S3DataSource: { S3Uri: NEW_ARTEFACT_URI, S3DataType: 'S3Object' as const, CompressionType: 'Gzip' as const } } } }],
    ['the image of another region, same repository and tag', { PrimaryContainer: { Image: xgboostImageUri('eu-west-1'), ModelDataUrl: NEW_ARTEFACT_URI } }],
  ])('passes with %s', async (_what, overrides) => {
    sagemaker.on(DescribeModelCommand, { ModelName: 'churn-rollout-new' }).resolves(referenceModel('churn-rollout-new', NEW_ARTEFACT_URI, overrides));
    expect((await checkRequirement(lab, 'R2')).status).toBe('pass');
  });

  test('fails when both models serve the same artefact: not a new version', async () => {
    sagemaker.on(DescribeModelCommand, { ModelName: 'churn-rollout-new' }).resolves(referenceModel('churn-rollout-new', ARTEFACT_URI));
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([expect.stringMatching(/Both models serve .* not a new version, and the split can only measure noise/)]);
  });

  test('fails when both variants serve one model', async () => {
    sagemaker.on(DescribeEndpointConfigCommand).resolves(referenceEndpointConfig({ candidate: { ModelName: 'churn-rollout-current' } }));
    expect((await checkRequirement(lab, 'R2')).findings[0]).toMatch(/Both variants serve model churn-rollout-current: the split would compare a model with itself/);
  });

  test('fails on an artefact no churn-xgb- job produced, on another algorithm\'s image, and on a name teardown misses', async () => {
    sagemaker.on(DescribeEndpointConfigCommand).resolves(referenceEndpointConfig({ production: { ModelName: 'xgb-current' } }));
    sagemaker.on(DescribeModelCommand, { ModelName: 'xgb-current' }).resolves(referenceModel('xgb-current', `s3://${BUCKET}/elsewhere/model.tar.gz`));
    sagemaker.on(DescribeModelCommand, { ModelName: 'churn-rollout-new' }).resolves(
      referenceModel('churn-rollout-new', NEW_ARTEFACT_URI, { PrimaryContainer: { Image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3', ModelDataUrl: NEW_ARTEFACT_URI } }),
    );
    const r = await checkRequirement(lab, 'R2');
    expect(r.findings).toEqual([
      expect.stringMatching(/Model xgb-current \(production\) is not named 'churn-rollout-\.\.\.'/),
      expect.stringMatching(/xgb-current \(production\) serves s3:\/\/.*elsewhere.* not the artefact of any Completed 'churn-xgb-\*' training job/),
      expect.stringMatching(/repository 'sagemaker-scikit-learn'.*cannot read model\.tar\.gz/),
    ]);
  });

  test('fails when the candidate\'s artefact was deleted, naming the instances that would load it', async () => {
    s3.on(HeadObjectCommand, { Key: NEW_ARTEFACT_KEY }).rejects(awsError('NotFound', 'Not Found', 404));
    expect((await checkRequirement(lab, 'R2')).findings).toEqual([expect.stringMatching(/\(candidate, from churn-xgb-20261128-1404\) no longer exists: the next instance that auto scaling or a blue\/green update starts/)]);
  });

  test('fails when no churn-xgb- job has completed', async () => {
    sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [] });
    expect((await checkRequirement(lab, 'R2')).findings[0]).toMatch(/finish the xgboost-builtin lab first \(twice/);
  });

  test('is an error when S3 answers a bare 403 (missing or unreadable, not enough seen)', async () => {
    s3.on(HeadObjectCommand).rejects(Object.assign(new Error('UnknownError'), { name: 'Unknown', $fault: 'client', $metadata: { httpStatusCode: 403, attempts: 1 } }));
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/is missing or unreadable/);
  });

});

describe('R3 the deployment guardrail', () => {
  test('passes, and says what rolls the update back and how soon', async () => {
    const r = await checkRequirement(lab, 'R3');
    expect(r.findings[0]).toMatch(/blue\/green CANARY, first step CAPACITY_PERCENT 10, baking 300 s, rolled back by alarm churn-rollout-candidate-5xx \(Invocation5XXErrors of churn-rollout, able to fire after 60 s\)/);
    expect(cloudwatch).toHaveReceivedCommandWith(DescribeAlarmsCommand, { AlarmNames: ['churn-rollout-candidate-5xx'], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] });
  });

  test.each([
    ['LINEAR steps of 10% of capacity', { Type: 'LINEAR', LinearStepSize: { Type: 'CAPACITY_PERCENT', Value: 10 }, WaitIntervalInSeconds: 300 }],
    ['a smaller canary of 5%', { Type: 'CANARY', CanarySize: { Type: 'CAPACITY_PERCENT', Value: 5 }, WaitIntervalInSeconds: 600 }],
  ])('passes with %s', async (_what, routing) => {
    sagemaker.on(DescribeEndpointCommand).resolves(withRouting(routing));
    expect((await checkRequirement(lab, 'R3')).status).toBe('pass');
  });

  test.each([
    ['Invocation4XXErrors with the new fleet\'s EndpointConfigName (the guardrails page\'s example)', { MetricName: 'Invocation4XXErrors', Statistic: 'Average' as const, Dimensions: [{ Name: 'EndpointName', Value: 'churn-rollout' }, { Name: 'VariantName', Value: 'candidate' }, { Name: 'EndpointConfigName', Value: 'churn-rollout-config-2' }] }],
    ['the production variant\'s errors', { Dimensions: [{ Name: 'VariantName', Value: 'production' }, { Name: 'EndpointName', Value: 'churn-rollout' }] }],
    ['three of five one-minute periods', { EvaluationPeriods: 5, DatapointsToAlarm: 3 }],
    [
      'a metric math error rate',
      {
        MetricName: undefined,
        Namespace: undefined,
        Statistic: undefined,
        Dimensions: undefined,
        Period: undefined,
        Metrics: [
          { Id: 'errors', MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocation5XXErrors', Dimensions: [{ Name: 'EndpointName', Value: 'churn-rollout' }, { Name: 'VariantName', Value: 'candidate' }] }, Period: 60, Stat: 'Sum' }, ReturnData: false },
          { Id: 'calls', MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: [{ Name: 'EndpointName', Value: 'churn-rollout' }, { Name: 'VariantName', Value: 'candidate' }] }, Period: 60, Stat: 'Sum' }, ReturnData: false },
          { Id: 'rate', Expression: 'errors / calls', ReturnData: true },
        ],
      },
    ],
  ])('passes with an alarm on %s', async (_what, overrides) => {
    cloudwatch.on(DescribeAlarmsCommand).resolves(alarms(referenceAlarm(overrides as any)));
    expect((await checkRequirement(lab, 'R3')).status).toBe('pass');
  });

  test('fails without a deployment configuration: all at once, nothing rolls back', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(referenceEndpoint({ LastDeploymentConfig: undefined }));
    expect((await checkRequirement(lab, 'R3')).findings[0]).toMatch(/no deployment configuration .*all traffic to the new fleet at once, with no baking period and no alarm/);
  });

  test('fails on ALL_AT_ONCE, teaching that every customer meets the new fleet first', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(withRouting({ Type: 'ALL_AT_ONCE', WaitIntervalInSeconds: 300 }));
    expect((await checkRequirement(lab, 'R3')).findings[0]).toMatch(/ALL_AT_ONCE: .*every customer has met the new fleet/);
  });

  test('fails on a canary of half the fleet, and on one instance of a one-instance variant', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(withRouting({ Type: 'CANARY', CanarySize: { Type: 'CAPACITY_PERCENT', Value: 50 }, WaitIntervalInSeconds: 300 }));
    expect((await checkRequirement(lab, 'R3')).findings[0]).toMatch(/turns on 50% of the new fleet; the scenario allows at most 10%/);
    sagemaker.on(DescribeEndpointCommand).resolves(withRouting({ Type: 'CANARY', CanarySize: { Type: 'INSTANCE_COUNT', Value: 1 }, WaitIntervalInSeconds: 300 }));
    expect((await checkRequirement(lab, 'R3')).findings[0]).toMatch(/turns on 100% of the new fleet \(1 instance\(s\) of a variant of 1\).*give the step as CAPACITY_PERCENT/);
  });

  test('fails on a rolling update: not for multi-variant endpoints', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(
      referenceEndpoint({ LastDeploymentConfig: { RollingUpdatePolicy: { MaximumBatchSize: { Type: 'CAPACITY_PERCENT', Value: 10 }, WaitIntervalInSeconds: 300 } } }),
    );
    expect((await checkRequirement(lab, 'R3')).findings[0]).toMatch(/rolling update: the deployment guardrails exclusions rule rolling deployments out for multi-variant endpoints/);
  });

  test('fails without rollback alarms: the baking period only waits', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(referenceEndpoint({ LastDeploymentConfig: referenceDeploymentConfig({ AutoRollbackConfiguration: undefined }) }));
    expect((await checkRequirement(lab, 'R3')).findings[0]).toMatch(/No alarm is configured for automatic rollback .*only waits/);
    expect(cloudwatch.commandCalls(DescribeAlarmsCommand)).toHaveLength(0);
  });

  test('fails when the named alarm does not exist', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves(alarms());
    expect((await checkRequirement(lab, 'R3')).findings).toEqual([expect.stringMatching(/Rollback alarm churn-rollout-candidate-5xx does not exist/)]);
  });

  test.each([
    ['latency instead of errors', { MetricName: 'ModelLatency' }, /watches AWS\/SageMaker\/ModelLatency, not the endpoint's invocation errors/],
    ['the AWS example\'s VariantName AllTraffic', { Dimensions: [{ Name: 'EndpointName', Value: 'churn-rollout' }, { Name: 'VariantName', Value: 'AllTraffic' }] }, /variant AllTraffic, which churn-rollout does not have .*not a wildcard/],
    ['no VariantName', { Dimensions: [{ Name: 'EndpointName', Value: 'churn-rollout' }] }, /without a VariantName dimension: .*never receives data/],
    ['another endpoint', { Dimensions: [{ Name: 'EndpointName', Value: 'churn-serverless' }, { Name: 'VariantName', Value: 'AllTraffic' }] }, /of endpoint churn-serverless, not of churn-rollout/],
    ['two ten-minute periods, longer than the 300 s baking (the guardrails page\'s example numbers)', { Period: 600, EvaluationPeriods: 2 }, /needs 2 breaching period\(s\) of 600 s \(1200 s\) to fire, longer than the 300 s baking period/],
    ['a name teardown would miss', { AlarmName: 'my-alarm' }, /name it 'churn-rollout-\.\.\.' so teardown finds/],
  ])('fails on an alarm watching %s', async (_what, overrides, finding) => {
    cloudwatch.on(DescribeAlarmsCommand).resolves(alarms(referenceAlarm(overrides as any)));
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('fail');
    expect(r.findings.join(' ')).toMatch(finding);
  });

  test('is an error when the only rollback alarm is composite (the check reads metric alarms only)', async () => {
    cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [], CompositeAlarms: [{ AlarmName: 'churn-rollout-candidate-5xx', AlarmRule: 'ALARM(a) OR ALARM(b)' }] });
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/composite .*cannot be told/);
  });

});

describe('R4 traffic on both variants', () => {
  test('asks AWS/SageMaker for each variant by the names DescribeEndpoint reports, over 7 days', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(withVariants(['AllTraffic', 9], ['challenger', 1]));
    expect((await checkRequirement(lab, 'R4')).status).toBe('pass');
    const input = cloudwatch.commandCalls(GetMetricDataCommand)[0]!.args[0].input;
    const asked = input.MetricDataQueries!.map((q) => [q.Id, q.MetricStat!.Metric!.MetricName, q.MetricStat!.Metric!.Dimensions!.map((d) => d.Value).join('/'), q.MetricStat!.Stat]);
    expect(asked).toEqual([
      ['v0_invocations', 'Invocations', 'churn-rollout/AllTraffic', 'Sum'],
      ['v0_errors4xx', 'Invocation4XXErrors', 'churn-rollout/AllTraffic', 'Sum'],
      ['v0_errors5xx', 'Invocation5XXErrors', 'churn-rollout/AllTraffic', 'Sum'],
      ['v1_invocations', 'Invocations', 'churn-rollout/challenger', 'Sum'],
      ['v1_errors4xx', 'Invocation4XXErrors', 'churn-rollout/challenger', 'Sum'],
      ['v1_errors5xx', 'Invocation5XXErrors', 'churn-rollout/challenger', 'Sum'],
    ]);
    expect(input.MetricDataQueries!.every((q) => q.MetricStat!.Metric!.Namespace === 'AWS/SageMaker')).toBe(true);
    expect(input.EndTime!.getTime() - input.StartTime!.getTime()).toBe(7 * 86_400_000);
  });

  test('passes with the counts of each variant', async () => {
    expect((await checkRequirement(lab, 'R4')).findings[0]).toMatch(/production production: 180 invocation\(s\), 2 with a 4XX or 5XX error, 178 served; candidate candidate: 20 invocation\(s\), 0 .*20 served/);
  });

  test('fails when the candidate took no request, and says how many to send', async () => {
    cloudwatch.on(GetMetricDataCommand).resolves(metricData({ invocations: [30] }, { invocations: [] }));
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('fail');
    expect(r.findings[1]).toMatch(/one request in ten: send the endpoint about 200 requests/);
  });

  test('fails when the candidate\'s answers were errors', async () => {
    cloudwatch.on(GetMetricDataCommand).resolves(metricData(undefined, { invocations: [12], errors5xx: [10] }));
    const r = await checkRequirement(lab, 'R4');
    expect(r.findings[0]).toMatch(/candidate candidate: 12 invocation\(s\), 10 with a 4XX or 5XX error, 2 served/);
    expect(r.findings[1]).toMatch(/Errors are not answers/);
  });

  test('is an error when CloudWatch returned partial data and too few (not enough seen)', async () => {
    cloudwatch.on(GetMetricDataCommand).resolves(metricData({ invocations: [30] }, { invocations: [2] }, 'PartialData'));
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/did not return every data point \(v0_invocations/);
  });

});

describe('R5 auto scaling of the production variant', () => {
  test('asks Application Auto Scaling for both variants and the policies of production', async () => {
    const r = await checkRequirement(lab, 'R5');
    expect(r.findings[0]).toMatch(/endpoint\/churn-rollout\/variant\/production scales between 1 and 2 instances with churn-rollout-invocations-per-instance \(TargetTrackingScaling, target 70 on SageMakerVariantInvocationsPerInstance\)/);
    expect(autoscaling).toHaveReceivedCommandWith(DescribeScalableTargetsCommand, { ServiceNamespace: 'sagemaker', ResourceIds: [PRODUCTION_RESOURCE, CANDIDATE_RESOURCE], ScalableDimension: 'sagemaker:variant:DesiredInstanceCount' });
    expect(autoscaling).toHaveReceivedCommandWith(DescribeScalingPoliciesCommand, { ServiceNamespace: 'sagemaker', ResourceId: PRODUCTION_RESOURCE, ScalableDimension: 'sagemaker:variant:DesiredInstanceCount' });
  });

  test('passes with a step scaling policy and the learner\'s own variant names', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(withVariants(['AllTraffic', 9], ['challenger', 1]));
    autoscaling.on(DescribeScalableTargetsCommand).resolves(scalableTargets(scalableTarget({ ResourceId: 'endpoint/churn-rollout/variant/AllTraffic' })));
    autoscaling.on(DescribeScalingPoliciesCommand).resolves({ ScalingPolicies: [{ ...scalingPolicies().ScalingPolicies![0]!, PolicyType: 'StepScaling', TargetTrackingScalingPolicyConfiguration: undefined }] });
    expect((await checkRequirement(lab, 'R5')).status).toBe('pass');
  });

  test('fails when no target is registered', async () => {
    autoscaling.on(DescribeScalableTargetsCommand).resolves(scalableTargets());
    expect((await checkRequirement(lab, 'R5')).findings[0]).toMatch(/No scalable target is registered for endpoint\/churn-rollout\/variant\/production/);
  });

  test('fails when only the candidate scales, teaching where the load grows', async () => {
    autoscaling.on(DescribeScalableTargetsCommand).resolves(scalableTargets(scalableTarget({ ResourceId: CANDIDATE_RESOURCE })));
    expect((await checkRequirement(lab, 'R5')).findings[0]).toMatch(/Only the candidate variant candidate is a scalable target: it answers 10% .*production production \(90%\), which is the variant to scale/);
  });

  test.each([
    [{ MinCapacity: 2, MaxCapacity: 2 }, [/MinCapacity is 2: 2 instances bill every hour/, /MaxCapacity is 2, equal to the minimum|MaxCapacity/]],
    [{ MinCapacity: 1, MaxCapacity: 8 }, [/MaxCapacity is 8: a traffic spike could start 8 instances/]],
    [{ MinCapacity: 1, MaxCapacity: 1 }, [/MaxCapacity is 1, equal to the minimum: the target can never add an instance/]],
  ])('fails on bounds %o', async (bounds, findings) => {
    autoscaling.on(DescribeScalableTargetsCommand).resolves(scalableTargets(scalableTarget(bounds)));
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(findings[0]!);
  });

  test('fails on a target without a policy: bounds that never scale', async () => {
    autoscaling.on(DescribeScalingPoliciesCommand).resolves(scalingPolicies(0));
    expect((await checkRequirement(lab, 'R5')).findings).toEqual([expect.stringMatching(/has bounds but no scaling policy, so it never scales/)]);
  });


  test('is an error when the endpoint reports no weights, so production cannot be told (not enough seen)', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(referenceEndpoint({ ProductionVariants: [{ VariantName: 'production' }, { VariantName: 'candidate' }] }));
    expect((await checkRequirement(lab, 'R5')).status).toBe('error');
  });
});
