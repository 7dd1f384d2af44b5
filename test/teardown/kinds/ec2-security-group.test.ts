import { DeleteSecurityGroupCommand, DescribeSecurityGroupsCommand, EC2Client, type SecurityGroup } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { ec2SecurityGroup } from '../../../lib/teardown/kinds/ec2-security-group';
import { awsError } from '../../support/check-harness';
import { advanceContext, itDeletesAtOnce, listContext, OTHER_LAB_ID, resource, STACK } from './kit';

const ec2 = mockClient(EC2Client);
const LAB_VPC = 'vpc-0lab';
let groups: SecurityGroup[];
let attached: boolean;

beforeEach(() => {
  ec2.reset();
  attached = false;
  groups = [
    { GroupId: 'sg-default', GroupName: 'default', VpcId: LAB_VPC },
    { GroupId: 'sg-learner', GroupName: 'secure-training-job', VpcId: LAB_VPC },
    { GroupId: 'sg-stack', GroupName: 'MlLab-churn-lab-JobGroup', VpcId: LAB_VPC },
    { GroupId: 'sg-nfs', GroupName: 'security-group-for-inbound-nfs-d-abc123', VpcId: LAB_VPC },
    { GroupId: 'sg-elsewhere', GroupName: 'prod-web', VpcId: 'vpc-0prod' },
  ];
  ec2.on(DescribeSecurityGroupsCommand).callsFake((i: { GroupIds?: string[]; Filters?: { Name: string; Values: string[] }[] }) => {
    const vpc = i.Filters?.find((f) => f.Name === 'vpc-id')?.Values;
    const found = groups.filter((g) => (!i.GroupIds || i.GroupIds.includes(g.GroupId!)) && (!vpc || vpc.includes(g.VpcId!)));
    if (i.GroupIds && found.length === 0) throw awsError('InvalidGroup.NotFound', `The security group '${i.GroupIds[0]}' does not exist`);
    return { SecurityGroups: found };
  });
  ec2.on(DeleteSecurityGroupCommand).callsFake((i: { GroupId: string }) => {
    if (!groups.some((g) => g.GroupId === i.GroupId)) throw awsError('InvalidGroup.NotFound', `The security group '${i.GroupId}' does not exist`);
    if (attached) throw awsError('DependencyViolation', `resource ${i.GroupId} has a dependent object`);
    groups = groups.filter((g) => g.GroupId !== i.GroupId);
    return {};
  });
});

test("list finds the learner's groups inside the lab stack's VPC only: not default, not the stack's own, not Studio's NFS groups, not another VPC's", async () => {
  const ctx = listContext({ stack: [['AWS::EC2::VPC', LAB_VPC], ['AWS::EC2::SecurityGroup', 'sg-stack']], tagged: { [OTHER_LAB_ID]: [] } });
  const found = await ec2SecurityGroup.list(ctx);
  expect(found.map((r) => [r.name, r.ref.groupId, r.claim, r.why])).toEqual([['secure-training-job', 'sg-learner', 'inside', `in VPC ${LAB_VPC} (stack ${STACK})`]]);
});

test('a lab without a VPC lists nothing and sends no call', async () => {
  expect(await ec2SecurityGroup.list(listContext({ stack: [['AWS::S3::Bucket', 'bucket-1']] }))).toEqual([]);
  expect(ec2.calls()).toHaveLength(0);
});

itDeletesAtOnce({
  kind: ec2SecurityGroup,
  resource: resource('ec2:security-group', 'secure-training-job', { groupId: 'sg-learner', vpcId: LAB_VPC }),
  mocks: [ec2],
  expected: ['DeleteSecurityGroup'],
  missing: () => (groups = groups.filter((g) => g.GroupId !== 'sg-learner')),
});

test("waits while a training job's network interface still uses the group, then deletes it", async () => {
  attached = true;
  const ctx = advanceContext();
  const group = resource('ec2:security-group', 'secure-training-job', { groupId: 'sg-learner', vpcId: LAB_VPC });
  expect(await ec2SecurityGroup.advance(ctx, group)).toEqual({ done: false, waiting: 'network interfaces still use the group' });
  attached = false;
  expect(await ec2SecurityGroup.advance(ctx, group)).toEqual({ done: true });
  expect(groups.map((g) => g.GroupId)).not.toContain('sg-learner');
});
