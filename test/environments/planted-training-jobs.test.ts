import { DeleteRolePolicyCommand, DetachRolePolicyCommand, IAMClient, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { CreateTrainingJobCommand, DescribeTrainingJobCommand, SageMakerClient, StopTrainingJobCommand } from '@aws-sdk/client-sagemaker';
import { App, Stack } from 'aws-cdk-lib';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { plantJobs, type PlantedJobsEvent } from '../../lib/cleanup/planted-training-jobs';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { LabBucket } from '../../lib/environments/lab-bucket';
import { PLANTED_ROLE_POLICY_NAME, PlantedTrainingJobs, type PlantedTrainingJobsSpec } from '../../lib/environments/planted-training-jobs';
import { LabStack } from '../../lib/stack/lab-stack';
import { lab as troubleshoot } from '../../labs/training-troubleshoot/lab';
import { synthApp } from '../stack/fixtures';

const SPEC: PlantedTrainingJobsSpec = {
  roleName: 'mllab-planted-test-role',
  readPrefixes: ['data/raw/', 'data/sample/'],
  outputPrefix: 'data/output/',
  jobs: [
    { trainPrefix: 'data/raw/' },
    { trainPrefix: 'data/clean/', maxRuntimeSeconds: 300 },
    { trainPrefix: 'data/sample/', maxRuntimeSeconds: 60, hyperParameters: { num_round: '20000' } },
  ],
};

function plantedStack(spec: Partial<PlantedTrainingJobsSpec> = {}, region = 'us-east-1'): Stack {
  const stack = new Stack(new App(), 'MlLab-planted-test', { env: { region, account: '111122223333' } });
  new PlantedTrainingJobs(stack, 'Planted', { bucket: LabBucket.of(stack).bucket, ...SPEC, ...spec, tags: { 'mllab:lab': 'planted-test' } });
  return stack;
}

describe('PlantedTrainingJobs', () => {
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(plantedStack());
  });

  it('creates the execution role SageMaker assumes, under the stated name', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'mllab-planted-test-role',
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'sagemaker.amazonaws.com' } })] },
    });
  });

  it('lets the role read only the stated prefixes: s3:GetObject on the unstated data prefix is missing', () => {
    const [role] = Object.values(template.findResources('AWS::IAM::Role', { Properties: { RoleName: 'mllab-planted-test-role' } })) as any[];
    expect(role.Properties.Policies.map((p: any) => p.PolicyName)).toEqual([PLANTED_ROLE_POLICY_NAME]);
    const statements = role.Properties.Policies[0].PolicyDocument.Statement;
    const reads = statements.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('s3:Get')));
    const resources = JSON.stringify(reads.map((s: any) => s.Resource));
    expect(resources).toContain('/data/raw/*');
    expect(resources).toContain('/data/sample/*');
    expect(resources).not.toContain('data/clean');
    expect(statements.map((s: any) => s.Sid).sort()).toEqual(['ListLabBucket', 'ReadStatedPrefixes', 'TrainingLogs', 'TrainingMetrics', 'WriteModels']);
  });

  it('passes the jobs to the custom resource with their faults, the XGBoost image of the region and the role', () => {
    template.hasResourceProperties('Custom::MlLabPlantedTrainingJobs', {
      NamePrefix: 'broken-',
      InstanceType: 'ml.m5.large',
      TrainingImage: Match.stringLikeRegexp('^683313688378\\.dkr\\.ecr\\.us-east-1\\.'),
      RoleArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
      Tags: [{ Key: 'mllab:lab', Value: 'planted-test' }],
      Jobs: [
        Match.objectLike({ ContentType: 'text/csv', MaxRuntimeInSeconds: '900' }),
        Match.objectLike({ MaxRuntimeInSeconds: '300' }),
        Match.objectLike({ MaxRuntimeInSeconds: '60', HyperParameters: { num_round: '20000' } }),
      ],
    });
  });

  it('runs the planting function on nodejs24.x, allowed only on the planted jobs and to pass only its role', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs24.x', Handler: 'planted-training-jobs.onEvent' });
    const json = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(json).toContain(':training-job/broken-*');
    expect(json).toContain('"iam:PassedToService":"sagemaker.amazonaws.com"');
  });

  it('by default leaves the role alone on delete: no role name passed, no IAM write granted', () => {
    const [planted] = Object.values(template.findResources('Custom::MlLabPlantedTrainingJobs')) as any[];
    expect(planted.Properties.RoleName).toBeUndefined();
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain('iam:DeleteRolePolicy');
  });

  it('with removeAddedRolePolicies, passes its role and own policy name, and may remove policies from that role only', () => {
    const stack = new Stack(new App(), 'MlLab-planted-remove', { env: { region: 'us-east-1', account: '111122223333' } });
    new PlantedTrainingJobs(stack, 'Planted', { bucket: LabBucket.of(stack).bucket, ...SPEC, removeAddedRolePolicies: true });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('Custom::MlLabPlantedTrainingJobs', { RoleName: { Ref: Match.anyValue() }, KeepPolicyName: PLANTED_ROLE_POLICY_NAME });
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['iam:ListRolePolicies', 'iam:DeleteRolePolicy', 'iam:ListAttachedRolePolicies', 'iam:DetachRolePolicy'], Resource: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } })]) },
    });
  });

  it('maps the image by region when the stack is environment-agnostic', () => {
    const stack = new Stack(new App(), 'MlLab-planted-agnostic');
    new PlantedTrainingJobs(stack, 'Planted', { bucket: LabBucket.of(stack).bucket, ...SPEC });
    const t = Template.fromStack(stack);
    expect(Object.keys(t.toJSON().Mappings ?? {})).toHaveLength(1);
  });

  it('fails when a region has no recorded XGBoost registry account', () => {
    expect(() => plantedStack({}, 'xx-nowhere-1')).toThrow('no built-in XGBoost registry account recorded for xx-nowhere-1; pass trainingImage');
  });

  it('fails when no job or more than nine are planted', () => {
    expect(() => plantedStack({ jobs: [] })).toThrow('jobs must hold 1 to 9 jobs, got 0');
  });

  it('fails when a stopping condition is outside what SageMaker accepts', () => {
    expect(() => plantedStack({ jobs: [{ trainPrefix: 'data/raw/', maxRuntimeSeconds: 0 }] })).toThrow('maxRuntimeSeconds must be an integer between 1 and 2419200, got 0');
  });

  it('fails when a prefix is not a folder', () => {
    expect(() => plantedStack({ outputPrefix: 'data/output' })).toThrow("key prefixes must end with '/' and not start with it, got 'data/output'");
  });

  it('passes cdk-nag (AwsSolutions): its wildcards are acknowledged with a reason', () => {
    const { app, validationErrors, cleanUp } = synthApp();
    try {
      const stack = new Stack(app, 'MlLab-planted-nag');
      new PlantedTrainingJobs(stack, 'Planted', { bucket: LabBucket.of(stack).bucket, ...SPEC });
      app.synth();
      expect(validationErrors()).toEqual([]);
    } finally {
      cleanUp();
    }
  });
});

describe('the planting function', () => {
  const sagemaker = mockClient(SageMakerClient);
  const client = new SageMakerClient({ region: 'us-east-1' });
  const properties: PlantedJobsEvent['ResourceProperties'] = {
    NamePrefix: 'broken-',
    RoleArn: 'arn:aws:iam::111122223333:role/mllab-planted-test-role',
    TrainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1',
    InstanceType: 'ml.m5.large',
    OutputS3Uri: 's3://lab-bucket/data/output/',
    Tags: [{ Key: 'mllab:lab', Value: 'planted-test' }],
    Jobs: [
      { TrainS3Uri: 's3://lab-bucket/data/raw/', ContentType: 'text/csv', MaxRuntimeInSeconds: '900', HyperParameters: { num_round: '10' } },
      { TrainS3Uri: 's3://lab-bucket/data/sample/', ContentType: 'text/csv', MaxRuntimeInSeconds: '60', HyperParameters: { num_round: '20000' } },
    ],
  };
  const event = (RequestType: PlantedJobsEvent['RequestType'], PhysicalResourceId?: string): PlantedJobsEvent => ({
    RequestType,
    RequestId: '5c2a1f9e-77b1-4c1e-9d0a-1e2f3a4b5c6d',
    ResourceProperties: properties,
    ...(PhysicalResourceId ? { PhysicalResourceId } : {}),
  });
  const serviceError = (name: string) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: 400 } });

  beforeEach(() => sagemaker.reset());

  it('starts one spot job per planted fault on create, named broken-<n>-<suffix>', async () => {
    sagemaker.on(CreateTrainingJobCommand).resolves({ TrainingJobArn: 'arn' });
    const result = await plantJobs(event('Create'), client);
    expect(result).toEqual({ PhysicalResourceId: 'broken-5c2a1f9e', Data: { JobNames: 'broken-1-5c2a1f9e,broken-2-5c2a1f9e' } });
    expect(sagemaker).toHaveReceivedCommandTimes(CreateTrainingJobCommand, 2);
    expect(sagemaker).toHaveReceivedCommandWith(CreateTrainingJobCommand, {
      TrainingJobName: 'broken-2-5c2a1f9e',
      RoleArn: properties.RoleArn,
      EnableManagedSpotTraining: true,
      StoppingCondition: { MaxRuntimeInSeconds: 60, MaxWaitTimeInSeconds: 960 },
      ResourceConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1, VolumeSizeInGB: 5 },
      InputDataConfig: [expect.objectContaining({ ChannelName: 'train', ContentType: 'text/csv' })],
      Tags: [{ Key: 'mllab:lab', Value: 'planted-test' }],
    });
  });

  it('is idempotent: a retried create finds its jobs already started and succeeds', async () => {
    sagemaker.on(CreateTrainingJobCommand).rejects(serviceError('ResourceInUse'));
    await expect(plantJobs(event('Create'), client)).resolves.toMatchObject({ PhysicalResourceId: 'broken-5c2a1f9e' });
  });

  it('fails the create when SageMaker refuses a job for another reason', async () => {
    sagemaker.on(CreateTrainingJobCommand).rejects(serviceError('ResourceLimitExceeded'));
    await expect(plantJobs(event('Create'), client)).rejects.toThrow('ResourceLimitExceeded');
  });

  it('stops only the jobs still running on delete, and skips a job that never started', async () => {
    sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: 'broken-1-5c2a1f9e' }).resolves({ TrainingJobStatus: 'Failed' } as never);
    sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: 'broken-2-5c2a1f9e' }).resolves({ TrainingJobStatus: 'InProgress' } as never);
    sagemaker.on(StopTrainingJobCommand).resolves({});
    await expect(plantJobs(event('Delete', 'broken-5c2a1f9e'), client)).resolves.toEqual({ PhysicalResourceId: 'broken-5c2a1f9e' });
    expect(sagemaker).toHaveReceivedCommandTimes(StopTrainingJobCommand, 1);
    expect(sagemaker).toHaveReceivedCommandWith(StopTrainingJobCommand, { TrainingJobName: 'broken-2-5c2a1f9e' });
    sagemaker.reset();
    sagemaker.on(DescribeTrainingJobCommand).rejects(serviceError('ResourceNotFound'));
    await expect(plantJobs(event('Delete', 'broken-5c2a1f9e'), client)).resolves.toEqual({ PhysicalResourceId: 'broken-5c2a1f9e' });
    expect(sagemaker).toHaveReceivedCommandTimes(StopTrainingJobCommand, 0);
  });

  it('does nothing else on delete or update: no create, no stop of finished jobs', async () => {
    sagemaker.on(DescribeTrainingJobCommand).resolves({ TrainingJobStatus: 'Stopped' } as never);
    await plantJobs(event('Delete', 'broken-5c2a1f9e'), client);
    await expect(plantJobs(event('Update', 'broken-5c2a1f9e'), client)).resolves.toEqual({ PhysicalResourceId: 'broken-5c2a1f9e' });
    expect(sagemaker).toHaveReceivedCommandTimes(CreateTrainingJobCommand, 0);
    expect(sagemaker).toHaveReceivedCommandTimes(StopTrainingJobCommand, 0);
  });

  it('with a RoleName, a delete also removes the policies added to the role and keeps its own', async () => {
    const iam = mockClient(IAMClient);
    try {
      sagemaker.on(DescribeTrainingJobCommand).resolves({ TrainingJobStatus: 'Failed' } as never);
      iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: ['planted-training-access', 'read-training-data'] });
      iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [{ PolicyName: 'p', PolicyArn: 'arn:aws:iam::111122223333:policy/p' }] });
      const withRole = { ...event('Delete', 'broken-5c2a1f9e'), ResourceProperties: { ...properties, RoleName: 'mllab-planted-test-role', KeepPolicyName: 'planted-training-access' } };
      await plantJobs(withRole, client, new IAMClient({ region: 'us-east-1' }));
      expect(iam).toHaveReceivedCommandTimes(DeleteRolePolicyCommand, 1);
      expect(iam).toHaveReceivedCommandWith(DeleteRolePolicyCommand, { RoleName: 'mllab-planted-test-role', PolicyName: 'read-training-data' });
      expect(iam).toHaveReceivedCommandWith(DetachRolePolicyCommand, { RoleName: 'mllab-planted-test-role', PolicyArn: 'arn:aws:iam::111122223333:policy/p' });
      iam.reset();
      iam.on(ListRolePoliciesCommand).rejects(serviceError('NoSuchEntity'));
      await expect(plantJobs(withRole, client, new IAMClient({ region: 'us-east-1' }))).resolves.toEqual({ PhysicalResourceId: 'broken-5c2a1f9e' });
    } finally {
      iam.restore();
    }
  });

  it('a delete of a create that never produced an id touches nothing', async () => {
    await expect(plantJobs(event('Delete', 'some-failed-create-id'), client)).resolves.toEqual({ PhysicalResourceId: 'some-failed-create-id' });
    expect(sagemaker.calls()).toHaveLength(0);
  });
});

describe('wired into the training-troubleshoot lab stack (LabManifest.plantedTrainingJobs)', () => {
  it('synthesises with cdk-nag clean, starts after the shipped data is uploaded, and plants the three faults', () => {
    const { app, validationErrors, cleanUp } = synthApp();
    try {
      const stack = LabStack.forLab(app, troubleshoot);
      const datasets = stack.node.children.filter((c) => c.node.id.startsWith('Dataset'));
      expect(datasets).toHaveLength(3);
      expect(stack.node.tryFindChild('PlantedTrainingJobs')).toBeInstanceOf(PlantedTrainingJobs);
      app.synth();
      expect(validationErrors()).toEqual([]);
      const t = Template.fromStack(stack);
      const [planted] = Object.values(t.findResources('Custom::MlLabPlantedTrainingJobs')) as any[];
      expect(planted.DependsOn.filter((d: string) => /^Dataset\dCustomResource/.test(d))).toHaveLength(3);
      expect(planted.Properties.Jobs.map((j: any) => j.MaxRuntimeInSeconds)).toEqual(['900', '900', '60']);
      expect(planted.Properties.KeepPolicyName).toBe(PLANTED_ROLE_POLICY_NAME);
    } finally {
      cleanUp();
    }
  });
});
