import {
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  paginateListEntitiesForPolicy,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { collect, isServiceError, ProgressLog, type CleanupProgress } from './progress';

export interface PolicyDetachClients {
  readonly iam: IAMClient;
}

export interface PolicyDetachOptions {
  readonly policyArn: string;
}

/**
 * Detaches a customer managed policy from every role, user and group. The budget action attaches
 * the lab's stop-spend policy outside CloudFormation, and IAM refuses to delete an attached
 * policy or a role with an attached policy, so without this a lab that hit its budget could not
 * be destroyed. https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeletePolicy.html
 */
export async function advancePolicyDetach(clients: PolicyDetachClients, options: PolicyDetachOptions): Promise<CleanupProgress> {
  const log = new ProgressLog();
  const { policyArn: PolicyArn } = options;
  let pages;
  try {
    pages = await collect(paginateListEntitiesForPolicy({ client: clients.iam }, { PolicyArn }), (p) => [p]);
  } catch (error) {
    if (isServiceError(error, 'NoSuchEntityException', 'NoSuchEntity')) return log.result();
    throw error;
  }
  const detachments = pages.flatMap((p) => [
    ...(p.PolicyRoles ?? []).map((r) => ({ label: `role ${r.RoleName}`, run: () => clients.iam.send(new DetachRolePolicyCommand({ PolicyArn, RoleName: r.RoleName })) })),
    ...(p.PolicyUsers ?? []).map((u) => ({ label: `user ${u.UserName}`, run: () => clients.iam.send(new DetachUserPolicyCommand({ PolicyArn, UserName: u.UserName })) })),
    ...(p.PolicyGroups ?? []).map((g) => ({ label: `group ${g.GroupName}`, run: () => clients.iam.send(new DetachGroupPolicyCommand({ PolicyArn, GroupName: g.GroupName })) })),
  ]);
  for (const { label, run } of detachments) {
    try {
      await run();
      log.act(`detach ${PolicyArn} from ${label}`);
    } catch (error) {
      if (isServiceError(error, 'NoSuchEntityException', 'NoSuchEntity')) continue;
      throw error;
    }
  }
  return log.result();
}
