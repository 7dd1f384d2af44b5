import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { allowedServices, DEFAULT_INSTANCE_TYPES, INSTANCE_TYPE_ACTIONS, LabGuardrails, SERVERLESS_ACTIONS, type LabGuardrailsProps } from '../../lib/stack/guardrails';

function guardrails(props: Partial<LabGuardrailsProps> = {}) {
  const stack = new Stack(new App(), 'GuardrailTest');
  const role = new iam.Role(stack, 'Learner', { assumedBy: new iam.AccountRootPrincipal() });
  const construct = new LabGuardrails(stack, 'Guardrails', { allowedServices: ['s3'], roles: [role], ...props });
  return { stack, construct };
}

describe('LabGuardrails', () => {
  it('covers exactly the actions the Service Authorization Reference lists for sagemaker:InstanceTypes', () => {
    // Transcribed from the reference's condition-key table ("applies to"); a change there is a change here.
    expect([...INSTANCE_TYPE_ACTIONS].sort()).toEqual(
      [
        'CreateApp', 'CreateDataQualityJobDefinition', 'CreateDomain', 'CreateEndpointConfig', 'CreateHyperParameterTuningJob',
        'CreateModelBiasJobDefinition', 'CreateModelExplainabilityJobDefinition', 'CreateModelQualityJobDefinition',
        'CreateMonitoringSchedule', 'CreateNotebookInstance', 'CreateProcessingJob', 'CreateSpace', 'CreateTrainingJob',
        'CreateTransformJob', 'CreateUserProfile', 'UpdateDomain', 'UpdateMonitoringSchedule', 'UpdateNotebookInstance',
        'UpdateSpace', 'UpdateTrainingJob', 'UpdateUserProfile',
      ].map((a) => `sagemaker:${a}`),
    );
    expect(SERVERLESS_ACTIONS).toEqual(['sagemaker:CreateEndpointConfig']);
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
