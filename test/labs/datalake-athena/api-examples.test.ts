// Fixtures built from what the AWS API references document for the operations this lab reads,
// adapted to the scenario's names, so the checks are proven on AWS's shapes and not only on our
// own fixtures and cassettes. Where a reference page has a sample response (S3 ListObjectsV2) the
// fixture follows it; the Glue and Athena API pages document a response syntax and no sample, so
// their fixtures follow the syntax and the AWS CLI's published examples of the same operations.
// The lab does not read Glue GetDatabase, Athena GetQueryExecution or Athena GetWorkGroup (the
// database is read through GetTables, the history through BatchGetQueryExecution, the workgroup
// through its stack output), so they have no fixture here.
import { AthenaClient, BatchGetQueryExecutionCommand, ListQueryExecutionsCommand, type QueryExecution } from '@aws-sdk/client-athena';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { GetCrawlerCommand, GetPartitionsCommand, GetTableCommand, GetTablesCommand, GlueClient, type Crawler, type Partition, type Table } from '@aws-sdk/client-glue';
import { ListObjectsV2Command, S3Client, type ListObjectsV2Output } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { CURATED_TABLE, lab, LAB_ID } from '../../../labs/datalake-athena/lab';
import { comparisonSql, ctasSql } from '../../../labs/datalake-athena/solution';
import { checkRequirement, mockStackOutputs } from '../../support/check-harness';
import { runLabWith, statusesOf } from '../../support/replay';
import { ACCOUNT, BUCKET, columns, COMPARISON_DAY, CRAWLER, DATABASE, DAYS, findingsOf, OUTPUTS, RAW_LOCATION, RAW_TABLE, RESULTS, WORKGROUP } from './fixtures';

const cfn = mockClient(CloudFormationClient);
const glue = mockClient(GlueClient);
const athena = mockClient(AthenaClient);
const s3 = mockClient(S3Client);


// https://docs.aws.amazon.com/glue/latest/webapi/API_GetCrawler.html (response syntax: Crawler,
// with LastCrawl https://docs.aws.amazon.com/glue/latest/webapi/API_LastCrawlInfo.html).
function getCrawler(status: 'SUCCEEDED' | 'FAILED'): { Crawler: Crawler } {
  return {
    Crawler: {
      Name: CRAWLER,
      Role: `arn:aws:iam::${ACCOUNT}:role/service-role/AWSGlueServiceRole-datalake`,
      Targets: { S3Targets: [{ Path: `s3://${BUCKET}/raw/` }] },
      DatabaseName: DATABASE,
      Classifiers: [],
      SchemaChangePolicy: { UpdateBehavior: 'UPDATE_IN_DATABASE', DeleteBehavior: 'DEPRECATE_IN_DATABASE' },
      State: 'READY',
      CrawlElapsedTime: 0,
      CreationTime: new Date(1_767_949_331_000),
      LastUpdated: new Date(1_767_949_331_000),
      LastCrawl: {
        Status: status,
        ...(status === 'FAILED' ? { ErrorMessage: 'Insufficient Lake Formation permission(s) on mllab_datalake_athena' } : {}),
        LogGroup: '/aws-glue/crawlers',
        LogStream: CRAWLER,
        MessagePrefix: 'c3a0b5e2-93f1-4d7e-8a26-5b1f0e9d4c77',
        StartTime: new Date(1_767_949_802_000),
      },
      Version: 1,
    },
  };
}

// https://docs.aws.amazon.com/glue/latest/webapi/API_GetTables.html (response syntax: TableList),
// in the shape of the AWS CLI's get-tables example
// (https://docs.aws.amazon.com/cli/latest/reference/glue/get-tables.html), with the properties a
// crawler sets (https://docs.aws.amazon.com/glue/latest/dg/table-properties-crawler.html).
function crawlerTable(): Table {
  return {
    Name: RAW_TABLE,
    DatabaseName: DATABASE,
    CreateTime: new Date(1_767_949_880_000),
    UpdateTime: new Date(1_767_949_880_000),
    Retention: 0,
    // The members the CLI example shows, in its order.
    StorageDescriptor: { Columns: columns, Location: RAW_LOCATION, Compressed: false, NumberOfBuckets: 0, SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe' }, SortColumns: [], StoredAsSubDirectories: false },
    PartitionKeys: [{ Name: 'dt', Type: 'string' }],
    TableType: 'EXTERNAL_TABLE',
    Parameters: { UPDATED_BY_CRAWLER: CRAWLER, classification: 'csv', compressionType: 'none', typeOfData: 'file', 'skip.header.line.count': '1', recordCount: '12120', objectCount: '5' },
    CreatedBy: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSGlueServiceRole-datalake/AWS-Crawler`,
    IsRegisteredWithLakeFormation: false,
    CatalogId: ACCOUNT,
  };
}

/** The CLI example's own tables: made by an IAM user, `Parameters` holding only the classification. */
function handMadeTable(): Table {
  const table = crawlerTable();
  return { ...table, Parameters: { classification: 'csv' }, CreatedBy: `arn:aws:iam::${ACCOUNT}:user/analyst` };
}

// https://docs.aws.amazon.com/glue/latest/webapi/API_GetTable.html (response syntax: Table), as
// Athena writes a Parquet CTAS table under the enforced results location.
function curatedTable(queryId: string): Table {
  return {
    Name: CURATED_TABLE,
    DatabaseName: DATABASE,
    Owner: 'hadoop',
    CreateTime: new Date(1_767_950_441_000),
    Retention: 0,
    StorageDescriptor: {
      Columns: columns,
      Location: `${RESULTS}tables/${queryId}`,
      InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
      SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
    },
    PartitionKeys: [{ Name: 'dt', Type: 'string' }],
    TableType: 'EXTERNAL_TABLE',
    Parameters: { EXTERNAL: 'TRUE' },
    CatalogId: ACCOUNT,
  };
}

// https://docs.aws.amazon.com/glue/latest/webapi/API_GetPartitions.html (response syntax:
// Partitions, each https://docs.aws.amazon.com/glue/latest/webapi/API_Partition.html).
function partitions(): Partition[] {
  return DAYS.map((day) => ({
    Values: [day],
    DatabaseName: DATABASE,
    TableName: RAW_TABLE,
    CreationTime: new Date(1_767_949_881_000),
    StorageDescriptor: { ...crawlerTable().StorageDescriptor, Location: `${RAW_LOCATION}dt=${day}/` },
    Parameters: {},
    CatalogId: ACCOUNT,
  }));
}

// https://docs.aws.amazon.com/athena/latest/APIReference/API_BatchGetQueryExecution.html (response
// syntax), in the shape of the AWS CLI's batch-get-query-execution example
// (https://docs.aws.amazon.com/cli/latest/reference/athena/batch-get-query-execution.html): no
// SubstatementType, no ResultReuseInformation, and a DDL statement with an empty context.
const ID = (n: number) => `a1b2c3d4-5678-90ab-cdef-EXAMPLE1111${n}`;
function execution(n: number, Query: string, StatementType: 'DDL' | 'DML', DataScannedInBytes: number): QueryExecution {
  return {
    QueryExecutionId: ID(n),
    Query,
    StatementType,
    ResultConfiguration: { OutputLocation: `${RESULTS}${ID(n)}.${StatementType === 'DDL' ? 'txt' : 'csv'}` },
    QueryExecutionContext: StatementType === 'DDL' ? {} : { Database: DATABASE, Catalog: 'awsdatacatalog' },
    Status: { State: 'SUCCEEDED', SubmissionDateTime: new Date(1_767_950_000_000 + n * 60_000), CompletionDateTime: new Date(1_767_950_004_000 + n * 60_000) },
    Statistics: { EngineExecutionTimeInMillis: 3600, DataScannedInBytes, TotalExecutionTimeInMillis: 3821, QueryQueueTimeInMillis: 267, QueryPlanningTimeInMillis: 1175 },
    WorkGroup: WORKGROUP,
  };
}
function history(): QueryExecution[] {
  return [
    execution(0, 'create database if not exists webdata', 'DDL', 0),
    execution(1, `SELECT count(*) FROM "${DATABASE}"."${RAW_TABLE}"`, 'DML', 934_703),
    execution(2, ctasSql(DATABASE, RAW_TABLE), 'DML', 934_703),
    execution(3, comparisonSql(DATABASE, RAW_TABLE, COMPARISON_DAY), 'DML', 308_405),
    execution(4, comparisonSql(DATABASE, CURATED_TABLE, COMPARISON_DAY), 'DML', 41_236),
  ];
}

// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html ("Sample Response for
// general purpose buckets": Name, Prefix, KeyCount, MaxKeys, IsTruncated, and Contents with Key,
// LastModified, ETag, Size, StorageClass).
function listing(prefix: string, keys: string[]): ListObjectsV2Output {
  return {
    Name: BUCKET,
    Prefix: prefix,
    KeyCount: keys.length,
    MaxKeys: 1000,
    IsTruncated: false,
    Contents: keys.map((Key, i) => ({ Key, LastModified: new Date('2009-10-12T17:50:30.000Z'), ETag: '"fba9dede5f27731c9771645a39863328"', Size: 434_234 + i, StorageClass: 'STANDARD' })),
  };
}

/** The documented answers for a learner who finished the lab, with `tables` in the database. */
function documented(tables: Table[] = [crawlerTable()], queries: QueryExecution[] = history()): void {
  for (const stub of [cfn, glue, athena, s3]) stub.reset();
  mockStackOutputs(cfn, LAB_ID, OUTPUTS);
  const ctasId = ID(2);
  glue.on(GetCrawlerCommand, { Name: CRAWLER }).resolves(getCrawler('SUCCEEDED'));
  glue.on(GetTablesCommand, { DatabaseName: DATABASE }).resolves({ TableList: [...tables, curatedTable(ctasId)] });
  glue.on(GetTableCommand, { DatabaseName: DATABASE, Name: CURATED_TABLE }).resolves({ Table: curatedTable(ctasId) });
  glue.on(GetPartitionsCommand, { DatabaseName: DATABASE, TableName: RAW_TABLE }).resolves({ Partitions: partitions() });
  // https://docs.aws.amazon.com/athena/latest/APIReference/API_ListQueryExecutions.html (response
  // syntax: QueryExecutionIds and NextToken, as in the CLI's list-query-executions example,
  // https://docs.aws.amazon.com/cli/latest/reference/athena/list-query-executions.html).
  const ids = queries.map((q) => q.QueryExecutionId!);
  athena.on(ListQueryExecutionsCommand, { WorkGroup: WORKGROUP }).resolves({ QueryExecutionIds: ids.slice(0, 2), NextToken: 'eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxMH0=' });
  athena.on(ListQueryExecutionsCommand, { WorkGroup: WORKGROUP, NextToken: 'eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxMH0=' }).resolves({ QueryExecutionIds: ids.slice(2) });
  athena.on(BatchGetQueryExecutionCommand).callsFake((input: { QueryExecutionIds: string[] }) => ({
    QueryExecutions: queries.filter((q) => input.QueryExecutionIds.includes(q.QueryExecutionId!)),
    UnprocessedQueryExecutionIds: [],
  }));
  s3.on(ListObjectsV2Command, { Bucket: BUCKET, Prefix: 'raw/rides/' }).resolves(listing('raw/rides/', DAYS.map((d) => `raw/rides/dt=${d}/rides.csv`)));
  const curated = `athena-results/tables/${ctasId}/`;
  s3.on(ListObjectsV2Command, { Bucket: BUCKET, Prefix: curated }).resolves(listing(curated, DAYS.map((d, i) => `${curated}dt=${d}/20260110_092030_00007_x7k2m_part${i}`)));
}

test('the documented answers of a finished lab: every requirement passes, the history paged by its NextToken', async () => {
  documented();
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass', R7: 'pass' });
  expect(athena).toHaveReceivedCommandTimes(ListQueryExecutionsCommand, 2);
});

test("the GetTables example's own kind of table (an IAM user's, with only a classification): R2 fails, naming the crawler property", async () => {
  documented([handMadeTable()]);
  const r = await checkRequirement(lab, 'R2');
  expect(r.status).toBe('fail');
  expect(findingsOf(r)).toMatch(/no UPDATED_BY_CRAWLER property.*arn:aws:iam::111122223333:user\/analyst/);
});

test("the GetCrawler answer of a failed crawl: R1 fails, quoting the crawler's error", async () => {
  documented();
  glue.on(GetCrawlerCommand, { Name: CRAWLER }).resolves(getCrawler('FAILED'));
  const r = await checkRequirement(lab, 'R1');
  expect(r.status).toBe('fail');
  expect(findingsOf(r)).toMatch(/Insufficient Lake Formation permission/);
});

test("the BatchGetQueryExecution example's DDL statement alone: R4 fails, R7 finds nothing to compare", async () => {
  documented([crawlerTable()], history().slice(0, 1));
  const r4 = await checkRequirement(lab, 'R4');
  expect(r4.status).toBe('fail');
  expect(findingsOf(r4)).toMatch(/None of the 1 recent queries/);
  expect((await checkRequirement(lab, 'R7')).status).toBe('fail');
});

test('a CTAS from the documented history is by itself a query on the raw table (R4)', async () => {
  documented([crawlerTable()], [history()[2]!]);
  const r = await checkRequirement(lab, 'R4');
  expect(r.status).toBe('pass');
  expect(findingsOf(r)).toContain(ID(2));
});
