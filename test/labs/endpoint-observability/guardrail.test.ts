// What the synthesised MlLab-endpoint-observability stack lets the learner do, and lets CloudWatch do:
// the guardrail allows the hosting and Studio instance types only, and the services the lab needs
// (Application Auto Scaling to register the variant, SNS to subscribe to the alerts topic); the
// alerts topic's policy lets this account's CloudWatch alarms publish, which a topic policy that
// names only AWS Budgets would refuse ("... is not authorized to perform: SNS:Publish",
// https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger).
import type { Template } from 'aws-cdk-lib/assertions';
import { HOSTING_INSTANCE_TYPE, lab } from '../../../labs/endpoint-observability/lab';
import { STUDIO_APP_INSTANCE_TYPE } from '../../../labs/xgboost-builtin/lab';
import { guardrailStatements, labTemplate, statementApplies, statementWithSid, type PolicyStatement } from '../xgboost-builtin/guardrail-policy';

let template: Template;
let statements: PolicyStatement[];

beforeAll(() => {
  template = labTemplate(lab);
  statements = guardrailStatements(template);
});

const deniedType = (type: string) => statementApplies(statementWithSid(statements, 'DenyInstanceTypesOutsideLabAllowlist'), { action: 'sagemaker:CreateEndpointConfig', context: { 'sagemaker:InstanceTypes': [type] } });

test('an endpoint configuration on ml.t2.medium is allowed; a larger hosting type is denied', () => {
  expect(deniedType(HOSTING_INSTANCE_TYPE)).toBe(false);
  expect(deniedType(STUDIO_APP_INSTANCE_TYPE)).toBe(false);
  for (const type of ['ml.m5.large', 'ml.c5.xlarge', 'ml.g4dn.xlarge']) expect([type, deniedType(type)]).toEqual([type, true]);
});

test('Application Auto Scaling, SNS and CloudWatch are among the services the lab may use', () => {
  const notActions = statementWithSid(statements, 'DenyServicesTheLabDoesNotUse') as PolicyStatement & { NotAction: string[] };
  expect(notActions.NotAction).toEqual(expect.arrayContaining(['application-autoscaling:*', 'sns:*', 'cloudwatch:*', 'sagemaker:*']));
  expect(notActions.NotAction).not.toContain('lambda:*');
});

test("the alerts topic lets this account's CloudWatch alarms publish, and only alarms", () => {
  const policies = Object.values(template.findResources('AWS::SNS::TopicPolicy')) as any[];
  const statementsOfTopic = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as any[]);
  const cloudwatch = statementsOfTopic.find((s) => s.Principal?.Service === 'cloudwatch.amazonaws.com');
  expect(cloudwatch).toMatchObject({ Effect: 'Allow', Action: 'sns:Publish', Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } });
  const sourceArn = JSON.stringify(cloudwatch.Condition.ArnLike['aws:SourceArn']);
  expect(sourceArn).toMatch(/:cloudwatch:/);
  expect(sourceArn).toMatch(/:alarm:\*/);
  // Over TLS only, as before: the deny on insecure transport still stands beside it.
  expect(statementsOfTopic.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false')).toBe(true);
});
