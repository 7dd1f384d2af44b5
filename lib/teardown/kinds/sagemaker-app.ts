import { paginateListApps } from '@aws-sdk/client-sagemaker';
import { advanceInGroup, hourly, type TeardownKindModule } from '../kind';
import { STUDIO_INSIDES, studioInsides } from './sagemaker';

export const sagemakerApp: TeardownKindModule<'sagemaker:app'> = {
  kind: 'sagemaker:app',
  action: 'delete',
  because: 'apps before their spaces and profiles; a domain with any of them cannot be deleted',
  // A workbench goes after what the learner may be creating from it, the notebook instances included.
  after: ['sagemaker:notebook-instance', 'sagemaker:model', 'sagemaker:pipeline', 'sagemaker:model-package-group'],
  inside: 'domain',
  group: STUDIO_INSIDES,
  list: (ctx) => studioInsides(ctx, 'sagemaker:app', (sm, domainId) => paginateListApps({ client: sm }, { DomainIdEquals: domainId }), (p) =>
    (p.Apps ?? []).filter((a) => a.Status !== 'Deleted').map((a) => {
      const type = a.ResourceSpec?.InstanceType;
      const billed = a.Status === 'InService' || a.Status === 'Pending';
      const cost = !billed ? { costPerHourUsd: 0, costNote: a.Status ?? '' } : !type || type === 'system' ? { costPerHourUsd: 0, costNote: 'system instance, not billed' } : hourly(ctx.prices, `sagemaker:studio-app-hour:${type}`, 1, type);
      return { name: `${a.AppType}/${a.AppName}`, status: a.Status, ...cost };
    })),
  advance: advanceInGroup(STUDIO_INSIDES),
};
