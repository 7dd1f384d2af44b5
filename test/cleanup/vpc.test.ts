import {
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import {
  DeleteFileSystemCommand,
  DeleteMountTargetCommand,
  DescribeFileSystemsCommand,
  DescribeMountTargetsCommand,
  EFSClient,
  type FileSystemDescription,
  type MountTargetDescription,
} from '@aws-sdk/client-efs';
import { DescribeDomainCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { advanceVpcCleanup, nfsSecurityGroupNames, type CleanupProgress } from '../../lib/cleanup';
import { awsError } from '../support/check-harness';

const sm = mockClient(SageMakerClient);
const efsMock = mockClient(EFSClient);
const ec2Mock = mockClient(EC2Client);
const clients = { sagemaker: new SageMakerClient({}), efs: new EFSClient({}), ec2: new EC2Client({}) };
const domainId = 'd-lab1';
const vpcId = 'vpc-0lab';
const [inboundName, outboundName] = nfsSecurityGroupNames(domainId);

function fileSystem(id: string, state: FileSystemDescription['LifeCycleState'], ownerDomain?: string): FileSystemDescription {
  return {
    FileSystemId: id,
    LifeCycleState: state,
    OwnerId: '111122223333',
    CreationToken: id,
    CreationTime: new Date(),
    NumberOfMountTargets: 0,
    SizeInBytes: { Value: 0 },
    PerformanceMode: 'generalPurpose',
    Tags: ownerDomain
      ? [{ Key: 'ManagedByAmazonSageMakerResource', Value: `arn:aws:sagemaker:us-east-1:111122223333:domain/${ownerDomain}` }]
      : [{ Key: 'Name', Value: 'learner-own' }],
  };
}

/** A VPC after DeleteDomain: the domain lingers in Deleting, then the EFS and groups stay behind. */
class FakeVpc {
  public domainPolls: number;
  public fileSystems: (FileSystemDescription & { pollsLeft?: number })[] = [];
  public mountTargets: (MountTargetDescription & { pollsLeft?: number })[] = [];
  public groups = [
    { GroupId: 'sg-in', GroupName: inboundName, VpcId: vpcId, rules: ['sgr-in-1', 'sgr-in-e'] },
    { GroupId: 'sg-out', GroupName: outboundName, VpcId: vpcId, rules: ['sgr-out-e'] },
  ];
  public dependencyViolationOnce = true;

  constructor(domainPolls: number) {
    this.domainPolls = domainPolls;
    sm.on(DescribeDomainCommand).callsFake(async () => {
      if (this.domainPolls-- > 0) return { DomainId: domainId, Status: 'Deleting' };
      throw awsError('ResourceNotFound');
    });
    efsMock.on(DescribeFileSystemsCommand).callsFake(async (input) => {
      this.fileSystems = this.fileSystems.filter((fs) => !(fs.LifeCycleState === 'deleting' && --fs.pollsLeft! < 0));
      const found = this.fileSystems.filter((fs) => !input.FileSystemId || fs.FileSystemId === input.FileSystemId);
      if (input.FileSystemId && found.length === 0) throw awsError('FileSystemNotFound');
      return { FileSystems: found.map(({ pollsLeft: _ignored, ...fs }) => fs) };
    });
    efsMock.on(DescribeMountTargetsCommand).callsFake(async (input) => {
      this.mountTargets = this.mountTargets.filter((mt) => !(mt.LifeCycleState === 'deleting' && --mt.pollsLeft! < 0));
      return { MountTargets: this.mountTargets.filter((mt) => mt.FileSystemId === input.FileSystemId).map(({ pollsLeft: _ignored, ...mt }) => mt) };
    });
    efsMock.on(DeleteMountTargetCommand).callsFake(async (input) => {
      const mt = this.mountTargets.find((m) => m.MountTargetId === input.MountTargetId)!;
      mt.LifeCycleState = 'deleting';
      mt.pollsLeft = 2;
      return {};
    });
    efsMock.on(DeleteFileSystemCommand).callsFake(async (input) => {
      if (this.mountTargets.some((mt) => mt.FileSystemId === input.FileSystemId)) throw awsError('FileSystemInUse');
      const fs = this.fileSystems.find((f) => f.FileSystemId === input.FileSystemId)!;
      fs.LifeCycleState = 'deleting';
      fs.pollsLeft = 1;
      return {};
    });
    ec2Mock.on(DescribeSecurityGroupsCommand).callsFake(async () => ({
      SecurityGroups: this.groups.map(({ rules: _ignored, ...g }) => g),
    }));
    ec2Mock.on(DescribeSecurityGroupRulesCommand).callsFake(async (input) => {
      const group = this.groups.find((g) => g.GroupId === input.Filters[0].Values[0])!;
      return { SecurityGroupRules: group.rules.map((id) => ({ SecurityGroupRuleId: id, GroupId: group.GroupId, IsEgress: id.endsWith('-e') })) };
    });
    const revoke = async (input: { GroupId?: string; SecurityGroupRuleIds?: string[] }) => {
      const group = this.groups.find((g) => g.GroupId === input.GroupId)!;
      group.rules = group.rules.filter((r) => !input.SecurityGroupRuleIds!.includes(r));
      return { Return: true };
    };
    ec2Mock.on(RevokeSecurityGroupIngressCommand).callsFake(revoke);
    ec2Mock.on(RevokeSecurityGroupEgressCommand).callsFake(revoke);
    ec2Mock.on(DeleteSecurityGroupCommand).callsFake(async (input) => {
      if (this.mountTargets.length > 0) throw awsError('DependencyViolation', 'in use by a network interface');
      if (this.dependencyViolationOnce) {
        this.dependencyViolationOnce = false;
        throw awsError('DependencyViolation', 'network interface still detaching');
      }
      const other = this.groups.find((g) => g.GroupId !== input.GroupId);
      // Each NFS group references the other until the rules are revoked.
      if (other && other.rules.length > 0) throw awsError('DependencyViolation', 'referenced by another group');
      this.groups = this.groups.filter((g) => g.GroupId !== input.GroupId);
      return {};
    });
  }
}

async function untilComplete(run: () => Promise<CleanupProgress>, maxPasses = 25): Promise<CleanupProgress[]> {
  const passes: CleanupProgress[] = [];
  for (let i = 0; i < maxPasses; i++) {
    passes.push(await run());
    if (passes.at(-1)!.complete) return passes;
  }
  throw new Error(`not complete after ${maxPasses} passes: ${JSON.stringify(passes.at(-1))}`);
}

beforeEach(() => {
  sm.reset();
  efsMock.reset();
  ec2Mock.reset();
});

describe('advanceVpcCleanup', () => {
  it('waits for the domain, then deletes mount targets, the home EFS and the NFS groups, in that order', async () => {
    const world = new FakeVpc(2);
    world.fileSystems = [fileSystem('fs-home', 'available', domainId), fileSystem('fs-other', 'available', 'd-other'), fileSystem('fs-own', 'available')];
    world.mountTargets = [
      { MountTargetId: 'fsmt-a', FileSystemId: 'fs-home', SubnetId: 'subnet-a', LifeCycleState: 'available' },
      { MountTargetId: 'fsmt-b', FileSystemId: 'fs-home', SubnetId: 'subnet-b', LifeCycleState: 'available' },
    ];

    // No domainId: the in-stack resource learns it from the NFS group names in the lab VPC.
    const passes = await untilComplete(() => advanceVpcCleanup(clients, { vpcId }));

    expect(passes[0]!.waitingFor).toEqual([`domain ${domainId} still exists (Deleting); its home EFS is left alone until it is gone`]);
    expect(passes[1]!.complete).toBe(false);
    expect(passes[0]!.actions).toEqual([]);
    expect(passes[2]!.actions).toEqual(['delete mount target fsmt-a of home EFS fs-home in subnet-a', 'delete mount target fsmt-b of home EFS fs-home in subnet-b']);
    expect(efsMock).toHaveReceivedCommandTimes(DeleteFileSystemCommand, 1);
    expect(efsMock).toHaveReceivedCommandWith(DeleteFileSystemCommand, { FileSystemId: 'fs-home' });
    expect(ec2Mock).toHaveReceivedCommandWith(DescribeSecurityGroupsCommand, {
      Filters: [
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: 'group-name', Values: ['security-group-for-inbound-nfs-d-*', 'security-group-for-outbound-nfs-d-*'] },
      ],
    });
    // Groups are deleted only after the EFS is gone, and survive one DependencyViolation.
    const firstGroupDelete = passes.findIndex((p) => p.actions.some((a) => a.startsWith('delete security group')));
    const efsGone = passes.findIndex((p) => p.actions.includes('delete home EFS fs-home'));
    expect(firstGroupDelete).toBeGreaterThan(efsGone);
    expect(passes.some((p) => p.waitingFor.some((w) => w.includes('DependencyViolation')))).toBe(true);
    expect(ec2Mock).toHaveReceivedCommandWith(RevokeSecurityGroupIngressCommand, { GroupId: 'sg-in', SecurityGroupRuleIds: ['sgr-in-1'] });
    expect(ec2Mock).toHaveReceivedCommandWith(RevokeSecurityGroupEgressCommand, { GroupId: 'sg-out', SecurityGroupRuleIds: ['sgr-out-e'] });
    expect(world.groups).toEqual([]);
    expect(world.fileSystems.map((fs) => fs.FileSystemId)).toEqual(['fs-other', 'fs-own']);
  });

  it('never deletes an explicitly named file system that SageMaker did not tag for this domain', async () => {
    const world = new FakeVpc(0);
    world.groups = [];
    world.fileSystems = [fileSystem('fs-own', 'available')];
    const progress = await advanceVpcCleanup(clients, { vpcId, domainId, homeEfsFileSystemId: 'fs-own' });
    expect(progress.complete).toBe(true);
    expect(progress.actions).toEqual([expect.stringContaining('leave fs-own alone')]);
    expect(efsMock).not.toHaveReceivedCommand(DeleteFileSystemCommand);
    expect(efsMock).not.toHaveReceivedCommand(DeleteMountTargetCommand);
  });

  it('is complete when the named file system is already gone', async () => {
    const world = new FakeVpc(0);
    world.groups = [];
    const progress = await advanceVpcCleanup(clients, { vpcId, domainId, homeEfsFileSystemId: 'fs-gone' });
    expect(progress).toEqual({ complete: true, actions: [], waitingFor: [] });
  });

  it('throws an API error it cannot wait out', async () => {
    ec2Mock.on(DescribeSecurityGroupsCommand).rejects(awsError('UnauthorizedOperation', 'not authorized to perform ec2:DescribeSecurityGroups', 403));
    await expect(advanceVpcCleanup(clients, { vpcId })).rejects.toThrow('ec2:DescribeSecurityGroups');
  });
});
