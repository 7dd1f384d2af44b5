import { DeleteModelPackageCommand, DeleteModelPackageGroupCommand, ListModelPackageGroupsCommand, ListModelPackagesCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { sagemakerModelPackageGroup } from '../../../lib/teardown/kinds/sagemaker-model-package-group';
import { advanceContext, itListsOnlyWhatIsClaimed, LISTED, resource, writes } from './kit';

const sagemaker = mockClient(SageMakerClient);
let groups: string[];
let packages: string[];

beforeEach(() => {
  sagemaker.reset();
  groups = [...LISTED];
  packages = ['arn:package/churn-1/1'];
  sagemaker.on(ListModelPackageGroupsCommand).callsFake((i) => ({ ModelPackageGroupSummaryList: groups.filter((n) => n.includes(i.NameContains ?? '')).map((n) => ({ ModelPackageGroupName: n, ModelPackageGroupStatus: 'Completed' })) }));
  sagemaker.on(ListModelPackagesCommand).callsFake(() => ({ ModelPackageSummaryList: packages.map((p) => ({ ModelPackageArn: p })) }));
  sagemaker.on(DeleteModelPackageCommand).resolves({});
  sagemaker.on(DeleteModelPackageGroupCommand).resolves({});
});

itListsOnlyWhatIsClaimed(sagemakerModelPackageGroup);

test('advance deletes the versions once, then the group once, then is done and sends nothing more', async () => {
  const ctx = advanceContext();
  const group = resource('sagemaker:model-package-group', 'churn-1');
  expect(await sagemakerModelPackageGroup.advance(ctx, group)).toMatchObject({ done: false });
  expect(await sagemakerModelPackageGroup.advance(ctx, group)).toMatchObject({ done: false });
  expect(writes(sagemaker)).toEqual(['DeleteModelPackage']);
  packages = [];
  expect(await sagemakerModelPackageGroup.advance(ctx, group)).toMatchObject({ done: false });
  groups = groups.filter((g) => g !== 'churn-1');
  expect(await sagemakerModelPackageGroup.advance(ctx, group)).toEqual({ done: true });
  expect(await sagemakerModelPackageGroup.advance(ctx, group)).toEqual({ done: true });
  expect(writes(sagemaker)).toEqual(['DeleteModelPackage', 'DeleteModelPackageGroup']);
});

test('not found is gone: done, no write', async () => {
  groups = [];
  expect(await sagemakerModelPackageGroup.advance(advanceContext(), resource('sagemaker:model-package-group', 'churn-1'))).toEqual({ done: true });
  expect(writes(sagemaker)).toEqual([]);
});
