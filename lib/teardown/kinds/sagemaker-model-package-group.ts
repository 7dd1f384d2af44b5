import { DeleteModelPackageCommand, DeleteModelPackageGroupCommand, ListModelPackageGroupsCommand, paginateListModelPackageGroups, paginateListModelPackages } from '@aws-sdk/client-sagemaker';
import { collect } from '../../aws';
import { claimed, DONE, free, waiting, type TeardownKindModule } from '../kind';

export const sagemakerModelPackageGroup: TeardownKindModule<'sagemaker:model-package-group'> = {
  kind: 'sagemaker:model-package-group',
  action: 'delete',
  because: 'only once no endpoint config refers to the model',
  // With the models: an endpoint config can deploy a registered model package.
  after: ['sagemaker:endpoint-config'],
  arnType: 'sagemaker:model-package-group',
  list: async (ctx) => claimed(ctx, 'sagemaker:model-package-group',
    await collect(paginateListModelPackageGroups({ client: ctx.clients.sagemaker }, {}), (p) => p.ModelPackageGroupSummaryList),
    (g) => g.ModelPackageGroupName!, (g) => ({ status: g.ModelPackageGroupStatus, ...free('registry records') })),
  advance: async (ctx, r) => {
    const sm = ctx.clients.sagemaker;
    const listed = (await sm.send(new ListModelPackageGroupsCommand({ NameContains: r.name }))).ModelPackageGroupSummaryList;
    const found = listed?.find((g) => g.ModelPackageGroupName === r.name);
    if (!found) return DONE;
    if (found.ModelPackageGroupStatus === 'Deleting') return waiting('Deleting');
    // A group with versions in it cannot be deleted: its model packages go first.
    const packages = await collect(paginateListModelPackages({ client: sm }, { ModelPackageGroupName: r.name }), (p) => p.ModelPackageSummaryList);
    for (const p of packages) await ctx.once(`DeleteModelPackage ${p.ModelPackageArn}`, () => sm.send(new DeleteModelPackageCommand({ ModelPackageName: p.ModelPackageArn })));
    if (packages.length > 0) return waiting(`${packages.length} model package(s) in the group`);
    await ctx.once(`DeleteModelPackageGroup ${r.name}`, () => sm.send(new DeleteModelPackageGroupCommand({ ModelPackageGroupName: r.name })));
    return waiting('DeleteModelPackageGroup sent');
  },
};
