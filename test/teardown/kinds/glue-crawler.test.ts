import { DeleteCrawlerCommand, GetCrawlerCommand, GetCrawlersCommand, GlueClient, StopCrawlerCommand } from '@aws-sdk/client-glue';
import { mockClient } from 'aws-sdk-client-mock';
import { glueCrawler } from '../../../lib/teardown/kinds/glue-crawler';
import { awsError } from '../../support/check-harness';
import { advanceContext, itDeletes, itListsOnlyWhatIsClaimed, LISTED, resource, writes } from './kit';

const glue = mockClient(GlueClient);
let state: string | undefined;

beforeEach(() => {
  glue.reset();
  state = 'READY';
  glue.on(GetCrawlersCommand).resolves({ Crawlers: LISTED.map((Name) => ({ Name, State: 'READY' })) });
  glue.on(GetCrawlerCommand).callsFake((i) => {
    if (!state) throw awsError('EntityNotFoundException');
    return { Crawler: { Name: i.Name, State: state } };
  });
  glue.on(StopCrawlerCommand).callsFake(() => void (state = 'STOPPING'));
  glue.on(DeleteCrawlerCommand).resolves({});
});

itListsOnlyWhatIsClaimed(glueCrawler);

const crawler = resource('glue:crawler', 'churn-1');

itDeletes({ kind: glueCrawler, resource: crawler, mocks: [glue], expected: ['DeleteCrawler'], gone: () => (state = undefined) });

test('a running crawler is stopped once and deleted only when READY again', async () => {
  state = 'RUNNING';
  const ctx = advanceContext();
  await glueCrawler.advance(ctx, crawler);
  await glueCrawler.advance(ctx, crawler);
  expect(writes(glue)).toEqual(['StopCrawler']);
  state = 'READY';
  await glueCrawler.advance(ctx, crawler);
  expect(writes(glue)).toEqual(['StopCrawler', 'DeleteCrawler']);
});
