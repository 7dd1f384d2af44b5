import { DeleteCrawlerCommand, GetCrawlerCommand, paginateGetCrawlers, StopCrawlerCommand } from '@aws-sdk/client-glue';
import { collect, isServiceError } from '../../aws';
import { claimed, DONE, free, waiting, type TeardownKindModule } from '../kind';

export const glueCrawler: TeardownKindModule<'glue:crawler'> = {
  kind: 'glue:crawler',
  action: 'delete',
  because: 'catalog entries and saved queries the learner or a crawl created',
  // Once nothing delivers more into the lake they catalog and query.
  after: ['kinesis:stream', 'firehose:delivery-stream'],
  arnType: 'glue:crawler',
  list: async (ctx) => claimed(ctx, 'glue:crawler',
    await collect(paginateGetCrawlers({ client: ctx.clients.glue }, {}), (p) => p.Crawlers),
    (c) => c.Name!, (c) => ({ status: c.State, ...free('billed per DPU-hour while a crawl runs') })),
  advance: async (ctx, r) => {
    const glue = ctx.clients.glue;
    let state;
    try {
      state = (await glue.send(new GetCrawlerCommand({ Name: r.name }))).Crawler?.State;
    } catch (err) {
      if (isServiceError(err, 'EntityNotFoundException')) return DONE;
      throw err;
    }
    // A running crawler cannot be deleted: stop it, wait for READY, then delete.
    if (state === 'RUNNING') await ctx.once(`StopCrawler ${r.name}`, () => glue.send(new StopCrawlerCommand({ Name: r.name })));
    else if (state !== 'STOPPING') await ctx.once(`DeleteCrawler ${r.name}`, () => glue.send(new DeleteCrawlerCommand({ Name: r.name })));
    return waiting(state ?? 'listed');
  },
};
