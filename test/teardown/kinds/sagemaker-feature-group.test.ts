import { DeleteFeatureGroupCommand, DescribeFeatureGroupCommand, ListFeatureGroupsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { sagemakerFeatureGroup } from '../../../lib/teardown/kinds/sagemaker-feature-group';
import { KIND_ORDER } from '../../../lib/teardown/order';
import { awsError } from '../../support/check-harness';
import { advanceContext, itDeletes, itListsOnlyWhatIsClaimed, listContext, LISTED, resource, writes } from './kit';

const sagemaker = mockClient(SageMakerClient);
/** Name -> FeatureGroupStatus of the groups the account has. */
let groups: Map<string, string>;

beforeEach(() => {
  sagemaker.reset();
  groups = new Map(LISTED.map((n) => [n, 'Created']));
  sagemaker.on(ListFeatureGroupsCommand).callsFake(() => ({ FeatureGroupSummaries: [...groups].map(([name, status]) => ({ FeatureGroupName: name, FeatureGroupStatus: status, FeatureGroupArn: `arn:aws:sagemaker:us-east-1:111122223333:feature-group/${name}`, CreationTime: new Date() })) }));
  sagemaker.on(DescribeFeatureGroupCommand).callsFake((i: { FeatureGroupName: string }) => {
    const status = groups.get(i.FeatureGroupName);
    if (!status) throw awsError('ResourceNotFound', `Resource Not Found: Amazon SageMaker can't find a FeatureGroup with name ${i.FeatureGroupName}`);
    return { FeatureGroupName: i.FeatureGroupName, FeatureGroupStatus: status, OnlineStoreTotalSizeBytes: 2 * 1024 ** 3 };
  });
  // DeleteFeatureGroup answers at once; the group shows Deleting until it is gone.
  sagemaker.on(DeleteFeatureGroupCommand).callsFake((i: { FeatureGroupName: string }) => void groups.set(i.FeatureGroupName, 'Deleting'));
});

itListsOnlyWhatIsClaimed(sagemakerFeatureGroup);

itDeletes({
  kind: sagemakerFeatureGroup,
  resource: resource('sagemaker:feature-group', 'churn-1'),
  mocks: [sagemaker],
  expected: ['DeleteFeatureGroup'],
  gone: () => void groups.delete('churn-1'),
});

test('a lab that neither names nor tags a feature group lists none and sends no call', async () => {
  expect(await sagemakerFeatureGroup.list(listContext({ learnerResources: [{ kind: 'sagemaker:endpoint', name: 'churn-', match: 'prefix' }] }))).toEqual([]);
  expect(sagemaker.calls()).toHaveLength(0);
});

test('the plan prices the online store by its size', async () => {
  const [found] = await sagemakerFeatureGroup.list(listContext({ learnerResources: [{ kind: 'sagemaker:feature-group', name: 'churn-1' }] }));
  expect(found).toMatchObject({ name: 'churn-1', status: 'Created', costNote: expect.stringMatching(/^2\.000000 GB in its online store/) });
  expect(found!.costPerHourUsd).toBeGreaterThan(0);
});

test('a group whose deletion failed is sent the delete again on the next run', async () => {
  groups.set('churn-1', 'DeleteFailed');
  await sagemakerFeatureGroup.advance(advanceContext(), resource('sagemaker:feature-group', 'churn-1'));
  groups.set('churn-1', 'DeleteFailed');
  await sagemakerFeatureGroup.advance(advanceContext(), resource('sagemaker:feature-group', 'churn-1'));
  expect(writes(sagemaker)).toEqual(['DeleteFeatureGroup', 'DeleteFeatureGroup']);
});

test('it goes before the offline store\'s files and Glue table, which DeleteFeatureGroup leaves behind', () => {
  expect(KIND_ORDER.indexOf('sagemaker:feature-group')).toBeLessThan(KIND_ORDER.indexOf('s3:objects'));
  expect(KIND_ORDER.indexOf('sagemaker:feature-group')).toBeLessThan(KIND_ORDER.indexOf('glue:table'));
});
