// The checks give the expected verdicts on responses in the shapes the AWS API reference documents,
// served over the wire from 127.0.0.1 so the SDK parses them as it parses AWS's own answers:
//   ListTrainingJobs    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTrainingJobs.html (Response Syntax)
//   DescribeTrainingJob https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html (Response Syntax:
//                       TrainingJobStatus, SecondaryStatus, FailureReason, SecondaryStatusTransitions, StoppingCondition)
// The page gives a Response Syntax and no worked example, and no FailureReason text: the failed job's
// FailureReason below is this fixture's own wording, not a message quoted from AWS.
// CloudFormation, S3 and IAM stay in-process mocks here (lab.test.ts covers them); SageMaker goes over the wire.
import { mockClient } from 'aws-sdk-client-mock';
import { lab } from '../../../labs/training-troubleshoot/lab';
import { checkRequirement, CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { describeTrainingJobResponse, trainingJobAnswers, useAwsReferenceDouble } from '../xgboost-builtin/aws-reference';
import { ACCOUNT, BUCKET, REGION, ROLE_ARN, XGBOOST_IMAGE } from './fixtures';

const cfn = mockClient(CloudFormationClient);
const at = (iso: string) => new Date(iso);

const job = (name: string, created: string, overrides: Record<string, unknown> = {}) => ({
  ...describeTrainingJobResponse({
    name,
    region: REGION,
    account: ACCOUNT,
    image: XGBOOST_IMAGE,
    roleArn: ROLE_ARN,
    hyperParameters: { objective: 'binary:logistic', num_round: '50' },
    channels: { train: [`s3://${BUCKET}/troubleshoot/fixed/`, 'text/csv'] },
    outputPath: `s3://${BUCKET}/troubleshoot/output/`,
    instanceType: 'ml.m5.large',
    metrics: {},
    created: at(created),
  }),
  ...overrides,
});

// A rerun that hit its runtime limit: Stopped with SecondaryStatus MaxRuntimeExceeded (enum SecondaryStatus in the SDK's types).
const stopped = job('fixed-20261201-0250', '2026-12-01T02:50:00Z', {
  TrainingJobStatus: 'Stopped',
  SecondaryStatus: 'MaxRuntimeExceeded',
  StoppingCondition: { MaxRuntimeInSeconds: 60, MaxWaitTimeInSeconds: 960 },
  SecondaryStatusTransitions: [
    { Status: 'Starting', StartTime: at('2026-12-01T02:50:00Z'), EndTime: at('2026-12-01T02:50:40Z'), StatusMessage: 'Preparing the instances for training' },
    { Status: 'Downloading', StartTime: at('2026-12-01T02:50:40Z'), EndTime: at('2026-12-01T02:50:55Z'), StatusMessage: 'Downloading input data' },
    { Status: 'Training', StartTime: at('2026-12-01T02:50:55Z'), EndTime: at('2026-12-01T02:51:00Z'), StatusMessage: 'Training in progress' },
    { Status: 'MaxRuntimeExceeded', StartTime: at('2026-12-01T02:51:00Z'), EndTime: at('2026-12-01T02:51:00Z'), StatusMessage: 'Job stopped at its runtime limit' },
  ],
  FailureReason: 'fixture wording: the job was stopped when it reached MaxRuntimeInSeconds',
});

describe('a rerun that completed after one that ran out of time', () => {
  useAwsReferenceDouble({ json: trainingJobAnswers([job('fixed-20261201-0310', '2026-12-01T03:10:00Z'), stopped]), head: () => undefined });
  beforeEach(() => {
    cfn.reset();
    mockStackOutputs(cfn, lab.id, { LabBucketName: BUCKET });
  });

  test('R3 and R4 pass on the Completed job of the Response Syntax (the stopped one is older)', async () => {
    expect((await checkRequirement(lab, 'R3')).status).toBe('pass');
    const r4 = await checkRequirement(lab, 'R4');
    expect([r4.status, r4.findings.join(' ')]).toEqual(['pass', expect.stringMatching(/MaxRuntimeInSeconds 1200/)]);
  });
});

describe('only the rerun that ran out of time', () => {
  useAwsReferenceDouble({ json: trainingJobAnswers([stopped]), head: () => undefined });
  beforeEach(() => {
    cfn.reset();
    mockStackOutputs(cfn, lab.id, { LabBucketName: BUCKET });
  });

  test('R3 fails, and its finding carries the status, secondary status and FailureReason SageMaker recorded', async () => {
    const r3 = await checkRequirement(lab, 'R3');
    expect(r3.status).toBe('fail');
    expect(r3.findings.join(' ')).toMatch(/fixed-20261201-0250, is Stopped \(MaxRuntimeExceeded\)\. Its FailureReason: fixture wording/);
  });
});
