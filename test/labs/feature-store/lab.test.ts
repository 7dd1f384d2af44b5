// Each requirement of feature-store against aws-sdk-client-mock: the reference state passes, valid
// alternatives pass, plausible wrong states fail with a finding that teaches, API errors and what
// the check could not see give `error`.
import { ListQueryExecutionsCommand } from '@aws-sdk/client-athena';
import { GetTableCommand } from '@aws-sdk/client-glue';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DescribeFeatureGroupCommand } from '@aws-sdk/client-sagemaker';
import { GetRecordCommand, ListRecordsCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { snapshotsOf } from '../../../labs/feature-store/generate-data';
import { COLUMNS, FEATURE_GROUP_NAME, lab, PROBE_CUSTOMER } from '../../../labs/feature-store/lab';
import { OFFLINE_TABLE, recordOf } from '../../../labs/feature-store/solution';
import { awsError, checkRequirement } from '../../support/check-harness';
import { BUCKET, DATABASE, mockState, offlineObjects, query, referenceState, RESOLVED_PREFIX, ROWS, stubs, type FeatureStoreState } from './fixtures';

const s = stubs();
let state: FeatureStoreState;

beforeEach(() => {
  state = referenceState();
  mockState(s, state);
});

const check = (id: string) => checkRequirement(lab, id);
const findings = async (id: string) => (await check(id)).findings.join(' ');
const group = () => state.group!;
const definition = (name: string) => group().FeatureDefinitions!.find((d) => d.FeatureName === name)!;

test('the reference state passes every requirement', async () => {
  for (const r of lab.requirements) expect([r.id, (await check(r.id)).status]).toEqual([r.id, 'pass']);
});

describe('R1 the feature group', () => {
  test('passes with the reference definitions, and names each feature type', async () => {
    const result = await check('R1');
    expect(result.status).toBe('pass');
    expect(result.findings.join(' ')).toMatch(/tenure_months Integral, monthly_charges Fractional/);
  });

  test.each([
    ['a Fractional event time (Unix seconds, documented)', () => void (definition('event_time').FeatureType = 'Fractional')],
    ['the Standard_V2 online store tier', () => void (group().OnlineStoreConfig!.StorageType = 'Standard_V2')],
    ['no StorageType (Standard is the default)', () => void delete group().OnlineStoreConfig!.StorageType],
    ['an extra feature beside the shipped columns', () => void group().FeatureDefinitions!.push({ FeatureName: 'churn_score', FeatureType: 'Fractional' })],
  ])('passes with %s', async (_name, change) => {
    change();
    expect((await check('R1')).status).toBe('pass');
  });

  test('fails when a count is String: Athena would compare it as text', async () => {
    definition('tenure_months').FeatureType = 'String';
    expect((await check('R1')).status).toBe('fail');
    expect(await findings('R1')).toMatch(/tenure_months is String.*as text \('10' < '9'\)/);
  });

  test('fails when an amount with cents is Integral: the decimals are refused or lost', async () => {
    definition('monthly_charges').FeatureType = 'Integral';
    expect(await findings('R1')).toMatch(/monthly_charges is Integral, but its values have decimals/);
  });

  test('fails when the customer id is a number, and when a column has no feature', async () => {
    definition('customer_id').FeatureType = 'Integral';
    group().FeatureDefinitions = group().FeatureDefinitions!.filter((d) => d.FeatureName !== 'region');
    const text = await findings('R1');
    expect(text).toMatch(/customer ids such as C0042 are text with leading zeros/);
    expect(text).toMatch(/No feature is named region/);
  });

  test('fails without an online store, saying that GetRecord needs one', async () => {
    group().OnlineStoreConfig = { EnableOnlineStore: false };
    expect(await findings('R1')).toMatch(/no online store: the churn service reads .* GetRecord/);
  });

  test('fails on the InMemory tier', async () => {
    group().OnlineStoreConfig!.StorageType = 'InMemory';
    expect(await findings('R1')).toMatch(/InMemory tier, which runs on Amazon ElastiCache/);
  });

  test('fails with another record identifier or event time', async () => {
    group().RecordIdentifierFeatureName = 'region';
    group().EventTimeFeatureName = 'tenure_months';
    const text = await findings('R1');
    expect(text).toMatch(/record identifier is region, not customer_id/);
    expect(text).toMatch(/event time feature is tenure_months, not event_time/);
  });

  test('fails with the reason of a CreateFailed group, and while it is still Creating', async () => {
    group().FeatureGroupStatus = 'CreateFailed';
    group().FailureReason = 'The execution role ARN is invalid.';
    expect(await findings('R1')).toMatch(/failed to create: The execution role ARN is invalid/);
    group().FeatureGroupStatus = 'Creating';
    expect(await findings('R1')).toMatch(/Creating, not Created yet/);
  });

  test('fails when the group does not exist', async () => {
    delete state.group;
    expect(await findings('R1')).toMatch(/no feature group named churn-customer-features/);
  });

  test('an API error gives error', async () => {
    s.sagemaker.on(DescribeFeatureGroupCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    expect((await check('R1')).status).toBe('error');
  });
});

describe('R2 the offline store', () => {
  const offline = () => group().OfflineStoreConfig!;

  test('passes with the reference configuration', async () => {
    expect(await findings('R2')).toMatch(new RegExp(`Active, writes under s3://${BUCKET}/feature-store/ \\(Glue table format\\) and is catalogued as ${DATABASE}.${OFFLINE_TABLE}`));
  });

  test.each([
    ['the Iceberg table format', () => void (offline().TableFormat = 'Iceberg')],
    ['no trailing slash on the S3 URI', () => void (offline().S3StorageConfig!.S3Uri = `s3://${BUCKET}/feature-store`)],
    ['a deeper prefix under feature-store/', () => void (offline().S3StorageConfig!.S3Uri = `s3://${BUCKET}/feature-store/churn/`)],
    ['a virtual-hosted HTTPS URI (the API pattern allows https)', () => void (offline().S3StorageConfig!.S3Uri = `https://${BUCKET}.s3.us-east-1.amazonaws.com/feature-store/`)],
    ['the database name in upper case', () => void (offline().DataCatalogConfig!.Database = DATABASE.toUpperCase())],
  ])('passes with %s', async (_name, change) => {
    change();
    expect((await check('R2')).status).toBe('pass');
  });

  test('fails when Feature Store catalogued it in its default database, saying why the lab database', async () => {
    offline().DataCatalogConfig = { Catalog: 'AwsDataCatalog', Database: 'sagemaker_featurestore', TableName: `churn_customer_features_1796115600` };
    expect(await findings('R2')).toMatch(/Glue database sagemaker_featurestore, not in the lab database mllab_feature_store .*the database Feature Store picks when the request names none/);
  });

  test('fails when it writes outside feature-store/ of the lab bucket', async () => {
    offline().S3StorageConfig!.S3Uri = 's3://sagemaker-us-east-1-111122223333/feature-store/';
    expect(await findings('R2')).toMatch(/not under s3:\/\/mllab-feature-store-\S+\/feature-store\//);
  });

  test('fails when the offline store is Blocked, with its reason', async () => {
    group().OfflineStoreStatus = { Status: 'Blocked', BlockedReason: 'Access denied to S3 bucket' };
    expect(await findings('R2')).toMatch(/Blocked: Access denied to S3 bucket/);
  });

  test('fails without an offline store, saying what training loses', async () => {
    delete group().OfflineStoreConfig;
    delete group().OfflineStoreStatus;
    expect(await findings('R2')).toMatch(/no offline store. The online store keeps only the latest record per customer/);
  });

  test('fails when Glue table creation was disabled', async () => {
    offline().DisableGlueTableCreation = true;
    expect(await findings('R2')).toMatch(/DisableGlueTableCreation/);
  });

  test('fails when Glue has lost the table Feature Store reports', async () => {
    state.tables = [];
    expect(await findings('R2')).toMatch(/Glue has no such table/);
  });

  test('an API error gives error', async () => {
    s.glue.on(GetTableCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform glue:GetTable'));
    expect((await check('R2')).status).toBe('error');
  });
});

describe('R3 every customer online', () => {
  test('passes with the 200 customers, read over two pages', async () => {
    expect(await findings('R3')).toMatch(/All 200 customers/);
    expect(s.runtime.commandCalls(ListRecordsCommand)).toHaveLength(2);
  });

  test('passes with other record identifiers beside them, and says so', async () => {
    state.online.set('test-1', []);
    expect(await findings('R3')).toMatch(/and 1 other record identifier\(s\), such as test-1/);
  });

  test('fails when a quarter of the customers are missing, naming some', async () => {
    for (const id of [...state.online.keys()].slice(150)) state.online.delete(id);
    expect((await check('R3')).status).toBe('fail');
    expect(await findings('R3')).toMatch(/holds 150 of the 200 customers of the shipped data; missing 50, such as C0151/);
  });

  test('fails when the ids were ingested as numbers, explaining the identifier is text', async () => {
    state.online = new Map([...state.online].map(([id, r]) => [String(Number(id.slice(1))), r]));
    expect(await findings('R3')).toMatch(/holds 0 of the 200.*no customer of the shipped data, such as 1, 2, 3/);
  });

  test('gives error when ListRecords has more pages than the check reads and the customers seen are not all', async () => {
    state.online = new Map(Array.from({ length: 1200 }, (_, i) => [`z${i}`, []]));
    expect((await check('R3')).status).toBe('error');
  });

  test('an API error gives error', async () => {
    s.runtime.on(ListRecordsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform sagemaker:ListRecords'));
    expect((await check('R3')).status).toBe('error');
  });
});

describe('R4 the latest record of C0042', () => {
  const [latest, older] = snapshotsOf(ROWS, PROBE_CUSTOMER);
  const served = (change: (c: string, v: string) => string) => state.online.set(PROBE_CUSTOMER, COLUMNS.map((c) => ({ FeatureName: c, ValueAsString: change(c, latest![c]) })));

  test('passes with the November snapshot', async () => {
    expect(await findings('R4')).toMatch(/snapshot of 2026-11-30T23:00:00Z, value for value/);
  });

  test.each([
    ['Fractionals written with more digits (82.760)', (c: string, v: string) => (c === 'monthly_charges' || c === 'data_usage_gb' ? `${v}0` : v)],
    ['the event time as Unix seconds (a Fractional event time)', (c: string, v: string) => (c === 'event_time' ? String(Date.parse(v) / 1000) : v)],
    ['the event time with milliseconds (yyyy-MM-ddTHH:mm:ss.SSSZ)', (c: string, v: string) => (c === 'event_time' ? v.replace('Z', '.000Z') : v)],
  ])('passes with %s', async (_name, change) => {
    served(change);
    expect((await check('R4')).status).toBe('pass');
  });

  test('fails with the October snapshot, teaching which record the online store keeps', async () => {
    state.online.set(PROBE_CUSTOMER, recordOf(older!));
    const text = await findings('R4');
    expect(text).toMatch(/returns the older snapshot, of 2026-10-31T23:00:00Z/);
    expect(text).toMatch(/the record with the latest event time/);
  });

  test('fails when the event time is the ingestion time, teaching point-in-time training sets', async () => {
    state.online.set(PROBE_CUSTOMER, recordOf({ ...older!, event_time: '2026-12-01T09:05:12Z' }));
    const text = await findings('R4');
    expect(text).toMatch(/event_time 2026-12-01T09:05:12Z, which is no snapshot time of the shipped data/);
    expect(text).toMatch(/point-in-time training set would leak later features/);
  });

  test('fails when a value was changed on the way in (rounded charges)', async () => {
    served((c, v) => (c === 'monthly_charges' ? String(Math.round(Number(v))) : v));
    expect(await findings('R4')).toMatch(/monthly_charges: '83', expected '82.76'/);
  });

  test('fails when the online store has no record for C0042', async () => {
    state.online.delete(PROBE_CUSTOMER);
    expect(await findings('R4')).toMatch(/no record for C0042/);
  });

  test('an API error gives error', async () => {
    s.runtime.on(GetRecordCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    expect((await check('R4')).status).toBe('error');
  });
});

describe('R5 the offline store in S3', () => {
  test('passes with a file in each snapshot partition', async () => {
    expect(await findings('R5')).toMatch(/2 Parquet file\(s\) .* both snapshots \(2026-10-31, 2026-11-30\)/);
  });

  test('passes with the Iceberg layout (<event time>_trunc=YYYY-MM-DD)', async () => {
    state.objects = ['2026-10-31', '2026-11-30'].map((d, i) => ({ Key: `${RESOLVED_PREFIX}/0aec19ca/event_time_trunc=${d}/20261201T091500Z_yolTtpyuWbkaeGI${i}.parquet`, Size: 9000 }));
    state.objects.push({ Key: `${RESOLVED_PREFIX.replace(/\/data$/, '')}/metadata/00001.metadata.json`, Size: 2000 });
    expect((await check('R5')).status).toBe('pass');
  });

  test('fails before the first files are written, saying it takes up to 15 minutes', async () => {
    state.objects = [];
    expect(await findings('R5')).toMatch(/holds no Parquet file yet.*within 15 minutes/);
  });

  test('fails when every file is in the ingestion day: the event time was the ingestion time', async () => {
    state.objects = offlineObjects(['2026-12-01']);
    expect(await findings('R5')).toMatch(/partition\(s\) of 2026-12-01, none of the shipped snapshots' days.*were the ingestion times/);
  });

  test('fails when only November was ingested: the offline store is the history', async () => {
    state.objects = offlineObjects(['2026-11-30']);
    expect(await findings('R5')).toMatch(/none for 2026-10-31.*needs the October features/);
  });

  test('gives error when Feature Store reports no resolved location', async () => {
    delete group().OfflineStoreConfig!.S3StorageConfig!.ResolvedOutputS3Uri;
    expect((await check('R5')).status).toBe('error');
  });

  test('an API error gives error', async () => {
    s.s3!.on(ListObjectsV2Command).rejects(awsError('AccessDenied', 'Access Denied', 403));
    expect((await check('R5')).status).toBe('error');
  });
});

describe('R6 the offline table queried', () => {
  test('passes with the point-in-time query, and says how much it scanned', async () => {
    expect(await findings('R6')).toMatch(/A query of churn_customer_features succeeded in MlLab-feature-store and scanned 28.7 KB/);
  });

  test.each([
    ['a bare table name', `SELECT count(*) FROM ${OFFLINE_TABLE}`],
    ['backticked names', `SELECT * FROM \`${DATABASE}\`.\`${OFFLINE_TABLE}\` LIMIT 10`],
    ['a CTAS that selects from it', `CREATE TABLE training_set AS SELECT * FROM "${DATABASE}"."${OFFLINE_TABLE}"`],
  ])('passes with %s', async (_name, sql) => {
    state.queries = [query({ Query: sql })];
    expect((await check('R6')).status).toBe('pass');
  });

  test('fails when the queries scanned nothing: the files were not there yet', async () => {
    state.queries = [query({ Query: `SELECT * FROM "${DATABASE}"."${OFFLINE_TABLE}"`, Statistics: { DataScannedInBytes: 0 } })];
    expect(await findings('R6')).toMatch(/succeeded but scanned no data.*up to 15 minutes/);
  });

  test('fails with Athena\'s reason when the queries failed', async () => {
    state.queries = [query({ Query: `SELECT * FROM "${DATABASE}"."${OFFLINE_TABLE}"`, Status: { State: 'FAILED', AthenaError: { ErrorMessage: 'Insufficient permissions to execute the query.' } } })];
    expect(await findings('R6')).toMatch(/No query of churn_customer_features succeeded.*Insufficient permissions/);
  });

  test('fails when the queries read other tables', async () => {
    state.queries = [query({ Query: 'SELECT * FROM rides LIMIT 10' })];
    expect(await findings('R6')).toMatch(/None of the 1 recent queries .* reads from churn_customer_features/);
  });

  test('gives error when older queries exist beyond what the check reads', async () => {
    state.queries = [query({ Query: 'SELECT 1' })];
    s.athena.on(ListQueryExecutionsCommand).resolves({ QueryExecutionIds: state.queries.map((q) => q.QueryExecutionId!), NextToken: 'more' });
    expect((await check('R6')).status).toBe('error');
  });

  test('an API error gives error', async () => {
    s.athena.on(ListQueryExecutionsCommand).rejects(awsError('InvalidRequestException', 'WorkGroup is not found.'));
    expect((await check('R6')).status).toBe('error');
  });
});

test('the group name the checks read is the one the lab states', () => {
  expect(FEATURE_GROUP_NAME).toBe('churn-customer-features');
});
