import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { StudioEnvironment } from '../../lib/environments/studio-environment';
import { addLabOutputs } from '../../lib/stack/outputs';

function studioStack(props: ConstructorParameters<typeof StudioEnvironment>[2] = {}) {
  const stack = new Stack(new App(), 'MlLab-studio-test');
  const studio = new StudioEnvironment(stack, 'Studio', props);
  return { stack, studio };
}

describe('StudioEnvironment', () => {
  let template: Template;
  let studio: StudioEnvironment;
  let stack: Stack;
  beforeAll(() => {
    ({ stack, studio } = studioStack());
    // As an environment-only stack composes it: the stack emits the environment's outputs.
    addLabOutputs(stack, { studio });
    template = Template.fromStack(stack);
  });

  it('uses a VPC with public subnets only and no NAT gateway', () => {
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::Subnet', 2);
    template.allResourcesProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: true });
  });

  it('creates an IAM-auth, PublicInternetOnly domain in the lab VPC that propagates tags', () => {
    template.hasResourceProperties('AWS::SageMaker::Domain', {
      AuthMode: 'IAM',
      AppNetworkAccessType: 'PublicInternetOnly',
      TagPropagation: 'ENABLED',
      VpcId: { Ref: Match.stringLikeRegexp('StudioVpc') },
      SubnetIds: Match.arrayWith([{ Ref: Match.stringLikeRegexp('publicSubnet1') }]),
    });
  });

  it('turns idle shutdown on for JupyterLab and Code Editor (and shared spaces) at 60 minutes on ml.t3.medium', () => {
    const lifecycle = {
      IdleSettings: { LifecycleManagement: 'ENABLED', IdleTimeoutInMinutes: 60, MinIdleTimeoutInMinutes: 60, MaxIdleTimeoutInMinutes: 60 },
    };
    template.hasResourceProperties('AWS::SageMaker::Domain', {
      DefaultUserSettings: Match.objectLike({
        JupyterLabAppSettings: { AppLifecycleManagement: lifecycle, DefaultResourceSpec: { InstanceType: 'ml.t3.medium' } },
        CodeEditorAppSettings: { AppLifecycleManagement: lifecycle, DefaultResourceSpec: { InstanceType: 'ml.t3.medium' } },
      }),
      DefaultSpaceSettings: Match.objectLike({
        JupyterLabAppSettings: { AppLifecycleManagement: lifecycle, DefaultResourceSpec: { InstanceType: 'ml.t3.medium' } },
      }),
    });
  });

  it('creates the learner user profile and an execution role SageMaker can assume', () => {
    template.hasResourceProperties('AWS::SageMaker::UserProfile', { UserProfileName: 'learner' });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'sagemaker.amazonaws.com' } })] },
    });
  });

  it('orders the clean-up: apps before the profile and domain, VPC leftovers after the domain and before the VPC', () => {
    const stackLogicalId = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);
    const domainId = stack.getLogicalId(studio.domain);
    const profileId = stack.getLogicalId(studio.userProfile);
    const apps = template.findResources('Custom::MlLabCleanup', { Properties: { Kind: 'studio-apps' } });
    const vpc = template.findResources('Custom::MlLabCleanup', { Properties: { Kind: 'studio-vpc' } });
    const [appsId, appsResource] = Object.entries(apps)[0]!;
    const [vpcId, vpcResource] = Object.entries(vpc)[0]!;
    expect(appsResource.DependsOn).toContain(profileId);
    expect(appsResource.Properties.DomainId).toEqual({ 'Fn::GetAtt': [domainId, 'DomainId'] });
    expect(template.toJSON().Resources[domainId].DependsOn).toContain(vpcId);
    expect(vpcResource.DependsOn).toEqual(expect.arrayContaining([stackLogicalId(studio.vpc), ...studio.vpc.publicSubnets.map((s) => stackLogicalId(s))]));
    expect(vpcResource.Properties.VpcId).toEqual({ Ref: stackLogicalId(studio.vpc) });
    expect(appsId).not.toEqual(vpcId);
  });

  it('runs the clean-up through a Provider whose isComplete may wait about two hours (240 polls of 30 s)', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'handler.isComplete', Runtime: 'nodejs24.x' });
    template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'handler.onEvent', Runtime: 'nodejs24.x' });
    const machines = template.findResources('AWS::StepFunctions::StateMachine');
    const definition = JSON.stringify(Object.values(machines)[0]!.Properties.DefinitionString);
    expect(definition).toContain('\\"IntervalSeconds\\":30');
    expect(definition).toContain('\\"MaxAttempts\\":240');
  });

  it('lets the clean-up delete only SageMaker-tagged file systems and only groups in the lab VPC', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['elasticfilesystem:DeleteMountTarget', 'elasticfilesystem:DeleteFileSystem'],
            Condition: { StringLike: { 'aws:ResourceTag/ManagedByAmazonSageMakerResource': '*:domain/*' } },
          }),
          Match.objectLike({
            Action: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress', 'ec2:DeleteSecurityGroup'],
            Condition: { ArnEquals: { 'ec2:Vpc': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('adds no outputs to the stack itself', () => {
    const { stack: plain } = studioStack();
    expect(Template.fromStack(plain).toJSON().Outputs).toBeUndefined();
  });

  it('has exactly its own outputs, with the contract logical ids, once the stack emits them', () => {
    expect(Object.keys(template.toJSON().Outputs).sort()).toEqual(['DomainId', 'ExecutionRoleArn', 'UserProfileName', 'VpcId']);
  });

  it('accepts a longer idle timeout and another default instance type', () => {
    const { stack: custom } = studioStack({ idleTimeout: Duration.hours(2), defaultInstanceType: 'ml.t3.large' });
    Template.fromStack(custom).hasResourceProperties('AWS::SageMaker::Domain', {
      DefaultUserSettings: Match.objectLike({
        JupyterLabAppSettings: Match.objectLike({
          AppLifecycleManagement: { IdleSettings: Match.objectLike({ IdleTimeoutInMinutes: 120 }) },
          DefaultResourceSpec: { InstanceType: 'ml.t3.large' },
        }),
      }),
    });
  });

  it('fails when the idle timeout is shorter than AWS accepts', () => {
    expect(() => studioStack({ idleTimeout: Duration.minutes(59) })).toThrow('between 60 and 525600, got 59');
  });

  it('fails when the idle timeout is longer than AWS accepts', () => {
    expect(() => studioStack({ idleTimeout: Duration.minutes(525_601) })).toThrow('got 525601');
  });

  it('fails when the idle timeout is not a whole number of minutes', () => {
    expect(() => studioStack({ idleTimeout: Duration.seconds(3630) })).toThrow('whole number of minutes');
  });

  it('fails when the default instance type is not a SageMaker instance type', () => {
    expect(() => studioStack({ defaultInstanceType: 't3.medium' })).toThrow("got 't3.medium'");
  });
});
