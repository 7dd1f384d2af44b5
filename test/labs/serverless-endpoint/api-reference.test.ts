// Done-means of issue 11: the checks give the expected verdicts on the responses the AWS API
// reference documents for the operations this lab reads, parsed by the SDK from the wire.
//   DescribeModel          https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModel.html
//   DescribeEndpointConfig https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpointConfig.html
//   DescribeEndpoint       https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html
//   ListTrainingJobs       https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTrainingJobs.html
//   DescribeTrainingJob    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html
//   GetMetricData          https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
//   HeadObject             https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html
import { lab } from '../../../labs/serverless-endpoint/lab';
import { findingsOf, runLabWith, statusesOf } from '../../support/replay';
import { describeTrainingJobResponse, HEAD_OBJECT_SAMPLE, trainingJobAnswers, useAwsReferenceDouble, type HeadAnswer, type JsonAnswer } from '../xgboost-builtin/aws-reference';
import { ACCOUNT, ARTEFACT_KEY, BUCKET, JOB_NAME, REGION, ROLE_ARN, XGBOOST_IMAGE } from '../xgboost-builtin/fixtures';
import { referenceEndpoint, referenceEndpointConfig, referenceModel } from './fixtures';

const job = describeTrainingJobResponse({
  name: JOB_NAME,
  region: REGION,
  account: ACCOUNT,
  image: XGBOOST_IMAGE,
  roleArn: ROLE_ARN,
  hyperParameters: { objective: 'binary:logistic', eval_metric: 'auc', num_round: '200' },
  channels: { train: [`s3://${BUCKET}/churn/train/`, 'text/csv'], validation: [`s3://${BUCKET}/churn/validation/`, 'text/csv'] },
  outputPath: `s3://${BUCKET}/churn/output/`,
  instanceType: 'ml.m5.large',
  metrics: { 'validation:auc': 0.9163 },
  created: new Date('2026-11-25T09:12:03Z'),
});
// The lab's fixtures carry every field the Response Syntax of DescribeModel, DescribeEndpointConfig
// and DescribeEndpoint lists for a one-container model behind one serverless variant.
const model = referenceModel();
const endpointConfig = referenceEndpointConfig();
const endpoint = referenceEndpoint();
const hours = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.parse('2026-11-25T10:00:00Z') - i * 3_600_000));
/** GetMetricData: one MetricDataResult per query Id, hourly sums (Response Syntax; API_MetricDataResult). */
const metrics = (statusCode = 'Complete') => ({
  MetricDataResults: [
    { Id: 'invocations', Label: 'Invocations', Timestamps: hours(2), Values: [20, 3], StatusCode: statusCode },
    { Id: 'errors4xx', Label: 'Invocation4XXErrors', Timestamps: hours(2), Values: [0, 3], StatusCode: statusCode },
    { Id: 'errors5xx', Label: 'Invocation5XXErrors', Timestamps: [], Values: [], StatusCode: statusCode },
  ],
  Messages: [],
});
let heads: (path: string) => HeadAnswer | undefined;
let cloudwatch: () => JsonAnswer;

const jobs = trainingJobAnswers([job]);
useAwsReferenceDouble({
  json: (target, request) => {
    if (target === 'SageMaker.DescribeModel') return { body: model };
    if (target === 'SageMaker.DescribeEndpointConfig') return { body: endpointConfig };
    if (target === 'SageMaker.DescribeEndpoint') return { body: endpoint };
    if (target === 'GraniteServiceVersion20100801.GetMetricData') return cloudwatch();
    return jobs(target, request);
  },
  head: (path) => heads(path),
});

beforeEach(() => {
  heads = (path) => (path === `${BUCKET}/${ARTEFACT_KEY}` ? { headers: HEAD_OBJECT_SAMPLE } : undefined);
  cloudwatch = () => ({ body: metrics() });
});

test('the documented responses, for the reference deployment, pass every requirement', async () => {
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass' });
  expect(findingsOf(result, 'R4')).toMatch(/23 invocation\(s\).*3 with a 4XX and 0 with a 5XX error: 20 served/);
});

test('HeadObject\'s bare 403 (no s3:ListBucket) makes R1 an error saying "missing or unreadable"', async () => {
  heads = () => ({ status: 403 });
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toMatchObject({ R1: 'error', R2: 'pass', R3: 'pass', R4: 'pass' });
  expect(findingsOf(result, 'R1')).toMatch(/is missing or unreadable/);
});

test('GetMetricData with StatusCode PartialData and too few data points is an error, not a fail', async () => {
  cloudwatch = () => {
    const out = metrics('PartialData');
    out.MetricDataResults[0]!.Values = [4, 3];
    return { body: out };
  };
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toMatchObject({ R4: 'error' });
  expect(findingsOf(result, 'R4')).toMatch(/did not return every data point \(invocations: PartialData/);
});
