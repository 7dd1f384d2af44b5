import { DeleteSecurityGroupCommand, paginateDescribeSecurityGroups } from '@aws-sdk/client-ec2';
import { collect, isServiceError } from '../../aws';
import { DONE, free, insideEach, waiting, type LabResource, type TeardownKindModule } from '../kind';

/** The group every VPC has, deleted with the VPC itself; SageMaker's Studio NFS groups have their own kind. */
const NOT_OURS = /^(default|security-group-for-(in|out)bound-nfs-.*)$/;

/**
 * Security groups a learner made in a lab VPC (the secure-training lab's job group): CloudFormation
 * cannot delete a VPC that still holds one, so they go before the stack. The VPC is the stack's, so
 * whatever group is in it was made for the lab; the stack's own groups go with the stack.
 * A group still attached to a network interface (a training job's, which SageMaker releases after
 * the job) answers DependencyViolation: teardown waits for the next pass.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteSecurityGroup.html
 */
export const ec2SecurityGroup: TeardownKindModule<'ec2:security-group'> = {
  kind: 'ec2:security-group',
  action: 'delete',
  because: 'after the training jobs whose network interfaces use them, and before the stack, whose VPC cannot be deleted while they exist',
  after: ['sagemaker:training-job'],
  before: ['cloudformation:stack'],
  inside: 'vpc',
  label: (r) => `security group ${r.ref.groupId} (${r.name})`,
  list: (ctx) =>
    insideEach(ctx, 'vpc', async (vpcId, owner): Promise<LabResource[]> => {
      const stackGroups = new Set(ctx.claims.stackNames('AWS::EC2::SecurityGroup'));
      const groups = await collect(paginateDescribeSecurityGroups({ client: ctx.clients.ec2 }, { Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }), (p) => p.SecurityGroups);
      return groups
        .filter((g) => g.GroupId && !stackGroups.has(g.GroupId) && !NOT_OURS.test(g.GroupName ?? ''))
        .map((g) => ({
          kind: 'ec2:security-group' as const,
          name: g.GroupName ?? g.GroupId!,
          claim: 'inside' as const,
          why: `in VPC ${vpcId} (${owner.why})`,
          ref: { groupId: g.GroupId!, vpcId },
          ...free('security groups are not billed'),
        }));
    }),
  advance: async (ctx, r) => {
    const ec2 = ctx.clients.ec2;
    const groupId = r.ref.groupId!;
    // The delete is synchronous: once it is accepted the group is gone.
    try {
      return (await ctx.once(`DeleteSecurityGroup ${groupId}`, () => ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId })))) ? DONE : waiting('busy');
    } catch (err) {
      if (isServiceError(err, 'InvalidGroup.NotFound', 'InvalidGroupId.NotFound')) return DONE;
      if (isServiceError(err, 'DependencyViolation')) return waiting('network interfaces still use the group');
      throw err;
    }
  },
};
