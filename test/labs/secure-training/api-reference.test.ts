// The checks give the expected verdicts on the responses the AWS API reference documents for the
// operations this lab reads, served over the wire from 127.0.0.1 so that the SDK parses them as it
// parses AWS's own answers (JSON 1.1 for SageMaker and KMS, XML query responses for IAM):
//   DescribeKey          https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html (Example Response)
//   GetRole              https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html (Sample Response)
//   GetRolePolicy        https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html (Sample Response)
//   ListRolePolicies     https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRolePolicies.html (Response Elements)
//   ListAttachedRolePolicies https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAttachedRolePolicies.html (Response Elements)
//   ListTrainingJobs, DescribeTrainingJob https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html
//     (the SageMaker pages give a Response Syntax and no example: every field a VPC, KMS, spot job carries is filled)
// CloudFormation (the stack outputs) and EC2 (the security group) stay in-process mocks.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { lab } from '../../../labs/secure-training/lab';
import { referenceRolePolicy, referenceTrainingJob } from '../../../labs/secure-training/solution';
import { useEmulatorEnvironment } from '../../../lib/emulators';
import { CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { findingsOf, runLabWith, statusesOf } from '../../support/replay';
import { toWire } from '../xgboost-builtin/aws-reference';
import { BUCKET, securityGroup, SG_ID, STACK_OUTPUTS, SUBNETS } from './fixtures';

// The documented examples' account, region, key and role.
const REGION = 'us-east-2';
const ACCOUNT = '111122223333';
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`;
const ROLE_ARN = 'arn:aws:iam::123456789012:role/application_abc/component_xyz/S3Access';
const JOB = 'secure-xgb-2026-12-01-09-15-03-123';

/** API_DescribeKey, Example Response (its CreationDate as the JSON protocol carries it, epoch seconds). */
const DESCRIBE_KEY_EXAMPLE = {
  KeyMetadata: {
    AWSAccountId: '111122223333',
    Arn: 'arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    CreationDate: new Date('2025-04-16T16:03:04.060-07:00'),
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    Description: '',
    Enabled: true,
    KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
    KeyManager: 'CUSTOMER',
    KeySpec: 'SYMMETRIC_DEFAULT',
    KeyState: 'Enabled',
    KeyUsage: 'ENCRYPT_DECRYPT',
    MultiRegion: false,
    Origin: 'AWS_KMS',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    CurrentKeyMaterialId: '0b7fd7ddbac6eef27907413567cad8c810e2883dc8a7534067a82ee1142fc1e6',
  },
};

/** API_GetRole, Sample Response: a role with a path, whose name is the ARN's last segment. */
const GET_ROLE_EXAMPLE = `<GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
<GetRoleResult>
  <Role>
    <Path>/application_abc/component_xyz/</Path>
    <Arn>arn:aws:iam::123456789012:role/application_abc/component_xyz/S3Access</Arn>
    <RoleName>S3Access</RoleName>
    <AssumeRolePolicyDocument>
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
      "Principal":{"Service":["ec2.amazonaws.com"]},"Action":["sts:AssumeRole"]}]}
    </AssumeRolePolicyDocument>
    <CreateDate>2012-05-08T23:34:01Z</CreateDate>
    <RoleId>AROADBQP57FF2AEXAMPLE</RoleId>
    <RoleLastUsed>
      <LastUsedDate>2019-11-20T17:09:20Z</LastUsedDate>
      <Region>us-east-1</Region>
    </RoleLastUsed>
  </Role>
</GetRoleResult>
<ResponseMetadata>
  <RequestId>df37e965-9967-11e1-a4c3-270EXAMPLE04</RequestId>
</ResponseMetadata>
</GetRoleResponse>`;

/** API_GetRolePolicy, Sample Response; `document` replaces its PolicyDocument when given. */
function getRolePolicyExample(document?: string): string {
  return `<GetRolePolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
<GetRolePolicyResult>
  <PolicyName>S3AccessPolicy</PolicyName>
  <RoleName>S3Access</RoleName>
  <PolicyDocument>
  ${document ?? '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*"],"Resource":["*"]}]}'}
  </PolicyDocument>
</GetRolePolicyResult>
<ResponseMetadata>
  <RequestId>7e7cd8bc-99ef-11e1-a4c3-27EXAMPLE804</RequestId>
</ResponseMetadata>
</GetRolePolicyResponse>`;
}

const LIST_ROLE_POLICIES = `<ListRolePoliciesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
<ListRolePoliciesResult>
  <PolicyNames>
    <member>S3AccessPolicy</member>
  </PolicyNames>
  <IsTruncated>false</IsTruncated>
</ListRolePoliciesResult>
<ResponseMetadata>
  <RequestId>8c7e1816-99f0-11e1-a4c3-27EXAMPLE804</RequestId>
</ResponseMetadata>
</ListRolePoliciesResponse>`;

const LIST_ATTACHED_ROLE_POLICIES = `<ListAttachedRolePoliciesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
<ListAttachedRolePoliciesResult>
  <AttachedPolicies/>
  <IsTruncated>false</IsTruncated>
</ListAttachedRolePoliciesResult>
<ResponseMetadata>
  <RequestId>9a3b490d-c142-11e5-a3ff-EXAMPLE11111</RequestId>
</ResponseMetadata>
</ListAttachedRolePoliciesResponse>`;

/** DescribeTrainingJob's Response Syntax, filled for the reference job in the documented account and region. */
function describeTrainingJobResponse(): Record<string, unknown> {
  const request = referenceTrainingJob({ region: REGION, accountId: ACCOUNT, bucket: BUCKET, roleArn: ROLE_ARN, subnetIds: SUBNETS, securityGroupId: SG_ID, keyArn: KEY_ARN, jobName: JOB });
  const { Tags: _tags, ...echoed } = request;
  return {
    ...echoed,
    TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${JOB}`,
    TrainingJobStatus: 'Completed',
    SecondaryStatus: 'Completed',
    SecondaryStatusTransitions: [{ Status: 'Completed', StartTime: new Date('2026-12-01T09:18:01Z'), EndTime: new Date('2026-12-01T09:18:01Z'), StatusMessage: 'Training job completed' }],
    CreationTime: new Date('2026-12-01T09:15:03Z'),
    TrainingStartTime: new Date('2026-12-01T09:16:40Z'),
    TrainingEndTime: new Date('2026-12-01T09:18:01Z'),
    LastModifiedTime: new Date('2026-12-01T09:18:01Z'),
    TrainingTimeInSeconds: 81,
    BillableTimeInSeconds: 24,
    ModelArtifacts: { S3ModelArtifacts: `s3://${BUCKET}/readmissions/output/${JOB}/output/model.tar.gz` },
    FinalMetricDataList: [{ MetricName: 'train:auc', Value: 0.7312, Timestamp: new Date('2026-12-01T09:17:55Z') }],
  };
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

let policyDocument: string | undefined;
let server: Server;
let restore: () => void;

beforeAll(async () => {
  server = createServer((req, res) => {
    void (async () => {
      const body = await bodyOf(req);
      const target = req.headers['x-amz-target'];
      if (typeof target === 'string') {
        const input = body ? JSON.parse(body) : {};
        const answers: Record<string, () => unknown> = {
          'SageMaker.ListTrainingJobs': () => ({
            TrainingJobSummaries: [{ TrainingJobName: JOB, TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${JOB}`, CreationTime: new Date('2026-12-01T09:15:03Z'), LastModifiedTime: new Date('2026-12-01T09:18:01Z'), TrainingEndTime: new Date('2026-12-01T09:18:01Z'), TrainingJobStatus: 'Completed', SecondaryStatus: 'Completed' }],
          }),
          'SageMaker.DescribeTrainingJob': () => (input.TrainingJobName === JOB ? describeTrainingJobResponse() : undefined),
          // The alias and the key id name the same key; KMS answers both with the key's metadata.
          'TrentService.DescribeKey': () => (['alias/secure-training', KEY_ID, KEY_ARN].includes(input.KeyId) ? DESCRIBE_KEY_EXAMPLE : undefined),
        };
        const answer = answers[target]?.();
        res.writeHead(answer ? 200 : 400, { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': '13230ddb-61c7-11e7-af6f-c5b105d7a982' });
        res.end(JSON.stringify(answer ? toWire(answer) : { __type: 'NotFoundException', message: `no documented answer for ${target} ${body}` }));
        return;
      }
      const action = new URLSearchParams(body).get('Action') ?? '';
      const xml: Record<string, string> = {
        GetRole: GET_ROLE_EXAMPLE,
        ListRolePolicies: LIST_ROLE_POLICIES,
        GetRolePolicy: getRolePolicyExample(policyDocument),
        ListAttachedRolePolicies: LIST_ATTACHED_ROLE_POLICIES,
      };
      res.writeHead(xml[action] ? 200 : 400, { 'Content-Type': 'text/xml' });
      res.end(xml[action] ?? `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>${action}</Message></Error></ErrorResponse>`);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Every service not mocked in-process (SageMaker, KMS, IAM) goes to the double, with emulator credentials.
  const previous = process.env.AWS_ENDPOINT_URL;
  process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const restoreCredentials = useEmulatorEnvironment({});
  restore = () => {
    restoreCredentials();
    if (previous === undefined) delete process.env.AWS_ENDPOINT_URL;
    else process.env.AWS_ENDPOINT_URL = previous;
  };
});

afterAll(async () => {
  restore();
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
});

const cfn = mockClient(CloudFormationClient);
const ec2 = mockClient(EC2Client);

beforeEach(() => {
  cfn.reset();
  ec2.reset();
  policyDocument = undefined;
  mockStackOutputs(cfn, lab.id, STACK_OUTPUTS);
  ec2.on(DescribeSecurityGroupsCommand, { GroupIds: [SG_ID] }).resolves({ SecurityGroups: [securityGroup()] });
});

test('the documented GetRolePolicy example (s3:* on *) fails R4 with the reach explained; the rest of the reference job passes', async () => {
  const result = await runLabWith(lab, undefined, { region: REGION });
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'fail' });
  expect(findingsOf(result, 'R4')).toMatch(/S3Access can reach more of S3.*inline policy 'S3AccessPolicy', statement 1 allows s3:GetObject: it reads every object of every bucket/);
  // DescribeKey's documented key, named by ARN on the volume and by alias on the output.
  expect(findingsOf(result, 'R3')).toContain(`encrypted with ${KEY_ID} (alias/secure-training, customer managed, Enabled)`);
});

test('the same response carrying the reference policy URL-encoded, as IAM sends it, passes R4', async () => {
  policyDocument = encodeURIComponent(JSON.stringify(referenceRolePolicy({ region: REGION, accountId: ACCOUNT, bucket: BUCKET, keyArn: KEY_ARN })));
  const result = await runLabWith(lab, undefined, { region: REGION });
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass' });
  expect(findingsOf(result, 'R4')).toMatch(/^S3Access \(1 policy, 3 S3 statement\(s\)\) reads only/);
});
