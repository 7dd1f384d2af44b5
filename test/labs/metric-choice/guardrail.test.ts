// The lab stack lets the learner train exactly on the lab's instance type (spot or not is the
// learner's setting; the guardrail bounds the type), plus the Studio space, and ships the data
// where the checks read it. Proven on the synthesised MlLab-metric-choice template.
import type { Template } from 'aws-cdk-lib/assertions';
import { FRAUD_JOB, HOUSES_JOB, lab, TRAINING_INSTANCE_TYPE } from '../../../labs/metric-choice/lab';
import { STUDIO_APP_INSTANCE_TYPE } from '../../../labs/xgboost-builtin/lab';
import { guardrailStatements, labTemplate, statementApplies, statementWithSid, type PolicyStatement } from '../xgboost-builtin/guardrail-policy';

// One synthesis for the file; the statements are read once from it.
let template: Template;
let typesDeny: PolicyStatement;

beforeAll(() => {
  template = labTemplate(lab);
  typesDeny = statementWithSid(guardrailStatements(template), 'DenyInstanceTypesOutsideLabAllowlist');
});

const trainingOn = (type: string) => statementApplies(typesDeny, { action: 'sagemaker:CreateTrainingJob', context: { 'sagemaker:InstanceTypes': [type] } });

test('the instance-type deny allows exactly the lab types plus system', () => {
  const allowed = typesDeny.Condition?.['ForAnyValue:StringNotLike']?.['sagemaker:InstanceTypes'];
  expect([...(allowed as string[])].sort()).toEqual([TRAINING_INSTANCE_TYPE, STUDIO_APP_INSTANCE_TYPE, 'system'].sort());
});

test('a training job on ml.m5.large is allowed; on a GPU or a larger type it is denied', () => {
  expect(trainingOn(TRAINING_INSTANCE_TYPE)).toBe(false);
  expect(trainingOn('ml.g4dn.xlarge')).toBe(true);
  expect(trainingOn('ml.m5.4xlarge')).toBe(true);
});

test('the stack uploads the two data sets exactly where R2 and R3 expect them', () => {
  const prefixes = Object.values(template.findResources('Custom::CDKBucketDeployment')).map((r: any) => r.Properties.DestinationBucketKeyPrefix);
  expect(prefixes.sort()).toEqual([FRAUD_JOB.dataPrefix, HOUSES_JOB.dataPrefix].sort());
});
