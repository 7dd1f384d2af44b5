import { paginateListUserProfiles } from '@aws-sdk/client-sagemaker';
import { advanceInGroup, type TeardownKindModule } from '../kind';
import { STUDIO_INSIDES, studioInsides } from './sagemaker';

export const sagemakerUserProfile: TeardownKindModule<'sagemaker:user-profile'> = {
  kind: 'sagemaker:user-profile',
  action: 'delete',
  because: 'apps before their spaces and profiles; a domain with any of them cannot be deleted',
  after: ['sagemaker:app', 'sagemaker:space'],
  inside: 'domain',
  group: STUDIO_INSIDES,
  list: (ctx) => studioInsides(ctx, 'sagemaker:user-profile', (sm, domainId) => paginateListUserProfiles({ client: sm }, { DomainIdEquals: domainId }), (p) =>
    (p.UserProfiles ?? []).map((u) => ({ name: u.UserProfileName!, status: u.Status, costPerHourUsd: 0 }))),
  advance: advanceInGroup(STUDIO_INSIDES),
};
