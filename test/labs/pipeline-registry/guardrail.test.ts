// The lab stack's guardrail allows exactly the instance types the pipeline's steps and the Studio
// space need, on the roles that start the jobs: the learner's, and the execution role the pipeline
// passes (SageMaker Pipelines creates each step's job with the pipeline's role, so the deny applies
// to the jobs an execution starts). Proven on the synthesised MlLab-pipeline-registry template.
import type { Template } from 'aws-cdk-lib/assertions';
import { lab, PIPELINE_INSTANCE_TYPES, PROCESSING_INSTANCE_TYPES, RAW_PREFIX, STUDIO_APP_INSTANCE_TYPE, TRAINING_INSTANCE_TYPES } from '../../../labs/pipeline-registry/lab';
import { referenceDefinition } from '../../../labs/pipeline-registry/solution';
import { guardrailStatements, labTemplate, statementApplies, statementWithSid, type PolicyStatement } from '../xgboost-builtin/guardrail-policy';

let template: Template;
let deny: PolicyStatement;

beforeAll(() => {
  template = labTemplate(lab);
  deny = statementWithSid(guardrailStatements(template), 'DenyInstanceTypesOutsideLabAllowlist');
});

const job = (action: string, ...types: string[]) => ({ action, context: { 'sagemaker:InstanceTypes': types } });

test('the stack uploads the shipped extract where the pipeline reads it', () => {
  const prefixes = Object.values(template.findResources('Custom::CDKBucketDeployment')).map((r: any) => r.Properties.DestinationBucketKeyPrefix);
  expect(prefixes).toEqual([RAW_PREFIX]);
});

test('the allowlist is exactly the steps\' and the Studio space\'s types, plus system', () => {
  const allowed = deny.Condition?.['ForAnyValue:StringNotLike']?.['sagemaker:InstanceTypes'];
  expect([...(allowed as string[])].sort()).toEqual([...new Set([...PIPELINE_INSTANCE_TYPES, STUDIO_APP_INSTANCE_TYPE, 'system'])].sort());
  expect([...lab.instanceTypes!].sort()).toEqual(['ml.m5.large', 'ml.t3.medium']);
});

test('the reference definition\'s defaults are allowed: processing on ml.t3.medium, training on ml.m5.large', () => {
  const defaults = Object.fromEntries((referenceDefinition({ region: 'us-east-1', bucket: 'b', roleArn: 'r' }).Parameters as any[]).map((p) => [p.Name, p.DefaultValue]));
  expect(statementApplies(deny, job('sagemaker:CreateProcessingJob', defaults.ProcessingInstanceType))).toBe(false);
  expect(statementApplies(deny, job('sagemaker:CreateTrainingJob', defaults.TrainingInstanceType))).toBe(false);
  expect(PROCESSING_INSTANCE_TYPES).toContain(defaults.ProcessingInstanceType);
  expect(TRAINING_INSTANCE_TYPES).toContain(defaults.TrainingInstanceType);
});

test.each([
  ['sagemaker:CreateProcessingJob', 'ml.m5.xlarge'],
  ['sagemaker:CreateProcessingJob', 'ml.g4dn.xlarge'],
  ['sagemaker:CreateTrainingJob', 'ml.m5.2xlarge'],
  ['sagemaker:CreateTrainingJob', 'ml.p3.2xlarge'],
])('%s on %s (an execution overriding the instance type parameter) is denied', (action, type) => {
  expect(statementApplies(deny, job(action, type))).toBe(true);
});

test('the guardrail is attached to the execution role a pipeline passes, not only to the learner role', () => {
  const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy')).filter((r: any) => r.Properties.PolicyDocument.Statement.some((s: any) => s.Sid === 'DenyInstanceTypesOutsideLabAllowlist'));
  const roles = JSON.stringify((policies[0] as any).Properties.Roles);
  expect(roles).toMatch(/ExecutionRole/);
});

test('creating and starting a pipeline carries no instance type, so only its jobs are bounded', () => {
  for (const action of ['sagemaker:CreatePipeline', 'sagemaker:StartPipelineExecution', 'sagemaker:CreateModelPackage', 'sagemaker:UpdateModelPackage']) {
    expect(statementApplies(deny, { action, context: {} })).toBe(false);
  }
});
