import {
  DeleteSecurityGroupCommand,
  paginateDescribeSecurityGroupRules,
  paginateDescribeSecurityGroups,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  type EC2Client,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import {
  DeleteFileSystemCommand,
  DeleteMountTargetCommand,
  paginateDescribeFileSystems,
  paginateDescribeMountTargets,
  type EFSClient,
  type FileSystemDescription,
} from '@aws-sdk/client-efs';
import { DescribeDomainCommand, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import { collect, isServiceError, ProgressLog, type CleanupProgress } from './progress';
import { nfsSecurityGroupNames, SAGEMAKER_MANAGED_TAG } from './names';

export interface VpcCleanupClients {
  readonly sagemaker: SageMakerClient;
  readonly efs: EFSClient;
  readonly ec2: EC2Client;
}

export interface VpcCleanupOptions {
  /** The lab VPC the domain used. Nothing outside it is touched. */
  readonly vpcId: string;
  /**
   * The domain whose leftovers to remove.
   * @default - every domain whose NFS security groups are in `vpcId` (the lab VPC belongs to one lab)
   */
  readonly domainId?: string;
  /**
   * The domain's home EFS (DescribeDomain's HomeEfsFileSystemId).
   * @default - found by SageMaker's `ManagedByAmazonSageMakerResource` tag, whose value is the domain ARN
   */
  readonly homeEfsFileSystemId?: string;
}

/**
 * SageMaker tags the home EFS it creates with this key; the value is the domain ARN.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/security-iam-awsmanpol-notebooks.html
 */
const NFS_GROUP_NAME = /^security-group-for-(?:in|out)bound-nfs-(d-[a-z0-9-]+)$/;

/**
 * One non-blocking pass of removing what SageMaker created in the lab VPC and CloudFormation
 * never deletes: the home EFS (its mount targets first, since an EFS with mount targets cannot be
 * deleted) and the two NFS security groups (their rules first, since each references the other,
 * and only once the mount targets' network interfaces are gone). These keep the subnets and the
 * VPC from being deleted. Runs only after the domain itself is gone: it never pulls the home
 * volume from under a live domain.
 */
export async function advanceVpcCleanup(clients: VpcCleanupClients, options: VpcCleanupOptions): Promise<CleanupProgress> {
  const log = new ProgressLog();
  const groups = await nfsSecurityGroups(clients.ec2, options);
  const domainIds = options.domainId
    ? [options.domainId]
    : [...new Set(groups.map((g) => NFS_GROUP_NAME.exec(g.GroupName ?? '')?.[1]).filter((id): id is string => !!id))];

  for (const domainId of domainIds) {
    try {
      const domain = await clients.sagemaker.send(new DescribeDomainCommand({ DomainId: domainId }));
      log.wait(`domain ${domainId} still exists (${domain.Status ?? 'unknown status'}); its home EFS is left alone until it is gone`);
    } catch (error) {
      if (!isServiceError(error, 'ResourceNotFound')) throw error;
    }
  }
  if (log.waitingFor.length > 0) return log.result();

  const fileSystems = await homeFileSystems(clients.efs, domainIds, options.homeEfsFileSystemId, log);
  for (const fs of fileSystems) await advanceFileSystem(clients.efs, fs, log);
  // The NFS groups are attached to the mount targets' network interfaces until those are gone.
  if (log.waitingFor.length > 0) return log.result();

  for (const group of groups) await revokeAllRules(clients.ec2, group, log);
  for (const group of groups) {
    const label = `security group ${group.GroupId} (${group.GroupName})`;
    try {
      await clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: group.GroupId }));
      log.act(`delete ${label}`);
    } catch (error) {
      if (isServiceError(error, 'InvalidGroup.NotFound')) continue;
      if (isServiceError(error, 'DependencyViolation')) {
        log.wait(`${label} is still attached to a network interface (DependencyViolation), retrying on the next pass`);
        continue;
      }
      throw error;
    }
  }
  return log.result();
}

async function nfsSecurityGroups(ec2: EC2Client, options: VpcCleanupOptions): Promise<SecurityGroup[]> {
  const names = options.domainId
    ? nfsSecurityGroupNames(options.domainId)
    : ['security-group-for-inbound-nfs-d-*', 'security-group-for-outbound-nfs-d-*'];
  const groups = await collect(
    paginateDescribeSecurityGroups(
      { client: ec2 },
      { Filters: [{ Name: 'vpc-id', Values: [options.vpcId] }, { Name: 'group-name', Values: names }] },
    ),
    (p) => p.SecurityGroups,
  );
  // Filters are the service's; the exact name pattern is ours to enforce, so a look-alike stays.
  return groups.filter((g) => NFS_GROUP_NAME.test(g.GroupName ?? '') && g.VpcId === options.vpcId);
}

function managedByDomain(fs: FileSystemDescription, domainIds: readonly string[]): boolean {
  const owner = fs.Tags?.find((t) => t.Key === SAGEMAKER_MANAGED_TAG)?.Value ?? '';
  return domainIds.some((id) => owner.endsWith(`:domain/${id}`));
}

async function homeFileSystems(
  efs: EFSClient,
  domainIds: readonly string[],
  homeEfsFileSystemId: string | undefined,
  log: ProgressLog,
): Promise<FileSystemDescription[]> {
  if (homeEfsFileSystemId) {
    let found: FileSystemDescription[];
    try {
      found = await collect(paginateDescribeFileSystems({ client: efs }, { FileSystemId: homeEfsFileSystemId }), (p) => p.FileSystems);
    } catch (error) {
      if (isServiceError(error, 'FileSystemNotFound')) return [];
      throw error;
    }
    // A wrong id must never delete a learner's own file system: only SageMaker's tagged one goes.
    const owned = found.filter((fs) => (domainIds.length === 0 ? fs.Tags?.some((t) => t.Key === SAGEMAKER_MANAGED_TAG) : managedByDomain(fs, domainIds)));
    if (owned.length < found.length) {
      log.act(`leave ${homeEfsFileSystemId} alone: it does not carry SageMaker's ${SAGEMAKER_MANAGED_TAG} tag for this domain`);
    }
    return owned;
  }
  if (domainIds.length === 0) return [];
  const all = await collect(paginateDescribeFileSystems({ client: efs }, {}), (p) => p.FileSystems);
  return all.filter((fs) => managedByDomain(fs, domainIds));
}

async function advanceFileSystem(efs: EFSClient, fs: FileSystemDescription, log: ProgressLog): Promise<void> {
  const label = `home EFS ${fs.FileSystemId}`;
  if (fs.LifeCycleState === 'deleting') {
    log.wait(`${label} is deleting`);
    return;
  }
  const mountTargets = await collect(
    paginateDescribeMountTargets({ client: efs }, { FileSystemId: fs.FileSystemId }),
    (p) => p.MountTargets,
  );
  for (const mt of mountTargets) {
    const mtLabel = `mount target ${mt.MountTargetId} of ${label} in ${mt.SubnetId}`;
    if (mt.LifeCycleState === 'deleted') continue;
    if (mt.LifeCycleState !== 'available' && mt.LifeCycleState !== 'error') {
      log.wait(`${mtLabel} is ${mt.LifeCycleState}`);
      continue;
    }
    try {
      await efs.send(new DeleteMountTargetCommand({ MountTargetId: mt.MountTargetId }));
      log.act(`delete ${mtLabel}`);
      log.wait(`${mtLabel} is being deleted`);
    } catch (error) {
      if (isServiceError(error, 'MountTargetNotFound')) continue;
      if (isServiceError(error, 'IncorrectMountTargetState')) {
        log.wait(`${mtLabel} is changing state, retrying on the next pass`);
        continue;
      }
      throw error;
    }
  }
  if (log.waitingFor.some((w) => w.includes(label))) return;
  try {
    await efs.send(new DeleteFileSystemCommand({ FileSystemId: fs.FileSystemId }));
    log.act(`delete ${label}`);
    log.wait(`${label} is being deleted`);
  } catch (error) {
    if (isServiceError(error, 'FileSystemNotFound')) return;
    if (isServiceError(error, 'FileSystemInUse')) {
      log.wait(`${label} still has mount targets (FileSystemInUse), retrying on the next pass`);
      return;
    }
    throw error;
  }
}

async function revokeAllRules(ec2: EC2Client, group: SecurityGroup, log: ProgressLog): Promise<void> {
  const rules = await collect(
    paginateDescribeSecurityGroupRules({ client: ec2 }, { Filters: [{ Name: 'group-id', Values: [group.GroupId ?? ''] }] }),
    (p) => p.SecurityGroupRules,
  );
  const ingress = rules.filter((r) => !r.IsEgress).map((r) => r.SecurityGroupRuleId ?? '');
  const egress = rules.filter((r) => r.IsEgress).map((r) => r.SecurityGroupRuleId ?? '');
  try {
    if (ingress.length > 0) {
      await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: group.GroupId, SecurityGroupRuleIds: ingress }));
      log.act(`revoke ${ingress.length} inbound rule(s) of ${group.GroupId}`);
    }
    if (egress.length > 0) {
      await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: group.GroupId, SecurityGroupRuleIds: egress }));
      log.act(`revoke ${egress.length} outbound rule(s) of ${group.GroupId}`);
    }
  } catch (error) {
    if (!isServiceError(error, 'InvalidGroup.NotFound', 'InvalidSecurityGroupRuleId.NotFound')) throw error;
  }
}
