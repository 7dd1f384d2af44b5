// Done-means of issue 11: the checks give the expected verdicts on the responses the AWS API
// reference documents for the operations this lab reads, parsed by the SDK from the wire.
//   ListTrainingJobs    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTrainingJobs.html
//   DescribeTrainingJob https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html
// CloudFormation (the lab bucket's name) stays an in-process mock: it is the runtime's read, not the lab's.
import { mockClient } from 'aws-sdk-client-mock';
import { lab } from '../../../labs/algorithm-choice/lab';
import { builtInImage } from '../../../labs/algorithm-choice/solution';
import { CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { findingsOf, runLabWith, statusesOf } from '../../support/replay';
import { describeTrainingJobResponse, trainingJobAnswers, useAwsReferenceDouble } from '../xgboost-builtin/aws-reference';
import { ACCOUNT, BUCKET, LAB_ID, OUTPUTS, REGION, ROLE_ARN } from './fixtures';

const cfn = mockClient(CloudFormationClient);

const data = (path: string) => `s3://${BUCKET}/datasets/${path}`;
const job = (name: string, repository: string, instanceType: string, hyperParameters: Record<string, string>, channels: Record<string, [string, string | undefined]>, created: string) =>
  describeTrainingJobResponse({
    name,
    region: REGION,
    account: ACCOUNT,
    image: builtInImage(repository, REGION),
    roleArn: ROLE_ARN,
    hyperParameters,
    channels,
    // The SageMaker Python SDK's usual output_path: no final slash.
    outputPath: `s3://${BUCKET}/output`,
    instanceType,
    metrics: {},
    created: new Date(created),
  });

// SageMaker Python SDK default names (base_job_name 'algo-demand' and so on) and its JSON-quoted
// hyperparameters for DeepAR's weekly frequency, spelled '1W'.
const jobs = [
  job('algo-demand-2026-06-01-09-00-00-123', 'forecasting-deepar', 'ml.m5.large', { time_freq: '"1W"', prediction_length: '"8"', context_length: '"8"', epochs: '"50"' }, { train: [data('demand/train'), undefined], test: [data('demand/test'), undefined] }, '2026-06-01T09:00:00Z'),
  job('algo-tickets-2026-06-01-09-01-00-456', 'blazingtext', 'ml.c5.xlarge', { mode: 'supervised', epochs: '10' }, { train: [data('tickets/train'), undefined], validation: [data('tickets/validation'), undefined] }, '2026-06-01T09:01:00Z'),
  job('algo-rent-2026-06-01-09-02-00-789', 'linear-learner', 'ml.m5.large', { predictor_type: 'regressor', feature_dim: '6' }, { train: [data('prices/train'), 'text/csv'], validation: [data('prices/validation'), 'text/csv'] }, '2026-06-01T09:02:00Z'),
];

useAwsReferenceDouble({ json: trainingJobAnswers(jobs), head: () => undefined });

beforeEach(() => {
  cfn.reset();
  mockStackOutputs(cfn, LAB_ID, OUTPUTS);
});

test('the documented responses, for three fitting jobs, pass every requirement', async () => {
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass' });
  expect(findingsOf(result, 'R1')).toMatch(/time_freq=1W, prediction_length=8/);
  expect(findingsOf(result, 'R4')).toMatch(/R4 judges, per problem, your newest job that satisfies R1, R2 or R3: algo-demand-2026-06-01-09-00-00-123/);
});
