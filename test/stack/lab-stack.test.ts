import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { labStackName, MANAGED_BY_VALUE, STACK_OUTPUTS, TAG_LAB, TAG_MANAGED_BY } from '../../lib/model';
import { INSTANCE_TYPE_ACTIONS } from '../../lib/stack/guardrails';
import { LabStack } from '../../lib/stack/lab-stack';
import { fixtureLab, fixtureLabRoot, synthApp } from './fixtures';

function labStack(lab = fixtureLab(), root = fixtureLabRoot(), options: { alertEmail?: string } = {}, app = new App()) {
  return new LabStack(app, labStackName(lab.id), {
    labId: lab.id,
    environments: lab.environments,
    instanceTypes: lab.instanceTypes,
    datasets: lab.datasets,
    datasetRoot: root,
    ...(lab.analystRole ? { analystRole: true } : {}),
    ...options,
  });
}

describe('LabStack with every environment', () => {
  let stack: LabStack;
  let template: Template;
  let synth: ReturnType<typeof synthApp>;
  beforeAll(() => {
    // Synthesised once for the whole file, as `cdk synth` would.
    synth = synthApp();
    stack = labStack({ ...fixtureLab(['studio', 'streaming', 'datalake', 'isolated-network'], ['ml.m5.large', 'ml.t3.medium']), analystRole: true }, fixtureLabRoot(), { alertEmail: 'learner@example.com' }, synth.app);
    synth.app.synth();
    template = Template.fromStack(stack);
  });
  afterAll(() => synth.cleanUp());

  it('passes the AWS Solutions checks and CloudFormation validation with no errors', () => {
    expect(synth.validationErrors()).toEqual([]);
  });

  it('is named MlLab-<lab-id>', () => {
    expect(stack.stackName).toBe('MlLab-fixture-lab');
  });

  it('emits every contract output, with exactly the logical ids of STACK_OUTPUTS', () => {
    expect(Object.keys(template.toJSON().Outputs).sort()).toEqual(Object.values(STACK_OUTPUTS).sort());
  });

  it('tags every taggable resource and the stack with the lab id and the managed-by marker', () => {
    const resources = Object.entries(template.toJSON().Resources as Record<string, { Properties?: { Tags?: unknown } }>);
    const tagged = resources.filter(([, r]) => Array.isArray(r.Properties?.Tags));
    expect(tagged.length).toBeGreaterThan(15);
    for (const [id, r] of tagged) {
      expect({ id, tags: r.Properties!.Tags }).toEqual({
        id,
        tags: expect.arrayContaining([
          { Key: TAG_LAB, Value: 'fixture-lab' },
          { Key: TAG_MANAGED_BY, Value: MANAGED_BY_VALUE },
        ]),
      });
    }
    expect(stack.tags.tagValues()).toEqual(expect.objectContaining({ [TAG_LAB]: 'fixture-lab', [TAG_MANAGED_BY]: MANAGED_BY_VALUE }));
  });

  it('deletes every resource with the lab: nothing is retained', () => {
    const resources = Object.entries(template.toJSON().Resources as Record<string, { Type: string; DeletionPolicy?: string; UpdateReplacePolicy?: string }>);
    const retained = resources.filter(([, r]) => (r.DeletionPolicy ?? 'Delete') !== 'Delete').map(([id, r]) => `${id} (${r.Type})`);
    expect(retained).toEqual([]);
    expect(resources.some(([, r]) => r.Type === 'AWS::Logs::LogGroup')).toBe(true);
  });

  it('has no NAT gateway anywhere', () => {
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
  });

  it('shares one lab bucket that is private, TLS-only, encrypted, and emptied and deleted with the lab', () => {
    template.resourceCountIs('AWS::S3::Bucket', 1);
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Delete',
      UpdateReplacePolicy: 'Delete',
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
    template.resourceCountIs('Custom::S3AutoDeleteObjects', 1);
  });

  it('creates a learner role the account can assume', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { AWS: { 'Fn::Join': ['', Match.arrayWith([':root'])] } } })],
      },
      Description: Match.stringLikeRegexp('learner assumes'),
    });
  });

  it('denies SageMaker instance types outside the lab allowlist plus system, on every supporting action', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'DenyInstanceTypesOutsideLabAllowlist',
            Effect: 'Deny',
            Action: [...INSTANCE_TYPE_ACTIONS],
            Resource: '*',
            Condition: { 'ForAnyValue:StringNotLike': { 'sagemaker:InstanceTypes': ['ml.m5.large', 'ml.t3.medium', 'system'] } },
          },
        ]),
      },
      Roles: Match.arrayWith([{ Ref: Match.stringLikeRegexp('^LearnerRole') }, { Ref: Match.stringLikeRegexp('^StudioExecutionRole') }]),
    });
    expect(INSTANCE_TYPE_ACTIONS).toEqual(
      expect.arrayContaining(['sagemaker:CreateTrainingJob', 'sagemaker:CreateProcessingJob', 'sagemaker:CreateHyperParameterTuningJob', 'sagemaker:CreateTransformJob', 'sagemaker:CreateEndpointConfig', 'sagemaker:CreateApp', 'sagemaker:CreateSpace']),
    );
  });

  it('bounds serverless endpoints and denies services the lab does not use', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'DenyLargeServerlessMemory', Condition: { NumericGreaterThan: { 'sagemaker:ServerlessMemorySize': 2048 } } }),
          Match.objectLike({ Sid: 'DenyHighServerlessConcurrency', Condition: { NumericGreaterThan: { 'sagemaker:ServerlessMaxConcurrency': 2 } } }),
          Match.objectLike({
            Sid: 'DenyServicesTheLabDoesNotUse',
            Effect: 'Deny',
            NotAction: Match.arrayWith(['athena:*', 'firehose:*', 'glue:*', 'kinesis:*', 's3:*', 'sagemaker:*']),
          }),
        ]),
      },
    });
  });

  it('creates a monthly cost budget scoped to the lab tag with 50/80/100% actual and 100% forecasted alerts', () => {
    const subscribers = [{ SubscriptionType: 'SNS', Address: { Ref: Match.stringLikeRegexp('AlertsTopic') } }, { SubscriptionType: 'EMAIL', Address: 'learner@example.com' }];
    const notification = (NotificationType: string, Threshold: number) => ({
      Notification: { NotificationType, ComparisonOperator: 'GREATER_THAN', Threshold, ThresholdType: 'PERCENTAGE' },
      Subscribers: subscribers,
    });
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetName: 'MlLab-fixture-lab',
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: 20, Unit: 'USD' },
        CostFilters: { TagKeyValue: ['user:mllab:lab$fixture-lab'] },
      },
      NotificationsWithSubscribers: [notification('ACTUAL', 50), notification('ACTUAL', 80), notification('ACTUAL', 100), notification('FORECASTED', 100)],
    });
  });

  it('at 100% automatically attaches the stop-spend policy to every learner-facing role: learner, Studio execution, analyst', () => {
    template.hasResourceProperties('AWS::Budgets::BudgetsAction', {
      BudgetName: 'MlLab-fixture-lab',
      ActionType: 'APPLY_IAM_POLICY',
      ApprovalModel: 'AUTOMATIC',
      NotificationType: 'ACTUAL',
      ActionThreshold: { Type: 'PERCENTAGE', Value: 100 },
      Definition: {
        IamActionDefinition: {
          PolicyArn: { Ref: Match.stringLikeRegexp('StopSpendPolicy') },
          Roles: [{ Ref: Match.stringLikeRegexp('^LearnerRole') }, { Ref: Match.stringLikeRegexp('^StudioExecutionRole') }, { Ref: Match.stringLikeRegexp('^AnalystRole') }],
        },
      },
      Subscribers: [{ Type: 'SNS', Address: { Ref: Match.stringLikeRegexp('AlertsTopic') } }, { Type: 'EMAIL', Address: 'learner@example.com' }],
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'budgets.amazonaws.com' } })] },
      Policies: [
        Match.objectLike({
          PolicyDocument: {
            Statement: [Match.objectLike({ Action: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'], Condition: { ArnEquals: { 'iam:PolicyARN': Match.anyValue() } } })],
          },
        }),
      ],
    });
  });

  it('uploads each lab dataset to the lab bucket under its key prefix at deploy time', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', { DestinationBucketKeyPrefix: 'fixture/', Prune: false });
  });
});

describe('LabStack of a streaming-only lab', () => {
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(labStack(fixtureLab(['streaming'])));
  });

  it('delivers uncompressed: compressing the delivery is left to the learner (streaming-ingest R3)', () => {
    template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      ExtendedS3DestinationConfiguration: Match.objectLike({ CompressionFormat: 'UNCOMPRESSED' }),
    });
  });

  it('emits the common and streaming outputs only', () => {
    expect(Object.keys(template.toJSON().Outputs).sort()).toEqual(
      ['AlertsTopicArn', 'BudgetName', 'DeliveryBucketName', 'DeliveryStreamName', 'LabBucketName', 'LearnerRoleArn', 'StreamArn', 'StreamName'],
    );
  });

  it('falls back to the cheap default instance types and denies SageMaker, Glue and Athena', () => {
    const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy')).map((p) => JSON.stringify(p.Properties.PolicyDocument));
    const guardrail = policies.find((p) => p.includes('DenyInstanceTypesOutsideLabAllowlist'))!;
    expect(guardrail).toContain('"sagemaker:InstanceTypes":["ml.t3.medium","ml.m5.large","system"]');
    const notAction = JSON.parse(guardrail).Statement.find((s: { Sid: string }) => s.Sid === 'DenyServicesTheLabDoesNotUse').NotAction as string[];
    expect(notAction).toEqual(expect.arrayContaining(['kinesis:*', 'firehose:*']));
    expect(notAction).not.toEqual(expect.arrayContaining(['glue:*']));
    expect(notAction).not.toEqual(expect.arrayContaining(['sagemaker:*']));
  });

  it('attaches the guardrail and the stop-spend action to the learner role only', () => {
    template.hasResourceProperties('AWS::Budgets::BudgetsAction', {
      Definition: { IamActionDefinition: { PolicyArn: Match.anyValue(), Roles: [{ Ref: Match.stringLikeRegexp('^LearnerRole') }] } },
    });
  });
});

describe('LabStack validation', () => {
  it('fails when a dataset folder does not exist', () => {
    const lab = fixtureLab(['streaming']);
    expect(() => labStack({ ...lab, datasets: [{ dir: 'missing', keyPrefix: 'x/', description: 'none' }] })).toThrow("dataset folder 'missing' not found");
  });

  it('fails when a dataset key prefix does not end with a slash', () => {
    const lab = fixtureLab(['streaming']);
    expect(() => labStack({ ...lab, datasets: [{ dir: 'data', keyPrefix: 'x', description: 'x' }] })).toThrow("must end with '/'");
  });

  it('fails when the lab id is not kebab-case', () => {
    expect(() => new LabStack(new App(), 'X', { labId: 'Bad_Id', environments: ['streaming'] })).toThrow("labId must be kebab-case, got 'Bad_Id'");
  });

  it('fails when a Studio lab does not allow the instance type Studio spaces start on', () => {
    expect(() => labStack(fixtureLab(['studio'], ['ml.m5.large']))).toThrow(
      "lab 'fixture-lab' uses Studio, whose spaces start on ml.t3.medium, but its instanceTypes (ml.m5.large) do not allow it",
    );
  });

  it('fails when no environment is declared', () => {
    expect(() => new LabStack(new App(), 'X', { labId: 'empty', environments: [] })).toThrow('declares no environment');
  });

  it('names environment-only stacks MlLab-env-<environment>', () => {
    expect(LabStack.forEnvironment(new App(), 'datalake').stackName).toBe('MlLab-env-datalake');
  });
});
