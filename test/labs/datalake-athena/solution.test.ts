// The reference solution against mocked Glue and Athena: it runs every statement in the lab
// workgroup, never names a location of its own, and produces the state the checks pass.
import { AthenaClient, GetQueryExecutionCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { GetCrawlerCommand, GetTablesCommand, GlueClient, StartCrawlerCommand } from '@aws-sdk/client-glue';
import { mockClient } from 'aws-sdk-client-mock';
import { CURATED_TABLE } from '../../../labs/datalake-athena/lab';
import { comparisonSql, crawlRaw, ctasSql, runQuery, solve, type DatalakeOutputs } from '../../../labs/datalake-athena/solution';
import { isCtasOf, isSelect, namesExternalLocation, readsFrom, shapeOf } from '../../../labs/datalake-athena/sql';
import { awsError } from '../../support/check-harness';
import { BUCKET, COMPARISON_DAY, crawler, CRAWLER, curatedTable, DATABASE, RAW_TABLE, rawTable, WORKGROUP } from './fixtures';

const glue = mockClient(GlueClient);
const athena = mockClient(AthenaClient);
const outputs: DatalakeOutputs = { bucket: BUCKET, database: DATABASE, crawlerName: CRAWLER, workGroup: WORKGROUP };
const fast = { intervalMs: 1, timeoutMs: 2_000 };

beforeEach(() => {
  glue.reset();
  athena.reset();
});

/** A crawler that is RUNNING for two polls, then READY with a new successful crawl. */
function crawlerThatRuns() {
  const before = { ...crawler(), LastCrawl: undefined };
  const running = { ...before, State: 'RUNNING' as const };
  glue.on(GetCrawlerCommand).resolvesOnce({ Crawler: before }).resolvesOnce({ Crawler: running }).resolvesOnce({ Crawler: running }).resolves({ Crawler: crawler() });
  glue.on(StartCrawlerCommand).resolves({});
}

/** Every query QUEUED once, RUNNING once, then SUCCEEDED. */
function athenaThatSucceeds() {
  let n = 0;
  athena.on(StartQueryExecutionCommand).callsFake(() => ({ QueryExecutionId: `q-${++n}` }));
  const polls = new Map<string, number>();
  athena.on(GetQueryExecutionCommand).callsFake(({ QueryExecutionId }: { QueryExecutionId: string }) => {
    const seen = (polls.get(QueryExecutionId) ?? 0) + 1;
    polls.set(QueryExecutionId, seen);
    const State = seen === 1 ? 'QUEUED' : seen === 2 ? 'RUNNING' : 'SUCCEEDED';
    return { QueryExecution: { QueryExecutionId, Status: { State }, Statistics: { DataScannedInBytes: 1 } } };
  });
}

test('crawlRaw starts the crawler and waits for the new crawl to finish', async () => {
  crawlerThatRuns();
  await crawlRaw(new GlueClient({}), CRAWLER, fast);
  expect(glue).toHaveReceivedCommandWith(StartCrawlerCommand, { Name: CRAWLER });
  expect(glue).toHaveReceivedCommandTimes(GetCrawlerCommand, 4);
});

test('crawlRaw joins a crawl that is already running', async () => {
  crawlerThatRuns();
  glue.on(StartCrawlerCommand).rejects(awsError('CrawlerRunningException', 'Crawler with name is already running'));
  await expect(crawlRaw(new GlueClient({}), CRAWLER, fast)).resolves.toBeUndefined();
});

test('crawlRaw fails loudly when the crawl fails', async () => {
  glue.on(GetCrawlerCommand).resolvesOnce({ Crawler: { ...crawler(), LastCrawl: undefined } }).resolves({ Crawler: { ...crawler(), LastCrawl: { Status: 'FAILED', ErrorMessage: 'Access Denied', StartTime: new Date() } } });
  glue.on(StartCrawlerCommand).resolves({});
  await expect(crawlRaw(new GlueClient({}), CRAWLER, fast)).rejects.toThrow(/FAILED: Access Denied/);
});

test('runQuery runs in the lab workgroup, with result reuse off and no client-side location', async () => {
  athenaThatSucceeds();
  const q = await runQuery(new AthenaClient({}), outputs, 'SELECT 1', fast);
  expect(q.Status?.State).toBe('SUCCEEDED');
  expect(athena).toHaveReceivedCommandWith(StartQueryExecutionCommand, {
    WorkGroup: WORKGROUP,
    QueryExecutionContext: { Database: DATABASE },
    ResultReuseConfiguration: { ResultReuseByAgeConfiguration: { Enabled: false } },
  });
  expect(athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input.ResultConfiguration).toBeUndefined();
});

test('runQuery reports a failed query with its reason', async () => {
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
  athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { QueryExecutionId: 'q-1', Status: { State: 'FAILED', StateChangeReason: 'Bytes scanned limit was exceeded' } } });
  await expect(runQuery(new AthenaClient({}), outputs, 'SELECT * FROM raw', fast)).rejects.toThrow(/Bytes scanned limit was exceeded/);
});

test('solve runs the lab in order: crawl, a raw query, the CTAS, then the twin comparison', async () => {
  crawlerThatRuns();
  glue.on(GetTablesCommand, { DatabaseName: DATABASE }).resolves({ TableList: [curatedTable(), rawTable()] });
  athenaThatSucceeds();
  const result = await solve({ glue: new GlueClient({}), athena: new AthenaClient({}) }, outputs, COMPARISON_DAY, fast);
  expect(result.rawTable).toBe(RAW_TABLE);
  const statements = athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input.QueryString!);
  expect(statements).toHaveLength(4);
  expect(readsFrom(statements[0]!, RAW_TABLE) && isSelect(statements[0]!)).toBe(true);
  expect(isCtasOf(statements[1]!, CURATED_TABLE)).toBe(true);
  expect(statements[2]).toBe(comparisonSql(DATABASE, RAW_TABLE, COMPARISON_DAY));
  expect(statements[3]).toBe(comparisonSql(DATABASE, CURATED_TABLE, COMPARISON_DAY));
});

test('the CTAS is Parquet, partitioned by dt (last in the SELECT list), reads the raw table and names no location', () => {
  const sql = ctasSql(DATABASE, RAW_TABLE);
  expect(sql).toMatch(/format = 'PARQUET'/);
  expect(sql).toMatch(/partitioned_by = ARRAY\['dt'\]/);
  expect(sql).toMatch(/passengers, dt\nFROM/);
  expect(readsFrom(sql, RAW_TABLE)).toBe(true);
  expect(namesExternalLocation(sql)).toBe(false);
});

test('the twin comparison queries have the same shape, as R7 requires', () => {
  expect(shapeOf(comparisonSql(DATABASE, RAW_TABLE, COMPARISON_DAY), RAW_TABLE)).toBe(shapeOf(comparisonSql(DATABASE, CURATED_TABLE, COMPARISON_DAY), CURATED_TABLE));
});
