// The lab stack's guardrail, proven on the synthesised MlLab-hyperparameter-tuning template: a tuning
// job whose training jobs run on the lab's instance type is allowed and one on anything bigger is
// denied, and the stack uploads the xgboost-builtin lab's shipped data where R2 expects it.
import type { Template } from 'aws-cdk-lib/assertions';
import { lab } from '../../../labs/hyperparameter-tuning/lab';
import { STUDIO_APP_INSTANCE_TYPE, TRAIN_PREFIX, TRAINING_INSTANCE_TYPES, VALIDATION_PREFIX } from '../../../labs/xgboost-builtin/lab';
import { guardrailStatements, labTemplate, statementApplies, statementWithSid, type PolicyStatement } from '../xgboost-builtin/guardrail-policy';

let template: Template;
let deny: PolicyStatement;

beforeAll(() => {
  template = labTemplate(lab);
  deny = statementWithSid(guardrailStatements(template), 'DenyInstanceTypesOutsideLabAllowlist');
});

const tuning = (...types: string[]) => ({ action: 'sagemaker:CreateHyperParameterTuningJob', context: { 'sagemaker:InstanceTypes': types } });

test('the guardrail allows exactly the training type and the Studio space type', () => {
  const allowed = deny.Condition?.['ForAnyValue:StringNotLike']?.['sagemaker:InstanceTypes'];
  expect([...(allowed as string[])].sort()).toEqual([...TRAINING_INSTANCE_TYPES, STUDIO_APP_INSTANCE_TYPE, 'system'].sort());
  expect(deny.Action).toEqual(expect.arrayContaining(['sagemaker:CreateHyperParameterTuningJob', 'sagemaker:CreateTrainingJob']));
});

test('a tuning job on ml.m5.large is not denied', () => {
  expect(statementApplies(deny, tuning('ml.m5.large'))).toBe(false);
});

test.each(['ml.m5.xlarge', 'ml.c5.2xlarge', 'ml.g4dn.xlarge', 'ml.p3.2xlarge'])('a tuning job on %s is denied', (type) => {
  expect(statementApplies(deny, tuning(type))).toBe(true);
});

test('the stack uploads the shipped channels from the xgboost-builtin lab\'s data exactly where R2 expects them', () => {
  const prefixes = Object.values(template.findResources('Custom::CDKBucketDeployment')).map((r: any) => r.Properties.DestinationBucketKeyPrefix);
  expect(prefixes.sort()).toEqual([TRAIN_PREFIX, VALIDATION_PREFIX]);
});
