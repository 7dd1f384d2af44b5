// Done-means of issue 11: the checks give the expected verdicts on the responses the AWS API
// reference documents for the operations this lab reads, parsed by the SDK from the wire.
//   ListTrainingJobs    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTrainingJobs.html
//   DescribeTrainingJob https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html
//   HeadObject          https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html
// CloudFormation (the lab bucket's name) stays an in-process mock: it is the runtime's read, not the lab's.
import { mockClient } from 'aws-sdk-client-mock';
import { lab } from '../../../labs/xgboost-builtin/lab';
import { xgboostImageUri } from '../../../labs/xgboost-builtin/solution';
import { CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { findingsOf, runLabWith, statusesOf } from '../../support/replay';
import { describeTrainingJobResponse, HEAD_OBJECT_SAMPLE, trainingJobAnswers, useAwsReferenceDouble, type HeadAnswer } from './aws-reference';
import { ACCOUNT, BUCKET, REGION, ROLE_ARN } from './fixtures';

const cfn = mockClient(CloudFormationClient);

const job = (name: string, created: string, outputPath = `s3://${BUCKET}/churn/output`) =>
  describeTrainingJobResponse({
    name,
    region: REGION,
    account: ACCOUNT,
    image: xgboostImageUri(REGION),
    roleArn: ROLE_ARN,
    hyperParameters: { objective: 'binary:logistic', eval_metric: 'auc', max_depth: '4', eta: '0.1', subsample: '0.8', num_round: '200' },
    channels: { train: [`s3://${BUCKET}/churn/train`, 'text/csv'], validation: [`s3://${BUCKET}/churn/validation`, 'text/csv'] },
    outputPath,
    instanceType: 'ml.m5.large',
    metrics: { 'train:auc': 0.9602, 'validation:auc': 0.9163 },
    created: new Date(created),
  });

// A SageMaker Python SDK default name (base_job_name 'churn-xgb') and an output path without a final slash.
const NEWEST = 'churn-xgb-2026-11-25-09-12-03-123';
const jobs = [job(NEWEST, '2026-11-25T09:12:03Z'), job('churn-xgb-2026-11-24-17-40-11-007', '2026-11-24T17:40:11Z')];
let heads: (path: string) => HeadAnswer | undefined = () => undefined;

useAwsReferenceDouble({ json: trainingJobAnswers(jobs), head: (path) => heads(path) });

beforeEach(() => {
  cfn.reset();
  mockStackOutputs(cfn, lab.id, { LabBucketName: BUCKET });
  heads = (path) => (path === `${BUCKET}/churn/output/${NEWEST}/output/model.tar.gz` ? { headers: HEAD_OBJECT_SAMPLE } : undefined);
});

test('the documented responses, for the reference job, pass every requirement', async () => {
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass', R7: 'pass' });
  expect(findingsOf(result, 'R1')).toContain(NEWEST);
  expect(findingsOf(result, 'R7')).toMatch(/exists \(434234 bytes\)/);
});

test('HeadObject\'s bare 403 (no s3:ListBucket) makes R7 an error saying "missing or unreadable"; the rest stands', async () => {
  heads = () => ({ status: 403 });
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toMatchObject({ R1: 'pass', R6: 'pass', R7: 'error' });
  expect(findingsOf(result, 'R7')).toMatch(/is missing or unreadable: S3 refused HeadObject with HTTP 403/);
});

test('HeadObject\'s 404 (with s3:ListBucket) fails R7: the artefact was deleted', async () => {
  heads = () => ({ status: 404 });
  expect(statusesOf(await runLabWith(lab))).toMatchObject({ R7: 'fail' });
});
