import { DeleteDatabaseCommand, GetDatabaseCommand } from '@aws-sdk/client-glue';
import { deleteWhenIdle, free, type LabResource, type TeardownKindModule } from '../kind';

/** A Glue database the learner created and tagged (the stack's own goes with the stack). */
export const glueDatabase: TeardownKindModule<'glue:database'> = {
  kind: 'glue:database',
  action: 'delete',
  because: 'a database after its tables',
  // And after the crawlers that write them.
  after: ['glue:table', 'glue:crawler'],
  list: async (ctx) => [...ctx.claims.containers('database')]
    .filter(([, owner]) => owner.claim !== 'stack')
    .map(([name, owner]): LabResource => ({ kind: 'glue:database', name, claim: owner.claim, why: owner.why, ref: {}, ...free('a Data Catalog entry (first million free)') })),
  advance: deleteWhenIdle({
    notFound: 'EntityNotFoundException',
    op: 'DeleteDatabase',
    status: async (ctx, r) => (await ctx.clients.glue.send(new GetDatabaseCommand({ Name: r.name })), undefined),
    send: (ctx, r) => ctx.clients.glue.send(new DeleteDatabaseCommand({ Name: r.name })),
  }),
};
