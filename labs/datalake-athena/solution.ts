// The reference solution of the datalake-athena lab, with the SDK v3: crawl raw/, query the raw
// table in the lab workgroup, rewrite it with CTAS as partitioned Parquet, then run the same
// aggregate on both tables. Kept out of the README; usable against a real account.
import { AthenaClient, GetQueryExecutionCommand, StartQueryExecutionCommand, type QueryExecution } from '@aws-sdk/client-athena';
import { GetCrawlerCommand, GetTablesCommand, GlueClient, StartCrawlerCommand } from '@aws-sdk/client-glue';
import { trimSlash } from './facts';
import { CURATED_TABLE, PARTITION_KEY, RAW_COLUMNS, RAW_PREFIX } from './lab';

export interface DatalakeOutputs {
  readonly bucket: string;
  readonly database: string;
  readonly crawlerName: string;
  readonly workGroup: string;
}

export interface PollOptions {
  /** Between two status reads. @default 5000 */
  readonly intervalMs?: number;
  /** Give up after this long. @default 15 minutes */
  readonly timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, options: PollOptions): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 15 * 60_000);
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not finish in time`);
    await sleep(options.intervalMs ?? 5_000);
  }
}

/** Starts the crawler (or joins a crawl already running) and waits for it to be READY again. */
export async function crawlRaw(glue: GlueClient, crawlerName: string, options: PollOptions = {}): Promise<void> {
  const before = (await glue.send(new GetCrawlerCommand({ Name: crawlerName }))).Crawler?.LastCrawl?.StartTime?.getTime() ?? 0;
  try {
    await glue.send(new StartCrawlerCommand({ Name: crawlerName }));
  } catch (err: any) {
    if (err?.name !== 'CrawlerRunningException') throw err;
  }
  const crawler = await poll(
    async () => (await glue.send(new GetCrawlerCommand({ Name: crawlerName }))).Crawler,
    (c) => c?.State === 'READY' && (c.LastCrawl?.StartTime?.getTime() ?? 0) > before,
    `crawler ${crawlerName}`,
    options,
  );
  if (crawler?.LastCrawl?.Status !== 'SUCCEEDED') throw new Error(`crawler ${crawlerName} ended ${crawler?.LastCrawl?.Status}: ${crawler?.LastCrawl?.ErrorMessage ?? ''}`);
}

/** The name of the crawler's table over raw/. */
export async function rawTableName(glue: GlueClient, outputs: DatalakeOutputs): Promise<string> {
  const tables = (await glue.send(new GetTablesCommand({ DatabaseName: outputs.database }))).TableList ?? [];
  const root = `s3://${outputs.bucket}/${RAW_PREFIX}`;
  const raw = tables.find((t) => (t.StorageDescriptor?.Location ?? '').startsWith(trimSlash(root)));
  if (!raw?.Name) throw new Error(`no table over ${root} in ${outputs.database}`);
  return raw.Name;
}

/**
 * Runs one statement in the lab workgroup and waits for it. Result reuse is off so the statistics
 * describe this run, not an earlier one.
 */
export async function runQuery(athena: AthenaClient, outputs: DatalakeOutputs, sql: string, options: PollOptions = {}): Promise<QueryExecution> {
  const { QueryExecutionId } = await athena.send(
    new StartQueryExecutionCommand({
      QueryString: sql,
      WorkGroup: outputs.workGroup,
      QueryExecutionContext: { Database: outputs.database },
      ResultReuseConfiguration: { ResultReuseByAgeConfiguration: { Enabled: false } },
    }),
  );
  const execution = await poll(
    async () => (await athena.send(new GetQueryExecutionCommand({ QueryExecutionId }))).QueryExecution,
    (q) => ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(q?.Status?.State ?? ''),
    `query ${QueryExecutionId}`,
    { intervalMs: 1_000, ...options },
  );
  if (execution?.Status?.State !== 'SUCCEEDED') throw new Error(`query ${QueryExecutionId} ${execution?.Status?.State}: ${execution?.Status?.StateChangeReason ?? ''}`);
  return execution;
}

/**
 * Parquet, partitioned by dt (the partition column last, as CTAS requires), and no
 * external_location: the enforced workgroup decides where the files go.
 */
export function ctasSql(database: string, rawTable: string): string {
  return [
    `CREATE TABLE "${database}"."${CURATED_TABLE}"`,
    `WITH (format = 'PARQUET', write_compression = 'SNAPPY', partitioned_by = ARRAY['${PARTITION_KEY}'])`,
    `AS SELECT ${RAW_COLUMNS.join(', ')}, ${PARTITION_KEY}`,
    `FROM "${database}"."${rawTable}"`,
  ].join('\n');
}

/** One day's average fare by pickup zone: two columns of one partition, where columnar storage pays. */
export function comparisonSql(database: string, table: string, day: string): string {
  return `SELECT pickup_zone, avg(fare_usd) AS avg_fare FROM "${database}"."${table}" WHERE ${PARTITION_KEY} = '${day}' GROUP BY pickup_zone`;
}

export interface SolutionResult {
  readonly rawTable: string;
  readonly ctas: QueryExecution;
  readonly onRaw: QueryExecution;
  readonly onCurated: QueryExecution;
}

/** The whole lab, in order. `day` is one of the dt values under raw/. */
export async function solve(clients: { glue: GlueClient; athena: AthenaClient }, outputs: DatalakeOutputs, day: string, options: PollOptions = {}): Promise<SolutionResult> {
  await crawlRaw(clients.glue, outputs.crawlerName, options);
  const rawTable = await rawTableName(clients.glue, outputs);
  await runQuery(clients.athena, outputs, `SELECT count(*) FROM "${outputs.database}"."${rawTable}"`, options);
  const ctas = await runQuery(clients.athena, outputs, ctasSql(outputs.database, rawTable), options);
  const onRaw = await runQuery(clients.athena, outputs, comparisonSql(outputs.database, rawTable, day), options);
  const onCurated = await runQuery(clients.athena, outputs, comparisonSql(outputs.database, CURATED_TABLE, day), options);
  return { rawTable, ctas, onRaw, onCurated };
}
