import { DeleteJobCommand, GetJobCommand, paginateGetJobs } from '@aws-sdk/client-glue';
import { collect } from '../../aws';
import { claimed, deleteWhenIdle, free, type TeardownKindModule } from '../kind';

export const glueJob: TeardownKindModule<'glue:job'> = {
  kind: 'glue:job',
  action: 'delete',
  because: 'catalog entries and saved queries the learner or a crawl created',
  // Once nothing delivers more into the lake they catalog and query.
  after: ['kinesis:stream', 'firehose:delivery-stream'],
  arnType: 'glue:job',
  list: async (ctx) => claimed(ctx, 'glue:job',
    await collect(paginateGetJobs({ client: ctx.clients.glue }, {}), (p) => p.Jobs),
    (j) => j.Name!, () => free('billed per DPU-hour while a run runs')),
  advance: deleteWhenIdle({
    notFound: 'EntityNotFoundException',
    op: 'DeleteJob',
    status: async (ctx, r) => (await ctx.clients.glue.send(new GetJobCommand({ JobName: r.name })), undefined),
    send: (ctx, r) => ctx.clients.glue.send(new DeleteJobCommand({ JobName: r.name })),
  }),
};
