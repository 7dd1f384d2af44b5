import { DeleteTableCommand, GetTableCommand, paginateGetTables } from '@aws-sdk/client-glue';
import { collectOrEmpty, deleteWhenIdle, free, insideEach, type TeardownKindModule } from '../kind';

export const glueTable: TeardownKindModule<'glue:table'> = {
  kind: 'glue:table',
  action: 'delete',
  because: 'catalog entries and saved queries the learner or a crawl created',
  // Once nothing delivers more into the lake they catalog and query.
  after: ['kinesis:stream', 'firehose:delivery-stream'],
  inside: 'database',
  list: (ctx) => insideEach(ctx, 'database', async (database, owner) =>
    (await collectOrEmpty(paginateGetTables({ client: ctx.clients.glue }, { DatabaseName: database }), (p) => p.TableList)).map((t) => ({
      kind: 'glue:table' as const, name: t.Name!, claim: 'inside' as const, why: `in database ${database} (${owner.why})`, ref: { database },
      removedWithStack: owner.claim === 'stack', ...free('a Data Catalog entry (first million free)'),
    }))),
  advance: deleteWhenIdle({
    notFound: 'EntityNotFoundException',
    op: 'DeleteTable',
    id: (r) => `${r.ref.database}.${r.name}`,
    status: async (ctx, r) => (await ctx.clients.glue.send(new GetTableCommand({ DatabaseName: r.ref.database, Name: r.name })), undefined),
    send: (ctx, r) => ctx.clients.glue.send(new DeleteTableCommand({ DatabaseName: r.ref.database, Name: r.name })),
  }),
};
