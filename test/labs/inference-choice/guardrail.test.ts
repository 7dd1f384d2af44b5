// The lab stack lets the learner do exactly what the lab needs, proven on the synthesised
// MlLab-inference-choice template: ml.m5.large for the asynchronous endpoint and the transform job,
// the Studio space type, Application Auto Scaling and SNS; and it ships the nightly file where R5 reads it.
import type { Template } from 'aws-cdk-lib/assertions';
import { INFERENCE_INSTANCE_TYPE, lab, NIGHTLY_INPUT_PREFIX } from '../../../labs/inference-choice/lab';
import { STUDIO_APP_INSTANCE_TYPE } from '../../../labs/xgboost-builtin/lab';
import { guardrailStatements, labTemplate, statementApplies, statementWithSid, type PolicyStatement } from '../xgboost-builtin/guardrail-policy';

let template: Template;
let statements: PolicyStatement[];

beforeAll(() => {
  template = labTemplate(lab);
  statements = guardrailStatements(template);
});

const typesDeny = () => statementWithSid(statements, 'DenyInstanceTypesOutsideLabAllowlist');
const request = (action: string, type: string) => ({ action, context: { 'sagemaker:InstanceTypes': [type] } });

test('the instance-type deny allows exactly the lab types plus system', () => {
  const allowed = typesDeny().Condition?.['ForAnyValue:StringNotLike']?.['sagemaker:InstanceTypes'];
  expect([...(allowed as string[])].sort()).toEqual([INFERENCE_INSTANCE_TYPE, STUDIO_APP_INSTANCE_TYPE, 'system'].sort());
});

test.each(['sagemaker:CreateEndpointConfig', 'sagemaker:CreateTransformJob'])('%s on ml.m5.large is allowed; on a GPU or a larger type it is denied', (action) => {
  expect(statementApplies(typesDeny(), request(action, INFERENCE_INSTANCE_TYPE))).toBe(false);
  expect(statementApplies(typesDeny(), request(action, 'ml.g4dn.xlarge'))).toBe(true);
  expect(statementApplies(typesDeny(), request(action, 'ml.m5.4xlarge'))).toBe(true);
});

test('Application Auto Scaling and SNS are lab services: the service deny leaves them alone', () => {
  const services = statementWithSid(statements, 'DenyServicesTheLabDoesNotUse') as PolicyStatement & { NotAction?: string[] };
  expect(services.NotAction).toEqual(expect.arrayContaining(['application-autoscaling:*', 'sns:*', 'sagemaker:*', 'cloudwatch:*', 's3:*']));
});

test('the stack uploads the nightly file exactly where R5 expects it', () => {
  const prefixes = Object.values(template.findResources('Custom::CDKBucketDeployment')).map((r: any) => r.Properties.DestinationBucketKeyPrefix);
  expect(prefixes).toEqual([NIGHTLY_INPUT_PREFIX]);
});
