// The datalake-athena lab's reference state (what the account looks like after the reference
// solution), as the SDK returns it, plus the wrong states the tests derive from it. Shapes follow
// the SDK output types; values follow what Glue crawlers and Athena CTAS write.
import { AthenaClient, BatchGetQueryExecutionCommand, ListQueryExecutionsCommand, type QueryExecution } from '@aws-sdk/client-athena';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { GetCrawlerCommand, GetPartitionsCommand, GetTableCommand, GetTablesCommand, GlueClient, type Crawler, type Partition, type Table } from '@aws-sdk/client-glue';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sampleDataDir } from '../../../lib/environments/datalake-environment';
import { CURATED_TABLE, LAB_ID, lab } from '../../../labs/datalake-athena/lab';
import { comparisonSql, ctasSql } from '../../../labs/datalake-athena/solution';
import { awsError, mockStackOutputs } from '../../support/check-harness';

export const ACCOUNT = '111122223333';
export const BUCKET = 'mllab-datalake-athena-labbucketa1b2c3d4-1x2y3z4w5v6u';
export const DATABASE = 'mllab_datalake_athena';
export const CRAWLER = 'DataLakeCrawler4F1C9B2E-7Qk2xZpLm3Vw';
export const WORKGROUP = 'MlLab-datalake-athena';
export const RESULTS = `s3://${BUCKET}/athena-results/`;
export const OUTPUTS = {
  DataLakeBucketName: BUCKET,
  GlueDatabaseName: DATABASE,
  CrawlerName: CRAWLER,
  WorkGroupName: WORKGROUP,
  AthenaResultsLocation: RESULTS,
};
/** The environment's two sample days, then the lab's three bigger days. */
export const DAYS = ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09'];
/** The day the reference comparison runs on: one of the lab's days with thousands of rides. */
export const COMPARISON_DAY = '2026-01-07';
/** The crawler names the table after the folder above the dt= partitions. */
export const RAW_TABLE = 'rides';
export const RAW_LOCATION = `s3://${BUCKET}/raw/rides/`;

export const IDS = {
  count: '0f4b1c52-6a0e-4d7b-9a51-3c1f2e8d7a10',
  ctas: '7d2e9a43-1b8c-4f0e-b6d5-92a4c3e1f087',
  compareRaw: 'a3c5e7f9-2b4d-4f6a-8c0e-1d3f5a7b9c21',
  compareCurated: 'c9e1a3b5-4d6f-4a8c-9e0a-2b4c6d8e0f32',
};

const t = (iso: string) => new Date(iso);
/** The columns the crawler infers from the sample's header and values. */
export const columns = [
  { Name: 'ride_id', Type: 'bigint' },
  { Name: 'pickup_time', Type: 'string' },
  { Name: 'pickup_zone', Type: 'string' },
  { Name: 'dropoff_zone', Type: 'string' },
  { Name: 'distance_km', Type: 'double' },
  { Name: 'duration_min', Type: 'bigint' },
  { Name: 'fare_usd', Type: 'double' },
  { Name: 'tip_usd', Type: 'double' },
  { Name: 'payment_type', Type: 'string' },
  { Name: 'passengers', Type: 'bigint' },
];
const crawlerParameters = {
  classification: 'csv',
  delimiter: ',',
  'skip.header.line.count': '1',
  columnsOrdered: 'true',
  areColumnsQuoted: 'false',
  compressionType: 'none',
  typeOfData: 'file',
  CrawlerSchemaSerializerVersion: '1.0',
  CrawlerSchemaDeserializerVersion: '1.0',
  UPDATED_BY_CRAWLER: CRAWLER,
  recordCount: '12120',
  averageRecordSize: '77',
  objectCount: '5',
  sizeKey: '934703',
};

export function crawler(): Crawler {
  return {
    Name: CRAWLER,
    Role: `arn:aws:iam::${ACCOUNT}:role/MlLab-datalake-athena-CrawlerRole5B1F8E3C-1A2B3C4D5E6F`,
    Targets: { S3Targets: [{ Path: `s3://${BUCKET}/raw/`, Exclusions: [] }], JdbcTargets: [], MongoDBTargets: [], DynamoDBTargets: [], CatalogTargets: [], DeltaTargets: [] },
    DatabaseName: DATABASE,
    Classifiers: [],
    RecrawlPolicy: { RecrawlBehavior: 'CRAWL_EVERYTHING' },
    SchemaChangePolicy: { UpdateBehavior: 'UPDATE_IN_DATABASE', DeleteBehavior: 'DEPRECATE_IN_DATABASE' },
    LineageConfiguration: { CrawlerLineageSettings: 'DISABLE' },
    State: 'READY',
    CrawlElapsedTime: 0,
    CreationTime: t('2026-01-10T09:02:11.000Z'),
    LastUpdated: t('2026-01-10T09:02:11.000Z'),
    LastCrawl: { Status: 'SUCCEEDED', LogGroup: '/aws-glue/crawlers', LogStream: CRAWLER, MessagePrefix: '5e1f0c3a-8b7d-4e2f-9a6c-0d4b3e2f1a90', StartTime: t('2026-01-10T09:10:02.000Z') },
    Version: 1,
    LakeFormationConfiguration: { UseLakeFormationCredentials: false, AccountId: '' },
  };
}

export function rawTable(): Table {
  return {
    Name: RAW_TABLE,
    DatabaseName: DATABASE,
    Owner: 'owner',
    CreateTime: t('2026-01-10T09:11:20.000Z'),
    UpdateTime: t('2026-01-10T09:11:20.000Z'),
    LastAccessTime: t('2026-01-10T09:11:20.000Z'),
    Retention: 0,
    StorageDescriptor: {
      Columns: columns,
      Location: RAW_LOCATION,
      InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
      Compressed: false,
      NumberOfBuckets: -1,
      SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe', Parameters: { 'field.delim': ',' } },
      BucketColumns: [],
      SortColumns: [],
      Parameters: crawlerParameters,
      StoredAsSubDirectories: false,
    },
    PartitionKeys: [{ Name: 'dt', Type: 'string' }],
    TableType: 'EXTERNAL_TABLE',
    Parameters: crawlerParameters,
    CreatedBy: `arn:aws:sts::${ACCOUNT}:assumed-role/MlLab-datalake-athena-CrawlerRole5B1F8E3C-1A2B3C4D5E6F/AWS-Crawler`,
    IsRegisteredWithLakeFormation: false,
    CatalogId: ACCOUNT,
    VersionId: '0',
  };
}

export function curatedTable(): Table {
  return {
    Name: CURATED_TABLE,
    DatabaseName: DATABASE,
    Owner: 'hadoop',
    CreateTime: t('2026-01-10T09:20:41.000Z'),
    UpdateTime: t('2026-01-10T09:20:41.000Z'),
    LastAccessTime: t('1970-01-01T00:00:00.000Z'),
    Retention: 0,
    StorageDescriptor: {
      Columns: columns,
      Location: `${RESULTS}tables/${IDS.ctas}`,
      InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
      Compressed: false,
      NumberOfBuckets: 0,
      SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe', Parameters: { 'serialization.format': '1' } },
      SortColumns: [],
      StoredAsSubDirectories: false,
    },
    PartitionKeys: [{ Name: 'dt', Type: 'string' }],
    TableType: 'EXTERNAL_TABLE',
    Parameters: { EXTERNAL: 'TRUE', has_encrypted_data: 'false', 'parquet.compression': 'SNAPPY' },
    CreatedBy: `arn:aws:sts::${ACCOUNT}:assumed-role/MlLab-datalake-athena-LearnerRole/learner`,
    IsRegisteredWithLakeFormation: false,
    CatalogId: ACCOUNT,
    VersionId: '0',
  };
}

export function rawPartitions(days = DAYS): Partition[] {
  return days.map((day) => ({
    Values: [day],
    DatabaseName: DATABASE,
    TableName: RAW_TABLE,
    CreationTime: t('2026-01-10T09:11:21.000Z'),
    LastAccessTime: t('2026-01-10T09:11:21.000Z'),
    StorageDescriptor: { ...rawTable().StorageDescriptor, Location: `${RAW_LOCATION}dt=${day}/` },
    Parameters: crawlerParameters,
    CatalogId: ACCOUNT,
  }));
}

function query(id: string, sql: string, submitted: string, bytes: number, extra: Partial<QueryExecution> = {}): QueryExecution {
  const isCtas = /^\s*create/i.test(sql);
  return {
    QueryExecutionId: id,
    Query: sql,
    StatementType: 'DML',
    SubstatementType: isCtas ? 'CREATE_TABLE_AS_SELECT' : 'SELECT',
    ResultConfiguration: { OutputLocation: isCtas ? `${RESULTS}tables/${id}` : `${RESULTS}${id}.csv` },
    ResultReuseConfiguration: { ResultReuseByAgeConfiguration: { Enabled: false } },
    QueryExecutionContext: { Database: DATABASE, Catalog: 'awsdatacatalog' },
    Status: { State: 'SUCCEEDED', SubmissionDateTime: t(submitted), CompletionDateTime: t(new Date(Date.parse(submitted) + 2_400).toISOString()) },
    Statistics: {
      EngineExecutionTimeInMillis: 1_812,
      DataScannedInBytes: bytes,
      TotalExecutionTimeInMillis: 2_103,
      QueryQueueTimeInMillis: 71,
      ServicePreProcessingTimeInMillis: 52,
      QueryPlanningTimeInMillis: 412,
      ServiceProcessingTimeInMillis: 68,
      ResultReuseInformation: { ReusedPreviousResult: false },
      ...(isCtas ? { DataManifestLocation: `${RESULTS}tables/${id}-manifest.csv` } : {}),
    },
    WorkGroup: WORKGROUP,
    EngineVersion: { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' },
    ...extra,
  };
}

/** Newest first, as the checks sort them. */
export function queries(): QueryExecution[] {
  return [
    query(IDS.compareCurated, comparisonSql(DATABASE, CURATED_TABLE, COMPARISON_DAY), '2026-01-10T09:24:10.000Z', 41_236),
    query(IDS.compareRaw, comparisonSql(DATABASE, RAW_TABLE, COMPARISON_DAY), '2026-01-10T09:23:02.000Z', 308_405),
    query(IDS.ctas, ctasSql(DATABASE, RAW_TABLE), '2026-01-10T09:20:30.000Z', 934_703),
    query(IDS.count, `SELECT count(*) FROM "${DATABASE}"."${RAW_TABLE}"`, '2026-01-10T09:15:44.000Z', 934_703),
  ];
}

export { query as queryExecution };

export interface S3Object {
  readonly Key: string;
  readonly Size: number;
}

/** What the Data lake environment uploads (data/datalake-sample). */
export function rawObjects(days = DAYS): S3Object[] {
  return days.map((day, i) => ({ Key: `raw/rides/dt=${day}/rides.csv`, Size: i < 2 ? 4_748 + i * 17 : 308_405 + i * 21 }));
}

export function curatedObjects(days = DAYS): S3Object[] {
  return days.map((day, i) => ({ Key: `athena-results/tables/${IDS.ctas}/dt=${day}/20260110_092030_00007_x7k2m_0b6c${i}e4f-8a1d-4c3b-9e2f-5d7a1c0b3e8${i}`, Size: i < 2 ? 3_212 + i * 41 : 118_950 + i * 37 }));
}

export interface DatalakeState {
  crawler: Crawler | 'missing';
  tables: Table[];
  curated: Table | 'missing';
  rawPartitions: Partition[];
  /** The objects under the raw table's location. */
  rawObjects: S3Object[];
  curatedObjects: S3Object[];
  queries: QueryExecution[];
}

export function referenceState(): DatalakeState {
  return {
    crawler: crawler(),
    tables: [rawTable(), curatedTable()],
    curated: curatedTable(),
    rawPartitions: rawPartitions(),
    rawObjects: rawObjects(),
    curatedObjects: curatedObjects(),
    queries: queries(),
  };
}

export interface Stubs {
  readonly cfn: AwsStub<any, any, any>;
  readonly glue: AwsStub<any, any, any>;
  readonly athena: AwsStub<any, any, any>;
  /** Absent when S3 is a real emulator (the wire tests). */
  readonly s3?: AwsStub<any, any, any>;
}

/** Answers every read the lab's checks send with `state`. */
export function mockState(stubs: Stubs, state: DatalakeState): void {
  mockStackOutputs(stubs.cfn, LAB_ID, OUTPUTS);
  if (state.crawler === 'missing') stubs.glue.on(GetCrawlerCommand).rejects(awsError('EntityNotFoundException', `Crawler with name ${CRAWLER} not found`));
  else stubs.glue.on(GetCrawlerCommand, { Name: CRAWLER }).resolves({ Crawler: state.crawler });
  stubs.glue.on(GetTablesCommand, { DatabaseName: DATABASE }).resolves({ TableList: state.tables });
  if (state.curated === 'missing') stubs.glue.on(GetTableCommand).rejects(awsError('EntityNotFoundException', `Table ${CURATED_TABLE} not found.`));
  else stubs.glue.on(GetTableCommand, { DatabaseName: DATABASE, Name: CURATED_TABLE }).resolves({ Table: state.curated });
  stubs.glue.on(GetPartitionsCommand, { DatabaseName: DATABASE, TableName: RAW_TABLE }).resolves({ Partitions: state.rawPartitions });
  stubs.athena.on(ListQueryExecutionsCommand, { WorkGroup: WORKGROUP }).resolves({ QueryExecutionIds: state.queries.map((q) => q.QueryExecutionId!) });
  stubs.athena.on(BatchGetQueryExecutionCommand).callsFake((input: { QueryExecutionIds: string[] }) => ({
    QueryExecutions: state.queries.filter((q) => input.QueryExecutionIds.includes(q.QueryExecutionId!)),
    UnprocessedQueryExecutionIds: [],
  }));
  if (!stubs.s3) return;
  stubs.s3.on(ListObjectsV2Command, { Bucket: BUCKET, Prefix: 'raw/rides/' }).resolves({
    IsTruncated: false,
    Name: BUCKET,
    Prefix: 'raw/rides/',
    MaxKeys: 1000,
    Contents: state.rawObjects.map((o) => ({ ...o, ETag: '"5d41402abc4b2a76b9719d911017c592"', StorageClass: 'STANDARD', LastModified: t('2026-01-10T09:00:00.000Z') })),
    KeyCount: state.rawObjects.length,
  });
  const curatedPrefix = `athena-results/tables/${IDS.ctas}/`;
  stubs.s3.on(ListObjectsV2Command, { Bucket: BUCKET, Prefix: curatedPrefix }).resolves({
    IsTruncated: false,
    Name: BUCKET,
    Prefix: curatedPrefix,
    MaxKeys: 1000,
    Contents: state.curatedObjects.map((o) => ({ ...o, ETag: '"9b2cf535f27731c974343645a3985328"', StorageClass: 'STANDARD', LastModified: t('2026-01-10T09:20:39.000Z') })),
    KeyCount: state.curatedObjects.length,
  });
}

/** Mocks of every client the lab's checks use, reset before each test of the calling file. */
export function mockDatalakeClients(): Required<Stubs> {
  const stubs = { cfn: mockClient(CloudFormationClient), glue: mockClient(GlueClient), athena: mockClient(AthenaClient), s3: mockClient(S3Client) };
  beforeEach(() => {
    for (const stub of Object.values(stubs)) stub.reset();
  });
  return stubs;
}

/** The reference state, changed by `change`, answering every read through `stubs`. */
export function givenState(stubs: Stubs, change: (state: DatalakeState) => void = () => undefined): DatalakeState {
  const state = referenceState();
  change(state);
  mockState(stubs, state);
  return state;
}

export const findingsOf = (r: { findings: readonly string[] }) => r.findings.join('\n');

function filesUnder(root: string, dir = root): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? filesUnder(root, path) : [relative(root, path).split('\\').join('/')];
    });
}

/** What deploying the lab uploads, as bucket keys and local files: the environment's sample, then the lab's own days. */
export function deployedFiles(): { key: string; file: string }[] {
  const labData = join(__dirname, '..', '..', '..', 'labs', 'datalake-athena');
  return [
    ...filesUnder(sampleDataDir()).map((f) => ({ key: f, file: join(sampleDataDir(), f) })),
    ...lab.datasets!.flatMap((d) => filesUnder(join(labData, d.dir)).map((f) => ({ key: `${d.keyPrefix}${f}`, file: join(labData, d.dir, f) }))),
  ];
}
