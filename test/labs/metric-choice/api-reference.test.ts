// The checks give the expected verdicts on the responses the AWS API reference documents for the
// operations this lab reads, parsed by the SDK from the wire:
//   ListTrainingJobs    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTrainingJobs.html
//   DescribeTrainingJob https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html (Response Syntax:
//                       FinalMetricDataList of MetricName / Value / Timestamp, HyperParameters as strings)
// CloudFormation (the lab bucket's name) and S3 GetObject (the decision record, whose body the
// SDK hands over as a stream) stay in-process mocks.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { lab } from '../../../labs/metric-choice/lab';
import { CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { findingsOf, runLabWith, statusesOf } from '../../support/replay';
import { describeTrainingJobResponse, trainingJobAnswers, useAwsReferenceDouble } from '../xgboost-builtin/aws-reference';
import { ACCOUNT, BUCKET, LAB_ID, OUTPUTS, REGION, ROLE_ARN } from './fixtures';

const cfn = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);

const data = (path: string) => `s3://${BUCKET}/datasets/${path}`;
// A region other than the check's: the image's registry account differs, the repository does not.
const EU_IMAGE = '141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1';
const job = (name: string, dataset: string, hyperParameters: Record<string, string>, metrics: Record<string, number>, created: string) =>
  describeTrainingJobResponse({
    name,
    region: REGION,
    account: ACCOUNT,
    image: EU_IMAGE,
    roleArn: ROLE_ARN,
    hyperParameters,
    channels: { train: [data(`${dataset}/train`), 'text/csv'], validation: [data(`${dataset}/validation`), 'text/csv'] },
    outputPath: `s3://${BUCKET}/output`,
    instanceType: 'ml.m5.large',
    metrics,
    created: new Date(created),
  });

// SageMaker Python SDK default names and its JSON-quoted hyperparameter strings.
const reference = [
  job('metric-fraud-2026-12-01-03-00-00-123', 'fraud', { objective: '"binary:logistic"', eval_metric: '"auc"', scale_pos_weight: '"50"', max_depth: '"2"', num_round: '"300"' }, { 'train:auc': 0.93, 'validation:auc': 0.8934 }, '2026-12-01T03:00:00Z'),
  job('metric-houses-2026-12-01-03-01-00-456', 'houses', { objective: '"reg:absoluteerror"', eval_metric: '"mae"', num_round: '"300"' }, { 'train:mae': 205.4, 'validation:mae': 219.18 }, '2026-12-01T03:01:00Z'),
];
let jobs = reference;
useAwsReferenceDouble({ json: (target, request) => trainingJobAnswers(jobs)(target, request), head: () => undefined });

const record = (text: string) => s3.on(GetObjectCommand).resolves({ Body: { transformToString: async () => text } as any });

beforeEach(() => {
  jobs = reference;
  cfn.reset();
  s3.reset();
  mockStackOutputs(cfn, LAB_ID, OUTPUTS);
  record(JSON.stringify({ screening: 'recall', spam: 'precision', fraud: 'aucpr', houses: 'mae' }));
});

test('the documented responses, for two fitting jobs, pass every requirement', async () => {
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass' });
  expect(findingsOf(result, 'R2')).toMatch(/validation:auc 0.8934/);
  expect(findingsOf(result, 'R3')).toMatch(/validation:mae 219.18/);
});

test('a documented response whose FinalMetricDataList reports only the training metric gives error for R2, and R4 is skipped', async () => {
  jobs = [job('metric-fraud-2026-12-01-03-00-00-123', 'fraud', { objective: 'binary:logistic', eval_metric: 'auc', scale_pos_weight: '50' }, { 'train:auc': 0.93 }, '2026-12-01T03:00:00Z'), reference[1]!];
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toMatchObject({ R2: 'error', R3: 'pass', R4: 'skipped' });
});
