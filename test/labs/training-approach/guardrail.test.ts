// The lab stack lets the learner do exactly what the lab needs, proven on the synthesised
// MlLab-training-approach template: ml.m5.large for training, the Studio space type; and it ships
// the ticket data where R5 reads it.
import type { Template } from 'aws-cdk-lib/assertions';
import { lab, TRAIN_PREFIX, TRAINING_INSTANCE_TYPES } from '../../../labs/training-approach/lab';
import { STUDIO_APP_INSTANCE_TYPE } from '../../../labs/xgboost-builtin/lab';
import { guardrailStatements, labTemplate, statementApplies, statementWithSid, type PolicyStatement } from '../xgboost-builtin/guardrail-policy';

let template: Template;
let deny: PolicyStatement;

beforeAll(() => {
  template = labTemplate(lab);
  deny = statementWithSid(guardrailStatements(template), 'DenyInstanceTypesOutsideLabAllowlist');
});

const training = (...types: string[]) => ({ action: 'sagemaker:CreateTrainingJob', context: { 'sagemaker:InstanceTypes': types } });

test('the instance-type deny allows exactly the lab types plus system', () => {
  const allowed = deny.Condition?.['ForAnyValue:StringNotLike']?.['sagemaker:InstanceTypes'];
  expect([...(allowed as string[])].sort()).toEqual([...TRAINING_INSTANCE_TYPES, STUDIO_APP_INSTANCE_TYPE, 'system'].sort());
});

test('a scikit-learn job on ml.m5.large is allowed; on a GPU or a larger type it is denied', () => {
  expect(statementApplies(deny, training('ml.m5.large'))).toBe(false);
  expect(statementApplies(deny, training('ml.g4dn.xlarge'))).toBe(true);
  expect(statementApplies(deny, training('ml.m5.xlarge'))).toBe(true);
});

test('the stack uploads the ticket data exactly where R5 expects it', () => {
  const prefixes = Object.values(template.findResources('Custom::CDKBucketDeployment')).map((r: any) => r.Properties.DestinationBucketKeyPrefix);
  expect(prefixes).toEqual([TRAIN_PREFIX]);
});
