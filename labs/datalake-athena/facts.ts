// The reads several requirements share. Each helper sends exactly the same calls whichever
// requirement asks, so the run's memo answers the second asker without a second request.
import { AthenaClient, BatchGetQueryExecutionCommand, paginateListQueryExecutions, type QueryExecution } from '@aws-sdk/client-athena';
import { GetTableCommand, GlueClient, paginateGetPartitions, paginateGetTables, type Partition, type Table } from '@aws-sdk/client-glue';
import { paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import type { Paginator } from '@smithy/types';
import { isNotFound, isServiceError } from '../../lib/aws/errors';
import type { CheckContext } from '../../lib/check/types';
import { STACK_OUTPUTS } from '../../lib/model';
import { PARTITION_KEY, RAW_PREFIX } from './lab';
import { decodeValue, type DataFolder } from './projection';

/**
 * ListQueryExecutions returns at most 50 ids a page and BatchGetQueryExecution takes at most 50
 * ids (https://docs.aws.amazon.com/athena/latest/APIReference/API_ListQueryExecutions.html,
 * https://docs.aws.amazon.com/athena/latest/APIReference/API_BatchGetQueryExecution.html).
 */
export const QUERY_PAGE_SIZE = 50;
/** The most recent 200 queries of the lab workgroup are plenty for this lab and keep a run fast. */
export const MAX_QUERY_PAGES = 4;
/** Bounds every other listing, so a runaway account cannot make a check hang. */
const MAX_PAGES = 20;

/**
 * The items of an SDK paginator's pages, at most `maxPages` of them. Leaving the loop early ends
 * the paginator before it sends the next request; `tokenOf` tells whether more pages were left.
 */
export async function collectPages<P, T>(
  pages: Paginator<P>,
  itemsOf: (page: P) => readonly T[] | undefined,
  tokenOf: (page: P) => string | undefined,
  maxPages = MAX_PAGES,
): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  let count = 0;
  for await (const page of pages) {
    items.push(...(itemsOf(page) ?? []));
    if (++count === maxPages) return { items, truncated: tokenOf(page) !== undefined };
  }
  return { items, truncated: false };
}

/** `s3://bucket/a/b/` -> `{ bucket, key: 'a/b/' }`. */
export function parseS3Url(url: string): { bucket: string; key: string } | undefined {
  const match = /^s3a?:\/\/([^/]+)\/?(.*)$/.exec(url.trim());
  return match ? { bucket: match[1]!, key: match[2]! } : undefined;
}

/** A key as a folder prefix: `a/b` -> `a/b/`, so a listing cannot match `a/bc`. */
export function asPrefix(key: string): string {
  return key === '' || key.endsWith('/') ? key : `${key}/`;
}

/** A location without its trailing slashes, so `s3://b/p` and `s3://b/p/` compare equal. */
export function trimSlash(location: string): string {
  return location.replace(/\/+$/, '');
}

export interface CatalogFacts {
  readonly database: string;
  readonly bucket: string;
  /** True when Glue says the lab database does not exist (GetTables: EntityNotFoundException). */
  readonly databaseMissing: boolean;
  /** Every table in the lab database. */
  readonly tables: readonly Table[];
  /** The tables whose data is under `s3://<bucket>/raw/`: the crawler's output. */
  readonly rawTables: readonly Table[];
}

export async function catalog(ctx: CheckContext): Promise<CatalogFacts> {
  const [database, bucket] = await Promise.all([ctx.stackOutput(STACK_OUTPUTS.glueDatabaseName), ctx.stackOutput(STACK_OUTPUTS.dataLakeBucketName)]);
  let tables: Table[];
  try {
    ({ items: tables } = await collectPages(
      paginateGetTables({ client: ctx.client(GlueClient) }, { DatabaseName: database }),
      (p) => p.TableList,
      (p) => p.NextToken,
    ));
  } catch (err) {
    // GetTables answers EntityNotFoundException for a database that does not exist
    // (https://docs.aws.amazon.com/glue/latest/webapi/API_GetTables.html, Errors).
    if (isServiceError(err, 'EntityNotFoundException')) return { database, bucket, databaseMissing: true, tables: [], rawTables: [] };
    throw err;
  }
  const rawRoot = `s3://${bucket}/${RAW_PREFIX}`;
  const rawTables = tables.filter((t) => {
    const location = t.StorageDescriptor?.Location;
    return location !== undefined && (trimSlash(location) === trimSlash(rawRoot) || location.startsWith(rawRoot));
  });
  return { database, bucket, databaseMissing: false, tables, rawTables };
}

/** A table's registered partitions; `truncated` when the page cap left some unread. */
export async function partitionsOf(ctx: CheckContext, database: string, table: string): Promise<{ items: Partition[]; truncated: boolean }> {
  return collectPages(
    paginateGetPartitions({ client: ctx.client(GlueClient) }, { DatabaseName: database, TableName: table }),
    (p) => p.Partitions,
    (p) => p.NextToken,
  );
}

/** One table by name, or undefined when the catalog has no such table. */
export async function tableNamed(ctx: CheckContext, database: string, name: string): Promise<Table | undefined> {
  try {
    const out = await ctx.client(GlueClient).send(new GetTableCommand({ DatabaseName: database, Name: name }));
    return out.Table;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export interface RawDataFacts {
  readonly bucket: string;
  /** The key prefix of the raw table's location. */
  readonly prefix: string;
  /** The distinct `dt` values of the `dt=<value>/` folders under the raw table, sorted. */
  readonly days: readonly string[];
  /** Each folder that ends in a `dt=<value>/` segment, with the folder names below the table's location. */
  readonly folders: readonly (DataFolder & { readonly day: string })[];
  /** How many objects the raw table's location holds. */
  readonly objectCount: number;
  /** True when the listing stopped at its page cap, so some folders may be unseen. */
  readonly truncated: boolean;
  /** True when S3 says the bucket does not exist. */
  readonly bucketMissing: boolean;
}

/**
 * The days of raw data under the raw table's location, from the `dt=` folder anywhere in each key,
 * so the answer does not depend on how many folder levels the crawler put above the partitions.
 */
export async function rawDays(ctx: CheckContext, table: Table): Promise<RawDataFacts> {
  const bucket = await ctx.stackOutput(STACK_OUTPUTS.dataLakeBucketName);
  const location = parseS3Url(table.StorageDescriptor?.Location ?? '') ?? { bucket, key: RAW_PREFIX };
  const prefix = asPrefix(location.key);
  const { objects, truncated, bucketMissing } = await objectsUnder(ctx, location.bucket, prefix);
  const folders = new Map<string, DataFolder & { day: string }>();
  for (const o of objects) {
    const segments = o.key.slice(prefix.length).split('/').slice(0, -1);
    const at = segments.findIndex((s) => s.startsWith(`${PARTITION_KEY}=`));
    if (at < 0) continue;
    const below = segments.slice(0, at + 1);
    const url = `s3://${location.bucket}/${prefix}${below.join('/')}/`;
    if (!folders.has(url)) folders.set(url, { url, segments: below, day: decodeValue(below[at]!.slice(PARTITION_KEY.length + 1)) });
  }
  const days = [...new Set([...folders.values()].map((f) => f.day))].sort();
  return { bucket: location.bucket, prefix, days, folders: [...folders.values()], objectCount: objects.length, truncated, bucketMissing };
}

export interface ObjectSummary {
  readonly key: string;
  readonly size: number;
}

/** Every object under a prefix (up to the page cap: `truncated` says whether more were left). */
export async function objectsUnder(ctx: CheckContext, bucket: string, prefix: string): Promise<{ objects: ObjectSummary[]; truncated: boolean; bucketMissing: boolean }> {
  try {
    const { items, truncated } = await collectPages(
      paginateListObjectsV2({ client: ctx.client(S3Client) }, { Bucket: bucket, Prefix: prefix }),
      (p) => (p.Contents ?? []).map((o) => ({ key: o.Key ?? '', size: o.Size ?? 0 })),
      (p) => (p.IsTruncated ? p.NextContinuationToken : undefined),
    );
    return { objects: items, truncated, bucketMissing: false };
  } catch (err) {
    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html, Errors: NoSuchBucket.
    if (isServiceError(err, 'NoSuchBucket')) return { objects: [], truncated: false, bucketMissing: true };
    throw err;
  }
}

export interface QueryFacts {
  readonly workGroup: string;
  /** Newest first. */
  readonly queries: readonly QueryExecution[];
  /** True when older queries exist beyond what the check read. */
  readonly truncated: boolean;
  /** Ids BatchGetQueryExecution did not return (UnprocessedQueryExecutionIds): queries the check could not see. */
  readonly unprocessed: number;
}

/** The recent query executions of the lab workgroup, with their text, state and statistics. */
export async function workgroupQueries(ctx: CheckContext): Promise<QueryFacts> {
  const workGroup = await ctx.stackOutput(STACK_OUTPUTS.workGroupName);
  const athena = ctx.client(AthenaClient);
  const { items: ids, truncated } = await collectPages(
    paginateListQueryExecutions({ client: athena }, { WorkGroup: workGroup, MaxResults: QUERY_PAGE_SIZE }),
    (p) => p.QueryExecutionIds,
    (p) => p.NextToken,
    MAX_QUERY_PAGES,
  );
  const queries: QueryExecution[] = [];
  let unprocessed = 0;
  for (let i = 0; i < ids.length; i += QUERY_PAGE_SIZE) {
    const out = await athena.send(new BatchGetQueryExecutionCommand({ QueryExecutionIds: ids.slice(i, i + QUERY_PAGE_SIZE) }));
    queries.push(...(out.QueryExecutions ?? []));
    unprocessed += out.UnprocessedQueryExecutionIds?.length ?? 0;
  }
  const submitted = (q: QueryExecution) => q.Status?.SubmissionDateTime?.getTime() ?? 0;
  return { workGroup, queries: queries.sort((a, b) => submitted(b) - submitted(a)), truncated, unprocessed };
}

/** Whether the history the check read may lack a query that would change the verdict. */
export function historyIncomplete(history: QueryFacts): boolean {
  return history.truncated || history.unprocessed > 0;
}

/** What the check could not see, for an `error` verdict. */
export function unseenHistory(history: QueryFacts): string {
  const parts = [];
  if (history.truncated) parts.push(`only the latest ${history.queries.length + history.unprocessed} queries of ${history.workGroup} were read (the check reads at most ${QUERY_PAGE_SIZE * MAX_QUERY_PAGES}), and older ones exist`);
  if (history.unprocessed > 0) parts.push(`Athena did not return ${history.unprocessed} of them (BatchGetQueryExecution UnprocessedQueryExecutionIds)`);
  return parts.join('; ');
}

/** Why a query did not succeed, in Athena's own words. */
export function failureReason(q: QueryExecution): string {
  return q.Status?.AthenaError?.ErrorMessage ?? q.Status?.StateChangeReason ?? 'no reason recorded';
}

/** `1234567` -> `1.2 MB`: findings speak in the unit the Athena console and bill use. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}
