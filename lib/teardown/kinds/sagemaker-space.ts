import { paginateListSpaces } from '@aws-sdk/client-sagemaker';
import { advanceInGroup, type TeardownKindModule } from '../kind';
import { STUDIO_INSIDES, studioInsides } from './sagemaker';

export const sagemakerSpace: TeardownKindModule<'sagemaker:space'> = {
  kind: 'sagemaker:space',
  action: 'delete',
  because: 'apps before their spaces and profiles; a domain with any of them cannot be deleted',
  after: ['sagemaker:app'],
  inside: 'domain',
  group: STUDIO_INSIDES,
  list: (ctx) => studioInsides(ctx, 'sagemaker:space', (sm, domainId) => paginateListSpaces({ client: sm }, { DomainIdEquals: domainId }), (p) =>
    (p.Spaces ?? []).map((s) => ({ name: s.SpaceName!, status: s.Status, costPerHourUsd: 0 }))),
  advance: advanceInGroup(STUDIO_INSIDES),
};
