// The lab stack's guardrail allows exactly the instance types this lab's requirements accept (the
// endpoint's, the baselining and monitoring jobs', the Studio space's), on every action that starts
// them, and the stack uploads the shipped data where the requirements look for it. Proven on the
// synthesised MlLab-model-monitor-drift template by evaluating its deny statements for real requests.
import type { Template } from 'aws-cdk-lib/assertions';
import { HOSTING_INSTANCE_TYPE, lab, PROCESSING_INSTANCE_TYPE, REQUESTS_PREFIX, TRAINING_DATA_PREFIX } from '../../../labs/model-monitor-drift/lab';
import { STUDIO_APP_INSTANCE_TYPE } from '../../../labs/xgboost-builtin/lab';
import { guardrailStatements, labTemplate, statementApplies, statementWithSid, type IamRequest, type PolicyStatement } from '../xgboost-builtin/guardrail-policy';

let template: Template;
let statements: PolicyStatement[];

beforeAll(() => {
  template = labTemplate(lab);
  statements = guardrailStatements(template);
});

/** Whether any guardrail deny applies to the request. */
const denied = (request: IamRequest) => statements.filter((s) => s.Effect === 'Deny').some((s) => statementApplies(s, request));
const on = (action: string, ...types: string[]): IamRequest => ({ action: `sagemaker:${action}`, context: { 'sagemaker:InstanceTypes': types } });

test('the stack uploads the shipped training data and requests exactly where R3 and the README expect them', () => {
  const prefixes = Object.values(template.findResources('Custom::CDKBucketDeployment')).map((r: any) => r.Properties.DestinationBucketKeyPrefix);
  expect(prefixes.sort()).toEqual([REQUESTS_PREFIX, TRAINING_DATA_PREFIX].sort());
});

test('the instance-type deny allows exactly the endpoint, processing and Studio types plus system', () => {
  const deny = statementWithSid(statements, 'DenyInstanceTypesOutsideLabAllowlist');
  const allowed = deny.Condition?.['ForAnyValue:StringNotLike']?.['sagemaker:InstanceTypes'];
  expect([...(allowed as string[])].sort()).toEqual([HOSTING_INSTANCE_TYPE, PROCESSING_INSTANCE_TYPE, STUDIO_APP_INSTANCE_TYPE, 'system'].sort());
  // Every action the lab starts instances with carries the key, so the deny bounds them all.
  expect(deny.Action).toEqual(expect.arrayContaining(['sagemaker:CreateEndpointConfig', 'sagemaker:CreateProcessingJob', 'sagemaker:CreateMonitoringSchedule', 'sagemaker:CreateDataQualityJobDefinition']));
});

test.each([
  ['CreateEndpointConfig', HOSTING_INSTANCE_TYPE],
  ['CreateProcessingJob', PROCESSING_INSTANCE_TYPE],
  ['CreateMonitoringSchedule', PROCESSING_INSTANCE_TYPE],
  ['CreateDataQualityJobDefinition', PROCESSING_INSTANCE_TYPE],
])('%s on %s (the reference) is allowed', (action, type) => {
  expect(denied(on(action, type))).toBe(false);
});

test.each([
  ['CreateEndpointConfig', 'ml.m5.xlarge'],
  ['CreateEndpointConfig', 'ml.g4dn.xlarge'],
  ['CreateProcessingJob', 'ml.m5.4xlarge'],
  ['CreateMonitoringSchedule', 'ml.m5.xlarge'],
  ['CreateDataQualityJobDefinition', 'ml.c5.9xlarge'],
])('%s on %s is denied', (action, type) => {
  expect(denied(on(action, type))).toBe(true);
});

test('an endpoint on the processing type passes the guardrail (the jobs need ml.m5.large), so R1 is what refuses it, with the cost', () => {
  expect(denied(on('CreateEndpointConfig', PROCESSING_INSTANCE_TYPE))).toBe(false);
});
