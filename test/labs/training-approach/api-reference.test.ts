// The checks give the expected verdicts on the responses the AWS API reference documents for the
// operations this lab's training requirements read, parsed by the SDK from the wire:
//   ListTrainingJobs    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTrainingJobs.html
//   DescribeTrainingJob https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html
//   HeadObject          https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html
// The decision record (R1, S3 GetObject) is read over the wire from s3rver in cassettes.test.ts.
// CloudFormation (the lab bucket's name) stays an in-process mock: it is the runtime's read, not the lab's.
import { mockClient } from 'aws-sdk-client-mock';
import { lab } from '../../../labs/training-approach/lab';
import { sklearnImageUri } from '../../../labs/training-approach/solution';
import { CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { findingsOf, runLabWith, statusesOf } from '../../support/replay';
import { describeTrainingJobResponse, HEAD_OBJECT_SAMPLE, trainingJobAnswers, useAwsReferenceDouble, type HeadAnswer } from '../xgboost-builtin/aws-reference';
import { ACCOUNT, BUCKET, ROLE_ARN, sdkHyperparameters } from './fixtures';

const cfn = mockClient(CloudFormationClient);
const REGION = 'us-west-2';

// A SageMaker Python SDK default name, another region's registry, and an output path without a final slash.
const NEWEST = 'tickets-sklearn-2026-12-01-02-10-44-512';
const sourceUri = (name: string) => `s3://${BUCKET}/tickets/code/${name}/source/sourcedir.tar.gz`;
const job = (name: string, created: string, image = sklearnImageUri(REGION)) =>
  describeTrainingJobResponse({
    name,
    region: REGION,
    account: ACCOUNT,
    image,
    roleArn: ROLE_ARN,
    hyperParameters: sdkHyperparameters(name, sourceUri(name)),
    channels: { train: [`s3://${BUCKET}/tickets/train`, undefined] },
    outputPath: `s3://${BUCKET}/tickets/output`,
    instanceType: 'ml.m5.large',
    metrics: {},
    created: new Date(created),
  });

let jobs = [job(NEWEST, '2026-12-01T02:10:44Z'), job('tickets-sklearn-2026-12-01-01-52-03-118', '2026-12-01T01:52:03Z')];
let heads: (path: string) => HeadAnswer | undefined = () => undefined;
useAwsReferenceDouble({ json: (target, request) => trainingJobAnswers(jobs)(target, request), head: (path) => heads(path) });

const present = new Set([`${BUCKET}/tickets/code/${NEWEST}/source/sourcedir.tar.gz`, `${BUCKET}/tickets/output/${NEWEST}/output/model.tar.gz`]);

beforeEach(() => {
  cfn.reset();
  mockStackOutputs(cfn, lab.id, { LabBucketName: BUCKET });
  heads = (path) => (present.has(path) ? { headers: HEAD_OBJECT_SAMPLE } : undefined);
  jobs = [job(NEWEST, '2026-12-01T02:10:44Z'), job('tickets-sklearn-2026-12-01-01-52-03-118', '2026-12-01T01:52:03Z')];
});

test('the documented responses, for the reference job in us-west-2, pass R2 to R6', async () => {
  const result = await runLabWith(lab, undefined, { region: REGION });
  expect(statusesOf(result)).toMatchObject({ R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass' });
  expect(findingsOf(result, 'R3')).toContain('246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3');
  expect(findingsOf(result, 'R4')).toMatch(/ran train\.py from .* \(434234 bytes\)/);
});

test('HeadObject\'s bare 403 makes R4 and R6 errors saying "missing or unreadable"; the rest stands', async () => {
  heads = () => ({ status: 403 });
  const result = await runLabWith(lab, undefined, { region: REGION });
  expect(statusesOf(result)).toMatchObject({ R2: 'pass', R3: 'pass', R4: 'error', R5: 'pass', R6: 'error' });
  expect(findingsOf(result, 'R6')).toMatch(/is missing or unreadable: S3 refused HeadObject with HTTP 403/);
});

test('a documented job on the built-in XGBoost image fails R3', async () => {
  jobs = [job(NEWEST, '2026-12-01T02:10:44Z', '246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1')];
  const result = await runLabWith(lab, undefined, { region: REGION });
  expect(statusesOf(result)).toMatchObject({ R3: 'fail' });
});
