// The lab's own stack, synthesised as `mllab deploy secure-training` would: the isolated network and
// its outputs, the shipped data where R1 reads it, and a guardrail that lets SageMaker start only the
// lab's instance type and leaves the learner the services the lab needs (SageMaker, KMS, EC2, IAM).
import type { Template } from 'aws-cdk-lib/assertions';
import { DATA_PREFIX, lab } from '../../../labs/secure-training/lab';
import { guardrailStatements, labTemplate, statementApplies, statementWithSid, type PolicyStatement } from '../xgboost-builtin/guardrail-policy';

let template: Template;
let statements: PolicyStatement[];

beforeAll(() => {
  template = labTemplate(lab);
  statements = guardrailStatements(template);
});

test('the stack is the isolated network and the lab bucket: no Studio domain, no NAT gateway, no internet gateway', () => {
  template.resourceCountIs('AWS::SageMaker::Domain', 0);
  template.resourceCountIs('AWS::EC2::NatGateway', 0);
  template.resourceCountIs('AWS::EC2::InternetGateway', 0);
  template.resourceCountIs('AWS::EC2::VPCEndpoint', 1);
});

test('it emits the outputs the checks read', () => {
  const outputs = Object.keys(template.toJSON().Outputs as object);
  expect(outputs).toEqual(expect.arrayContaining(['LabBucketName', 'IsolatedVpcId', 'IsolatedSubnetIds', 'S3GatewayEndpointId']));
  expect(outputs).not.toContain('DomainId');
});

test('it uploads the shipped data exactly where R1 expects it', () => {
  const prefixes = Object.values(template.findResources('Custom::CDKBucketDeployment')).map((r: any) => r.Properties.DestinationBucketKeyPrefix);
  expect(prefixes).toEqual([DATA_PREFIX]);
});

const training = (...types: string[]) => ({ action: 'sagemaker:CreateTrainingJob', context: { 'sagemaker:InstanceTypes': types } });

test('a training job on ml.m5.large is not denied; a larger or a GPU instance, or a Studio space type, is', () => {
  const deny = statementWithSid(statements, 'DenyInstanceTypesOutsideLabAllowlist');
  expect(statementApplies(deny, training('ml.m5.large'))).toBe(false);
  for (const type of ['ml.m5.xlarge', 'ml.g4dn.xlarge', 'ml.t3.medium']) expect([type, statementApplies(deny, training(type))]).toEqual([type, true]);
});

test('the learner keeps SageMaker, KMS, EC2, IAM, S3 and logs; services of other environments are denied', () => {
  const notActions = statementWithSid(statements, 'DenyServicesTheLabDoesNotUse') as PolicyStatement & { NotAction: string[] };
  expect(notActions.NotAction).toEqual(expect.arrayContaining(['sagemaker:*', 'ecr:*', 'kms:*', 'ec2:*', 'iam:*', 's3:*', 'logs:*']));
  for (const service of ['kinesis:*', 'firehose:*', 'glue:*', 'athena:*']) expect(notActions.NotAction).not.toContain(service);
});
