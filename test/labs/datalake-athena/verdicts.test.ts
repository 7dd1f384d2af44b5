// Issue 11, findings 7-11, and the rule behind them: a valid alternative passes, a wrong state
// fails with a true reason, and a check that could not see enough says `error`. Each finding's
// tests fail on 83f3683 and pass after the fix.
import { BatchGetQueryExecutionCommand, ListQueryExecutionsCommand } from '@aws-sdk/client-athena';
import { GetPartitionsCommand, GetTablesCommand, type Table } from '@aws-sdk/client-glue';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { exitCodeOf } from '../../../lib/check/runner';
import { CURATED_TABLE, lab } from '../../../labs/datalake-athena/lab';
import { comparisonSql } from '../../../labs/datalake-athena/solution';
import { awsError, checkRequirement } from '../../support/check-harness';
import { runLabWith, statusesOf } from '../../support/replay';
import { BUCKET, COMPARISON_DAY, curatedTable, DATABASE, findingsOf, givenState, IDS, mockDatalakeClients, queryExecution, RAW_LOCATION, RAW_TABLE, rawObjects, rawPartitions, rawTable, RESULTS, WORKGROUP, type DatalakeState } from './fixtures';

const stubs = mockDatalakeClients();

/** Relative ranges (NOW-30DAYS) are read against this instant: the day after the lab's last day. */
const NOW = Date.parse('2026-01-10T12:00:00.000Z');

beforeEach(() => {
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
});

afterEach(() => jest.restoreAllMocks());

const given = (change?: (state: DatalakeState) => void) => givenState(stubs, change);

/** The crawler's table with partition projection on and `properties` set; no registered partitions. */
function projected(properties: Record<string, string>, change: (table: Table) => void = () => undefined): void {
  given((s) => {
    const raw = rawTable();
    raw.Parameters = { ...raw.Parameters, 'projection.enabled': 'true', ...properties };
    change(raw);
    s.tables = [raw, curatedTable()];
    s.rawPartitions = [];
  });
}

const DATE = { 'projection.dt.type': 'date', 'projection.dt.range': '2026-01-05,NOW', 'projection.dt.format': 'yyyy-MM-dd' };
/** `${dt}` is Athena's placeholder, not a template literal. */
const template = (path: string) => `s3://${BUCKET}/${path}`;

/** A table rooted at raw/ (the crawler's include path one level up): partition_0 = rides, then dt. */
function rootedAtRaw(table: Table): void {
  table.Name = 'raw';
  table.PartitionKeys = [
    { Name: 'partition_0', Type: 'string' },
    { Name: 'dt', Type: 'string' },
  ];
  table.StorageDescriptor = { ...table.StorageDescriptor, Location: `s3://${BUCKET}/raw/` };
  stubs.s3.on(ListObjectsV2Command, { Bucket: BUCKET, Prefix: 'raw/' }).resolves({ IsTruncated: false, Contents: rawObjects(), KeyCount: 5 });
}

describe('finding 7: R3 judges a partition projection the way Athena evaluates it', () => {
  test.each<[string, Record<string, string>]>([
    ['a date range from the first day to NOW', DATE],
    ['NOW-3YEARS,NOW (the documented relative form)', { ...DATE, 'projection.dt.range': 'NOW-3YEARS,NOW' }],
    ['white space inside the NOW form', { ...DATE, 'projection.dt.range': ' NOW - 30 DAYS , NOW + 1 MONTH' }],
    ['a fixed range around the data', { ...DATE, 'projection.dt.range': '2026-01-01,2026-12-31' }],
    ['a range ending on the last day', { ...DATE, 'projection.dt.range': '2026-01-05,2026-01-09' }],
    ['type and unit in other cases, with white space', { ...DATE, 'projection.dt.type': ' DATE ', 'projection.dt.interval': ' 1 ', 'projection.dt.interval.unit': 'days' }],
    ['uuuu for the year', { ...DATE, 'projection.dt.format': 'uuuu-MM-dd' }],
    ['quoted literals in the pattern', { ...DATE, 'projection.dt.format': "yyyy'-'MM'-'dd" }],
    ['a 24-hour interval', { ...DATE, 'projection.dt.interval': '24', 'projection.dt.interval.unit': 'HOURS' }],
    ['an enum of every day', { 'projection.dt.type': 'enum', 'projection.dt.values': '2026-01-05,2026-01-06,2026-01-07,2026-01-08,2026-01-09,2026-01-10' }],
    ['a location template at the day folders', { ...DATE, 'storage.location.template': template('raw/rides/dt=${dt}/') }],
  ])('passes with %s', async (_name, properties) => {
    projected(properties);
    const r = await checkRequirement(lab, 'R3');
    expect(findingsOf(r)).toMatch(/partition projection, and it covers every one of the 5 day folder/);
    expect(r.status).toBe('pass');
    expect(stubs.glue).toHaveReceivedCommandTimes(GetPartitionsCommand, 0);
  });

  test('passes for a table rooted at raw/ whose template places both partition columns', async () => {
    projected({ ...DATE, 'projection.partition_0.type': 'enum', 'projection.partition_0.values': 'rides', 'storage.location.template': template('raw/${partition_0}/dt=${dt}/') }, rootedAtRaw);
    expect((await checkRequirement(lab, 'R3')).status).toBe('pass');
  });

  test('ignores the registered partitions when projection is on, as Athena does', async () => {
    given((s) => {
      const raw = rawTable();
      raw.Parameters = { ...raw.Parameters, 'projection.enabled': 'true', ...DATE, 'projection.dt.range': '2026-01-07,NOW' };
      s.tables = [raw, curatedTable()];
      // Every day is registered, and it does not help: Athena reads only the projection.
      s.rawPartitions = rawPartitions();
    });
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/ignores any partitions registered/);
  });

  test.each<[string, Record<string, string>, RegExp]>([
    ['a range that starts after the first day', { ...DATE, 'projection.dt.range': '2026-01-06,NOW' }, /reads nothing from 1 of the 5 day folder\(s\) .*\(dt=2026-01-05\): projection\.dt\.range = '2026-01-06,NOW' starts after these days/],
    ['a range that ends before the last days', { ...DATE, 'projection.dt.range': '2025-01-01,2026-01-07' }, /2 of the 5 day folder\(s\) .*\(dt=2026-01-08, dt=2026-01-09\): .*ends before these days/],
    ['a relative range that starts after the first day', { ...DATE, 'projection.dt.range': 'NOW-3DAYS,NOW' }, /\(dt=2026-01-05, dt=2026-01-06\): projection\.dt\.range = 'NOW-3DAYS,NOW' starts after these days/],
    ['no projection.dt settings at all', {}, /projection\.dt\.type is not set.*missing projection configuration/],
    ['a format that does not match the folder values', { ...DATE, 'projection.dt.format': 'yyyy/MM/dd', 'projection.dt.range': '2026/01/05,NOW' }, /5 of the 5 .*their values do not follow projection\.dt\.format = 'yyyy\/MM\/dd' \(which writes 2026\/01\/05/],
    ['a pattern without zero padding', { ...DATE, 'projection.dt.format': 'yyyy-M-d', 'projection.dt.range': '2026-1-5,NOW' }, /do not follow projection\.dt\.format = 'yyyy-M-d'/],
    ['a range written in another format', { ...DATE, 'projection.dt.range': '20260105,NOW' }, /'20260105' follows neither/],
    ['white space inside a date literal', { ...DATE, 'projection.dt.range': '2026-01-05 ,NOW' }, /'2026-01-05 ' follows neither/],
    ['an interval that skips days', { ...DATE, 'projection.dt.interval': '2', 'projection.dt.interval.unit': 'DAYS' }, /2 of the 5 .*\(dt=2026-01-06, dt=2026-01-08\): projection\.dt\.interval 2 DAYS from 2026-01-05 skips these days/],
    ['a monthly unit on a day pattern', { ...DATE, 'projection.dt.interval.unit': 'MONTHS' }, /4 of the 5 .*interval 1 MONTHS from 2026-01-05 skips these days/],
    ['an unknown unit', { ...DATE, 'projection.dt.interval.unit': 'FORTNIGHTS' }, /'FORTNIGHTS' is not one of/],
    ['an enum that lacks a day', { 'projection.dt.type': 'enum', 'projection.dt.values': '2026-01-05, 2026-01-06,2026-01-07,2026-01-08,2026-01-09' }, /1 of the 5 .*\(dt=2026-01-06\): these values are not in projection\.dt\.values/],
    ['an integer projection', { 'projection.dt.type': 'integer', 'projection.dt.range': '20260105,20260109' }, /5 of the 5 .*their values are not integers/],
    ['an injected projection', { 'projection.dt.type': 'injected' }, /only when the query's WHERE clause names it/],
    ['a template pointing at another folder', { ...DATE, 'storage.location.template': template('curated/dt=${dt}/') }, /sends Athena to s3:\/\/\S+\/curated\/dt=2026-01-05\//],
    ['a template without the closing slash', { ...DATE, 'storage.location.template': template('raw/rides/dt=${dt}') }, /does not end with a forward slash/],
    ['a template without the dt placeholder', { ...DATE, 'storage.location.template': template('raw/rides/') }, /no placeholder for \$\{dt\}/],
  ])('fails with %s, saying why', async (_name, properties, reason) => {
    projected(properties);
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(reason);
  });

  test('fails for a table rooted at raw/ without a template: its folders are not partition_0=rides/', async () => {
    projected({ ...DATE, 'projection.partition_0.type': 'enum', 'projection.partition_0.values': 'rides' }, rootedAtRaw);
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/without storage\.location\.template, Athena reads each partition from <table location>\/partition_0=<value>\/dt=<value>\//);
  });

  test('is an error for a date pattern the check cannot evaluate', async () => {
    projected({ ...DATE, 'projection.dt.format': 'YYYY-MM-dd' });
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('error');
    expect(findingsOf(r)).toMatch(/cannot evaluate projection\.dt\.format = 'YYYY-MM-dd'/);
  });
});

describe('finding 8: R3 compares each registered partition with its folder', () => {
  test('fails when dt=2026-01-09 is registered at the dt=2026-01-08 folder', async () => {
    given((s) => {
      s.rawPartitions = rawPartitions().map((p) => (p.Values![0] === '2026-01-09' ? { ...p, StorageDescriptor: { ...p.StorageDescriptor, Location: `${RAW_LOCATION}dt=2026-01-08/` } } : p));
    });
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/the partition dt=2026-01-09 points at s3:\/\/\S+\/dt=2026-01-08\/, not at the folder that holds that day \(s3:\/\/\S+\/dt=2026-01-09\/\)/);
  });

  test('passes with partition locations without the trailing slash', async () => {
    given((s) => {
      s.rawPartitions = rawPartitions().map((p) => ({ ...p, StorageDescriptor: { ...p.StorageDescriptor, Location: p.StorageDescriptor!.Location!.replace(/\/$/, '') } }));
    });
    expect((await checkRequirement(lab, 'R3')).status).toBe('pass');
  });

  test('fails when a partition is registered with the s3a:// scheme', async () => {
    given((s) => {
      s.rawPartitions = rawPartitions().map((p, i) => (i === 0 ? { ...p, StorageDescriptor: { ...p.StorageDescriptor, Location: p.StorageDescriptor!.Location!.replace('s3://', 's3a://') } } : p));
    });
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/use the s3:\/\/ scheme .*not s3a:\/\//);
  });

  test('is an error when the partition listing stops at its page cap before matching every folder', async () => {
    given();
    stubs.glue.on(GetPartitionsCommand).resolves({ Partitions: rawPartitions().slice(0, 4), NextToken: 'more' });
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('error');
    expect(findingsOf(r)).toMatch(/more partitions of rides than the check reads/);
  });
});

describe('finding 9: R4 counts every statement that reads the raw table', () => {
  const ctas = () => queryExecution(IDS.ctas, `CREATE TABLE ${CURATED_TABLE} WITH (format = 'PARQUET', partitioned_by = ARRAY['dt']) AS SELECT * FROM ${RAW_TABLE}`, '2026-01-10T09:20:30.000Z', 934_703);
  test.each<[string, string]>([
    ['a CTAS', ctas().Query!],
    ['a lower-case CTAS with external_location', `create table rides_copy with (format = 'orc', external_location = 's3://${BUCKET}/copy/') as select * from "${DATABASE}"."${RAW_TABLE}"`],
    ['an INSERT INTO ... SELECT', `INSERT INTO rides_copy SELECT * FROM ${RAW_TABLE} WHERE dt = '2026-01-07'`],
    ['an UNLOAD', `UNLOAD (SELECT * FROM ${RAW_TABLE}) TO 's3://${BUCKET}/unload/' WITH (format = 'PARQUET')`],
  ])('passes when the only query on the raw table is %s', async (_name, sql) => {
    given((s) => {
      s.queries = [queryExecution(IDS.ctas, sql, '2026-01-10T09:20:30.000Z', 934_703)];
    });
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('pass');
    expect(findingsOf(r)).toContain(IDS.ctas);
  });

  test('quotes a failed CTAS among the attempts on the raw table', async () => {
    given((s) => {
      s.queries = [{ ...ctas(), Status: { State: 'FAILED', StateChangeReason: 'HIVE_PATH_ALREADY_EXISTS', SubmissionDateTime: new Date('2026-01-10T09:20:30.000Z') } }];
    });
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/No query on rides succeeded.*HIVE_PATH_ALREADY_EXISTS/);
  });

  test('fails when statements only name the raw table, and says so', async () => {
    given((s) => {
      s.queries = [queryExecution(IDS.count, `CREATE VIEW rides_view AS SELECT * FROM ${RAW_TABLE}`, '2026-01-10T09:15:44.000Z', 0)];
    });
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/None of the 1 recent queries .* reads data from the raw table rides .*1 statement\(s\) name it without reading it/);
  });
});

describe("finding 10: R2 requires the crawler's table", () => {
  /** The table as CREATE EXTERNAL TABLE leaves it: no crawler properties, CreatedBy the learner. */
  function byHand(): Table {
    const table = rawTable();
    table.Parameters = { classification: 'csv', EXTERNAL: 'TRUE', 'skip.header.line.count': '1' };
    table.CreatedBy = 'arn:aws:sts::111122223333:assumed-role/MlLab-datalake-athena-LearnerRole/learner';
    return table;
  }

  test('fails for a hand-made table with the right schema, naming the property crawlers set', async () => {
    given((s) => {
      s.tables = [byHand(), curatedTable()];
    });
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/rides was not written by a crawler: it has no UPDATED_BY_CRAWLER property/);
    expect(findingsOf(r)).toMatch(/table-properties-crawler\.html/);
  });

  test('fails for a table written by another crawler', async () => {
    given((s) => {
      const table = rawTable();
      table.Parameters = { ...table.Parameters, UPDATED_BY_CRAWLER: 'my-own-crawler' };
      s.tables = [table, curatedTable()];
    });
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/last written by the crawler my-own-crawler, not by the lab crawler/);
  });

  test('names the hand-made table when it sits beside the crawler one', async () => {
    given((s) => {
      s.tables = [rawTable(), { ...byHand(), Name: 'rides_manual' }, curatedTable()];
    });
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/rides_manual \(s3:\/\/\S+, not written by a crawler\)/);
    expect(findingsOf(r)).toMatch(/rides_manual has no UPDATED_BY_CRAWLER property/);
  });

  test('passes for the crawler table named raw, with partition_0 above dt', async () => {
    given((s) => {
      const table = rawTable();
      rootedAtRaw(table);
      s.tables = [table, curatedTable()];
    });
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('pass');
    expect(findingsOf(r)).toMatch(/written by the crawler DataLakeCrawler/);
  });
});

describe('finding 11: a deleted lab database is a fail that says to redeploy', () => {
  const noDatabase = () => {
    given();
    stubs.glue.on(GetTablesCommand).rejects(awsError('EntityNotFoundException', `Database ${DATABASE} not found.`));
  };

  test.each(['R2', 'R3', 'R4', 'R5', 'R6', 'R7'])('%s fails with the redeploy instruction', async (id) => {
    noDatabase();
    const r = await checkRequirement(lab, id);
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(new RegExp(`Glue database ${DATABASE} .*does not exist.*mllab deploy datalake-athena`));
  });

  test('the whole run exits 1 (work to do), not 3 (undecided)', async () => {
    noDatabase();
    const result = await runLabWith(lab);
    expect(statusesOf(result)).toMatchObject({ R1: 'pass', R2: 'fail', R3: 'skipped', R4: 'skipped' });
    expect(exitCodeOf(result)).toBe(1);
  });

  test('a deleted lab bucket is a fail that says to redeploy too', async () => {
    given();
    stubs.s3.on(ListObjectsV2Command).rejects(awsError('NoSuchBucket', 'The specified bucket does not exist', 404));
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('fail');
    expect(findingsOf(r)).toMatch(/lab bucket \S+ .*does not exist.*mllab deploy datalake-athena/);
  });
});

describe('could not see enough: error, never fail', () => {
  /** A history whose every page points to one more: the check stops at its cap. */
  function endlessHistory(firstPage: string[]): void {
    stubs.athena.on(ListQueryExecutionsCommand, { WorkGroup: WORKGROUP }).callsFake((input: { NextToken?: string }) => ({
      QueryExecutionIds: input.NextToken ? [`00000000-0000-4000-8000-${input.NextToken.padStart(12, '0')}`] : firstPage,
      NextToken: String(Number(input.NextToken ?? '0') + 1),
    }));
  }

  test('R3 is an error when the raw listing stops at its page cap', async () => {
    given();
    stubs.s3.on(ListObjectsV2Command, { Bucket: BUCKET, Prefix: 'raw/rides/' }).resolves({ IsTruncated: true, NextContinuationToken: 'more', Contents: rawObjects() });
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('error');
    expect(findingsOf(r)).toMatch(/page cap, so some day folders were not seen/);
  });

  test('R4 is an error when the history was cut short before any query on the raw table', async () => {
    given((s) => {
      s.queries = [queryExecution(IDS.count, 'SELECT 1', '2026-01-10T09:15:44.000Z', 0)];
    });
    endlessHistory([IDS.count]);
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('error');
    expect(findingsOf(r)).toMatch(/older ones exist/);
  });

  test('R4 is an error when Athena leaves query ids unprocessed', async () => {
    given((s) => {
      s.queries = [queryExecution(IDS.count, 'SELECT 1', '2026-01-10T09:15:44.000Z', 0)];
    });
    stubs.athena.on(BatchGetQueryExecutionCommand).resolves({ QueryExecutions: [], UnprocessedQueryExecutionIds: [{ QueryExecutionId: IDS.count, ErrorCode: 'INTERNAL_ERROR' }] });
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('error');
    expect(findingsOf(r)).toMatch(/UnprocessedQueryExecutionIds/);
  });

  test('R5 is an error when the CTAS that made the table is older than the history read', async () => {
    const state = given();
    endlessHistory(state.queries.filter((q) => q.QueryExecutionId !== IDS.ctas).map((q) => q.QueryExecutionId!));
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('error');
    expect(findingsOf(r)).toMatch(/not among those the check could read/);
  });

  test('R7 is an error when no twin was found in a history cut short', async () => {
    const state = given();
    endlessHistory(state.queries.filter((q) => q.QueryExecutionId !== IDS.compareRaw).map((q) => q.QueryExecutionId!));
    const r = await checkRequirement(lab, 'R7');
    expect(r.status).toBe('error');
    expect(findingsOf(r)).toMatch(/has a twin/);
    expect(findingsOf(r)).toMatch(/could not see every query/);
  });
});

describe('valid alternatives pass', () => {
  test('R5 and R6 accept the curated location with a trailing slash', async () => {
    given((s) => {
      const curated = curatedTable();
      curated.StorageDescriptor!.Location = `${RESULTS}tables/${IDS.ctas}/`;
      s.curated = curated;
    });
    expect((await checkRequirement(lab, 'R5')).status).toBe('pass');
    expect((await checkRequirement(lab, 'R6')).status).toBe('pass');
  });

  test('R5 accepts a lower-case CTAS into ORC', async () => {
    given((s) => {
      s.queries = s.queries.map((q) =>
        q.QueryExecutionId === IDS.ctas ? { ...q, Query: `create table ${CURATED_TABLE} with (format = 'orc', partitioned_by = array['dt']) as select * from ${RAW_TABLE}` } : q,
      );
      const curated = curatedTable();
      curated.StorageDescriptor!.SerdeInfo = { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.orc.OrcSerde' };
      s.curated = curated;
    });
    expect((await checkRequirement(lab, 'R5')).status).toBe('pass');
  });

  test('R7 accepts twin queries in lower case', async () => {
    given((s) => {
      s.queries = s.queries.map((q) =>
        q.QueryExecutionId === IDS.compareCurated || q.QueryExecutionId === IDS.compareRaw
          ? { ...q, Query: comparisonSql(DATABASE, q.QueryExecutionId === IDS.compareRaw ? RAW_TABLE : CURATED_TABLE, COMPARISON_DAY).toLowerCase() }
          : q,
      );
    });
    expect((await checkRequirement(lab, 'R7')).status).toBe('pass');
  });
});
