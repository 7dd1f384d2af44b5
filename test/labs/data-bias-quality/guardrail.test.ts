// The lab stack's guardrail, proven on the synthesised MlLab-data-bias-quality template: the Clarify
// jobs' processing instance type is allowed and nothing bigger is (AWS's examples use ml.m5.xlarge),
// and both SageMaker (Clarify) and Glue (Data Quality) are services the learner may use.
import { lab, PROCESSING_INSTANCE_TYPE, STUDIO_APP_INSTANCE_TYPE } from '../../../labs/data-bias-quality/lab';
import { guardrailStatements, labTemplate, statementApplies, statementWithSid, type PolicyStatement } from '../xgboost-builtin/guardrail-policy';

let statements: PolicyStatement[];

beforeAll(() => {
  statements = guardrailStatements(labTemplate(lab));
});

const processingJob = (type: string) => ({ action: 'sagemaker:CreateProcessingJob', context: { 'sagemaker:InstanceTypes': [type] } });

test('the guardrail allows exactly the processing type of the Clarify jobs and the Studio space type', () => {
  const allowed = statementWithSid(statements, 'DenyInstanceTypesOutsideLabAllowlist').Condition?.['ForAnyValue:StringNotLike']?.['sagemaker:InstanceTypes'];
  expect([...(allowed as string[])].sort()).toEqual([PROCESSING_INSTANCE_TYPE, STUDIO_APP_INSTANCE_TYPE, 'system'].sort());
});

test('a Clarify processing job on ml.m5.large is allowed', () => {
  expect(statementApplies(statementWithSid(statements, 'DenyInstanceTypesOutsideLabAllowlist'), processingJob(PROCESSING_INSTANCE_TYPE))).toBe(false);
});

test.each(['ml.m5.xlarge', 'ml.c5.xlarge', 'ml.g4dn.xlarge'])('a processing job on %s is denied', (type) => {
  expect(statementApplies(statementWithSid(statements, 'DenyInstanceTypesOutsideLabAllowlist'), processingJob(type))).toBe(true);
});

test('SageMaker and Glue are not among the denied services; an undeclared service still is', () => {
  const services = statementWithSid(statements, 'DenyServicesTheLabDoesNotUse') as PolicyStatement & { readonly NotAction?: string[] };
  expect(services.NotAction ?? []).toEqual(expect.arrayContaining(['sagemaker:*', 'glue:*', 's3:*']));
  expect(services.NotAction ?? []).not.toContain('kinesis:*');
});
