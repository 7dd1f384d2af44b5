// The diagram of datalake-athena: raw/ crawled into the raw table, the queries on it, the CTAS that
// rewrote it into the curated table and where that table keeps its data. Every read is one of the
// shared facts the checks read (facts.ts), with the same inputs, so the check run's memo answers it.
import type { QueryExecution } from '@aws-sdk/client-athena';
import { GetCrawlerCommand, GlueClient, type Table } from '@aws-sdk/client-glue';
import { isNotFound } from '../../lib/aws/errors';
import { defineDiagram } from '../../lib/diagram/define';
import { STACK_OUTPUTS } from '../../lib/model';
import { catalog, formatBytes, partitionsOf, rawDays, tableNamed, workgroupQueries } from './facts';
import { COLUMNAR_SERDES, CURATED_TABLE, lab, PARTITION_KEY, RAW_PREFIX } from './lab';
import { isCtasOf, isSelect, readsFrom } from './sql';

const succeeded = (q: QueryExecution) => q.Status?.State === 'SUCCEEDED';

/** `2 SELECT(s) succeeded, latest scanned 1.2 MB`. */
function queriesSummary(queries: readonly QueryExecution[]): string[] {
  const done = queries.filter(succeeded);
  const bytes = done.find((q) => q.Statistics?.DataScannedInBytes !== undefined)?.Statistics?.DataScannedInBytes;
  return [`${done.length} of ${queries.length} succeeded`, bytes !== undefined ? `latest scanned ${formatBytes(bytes)}` : undefined].filter((s): s is string => s !== undefined);
}

/** The storage format of a table as Athena reads it: Parquet, ORC, or the SerDe / classification. */
function formatOf(table: Table): string {
  const serde = table.StorageDescriptor?.SerdeInfo?.SerializationLibrary;
  return (serde && COLUMNAR_SERDES[serde]) ?? table.Parameters?.classification ?? serde?.split('.').pop() ?? 'unknown format';
}

const partitionKeys = (table: Table) => (table.PartitionKeys ?? []).map((k) => k.Name).join(', ');

export const diagram = defineDiagram(lab, {
  reads: ['Glue:GetCrawler', 'Glue:GetTables', 'Glue:GetTable', 'Glue:GetPartitions', 'S3:ListObjectsV2', 'Athena:ListQueryExecutions', 'Athena:BatchGetQueryExecution'],
  async discover(ctx, g) {
    const [crawlerName, bucket] = await Promise.all([ctx.stackOutput(STACK_OUTPUTS.crawlerName), ctx.stackOutput(STACK_OUTPUTS.dataLakeBucketName)]);
    const crawler = await ctx
      .client(GlueClient)
      .send(new GetCrawlerCommand({ Name: crawlerName }))
      .then((out) => out.Crawler)
      .catch((err: unknown) => (isNotFound(err) ? undefined : Promise.reject(err)));
    const targets = crawler?.Targets?.S3Targets?.map((t) => t.Path).filter((p): p is string => p !== undefined) ?? [];
    g.node('raw', 'prefix', targets[0] ?? `s3://${bucket}/${RAW_PREFIX}`, { details: [targets.length > 1 ? `and ${targets.length - 1} more path(s)` : undefined] });
    g.node('crawler', 'crawler', crawlerName, {
      details: crawler ? [crawler.State, crawler.LastCrawl?.Status ? `last crawl ${crawler.LastCrawl.Status}` : 'never run'] : [],
      state: crawler ? 'found' : 'missing',
    });
    g.edge('raw', 'crawler', 'crawls');

    const facts = await catalog(ctx);
    if (facts.databaseMissing) {
      g.node('database', 'database', facts.database, { state: 'missing' });
      g.edge('crawler', 'database', 'writes tables');
      return;
    }
    const rawTable = facts.rawTables[0];
    g.node('raw-table', 'table', rawTable?.Name ?? `no table over ${RAW_PREFIX}`, {
      details: rawTable
        ? [
            `${facts.database}, ${formatOf(rawTable)}`,
            partitionKeys(rawTable) ? `partitioned by ${partitionKeys(rawTable)}` : 'not partitioned',
            facts.rawTables.length > 1 ? `and ${facts.rawTables.length - 1} more table(s) over ${RAW_PREFIX}` : undefined,
            rawTable.Parameters?.UPDATED_BY_CRAWLER ? `written by ${rawTable.Parameters.UPDATED_BY_CRAWLER}` : 'not written by a crawler',
          ]
        : [`database ${facts.database}`],
      state: rawTable ? 'found' : 'missing',
    });
    g.edge('crawler', 'raw-table', 'writes');
    if (rawTable) {
      const [days, partitions] = await Promise.all([
        g.attempt(`The day folders under ${RAW_PREFIX}`, () => rawDays(ctx, rawTable)),
        g.attempt(`The partitions of ${rawTable.Name}`, () => partitionsOf(ctx, facts.database, rawTable.Name!)),
      ]);
      if (days) g.node('raw', 'prefix', `s3://${days.bucket}/${days.prefix}`, { details: [`${days.days.length} ${PARTITION_KEY}= folder(s), ${days.objectCount} object(s)`] });
      if (partitions) g.node('raw-table', 'table', rawTable.Name!, { details: [`${facts.database}, ${formatOf(rawTable)}`, `partitioned by ${partitionKeys(rawTable) || 'nothing'}`, `${partitions.items.length}${partitions.truncated ? '+' : ''} partition(s) registered`] });
    }

    const history = await workgroupQueries(ctx);
    const curated = await tableNamed(ctx, facts.database, CURATED_TABLE);
    const onRaw = rawTable ? history.queries.filter((q) => isSelect(q.Query ?? '') && readsFrom(q.Query ?? '', rawTable.Name!)) : [];
    g.node('raw-queries', 'query', `SELECT on ${rawTable?.Name ?? 'the raw table'}`, { details: [`workgroup ${history.workGroup}`, ...queriesSummary(onRaw)], state: onRaw.length > 0 ? 'found' : 'missing' });
    g.edge('raw-table', 'raw-queries');
    const ctas = history.queries.find((q) => isCtasOf(q.Query ?? '', CURATED_TABLE));
    g.node('ctas', 'query', `CREATE TABLE ${CURATED_TABLE} AS SELECT`, { details: ctas ? [ctas.Status?.State, ctas.QueryExecutionId] : ['not found in the workgroup'], state: ctas ? 'found' : 'missing' });
    g.edge('raw-table', 'ctas', 'reads');
    g.node('curated', 'table', CURATED_TABLE, {
      details: curated ? [formatOf(curated), partitionKeys(curated) ? `partitioned by ${partitionKeys(curated)}` : 'not partitioned'] : [],
      state: curated ? 'found' : 'missing',
    });
    g.edge('ctas', 'curated', 'writes');
    const location = curated?.StorageDescriptor?.Location;
    g.node('curated-data', 'prefix', location ?? 'no location', { state: location ? 'found' : 'missing' });
    g.edge('curated', 'curated-data', 'data at');
    const onCurated = history.queries.filter((q) => isSelect(q.Query ?? '') && readsFrom(q.Query ?? '', CURATED_TABLE));
    g.node('curated-queries', 'query', `SELECT on ${CURATED_TABLE}`, { details: queriesSummary(onCurated), state: onCurated.length > 0 ? 'found' : 'missing' });
    g.edge('curated', 'curated-queries');
  },
  about: {
    R1: ['crawler', 'raw->crawler'],
    R2: ['raw-table', 'crawler->raw-table'],
    R3: ['raw-table'],
    R4: ['raw-queries'],
    R5: ['ctas', 'curated'],
    R6: ['curated-data'],
    R7: ['raw-queries', 'curated-queries'],
  },
});
