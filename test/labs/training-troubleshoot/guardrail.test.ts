// The lab stack's guardrail allows exactly the instance types this lab declares: proven on the
// synthesised MlLab-training-troubleshoot template by evaluating its deny statement for real requests.
import type { Template } from 'aws-cdk-lib/assertions';
import { CLEAN_PREFIX, lab, PLANTED_TRAINING_JOBS, RAW_PREFIX, SAMPLE_PREFIX, STUDIO_APP_INSTANCE_TYPE, TRAINING_INSTANCE_TYPES } from '../../../labs/training-troubleshoot/lab';
import { guardrailStatements, labTemplate, statementApplies, statementWithSid, type PolicyStatement } from '../xgboost-builtin/guardrail-policy';

let template: Template;
let deny: PolicyStatement;

beforeAll(() => {
  template = labTemplate(lab);
  deny = statementWithSid(guardrailStatements(template), 'DenyInstanceTypesOutsideLabAllowlist');
});

const training = (...types: string[]) => ({ action: 'sagemaker:CreateTrainingJob', context: { 'sagemaker:InstanceTypes': types } });

test('the stack uploads the three shipped data sets under the prefixes the scenario names', () => {
  const prefixes = Object.values(template.findResources('Custom::CDKBucketDeployment')).map((r: any) => r.Properties.DestinationBucketKeyPrefix);
  expect(prefixes.sort()).toEqual([CLEAN_PREFIX, RAW_PREFIX, SAMPLE_PREFIX].sort());
});

test('the deny statement allows exactly the lab instance types plus system', () => {
  const allowed = deny.Condition?.['ForAnyValue:StringNotLike']?.['sagemaker:InstanceTypes'];
  expect([...(allowed as string[])].sort()).toEqual([...TRAINING_INSTANCE_TYPES, STUDIO_APP_INSTANCE_TYPE, 'system'].sort());
});

test('the planted jobs and the reruns run on an allowed type; a larger one is denied', () => {
  expect(statementApplies(deny, training(PLANTED_TRAINING_JOBS.instanceType))).toBe(false);
  for (const type of ['ml.m5.xlarge', 'ml.c5.large', 'ml.g4dn.xlarge']) expect(statementApplies(deny, training(type))).toBe(true);
});
