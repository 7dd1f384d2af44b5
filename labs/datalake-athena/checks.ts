// The checks of datalake-athena, one per requirement of its manifest (lab.ts); the reads several
// requirements share are in facts.ts.
import type { QueryExecution } from '@aws-sdk/client-athena';
import { GetCrawlerCommand, GlueClient, type Table } from '@aws-sdk/client-glue';
import { isNotFound } from '../../lib/aws/errors';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { defineChecks, fail, pass, undecided, verdictFrom } from '../../lib/check/verdicts';
import { STACK_OUTPUTS } from '../../lib/model';
import {
  asPrefix,
  catalog,
  failureReason,
  formatBytes,
  historyIncomplete,
  objectsUnder,
  parseS3Url,
  partitionsOf,
  rawDays,
  tableNamed,
  trimSlash,
  unseenHistory,
  workgroupQueries,
  type CatalogFacts,
  type QueryFacts,
} from './facts';
import { COLUMNAR_SERDES, CURATED_TABLE, lab, LAB_ID, PARTITION_KEY, RAW_CLASSIFICATION, RAW_COLUMNS, RAW_PREFIX } from './lab';
import { judgeProjection, projectionEnabled } from './projection';
import { escapeRegExp, isCtasOf, isSelect, namesExternalLocation, readsData, readsFrom, shapeOf } from './sql';

/**
 * With the workgroup's settings enforced, Athena writes a CTAS table to
 * `<workgroup results location>/tables/<query-id>/`
 * (https://docs.aws.amazon.com/athena/latest/ug/considerations-ctas.html) and fails a CTAS that
 * names an external_location (https://docs.aws.amazon.com/athena/latest/ug/create-table-as.html,
 * external_location).
 */
export function ctasLocation(resultsLocation: string, queryId: string): string {
  return `${trimSlash(resultsLocation)}/tables/${queryId}`;
}

/** How a query was run, for findings: `SELECT ... (id 1234, SUCCEEDED, 1.2 MB scanned)`. */
function describeQuery(q: QueryExecution): string {
  const text = (q.Query ?? '').replace(/\s+/g, ' ').trim();
  const bytes = q.Statistics?.DataScannedInBytes;
  return `"${text.length > 90 ? `${text.slice(0, 90)}...` : text}" (id ${q.QueryExecutionId}, ${q.Status?.State}${bytes !== undefined ? `, ${formatBytes(bytes)} scanned` : ''})`;
}

const succeeded = (q: QueryExecution) => q.Status?.State === 'SUCCEEDED';

/** The crawler's single table over raw/, or a failed verdict that says what is wrong instead. */
function theRawTable(facts: CatalogFacts): Table | CheckVerdict {
  if (facts.databaseMissing) {
    return fail(`The lab's Glue database ${facts.database} (stack output GlueDatabaseName) does not exist: it is part of the lab stack, so redeploy the lab (\`mllab deploy ${LAB_ID}\`), then run the crawler again.`);
  }
  if (facts.rawTables.length === 1) return facts.rawTables[0]!;
  if (facts.rawTables.length === 0) {
    return fail(
      `No table in the Glue database ${facts.database} points at s3://${facts.bucket}/${RAW_PREFIX}; found ${facts.tables.length === 0 ? 'no tables at all' : facts.tables.map((t) => t.Name).join(', ')}.`,
      'The lab crawler writes the table it infers from raw/ into this database; run it and let it finish, then check again.',
    );
  }
  const byHand = facts.rawTables.filter((t) => !crawledBy(t));
  return fail(
    `The Glue database ${facts.database} has ${facts.rawTables.length} tables over raw/: ${facts.rawTables.map((t) => `${t.Name} (${t.StorageDescriptor?.Location}${crawledBy(t) ? '' : ', not written by a crawler'})`).join(', ')}.`,
    byHand.length > 0
      ? `The scenario needs one table over raw/, the crawler's. ${byHand.map((t) => t.Name).join(', ')} ${byHand.length === 1 ? 'has' : 'have'} no ${CRAWLER_PROPERTY} property, which a Glue crawler sets on every table it writes (${CRAWLER_PROPERTIES_DOC}): drop ${byHand.length === 1 ? 'it' : 'them'}.`
      : 'The scenario needs one table whose partitions are the dt= folders. A crawler splits a path into several tables when the folders under it look too different (other columns, other formats, files at different depths); delete the extra tables and crawl again, and if it still splits, have the crawler combine compatible schemas.',
  );
}

/**
 * Glue crawlers record their name on every table they create or update, in the table property
 * UPDATED_BY_CRAWLER ("Name of crawler performing update",
 * https://docs.aws.amazon.com/glue/latest/dg/table-properties-crawler.html). A table made with
 * CREATE EXTERNAL TABLE, the console's form or the CreateTable API has none; `CreatedBy` names the
 * principal but is free-form, so the property is what tells the two apart.
 */
const CRAWLER_PROPERTY = 'UPDATED_BY_CRAWLER';
const CRAWLER_PROPERTIES_DOC = 'https://docs.aws.amazon.com/glue/latest/dg/table-properties-crawler.html';
const crawledBy = (table: Table): string | undefined => table.Parameters?.[CRAWLER_PROPERTY];

const isVerdict = (v: Table | CheckVerdict): v is CheckVerdict => 'status' in v && 'findings' in v;

const namesOf = (table: Table, where: 'columns' | 'partitions') =>
  ((where === 'columns' ? table.StorageDescriptor?.Columns : table.PartitionKeys) ?? []).map((c) => (c.Name ?? '').toLowerCase());

async function crawlerRan(ctx: CheckContext): Promise<CheckVerdict> {
  const name = await ctx.stackOutput(STACK_OUTPUTS.crawlerName);
  let crawler;
  try {
    crawler = (await ctx.client(GlueClient).send(new GetCrawlerCommand({ Name: name }))).Crawler;
  } catch (err) {
    if (isNotFound(err)) return fail(`The lab crawler ${name} does not exist: it is part of the lab stack, so redeploy the lab (\`mllab deploy ${LAB_ID}\`).`);
    throw err;
  }
  const last = crawler?.LastCrawl;
  if (!last?.Status) {
    const running = crawler?.State === 'RUNNING' || crawler?.State === 'STOPPING';
    return fail(
      running
        ? `The crawler ${name} is running its first crawl now; check again when it is back to READY (a small data set takes a minute or two).`
        : `The crawler ${name} has never run. It has no schedule on purpose (a crawler bills per DPU-hour for every run, with a 10-minute minimum), so it catalogs raw/ only when you start it.`,
    );
  }
  if (last.Status === 'SUCCEEDED') return pass(`The last crawl of ${name} succeeded${last.StartTime ? ` (started ${last.StartTime.toISOString()})` : ''}.`);
  const logs = last.LogGroup ? ` Its log is in CloudWatch Logs, group ${last.LogGroup}${last.LogStream ? `, stream ${last.LogStream}` : ''}.` : '';
  return fail(
    last.Status === 'CANCELLED'
      ? `The last crawl of ${name} was cancelled before it wrote the catalog, so its tables may be missing or stale. Run it again and let it finish.`
      : `The last crawl of ${name} failed: ${last.ErrorMessage ?? 'no message recorded'}.${logs} A crawler that cannot read the bucket (its role) or write to the database leaves no table behind.`,
  );
}

async function rawTableCataloged(ctx: CheckContext): Promise<CheckVerdict> {
  const [facts, crawlerName] = await Promise.all([catalog(ctx), ctx.stackOutput(STACK_OUTPUTS.crawlerName)]);
  const table = theRawTable(facts);
  if (isVerdict(table)) return table;
  const columns = namesOf(table, 'columns');
  const partitions = namesOf(table, 'partitions');
  const problems: string[] = [];
  const writer = crawledBy(table);
  if (writer === undefined) {
    problems.push(
      `${table.Name} was not written by a crawler: it has no ${CRAWLER_PROPERTY} property, which a Glue crawler sets on every table it writes (${CRAWLER_PROPERTIES_DOC})${table.CreatedBy ? `; Glue records it as created by ${table.CreatedBy}` : ''}. The scenario asks for the lab crawler's table, so that the schema, the partitions and the classification are what the crawler inferred: drop ${table.Name} and run the crawler ${crawlerName}.`,
    );
  } else if (writer !== crawlerName) {
    problems.push(`${table.Name} was last written by the crawler ${writer}, not by the lab crawler ${crawlerName}: drop it and run ${crawlerName}.`);
  }
  if (columns.length > 0 && columns.every((c) => /^col\d+$/.test(c))) {
    problems.push(
      `The columns of ${table.Name} are named ${columns.join(', ')}: the crawler did not recognise the CSV header row, so it numbered the columns and will read the header as data. The built-in CSV classifier decides that the first row is a header only when it looks different from the rows below; a custom CSV classifier that says the file has a header settles it.`,
    );
  } else {
    const missing = RAW_COLUMNS.filter((c) => !columns.includes(c));
    if (missing.length > 0) problems.push(`${table.Name} lacks the column(s) ${missing.join(', ')} of the sample data (it has ${columns.join(', ') || 'no columns'}); the scenario's queries need every one.`);
  }
  if (!partitions.includes(PARTITION_KEY)) {
    if (columns.includes(PARTITION_KEY)) {
      problems.push(`${PARTITION_KEY} is a regular column of ${table.Name}, not a partition key: Athena would open every file of every day to filter on it. A crawler makes Hive-style folders (${PARTITION_KEY}=2026-01-05/) into partition keys when the include path is the folder above them.`);
    } else {
      problems.push(
        `${table.Name} has ${partitions.length === 0 ? 'no partition keys' : `the partition keys ${partitions.join(', ')}`}, not ${PARTITION_KEY}. The raw data is laid out in Hive-style ${PARTITION_KEY}=YYYY-MM-DD/ folders; a crawler whose include path is raw/ turns them into the partition key ${PARTITION_KEY}, which is what lets a query on one day skip the others.`,
      );
    }
  }
  const classification = table.Parameters?.classification;
  if (classification !== RAW_CLASSIFICATION) {
    problems.push(`${table.Name} is classified as '${classification ?? 'nothing'}', not '${RAW_CLASSIFICATION}': the crawler did not recognise the files as CSV, so the table's SerDe cannot read them.`);
  }
  return verdictFrom(problems, [`${table.Name} (${table.StorageDescriptor?.Location}), written by the crawler ${crawlerName}, has the sample's columns and the partition key ${PARTITION_KEY}.`]);
}

async function partitionsRegistered(ctx: CheckContext): Promise<CheckVerdict> {
  const facts = await catalog(ctx);
  const table = theRawTable(facts);
  if (isVerdict(table)) return table;
  const raw = await rawDays(ctx, table);
  const where = `s3://${raw.bucket}/${raw.prefix}`;
  if (raw.bucketMissing) return fail(`The lab bucket ${raw.bucket} (stack output DataLakeBucketName) does not exist: it is part of the lab stack, so redeploy the lab (\`mllab deploy ${LAB_ID}\`).`);
  if (raw.objectCount === 0) {
    return fail(`${where}, where ${table.Name} points, holds no objects. The lab stack uploads the sample data under raw/ when it deploys; redeploy the lab (\`mllab deploy ${LAB_ID}\`) to restore it.`);
  }
  if (raw.days.length === 0) {
    if (raw.truncated) return undecided(`The first ${raw.objectCount} object(s) under ${where} are in no ${PARTITION_KEY}=YYYY-MM-DD/ folder, and the listing stopped at its page cap before the rest.`);
    return fail(`None of the ${raw.objectCount} object(s) under ${where} is in a ${PARTITION_KEY}=YYYY-MM-DD/ folder, so the data has no day partitions to register; the lab expects the sample data as the stack uploads it.`);
  }
  const label = (url: string) => url.slice(where.length).replace(/\/$/, '');
  const unseen = `the listing of ${where} stopped at its page cap, so some day folders were not seen`;
  if (projectionEnabled(table.Parameters)) {
    // With projection on, Athena ignores the partitions registered in the catalog
    // (https://docs.aws.amazon.com/athena/latest/ug/partition-projection.html), so only the
    // projection decides which folders a query reads.
    const judgement = judgeProjection(
      { location: table.StorageDescriptor?.Location ?? '', partitionKeys: namesOf(table, 'partitions'), parameters: table.Parameters ?? {} },
      raw.folders,
      Date.now(),
    );
    if (judgement.problems.length > 0) {
      return fail(
        ...judgement.problems.map((p) => `Athena reads nothing from ${p.folders.length} of the ${raw.folders.length} day folder(s) under ${where} (${p.folders.slice(0, 5).map(label).join(', ')}${p.folders.length > 5 ? ', ...' : ''}): ${p.reason}.`),
        `${table.Name} has partition projection enabled, so Athena ignores any partitions registered in the catalog and reads only the folders its projection properties compute; those rows are silently missing from every query. Make the projection cover every day (https://docs.aws.amazon.com/athena/latest/ug/partition-projection-supported-types.html), or turn it off and register the partitions.`,
      );
    }
    if (judgement.undecided.length > 0) return undecided(...judgement.undecided);
    if (raw.truncated) return undecided(`The projection of ${table.Name} covers the ${raw.folders.length} day folder(s) the check saw, but ${unseen}.`);
    return pass(`${table.Name} uses partition projection, and it covers every one of the ${raw.days.length} day folder(s) under ${where}: Athena computes those partitions from the table properties, so none need registering.`);
  }
  const { items: partitions, truncated: partitionsTruncated } = await partitionsOf(ctx, facts.database, table.Name!);
  const index = namesOf(table, 'partitions').indexOf(PARTITION_KEY);
  const missing: string[] = [];
  const misplaced: string[] = [];
  for (const folder of raw.folders) {
    const named = index < 0 ? [] : partitions.filter((p) => p.Values?.[index] === folder.day);
    if (named.some((p) => folderOf(p.StorageDescriptor?.Location) === folder.url)) continue;
    if (named.length === 0) {
      missing.push(folder.day);
      continue;
    }
    const at = named.map((p) => p.StorageDescriptor?.Location ?? 'no location');
    const scheme = at.find((l) => /^[a-z0-9]+:\/\//i.test(l) && !l.startsWith('s3://'));
    misplaced.push(
      `the partition ${PARTITION_KEY}=${folder.day} points at ${at.join(' and ')}, not at the folder that holds that day (${folder.url})${scheme ? `; Athena's table locations use the s3:// scheme (https://docs.aws.amazon.com/athena/latest/ug/tables-location-format.html), not ${scheme.split('//')[0]}//` : ''}`,
    );
  }
  if ((missing.length > 0 || misplaced.length > 0) && partitionsTruncated) {
    return undecided(`Glue listed more partitions of ${table.Name} than the check reads, and the ones it read do not cover every day folder under ${where}; run the check again, or remove stale partitions.`);
  }
  const findings: string[] = [];
  const missingDays = [...new Set(missing)];
  if (missingDays.length > 0) {
    findings.push(`${missingDays.length} of the ${raw.days.length} day folder(s) under ${where} have no partition in ${table.Name}: ${missingDays.slice(0, 10).map((d) => `${PARTITION_KEY}=${d}`).join(', ')}${missingDays.length > 10 ? ', ...' : ''}.`);
  }
  if (misplaced.length > 0) {
    findings.push(
      `In ${table.Name}, ${misplaced.slice(0, 5).join('; ')}${misplaced.length > 5 ? '; ...' : ''}. Athena reads a partition's files from its location, so it reads the wrong files under that day and none of the folder's own.`,
    );
  }
  if (findings.length > 0) {
    return fail(
      ...findings,
      'Athena reads only the partitions the catalog lists, each from the location registered for it, so the rows of those days are silently missing from every query. Crawl again after data lands (or load the partitions with MSCK REPAIR TABLE, or use partition projection so none need registering).',
    );
  }
  if (raw.truncated) return undecided(`Every day folder the check saw under ${where} is a registered partition of ${table.Name}, but ${unseen}.`);
  return pass(`Every one of the ${raw.days.length} day folder(s) under ${where} is a registered partition of ${table.Name}, at its own folder.`);
}

/** A partition's location as `s3://bucket/key/`; undefined for any other scheme. */
function folderOf(location: string | undefined): string | undefined {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(location?.trim() ?? '');
  return match ? `s3://${match[1]}/${asPrefix(match[2]!)}` : undefined;
}

async function rawTableQueried(ctx: CheckContext): Promise<CheckVerdict> {
  const [facts, history] = await Promise.all([catalog(ctx), workgroupQueries(ctx)]);
  const table = theRawTable(facts);
  if (isVerdict(table)) return table;
  // A CTAS, an INSERT INTO or an UNLOAD that reads the raw table queries it as much as a SELECT.
  const onRaw = history.queries.filter((q) => readsData(q.Query ?? '') && readsFrom(q.Query ?? '', table.Name!));
  const ok = onRaw.find(succeeded);
  if (ok) return pass(`A query on ${table.Name} succeeded in the workgroup ${history.workGroup}: ${describeQuery(ok)}.`);
  if (historyIncomplete(history)) {
    return undecided(`None of the ${history.queries.length} queries the check could read succeeded on ${table.Name}, but ${unseenHistory(history)}. Run a query on ${table.Name} in ${history.workGroup} again, so that it is among the latest, and check again.`);
  }
  if (history.queries.length === 0) {
    return fail(
      `No query ran in the workgroup ${history.workGroup} in the last 45 days (Athena keeps that much history).`,
      `Queries run in another workgroup, such as primary, do not count: the lab workgroup is the one that enforces the results location in the lab bucket and cancels any query that scans more than its per-query cutoff. Run your queries with the workgroup set to ${history.workGroup}.`,
    );
  }
  if (onRaw.length > 0) {
    return fail(
      `No query on ${table.Name} succeeded in ${history.workGroup}; the latest attempts: ${onRaw
        .slice(0, 3)
        .map((q) => `${describeQuery(q)}: ${failureReason(q)}`)
        .join('; ')}.`,
    );
  }
  const named = history.queries.filter((q) => readsFrom(q.Query ?? '', table.Name!));
  return fail(
    `None of the ${history.queries.length} recent queries in ${history.workGroup} reads data from the raw table ${table.Name} (a SELECT, CTAS, INSERT INTO or UNLOAD with ${table.Name} in a FROM or JOIN clause)${
      named.length > 0 ? `; ${named.length} statement(s) name it without reading it, such as ${describeQuery(named[0]!)}` : ''
    }.`,
    `Query the table the crawler made (database ${facts.database}), not a copy of it.`,
  );
}

/** The CTAS queries of the curated table that the workgroup recorded, newest first. */
function ctasQueries(history: QueryFacts): QueryExecution[] {
  return history.queries.filter((q) => isCtasOf(q.Query ?? '', CURATED_TABLE));
}

async function curatedTableCreated(ctx: CheckContext): Promise<CheckVerdict> {
  const [facts, history, resultsLocation] = await Promise.all([catalog(ctx), workgroupQueries(ctx), ctx.stackOutput(STACK_OUTPUTS.athenaResultsLocation)]);
  const raw = theRawTable(facts);
  if (isVerdict(raw)) return raw;
  const attempts = ctasQueries(history);
  const curated = await tableNamed(ctx, facts.database, CURATED_TABLE);
  if (!curated) {
    const findings = [`The Glue database ${facts.database} has no table ${CURATED_TABLE}; create it from ${raw.Name} with a CREATE TABLE AS SELECT query in the workgroup ${history.workGroup}.`];
    const failed = attempts.filter((q) => q.Status?.State === 'FAILED');
    if (failed.length > 0) findings.push(`Your latest CTAS attempt failed: ${describeQuery(failed[0]!)}: ${failureReason(failed[0]!)}.`);
    if (attempts.some((q) => namesExternalLocation(q.Query ?? ''))) {
      findings.push(
        `A CTAS attempt names external_location. The lab workgroup enforces its configuration, which overrides every client-side setting: Athena refuses a CTAS that picks its own location there and writes the table under the workgroup's results location instead (${ctasLocation(resultsLocation, '<query-id>')}/). Leave external_location out.`,
      );
    }
    return fail(...findings);
  }
  const problems: string[] = [];
  const serde = curated.StorageDescriptor?.SerdeInfo?.SerializationLibrary ?? 'none';
  if (!COLUMNAR_SERDES[serde]) {
    problems.push(
      `${CURATED_TABLE} is stored with the SerDe ${serde}, a row format: to answer a query on two columns Athena still reads every byte of every row. Parquet or ORC store each column separately (with per-block statistics), so Athena reads only the columns a query names; choose one with the CTAS format property.`,
    );
  }
  const partitionKeys = namesOf(curated, 'partitions');
  if (!partitionKeys.includes(PARTITION_KEY)) {
    problems.push(
      `${CURATED_TABLE} is ${partitionKeys.length === 0 ? 'not partitioned' : `partitioned by ${partitionKeys.join(', ')}`}: a query on one day must then read all days. Partition it by ${PARTITION_KEY} (CTAS partitioned_by, with the partition column last in the SELECT list), so Athena skips every folder the WHERE clause excludes.`,
    );
  }
  const missingColumns = RAW_COLUMNS.filter((c) => !namesOf(curated, 'columns').includes(c));
  if (missingColumns.length > 0) problems.push(`${CURATED_TABLE} lacks the column(s) ${missingColumns.join(', ')}: the curated table must keep every column of the raw data.`);

  const location = trimSlash(curated.StorageDescriptor?.Location ?? '');
  const creator = attempts.find((q) => succeeded(q) && q.QueryExecutionId && location === ctasLocation(resultsLocation, q.QueryExecutionId));
  if (!creator) {
    const underTables = location.startsWith(`${trimSlash(resultsLocation)}/tables/`);
    // The CTAS that made a table under tables/ may be older than the history the check read.
    if (underTables && historyIncomplete(history) && problems.length === 0) {
      return undecided(`${CURATED_TABLE} lives at ${location}, where a CTAS in the lab workgroup writes, but its query is not among those the check could read: ${unseenHistory(history)}.`);
    }
    problems.push(
      underTables
        ? `${CURATED_TABLE} lives at ${location}, but the workgroup ${history.workGroup} has no successful CTAS query with that id in its recent history: create the table with CTAS in the lab workgroup (drop it first if it came from elsewhere).`
        : `${CURATED_TABLE} points at ${location || 'no location'}, which is not where a CTAS query in the lab workgroup puts a table. The workgroup enforces its settings, so every CTAS there writes to ${ctasLocation(resultsLocation, '<query-id>')}/; a table anywhere else was made another way (CREATE EXTERNAL TABLE, a crawler, another workgroup). Drop it and create it with CTAS in ${history.workGroup}.`,
    );
  } else if (!readsFrom(creator.Query ?? '', raw.Name!)) {
    problems.push(`The CTAS query that made ${CURATED_TABLE} does not read the raw table ${raw.Name}: ${describeQuery(creator)}. The curated table must be the raw data, rewritten.`);
  }
  return verdictFrom(problems, [`${CURATED_TABLE} is ${COLUMNAR_SERDES[serde]}, partitioned by ${PARTITION_KEY}, created by CTAS ${creator?.QueryExecutionId} at ${location}.`]);
}

async function curatedDataWritten(ctx: CheckContext): Promise<CheckVerdict> {
  const facts = await catalog(ctx);
  const rawTable = theRawTable(facts);
  if (isVerdict(rawTable)) return rawTable;
  const [curated, raw] = await Promise.all([tableNamed(ctx, facts.database, CURATED_TABLE), rawDays(ctx, rawTable)]);
  if (!curated) return fail(`The Glue database ${facts.database} has no table ${CURATED_TABLE}.`);
  const location = parseS3Url(curated.StorageDescriptor?.Location ?? '');
  if (!location) return fail(`${CURATED_TABLE} has no S3 location (${curated.StorageDescriptor?.Location ?? 'none'}), so it has no data to query.`);
  const prefix = asPrefix(location.key);
  const { objects, truncated, bucketMissing } = await objectsUnder(ctx, location.bucket, prefix);
  if (bucketMissing) return fail(`The bucket ${location.bucket} that ${CURATED_TABLE} points at does not exist, so the table has no data. The lab bucket is part of the lab stack: redeploy the lab (\`mllab deploy ${LAB_ID}\`) and run the CTAS again.`);
  const files = objects.filter((o) => o.size > 0);
  if (files.length === 0) {
    return fail(
      `s3://${location.bucket}/${prefix} holds no data files, so every query on ${CURATED_TABLE} returns no rows and scans nothing. A CTAS writes its files there when it succeeds; if they were deleted (or expired with the results location), drop the table and run the CTAS again.`,
    );
  }
  const dayOf = new RegExp(`^${escapeRegExp(prefix)}${PARTITION_KEY}=([^/]+)/`);
  const written = new Set(files.map((o) => dayOf.exec(o.key)?.[1]).filter((d): d is string => d !== undefined));
  if (written.size === 0) {
    return fail(
      `The ${files.length} file(s) of ${CURATED_TABLE} sit directly under s3://${location.bucket}/${prefix}, with no ${PARTITION_KEY}=.../ folders: the data is not partitioned on disk, so no query can skip any of it.`,
    );
  }
  const missing = raw.days.filter((d) => !written.has(d));
  if (missing.length > 0 && truncated) {
    return undecided(`The listing of s3://${location.bucket}/${prefix} stopped at its page cap before showing a file for ${missing.length} raw day(s) (${missing.slice(0, 5).join(', ')}); they may be among the files it did not read.`);
  }
  if (missing.length > 0) {
    return fail(
      `${CURATED_TABLE} has no data for ${missing.length} of the ${raw.days.length} day(s) of ${rawTable.Name}: ${missing.slice(0, 10).map((d) => `${PARTITION_KEY}=${d}`).join(', ')}${missing.length > 10 ? ', ...' : ''}.`,
      'The curated table must hold every day of the raw data: a WHERE clause in the CTAS, or raw partitions missing from the catalog when it ran, leave days out.',
    );
  }
  if (raw.truncated) return undecided(`The curated files cover the ${raw.days.length} raw day(s) the check saw, but the listing of the raw data stopped at its page cap, so some days were not seen.`);
  return pass(`${files.length} data file(s) of ${CURATED_TABLE} under s3://${location.bucket}/${prefix}, in ${written.size} ${PARTITION_KEY}= folder(s), covering every raw day.`);
}

async function fewerBytesScanned(ctx: CheckContext): Promise<CheckVerdict> {
  const [facts, history] = await Promise.all([catalog(ctx), workgroupQueries(ctx)]);
  const raw = theRawTable(facts);
  if (isVerdict(raw)) return raw;
  const verdict = compareTwins(history, raw);
  // A fairer pair may be older than the history the check read.
  if (verdict.status === 'fail' && historyIncomplete(history)) return undecided(...verdict.findings, `The check could not see every query: ${unseenHistory(history)}.`);
  return verdict;
}

function compareTwins(history: QueryFacts, raw: Table): CheckVerdict {
  const measured = (q: QueryExecution) => succeeded(q) && isSelect(q.Query ?? '') && q.Statistics?.DataScannedInBytes !== undefined;
  const reused = (q: QueryExecution) => q.Statistics?.ResultReuseInformation?.ReusedPreviousResult === true;
  const onRaw = history.queries.filter((q) => measured(q) && readsFrom(q.Query ?? '', raw.Name!) && !readsFrom(q.Query ?? '', CURATED_TABLE));
  const onCurated = history.queries.filter((q) => measured(q) && readsFrom(q.Query ?? '', CURATED_TABLE) && !readsFrom(q.Query ?? '', raw.Name!));
  if (onCurated.length === 0) {
    return fail(`No successful SELECT on ${CURATED_TABLE} in the workgroup ${history.workGroup}: run the same query on ${raw.Name} and on ${CURATED_TABLE} and compare the data each scanned.`);
  }
  const pairs = onCurated.flatMap((c) => onRaw.filter((r) => shapeOf(r.Query ?? '', raw.Name!) === shapeOf(c.Query ?? '', CURATED_TABLE)).map((r) => ({ raw: r, curated: c })));
  if (pairs.length === 0) {
    return fail(
      `None of your ${onCurated.length} successful SELECT(s) on ${CURATED_TABLE} has a twin on ${raw.Name}: for a fair comparison run the same statement on both tables, changing only the table name (for example ${describeQuery(onCurated[0]!)}).`,
    );
  }
  const fair = pairs.filter((p) => !reused(p.raw) && !reused(p.curated));
  if (fair.length === 0) {
    return fail(
      'In every pair of twin queries, Athena reused the result of an earlier run for one side: a reused result scans 0 bytes, so it says nothing about the table. Run the pair again with query result reuse turned off.',
    );
  }
  const measurable = fair.filter((p) => (p.raw.Statistics?.DataScannedInBytes ?? 0) > 0);
  if (measurable.length === 0) {
    return fail(
      `Every twin query scanned 0 bytes on ${raw.Name}, so there is nothing to compare: its WHERE clause matched no partition (check the ${PARTITION_KEY} value, it is a string such as '2026-01-05'), or the table has no registered partitions.`,
    );
  }
  const best = measurable.reduce((a, b) => (ratio(b) < ratio(a) ? b : a));
  const rawBytes = best.raw.Statistics!.DataScannedInBytes!;
  const curatedBytes = best.curated.Statistics!.DataScannedInBytes!;
  if (curatedBytes < rawBytes) {
    return pass(`The same query scanned ${formatBytes(curatedBytes)} on ${CURATED_TABLE} against ${formatBytes(rawBytes)} on ${raw.Name} (${Math.round((100 * curatedBytes) / Math.max(rawBytes, 1))}%): ${describeQuery(best.curated)}.`);
  }
  const findings = [`Your closest comparison scanned ${formatBytes(curatedBytes)} on ${CURATED_TABLE} and ${formatBytes(rawBytes)} on ${raw.Name}: ${describeQuery(best.curated)}.`];
  if (rawBytes < SMALL_PARTITION_BYTES) {
    findings.push(
      `That query read only ${formatBytes(rawBytes)} of CSV. Athena reads the footer of every Parquet or ORC file it opens (the schema and per-column statistics), so on a day with a few dozen rides the footer alone can outweigh the columns a columnar table lets it skip; compare on one of the days with thousands of rides.`,
    );
  }
  return fail(
    ...findings,
    `A columnar table saves bytes only when a query names fewer than all its columns (SELECT * reads every column chunk), and partitioning saves bytes only when the WHERE clause filters on ${PARTITION_KEY}. Compare a query that aggregates a column or two for one day: on CSV Athena must read that day's files whole, on Parquet or ORC only those columns. (Athena bills at least 10 MB per query, so on this small sample the saving shows in the statistics before it shows on the bill.)`,
  );
}

/**
 * A judgement, not an AWS limit: below this much CSV a day is too small for column pruning to beat
 * the footer every Parquet file carries (https://parquet.apache.org/docs/file-format/metadata/).
 * The environment's sample days hold under 5 KB each, the lab's own days about 300 KB.
 */
const SMALL_PARTITION_BYTES = 64 * 1024;

function ratio(pair: { raw: QueryExecution; curated: QueryExecution }): number {
  return (pair.curated.Statistics?.DataScannedInBytes ?? 0) / Math.max(pair.raw.Statistics?.DataScannedInBytes ?? 0, 1);
}

export const checks = defineChecks(lab, {
  R1: crawlerRan,
  R2: rawTableCataloged,
  R3: partitionsRegistered,
  R4: rawTableQueried,
  R5: curatedTableCreated,
  R6: curatedDataWritten,
  R7: fewerBytesScanned,
});
