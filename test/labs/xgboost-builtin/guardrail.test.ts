// The lab stack's guardrail allows exactly the instance types this lab declares: proven on the
// synthesised MlLab-xgboost-builtin template by evaluating its deny statement for real requests.
import type { Template } from 'aws-cdk-lib/assertions';
import { lab, STUDIO_APP_INSTANCE_TYPE, TRAIN_PREFIX, TRAINING_INSTANCE_TYPES, VALIDATION_PREFIX } from '../../../labs/xgboost-builtin/lab';
import { sagemakerActionsSupporting } from '../../../lib/stack/service-authorization';
import { guardrailStatements, labTemplate, statementApplies, statementWithSid, stringLike, type PolicyStatement } from './guardrail-policy';

let template: Template;
let deny: PolicyStatement;

beforeAll(() => {
  template = labTemplate(lab);
  deny = statementWithSid(guardrailStatements(template), 'DenyInstanceTypesOutsideLabAllowlist');
});

test('the stack uploads the shipped channels exactly where R5 expects them', () => {
  const prefixes = Object.values(template.findResources('Custom::CDKBucketDeployment')).map((r: any) => r.Properties.DestinationBucketKeyPrefix);
  expect(prefixes.sort()).toEqual([TRAIN_PREFIX, VALIDATION_PREFIX]);
});

const training = (...types: string[]) => ({ action: 'sagemaker:CreateTrainingJob', context: { 'sagemaker:InstanceTypes': types } });

test('the deny statement allows exactly the lab instance types plus system', () => {
  expect(deny.Effect).toBe('Deny');
  expect(deny.Action).toEqual(expect.arrayContaining(['sagemaker:CreateTrainingJob', 'sagemaker:CreateApp', 'sagemaker:CreateEndpointConfig']));
  const allowed = deny.Condition?.['ForAnyValue:StringNotLike']?.['sagemaker:InstanceTypes'];
  expect([...(allowed as string[])].sort()).toEqual([...TRAINING_INSTANCE_TYPES, STUDIO_APP_INSTANCE_TYPE, 'system'].sort());
});

test('a training job on the lab instance type is not denied', () => {
  expect(statementApplies(deny, training('ml.m5.large'))).toBe(false);
});

test.each(['ml.m5.xlarge', 'ml.p3.2xlarge', 'ml.g4dn.xlarge', 'ml.m5.large2'])('a training job on %s is denied', (type) => {
  expect(statementApplies(deny, training(type))).toBe(true);
});

test('one disallowed type among allowed ones is enough to deny (ForAnyValue)', () => {
  expect(statementApplies(deny, training('ml.m5.large', 'ml.c5.18xlarge'))).toBe(true);
});

test('the Studio space type is allowed for CreateApp, a GPU one is not', () => {
  expect(statementApplies(deny, { action: 'sagemaker:CreateApp', context: { 'sagemaker:InstanceTypes': [STUDIO_APP_INSTANCE_TYPE] } })).toBe(false);
  expect(statementApplies(deny, { action: 'sagemaker:CreateApp', context: { 'sagemaker:InstanceTypes': ['ml.g5.xlarge'] } })).toBe(true);
});

test.each(['sagemaker:CreateCluster', 'sagemaker:UpdateCluster'])('a HyperPod %s on a GPU type is denied, on the lab type it is not', (action) => {
  expect(statementApplies(deny, { action, context: { 'sagemaker:InstanceTypes': ['ml.p5.48xlarge'] } })).toBe(true);
  expect(statementApplies(deny, { action, context: { 'sagemaker:InstanceTypes': ['ml.m5.large'] } })).toBe(false);
});

test('every action the reference data lists for sagemaker:InstanceTypes is denied on a type outside the allowlist', () => {
  const allowedThrough = sagemakerActionsSupporting('sagemaker:InstanceTypes').filter(
    (action) => !statementApplies(deny, { action, context: { 'sagemaker:InstanceTypes': ['ml.p4d.24xlarge'] } }),
  );
  expect(allowedThrough).toEqual([]);
});

test('the evaluator matches IAM wildcards as IAM does', () => {
  expect(stringLike('ml.m5.large', 'ml.m5.*')).toBe(true);
  expect(stringLike('ml.m5.large', 'ml.m?.large')).toBe(true);
  expect(stringLike('ml.m5.large', 'ml.m5')).toBe(false);
  expect(stringLike('mlXm5.large', 'ml.m5.large')).toBe(false);
});
