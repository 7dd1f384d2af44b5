// How a lab declares it: `learnerResources: [{ kind: 'sagemaker:feature-group', name: '<group name>' }]`
// (or a prefix with `match: 'prefix'`); a group the learner tags `mllab:lab=<lab id>` is the lab's too
// (`arn:aws:sagemaker:<region>:<account>:feature-group/<name>`). Nothing is listed, and no SageMaker
// call is made, for a lab that neither declares nor tags a feature group.
//
// DeleteFeatureGroup deletes the group and its online store only: "Data written into the
// OfflineStore will not be deleted. The AWS Glue database and tables that are automatically created
// for your OfflineStore are not deleted." A lab declares those as well (`s3:prefix`, `glue:table`);
// the group goes first, so that nothing writes into the offline store while it is emptied.
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeleteFeatureGroup.html
import { DeleteFeatureGroupCommand, DescribeFeatureGroupCommand, paginateListFeatureGroups } from '@aws-sdk/client-sagemaker';
import { collect, isServiceError } from '../../aws';
import { HOURS_PER_MONTH } from '../../cost/prices';
import { claimed, deleteWhenIdle, hourly, type Price, type TeardownKindModule } from '../kind';

const KIND = 'sagemaker:feature-group';

export const sagemakerFeatureGroup: TeardownKindModule<typeof KIND> = {
  kind: KIND,
  action: 'delete',
  because: 'its online store bills per GB stored and its offline store receives writes until it is deleted',
  after: [],
  // Before its offline store's files and Glue table are removed (neither goes with it), and with
  // them before the stack.
  before: ['s3:objects', 'glue:table'],
  arnType: KIND,
  list: async (ctx) => {
    if (!(ctx.lab.learnerResources ?? []).some((l) => l.kind === KIND) && !ctx.claims.hasTagged(KIND)) return [];
    const groups = await collect(paginateListFeatureGroups({ client: ctx.clients.sagemaker }, {}), (p) => p.FeatureGroupSummaries);
    return claimed(ctx, KIND, groups, (g) => g.FeatureGroupName!, async (g, name) => ({ status: g.FeatureGroupStatus, ...(await onlineStorage(ctx, name)) }));
  },
  // Deleting is the status while it goes (DescribeFeatureGroup FeatureGroupStatus); a DeleteFailed
  // group is sent the delete again on the next run.
  advance: deleteWhenIdle({
    notFound: 'ResourceNotFound',
    op: 'DeleteFeatureGroup',
    status: async (ctx, r) => (await ctx.clients.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: r.name }))).FeatureGroupStatus,
    send: (ctx, r) => ctx.clients.sagemaker.send(new DeleteFeatureGroupCommand({ FeatureGroupName: r.name })),
  }),
};

/** The online store's size (DescribeFeatureGroup OnlineStoreTotalSizeBytes) priced per GB-month. */
async function onlineStorage(ctx: Parameters<TeardownKindModule['list']>[0], name: string): Promise<Price> {
  try {
    const described = await ctx.clients.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: name }));
    const gb = (described.OnlineStoreTotalSizeBytes ?? 0) / 1024 ** 3;
    return hourly(ctx.prices, 'sagemaker:feature-store-storage-gb-month', gb / HOURS_PER_MONTH, `${gb.toFixed(6)} GB in its online store; reads and writes bill per request unit`);
  } catch (err) {
    if (isServiceError(err, 'ResourceNotFound')) return { costNote: 'gone while listed' };
    throw err;
  }
}
