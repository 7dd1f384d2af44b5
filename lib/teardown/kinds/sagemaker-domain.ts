import { DeleteDomainCommand, DescribeDomainCommand } from '@aws-sdk/client-sagemaker';
import { isServiceError } from '../../aws';
import { HOURS_PER_MONTH } from '../../cost/prices';
import { DONE, hourly, waiting, type AdvanceContext, type TeardownKindModule } from '../kind';

export const sagemakerDomain: TeardownKindModule<'sagemaker:domain'> = {
  kind: 'sagemaker:domain',
  action: 'delete',
  because: 'with its home EFS volume, once empty',
  after: ['sagemaker:app', 'sagemaker:space', 'sagemaker:user-profile'],
  arnType: 'sagemaker:domain',
  // A domain is the lab's by the stack or the tag only (claims.ts containers), never by a name.
  list: async (ctx) => [...ctx.claims.containers('domain')].map(([domainId, owner]) => ({
    kind: 'sagemaker:domain' as const, name: domainId, claim: owner.claim, why: owner.why, ref: { domainId },
    ...hourly(ctx.prices, 'efs:storage-gb-month', 1 / HOURS_PER_MONTH, 'home EFS volume, 1 GB assumed'),
  })),
  advance: async (ctx, r) => {
    const domainId = r.ref.domainId ?? r.name;
    let domain;
    try {
      domain = await ctx.clients.sagemaker.send(new DescribeDomainCommand({ DomainId: domainId }));
    } catch (err) {
      if (isServiceError(err, 'ResourceNotFound')) return DONE;
      throw err;
    }
    ctx.memory.set(memoryKey(domainId), domain.HomeEfsFileSystemId);
    if (domain.Status === 'Deleting') return waiting(domain.Status);
    // Delete_Failed: SageMaker says why in FailureReason; a fresh DeleteDomain retries it.
    const key = domain.Status === 'Delete_Failed' ? `DeleteDomain:${domainId}:${domain.LastModifiedTime?.toISOString()}` : undefined;
    await ctx.once(`DeleteDomain ${domainId} (home EFS volume deleted with it)`, () =>
      ctx.clients.sagemaker.send(new DeleteDomainCommand({ DomainId: domainId, RetentionPolicy: { HomeEfsFileSystem: 'Delete' } })), key);
    return waiting('DeleteDomain sent');
  },
};

const memoryKey = (domainId: string) => `sagemaker:domain:${domainId}:home-efs`;

/** The domain's home EFS as DescribeDomain said before the deletion (the VPC clean-up needs it after). */
export function homeVolumeOf(ctx: AdvanceContext, domainId: string): string | undefined {
  return ctx.memory.get(memoryKey(domainId)) as string | undefined;
}
