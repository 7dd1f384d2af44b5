import { DeleteSecurityGroupCommand, DescribeSecurityGroupRulesCommand, DescribeSecurityGroupsCommand, EC2Client, RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { DescribeFileSystemsCommand, EFSClient } from '@aws-sdk/client-efs';
import { DescribeDomainCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { sagemakerStudioVpcLeftovers } from '../../../lib/teardown/kinds/sagemaker-studio-vpc-leftovers';
import { awsError } from '../../support/check-harness';
import { advanceContext, listContext, resource, writes } from './kit';

const ec2 = mockClient(EC2Client);
const efs = mockClient(EFSClient);
const sagemaker = mockClient(SageMakerClient);
/** SageMaker's NFS groups in the lab VPC (one inbound rule each), and whether the domain still exists. */
const account = { groups: [] as { GroupId: string; GroupName: string; VpcId: string }[], domain: true };

beforeEach(() => {
  for (const m of [ec2, efs, sagemaker]) m.reset();
  account.domain = true;
  account.groups = ['inbound', 'outbound'].map((dir) => ({ GroupId: `sg-${dir}`, GroupName: `security-group-for-${dir}-nfs-d-lab1`, VpcId: 'vpc-lab' }));
  ec2.on(DescribeSecurityGroupsCommand).callsFake((i) => ({ SecurityGroups: account.groups.filter((g) => i.Filters[0].Values.includes(g.VpcId)) }));
  ec2.on(DescribeSecurityGroupRulesCommand).callsFake((i) => ({ SecurityGroupRules: account.groups.some((g) => g.GroupId === i.Filters[0].Values[0]) ? [{ SecurityGroupRuleId: 'sgr-1', IsEgress: false }] : [] }));
  ec2.on(RevokeSecurityGroupIngressCommand).resolves({});
  ec2.on(DeleteSecurityGroupCommand).callsFake((i) => void (account.groups = account.groups.filter((g) => g.GroupId !== i.GroupId)));
  efs.on(DescribeFileSystemsCommand).resolves({ FileSystems: [] });
  sagemaker.on(DescribeDomainCommand).callsFake(() => {
    if (!account.domain) throw awsError('ResourceNotFound');
    return { DomainId: 'd-lab1', Status: 'Deleting' };
  });
});

const leftovers = resource('sagemaker:studio-vpc-leftovers', 'vpc-lab', { domainId: 'd-lab1' });

test("list: the leftovers in the lab VPC only, never in another VPC", async () => {
  account.groups.push({ GroupId: 'sg-prod', GroupName: 'security-group-for-inbound-nfs-d-prod', VpcId: 'vpc-prod' });
  const found = await sagemakerStudioVpcLeftovers.list(listContext({ stack: [['AWS::EC2::VPC', 'vpc-lab'], ['AWS::SageMaker::Domain', 'd-lab1']] }));
  expect(found).toMatchObject([{ name: 'vpc-lab', claim: 'inside', ref: { domainId: 'd-lab1' }, why: 'home EFS and 2 NFS security group(s) SageMaker left in VPC vpc-lab (stack MlLab-churn-lab)' }]);
  expect(ec2.commandCalls(DescribeSecurityGroupsCommand).map((c) => c.args[0].input.Filters![0]!.Values)).toEqual([['vpc-lab']]);
  expect(await sagemakerStudioVpcLeftovers.list(listContext({ stack: [['AWS::S3::Bucket', 'b']] }))).toEqual([]);
});

test('advance waits while the domain exists, then removes the NFS groups once; a second advance sends nothing', async () => {
  const ctx = advanceContext();
  expect(await sagemakerStudioVpcLeftovers.advance(ctx, leftovers)).toMatchObject({ done: false });
  expect(writes(ec2, efs)).toEqual([]);
  account.domain = false;
  expect(await sagemakerStudioVpcLeftovers.advance(ctx, leftovers)).toEqual({ done: true });
  expect(writes(ec2, efs)).toEqual(['RevokeSecurityGroupIngress', 'RevokeSecurityGroupIngress', 'DeleteSecurityGroup', 'DeleteSecurityGroup']);
  expect(await sagemakerStudioVpcLeftovers.advance(ctx, leftovers)).toEqual({ done: true });
  expect(writes(ec2, efs)).toHaveLength(4);
});

test('not found is gone: no leftovers and no domain, done, no write', async () => {
  account.groups = [];
  account.domain = false;
  expect(await sagemakerStudioVpcLeftovers.advance(advanceContext(), leftovers)).toEqual({ done: true });
  expect(writes(ec2, efs, sagemaker)).toEqual([]);
});
