import { DetachGroupPolicyCommand, DetachRolePolicyCommand, DetachUserPolicyCommand, IAMClient, ListEntitiesForPolicyCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { advancePolicyDetach } from '../../lib/cleanup';
import { awsError } from '../support/check-harness';

const iamMock = mockClient(IAMClient);
const iam = new IAMClient({});
const policyArn = 'arn:aws:iam::111122223333:policy/StopSpend';

beforeEach(() => iamMock.reset());

describe('advancePolicyDetach', () => {
  it('detaches the policy from every role, user and group it is attached to, across pages', async () => {
    iamMock
      .on(ListEntitiesForPolicyCommand)
      .resolvesOnce({ PolicyRoles: [{ RoleName: 'LearnerRole' }], IsTruncated: true, Marker: 'm1' })
      .resolvesOnce({ PolicyRoles: [{ RoleName: 'StudioExecutionRole' }], PolicyUsers: [{ UserName: 'alice' }], PolicyGroups: [{ GroupName: 'class' }] });
    iamMock.on(DetachRolePolicyCommand).resolves({});
    iamMock.on(DetachUserPolicyCommand).resolves({});
    iamMock.on(DetachGroupPolicyCommand).resolves({});

    const progress = await advancePolicyDetach({ iam }, { policyArn });

    expect(progress.complete).toBe(true);
    expect(progress.actions).toHaveLength(4);
    expect(iamMock).toHaveReceivedCommandWith(DetachRolePolicyCommand, { PolicyArn: policyArn, RoleName: 'LearnerRole' });
    expect(iamMock).toHaveReceivedCommandWith(DetachRolePolicyCommand, { PolicyArn: policyArn, RoleName: 'StudioExecutionRole' });
    expect(iamMock).toHaveReceivedCommandWith(DetachUserPolicyCommand, { PolicyArn: policyArn, UserName: 'alice' });
    expect(iamMock).toHaveReceivedCommandWith(DetachGroupPolicyCommand, { PolicyArn: policyArn, GroupName: 'class' });
  });

  it('has nothing to do when the budget action never fired', async () => {
    iamMock.on(ListEntitiesForPolicyCommand).resolves({ PolicyRoles: [], PolicyUsers: [], PolicyGroups: [] });
    expect(await advancePolicyDetach({ iam }, { policyArn })).toEqual({ complete: true, actions: [], waitingFor: [] });
    expect(iamMock).not.toHaveReceivedCommand(DetachRolePolicyCommand);
  });

  it('is complete when the policy or an entity is already gone', async () => {
    iamMock.on(ListEntitiesForPolicyCommand).rejectsOnce(awsError('NoSuchEntityException', 'policy not found', 404));
    expect((await advancePolicyDetach({ iam }, { policyArn })).complete).toBe(true);
    iamMock.on(ListEntitiesForPolicyCommand).resolves({ PolicyRoles: [{ RoleName: 'gone' }] });
    iamMock.on(DetachRolePolicyCommand).rejects(awsError('NoSuchEntityException', 'role not found', 404));
    expect((await advancePolicyDetach({ iam }, { policyArn })).complete).toBe(true);
  });

  it('throws an API error it cannot wait out', async () => {
    iamMock.on(ListEntitiesForPolicyCommand).rejects(awsError('AccessDenied', 'not authorized to perform iam:ListEntitiesForPolicy', 403));
    await expect(advancePolicyDetach({ iam }, { policyArn })).rejects.toThrow('iam:ListEntitiesForPolicy');
  });
});
