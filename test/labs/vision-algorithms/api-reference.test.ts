// The checks give the expected verdicts on responses in the shapes the AWS API reference documents,
// served over the wire from 127.0.0.1 so the SDK parses them as it parses AWS's own answers:
//   ListTrainingJobs    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTrainingJobs.html
//   DescribeTrainingJob https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html
// The pages give a Response Syntax and no worked example: the fixtures fill every field of the syntax
// that a Completed spot job of a built-in algorithm carries (test/labs/xgboost-builtin/aws-reference.ts).
// CloudFormation (the lab bucket's name) and S3 GetObject (the decision record) stay in-process mocks.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { CHANNEL_PREFIXES, DECISION_KEY, IMAGE_CHANNELS, lab } from '../../../labs/vision-algorithms/lab';
import { imageClassificationUri, REFERENCE_HYPERPARAMETERS } from '../../../labs/vision-algorithms/solution';
import { CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { findingsOf, runLabWith, statusesOf } from '../../support/replay';
import { describeTrainingJobResponse, trainingJobAnswers, useAwsReferenceDouble } from '../xgboost-builtin/aws-reference';
import { ACCOUNT, BUCKET, decisionsJson, REGION, ROLE_ARN } from './fixtures';

const cfn = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);

let contentType = 'application/x-image';
let hyperParameters: Record<string, string> = { ...REFERENCE_HYPERPARAMETERS };
const job = (name: string, created: string) =>
  describeTrainingJobResponse({
    name,
    region: REGION,
    account: ACCOUNT,
    image: imageClassificationUri(REGION),
    roleArn: ROLE_ARN,
    hyperParameters,
    channels: Object.fromEntries(IMAGE_CHANNELS.map((c) => [c, [`s3://${BUCKET}/${CHANNEL_PREFIXES[c]}`, contentType] as const])),
    outputPath: `s3://${BUCKET}/shelf/output`,
    instanceType: 'ml.g4dn.xlarge',
    metrics: { 'train:accuracy': 1, 'validation:accuracy': 1 },
    created: new Date(created),
  });

// A SageMaker Python SDK default name (base_job_name 'shelf-ic').
const NEWEST = 'shelf-ic-2026-12-01-02-10-44-512';
useAwsReferenceDouble({ json: (target, request) => trainingJobAnswers([job(NEWEST, '2026-12-01T02:10:44Z'), job('shelf-ic-2026-11-30-17-02-51-007', '2026-11-30T17:02:51Z')])(target, request), head: () => undefined });

beforeEach(() => {
  cfn.reset();
  s3.reset();
  contentType = 'application/x-image';
  hyperParameters = { ...REFERENCE_HYPERPARAMETERS };
  mockStackOutputs(cfn, lab.id, { LabBucketName: BUCKET });
  s3.on(GetObjectCommand, { Bucket: BUCKET, Key: DECISION_KEY }).resolves({ Body: { transformToString: async () => decisionsJson() } as any });
});

test('the documented responses, for the reference job, pass every requirement', async () => {
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass' });
  expect(findingsOf(result, 'R2')).toMatch(new RegExp(`${NEWEST} Completed with image-classification on one spot ml\\.g4dn\\.xlarge \\(77 s billable\\)`));
});

test('a content type with a parameter (image/png; charset=binary) passes; text/csv fails R3 only', async () => {
  contentType = 'image/png; charset=binary';
  expect(statusesOf(await runLabWith(lab))).toMatchObject({ R3: 'pass' });
  contentType = 'text/csv';
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'fail', R4: 'pass' });
  expect(findingsOf(result, 'R3')).toMatch(/'train' channel's ContentType is text\/csv; the shipped photos are PNG files/);
});

test('hyperparameters as the wire carries them (strings, quoted by the Python SDK) pass R4; a miscount fails it', async () => {
  hyperParameters = { ...REFERENCE_HYPERPARAMETERS, num_classes: '"3"', num_training_samples: '"30"' };
  expect(statusesOf(await runLabWith(lab))).toMatchObject({ R4: 'pass' });
  hyperParameters = { ...REFERENCE_HYPERPARAMETERS, num_training_samples: '12' };
  expect(statusesOf(await runLabWith(lab))).toMatchObject({ R4: 'fail' });
});
