import { BatchGetNamedQueryCommand, DeleteNamedQueryCommand, paginateListNamedQueries } from '@aws-sdk/client-athena';
import { collectOrEmpty, DONE, free, insideEach, waiting, type LabResource, type TeardownKindModule } from '../kind';

export const athenaNamedQuery: TeardownKindModule<'athena:named-query'> = {
  kind: 'athena:named-query',
  action: 'delete',
  because: 'catalog entries and saved queries the learner or a crawl created',
  // Once nothing delivers more into the lake they catalog and query.
  after: ['kinesis:stream', 'firehose:delivery-stream'],
  inside: 'workgroup',
  list: (ctx) => insideEach(ctx, 'workgroup', async (workGroup, owner) => {
    const ids = await collectOrEmpty(paginateListNamedQueries({ client: ctx.clients.athena }, { WorkGroup: workGroup }), (p) => p.NamedQueryIds);
    const found: LabResource[] = [];
    // BatchGetNamedQuery takes at most 50 ids.
    for (let i = 0; i < ids.length; i += 50) {
      const out = await ctx.clients.athena.send(new BatchGetNamedQueryCommand({ NamedQueryIds: ids.slice(i, i + 50) }));
      for (const q of out.NamedQueries ?? []) {
        found.push({ kind: 'athena:named-query', name: q.Name ?? q.NamedQueryId!, claim: 'inside', why: `in workgroup ${workGroup} (${owner.why})`, ref: { id: q.NamedQueryId! }, ...free('a saved query text') });
      }
    }
    return found;
  }),
  // DeleteNamedQuery is synchronous and succeeds for an id already deleted.
  advance: async (ctx, r) =>
    (await ctx.once(`DeleteNamedQuery ${r.name} (${r.why})`, () => ctx.clients.athena.send(new DeleteNamedQueryCommand({ NamedQueryId: r.ref.id })), `DeleteNamedQuery:${r.ref.id}`)) ? DONE : waiting('busy'),
};
