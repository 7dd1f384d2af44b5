import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { allowedServices, DEFAULT_INSTANCE_TYPES, INSTANCE_TYPE_ACTIONS, LabGuardrails, SERVERLESS_ACTIONS, type LabGuardrailsProps } from '../../lib/stack/guardrails';
import { SAGEMAKER_AUTHORIZATION_SOURCE, sagemakerActionsSupporting } from '../../lib/stack/service-authorization';

function policyDocument(stack: Stack): { Statement: { Sid: string; Action?: string | string[] }[] } {
  return Object.values(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'))[0]!.Properties.PolicyDocument;
}

/** The actions of the statement `sid` (CloudFormation writes a single action as a string). */
function actionsOf(stack: Stack, sid: string): string[] {
  const found = policyDocument(stack).Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid}`);
  return [found.Action ?? []].flat();
}

function guardrails(props: Partial<LabGuardrailsProps> = {}) {
  const stack = new Stack(new App(), 'GuardrailTest');
  const role = new iam.Role(stack, 'Learner', { assumedBy: new iam.AccountRootPrincipal() });
  const construct = new LabGuardrails(stack, 'Guardrails', { allowedServices: ['s3'], roles: [role], ...props });
  return { stack, construct };
}

describe('LabGuardrails', () => {
  it('covers exactly the actions the Service Authorization Reference lists for sagemaker:InstanceTypes', () => {
    // Transcribed from the reference's condition-key table ("applies to"); a change there is a change here.
    // HyperPod's CreateCluster and UpdateCluster were missing from the hand-kept list (issue 11, finding 18).
    expect([...INSTANCE_TYPE_ACTIONS].sort()).toEqual(
      [
        'CreateApp', 'CreateCluster', 'CreateDataQualityJobDefinition', 'CreateDomain', 'CreateEndpointConfig', 'CreateHyperParameterTuningJob',
        'CreateModelBiasJobDefinition', 'CreateModelExplainabilityJobDefinition', 'CreateModelQualityJobDefinition',
        'CreateMonitoringSchedule', 'CreateNotebookInstance', 'CreateProcessingJob', 'CreateSpace', 'CreateTrainingJob',
        'CreateTransformJob', 'CreateUserProfile', 'UpdateCluster', 'UpdateDomain', 'UpdateMonitoringSchedule', 'UpdateNotebookInstance',
        'UpdateSpace', 'UpdateTrainingJob', 'UpdateUserProfile',
      ].map((a) => `sagemaker:${a}`),
    );
    expect(SERVERLESS_ACTIONS).toEqual(['sagemaker:CreateEndpointConfig']);
  });

  it('denies, in the synthesised policy, every action the reference data lists for sagemaker:InstanceTypes', () => {
    const denied = actionsOf(guardrails().stack, 'DenyInstanceTypesOutsideLabAllowlist');
    const missing = sagemakerActionsSupporting('sagemaker:InstanceTypes').filter((a) => !denied.includes(a));
    expect(missing).toEqual([]);
    expect(denied).toEqual(expect.arrayContaining(['sagemaker:CreateCluster', 'sagemaker:UpdateCluster']));
  });

  it('bounds serverless memory and concurrency on every action the reference data lists for those keys', () => {
    const { stack } = guardrails();
    expect(actionsOf(stack, 'DenyLargeServerlessMemory')).toEqual(expect.arrayContaining(sagemakerActionsSupporting('sagemaker:ServerlessMemorySize')));
    expect(actionsOf(stack, 'DenyHighServerlessConcurrency')).toEqual(expect.arrayContaining(sagemakerActionsSupporting('sagemaker:ServerlessMaxConcurrency')));
  });

  it('stays within the 6,144-character managed-policy quota with every service and a long allowlist', () => {
    // IAM does not count white space: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
    const types = ['ml.t3.medium', 'ml.m5.large', 'ml.m5.xlarge', 'ml.c5.xlarge', 'ml.c5.2xlarge', 'ml.g4dn.xlarge', 'ml.g5.xlarge', 'ml.p3.2xlarge'];
    const { stack } = guardrails({ instanceTypes: types, allowedServices: allowedServices(['studio', 'streaming', 'datalake'], types) });
    const size = JSON.stringify(policyDocument(stack)).replace(/\s/g, '').length;
    expect(size).toBeLessThanOrEqual(6144);
  });

  it('names the snapshot it derives its actions from: repository, commit and retrieval date', () => {
    expect(SAGEMAKER_AUTHORIZATION_SOURCE).toEqual(
      expect.objectContaining({
        repository: 'https://github.com/iann0036/iam-dataset',
        path: 'aws/iam_definition.json',
        commit: expect.stringMatching(/^[0-9a-f]{40}$/),
        retrieved: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      }),
    );
  });

  it('always allows system next to the declared instance types', () => {
    expect(guardrails({ instanceTypes: ['ml.c5.xlarge'] }).construct.instanceTypes).toEqual(['ml.c5.xlarge', 'system']);
    expect(guardrails().construct.instanceTypes).toEqual([...DEFAULT_INSTANCE_TYPES, 'system']);
  });

  it('writes the serverless bounds it is given', () => {
    const { stack } = guardrails({ maxServerlessMemorySizeMb: 4096, maxServerlessConcurrency: 5 });
    const doc = JSON.stringify(Object.values(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'))[0]!.Properties.PolicyDocument);
    expect(doc).toContain('"sagemaker:ServerlessMemorySize":4096');
    expect(doc).toContain('"sagemaker:ServerlessMaxConcurrency":5');
  });

  it('allows each environment its own services on top of the base set', () => {
    expect(allowedServices(['datalake'])).toEqual(expect.arrayContaining(['glue', 'athena', 's3', 'logs']));
    expect(allowedServices(['datalake'])).not.toContain('kinesis');
    expect(allowedServices(['streaming'], ['ml.m5.large'])).toEqual(expect.arrayContaining(['kinesis', 'firehose', 'sagemaker', 'ecr']));
  });

  it('fails when an instance type is not a SageMaker instance type', () => {
    expect(() => guardrails({ instanceTypes: ['m5.large'] })).toThrow("got 'm5.large'");
  });

  it('fails when the serverless memory is not a size SageMaker offers', () => {
    expect(() => guardrails({ maxServerlessMemorySizeMb: 1500 })).toThrow('must be one of 1024, 2048, 3072, 4096, 5120, 6144, got 1500');
  });

  it('fails when the serverless concurrency is outside 1..200', () => {
    expect(() => guardrails({ maxServerlessConcurrency: 0 })).toThrow('between 1 and 200, got 0');
  });

  it('fails when no service is allowed', () => {
    expect(() => guardrails({ allowedServices: [] })).toThrow('at least one service');
  });
});
