// The lab stack's guardrail, proven on the synthesised MlLab-safe-rollout template: the endpoint
// instance type R1 asks for is allowed and nothing bigger is, and Application Auto Scaling (R5) is a
// service the learner may use.
import { HOSTING_INSTANCE_TYPE, lab } from '../../../labs/safe-rollout/lab';
import { STUDIO_APP_INSTANCE_TYPE } from '../../../labs/xgboost-builtin/lab';
import { guardrailStatements, labTemplate, statementApplies, statementWithSid, type PolicyStatement } from '../xgboost-builtin/guardrail-policy';

let statements: PolicyStatement[];

beforeAll(() => {
  statements = guardrailStatements(labTemplate(lab));
});

const endpointConfig = (...types: string[]) => ({ action: 'sagemaker:CreateEndpointConfig', context: { 'sagemaker:InstanceTypes': types } });

test('the guardrail allows exactly the endpoint type of R1 and the Studio space type', () => {
  const allowed = statementWithSid(statements, 'DenyInstanceTypesOutsideLabAllowlist').Condition?.['ForAnyValue:StringNotLike']?.['sagemaker:InstanceTypes'];
  expect([...(allowed as string[])].sort()).toEqual([HOSTING_INSTANCE_TYPE, STUDIO_APP_INSTANCE_TYPE, 'system'].sort());
});

test('an endpoint configuration of two ml.t2.medium variants is allowed', () => {
  const deny = statementWithSid(statements, 'DenyInstanceTypesOutsideLabAllowlist');
  expect(statementApplies(deny, endpointConfig(HOSTING_INSTANCE_TYPE, HOSTING_INSTANCE_TYPE))).toBe(false);
});

test.each(['ml.m5.large', 'ml.c5.xlarge', 'ml.g4dn.xlarge'])('a variant on %s next to an allowed one is denied', (type) => {
  expect(statementApplies(statementWithSid(statements, 'DenyInstanceTypesOutsideLabAllowlist'), endpointConfig(HOSTING_INSTANCE_TYPE, type))).toBe(true);
});

test('Application Auto Scaling is not among the denied services; an undeclared service still is', () => {
  const services = statementWithSid(statements, 'DenyServicesTheLabDoesNotUse') as PolicyStatement & { readonly NotAction?: string[] };
  const notActions = services.NotAction ?? [];
  expect(notActions).toEqual(expect.arrayContaining(['application-autoscaling:*', 'sagemaker:*', 'cloudwatch:*']));
  expect(notActions).not.toContain('sns:*');
});
