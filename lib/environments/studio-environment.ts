import { Duration, RemovalPolicies, Stack, Token, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct, type IConstruct } from 'constructs';
import { LabBucket } from './lab-bucket';
import { CleanupProvider } from './cleanup-provider';
import { acknowledgeWildcardActions, acknowledgeWildcardResources, BUCKET_GRANT_ACTIONS, nagRef } from './nag';
import { SAGEMAKER_MANAGED_TAG } from '../cleanup/names';

/**
 * Idle shutdown bounds SageMaker accepts for IdleTimeoutInMinutes.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_IdleSettings.html
 */
export const MIN_IDLE_TIMEOUT_MINUTES = 60;
export const MAX_IDLE_TIMEOUT_MINUTES = 525_600;

/** The instance type Studio spaces start on unless told otherwise. */
export const DEFAULT_STUDIO_INSTANCE_TYPE = 'ml.t3.medium';

export interface StudioEnvironmentProps {
  /**
   * The VPC the domain's home EFS lives in.
   * @default - a new VPC with public subnets in two AZs and no NAT gateway (Studio reaches the
   * internet through SageMaker's own network with `PublicInternetOnly`)
   */
  readonly vpc?: ec2.IVpc;
  /**
   * How long a JupyterLab or Code Editor app may sit idle before SageMaker shuts it down.
   * @default Duration.minutes(60) - the shortest idle timeout AWS accepts
   */
  readonly idleTimeout?: Duration;
  /**
   * The instance type new JupyterLab and Code Editor spaces start on.
   * @default 'ml.t3.medium'
   */
  readonly defaultInstanceType?: string;
  /**
   * @default 'learner'
   */
  readonly userProfileName?: string;
  /**
   * The bucket the execution role may read and write.
   * @default - the stack's shared lab bucket
   */
  readonly bucket?: s3.IBucket;
}

/**
 * A SageMaker Studio domain (IAM auth, `PublicInternetOnly`) with one user profile, idle shutdown
 * on for JupyterLab and Code Editor, and the clean-up that lets one `cdk destroy` succeed after a
 * learner has really used Studio: apps and spaces are deleted before the profile and domain, and
 * the home EFS and NFS security groups SageMaker created are removed before the subnets and VPC.
 * It emits no stack outputs: the stack that composes it does (lib/stack/outputs.ts).
 */
export class StudioEnvironment extends Construct {
  public readonly vpc: ec2.IVpc;
  public readonly domain: sagemaker.CfnDomain;
  public readonly userProfile: sagemaker.CfnUserProfile;
  public readonly executionRole: iam.Role;
  public readonly bucket: s3.IBucket;

  constructor(scope: Construct, id: string, props: StudioEnvironmentProps = {}) {
    super(scope, id);
    const idle = props.idleTimeout ?? Duration.minutes(MIN_IDLE_TIMEOUT_MINUTES);
    if (!Token.isUnresolved(idle.toMinutes({ integral: false }))) {
      const minutes = idle.toMinutes({ integral: false });
      if (!Number.isInteger(minutes) || minutes < MIN_IDLE_TIMEOUT_MINUTES || minutes > MAX_IDLE_TIMEOUT_MINUTES) {
        throw new Error(
          `idleTimeout must be a whole number of minutes between ${MIN_IDLE_TIMEOUT_MINUTES} and ${MAX_IDLE_TIMEOUT_MINUTES}, got ${minutes}`,
        );
      }
    }
    const instanceType = props.defaultInstanceType ?? DEFAULT_STUDIO_INSTANCE_TYPE;
    if (!Token.isUnresolved(instanceType) && !/^ml\.[a-z0-9]+\.[a-z0-9]+$/.test(instanceType)) {
      throw new Error(`defaultInstanceType must be a SageMaker instance type like 'ml.t3.medium', got '${instanceType}'`);
    }
    const userProfileName = props.userProfileName ?? 'learner';

    this.bucket = props.bucket ?? LabBucket.of(this).bucket;
    this.vpc =
      props.vpc ??
      new ec2.Vpc(this, 'Vpc', {
        maxAzs: 2,
        natGateways: 0,
        subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 }],
      });
    if (!props.vpc) {
      Validations.of(this.vpc).acknowledge({
        id: 'AwsSolutions-VPC7',
        reason: 'The lab VPC carries only Studio home-volume NFS traffic, and flow logs would bill for every idle hour.',
      });
    }

    this.executionRole = new iam.Role(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
      description: 'SageMaker Studio execution role of the lab learner',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSageMakerFullAccess')],
    });
    this.bucket.grantReadWrite(this.executionRole);
    Validations.of(this.executionRole).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSageMakerFullAccess]',
      reason: 'Learners practise the whole SageMaker API; the lab guardrail policy caps instance types and the budget action stops spend.',
    });
    acknowledgeBucketWildcards(this.executionRole, this.bucket);

    const appLifecycleManagement = {
      idleSettings: {
        lifecycleManagement: 'ENABLED',
        idleTimeoutInMinutes: idle.toMinutes(),
        minIdleTimeoutInMinutes: MIN_IDLE_TIMEOUT_MINUTES,
        maxIdleTimeoutInMinutes: idle.toMinutes(),
      },
    };
    const stackName = Stack.of(this).stackName;
    this.domain = new sagemaker.CfnDomain(this, 'Resource', {
      domainName: Token.isUnresolved(stackName) ? 'mllab-studio' : stackName.toLowerCase(),
      authMode: 'IAM',
      appNetworkAccessType: 'PublicInternetOnly',
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.publicSubnets.map((s) => s.subnetId),
      // Tags on the domain flow to the apps and spaces Studio creates, so teardown can find them.
      tagPropagation: 'ENABLED',
      defaultUserSettings: {
        executionRole: this.executionRole.roleArn,
        studioWebPortal: 'ENABLED',
        defaultLandingUri: 'studio::',
        jupyterLabAppSettings: { appLifecycleManagement, defaultResourceSpec: { instanceType } },
        codeEditorAppSettings: { appLifecycleManagement, defaultResourceSpec: { instanceType } },
      },
      // Shared spaces a learner creates take these settings, so they shut down when idle too.
      defaultSpaceSettings: {
        executionRole: this.executionRole.roleArn,
        jupyterLabAppSettings: { appLifecycleManagement, defaultResourceSpec: { instanceType } },
      },
    });
    this.userProfile = new sagemaker.CfnUserProfile(this, 'UserProfile', {
      domainId: this.domain.attrDomainId,
      userProfileName,
    });

    // Lab-safe on its own too: what the CDK would retain (streams, log streams) goes with the lab.
    RemovalPolicies.of(this).destroy();

    const cleanup = CleanupProvider.of(this);
    const stack = Stack.of(this);
    const domainId = this.domain.attrDomainId;
    const sagemakerArn = (resource: string) => stack.formatArn({ service: 'sagemaker', resource, resourceName: `${domainId}/*` });
    // Deleted before the user profile and the domain (it depends on both): empties the domain.
    const appsCleanup = cleanup.cleanup(this, 'AppsCleanup', 'studio-apps', { DomainId: domainId }, [
      new iam.PolicyStatement({
        actions: ['sagemaker:DescribeDomain', 'sagemaker:ListApps', 'sagemaker:ListSpaces', 'sagemaker:ListUserProfiles'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        actions: ['sagemaker:DeleteApp', 'sagemaker:DeleteSpace', 'sagemaker:DeleteUserProfile'],
        resources: [sagemakerArn('app'), sagemakerArn('space'), sagemakerArn('user-profile')],
      }),
    ]);
    appsCleanup.node.addDependency(this.userProfile);
    // Deleted after the domain (the domain depends on it) and before the subnets and VPC (it
    // depends on them): removes the home EFS and NFS groups SageMaker left in the lab VPC.
    const vpcCleanup = cleanup.cleanup(this, 'VpcCleanup', 'studio-vpc', { VpcId: this.vpc.vpcId }, [
      new iam.PolicyStatement({
        actions: [
          'sagemaker:DescribeDomain',
          'elasticfilesystem:DescribeFileSystems',
          'elasticfilesystem:DescribeMountTargets',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeSecurityGroupRules',
        ],
        resources: ['*'],
      }),
      // Only file systems SageMaker created for a domain, only groups inside the lab VPC.
      new iam.PolicyStatement({
        actions: ['elasticfilesystem:DeleteMountTarget', 'elasticfilesystem:DeleteFileSystem'],
        resources: [stack.formatArn({ service: 'elasticfilesystem', resource: 'file-system', resourceName: '*' })],
        conditions: { StringLike: { [`aws:ResourceTag/${SAGEMAKER_MANAGED_TAG}`]: '*:domain/*' } },
      }),
      new iam.PolicyStatement({
        actions: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress', 'ec2:DeleteSecurityGroup'],
        resources: [stack.formatArn({ service: 'ec2', resource: 'security-group', resourceName: '*' })],
        conditions: { ArnEquals: { 'ec2:Vpc': stack.formatArn({ service: 'ec2', resource: 'vpc', resourceName: this.vpc.vpcId }) } },
      }),
    ]);
    vpcCleanup.node.addDependency(this.vpc);
    this.domain.node.addDependency(vpcCleanup);
    const cleanupPolicies = [this.node.findChild('AppsCleanupPolicy'), this.node.findChild('VpcCleanupPolicy')];
    for (const policy of cleanupPolicies) {
      acknowledgeWildcardResources(policy, ['*'], 'Describe and List calls of SageMaker, EFS and EC2 accept no resource-level permissions.');
    }
    acknowledgeWildcardResources(
      cleanupPolicies[0]!,
      ['app', 'space', 'user-profile'].map((r) => `arn:<AWS::Partition>:sagemaker:<AWS::Region>:<AWS::AccountId>:${r}/${nagRef(this.domain, 'DomainId')}/*`),
      'The clean-up deletes whatever apps, spaces and profiles a learner created, but only in the lab domain.',
    );
    acknowledgeWildcardResources(
      cleanupPolicies[1]!,
      [
        'arn:<AWS::Partition>:elasticfilesystem:<AWS::Region>:<AWS::AccountId>:file-system/*',
        'arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:security-group/*',
      ],
      'SageMaker names its EFS and groups only at run time; a tag condition and the lab VPC condition narrow them.',
    );
  }
}

/** Bucket grants carry action and object wildcards by design: the role reads and writes lab data under any key. */
export function acknowledgeBucketWildcards(scope: IConstruct, bucket: s3.IBucket, keyPattern = '*'): void {
  const reason = 'The CDK bucket grant uses wildcards so the role can read and write lab data under any key of the lab bucket only.';
  acknowledgeWildcardActions(scope, BUCKET_GRANT_ACTIONS, reason);
  acknowledgeWildcardResources(scope, [`${nagRef(bucket.node.defaultChild ?? bucket, 'Arn')}/${keyPattern}`], reason);
}
