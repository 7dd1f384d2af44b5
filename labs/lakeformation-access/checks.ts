// The checks of lakeformation-access, one per requirement of its manifest (lab.ts).
import type { QueryExecution } from '@aws-sdk/client-athena';
import { GetTableCommand, GlueClient, type Table } from '@aws-sdk/client-glue';
import {
  GetDataLakeSettingsCommand,
  LakeFormationClient,
  paginateListDataCellsFilter,
  paginateListPermissions,
  paginateListResources,
  type PrincipalResourcePermissions,
  type Resource,
} from '@aws-sdk/client-lakeformation';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { isNotFound } from '../../lib/aws/errors';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { defineChecks, fail, pass, undecided } from '../../lib/check/verdicts';
import { STACK_OUTPUTS } from '../../lib/model';
import { collectPages, failureReason, historyIncomplete, parseS3Url, trimSlash, unseenHistory, workgroupQueries } from '../datalake-athena/facts';
import { escapeRegExp, readsFrom, stripComments } from '../datalake-athena/sql';
import { samePrincipal, tableAccess, type TableRef } from './access';
import { ANALYST_ROLE_OUTPUT, COLUMNS, DATA_PREFIX, IAM_ALLOWED_PRINCIPALS, lab, PERSONAL_COLUMNS, TABLE } from './lab';

const UNDERLYING_DATA_DOC = 'https://docs.aws.amazon.com/lake-formation/latest/dg/access-control-underlying-data.html';
const UPGRADE_DOC = 'https://docs.aws.amazon.com/lake-formation/latest/dg/upgrade-glue-lake-formation.html';

// --- the table (R1) ----------------------------------------------------------------------------

interface Lake {
  readonly database: string;
  readonly bucket: string;
  readonly table?: Table;
}

async function lake(ctx: CheckContext): Promise<Lake> {
  const [database, bucket] = await Promise.all([ctx.stackOutput(STACK_OUTPUTS.glueDatabaseName), ctx.stackOutput(STACK_OUTPUTS.dataLakeBucketName)]);
  try {
    const out = await ctx.client(GlueClient).send(new GetTableCommand({ DatabaseName: database, Name: TABLE }));
    return { database, bucket, table: out.Table };
  } catch (err) {
    // GetTable answers EntityNotFoundException for a missing table or database (API_GetTable, Errors).
    if (isNotFound(err)) return { database, bucket };
    throw err;
  }
}

const columnsOf = (t: Table) => [...(t.StorageDescriptor?.Columns ?? []), ...(t.PartitionKeys ?? [])].map((c) => (c.Name ?? '').toLowerCase());

/** `s3://bucket/lake/rides/` with or without the trailing slash. */
const dataLocation = (bucket: string) => `s3://${bucket}/${DATA_PREFIX}`;

async function tableCataloged(ctx: CheckContext): Promise<CheckVerdict> {
  const { database, bucket, table } = await lake(ctx);
  if (!table) return fail(`The lab database ${database} has no table ${TABLE}. Catalog the rides under ${dataLocation(bucket)} as ${TABLE} (a crawler or a CREATE EXTERNAL TABLE in the lab workgroup).`);
  const problems: string[] = [];
  const location = table.StorageDescriptor?.Location ?? '';
  if (trimSlash(location) !== trimSlash(dataLocation(bucket))) problems.push(`${TABLE} points at ${location || 'no location'}, not at the lab's rides under ${dataLocation(bucket)}.`);
  const missing = COLUMNS.filter((c) => !columnsOf(table).includes(c));
  if (missing.length > 0) problems.push(`${TABLE} lacks the column(s) ${missing.join(', ')} of the data (it has ${columnsOf(table).join(', ') || 'none'}): the personal columns must be in the table for Lake Formation to keep them from the analyst.`);
  return problems.length > 0 ? fail(...problems) : pass(`${database}.${TABLE} reads ${location} with all ${COLUMNS.length} columns of the data.`);
}

/** R2-R4 depend on R1; when it does not hold they have nothing to decide about. */
const NO_TABLE = (database: string) => fail(`The lab database ${database} has no table ${TABLE} (R1).`);

// --- registration (R2) ---------------------------------------------------------------------------

/** `arn:aws:s3:::bucket/a/b` -> `s3://bucket/a/b`, so a registration compares with a table location. */
function s3UrlOfArn(arn: string): string | undefined {
  const m = /^arn:[^:]+:s3:::(.+)$/.exec(arn);
  return m ? `s3://${trimSlash(m[1]!)}` : undefined;
}

/** A registration covers a location when it is the location or a folder above it. */
const covers = (registered: string, location: string) => trimSlash(location) === registered || trimSlash(location).startsWith(`${registered}/`);

async function locationRegistered(ctx: CheckContext): Promise<CheckVerdict> {
  const { database, bucket, table } = await lake(ctx);
  if (!table) return NO_TABLE(database);
  const location = parseS3Url(table.StorageDescriptor?.Location ?? '') ? table.StorageDescriptor!.Location! : dataLocation(bucket);
  const { items, truncated } = await collectPages(paginateListResources({ client: ctx.client(LakeFormationClient) }, {}), (p) => p.ResourceInfoList, (p) => p.NextToken);
  const covering = items.filter((r) => {
    const url = s3UrlOfArn(r.ResourceArn ?? '');
    return url !== undefined && covers(url, location);
  });
  const full = covering.find((r) => !r.HybridAccessEnabled);
  if (full) return pass(`${full.ResourceArn} is registered with Lake Formation${full.RoleArn ? ` (role ${full.RoleArn})` : ''} and covers ${location}: Lake Formation vends the credentials for its data.`);
  if (covering.length > 0) {
    return fail(
      `${covering.map((r) => r.ResourceArn).join(', ')} covers ${location} but is registered in hybrid access mode.`,
      `In hybrid access mode Lake Formation permissions apply only to the principals opted in; every other principal keeps reading the data with its IAM and S3 permissions alone (https://docs.aws.amazon.com/lake-formation/latest/dg/hybrid-access-mode.html). The scenario ends IAM-only access: register the location in Lake Formation mode.`,
    );
  }
  if (truncated) return undecided(`None of the registered locations the check read covers ${location}, and Lake Formation listed more than it reads.`);
  const inBucket = items.map((r) => r.ResourceArn ?? '').filter((a) => s3UrlOfArn(a)?.startsWith(`s3://${bucket}`));
  return fail(
    `No location registered with Lake Formation covers ${location}${inBucket.length > 0 ? `; the lab bucket has ${inBucket.join(', ')} registered, which does not contain it` : ''}.`,
    `Until its S3 location is registered, Lake Formation does not govern the table's data: Athena reads the files with the caller's own S3 permissions, so no column grant is enforced on them (${UNDERLYING_DATA_DOC}).`,
  );
}

// --- who may read what (R3, R4) --------------------------------------------------------------------

/**
 * ListPermissions returns the permissions "filtered by the permissions of the caller"
 * (https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_ListPermissions.html): only a
 * data lake administrator (or read-only administrator) sees every grant, so an absence means
 * something only when the caller is one.
 */
async function seesEveryGrant(ctx: CheckContext): Promise<{ ok: true } | { ok: false; why: string }> {
  const [settings, identity] = await Promise.all([
    ctx.client(LakeFormationClient).send(new GetDataLakeSettingsCommand({})),
    ctx.client(STSClient).send(new GetCallerIdentityCommand({})),
  ]);
  const caller = identity.Arn ?? '';
  const admins = [...(settings.DataLakeSettings?.DataLakeAdmins ?? []), ...(settings.DataLakeSettings?.ReadOnlyAdmins ?? [])];
  if (admins.some((a) => samePrincipal(caller, a.DataLakePrincipalIdentifier ?? ''))) return { ok: true };
  return {
    ok: false,
    why: `The check runs as ${caller || 'an unknown principal'}, which is not a data lake administrator or read-only administrator, and Lake Formation shows a caller only the grants it may itself grant (ListPermissions). Run the check as the data lake administrator you granted with, or add the caller as a read-only administrator.`,
  };
}

async function listGrants(ctx: CheckContext, input: { Principal?: { DataLakePrincipalIdentifier: string }; Resource?: Resource; IncludeRelated?: string }): Promise<{ items: PrincipalResourcePermissions[]; truncated: boolean }> {
  return collectPages(paginateListPermissions({ client: ctx.client(LakeFormationClient) }, input), (p) => p.PrincipalResourcePermissions, (p) => p.NextToken);
}

async function analystCanReadAllowedColumns(ctx: CheckContext): Promise<CheckVerdict> {
  const { database, table } = await lake(ctx);
  if (!table) return NO_TABLE(database);
  const analyst = await ctx.stackOutput(ANALYST_ROLE_OUTPUT);
  const sees = await seesEveryGrant(ctx);
  if (!sees.ok) return undecided(sees.why);
  const [grants, filters] = await Promise.all([
    listGrants(ctx, { Principal: { DataLakePrincipalIdentifier: analyst } }),
    collectPages(paginateListDataCellsFilter({ client: ctx.client(LakeFormationClient) }, { Table: { DatabaseName: database, Name: TABLE } }), (p) => p.DataCellsFilters, (p) => p.NextToken),
  ]);
  const ref: TableRef = { database, table: TABLE, columns: columnsOf(table) };
  const access = tableAccess(ref, grants.items, filters.items);
  const personal: readonly string[] = PERSONAL_COLUMNS;
  const exposing = access.grants.filter((g) => g.columns.some((c) => personal.includes(c)));
  if (exposing.length > 0) {
    return fail(
      `The analyst role ${analyst} holds ${exposing.map((g) => `${g.label}, which opens ${g.columns.filter((c) => personal.includes(c)).join(', ')}`).join('; ')}.`,
      'Lake Formation adds a principal\'s grants up: one grant that opens a personal column exposes it whatever the other grants leave out. Revoke it and grant SELECT with a column filter (or through a data cells filter) that excludes the personal columns.',
    );
  }
  if (access.unreadable.length > 0) return undecided(`The analyst role also holds ${access.unreadable.join('; ')}, so the check cannot tell whether it opens a personal column.`);
  if (grants.truncated || filters.truncated) return undecided(`Lake Formation listed more grants or filters for the analyst role than the check reads, and the ones it read leave the personal columns out.`);
  const allowed = ref.columns.filter((c) => !personal.includes(c));
  const readable = new Set(access.grants.flatMap((g) => g.columns));
  if (access.grants.length === 0) {
    return fail(
      `The analyst role ${analyst} holds no SELECT on ${database}.${TABLE}, so the analysts cannot query the rides.`,
      `An IAM policy cannot give it the rides without the riders: IAM allows or denies API actions on whole resources (glue:GetTable on the table, s3:GetObject on the CSV file), and every column is in the same file, so IAM has nothing that names a column. Lake Formation grants SELECT on columns, and the engine (Athena) returns only those, reading the data with credentials Lake Formation vends for the grant (${UNDERLYING_DATA_DOC}).`,
    );
  }
  const notReadable = allowed.filter((c) => !readable.has(c));
  if (notReadable.length > 0) {
    return fail(`The analyst role's grants (${access.grants.map((g) => g.label).join('; ')}) leave out ${notReadable.join(', ')}, which are not personal: the analysts need every ride column but the rider's.`);
  }
  const rows = access.grants.filter((g) => g.rowFilter).map((g) => g.rowFilter);
  return pass(`The analyst role ${analyst} holds ${access.grants.map((g) => g.label).join('; ')}: every ride column, none of ${PERSONAL_COLUMNS.join(', ')}.${rows.length > 0 ? ` Its data cells filter also limits rows (${rows.join('; ')}).` : ''}`);
}

async function iamAllowedPrincipalsRemoved(ctx: CheckContext): Promise<CheckVerdict> {
  const { database, table } = await lake(ctx);
  if (!table) return NO_TABLE(database);
  const sees = await seesEveryGrant(ctx);
  if (!sees.ok) return undecided(sees.why);
  const [onDatabase, onTable] = await Promise.all([
    // By resource only: with both Principal and Resource, ListPermissions answers effective
    // permissions rather than the explicit grants (API_ListPermissions), and the grants are the question.
    listGrants(ctx, { Resource: { Database: { Name: database } } }),
    listGrants(ctx, { Resource: { Table: { DatabaseName: database, Name: TABLE } } }),
  ]);
  const held = (grants: PrincipalResourcePermissions[]) => grants.filter((g) => g.Principal?.DataLakePrincipalIdentifier === IAM_ALLOWED_PRINCIPALS && (g.Permissions ?? []).length > 0);
  const problems: string[] = [];
  const db = held(onDatabase.items);
  const tbl = held(onTable.items);
  if (db.length > 0) {
    problems.push(
      `IAMAllowedPrincipals holds ${[...new Set(db.flatMap((g) => g.Permissions ?? []))].join(', ')} on the database ${database}: with it, every table created in the database gets the same grant ("Use only IAM access control for new tables"), so each new table starts out open to IAM alone.`,
    );
  }
  if (tbl.length > 0) {
    problems.push(
      `IAMAllowedPrincipals holds ${[...new Set(tbl.flatMap((g) => g.Permissions ?? []))].join(', ')} on ${TABLE}: while it does, Lake Formation lets every IAM principal whose IAM policies allow the Glue and S3 calls read the whole table, every personal column included, whatever the column grants say. The group stands for "whoever IAM allows"; its grant is what keeps a table backward compatible with IAM-only access.`,
    );
  }
  if (problems.length > 0) return fail(...problems, `Revoke the group's permissions on the database and the table (${UPGRADE_DOC}).`);
  if (onDatabase.truncated || onTable.truncated) return undecided('Lake Formation listed more grants than the check reads, and those it read do not include IAMAllowedPrincipals.');
  return pass(`IAMAllowedPrincipals holds nothing on ${database} or ${database}.${TABLE}: only Lake Formation grants open them.`);
}

// --- the query history (R5) ----------------------------------------------------------------------

/** The personal columns a query's text names (word boundaries, quoted or not; comments ignored). */
export function personalColumnsNamed(sql: string): string[] {
  const text = stripComments(sql);
  return PERSONAL_COLUMNS.filter((c) => new RegExp(`(?<![A-Za-z0-9_])${escapeRegExp(c)}(?![A-Za-z0-9_])`, 'i').test(text));
}

/**
 * A failure that says the caller may not read what it named. Athena reports a column a principal
 * has no Lake Formation permission on as one it cannot resolve ("cannot be resolved or requester is
 * not authorized to access requested resources"), and error type 234 is a Lake Formation error
 * (https://docs.aws.amazon.com/athena/latest/ug/error-reference.html). Any of these spellings counts;
 * R1 guarantees the column exists, so "cannot be resolved" cannot be a misspelt column.
 */
export function isPermissionFailure(q: QueryExecution): boolean {
  if (q.Status?.AthenaError?.ErrorType === 234) return true;
  return /not authori[sz]ed|access denied|permission|lake formation|cannot be resolved|COLUMN_NOT_FOUND/i.test(failureReason(q));
}

const ofTable = (q: QueryExecution) => readsFrom(q.Query ?? '', TABLE);

function describe(q: QueryExecution): string {
  const text = (q.Query ?? '').replace(/\s+/g, ' ').trim();
  return `"${text.length > 90 ? `${text.slice(0, 90)}...` : text}" (id ${q.QueryExecutionId}, ${q.Status?.State})`;
}

async function analystQueriesShowTheBoundary(ctx: CheckContext): Promise<CheckVerdict> {
  const history = await workgroupQueries(ctx);
  const onTable = history.queries.filter(ofTable);
  const allowed = onTable.find((q) => q.Status?.State === 'SUCCEEDED' && personalColumnsNamed(q.Query ?? '').length === 0);
  const denied = onTable.find((q) => q.Status?.State === 'FAILED' && personalColumnsNamed(q.Query ?? '').length > 0 && isPermissionFailure(q));
  if (allowed && denied) {
    return pass(
      `In ${history.workGroup}: ${describe(allowed)} succeeded, and ${describe(denied)} failed with "${failureReason(denied)}". (Athena's history records the query, not who ran it.)`,
    );
  }
  const problems: string[] = [];
  if (!allowed) problems.push(`No query of ${TABLE} that names no personal column has succeeded in ${history.workGroup}: as the analyst role, query the ride columns.`);
  if (!denied) {
    const personalSucceeded = onTable.find((q) => q.Status?.State === 'SUCCEEDED' && personalColumnsNamed(q.Query ?? '').length > 0);
    const otherFailure = onTable.find((q) => q.Status?.State === 'FAILED' && personalColumnsNamed(q.Query ?? '').length > 0);
    if (otherFailure) {
      problems.push(`${describe(otherFailure)} failed, but for another reason than permission: "${failureReason(otherFailure)}". The scenario needs the denial itself on record.`);
    } else if (personalSucceeded) {
      problems.push(
        `${describe(personalSucceeded)} read ${personalColumnsNamed(personalSucceeded.Query ?? '').join(', ')} and succeeded, and no query of a personal column has been denied. Whoever ran it could read the riders' data: if that was the analyst role, its grants or the IAMAllowedPrincipals grant still open the column.`,
      );
    } else {
      problems.push(`No query of ${TABLE} that names ${PERSONAL_COLUMNS.join(', ')} has failed in ${history.workGroup}: as the analyst role, try to read a personal column and let Lake Formation refuse it.`);
    }
  }
  if (historyIncomplete(history)) return undecided(...problems, `The check could not see every query: ${unseenHistory(history)}.`);
  return fail(...problems);
}

export const checks = defineChecks(lab, {
  R1: tableCataloged,
  R2: locationRegistered,
  R3: analystCanReadAllowedColumns,
  R4: iamAllowedPrincipalsRemoved,
  R5: analystQueriesShowTheBoundary,
});

