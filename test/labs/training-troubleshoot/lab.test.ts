import { GetPolicyCommand, GetPolicyVersionCommand, GetRolePolicyCommand, IAMClient, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DescribeTrainingJobCommand, ListTrainingJobsCommand, SageMakerClient, type DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstLineProblem } from '../../../labs/training-troubleshoot/checks';
import { lab } from '../../../labs/training-troubleshoot/lab';
import { rerunRequest, withoutHeader } from '../../../labs/training-troubleshoot/solution';
import { awsError, checkRequirement, CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { ACCOUNT, BUCKET, FIRST_ROW, FIX_POLICY, FIXED_KEY, HEADER, JOB_NAME, jobSummary, PLANTED_POLICY, referenceJob, ROLE_ARN } from './fixtures';

const sagemaker = mockClient(SageMakerClient);
const cfn = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);
const iam = mockClient(IAMClient);

const body = (text: string, total = text.length) => ({ Body: { transformToString: async () => text } as any, ContentRange: `bytes 0-${Math.max(0, Math.min(total, 4096) - 1)}/${total}` });
const givenFixedFile = (text: string, total?: number, key = FIXED_KEY) => {
  s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'troubleshoot/fixed/', Size: 0 }, { Key: key, Size: total ?? text.length }] });
  s3.on(GetObjectCommand, { Bucket: BUCKET, Key: key }).resolves(body(text, total));
};
const givenInlinePolicies = (policies: Record<string, string>) => {
  iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: Object.keys(policies) });
  for (const [name, doc] of Object.entries(policies)) iam.on(GetRolePolicyCommand, { PolicyName: name }).resolves({ RoleName: 'r', PolicyName: name, PolicyDocument: doc });
};
const policyOf = (statement: Record<string, unknown>) => encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [statement] }));
function givenJob(overrides: Partial<DescribeTrainingJobResponse> = {}): void {
  sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [jobSummary(JOB_NAME, 'Completed', '2026-12-01T03:10:00Z')] });
  sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: JOB_NAME }).resolves(referenceJob(overrides));
}

beforeEach(() => {
  for (const m of [sagemaker, cfn, s3, iam]) m.reset();
  mockStackOutputs(cfn, lab.id, { LabBucketName: BUCKET });
  givenFixedFile(`${FIRST_ROW}\n0,47,58.96,0,1,17.0\n`);
  givenInlinePolicies({ 'planted-training-access': PLANTED_POLICY, 'read-training-data': FIX_POLICY });
  iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [] });
  givenJob();
});

test('the reference state passes every requirement', async () => {
  for (const r of lab.requirements) expect([r.id, (await checkRequirement(lab, r.id)).status]).toEqual([r.id, 'pass']);
  expect(s3).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: BUCKET, Key: FIXED_KEY, Range: 'bytes=0-4095' });
});

test("the reference solution's fixes pass: the shipped raw file without its header, and the rerun request once SageMaker has run it", async () => {
  const raw = readFileSync(join(__dirname, '../../../labs/training-troubleshoot/data/raw/churn.csv'), 'utf8');
  expect(raw.startsWith(`${HEADER}\n`)).toBe(true);
  const fixed = withoutHeader(raw);
  expect(fixed).toBe(readFileSync(join(__dirname, '../../../labs/training-troubleshoot/data/clean/churn.csv'), 'utf8'));
  givenFixedFile(fixed.slice(0, 4096), fixed.length);
  const request = rerunRequest({ bucket: BUCKET, account: ACCOUNT, imageRegistry: '683313688378.dkr.ecr.us-east-1.amazonaws.com', jobName: JOB_NAME });
  givenJob({ AlgorithmSpecification: request.AlgorithmSpecification, RoleArn: request.RoleArn, InputDataConfig: request.InputDataConfig, StoppingCondition: request.StoppingCondition });
  for (const r of lab.requirements) expect([r.id, (await checkRequirement(lab, r.id)).status]).toEqual([r.id, 'pass']);
});

describe('R1: the corrected data', () => {
  test('fails with why when the first line is still the header', async () => {
    givenFixedFile(`${HEADER}\n${FIRST_ROW}\n`);
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings.join(' ')).toMatch(/a header row: built-in XGBoost reads CSV training data with the label in the first column and no header record, so it tries to read 'churned' as a number/);
  });

  test('fails when nothing has been written under the prefix', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [] });
    const r = await checkRequirement(lab, 'R1');
    expect([r.status, r.findings.join(' ')]).toEqual(['fail', expect.stringMatching(/Nothing is under s3:\/\/.*\/troubleshoot\/fixed\//)]);
  });

  test('fails when a column was dropped with the header', async () => {
    givenFixedFile('0,21,47.33,0,0\n');
    expect((await checkRequirement(lab, 'R1')).findings.join(' ')).toMatch(/has 5 columns; the shipped data has 6/);
  });

  test.each([
    ['Windows line endings (CRLF)', `${FIRST_ROW}\r\n`],
    ['quoted numbers', '"0","21","47.33","0","0","13.5"\n'],
    ['a single-row file without a final newline', FIRST_ROW],
  ])('valid alternative passes: %s', async (_, text) => {
    givenFixedFile(text);
    expect((await checkRequirement(lab, 'R1')).status).toBe('pass');
  });

  test('valid alternative passes: another file name under the prefix', async () => {
    givenFixedFile(`${FIRST_ROW}\n`, undefined, 'troubleshoot/fixed/train.csv');
    expect((await checkRequirement(lab, 'R1')).status).toBe('pass');
  });

  test('not enough seen: a first line longer than the bytes read is an error, not a verdict', async () => {
    givenFixedFile('1'.repeat(4096), 10_000);
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('error');
    expect(r.findings.join(' ')).toMatch(/no line break in its first 4096 bytes/);
  });

  test('an API error gives error', async () => {
    s3.on(GetObjectCommand).rejects(awsError('AccessDenied', 'denied', 403));
    expect((await checkRequirement(lab, 'R1')).status).toBe('error');
  });

  test('firstLineProblem names an empty first line', () => {
    expect(firstLineProblem('s3://b/k', '')).toMatch(/starts with an empty line/);
  });
});

describe('R2: the role may read the prepared data', () => {
  test('fails with why on the planted policy alone', async () => {
    givenInlinePolicies({ 'planted-training-access': PLANTED_POLICY });
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings.join(' ')).toMatch(/No policy of mllab-training-troubleshoot-role allows s3:GetObject on arn:aws:s3:::.*\/troubleshoot\/clean\/churn\.csv.*s3:ListBucket on the bucket alone lists the keys but reads none/);
  });

  test('fails when an explicit deny still covers the object', async () => {
    givenInlinePolicies({ fix: FIX_POLICY, deny: policyOf({ Effect: 'Deny', Action: 's3:*', Resource: `arn:aws:s3:::${BUCKET}/troubleshoot/*` }) });
    expect((await checkRequirement(lab, 'R2')).findings.join(' ')).toMatch(/denies s3:GetObject.*an explicit deny wins/);
  });

  test.each([
    ['s3:Get* on the whole bucket', { Effect: 'Allow', Action: ['s3:Get*'], Resource: `arn:aws:s3:::${BUCKET}/*` }],
    ['S3:GETOBJECT spelled in capitals on the prefix', { Effect: 'Allow', Action: 'S3:GETOBJECT', Resource: `arn:aws:s3:::${BUCKET}/troubleshoot/clean/*` }],
    ['the exact object ARN', { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/troubleshoot/clean/churn.csv` }],
    ['a NotAction statement that leaves s3:GetObject allowed', { Effect: 'Allow', NotAction: 'iam:*', Resource: `arn:aws:s3:::${BUCKET}/troubleshoot/*` }],
  ])('valid alternative passes: %s', async (_, statement) => {
    givenInlinePolicies({ 'planted-training-access': PLANTED_POLICY, fix: policyOf(statement) });
    expect((await checkRequirement(lab, 'R2')).status).toBe('pass');
  });

  test('valid alternative passes: a customer managed policy attached to the role', async () => {
    givenInlinePolicies({ 'planted-training-access': PLANTED_POLICY });
    const arn = `arn:aws:iam::${ACCOUNT}:policy/read-churn-data`;
    iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [{ PolicyName: 'read-churn-data', PolicyArn: arn }] });
    iam.on(GetPolicyCommand, { PolicyArn: arn }).resolves({ Policy: { DefaultVersionId: 'v2' } });
    iam.on(GetPolicyVersionCommand, { PolicyArn: arn, VersionId: 'v2' }).resolves({ PolicyVersion: { Document: FIX_POLICY } });
    expect((await checkRequirement(lab, 'R2')).status).toBe('pass');
  });

  test('a prefix that does not contain clean/ does not pass', async () => {
    givenInlinePolicies({ 'planted-training-access': PLANTED_POLICY, fix: policyOf({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/troubleshoot/fixed/*` }) });
    expect((await checkRequirement(lab, 'R2')).status).toBe('fail');
  });

  test('not enough seen: an allow only under a Condition is an error, not a verdict', async () => {
    givenInlinePolicies({ fix: policyOf({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*`, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }) });
    const r = await checkRequirement(lab, 'R2');
    expect([r.status, r.findings.join(' ')]).toEqual(['error', expect.stringMatching(/only under a Condition/)]);
  });

  test('fails when the role no longer exists', async () => {
    iam.on(ListRolePoliciesCommand).rejects(awsError('NoSuchEntity', 'The role cannot be found', 404));
    expect((await checkRequirement(lab, 'R2')).findings.join(' ')).toMatch(/does not exist: the lab stack creates it/);
  });

  test('an API error gives error', async () => {
    iam.on(ListRolePoliciesCommand).rejects(awsError('AccessDenied', 'denied', 403));
    expect((await checkRequirement(lab, 'R2')).status).toBe('error');
  });
});

describe('R3: the rerun completed on the fixed causes', () => {
  test('fails with the newest job\'s own FailureReason when no fixed- job completed', async () => {
    sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [jobSummary('fixed-2', 'Failed', '2026-12-01T03:05:00Z')] });
    sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: 'fixed-2' }).resolves(referenceJob({ TrainingJobStatus: 'Failed', SecondaryStatus: 'Failed', FailureReason: 'ClientError: an error the test invented' }, 'fixed-2'));
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('fail');
    expect(r.findings.join(' ')).toMatch(/the newest, fixed-2, is Failed \(Failed\)\. Its FailureReason: ClientError: an error the test invented/);
  });

  test('fails when no fixed- job exists', async () => {
    sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [] });
    expect((await checkRequirement(lab, 'R3')).findings.join(' ')).toMatch(/No training job's name starts with 'fixed-'/);
  });

  test('fails with why when the rerun dodges the role and reads the header file', async () => {
    givenJob({
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/AmazonSageMaker-ExecutionRole-20261201`,
      InputDataConfig: [{ ChannelName: 'train', ContentType: 'text/csv', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${BUCKET}/troubleshoot/raw/` } } }],
    });
    const findings = (await checkRequirement(lab, 'R3')).findings.join(' ');
    expect(findings).toMatch(/another role working proves nothing about that one/);
    expect(findings).toMatch(/the export with the header row/);
  });

  test('fails when the content type is left unset', async () => {
    givenJob({ InputDataConfig: [{ ChannelName: 'train', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${BUCKET}/troubleshoot/fixed/` } } }] });
    expect((await checkRequirement(lab, 'R3')).findings.join(' ')).toMatch(/XGBoost then assumes libsvm/);
  });

  test.each([
    ['the clean/ prefix without a final slash', `s3://${BUCKET}/troubleshoot/clean`, 'text/csv'],
    ['the corrected file named directly', `s3://${BUCKET}/${FIXED_KEY}`, 'text/csv; label_size=1'],
  ])('valid alternative passes: %s', async (_, uri, contentType) => {
    givenJob({ InputDataConfig: [{ ChannelName: 'train', ContentType: contentType, DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: uri } } }] });
    expect((await checkRequirement(lab, 'R3')).status).toBe('pass');
  });

  test('valid alternatives pass: another region\'s image, a role with a path, a SageMaker Python SDK job name', async () => {
    const name = 'fixed-xgb-2026-12-01-03-10-00-123';
    sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [jobSummary(name, 'Completed', '2026-12-01T03:10:00Z')] });
    sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: name }).resolves(
      referenceJob({ AlgorithmSpecification: { TrainingImage: '246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1', TrainingInputMode: 'File' }, RoleArn: `arn:aws:iam::${ACCOUNT}:role/labs/mllab-training-troubleshoot-role` }, name),
    );
    expect((await checkRequirement(lab, 'R3')).status).toBe('pass');
  });

  test('not enough seen: a job still running is reported as such, never judged', async () => {
    sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [jobSummary('fixed-3', 'InProgress', '2026-12-01T03:20:00Z')] });
    const r = await checkRequirement(lab, 'R3');
    expect([r.status, r.findings.join(' ')]).toEqual(['error', expect.stringMatching(/fixed-3 is still InProgress/)]);
  });

  test('an API error gives error', async () => {
    sagemaker.on(ListTrainingJobsCommand).rejects(awsError('ThrottlingException', 'slow down'));
    expect((await checkRequirement(lab, 'R3')).status).toBe('error');
  });
});

describe('R4: a sufficient stopping condition', () => {
  test('fails with why when the limit barely covers the run', async () => {
    givenJob({ StoppingCondition: { MaxRuntimeInSeconds: 240, MaxWaitTimeInSeconds: 600 } });
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('fail');
    expect(r.findings.join(' ')).toMatch(/broken-3 ended at 60 s with SecondaryStatus MaxRuntimeExceeded: its SecondaryStatusTransitions show the start-up and download phases/);
  });

  test('fails when the limit is removed rather than set', async () => {
    givenJob({ StoppingCondition: { MaxRuntimeInSeconds: 86_400 } });
    expect((await checkRequirement(lab, 'R4')).findings.join(' ')).toMatch(/a sufficient limit, not no limit/);
  });

  test.each([600, 3600])('valid alternative passes: the bound %i s itself', async (runtime) => {
    givenJob({ StoppingCondition: { MaxRuntimeInSeconds: runtime, MaxWaitTimeInSeconds: runtime * 2 } });
    expect((await checkRequirement(lab, 'R4')).status).toBe('pass');
  });

  test('not enough seen: no stopping condition reported is an error', async () => {
    givenJob({ StoppingCondition: undefined });
    expect((await checkRequirement(lab, 'R4')).status).toBe('error');
  });

  test('an API error gives error', async () => {
    sagemaker.on(DescribeTrainingJobCommand).rejects(awsError('InternalFailure', 'boom', 500));
    expect((await checkRequirement(lab, 'R4')).status).toBe('error');
  });
});

test('the role ARN of the fixtures is the role the stack names', () => {
  expect(ROLE_ARN.endsWith('/mllab-training-troubleshoot-role')).toBe(true);
});
