// The checks of feature-store, one per requirement of its manifest (lab.ts). The Athena query
// history and the S3 listing are read as the datalake-athena lab reads them (its facts.ts).
import type { QueryExecution } from '@aws-sdk/client-athena';
import { GetTableCommand, GlueClient } from '@aws-sdk/client-glue';
import { DescribeFeatureGroupCommand, SageMakerClient, type DescribeFeatureGroupCommandOutput } from '@aws-sdk/client-sagemaker';
import { GetRecordCommand, paginateListRecords, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { isNotFound, isServiceError } from '../../lib/aws/errors';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { defineChecks, fail, pass, undecided, verdictFrom } from '../../lib/check/verdicts';
import { STACK_OUTPUTS } from '../../lib/model';
import { collectPages, failureReason, formatBytes, historyIncomplete, objectsUnder, unseenHistory, workgroupQueries } from '../datalake-athena/facts';
import { readsData, readsFrom } from '../datalake-athena/sql';
import { asFolder, dayOf, parseOfflineUri, partitionDayOf, sameValue } from './features';
import { generateCustomerFeatures, snapshotsOf, type CustomerRow } from './generate-data';
import {
  COLUMN_TYPES,
  COLUMNS,
  CUSTOMER_COUNT,
  EVENT_TIME_FEATURE,
  FEATURE_GROUP_NAME,
  lab,
  LAB_ID,
  OFFLINE_PREFIX,
  PROBE_CUSTOMER,
  RECORD_IDENTIFIER,
  SNAPSHOT_TIMES,
  type Column,
  type FeatureType,
} from './lab';

type FeatureGroup = DescribeFeatureGroupCommandOutput;

const DOCS = {
  types: 'https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-create-feature-group.html',
  putRecord: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_feature_store_PutRecord.html',
  offline: 'https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-offline.html',
  athena: 'https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-athena-glue-integration.html',
};

/**
 * The feature group, or a failed verdict when it does not exist. DescribeFeatureGroup answers a
 * missing group with ResourceNotFound (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeFeatureGroup.html, Errors).
 */
async function featureGroup(ctx: CheckContext): Promise<FeatureGroup | CheckVerdict> {
  try {
    return await ctx.client(SageMakerClient).send(new DescribeFeatureGroupCommand({ FeatureGroupName: FEATURE_GROUP_NAME }));
  } catch (err) {
    if (isServiceError(err, 'ResourceNotFound')) return fail(`There is no feature group named ${FEATURE_GROUP_NAME} in this account and region.`);
    throw err;
  }
}

const isVerdict = (v: object): v is CheckVerdict => 'status' in v && 'findings' in v;

/** Why a column declared with the wrong feature type hurts, in the terms of the shipped data. */
function wrongTypeFinding(column: Column, declared: string, expected: readonly FeatureType[]): string {
  const want = expected.join(' or ');
  if (column === RECORD_IDENTIFIER) {
    return `${column} is ${declared}, but customer ids such as ${PROBE_CUSTOMER} are text with leading zeros: as a number they cannot be ingested (or lose their zeros). Declare it ${want}.`;
  }
  if (column === EVENT_TIME_FEATURE) {
    return `${column} is ${declared}: an event time must be String (ISO-8601, as the shipped data writes it) or Fractional (Unix seconds).`;
  }
  if (declared === 'String') {
    return `${column} is String, but its values are numbers: the offline table gets a string column, so Athena sorts and compares it as text ('10' < '9') and a training set built from it carries text, not a ${want} feature. Declare it ${want}.`;
  }
  if (declared === 'Integral' && expected.includes('Fractional')) {
    return `${column} is Integral, but its values have decimals (such as 64.50): Feature Store refuses a record whose Integral value is not a whole number, or the decimals are lost if you round before ingesting. Declare it Fractional.`;
  }
  if (declared === 'Fractional' && expected.includes('Integral')) {
    return `${column} is Fractional, but it counts whole things: Integral keeps it an exact 64-bit integer, which is what the shipped data holds. Declare it Integral.`;
  }
  return `${column} is ${declared}, but its values are ${want} (${DOCS.types}).`;
}

async function featureGroupDefined(ctx: CheckContext): Promise<CheckVerdict> {
  const group = await featureGroup(ctx);
  if (isVerdict(group)) return group;
  if (group.FeatureGroupStatus === 'CreateFailed') return fail(`${FEATURE_GROUP_NAME} failed to create: ${group.FailureReason ?? 'no reason recorded'}. Delete it and create it again.`);
  if (group.FeatureGroupStatus === 'Deleting' || group.FeatureGroupStatus === 'DeleteFailed') return fail(`${FEATURE_GROUP_NAME} is ${group.FeatureGroupStatus}; create it again once it is gone.`);
  const problems: string[] = [];
  if (group.FeatureGroupStatus !== 'Created') problems.push(`${FEATURE_GROUP_NAME} is ${group.FeatureGroupStatus ?? 'in no status'}, not Created yet: check again in a minute.`);
  if (group.RecordIdentifierFeatureName !== RECORD_IDENTIFIER) {
    problems.push(`The record identifier is ${group.RecordIdentifierFeatureName}, not ${RECORD_IDENTIFIER}: the online store keeps one record per identifier value, so it must be the column that names a customer.`);
  }
  if (group.EventTimeFeatureName !== EVENT_TIME_FEATURE) {
    problems.push(`The event time feature is ${group.EventTimeFeatureName}, not ${EVENT_TIME_FEATURE}: the shipped data says when each snapshot was taken in ${EVENT_TIME_FEATURE}, and that is the time Feature Store must order records by.`);
  }
  const definitions = new Map((group.FeatureDefinitions ?? []).map((d) => [d.FeatureName ?? '', d]));
  for (const column of COLUMNS) {
    const definition = definitions.get(column);
    const expected: readonly FeatureType[] = COLUMN_TYPES[column];
    if (!definition) {
      problems.push(`No feature is named ${column}, a column of the shipped data: a feature the group does not define cannot be ingested, so it would be missing at training and at inference alike.`);
      continue;
    }
    if (definition.CollectionType) problems.push(`${column} is a ${definition.CollectionType} collection; each customer has one ${column} value per snapshot, a scalar feature.`);
    if (!expected.includes(definition.FeatureType as FeatureType)) problems.push(wrongTypeFinding(column, definition.FeatureType ?? 'untyped', expected));
  }
  const online = group.OnlineStoreConfig;
  if (online?.EnableOnlineStore !== true) {
    problems.push(`${FEATURE_GROUP_NAME} has no online store: the churn service reads a customer's latest features at inference with GetRecord, which only an online store answers. The online store can only be chosen when the group is created.`);
  } else if (online.StorageType === 'InMemory') {
    problems.push(`The online store uses the InMemory tier, which runs on Amazon ElastiCache and is billed differently from the Standard tiers (https://aws.amazon.com/sagemaker/pricing/); two hundred customers looked up a few times an hour need the Standard tier.`);
  }
  const types = Object.fromEntries(COLUMNS.map((c) => [c, definitions.get(c)?.FeatureType]));
  return verdictFrom(problems, [
    `${FEATURE_GROUP_NAME} is Created with record identifier ${RECORD_IDENTIFIER}, event time ${EVENT_TIME_FEATURE} (${types[EVENT_TIME_FEATURE]}), an online store (${online?.StorageType ?? 'Standard'}) and ${COLUMNS.length} typed features: ${COLUMNS.map((c) => `${c} ${types[c]}`).join(', ')}.`,
  ]);
}

/** The lab's Glue database and the offline store's table as Feature Store reports them. */
async function offlineStoreConfigured(ctx: CheckContext): Promise<CheckVerdict> {
  const [group, bucket, database] = await Promise.all([featureGroup(ctx), ctx.stackOutput(STACK_OUTPUTS.labBucketName), ctx.stackOutput(STACK_OUTPUTS.glueDatabaseName)]);
  if (isVerdict(group)) return group;
  const offline = group.OfflineStoreConfig;
  if (!offline) {
    return fail(
      `${FEATURE_GROUP_NAME} has no offline store. The online store keeps only the latest record per customer; training needs every snapshot, which only the offline store keeps (in S3, as Parquet). An offline store can only be configured when the group is created: delete the group and create it again with one.`,
    );
  }
  const problems: string[] = [];
  const wanted = `s3://${bucket}/${OFFLINE_PREFIX}`;
  const uri = offline.S3StorageConfig?.S3Uri ?? '';
  const location = parseOfflineUri(uri);
  if (!location || location.bucket !== bucket || !asFolder(location.key).startsWith(OFFLINE_PREFIX)) {
    problems.push(`The offline store writes to ${uri || 'no S3 location'}, not under ${wanted}: the lab bucket is the one the execution role may write and teardown empties.`);
  }
  const status = group.OfflineStoreStatus;
  if (status?.Status === 'Blocked') {
    problems.push(`The offline store is Blocked: ${status.BlockedReason ?? 'no reason recorded'}. Feature Store cannot write to S3 with the role ${group.RoleArn ?? '(none)'}; the lab's execution role (stack output ExecutionRoleArn) may write to the lab bucket.`);
  } else if (status?.Status !== 'Active') {
    problems.push(`The offline store is ${status?.Status ?? 'in no status'}, not Active.`);
  }
  const catalog = offline.DataCatalogConfig;
  if (offline.DisableGlueTableCreation) {
    problems.push(
      `The group was created with DisableGlueTableCreation, so Feature Store created no Glue table for the offline store${catalog ? ` (it only associates ${catalog.Database}.${catalog.TableName})` : ''}: let Feature Store create the table, so its columns and partitions follow the feature definitions.`,
    );
  }
  if (!catalog?.TableName || !catalog.Database) {
    if (!offline.DisableGlueTableCreation) problems.push('Feature Store reports no Glue table for the offline store (OfflineStoreConfig.DataCatalogConfig).');
    return fail(...problems);
  }
  if (catalog.Database.toLowerCase() !== database.toLowerCase()) {
    problems.push(
      `The offline store is catalogued in the Glue database ${catalog.Database}, not in the lab database ${database} (stack output GlueDatabaseName)${catalog.Database === 'sagemaker_featurestore' ? ', the database Feature Store picks when the request names none' : ''}. The scenario keeps the features beside the lake's other tables, and teardown removes the lab database's tables with the stack. The catalog is chosen when the group is created (DataCatalogConfig): create it again.`,
    );
    return fail(...problems);
  }
  if (!offline.DisableGlueTableCreation) {
    try {
      await ctx.client(GlueClient).send(new GetTableCommand({ DatabaseName: catalog.Database, Name: catalog.TableName }));
    } catch (err) {
      if (!isNotFound(err)) throw err;
      problems.push(`Feature Store reports the table ${catalog.Database}.${catalog.TableName}, but Glue has no such table: it was deleted, or Feature Store could not create it. Athena cannot query the offline store without it.`);
    }
  }
  return verdictFrom(problems, [
    `The offline store of ${FEATURE_GROUP_NAME} is Active, writes under ${uri} (${offline.TableFormat ?? 'Glue'} table format) and is catalogued as ${catalog.Database}.${catalog.TableName}.`,
  ]);
}

/** ListRecords takes at most 100 a page (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_feature_store_ListRecords.html). */
export const LIST_RECORDS_PAGE_SIZE = 100;
/** Enough pages for every shipped customer with room for others; more would only slow a run down. */
export const MAX_LIST_RECORDS_PAGES = 10;

let shipped: readonly CustomerRow[] | undefined;
/** The shipped rows, generated once (generate-data.ts is deterministic; a test holds the CSV to it). */
function shippedRows(): readonly CustomerRow[] {
  return (shipped ??= generateCustomerFeatures());
}

async function everyCustomerOnline(ctx: CheckContext): Promise<CheckVerdict> {
  const expected = new Set(shippedRows().map((r) => r.customer_id));
  let listed: { items: string[]; truncated: boolean };
  try {
    listed = await collectPages(
      paginateListRecords({ client: ctx.client(SageMakerFeatureStoreRuntimeClient) }, { FeatureGroupName: FEATURE_GROUP_NAME, MaxResults: LIST_RECORDS_PAGE_SIZE }),
      (p) => p.RecordIdentifiers,
      (p) => p.NextToken,
      MAX_LIST_RECORDS_PAGES,
    );
  } catch (err) {
    if (isServiceError(err, 'ResourceNotFound')) return fail(`There is no feature group named ${FEATURE_GROUP_NAME} with an online store to list.`);
    throw err;
  }
  const ids = new Set(listed.items);
  const found = [...expected].filter((id) => ids.has(id));
  const others = [...ids].filter((id) => !expected.has(id));
  if (found.length === expected.size) {
    return pass(`All ${CUSTOMER_COUNT} customers of the shipped data have a record in the online store of ${FEATURE_GROUP_NAME}${others.length > 0 ? ` (and ${others.length} other record identifier(s), such as ${others[0]})` : ''}.`);
  }
  if (listed.truncated) {
    return undecided(`The first ${listed.items.length} record identifiers of ${FEATURE_GROUP_NAME} hold ${found.length} of the ${CUSTOMER_COUNT} shipped customers, and ListRecords had more pages than the check reads (${MAX_LIST_RECORDS_PAGES} of ${LIST_RECORDS_PAGE_SIZE}).`);
  }
  const missing = [...expected].filter((id) => !ids.has(id));
  const findings = [`The online store of ${FEATURE_GROUP_NAME} holds ${found.length} of the ${CUSTOMER_COUNT} customers of the shipped data; missing ${missing.length}, such as ${missing.slice(0, 5).join(', ')}.`];
  if (others.length > 0) {
    findings.push(`It holds ${others.length} record identifier(s) that are no customer of the shipped data, such as ${others.slice(0, 3).join(', ')}: ${RECORD_IDENTIFIER} values must be ingested as they are (C0001 ... C0${CUSTOMER_COUNT}), as text.`);
  }
  findings.push(
    `The online store keeps one record per ${RECORD_IDENTIFIER}, whatever the number of rows ingested for it; ingest every row of the shipped file (a PutRecord that fails, for example on a value its feature type refuses, leaves the customer out: ${DOCS.putRecord}).`,
  );
  return fail(...findings);
}

async function latestRecordOnline(ctx: CheckContext): Promise<CheckVerdict> {
  let record;
  try {
    record = (await ctx.client(SageMakerFeatureStoreRuntimeClient).send(new GetRecordCommand({ FeatureGroupName: FEATURE_GROUP_NAME, RecordIdentifierValueAsString: PROBE_CUSTOMER }))).Record;
  } catch (err) {
    if (isServiceError(err, 'ResourceNotFound')) return fail(`There is no feature group named ${FEATURE_GROUP_NAME} with an online store to read.`);
    throw err;
  }
  // GetRecord answers an identifier it does not hold with an empty result, not an error
  // (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_feature_store_GetRecord.html).
  if (!record || record.length === 0) return fail(`The online store of ${FEATURE_GROUP_NAME} has no record for ${PROBE_CUSTOMER}.`);
  // A replayed cassette (lib/cassette) revives every ISO-8601 string as a Date, the event time's
  // ValueAsString included: read it back as the ISO text AWS sent.
  const text = (v: unknown): string | undefined => (v instanceof Date ? v.toISOString() : (v as string | undefined));
  const values = new Map(record.map((v) => [v.FeatureName ?? '', text(v.ValueAsString)]));
  const [latest, older] = snapshotsOf(shippedRows(), PROBE_CUSTOMER);
  const type = (c: Column): FeatureType => COLUMN_TYPES[c][0];
  const differs = (row: CustomerRow) => COLUMNS.filter((c) => values.get(c) === undefined || !sameValue(c, type(c), values.get(c)!, row[c]));
  const wrong = differs(latest!);
  if (wrong.length === 0) {
    return pass(`GetRecord for ${PROBE_CUSTOMER} returns the snapshot of ${latest![EVENT_TIME_FEATURE]}, value for value (${COLUMNS.filter((c) => c !== RECORD_IDENTIFIER).map((c) => `${c} ${values.get(c)}`).join(', ')}).`);
  }
  if (older && differs(older).length === 0) {
    return fail(
      `GetRecord for ${PROBE_CUSTOMER} returns the older snapshot, of ${older[EVENT_TIME_FEATURE]}, not the latest one of ${latest![EVENT_TIME_FEATURE]}: the churn service would score the customer on last month's features.`,
      `The online store keeps, per ${RECORD_IDENTIFIER}, the record with the latest event time: a record whose event time is not later than the stored one goes to the offline store only (${DOCS.putRecord}). With the shipped ${EVENT_TIME_FEATURE} values that is November whatever the order of ingestion; it is October only if the event times you ingested were not the data's own.`,
    );
  }
  const eventTime = values.get(EVENT_TIME_FEATURE);
  const shippedTimes = SNAPSHOT_TIMES.map((t) => dayOf(t));
  if (eventTime !== undefined && !shippedTimes.includes(dayOf(eventTime))) {
    return fail(
      `The record of ${PROBE_CUSTOMER} has ${EVENT_TIME_FEATURE} ${eventTime}, which is no snapshot time of the shipped data (${SNAPSHOT_TIMES.join(', ')}): the event time was set to when you ingested, not to when the features were observed.`,
      `Then the online store keeps whichever row was written last (the shipped file ends with the October backfill), and the offline store can no longer tell which features were known at a given time, so a point-in-time training set would leak later features into earlier labels. Ingest each row with its own ${EVENT_TIME_FEATURE}.`,
    );
  }
  return fail(
    `GetRecord for ${PROBE_CUSTOMER} differs from its latest snapshot (${latest![EVENT_TIME_FEATURE]}) in ${wrong
      .map((c) => `${c}: ${values.get(c) === undefined ? 'missing' : `'${values.get(c)}'`}, expected '${latest![c]}'`)
      .join('; ')}.`,
    'The features served at inference must be the ones the model was trained on: ingest the shipped values unchanged, each with the feature type it is defined with.',
  );
}

async function offlineFilesWritten(ctx: CheckContext): Promise<CheckVerdict> {
  const group = await featureGroup(ctx);
  if (isVerdict(group)) return group;
  const resolved = group.OfflineStoreConfig?.S3StorageConfig?.ResolvedOutputS3Uri;
  const location = resolved ? parseOfflineUri(resolved) : undefined;
  if (!location) return undecided(`DescribeFeatureGroup gives no ResolvedOutputS3Uri for the offline store of ${FEATURE_GROUP_NAME} (${resolved ?? 'none'}), so the check cannot tell where its files are.`);
  const prefix = asFolder(location.key);
  const where = `s3://${location.bucket}/${prefix}`;
  const { objects, truncated, bucketMissing } = await objectsUnder(ctx, location.bucket, prefix);
  if (bucketMissing) return fail(`The bucket of the offline store, ${location.bucket}, does not exist. The lab bucket is part of the lab stack: redeploy the lab (\`mllab deploy ${LAB_ID}\`).`);
  const parquet = objects.filter((o) => o.key.endsWith('.parquet') && !o.key.slice(prefix.length).startsWith('metadata/'));
  if (parquet.length === 0) {
    if (truncated) return undecided(`The first ${objects.length} objects under ${where} hold no Parquet file, and the listing stopped at its page cap.`);
    return fail(
      `${where}, where Feature Store writes the offline store of ${FEATURE_GROUP_NAME}, holds no Parquet file yet.`,
      `Feature Store buffers ingested records and writes them to S3 within 15 minutes (${DOCS.offline}); if more time has passed, the offline store could not write (see its status in DescribeFeatureGroup) or nothing was ingested.`,
    );
  }
  const days = new Set(parquet.map((o) => partitionDayOf(o.key)).filter((d): d is string => d !== undefined));
  const wanted = SNAPSHOT_TIMES.map((t) => dayOf(t)!);
  const missing = wanted.filter((d) => !days.has(d));
  const bytes = parquet.reduce((sum, o) => sum + o.size, 0);
  if (missing.length === 0) {
    return pass(`${parquet.length} Parquet file(s) (${formatBytes(bytes)}) under ${where}, in the event-time partitions of both snapshots (${wanted.join(', ')}).`);
  }
  if (truncated) return undecided(`The files the check read under ${where} have no partition for ${missing.join(', ')}, but the listing stopped at its page cap before the rest.`);
  const other = [...days].filter((d) => !wanted.includes(d)).sort();
  if (missing.length === wanted.length) {
    return fail(
      `The ${parquet.length} Parquet file(s) under ${where} are in the partition(s) of ${other.join(', ') || 'no recognisable day'}, none of the shipped snapshots' days (${wanted.join(', ')}).`,
      `The offline store partitions files by event time (${DOCS.offline}); these days are when the rows were ingested, so the event times written were the ingestion times. A training set selected "as of" a date then gets features from the wrong month: ingest each row with its own ${EVENT_TIME_FEATURE}.`,
    );
  }
  return fail(
    `The offline store has files for ${wanted.filter((d) => days.has(d)).join(', ')} but none for ${missing.join(', ')}: one snapshot of the shipped data was not ingested (or not yet written; Feature Store writes within 15 minutes).`,
    'The offline store is where the history lives: a training set of churn labels from October needs the October features, which the online store no longer holds once November is ingested. Ingest every row of the shipped file.',
  );
}

const succeeded = (q: QueryExecution) => q.Status?.State === 'SUCCEEDED';

function describeQuery(q: QueryExecution): string {
  const text = (q.Query ?? '').replace(/\s+/g, ' ').trim();
  return `"${text.length > 90 ? `${text.slice(0, 90)}...` : text}" (id ${q.QueryExecutionId}, ${q.Status?.State})`;
}

async function offlineTableQueried(ctx: CheckContext): Promise<CheckVerdict> {
  const [group, history] = await Promise.all([featureGroup(ctx), workgroupQueries(ctx)]);
  if (isVerdict(group)) return group;
  const table = group.OfflineStoreConfig?.DataCatalogConfig?.TableName;
  if (!table) return fail(`${FEATURE_GROUP_NAME} reports no Glue table for its offline store, so there is nothing to query.`);
  const onTable = history.queries.filter((q) => readsData(q.Query ?? '') && readsFrom(q.Query ?? '', table));
  const read = onTable.find((q) => succeeded(q) && (q.Statistics?.DataScannedInBytes ?? 0) > 0);
  if (read) return pass(`A query of ${table} succeeded in ${history.workGroup} and scanned ${formatBytes(read.Statistics!.DataScannedInBytes!)}: ${describeQuery(read)}.`);
  if (historyIncomplete(history)) {
    return undecided(`None of the ${history.queries.length} queries the check could read scanned data of ${table}, but ${unseenHistory(history)}. Query ${table} in ${history.workGroup} again and check again.`);
  }
  if (onTable.some(succeeded)) {
    const empty = onTable.find(succeeded)!;
    return fail(
      `Your queries of ${table} in ${history.workGroup} succeeded but scanned no data, such as ${describeQuery(empty)}: the table had no files when they ran, or Athena reused an earlier empty result.`,
      `The offline store receives its files up to 15 minutes after ingestion (${DOCS.offline}); query again once they are there, with query result reuse off.`,
    );
  }
  if (onTable.length > 0) {
    return fail(`No query of ${table} succeeded in ${history.workGroup}; the latest attempts: ${onTable.slice(0, 3).map((q) => `${describeQuery(q)}: ${failureReason(q)}`).join('; ')}.`);
  }
  return fail(
    history.queries.length === 0
      ? `No query ran in the workgroup ${history.workGroup} in the last 45 days (Athena keeps that much history).`
      : `None of the ${history.queries.length} recent queries in ${history.workGroup} reads from ${table}, the offline store's table.`,
    `Query the table Feature Store catalogued (${group.OfflineStoreConfig?.DataCatalogConfig?.Database}.${table}) in the lab workgroup: that is how a training set is selected from the offline store (${DOCS.athena}).`,
  );
}

export const checks = defineChecks(lab, {
  R1: featureGroupDefined,
  R2: offlineStoreConfigured,
  R3: everyCustomerOnline,
  R4: latestRecordOnline,
  R5: offlineFilesWritten,
  R6: offlineTableQueried,
});
