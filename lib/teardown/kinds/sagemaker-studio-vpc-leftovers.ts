import { paginateDescribeSecurityGroups } from '@aws-sdk/client-ec2';
import { collect } from '../../aws';
import { advanceVpcCleanup, nfsSecurityGroupNames } from '../../cleanup';
import { fromCleanup, insideEach, type LabResource, type TeardownKindModule } from '../kind';
import { homeVolumeOf } from './sagemaker-domain';

/** The home EFS and NFS security groups SageMaker leaves in the lab VPC (name = VPC id). */
export const sagemakerStudioVpcLeftovers: TeardownKindModule<'sagemaker:studio-vpc-leftovers'> = {
  kind: 'sagemaker:studio-vpc-leftovers',
  action: 'delete',
  because: 'then the security groups SageMaker left in the lab VPC',
  // Beside the domain, not after it: its clean-up waits by itself until the domain is gone.
  after: ['sagemaker:app', 'sagemaker:space', 'sagemaker:user-profile'],
  inside: 'vpc',
  /**
   * A lab VPC with a lab domain, or with SageMaker's NFS security groups still in it (a domain
   * deleted by an earlier, interrupted run): cleaned before the stack is destroyed, since the
   * leftovers keep the subnets and the VPC from being deleted.
   */
  list: (ctx) => insideEach(ctx, 'vpc', async (vpcId, owner): Promise<LabResource[]> => {
    const domainIds = [...ctx.claims.containers('domain').keys()];
    const [inbound, outbound] = nfsSecurityGroupNames('d-*');
    const groups = await collect(
      paginateDescribeSecurityGroups({ client: ctx.clients.ec2 }, { Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: [inbound, outbound] }] }),
      (p) => p.SecurityGroups,
    );
    if (groups.length === 0 && domainIds.length === 0) return [];
    return [{
      kind: 'sagemaker:studio-vpc-leftovers', name: vpcId, claim: 'inside',
      why: `home EFS and ${groups.length} NFS security group(s) SageMaker left in VPC ${vpcId} (${owner.why})`,
      ref: domainIds.length === 1 ? { domainId: domainIds[0]! } : {},
      costNote: 'the home EFS is priced on the domain line',
      costPerHourUsd: 0,
    }];
  }),
  advance: async (ctx, r) => {
    const domainId = r.ref.domainId;
    const homeEfsFileSystemId = domainId ? homeVolumeOf(ctx, domainId) : undefined;
    const { sagemaker, efs, ec2 } = ctx.clients;
    const progress = await advanceVpcCleanup({ sagemaker, efs, ec2 }, { vpcId: r.name, ...(domainId ? { domainId } : {}), ...(homeEfsFileSystemId ? { homeEfsFileSystemId } : {}) });
    return fromCleanup(ctx, progress, `VPC ${r.name}`);
  },
};
