// The lab stack's guardrail, proven on the synthesised MlLab-vision-algorithms template: a training job
// on ml.g4dn.xlarge (the cheapest GPU type the built-in vision algorithms train on) is allowed, CPU
// types and bigger GPUs are denied, and the stack uploads the shipped photos where R3 expects them.
import type { Template } from 'aws-cdk-lib/assertions';
import { CHANNEL_PREFIXES, lab, TRAINING_INSTANCE_TYPES } from '../../../labs/vision-algorithms/lab';
import { STUDIO_APP_INSTANCE_TYPE } from '../../../labs/xgboost-builtin/lab';
import { guardrailStatements, labTemplate, statementApplies, statementWithSid, type PolicyStatement } from '../xgboost-builtin/guardrail-policy';

let template: Template;
let deny: PolicyStatement;

beforeAll(() => {
  template = labTemplate(lab);
  deny = statementWithSid(guardrailStatements(template), 'DenyInstanceTypesOutsideLabAllowlist');
});

const training = (...types: string[]) => ({ action: 'sagemaker:CreateTrainingJob', context: { 'sagemaker:InstanceTypes': types } });

test('the guardrail allows exactly the GPU training type and the Studio space type', () => {
  const allowed = deny.Condition?.['ForAnyValue:StringNotLike']?.['sagemaker:InstanceTypes'];
  expect([...(allowed as string[])].sort()).toEqual([...TRAINING_INSTANCE_TYPES, STUDIO_APP_INSTANCE_TYPE, 'system'].sort());
  expect(deny.Action).toEqual(expect.arrayContaining(['sagemaker:CreateTrainingJob']));
});

test('a training job on ml.g4dn.xlarge is not denied', () => {
  expect(statementApplies(deny, training('ml.g4dn.xlarge'))).toBe(false);
});

test.each(['ml.m5.large', 'ml.c5.xlarge', 'ml.g4dn.2xlarge', 'ml.g5.xlarge', 'ml.p3.2xlarge'])('a training job on %s is denied', (type) => {
  expect(statementApplies(deny, training(type))).toBe(true);
});

test('the stack uploads the four shipped channels exactly where R3 expects them', () => {
  const prefixes = Object.values(template.findResources('Custom::CDKBucketDeployment')).map((r: any) => r.Properties.DestinationBucketKeyPrefix);
  expect(prefixes.sort()).toEqual(Object.values(CHANNEL_PREFIXES).sort());
});
