// A serverless endpoint configuration carries no sagemaker:InstanceTypes key, so the instance-type
// deny cannot bound it: the serverless condition keys do. Proven on the synthesised
// MlLab-serverless-endpoint template, and held equal to what R2 accepts.
import { lab, MAX_CONCURRENCY, MAX_MEMORY_SIZE_MB } from '../../../labs/serverless-endpoint/lab';
import { STUDIO_APP_INSTANCE_TYPE } from '../../../labs/xgboost-builtin/lab';
import { guardrailStatements, labTemplate, statementApplies, statementWithSid, type IamRequest, type PolicyStatement } from '../xgboost-builtin/guardrail-policy';

let statements: PolicyStatement[];

beforeAll(() => {
  statements = guardrailStatements(labTemplate(lab));
});

/** Whether a guardrail deny applies (the NotAction service deny cannot matter: sagemaker is a lab service). */
const denied = (request: IamRequest) => statements.filter((s) => s.Effect === 'Deny' && s.Sid !== 'DenyServicesTheLabDoesNotUse').some((s) => statementApplies(s, request));

const serverlessConfig = (memory: number, concurrency: number): IamRequest => ({
  action: 'sagemaker:CreateEndpointConfig',
  context: { 'sagemaker:ServerlessMemorySize': memory, 'sagemaker:ServerlessMaxConcurrency': concurrency },
});

test('the guardrail bounds serverless memory and concurrency exactly at the lab limits of R2', () => {
  expect(statementWithSid(statements, 'DenyLargeServerlessMemory').Condition).toEqual({ NumericGreaterThan: { 'sagemaker:ServerlessMemorySize': MAX_MEMORY_SIZE_MB } });
  expect(statementWithSid(statements, 'DenyHighServerlessConcurrency').Condition).toEqual({ NumericGreaterThan: { 'sagemaker:ServerlessMaxConcurrency': MAX_CONCURRENCY } });
});

test('the reference serverless configuration is allowed', () => {
  expect(denied(serverlessConfig(2048, 2))).toBe(false);
});

test.each([
  [3072, 2],
  [6144, 1],
  [2048, 3],
  [1024, 200],
])('a serverless configuration of %i MB and concurrency %i is denied', (memory, concurrency) => {
  expect(denied(serverlessConfig(memory, concurrency))).toBe(true);
});

test('the serverless request carries no instance type, so the instance-type deny does not decide it', () => {
  expect(statementApplies(statementWithSid(statements, 'DenyInstanceTypesOutsideLabAllowlist'), serverlessConfig(6144, 200))).toBe(false);
});

test('an instance-based endpoint configuration is denied: the lab allows only the Studio space type', () => {
  const allowed = statementWithSid(statements, 'DenyInstanceTypesOutsideLabAllowlist').Condition?.['ForAnyValue:StringNotLike']?.['sagemaker:InstanceTypes'];
  expect([...(allowed as string[])].sort()).toEqual([STUDIO_APP_INSTANCE_TYPE, 'system']);
  expect(denied({ action: 'sagemaker:CreateEndpointConfig', context: { 'sagemaker:InstanceTypes': ['ml.m5.large'] } })).toBe(true);
});

test('a HyperPod cluster, created or resized, is denied on any type but the Studio space type', () => {
  for (const action of ['sagemaker:CreateCluster', 'sagemaker:UpdateCluster']) {
    expect(denied({ action, context: { 'sagemaker:InstanceTypes': ['ml.m5.large'] } })).toBe(true);
    expect(denied({ action, context: { 'sagemaker:InstanceTypes': [STUDIO_APP_INSTANCE_TYPE] } })).toBe(false);
  }
});
