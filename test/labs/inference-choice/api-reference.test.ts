// The checks give the expected verdicts on responses shaped as the AWS API reference documents them,
// parsed by the SDK from the wire (JSON protocols served from 127.0.0.1). The SageMaker and
// Application Auto Scaling pages document a Response Syntax and no worked example for this state, so
// each body fills every field its syntax lists for it:
//   DescribeEndpoint          https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html
//   DescribeEndpointConfig    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpointConfig.html
//                             (AsyncInferenceConfig: API_AsyncInferenceConfig.html, API_AsyncInferenceOutputConfig.html,
//                              API_AsyncInferenceNotificationConfig.html, API_AsyncInferenceClientConfig.html)
//   ListTransformJobs         https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTransformJobs.html
//   DescribeTransformJob      https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTransformJob.html
//   DescribeScalableTargets   https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalableTargets.html
//   DescribeScalingPolicies   https://docs.aws.amazon.com/autoscaling/application/APIReference/API_DescribeScalingPolicies.html
//   DescribeAlarms            https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html
// S3, SNS and CloudFormation (XML protocols) are mocked in-process; S3 goes over the wire in cassettes.test.ts.
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { lab } from '../../../labs/inference-choice/lab';
import { CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { findingsOf, runLabWith, statusesOf } from '../../support/replay';
import { useAwsReferenceDouble, type JsonAnswer } from '../xgboost-builtin/aws-reference';
import {
  ACCOUNT,
  BUCKET,
  DECISION_KEY,
  decisionsJson,
  ERROR_TOPIC,
  JOB_NAME,
  OUTPUT_KEY,
  REGION,
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

const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);
const cfn = mockClient(CloudFormationClient);

/** DescribeEndpointConfig with every AsyncInferenceConfig member the syntax lists. */
function documentedConfig(): Record<string, unknown> {
  const config = referenceConfig();
  return {
    ...config,
    KmsKeyId: '',
    AsyncInferenceConfig: {
      ClientConfig: { MaxConcurrentInvocationsPerInstance: 1 },
      OutputConfig: {
        KmsKeyId: '',
        S3OutputPath: `s3://${BUCKET}/async/output/`,
        S3FailurePath: `s3://${BUCKET}/async/failures/`,
        NotificationConfig: { SuccessTopic: SUCCESS_TOPIC, ErrorTopic: ERROR_TOPIC, IncludeInferenceResponseIn: ['SUCCESS_NOTIFICATION_TOPIC'] },
      },
    },
  };
}

let answers: Record<string, () => JsonAnswer>;
const reference = (): Record<string, () => JsonAnswer> => ({
  'SageMaker.DescribeEndpoint': () => ({ body: referenceEndpoint() }),
  'SageMaker.DescribeEndpointConfig': () => ({ body: documentedConfig() }),
  'SageMaker.ListTransformJobs': () => ({ body: { TransformJobSummaries: [{ ...transformSummary(JOB_NAME, 'Completed', '2026-12-01T01:00:12Z'), TransformEndTime: new Date('2026-12-01T01:06:02Z'), LastModifiedTime: new Date('2026-12-01T01:06:02Z') }] } }),
  'SageMaker.DescribeTransformJob': () => ({ body: { ...referenceTransform(), DataCaptureConfig: undefined, ExperimentConfig: { ExperimentName: '', TrialName: '', TrialComponentDisplayName: '' }, LabelingJobArn: undefined, AutoMLJobArn: undefined } }),
  'AnyScaleFrontendService.DescribeScalableTargets': () => ({ body: { ScalableTargets: [scalableTarget()] } }),
  'AnyScaleFrontendService.DescribeScalingPolicies': () => ({ body: { ScalingPolicies: scalingPolicies() } }),
  'GraniteServiceVersion20100801.DescribeAlarms': () => ({ body: { MetricAlarms: [wakeAlarm()], CompositeAlarms: [] } }),
});

useAwsReferenceDouble({ json: (target) => answers[target]?.(), head: () => undefined });

const body = (text: string) => ({ Body: { transformToString: async () => text } as any });

beforeEach(() => {
  answers = reference();
  for (const m of [s3, sns, cfn]) m.reset();
  mockStackOutputs(cfn, lab.id, { LabBucketName: BUCKET });
  s3.on(GetObjectCommand, { Key: DECISION_KEY }).resolves(body(decisionsJson()));
  s3.on(GetObjectCommand, { Key: OUTPUT_KEY }).resolves(body(transformOutput()));
  s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'async/output/6f1c2d3e.out', LastModified: new Date('2026-12-01T00:47:12Z') }], KeyCount: 1 });
  sns.on(GetTopicAttributesCommand).callsFake((i) => ({ Attributes: { TopicArn: i.TopicArn, Owner: ACCOUNT } }));
});

test('the documented responses, for the reference state, pass every requirement', async () => {
  const result = await runLabWith(lab, undefined, { region: REGION });
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass' });
  expect(findingsOf(result, 'R3')).toMatch(/churn-async-backlog tracks ApproximateBacklogSizePerInstance at 2\..*churn-async-wake-from-zero wakes the endpoint/);
  expect(findingsOf(result, 'R5')).toMatch(/InputFilter \$\[1:\], JoinSource Input, OutputFilter \$\[0,-1\]/);
});

test('DescribeEndpointConfig without AsyncInferenceConfig (a real-time endpoint) fails R2, and R3 and R4 (which build on it) are skipped', async () => {
  answers['SageMaker.DescribeEndpointConfig'] = () => ({ body: { ...documentedConfig(), AsyncInferenceConfig: undefined } });
  const result = await runLabWith(lab, undefined, { region: REGION });
  expect(statusesOf(result)).toMatchObject({ R2: 'fail', R3: 'skipped', R4: 'skipped' });
  expect(findingsOf(result, 'R2')).toMatch(/no AsyncInferenceConfig, so the endpoint is real-time/);
});

test('DescribeScalableTargets with MinCapacity 1 fails R3', async () => {
  answers['AnyScaleFrontendService.DescribeScalableTargets'] = () => ({ body: { ScalableTargets: [scalableTarget({ MinCapacity: 1 })] } });
  const result = await runLabWith(lab, undefined, { region: REGION });
  expect(statusesOf(result)).toMatchObject({ R3: 'fail' });
});

test('DescribeTransformJob with DataProcessing JoinSource None fails R5 and skips R6', async () => {
  answers['SageMaker.DescribeTransformJob'] = () => ({ body: referenceTransform({ DataProcessing: { InputFilter: '$[1:]', JoinSource: 'None', OutputFilter: '$' } }) });
  const result = await runLabWith(lab, undefined, { region: REGION });
  expect(statusesOf(result)).toMatchObject({ R5: 'fail', R6: 'skipped' });
});

test('an Application Auto Scaling error on the wire (AccessDeniedException) makes R3 an error, not a fail', async () => {
  answers['AnyScaleFrontendService.DescribeScalingPolicies'] = () => ({ error: 'AccessDeniedException', message: 'User is not authorized to perform: application-autoscaling:DescribeScalingPolicies', status: 400 });
  const result = await runLabWith(lab, undefined, { region: REGION });
  expect(statusesOf(result)).toMatchObject({ R3: 'error' });
});
