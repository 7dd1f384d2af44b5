import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DescribeEndpointCommand, DescribeEndpointConfigCommand, DescribeTransformJobCommand, ListTransformJobsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { GetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { lab } from '../../../labs/inference-choice/lab';
import { awsError, checkRequirement, CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import {
  BUCKET,
  DECISION_KEY,
  decisionsJson,
  ERROR_TOPIC,
  JOB_NAME,
  OUTPUT_KEY,
  referenceConfig,
  referenceEndpoint,
  referenceTransform,
  scalableTarget,
  scalingPolicies,
  SUCCESS_TOPIC,
  transformOutput,
  transformSummary,
  wakeAlarm,
} from './fixtures';

const sagemaker = mockClient(SageMakerClient);
const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);
const autoscaling = mockClient(ApplicationAutoScalingClient);
const cloudwatch = mockClient(CloudWatchClient);
const cfn = mockClient(CloudFormationClient);

/** An S3 GetObject answer: the checks read the body with the SDK's transformToString. */
const body = (text: string) => ({ Body: { transformToString: async () => text } as any });
const OLDER_JOB = 'churn-nightly-20261130-0100';

beforeEach(() => {
  for (const m of [sagemaker, s3, sns, autoscaling, cloudwatch, cfn]) m.reset();
  mockStackOutputs(cfn, lab.id, { LabBucketName: BUCKET });
  s3.on(GetObjectCommand, { Bucket: BUCKET, Key: DECISION_KEY }).resolves(body(decisionsJson()));
  s3.on(GetObjectCommand, { Bucket: BUCKET, Key: OUTPUT_KEY }).resolves(body(transformOutput()));
  s3.on(ListObjectsV2Command, { Prefix: 'async/output/' }).resolves({ Contents: [{ Key: 'async/output/6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5.out', LastModified: new Date('2026-12-01T00:47:12Z'), Size: 850 }], KeyCount: 1 });
  s3.on(ListObjectsV2Command, { Prefix: 'async/failures/' }).resolves({ KeyCount: 0 });
  sagemaker.on(DescribeEndpointCommand, { EndpointName: 'churn-async' }).resolves(referenceEndpoint());
  sagemaker.on(DescribeEndpointConfigCommand, { EndpointConfigName: 'churn-async-config' }).resolves(referenceConfig());
  sns.on(GetTopicAttributesCommand).callsFake((i) => ({ Attributes: { TopicArn: i.TopicArn } }));
  autoscaling.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [scalableTarget()] });
  autoscaling.on(DescribeScalingPoliciesCommand).resolves({ ScalingPolicies: scalingPolicies() });
  cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [wakeAlarm()] });
  sagemaker.on(ListTransformJobsCommand).resolves({ TransformJobSummaries: [transformSummary(JOB_NAME, 'Completed', '2026-12-01T01:00:12Z'), transformSummary(OLDER_JOB, 'Failed', '2026-11-30T01:00:09Z')] });
  sagemaker.on(DescribeTransformJobCommand, { TransformJobName: JOB_NAME }).resolves(referenceTransform());
});

test('the reference state passes every requirement', async () => {
  for (const r of lab.requirements) {
    const result = await checkRequirement(lab, r.id);
    expect([r.id, result.status, result.findings]).toEqual([r.id, 'pass', expect.any(Array)]);
  }
});

describe('R1 the decision record', () => {
  test('fails on each wrong choice, explaining it with the scenario\'s numbers', async () => {
    s3.on(GetObjectCommand, { Key: DECISION_KEY }).resolves(body(decisionsJson({ 'agent-lookup': 'real-time', 'partner-portfolios': 'serverless', 'nightly-call-list': 'async', 'checkout-offers': 'serverless' })));
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      expect.stringMatching(/^agent-lookup .*real-time does not fit: .*USD 83 a month .*9,000 requests a month/),
      expect.stringMatching(/^partner-portfolios .*serverless does not fit: .*capped at 4 MB .*60 seconds: a 40 MB file/),
      expect.stringMatching(/^nightly-call-list .*asynchronous does not fit: .*within at most 60 minutes: it neither splits/),
      expect.stringMatching(/^checkout-offers .*serverless does not fit: .*cold start alone breaks a 100 ms answer/),
    ]);
  });

  test('fails on batch for the partner files and real-time for them: no request API, and the 60-second limit', async () => {
    s3.on(GetObjectCommand, { Key: DECISION_KEY }).resolves(body(decisionsJson({ 'partner-portfolios': 'batch' })));
    expect((await checkRequirement(lab, 'R1')).findings).toEqual([expect.stringMatching(/batch-transform does not fit: a transform job has no request to call/)]);
    s3.on(GetObjectCommand, { Key: DECISION_KEY }).resolves(body(decisionsJson({ 'partner-portfolios': 'Real-Time' })));
    expect((await checkRequirement(lab, 'R1')).findings).toEqual([expect.stringMatching(/within 60 seconds \(InvokeEndpoint\), and a file takes about 120/)]);
  });

  test('fails when the record is missing, and says where it belongs', async () => {
    s3.on(GetObjectCommand, { Key: DECISION_KEY }).rejects(awsError('NoSuchKey', 'The specified key does not exist.', 404));
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(new RegExp(`no decision record at s3://${BUCKET}/decisions/inference-choice\\.json`));
  });

  test('fails on invalid JSON, a missing workload and an unknown option', async () => {
    s3.on(GetObjectCommand, { Key: DECISION_KEY }).resolves(body('{"agent-lookup": "serverless",'));
    expect((await checkRequirement(lab, 'R1')).findings[0]).toMatch(/is not valid JSON/);
    s3.on(GetObjectCommand, { Key: DECISION_KEY }).resolves(body(JSON.stringify({ 'agent-lookup': 'serverless', 'partner-portfolios': 'lambda', 'nightly-call-list': 'batch' })));
    const r = await checkRequirement(lab, 'R1');
    expect(r.findings).toEqual([expect.stringMatching(/partner-portfolios: 'lambda' is not one of the four options/), expect.stringMatching(/checkout-offers .*no option stated/)]);
  });

  test.each([
    ['the documentation\'s names in any case', { 'agent-lookup': 'Serverless Inference', 'partner-portfolios': 'Asynchronous Inference', 'nightly-call-list': 'Batch Transform', 'checkout-offers': 'Real-time inference' }],
    ['the short forms', { 'agent-lookup': 'SERVERLESS', 'partner-portfolios': 'async', 'nightly-call-list': 'batch', 'checkout-offers': 'realtime' }],
    ['underscores and spaces', { 'agent-lookup': ' serverless ', 'partner-portfolios': 'asynchronous', 'nightly-call-list': 'batch_transform', 'checkout-offers': 'real time' }],
    ['objects with an option and reasons', { 'agent-lookup': { option: 'serverless', why: 'bursts, idle nights' }, 'partner-portfolios': { option: 'async' }, 'nightly-call-list': { option: 'batch-transform' }, 'checkout-offers': { option: 'real-time' } }],
  ])('passes with %s', async (_what, record) => {
    s3.on(GetObjectCommand, { Key: DECISION_KEY }).resolves(body(JSON.stringify(record)));
    expect((await checkRequirement(lab, 'R1')).status).toBe('pass');
  });

  test('is an error when S3 denies the read, and names the permission', async () => {
    s3.on(GetObjectCommand, { Key: DECISION_KEY }).rejects(awsError('AccessDenied', 'Access Denied', 403));
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('error');
    expect(r.findings.join(' ')).toMatch(/s3:GetObject/);
  });
});

describe('R2 the asynchronous endpoint', () => {
  test('fails on a real-time configuration and says why the partner files need asynchronous inference', async () => {
    sagemaker.on(DescribeEndpointConfigCommand).resolves(referenceConfig({ AsyncInferenceConfig: undefined }));
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([expect.stringMatching(/no AsyncInferenceConfig, so the endpoint is real-time: .*within 60 seconds, and a partner file takes about 120; .*1 GB/)]);
  });

  test('fails on output paths outside the lab prefixes, no failure path, and a missing error topic', async () => {
    const config = referenceConfig();
    sagemaker.on(DescribeEndpointConfigCommand).resolves({
      ...config,
      AsyncInferenceConfig: { OutputConfig: { S3OutputPath: `s3://${BUCKET}/results/`, NotificationConfig: { SuccessTopic: SUCCESS_TOPIC } } },
    });
    const r = await checkRequirement(lab, 'R2');
    expect(r.findings).toEqual([
      expect.stringMatching(/S3OutputPath is s3:\/\/.*\/results\/; the answers belong under s3:\/\/.*\/async\/output\//),
      expect.stringMatching(/S3FailurePath is not set/),
      expect.stringMatching(/NotificationConfig.ErrorTopic is not set/),
    ]);
  });

  test('fails on a topic that does not exist and on a topic outside the lab names', async () => {
    sns.on(GetTopicAttributesCommand, { TopicArn: ERROR_TOPIC }).rejects(awsError('NotFoundException', 'Topic does not exist', 404));
    const config = referenceConfig();
    const output = config.AsyncInferenceConfig!.OutputConfig!;
    sagemaker.on(DescribeEndpointConfigCommand).resolves({ ...config, AsyncInferenceConfig: { OutputConfig: { ...output, NotificationConfig: { SuccessTopic: SUCCESS_TOPIC.replace('sagemaker-churn-async-success', 'alerts'), ErrorTopic: ERROR_TOPIC } } } });
    expect((await checkRequirement(lab, 'R2')).findings).toEqual([expect.stringMatching(/SuccessTopic is .*:alerts; use a topic named sagemaker-churn-async\*/), expect.stringMatching(/ErrorTopic names .* which does not exist/)]);
  });

  test('fails on another instance type and on a serverless variant', async () => {
    const config = referenceConfig();
    sagemaker.on(DescribeEndpointConfigCommand).resolves({ ...config, ProductionVariants: [{ ...config.ProductionVariants![0]!, InstanceType: 'ml.g4dn.xlarge' }] });
    expect((await checkRequirement(lab, 'R2')).findings).toEqual([expect.stringMatching(/runs on ml\.g4dn\.xlarge; the lab allows ml\.m5\.large/)]);
    sagemaker.on(DescribeEndpointConfigCommand).resolves({ ...config, ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'churn-choice-model', ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 2 } }] });
    expect((await checkRequirement(lab, 'R2')).findings).toEqual([expect.stringMatching(/is serverless: .*4 MB and 60 seconds/)]);
  });

  test('fails while the endpoint is Creating, and when it does not exist', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(referenceEndpoint({ EndpointStatus: 'Creating' }));
    expect((await checkRequirement(lab, 'R2')).findings).toEqual([expect.stringMatching(/is Creating\. Run the check again once it is InService/)]);
    sagemaker.on(DescribeEndpointCommand).rejects(awsError('ValidationException', 'Could not find endpoint "churn-async".'));
    expect((await checkRequirement(lab, 'R2')).findings).toEqual([expect.stringMatching(/No endpoint named churn-async exists/)]);
  });

  test.each([
    ['paths without the trailing slash', { S3OutputPath: `s3://${BUCKET}/async/output`, S3FailurePath: `s3://${BUCKET}/async/failures` }],
    ['paths deeper under the lab prefixes', { S3OutputPath: `s3://${BUCKET}/async/output/partner/`, S3FailurePath: `s3://${BUCKET}/async/failures/partner/` }],
    ['one topic for success and errors', { NotificationConfig: { SuccessTopic: SUCCESS_TOPIC, ErrorTopic: SUCCESS_TOPIC } }],
  ])('passes with %s', async (_what, change) => {
    const config = referenceConfig();
    sagemaker.on(DescribeEndpointConfigCommand).resolves({ ...config, AsyncInferenceConfig: { ...config.AsyncInferenceConfig, OutputConfig: { ...config.AsyncInferenceConfig!.OutputConfig, ...change } } });
    expect((await checkRequirement(lab, 'R2')).status).toBe('pass');
  });

  test('passes with a variant named other than AllTraffic', async () => {
    const config = referenceConfig();
    sagemaker.on(DescribeEndpointConfigCommand).resolves({ ...config, ProductionVariants: [{ ...config.ProductionVariants![0]!, VariantName: 'variant-1' }] });
    expect((await checkRequirement(lab, 'R2')).status).toBe('pass');
  });

  test('is an error when SNS is throttled', async () => {
    sns.on(GetTopicAttributesCommand).rejects(awsError('Throttling', 'Rate exceeded'));
    expect((await checkRequirement(lab, 'R2')).status).toBe('error');
  });
});

describe('R3 scaling to zero', () => {
  test('asks for the variant of churn-async, in the sagemaker namespace, by its DesiredInstanceCount', async () => {
    await checkRequirement(lab, 'R3');
    const target = { ServiceNamespace: 'sagemaker', ScalableDimension: 'sagemaker:variant:DesiredInstanceCount' };
    expect(autoscaling).toHaveReceivedCommandWith(DescribeScalableTargetsCommand, { ...target, ResourceIds: ['endpoint/churn-async/variant/AllTraffic'] });
    expect(autoscaling).toHaveReceivedCommandWith(DescribeScalingPoliciesCommand, { ...target, ResourceId: 'endpoint/churn-async/variant/AllTraffic' });
  });

  test('passes with the backlog policy alone, and says when the endpoint then leaves zero', async () => {
    autoscaling.on(DescribeScalingPoliciesCommand).resolves({ ScalingPolicies: scalingPolicies(['backlog']) });
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('pass');
    expect(r.findings[1]).toMatch(/leaves zero only once the backlog exceeds the target value \(2\)/);
    expect(cloudwatch.calls()).toHaveLength(0);
  });

  test('passes with the backlog policy and the wake-from-zero step policy, naming it', async () => {
    const r = await checkRequirement(lab, 'R3');
    expect(r.findings[1]).toMatch(/churn-async-wake-from-zero wakes the endpoint from zero .*HasBacklogWithoutCapacity/);
  });

  test('passes with a metric-math backlog policy (Metrics with a MetricStat)', async () => {
    const [policy] = scalingPolicies(['backlog']);
    autoscaling.on(DescribeScalingPoliciesCommand).resolves({
      ScalingPolicies: [{
        ...policy!,
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 1,
          CustomizedMetricSpecification: { Metrics: [{ Id: 'm1', ReturnData: true, MetricStat: { Metric: { MetricName: 'ApproximateBacklogSizePerInstance', Namespace: 'AWS/SageMaker', Dimensions: [{ Name: 'EndpointName', Value: 'churn-async' }] }, Stat: 'Average' } }] },
        },
      }],
    });
    expect((await checkRequirement(lab, 'R3')).status).toBe('pass');
  });

  test('fails when the target keeps an instance (MinCapacity 1), with what it costs', async () => {
    autoscaling.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [scalableTarget({ MinCapacity: 1, MaxCapacity: 4 })] });
    expect((await checkRequirement(lab, 'R3')).findings).toEqual([
      expect.stringMatching(/MinCapacity is 1: .*USD 0\.115 an hour while no file waits/),
      expect.stringMatching(/MaxCapacity is 4; the lab allows 1 to 2/),
    ]);
  });

  test('fails when the variant is not registered at all', async () => {
    autoscaling.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [] });
    expect((await checkRequirement(lab, 'R3')).findings).toEqual([expect.stringMatching(/is not registered with Application Auto Scaling, .*USD 83 a month/)]);
  });

  test('fails on the invocations policy of real-time endpoints, which does not follow the queue', async () => {
    const [policy] = scalingPolicies(['backlog']);
    autoscaling.on(DescribeScalingPoliciesCommand).resolves({
      ScalingPolicies: [{ ...policy!, PolicyName: 'invocations', TargetTrackingScalingPolicyConfiguration: { TargetValue: 70, PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' } } }],
    });
    expect((await checkRequirement(lab, 'R3')).findings).toEqual([expect.stringMatching(/No target tracking policy follows ApproximateBacklogSizePerInstance .*invocations \(target tracking on SageMakerVariantInvocationsPerInstance\)/)]);
  });

  test('fails with only the wake-up step policy: nothing scales the endpoint back in', async () => {
    autoscaling.on(DescribeScalingPoliciesCommand).resolves({ ScalingPolicies: scalingPolicies(['wake']) });
    expect((await checkRequirement(lab, 'R3')).findings).toEqual([expect.stringMatching(/without a policy that scales in on the backlog it stays up once woken/)]);
  });

  test('fails on a backlog policy of another endpoint, and on scale-in disabled', async () => {
    const [policy] = scalingPolicies(['backlog']);
    const spec = policy!.TargetTrackingScalingPolicyConfiguration!;
    autoscaling.on(DescribeScalingPoliciesCommand).resolves({ ScalingPolicies: [{ ...policy!, TargetTrackingScalingPolicyConfiguration: { ...spec, CustomizedMetricSpecification: { ...spec.CustomizedMetricSpecification, Dimensions: [{ Name: 'EndpointName', Value: 'churn-serverless' }] } } }] });
    expect((await checkRequirement(lab, 'R3')).findings).toEqual([expect.stringMatching(/without the dimension EndpointName=churn-async/)]);
    autoscaling.on(DescribeScalingPoliciesCommand).resolves({ ScalingPolicies: [{ ...policy!, TargetTrackingScalingPolicyConfiguration: { ...spec, DisableScaleIn: true } }] });
    expect((await checkRequirement(lab, 'R3')).findings).toEqual([expect.stringMatching(/sets DisableScaleIn/)]);
  });

  test('is an error when Application Auto Scaling is denied', async () => {
    autoscaling.on(DescribeScalableTargetsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: application-autoscaling:DescribeScalableTargets'));
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('error');
    expect(r.findings.join(' ')).toMatch(/application-autoscaling:DescribeScalableTargets/);
  });

  test('is an error when the endpoint reports no variant to name the target by', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(referenceEndpoint({ ProductionVariants: [] }));
    expect((await checkRequirement(lab, 'R3')).status).toBe('error');
  });
});

describe('R4 a completed asynchronous inference', () => {
  test('fails with the failures when only the failure path has objects', async () => {
    s3.on(ListObjectsV2Command, { Prefix: 'async/output/' }).resolves({ KeyCount: 0 });
    s3.on(ListObjectsV2Command, { Prefix: 'async/failures/' }).resolves({ Contents: [{ Key: 'async/failures/0a1b-error.out' }], KeyCount: 1 });
    expect((await checkRequirement(lab, 'R4')).findings).toEqual([expect.stringMatching(/No answer under .*1 failed request\(s\) .*0a1b-error\.out.*twelve feature columns/)]);
  });

  test('fails when nothing was answered yet, and lists under the prefix with its slash', async () => {
    s3.on(ListObjectsV2Command).resolves({ KeyCount: 0 });
    expect((await checkRequirement(lab, 'R4')).findings).toEqual([expect.stringMatching(/Nothing under .* yet: no asynchronous request of churn-async has completed/)]);
    expect(s3).toHaveReceivedCommandWith(ListObjectsV2Command, { Bucket: BUCKET, Prefix: 'async/output/' });
  });

  test('passes with an output path given without its trailing slash (lists async/output/)', async () => {
    const config = referenceConfig();
    sagemaker.on(DescribeEndpointConfigCommand).resolves({ ...config, AsyncInferenceConfig: { OutputConfig: { ...config.AsyncInferenceConfig!.OutputConfig, S3OutputPath: `s3://${BUCKET}/async/output` } } });
    expect((await checkRequirement(lab, 'R4')).status).toBe('pass');
  });

  test('is an error, not a fail, when the endpoint names no output path to look in', async () => {
    sagemaker.on(DescribeEndpointConfigCommand).resolves(referenceConfig({ AsyncInferenceConfig: undefined }));
    expect((await checkRequirement(lab, 'R4')).status).toBe('error');
  });

  test('is an error when S3 denies the listing', async () => {
    s3.on(ListObjectsV2Command).rejects(awsError('AccessDenied', 'Access Denied', 403));
    expect((await checkRequirement(lab, 'R4')).status).toBe('error');
  });
});

describe('R5 the nightly transform job', () => {
  test('judges the newest Completed job, and fails with the settings that lose the customer id', async () => {
    sagemaker.on(DescribeTransformJobCommand).resolves(
      referenceTransform({
        TransformInput: { DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${BUCKET}/nightly/input/` } }, ContentType: 'text/csv', SplitType: 'None' },
        TransformOutput: { S3OutputPath: `s3://${BUCKET}/nightly/output/` },
        DataProcessing: { InputFilter: '$', JoinSource: 'None' },
      }),
    );
    expect((await checkRequirement(lab, 'R5')).findings).toEqual([
      expect.stringMatching(/SplitType is None: .*6 MB by default, 100 at most/),
      expect.stringMatching(/AssembleWith is None: .*without a line break/),
      expect.stringMatching(/InputFilter \$ passes columns 0,1,.*12 of the 13: .*customer id in column 0 must not reach it/),
      expect.stringMatching(/JoinSource is None: the output then holds bare probabilities and no customer id/),
    ]);
  });

  test('fails with the failure reason when no job Completed, and points at the id column', async () => {
    sagemaker.on(ListTransformJobsCommand).resolves({ TransformJobSummaries: [transformSummary(OLDER_JOB, 'Failed', '2026-11-30T01:00:09Z')] });
    sagemaker.on(DescribeTransformJobCommand, { TransformJobName: OLDER_JOB }).resolves(
      referenceTransform({ TransformJobStatus: 'Failed', FailureReason: "ClientError: See job logs for more information: could not convert string to float: 'C500001'" }, OLDER_JOB),
    );
    expect((await checkRequirement(lab, 'R5')).findings).toEqual([expect.stringMatching(/none of your 1 'churn-nightly-\*' transform job\(s\) has Completed; .*could not convert string to float.*the customer id must not reach it/i)]);
  });

  test('fails when no job exists, and asks SageMaker for the lab prefix, newest first', async () => {
    sagemaker.on(ListTransformJobsCommand).resolves({ TransformJobSummaries: [transformSummary('nightly-churn-1', 'Completed', '2026-12-01T01:00:00Z')] });
    expect((await checkRequirement(lab, 'R5')).findings).toEqual([expect.stringMatching(/No transform job whose name starts with 'churn-nightly-'/)]);
    expect(sagemaker).toHaveReceivedCommandWith(ListTransformJobsCommand, { NameContains: 'churn-nightly-', SortBy: 'CreationTime', SortOrder: 'Descending' });
  });

  test('fails on an output filter that drops the customer id, and on a larger instance', async () => {
    sagemaker.on(DescribeTransformJobCommand).resolves(referenceTransform({ DataProcessing: { InputFilter: '$[1:]', JoinSource: 'Input', OutputFilter: '$[-1]' }, TransformResources: { InstanceType: 'ml.m5.xlarge', InstanceCount: 2 } }));
    expect((await checkRequirement(lab, 'R5')).findings).toEqual([expect.stringMatching(/OutputFilter \$\[-1\] keeps columns 13 of the joined row/), expect.stringMatching(/ran on 2 x ml\.m5\.xlarge; the lab allows one ml\.m5\.large/)]);
  });

  test.each([
    ['no OutputFilter (the whole joined row)', { InputFilter: '$[1:]', JoinSource: 'Input' as const }],
    ['an explicit slice of the twelve features and a full output', { InputFilter: '$[1:13]', JoinSource: 'Input' as const, OutputFilter: '$' }],
    ['listed feature columns', { InputFilter: '$[1,2,3,4,5,6,7,8,9,10,11,12]', JoinSource: 'Input' as const, OutputFilter: '$[0, 13]' }],
  ])('passes with %s', async (_what, processing) => {
    sagemaker.on(DescribeTransformJobCommand).resolves(referenceTransform({ DataProcessing: processing }));
    expect((await checkRequirement(lab, 'R5')).status).toBe('pass');
  });

  test.each([
    ['the input file itself rather than its prefix, and an output path without a slash', { DataSource: { S3DataSource: { S3DataType: 'S3Prefix' as const, S3Uri: `s3://${BUCKET}/nightly/input/customers-nightly.csv` } }, ContentType: 'text/csv; charset=utf-8', SplitType: 'Line' as const }],
  ])('passes with %s', async (_what, input) => {
    sagemaker.on(DescribeTransformJobCommand).resolves(referenceTransform({ TransformInput: input, TransformOutput: { S3OutputPath: `s3://${BUCKET}/nightly/output`, AssembleWith: 'Line' } }));
    expect((await checkRequirement(lab, 'R5')).status).toBe('pass');
  });

  test('is an error, not a verdict, on a filter form the checker does not evaluate', async () => {
    sagemaker.on(DescribeTransformJobCommand).resolves(referenceTransform({ DataProcessing: { InputFilter: '$.features', JoinSource: 'Input' } }));
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/InputFilter \$\.features is a JSONPath form the checker does not evaluate/);
  });

  test('is an error, not "no job", when ten pages of look-alike names hide the lab\'s jobs', async () => {
    sagemaker.on(ListTransformJobsCommand).callsFake((i) => ({ TransformJobSummaries: Array.from({ length: 100 }, (_, n) => transformSummary(`old-churn-nightly-${n}`, 'Completed', '2026-11-01T00:00:00Z')), NextToken: `page-${Number(i.NextToken?.slice(5) ?? 1) + 1}` }));
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('error');
    expect(r.findings.join(' ')).toMatch(/the jobs that would decide were not read/);
    expect(sagemaker.commandCalls(ListTransformJobsCommand)).toHaveLength(10);
  });

  test('is an error when ListTransformJobs is denied', async () => {
    sagemaker.on(ListTransformJobsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: sagemaker:ListTransformJobs'));
    expect((await checkRequirement(lab, 'R5')).status).toBe('error');
  });
});

describe('R6 the scored call list', () => {
  test('passes with the whole joined row kept (no OutputFilter)', async () => {
    s3.on(GetObjectCommand, { Key: OUTPUT_KEY }).resolves(body(transformOutput('all')));
    expect((await checkRequirement(lab, 'R6')).status).toBe('pass');
  });

  test('reads the output named after the input file when the job read the file itself', async () => {
    sagemaker.on(DescribeTransformJobCommand).resolves(referenceTransform({ TransformInput: { ...referenceTransform().TransformInput!, DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${BUCKET}/nightly/input/customers-nightly.csv` } } } }));
    expect((await checkRequirement(lab, 'R6')).status).toBe('pass');
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: BUCKET, Key: OUTPUT_KEY });
  });

  test('fails on one long line (AssembleWith None) and on rows without customer ids', async () => {
    s3.on(GetObjectCommand, { Key: OUTPUT_KEY }).resolves(body(transformOutput().replace(/\n/g, '')));
    expect((await checkRequirement(lab, 'R6')).findings[0]).toMatch(/has 1 line\(s\); the nightly file has 2,000 customers.*AssembleWith None/);
    s3.on(GetObjectCommand, { Key: OUTPUT_KEY }).resolves(body(transformOutput().split('\n').map((l) => l.split(',').slice(1).join(',')).join('\n')));
    const r = await checkRequirement(lab, 'R6');
    expect(r.findings).toEqual([expect.stringMatching(/Line 1 starts with '0\.0005', not the customer id C500001/), expect.stringMatching(/Line 1 \('0\.0005'\) does not end with a churn probability/)]);
  });

  test('fails when rows are missing', async () => {
    s3.on(GetObjectCommand, { Key: OUTPUT_KEY }).resolves(body(transformOutput().split('\n').slice(0, 1500).join('\n')));
    expect((await checkRequirement(lab, 'R6')).findings).toEqual([expect.stringMatching(/has 1500 line\(s\); the nightly file has 2,000 customers/)]);
  });

  test('fails when the output was deleted', async () => {
    s3.on(GetObjectCommand, { Key: OUTPUT_KEY }).rejects(awsError('NoSuchKey', 'The specified key does not exist.', 404));
    expect((await checkRequirement(lab, 'R6')).findings[0]).toMatch(/customers-nightly\.csv\.out does not exist, although churn-nightly-20261201-0100 Completed/);
  });

  test('is an error, not a fail, when the job reports no output location to read', async () => {
    sagemaker.on(DescribeTransformJobCommand).resolves(referenceTransform({ TransformOutput: undefined }));
    expect((await checkRequirement(lab, 'R6')).status).toBe('error');
  });

  test('is an error when S3 denies the read', async () => {
    s3.on(GetObjectCommand, { Key: OUTPUT_KEY }).rejects(awsError('AccessDenied', 'Access Denied', 403));
    expect((await checkRequirement(lab, 'R6')).status).toBe('error');
  });
});
