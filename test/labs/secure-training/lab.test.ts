import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetPolicyCommand, GetPolicyVersionCommand, GetRoleCommand, GetRolePolicyCommand, IAMClient, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { DescribeTrainingJobCommand, ListTrainingJobsCommand, SageMakerClient, type DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { lab } from '../../../labs/secure-training/lab';
import { judgeS3Access } from '../../../labs/secure-training/policy';
import { awsError, checkRequirement, CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import {
  ACCOUNT,
  ALIAS_ARN,
  BUCKET,
  encodedPolicy,
  jobSummary,
  KEY_ARN,
  KEY_ID,
  keyMetadata,
  referenceJob,
  REGION,
  ROLE_ARN,
  ROLE_NAME,
  s3Policy,
  securityGroup,
  SG_ID,
  STACK_OUTPUTS,
} from './fixtures';

const sagemaker = mockClient(SageMakerClient);
const cfn = mockClient(CloudFormationClient);
const ec2 = mockClient(EC2Client);
const kms = mockClient(KMSClient);
const iam = mockClient(IAMClient);

function givenJob(job: DescribeTrainingJobResponse = referenceJob()): void {
  sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [jobSummary(job.TrainingJobName!, job.TrainingJobStatus, '2026-12-01T09:15:03Z')] });
  sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: job.TrainingJobName }).resolves(job);
}

/** The role's inline policies (name -> document, encoded as IAM returns it unless a string is given) and attached ones. */
function givenRole(inline: Record<string, object | string>, attached: { name: string; arn: string; document: object }[] = []): void {
  iam.on(ListRolePoliciesCommand, { RoleName: ROLE_NAME }).resolves({ PolicyNames: Object.keys(inline), IsTruncated: false });
  for (const [name, doc] of Object.entries(inline)) {
    iam.on(GetRolePolicyCommand, { RoleName: ROLE_NAME, PolicyName: name }).resolves({ RoleName: ROLE_NAME, PolicyName: name, PolicyDocument: typeof doc === 'string' ? doc : encodedPolicy(doc) });
  }
  iam.on(ListAttachedRolePoliciesCommand, { RoleName: ROLE_NAME }).resolves({ AttachedPolicies: attached.map((a) => ({ PolicyName: a.name, PolicyArn: a.arn })), IsTruncated: false });
  for (const a of attached) {
    iam.on(GetPolicyCommand, { PolicyArn: a.arn }).resolves({ Policy: { PolicyName: a.name, Arn: a.arn, DefaultVersionId: 'v3' } });
    iam.on(GetPolicyVersionCommand, { PolicyArn: a.arn, VersionId: 'v3' }).resolves({ PolicyVersion: { VersionId: 'v3', IsDefaultVersion: true, Document: encodedPolicy(a.document) } });
  }
}

beforeEach(() => {
  for (const m of [sagemaker, cfn, ec2, kms, iam]) m.reset();
  mockStackOutputs(cfn, lab.id, STACK_OUTPUTS);
  givenJob();
  ec2.on(DescribeSecurityGroupsCommand, { GroupIds: [SG_ID] }).resolves({ SecurityGroups: [securityGroup()] });
  kms.on(DescribeKeyCommand, { KeyId: 'alias/secure-training' }).resolves({ KeyMetadata: keyMetadata() });
  iam.on(GetRoleCommand, { RoleName: ROLE_NAME }).resolves({ Role: { RoleName: ROLE_NAME, Arn: ROLE_ARN, RoleId: 'AROAEXAMPLEID', Path: '/', CreateDate: new Date('2026-12-01T09:00:00Z') } });
  givenRole({ 'secure-training': encodedPolicy() });
});

const status = async (id: string) => (await checkRequirement(lab, id)).status;
const findings = async (id: string) => (await checkRequirement(lab, id)).findings.join(' ');

test('the reference state passes every requirement', async () => {
  for (const r of lab.requirements) {
    const result = await checkRequirement(lab, r.id);
    expect([r.id, result.status, result.findings]).toEqual([r.id, 'pass', expect.any(Array)]);
  }
  expect(sagemaker).toHaveReceivedCommandWith(ListTrainingJobsCommand, { NameContains: 'secure-xgb-' });
});

describe('R1 a completed secure-xgb- job on spot ml.m5.large reading the data prefix', () => {
  test('fails when no job carries the prefix', async () => {
    sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [] });
    expect(await findings('R1')).toMatch(/No training job whose name starts with 'secure-xgb-'/);
  });

  test('fails with the failure reason, and points at the gateway endpoint when the data could not be downloaded', async () => {
    givenJob(referenceJob({ TrainingJobStatus: 'Failed', FailureReason: 'ClientError: Data download failed: Could not download s3://bucket/readmissions/train/' }));
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings.join(' ')).toMatch(/is Failed\. Failure reason: ClientError: Data download failed.*S3 prefix list on TCP 443/);
  });

  test.each([
    ['on-demand capacity', { EnableManagedSpotTraining: false }, /on-demand capacity/],
    ['a larger instance', { ResourceConfig: { InstanceType: 'ml.m5.xlarge' as const, InstanceCount: 1, VolumeSizeInGB: 5 } }, /ran on ml\.m5\.xlarge/],
    ['three instances', { ResourceConfig: { InstanceType: 'ml.m5.large' as const, InstanceCount: 3, VolumeSizeInGB: 5 } }, /used 3 instances/],
    ['a framework image', { AlgorithmSpecification: { TrainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1', TrainingInputMode: 'File' as const } }, /not the built-in XGBoost/],
    ['its output outside the output prefix', { OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/models/` } }, /only prefix the role may write/],
  ])('fails on %s', async (_what, overrides, message) => {
    givenJob(referenceJob(overrides as Partial<DescribeTrainingJobResponse>));
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings.join(' ')).toMatch(message);
  });

  test('fails when the train channel reads another prefix', async () => {
    const job = referenceJob();
    job.InputDataConfig![0]!.DataSource!.S3DataSource!.S3Uri = `s3://${BUCKET}/readmissions/`;
    givenJob(job);
    expect(await findings('R1')).toMatch(/'train' channel reads s3:\/\/.*\/readmissions\/; the shipped data is at/);
  });

  test.each([
    ['the prefix without its final slash', `s3://${BUCKET}/readmissions/train`],
    ['the file itself', `s3://${BUCKET}/readmissions/train/readmissions-train.csv`],
  ])('passes with the train channel on %s (valid alternative)', async (_what, uri) => {
    const job = referenceJob({ OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/readmissions/output`, KmsKeyId: 'alias/secure-training' } });
    job.InputDataConfig![0]!.DataSource!.S3DataSource!.S3Uri = uri;
    givenJob(job);
    expect(await status('R1')).toBe('pass');
  });

  test('passes on two instances and with another region\'s image (valid alternatives)', async () => {
    givenJob(referenceJob({ AlgorithmSpecification: { TrainingImage: '246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1', TrainingInputMode: 'File' } }, 2));
    expect(await status('R1')).toBe('pass');
  });

  test('is an error when SageMaker denies ListTrainingJobs', async () => {
    sagemaker.on(ListTrainingJobsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform sagemaker:ListTrainingJobs'));
    expect(await status('R1')).toBe('error');
  });
});

describe('R2 network isolation, isolated subnets, no open egress, encrypted traffic between instances', () => {
  test('fails without network isolation, saying what it blocks and that SageMaker still fetches the data', async () => {
    givenJob(referenceJob({ EnableNetworkIsolation: false }));
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings.join(' ')).toMatch(/without network isolation.*SageMaker itself downloads the channels/);
  });

  test('fails without a VpcConfig: SageMaker\'s own network reaches the internet', async () => {
    givenJob(referenceJob({ VpcConfig: undefined }));
    expect(await findings('R2')).toMatch(/without a VpcConfig.*reaches the internet/);
  });

  test('fails in a subnet that is not one of the isolated ones, naming it', async () => {
    givenJob(referenceJob({ VpcConfig: { Subnets: ['subnet-0123public456789'], SecurityGroupIds: [SG_ID] } }));
    expect(await findings('R2')).toMatch(/subnet-0123public456789, which are not the lab VPC's isolated subnets.*NAT or internet gateway/);
  });

  test('fails on the allow-all egress rule every new security group starts with', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [securityGroup([{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }])] });
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings.join(' ')).toMatch(/allows egress all traffic to 0\.0\.0\.0\/0\. Every new security group starts with an allow-all egress rule/);
  });

  test('fails on HTTPS egress to ::/0 too', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [securityGroup([{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Ipv6Ranges: [{ CidrIpv6: '::/0' }] }])] });
    expect(await findings('R2')).toMatch(/TCP 443 to ::\/0/);
  });

  test.each([
    ['nothing: no egress rule at all', []],
    ['the S3 prefix list and the group itself (two instances)', [
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: 'pl-63a5400a' }] },
      { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: SG_ID }] },
    ]],
    ['the VPC\'s own range', [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.42.0.0/16' }] }]],
  ])('passes when the group allows egress to %s (valid alternative)', async (_what, egress) => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [securityGroup(egress)] });
    expect(await status('R2')).toBe('pass');
  });

  test('fails on two instances without inter-container traffic encryption, and explains why one instance needs none', async () => {
    givenJob(referenceJob({ EnableInterContainerTrafficEncryption: false }, 2));
    expect(await findings('R2')).toMatch(/trained on 2 instances without inter-container traffic encryption.*single-instance job has no such traffic/);
  });

  test('passes on two instances with inter-container traffic encryption', async () => {
    givenJob(referenceJob({}, 2));
    expect(await status('R2')).toBe('pass');
  });

  test('passes on one instance whether or not inter-container encryption is on', async () => {
    givenJob(referenceJob({ EnableInterContainerTrafficEncryption: true }));
    expect(await status('R2')).toBe('pass');
  });

  test('is an error, not a fail, when the job\'s security group no longer exists (its rules cannot be seen)', async () => {
    ec2.on(DescribeSecurityGroupsCommand).rejects(awsError('InvalidGroup.NotFound', `The security group '${SG_ID}' does not exist`));
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('error');
    expect(r.findings.join(' ')).toMatch(/no longer exists, so its rules cannot be read/);
  });

  test('is an error when EC2 refuses DescribeSecurityGroups', async () => {
    ec2.on(DescribeSecurityGroupsCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    expect(await status('R2')).toBe('error');
  });
});

describe('R3 the volume and the output encrypted with the customer managed key alias/secure-training', () => {
  test.each([
    ['key id and alias name', KEY_ID, 'alias/secure-training'],
    ['key ARN and alias ARN', KEY_ARN, ALIAS_ARN],
    ['alias ARN and key id', ALIAS_ARN, KEY_ID],
  ])('passes with the key spelled as %s (valid alternatives), without describing those spellings again', async (_what, volume, output) => {
    givenJob(referenceJob({ ResourceConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1, VolumeSizeInGB: 5, VolumeKmsKeyId: volume }, OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/readmissions/output/`, KmsKeyId: output } }));
    expect(await status('R3')).toBe('pass');
    expect(kms.commandCalls(DescribeKeyCommand).map((c) => c.args[0].input.KeyId)).toEqual(['alias/secure-training']);
  });

  test('passes with another alias of the same key, resolved with DescribeKey (valid alternative)', async () => {
    kms.on(DescribeKeyCommand, { KeyId: 'alias/readmissions' }).resolves({ KeyMetadata: keyMetadata() });
    givenJob(referenceJob({ OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/readmissions/output/`, KmsKeyId: 'alias/readmissions' } }));
    expect(await status('R3')).toBe('pass');
  });

  test('fails when no key has the alias', async () => {
    kms.on(DescribeKeyCommand, { KeyId: 'alias/secure-training' }).rejects(awsError('NotFoundException', 'Alias arn:aws:kms:us-east-1:111122223333:alias/secure-training is not found.'));
    expect(await findings('R3')).toMatch(/No KMS key has the alias alias\/secure-training/);
  });

  test('fails when the volume names no key, saying whose key encrypts it then', async () => {
    givenJob(referenceJob({ ResourceConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1, VolumeSizeInGB: 5 } }));
    expect(await findings('R3')).toMatch(/sets no ResourceConfig\.VolumeKmsKeyId.*a key AWS manages instead of yours/);
  });

  test('fails on the AWS managed key aws/s3 for the output, explaining why it is not "our own key"', async () => {
    kms.on(DescribeKeyCommand, { KeyId: 'alias/aws/s3' }).resolves({ KeyMetadata: keyMetadata({ KeyId: '0987dcba-09fe-87dc-65ba-ab0987654321', Arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/0987dcba-09fe-87dc-65ba-ab0987654321`, KeyManager: 'AWS', Description: 'Default key that protects my S3 objects when no other key is defined' }) });
    givenJob(referenceJob({ OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/readmissions/output/`, KmsKeyId: 'alias/aws/s3' } }));
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('fail');
    expect(r.findings.join(' ')).toMatch(/alias\/aws\/s3, an AWS managed key\. It encrypts, but it is not "our own key": you cannot change its key policy/);
  });

  test('fails on another customer managed key', async () => {
    const other = '5678efgh-56ef-78gh-90ij-567890abcdef';
    kms.on(DescribeKeyCommand, { KeyId: other }).resolves({ KeyMetadata: keyMetadata({ KeyId: other, Arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${other}` }) });
    givenJob(referenceJob({ ResourceConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1, VolumeSizeInGB: 5, VolumeKmsKeyId: other } }));
    expect(await findings('R3')).toMatch(new RegExp(`which is key ${other}, not the key behind alias/secure-training`));
  });

  test('fails when the key is pending deletion, saying what that does to the model', async () => {
    kms.on(DescribeKeyCommand, { KeyId: 'alias/secure-training' }).resolves({ KeyMetadata: keyMetadata({ KeyState: 'PendingDeletion', Enabled: false, DeletionDate: new Date('2026-12-08T09:00:00Z') }) });
    expect(await findings('R3')).toMatch(/pending deletion on 2026-12-08: once it is deleted, the model artefact encrypted with it can never be decrypted/);
  });

  test('fails when the key is disabled', async () => {
    kms.on(DescribeKeyCommand, { KeyId: 'alias/secure-training' }).resolves({ KeyMetadata: keyMetadata({ KeyState: 'Disabled', Enabled: false }) });
    expect(await findings('R3')).toMatch(/is Disabled/);
  });

  test('is an error when KMS denies DescribeKey', async () => {
    kms.on(DescribeKeyCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform kms:DescribeKey'));
    expect(await status('R3')).toBe('error');
  });
});

describe('R4 the execution role reads only the data prefix and writes only the output prefix', () => {
  const bucketArn = `arn:aws:s3:::${BUCKET}`;
  const read = { Effect: 'Allow', Action: 's3:GetObject', Resource: `${bucketArn}/readmissions/train/*` };
  const write = { Effect: 'Allow', Action: ['s3:PutObject'], Resource: [`${bucketArn}/readmissions/output/*`] };

  test.each([
    ['Action and Resource as strings or arrays, ListBucket without a condition', [read, write, { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: bucketArn }]],
    ['prefixes without the final slash', [{ ...read, Resource: [`${bucketArn}/readmissions/train*`] }, { ...write, Resource: `${bucketArn}/readmissions/output*` }]],
    ['a partition wildcard and one object named exactly', [{ ...read, Resource: `arn:*:s3:::${BUCKET}/readmissions/train/readmissions-train.csv` }, write]],
    ['s3:GetObject* and s3:Put* wildcards within the prefixes', [{ ...read, Action: 's3:GetObject*' }, { ...write, Action: 's3:Put*' }]],
    ['no S3 statement at all beyond the prefixes, plus logs on *', [read, write, { Effect: 'Allow', Action: 'logs:*', Resource: '*' }]],
  ])('passes with %s (valid alternatives)', async (_what, statements) => {
    givenRole({ s3: s3Policy(...statements) });
    expect(await status('R4')).toBe('pass');
  });

  test('passes with the S3 statements in an attached customer managed policy read with GetPolicy and GetPolicyVersion (valid alternative)', async () => {
    const arn = `arn:aws:iam::${ACCOUNT}:policy/secure-training-s3`;
    givenRole({}, [{ name: 'secure-training-s3', arn, document: s3Policy(read, write) }]);
    expect(await status('R4')).toBe('pass');
    expect(iam).toHaveReceivedCommandWith(GetPolicyVersionCommand, { PolicyArn: arn, VersionId: 'v3' });
  });

  test('passes with a document that is plain JSON rather than URL-encoded (some SDKs decode it)', async () => {
    givenRole({ s3: JSON.stringify(s3Policy(read, write)) });
    expect(await status('R4')).toBe('pass');
  });

  test('fails on s3:* on *, explaining the reach', async () => {
    givenRole({ admin: s3Policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) });
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('fail');
    expect(r.findings.join(' ')).toMatch(/inline policy 'admin', statement 1 allows s3:GetObject: it reads every object of every bucket in the account/);
    expect(r.findings.join(' ')).toMatch(/allows s3:PutObject and s3:DeleteObject: it writes or deletes objects in every bucket/);
    expect(r.findings.join(' ')).toMatch(/allows s3:ListBucket: it lists the keys of buckets other than the lab bucket/);
  });

  test('fails on GetObject on the whole lab bucket', async () => {
    givenRole({ s3: s3Policy({ ...read, Sid: 'ReadBucket', Resource: `${bucketArn}/*` }, write) });
    expect(await findings('R4')).toMatch(/statement 'ReadBucket' allows s3:GetObject: it reads .*\/\*, more of the lab bucket than its data prefix readmissions\/train\//);
  });

  test('fails on PutObject outside the output prefix, saying it could poison the training data', async () => {
    givenRole({ s3: s3Policy(read, { ...write, Resource: `${bucketArn}/readmissions/*` }) });
    expect(await findings('R4')).toMatch(/beyond the output prefix readmissions\/output\/: a buggy or compromised job could overwrite the training data/);
  });

  test('fails on an AWS managed policy that reaches every bucket named like *sagemaker*', async () => {
    // AmazonSageMakerFeatureStoreAccess v3, as published:
    // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonSageMakerFeatureStoreAccess.html
    const featureStore = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:PutObject', 's3:GetBucketAcl', 's3:PutObjectAcl'], Resource: ['arn:aws:s3:::*SageMaker*', 'arn:aws:s3:::*Sagemaker*', 'arn:aws:s3:::*sagemaker*'] },
        { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::*SageMaker*/metadata/*', 'arn:aws:s3:::*Sagemaker*/metadata/*', 'arn:aws:s3:::*sagemaker*/metadata/*'] },
        { Effect: 'Allow', Action: ['glue:GetTable', 'glue:UpdateTable'], Resource: ['arn:aws:glue:*:*:catalog', 'arn:aws:glue:*:*:database/sagemaker_featurestore', 'arn:aws:glue:*:*:table/sagemaker_featurestore/*'] },
      ],
    };
    givenRole({ 'secure-training': encodedPolicy() }, [{ name: 'AmazonSageMakerFeatureStoreAccess', arn: 'arn:aws:iam::aws:policy/AmazonSageMakerFeatureStoreAccess', document: featureStore }]);
    const text = await findings('R4');
    expect(text).toMatch(/AWS managed policy AmazonSageMakerFeatureStoreAccess, statement 1 allows s3:PutObject: it writes or deletes objects outside the lab bucket \(arn:aws:s3:::\*SageMaker\*\)/);
    expect(text).toMatch(/statement 2 allows s3:GetObject: it reads objects outside the lab bucket \(arn:aws:s3:::\*SageMaker\*\/metadata\/\*\)/);
  });

  test('fails on an Allow with NotResource', async () => {
    givenRole({ s3: s3Policy(read, { Effect: 'Allow', Action: 's3:PutObject', NotResource: `${bucketArn}/readmissions/train/*` }) });
    expect(await findings('R4')).toMatch(/allows s3:PutObject on every resource except .* \(NotResource\)/);
  });

  test('is an error, explained, when only a condition the checker does not evaluate could narrow an over-broad grant', async () => {
    givenRole({ s3: s3Policy(read, write, { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 's3:ExistingObjectTag/classification': 'training' } } }) });
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('error');
    expect(r.findings.join(' ')).toMatch(/Its condition \(StringEquals\) may narrow that, and the checker does not evaluate conditions, so it cannot decide/);
  });

  test('is an error, explained, when a Deny elsewhere may cut an over-broad Allow', async () => {
    givenRole({ s3: s3Policy({ ...read, Resource: `${bucketArn}/*` }, write), fence: s3Policy({ Sid: 'Fence', Effect: 'Deny', Action: 's3:GetObject', NotResource: `${bucketArn}/readmissions/train/*` }) });
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('error');
    expect(r.findings.join(' ')).toMatch(/inline policy 'fence', statement 'Fence' denies s3:GetObject on some resources/);
  });

  test('is an error when a policy document is not JSON', async () => {
    givenRole({ broken: '%7B%22Version%22' });
    expect(await findings('R4')).toMatch(/inline policy 'broken' is not a JSON policy document/);
  });

  test('is an error, not a fail, when the role no longer exists', async () => {
    iam.on(GetRoleCommand).rejects(awsError('NoSuchEntityException', `The role with name ${ROLE_NAME} cannot be found.`, 404));
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('error');
    expect(r.findings.join(' ')).toMatch(/no longer exists, so the policies the job ran with cannot be read/);
  });

  test('is an error when IAM denies GetRolePolicy', async () => {
    iam.on(GetRolePolicyCommand).rejects(awsError('AccessDenied', 'not authorized to perform iam:GetRolePolicy', 403));
    expect(await status('R4')).toBe('error');
  });
});

describe('judgeS3Access on its own', () => {
  const scope = { partition: 'aws', bucket: BUCKET, readPrefix: 'readmissions/train/', writePrefix: 'readmissions/output/' };
  const judge = (...statements: object[]) => judgeS3Access([{ label: 'p', document: JSON.stringify(s3Policy(...statements)) }], scope);

  test('a bucket ARN is not an object ARN: GetObject on it reaches nothing', () => {
    expect(judge({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}` }).overBroad).toEqual([]);
  });

  test('a bucket-name wildcard reaches other buckets\' objects', () => {
    expect(judge({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::mllab-secure-training-*/readmissions/train/*` }).overBroad).toHaveLength(1);
  });

  test('NotAction that leaves GetObject allowed is judged like Action', () => {
    expect(judge({ Effect: 'Allow', NotAction: 's3:Delete*', Resource: `arn:aws:s3:::${BUCKET}/*` }).overBroad.join(' ')).toMatch(/allows s3:GetObject/);
    expect(judge({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }).overBroad).toEqual([]);
  });

  test('a statement that is not about S3 is not counted', () => {
    expect(judge({ Effect: 'Allow', Action: 'ec2:CreateNetworkInterface', Resource: '*' })).toEqual({ overBroad: [], undecidable: [], unreadable: [], s3Statements: 0 });
  });

  test('ListBucket on arn:*:s3:::<lab bucket> (any partition) is the lab bucket', () => {
    expect(judge({ Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:*:s3:::${BUCKET}` }).overBroad).toEqual([]);
  });
});
