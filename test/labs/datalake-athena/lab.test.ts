import { AthenaClient, BatchGetQueryExecutionCommand, ListQueryExecutionsCommand } from '@aws-sdk/client-athena';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { GetCrawlerCommand, GetPartitionsCommand, GetTableCommand, GetTablesCommand, GlueClient } from '@aws-sdk/client-glue';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { exitCodeOf, runLab } from '../../../lib/check/runner';
import { CheckSession } from '../../../lib/check/session';
import { checks } from '../../../labs/datalake-athena/checks';
import { MAX_QUERY_PAGES } from '../../../labs/datalake-athena/facts';
import { CURATED_TABLE, lab } from '../../../labs/datalake-athena/lab';
import { comparisonSql } from '../../../labs/datalake-athena/solution';
import { awsError, checkRequirement } from '../../support/check-harness';
import {
  BUCKET,
  COMPARISON_DAY,
  CRAWLER,
  curatedObjects,
  curatedTable,
  DATABASE,
  DAYS,
  findingsOf,
  givenState,
  IDS,
  queryExecution,
  RAW_LOCATION,
  RAW_TABLE,
  rawObjects,
  rawPartitions,
  rawTable,
  RESULTS,
  WORKGROUP,
  type DatalakeState,
} from './fixtures';

const stubs = {
  cfn: mockClient(CloudFormationClient),
  glue: mockClient(GlueClient),
  athena: mockClient(AthenaClient),
  s3: mockClient(S3Client),
};

beforeEach(() => {
  for (const stub of Object.values(stubs)) stub.reset();
});

const given = (change?: (state: DatalakeState) => void) => givenState(stubs, change);

test('the reference state passes every requirement in one run, and shared reads are sent once', async () => {
  given();
  const session = new CheckSession({ region: 'us-east-1', maxAttempts: 1 });
  const result = await runLab(session, lab, checks);
  session.destroy();
  expect(result.requirements.map((r) => [r.id, r.status])).toEqual(lab.requirements.map((r) => [r.id, 'pass']));
  expect(exitCodeOf(result)).toBe(0);
  // Five requirements need the tables, four the query history: the memo answers all but the first.
  expect(stubs.glue).toHaveReceivedCommandTimes(GetTablesCommand, 1);
  expect(stubs.athena).toHaveReceivedCommandTimes(ListQueryExecutionsCommand, 1);
  expect(stubs.athena).toHaveReceivedCommandTimes(BatchGetQueryExecutionCommand, 1);
  expect(stubs.athena).toHaveReceivedCommandWith(ListQueryExecutionsCommand, { WorkGroup: WORKGROUP, MaxResults: 50 });
});

describe('R1 crawler ran', () => {
  test('passes when the last crawl succeeded', async () => {
    given();
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('pass');
    expect(stubs.glue).toHaveReceivedCommandWith(GetCrawlerCommand, { Name: CRAWLER });
  });

  test('fails when the crawler never ran, and says why it has no schedule', async () => {
    given((s) => {
      s.crawler = { ...(s.crawler as object), LastCrawl: undefined };
    });
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/never run/);
    expect(findingsOf(r)).toMatch(/10-minute minimum/);
  });

  test('fails when the last crawl failed, quoting the error and where the log is', async () => {
    given((s) => {
      s.crawler = { ...(s.crawler as object), LastCrawl: { Status: 'FAILED', ErrorMessage: 'Service Principal: glue.amazonaws.com is not authorized to perform: s3:ListBucket', LogGroup: '/aws-glue/crawlers', LogStream: CRAWLER } };
    });
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/not authorized to perform: s3:ListBucket/);
    expect(findingsOf(r)).toMatch(/\/aws-glue\/crawlers/);
  });

  test('fails while the first crawl is still running', async () => {
    given((s) => {
      s.crawler = { ...(s.crawler as object), State: 'RUNNING', LastCrawl: undefined };
    });
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/running its first crawl/);
  });

  test('fails with a redeploy instruction when the crawler is missing', async () => {
    given((s) => {
      s.crawler = 'missing';
    });
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/mllab deploy datalake-athena/);
  });

  test('is an error when Glue denies access', async () => {
    given();
    stubs.glue.on(GetCrawlerCommand).rejects(awsError('AccessDeniedException', 'not authorized', 400));
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('error');
    expect(findingsOf(r)).toMatch(/glue:GetCrawler/);
  });
});

describe('R2 raw table cataloged', () => {
  test('passes with the crawler table, its columns and dt as partition key', async () => {
    given();
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('pass');
    expect(findingsOf(r)).toContain(`${RAW_TABLE} (${RAW_LOCATION})`);
  });

  test('fails when the header was not detected (col0, col1, ...), explaining the classifier rule', async () => {
    given((s) => {
      const raw = rawTable();
      raw.StorageDescriptor!.Columns = Array.from({ length: 10 }, (_, i) => ({ Name: `col${i}`, Type: 'string' }));
      s.tables = [raw];
    });
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/did not recognise the CSV header/);
    expect(findingsOf(r)).toMatch(/custom CSV classifier/);
  });

  test('fails when dt is a regular column, explaining that every file would be opened', async () => {
    given((s) => {
      const raw = rawTable();
      raw.StorageDescriptor!.Columns = [...raw.StorageDescriptor!.Columns!, { Name: 'dt', Type: 'string' }];
      raw.PartitionKeys = [];
      s.tables = [raw];
    });
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/dt is a regular column/);
    expect(findingsOf(r)).toMatch(/every file of every day/);
  });

  test('fails when the crawler split raw/ into one table per day', async () => {
    given((s) => {
      s.tables = DAYS.map((d) => ({ ...rawTable(), Name: `dt_${d.replace(/-/g, '_')}`, StorageDescriptor: { ...rawTable().StorageDescriptor, Location: `${RAW_LOCATION}dt=${d}/` } }));
    });
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/5 tables over raw\//);
    expect(findingsOf(r)).toMatch(/combine compatible schemas/);
  });

  test('fails when no table points at raw/, naming the tables found', async () => {
    given((s) => {
      s.tables = [curatedTable()];
    });
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toContain(CURATED_TABLE);
  });

  test('fails when a column of the sample is missing', async () => {
    given((s) => {
      const raw = rawTable();
      raw.StorageDescriptor!.Columns = raw.StorageDescriptor!.Columns!.filter((c) => c.Name !== 'fare_usd');
      s.tables = [raw];
    });
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/lacks the column\(s\) fare_usd/);
  });

  test('is an error when Glue throttles past the retries', async () => {
    given();
    stubs.glue.on(GetTablesCommand).rejects(awsError('ThrottlingException', 'Rate exceeded', 400));
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('error');
    expect(findingsOf(r)).toMatch(/Throttled/);
  });
});

describe('R3 partitions registered', () => {
  test('passes when every dt folder is a partition', async () => {
    given();
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('pass');
    expect(stubs.s3).toHaveReceivedCommandWith(ListObjectsV2Command, { Bucket: BUCKET, Prefix: 'raw/rides/' });
    expect(stubs.glue).toHaveReceivedCommandWith(GetPartitionsCommand, { DatabaseName: DATABASE, TableName: RAW_TABLE });
  });

  test('fails when a day landed after the crawl, explaining that its rows are silently missing', async () => {
    given((s) => {
      s.rawObjects = rawObjects([...DAYS, '2026-01-10']);
    });
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/1 of the 6 day folder\(s\) under s3:\/\/\S+\/raw\/rides\/ have no partition in rides: dt=2026-01-10/);
    expect(findingsOf(r)).toMatch(/silently missing/);
  });

  test('passes without registered partitions when partition projection is on', async () => {
    given((s) => {
      const raw = rawTable();
      raw.Parameters = { ...raw.Parameters, 'projection.enabled': 'true', 'projection.dt.type': 'date', 'projection.dt.range': '2026-01-05,NOW', 'projection.dt.format': 'yyyy-MM-dd' };
      s.tables = [raw, curatedTable()];
      s.rawPartitions = [];
    });
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('pass');
    expect(findingsOf(r)).toMatch(/partition projection/);
    expect(stubs.glue).toHaveReceivedCommandTimes(GetPartitionsCommand, 0);
  });

  test('fails when the sample data is gone from raw/', async () => {
    given((s) => {
      s.rawObjects = [];
    });
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/holds no objects/);
    expect(findingsOf(r)).toMatch(/mllab deploy datalake-athena/);
  });

  test('fails when the files under the table are not in dt= folders', async () => {
    given((s) => {
      s.rawObjects = [{ Key: 'raw/rides/rides-all.csv', Size: 9_513 }];
    });
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/None of the 1 object\(s\)/);
  });

  test('reads dt from the right partition key when the crawler added a level above it', async () => {
    given((s) => {
      // A crawler rooted one level higher names the table after raw/ and adds a partition_0 key.
      const raw = { ...rawTable(), Name: 'raw', PartitionKeys: [{ Name: 'partition_0', Type: 'string' }, { Name: 'dt', Type: 'string' }] };
      raw.StorageDescriptor = { ...raw.StorageDescriptor, Location: `s3://${BUCKET}/raw/` };
      s.tables = [raw, curatedTable()];
      s.rawPartitions = rawPartitions().map((p) => ({ ...p, TableName: 'raw', Values: ['rides', ...p.Values!] }));
    });
    stubs.glue.on(GetPartitionsCommand, { DatabaseName: DATABASE, TableName: 'raw' }).resolves({ Partitions: rawPartitions().map((p) => ({ ...p, TableName: 'raw', Values: ['rides', ...p.Values!] })) });
    stubs.s3.on(ListObjectsV2Command, { Bucket: BUCKET, Prefix: 'raw/' }).resolves({ IsTruncated: false, Contents: rawObjects(), KeyCount: 2 });
    expect((await checkRequirement(lab, 'R2')).status).toBe('pass');
    expect((await checkRequirement(lab, 'R3')).status).toBe('pass');
  });

  test('is an error when S3 denies the listing', async () => {
    given();
    stubs.s3.on(ListObjectsV2Command).rejects(awsError('AccessDenied', 'Access Denied', 403));
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('error');
    expect(findingsOf(r)).toMatch(/s3:ListBucket/);
  });
});

describe('R4 raw table queried in the lab workgroup', () => {
  test('passes with a successful SELECT on the raw table', async () => {
    given();
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('pass');
  });

  test('fails when nothing ran in the lab workgroup, explaining what the workgroup enforces', async () => {
    given((s) => {
      s.queries = [];
    });
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/such as primary, do not count/);
    expect(findingsOf(r)).toMatch(/per-query cutoff/);
  });

  test('fails when the only query on the raw table was cancelled by the bytes cutoff, quoting why', async () => {
    given((s) => {
      s.queries = [
        queryExecution(IDS.count, `SELECT * FROM ${RAW_TABLE}`, '2026-01-10T09:15:44.000Z', 10_485_760, {
          Status: { State: 'FAILED', StateChangeReason: 'Query cancelled! : Bytes scanned limit was exceeded', SubmissionDateTime: new Date('2026-01-10T09:15:44.000Z') },
        }),
      ];
    });
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/Bytes scanned limit was exceeded/);
  });

  test('fails when the queries read some other table', async () => {
    given((s) => {
      s.queries = [queryExecution(IDS.count, 'SELECT 1', '2026-01-10T09:15:44.000Z', 0), queryExecution(IDS.ctas, 'SELECT * FROM raw_backup', '2026-01-10T09:16:44.000Z', 10)];
    });
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/None of the 2 recent queries/);
  });

  test('is an error when Athena denies the history', async () => {
    given();
    stubs.athena.on(ListQueryExecutionsCommand).rejects(awsError('AccessDeniedException', 'not authorized', 400));
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('error');
    expect(findingsOf(r)).toMatch(/athena:ListQueryExecutions/);
  });
});

describe('R5 curated table by CTAS', () => {
  test('passes for a Parquet table partitioned by dt at the CTAS query location', async () => {
    given();
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('pass');
    expect(findingsOf(r)).toContain(IDS.ctas);
  });

  test('passes for ORC as well', async () => {
    given((s) => {
      const curated = curatedTable();
      curated.StorageDescriptor!.SerdeInfo = { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.orc.OrcSerde', Parameters: { 'serialization.format': '1' } };
      s.curated = curated;
    });
    expect((await checkRequirement(lab, 'R5')).status).toBe('pass');
  });

  test('fails for a text (CSV) CTAS table, explaining that a row format reads every byte', async () => {
    given((s) => {
      const curated = curatedTable();
      curated.StorageDescriptor!.SerdeInfo = { SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe', Parameters: { 'field.delim': ',' } };
      s.curated = curated;
    });
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/row format/);
    expect(findingsOf(r)).toMatch(/only the columns a query names/);
  });

  test('fails for an unpartitioned table, explaining that one day would read all days', async () => {
    given((s) => {
      const curated = curatedTable();
      curated.PartitionKeys = [];
      s.curated = curated;
    });
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/not partitioned/);
    expect(findingsOf(r)).toMatch(/partition column last/);
  });

  test('fails when the table was made by hand elsewhere, explaining where an enforced workgroup puts CTAS output', async () => {
    given((s) => {
      const curated = curatedTable();
      curated.StorageDescriptor!.Location = `s3://${BUCKET}/curated/rides/`;
      s.curated = curated;
    });
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toContain(`${RESULTS}tables/<query-id>/`);
    expect(findingsOf(r)).toMatch(/enforces its settings/);
  });

  test('fails when the table is missing and the CTAS named external_location, explaining the override', async () => {
    given((s) => {
      s.curated = 'missing';
      s.queries = [
        queryExecution(IDS.ctas, `CREATE TABLE ${CURATED_TABLE} WITH (format = 'PARQUET', external_location = 's3://${BUCKET}/curated/', partitioned_by = ARRAY['dt']) AS SELECT * FROM ${RAW_TABLE}`, '2026-01-10T09:20:30.000Z', 0, {
          Status: { State: 'FAILED', StateChangeReason: 'external_location is not allowed when the workgroup enforces its query results location', SubmissionDateTime: new Date('2026-01-10T09:20:30.000Z') },
        }),
      ];
    });
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/has no table rides_curated/);
    expect(findingsOf(r)).toMatch(/overrides every client-side setting/);
    expect(findingsOf(r)).toMatch(/Leave external_location out/);
  });

  test('fails when the CTAS did not read the raw table', async () => {
    given((s) => {
      s.queries = s.queries.map((q) => (q.QueryExecutionId === IDS.ctas ? { ...q, Query: `CREATE TABLE ${CURATED_TABLE} WITH (format = 'PARQUET', partitioned_by = ARRAY['dt']) AS SELECT * FROM rides_sample` } : q));
    });
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/does not read the raw table rides/);
  });

  test('is an error when Glue GetTable is denied', async () => {
    given();
    stubs.glue.on(GetTableCommand).rejects(awsError('AccessDeniedException', 'not authorized', 400));
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('error');
    expect(findingsOf(r)).toMatch(/glue:GetTable\b/);
  });
});

describe('R6 curated data in S3', () => {
  test('passes with one dt folder per raw day under the CTAS location', async () => {
    given();
    const r = await checkRequirement(lab, 'R6');
    expect(r.status).toBe('pass');
    expect(stubs.s3).toHaveReceivedCommandWith(ListObjectsV2Command, { Bucket: BUCKET, Prefix: `athena-results/tables/${IDS.ctas}/` });
  });

  test('fails when the files are gone, explaining that queries then scan nothing', async () => {
    given((s) => {
      s.curatedObjects = [];
    });
    const r = await checkRequirement(lab, 'R6');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/holds no data files/);
  });

  test('fails when the CTAS left days out', async () => {
    given((s) => {
      s.curatedObjects = curatedObjects(DAYS.slice(0, 4));
    });
    const r = await checkRequirement(lab, 'R6');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/no data for 1 of the 5 day\(s\) of rides: dt=2026-01-09/);
  });

  test('fails when the files are not laid out by partition', async () => {
    given((s) => {
      s.curatedObjects = [{ Key: `athena-results/tables/${IDS.ctas}/20260104_092030_00007_x7k2m_part0`, Size: 180_000 }];
    });
    const r = await checkRequirement(lab, 'R6');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/not partitioned on disk/);
  });

  test('follows the continuation token of a CTAS output longer than one page', async () => {
    // s3rver cannot page (its continuation tokens use DES, which Node 20's OpenSSL 3 refuses),
    // so paging is proven here rather than over the wire.
    given();
    const prefix = `athena-results/tables/${IDS.ctas}/`;
    const [first, ...rest] = curatedObjects();
    stubs.s3.on(ListObjectsV2Command, { Bucket: BUCKET, Prefix: prefix }).resolves({ IsTruncated: true, NextContinuationToken: 'token-2', Contents: [first!], KeyCount: 1 });
    stubs.s3.on(ListObjectsV2Command, { Bucket: BUCKET, Prefix: prefix, ContinuationToken: 'token-2' }).resolves({ IsTruncated: false, Contents: rest, KeyCount: rest.length });
    const r = await checkRequirement(lab, 'R6');
    expect(r.status).toBe('pass');
    expect(stubs.s3).toHaveReceivedCommandWith(ListObjectsV2Command, { Prefix: prefix, ContinuationToken: 'token-2' });
  });

  test('is an error when S3 denies the listing', async () => {
    given();
    stubs.s3.on(ListObjectsV2Command, { Prefix: `athena-results/tables/${IDS.ctas}/` }).rejects(awsError('AccessDenied', 'Access Denied', 403));
    const r = await checkRequirement(lab, 'R6');
    expect(r.status).toBe('error');
  });
});

describe('R7 fewer bytes scanned', () => {
  test('passes when the twin query scanned less on the curated table', async () => {
    given();
    const r = await checkRequirement(lab, 'R7');
    expect(r.status).toBe('pass');
    expect(findingsOf(r)).toMatch(/41\.2 KB on rides_curated against 308\.4 KB on rides \(13%\)/);
  });

  test('fails when SELECT * on both tables scans as much, explaining columnar and partition pruning', async () => {
    given((s) => {
      s.queries = [
        queryExecution(IDS.compareCurated, `SELECT * FROM ${CURATED_TABLE}`, '2026-01-10T09:24:10.000Z', 1_020_417),
        queryExecution(IDS.compareRaw, `SELECT * FROM ${RAW_TABLE}`, '2026-01-10T09:23:02.000Z', 934_703),
        ...s.queries.filter((q) => q.QueryExecutionId === IDS.ctas),
      ];
    });
    const r = await checkRequirement(lab, 'R7');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/SELECT \* reads every column chunk/);
    expect(findingsOf(r)).toMatch(/10 MB per query/);
  });

  test('fails on a tiny day where the Parquet footer outweighs the columns skipped, and says to compare on a big day', async () => {
    given((s) => {
      s.queries = [
        queryExecution(IDS.compareCurated, comparisonSql(DATABASE, CURATED_TABLE, DAYS[0]!), '2026-01-10T09:24:10.000Z', 5_120),
        queryExecution(IDS.compareRaw, comparisonSql(DATABASE, RAW_TABLE, DAYS[0]!), '2026-01-10T09:23:02.000Z', 4_748),
        ...s.queries.filter((q) => q.QueryExecutionId === IDS.ctas),
      ];
    });
    const r = await checkRequirement(lab, 'R7');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/read only 4\.7 KB of CSV/);
    expect(findingsOf(r)).toMatch(/footer alone can outweigh/);
  });

  test('fails when the two queries differ, asking for a fair comparison', async () => {
    given((s) => {
      s.queries = s.queries.map((q) => (q.QueryExecutionId === IDS.compareCurated ? { ...q, Query: `SELECT count(*) FROM ${CURATED_TABLE} WHERE dt = '2026-01-06'` } : q));
    });
    const r = await checkRequirement(lab, 'R7');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/has a twin/);
  });

  test('fails when Athena reused a result, explaining that a reused result scans nothing', async () => {
    given((s) => {
      s.queries = s.queries.map((q) =>
        q.QueryExecutionId === IDS.compareCurated ? { ...q, Statistics: { ...q.Statistics, DataScannedInBytes: 0, ResultReuseInformation: { ReusedPreviousResult: true } } } : q,
      );
    });
    const r = await checkRequirement(lab, 'R7');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/reused result scans 0 bytes/);
  });

  test('fails when the raw twin matched no partition', async () => {
    given((s) => {
      s.queries = s.queries.map((q) => (q.QueryExecutionId === IDS.compareRaw ? { ...q, Statistics: { ...q.Statistics, DataScannedInBytes: 0 } } : q));
    });
    const r = await checkRequirement(lab, 'R7');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/matched no partition/);
  });

  test('fails when no query ran on the curated table', async () => {
    given((s) => {
      s.queries = s.queries.filter((q) => q.QueryExecutionId !== IDS.compareCurated);
    });
    const r = await checkRequirement(lab, 'R7');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/No successful SELECT on rides_curated/);
  });

  test('is an error when BatchGetQueryExecution is throttled', async () => {
    given();
    stubs.athena.on(BatchGetQueryExecutionCommand).rejects(awsError('TooManyRequestsException', 'Rate exceeded', 400));
    const r = await checkRequirement(lab, 'R7');
    expect(r.status).toBe('error');
  });
});

test('a query history longer than one page is read page by page, up to the cap', async () => {
  const state = given();
  const filler = Array.from({ length: 60 }, (_, i) => queryExecution(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, 'SELECT 1', '2026-01-06T00:00:00.000Z', 0));
  const all = [...state.queries, ...filler];
  stubs.athena.on(ListQueryExecutionsCommand, { WorkGroup: WORKGROUP }).resolves({ QueryExecutionIds: all.slice(0, 50).map((q) => q.QueryExecutionId!), NextToken: 'page-2' });
  stubs.athena.on(ListQueryExecutionsCommand, { WorkGroup: WORKGROUP, NextToken: 'page-2' }).resolves({ QueryExecutionIds: all.slice(50).map((q) => q.QueryExecutionId!) });
  stubs.athena.on(BatchGetQueryExecutionCommand).callsFake((input: { QueryExecutionIds: string[] }) => ({ QueryExecutions: all.filter((q) => input.QueryExecutionIds.includes(q.QueryExecutionId!)) }));
  const r = await checkRequirement(lab, 'R7');
  expect(r.status).toBe('pass');
  expect(stubs.athena).toHaveReceivedCommandTimes(ListQueryExecutionsCommand, 2);
  expect(stubs.athena).toHaveReceivedCommandTimes(BatchGetQueryExecutionCommand, 2);
});

test('an endless query history stops at the page cap instead of paging on', async () => {
  const state = given();
  // Every page points to another one: only the cap ends the listing.
  stubs.athena.on(ListQueryExecutionsCommand, { WorkGroup: WORKGROUP }).callsFake((input: { NextToken?: string }) => {
    const page = Number(input.NextToken ?? '0');
    const ids = page === 0 ? state.queries.map((q) => q.QueryExecutionId!) : [`00000000-0000-4000-8000-${String(page).padStart(12, '0')}`];
    return { QueryExecutionIds: ids, NextToken: String(page + 1) };
  });
  stubs.athena.on(BatchGetQueryExecutionCommand).callsFake((input: { QueryExecutionIds: string[] }) => ({
    QueryExecutions: state.queries.filter((q) => input.QueryExecutionIds.includes(q.QueryExecutionId!)),
  }));
  const r = await checkRequirement(lab, 'R7');
  expect(r.status).toBe('pass');
  expect(stubs.athena).toHaveReceivedCommandTimes(ListQueryExecutionsCommand, MAX_QUERY_PAGES);
  expect(stubs.athena).toHaveReceivedNthCommandWith(MAX_QUERY_PAGES, ListQueryExecutionsCommand, { NextToken: String(MAX_QUERY_PAGES - 1) });
});

test('the comparison the reference solution runs reads one partition of two columns', () => {
  expect(comparisonSql(DATABASE, RAW_TABLE, COMPARISON_DAY)).toMatch(/WHERE dt = '2026-01-07'/);
  expect(rawPartitions().map((p) => p.Values![0])).toEqual(DAYS);
});
