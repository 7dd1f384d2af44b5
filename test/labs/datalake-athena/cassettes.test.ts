// Replays the lab's cassettes offline. The cassettes were recorded from the fixture states
// (RECORD_DATALAKE_CASSETTES=1 re-records them) and are committed, so the replay below reads the
// files, not the fixtures.
import { AthenaClient } from '@aws-sdk/client-athena';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { GlueClient } from '@aws-sdk/client-glue';
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { join } from 'node:path';
import { recordingTransport, writeCassette, type Cassette } from '../../../lib/cassette';
import { exitCodeOf } from '../../../lib/check/runner';
import { liveTransport } from '../../../lib/check/session';
import { CURATED_TABLE, lab } from '../../../labs/datalake-athena/lab';
import { labCassette, LABS_DIR, replayLab, runLabWith, statusesOf } from '../../support/replay';
import { curatedTable, DATABASE, DAYS, IDS, mockState, RAW_TABLE, rawObjects, referenceState, type DatalakeState } from './fixtures';

const stubs = {
  cfn: mockClient(CloudFormationClient),
  glue: mockClient(GlueClient),
  athena: mockClient(AthenaClient),
  s3: mockClient(S3Client),
};

/** The states the cassettes hold: the reference one and two plausible wrong ones. */
const STATES: Record<string, (s: DatalakeState) => void> = {
  'pass.json': () => undefined,
  // The learner asked CTAS for TEXTFILE and left out partitioned_by: a CSV copy of the raw data,
  // no cheaper to query than the original.
  'fail-textfile-ctas.json': (s) => {
    const curated = curatedTable();
    curated.StorageDescriptor!.InputFormat = 'org.apache.hadoop.mapred.TextInputFormat';
    curated.StorageDescriptor!.OutputFormat = 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat';
    curated.StorageDescriptor!.SerdeInfo = { SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe', Parameters: { 'field.delim': ',', 'serialization.format': ',' } };
    curated.PartitionKeys = [];
    curated.StorageDescriptor!.Columns = [...curated.StorageDescriptor!.Columns!, { Name: 'dt', Type: 'string' }];
    s.curated = curated;
    s.tables = [s.tables[0]!, curated];
    s.queries = s.queries.map((q) =>
      q.QueryExecutionId === IDS.ctas ? { ...q, Query: `CREATE TABLE "${DATABASE}"."${CURATED_TABLE}" WITH (format = 'TEXTFILE', field_delimiter = ',') AS SELECT * FROM "${DATABASE}"."${RAW_TABLE}"` } : q,
    );
  },
  // A sixth day landed after the crawl: the crawler never saw it, so its rows are invisible.
  'fail-missing-partition.json': (s) => {
    s.rawObjects = rawObjects([...DAYS, '2026-01-10']);
  },
};

if (process.env.RECORD_DATALAKE_CASSETTES === '1') {
  test.each(Object.keys(STATES))('records %s from its fixture state', async (file) => {
    for (const stub of Object.values(stubs)) stub.reset();
    const state = referenceState();
    STATES[file]!(state);
    mockState(stubs, state);
    const recorder = recordingTransport(liveTransport, 'us-east-1');
    await runLabWith(lab, recorder);
    const cassette: Cassette = recorder.cassette();
    writeCassette(join(LABS_DIR, lab.id, 'cassettes', file), cassette);
  });
}

const replay = (file: string) => replayLab(lab, file);

test('pass.json replays to all seven requirements passing, exit 0', async () => {
  const result = await replay('pass.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass', R7: 'pass' });
  expect(exitCodeOf(result)).toBe(0);
});

test('fail-textfile-ctas.json: R5 fails because a row format reads every byte, R6 and R7 are skipped', async () => {
  const result = await replay('fail-textfile-ctas.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'fail', R6: 'skipped', R7: 'skipped' });
  const r5 = result.requirements.find((r) => r.id === 'R5')!;
  expect(r5.findings.join(' ')).toMatch(/LazySimpleSerDe, a row format/);
  expect(r5.findings.join(' ')).toMatch(/not partitioned/);
  expect(exitCodeOf(result)).toBe(1);
});

test('fail-missing-partition.json: R3 fails naming the day the crawler never saw, R6 is skipped', async () => {
  const result = await replay('fail-missing-partition.json');
  expect(statusesOf(result)).toMatchObject({ R1: 'pass', R2: 'pass', R3: 'fail', R4: 'pass', R5: 'pass', R6: 'skipped', R7: 'pass' });
  expect(result.requirements.find((r) => r.id === 'R3')!.findings.join(' ')).toMatch(/dt=2026-01-10/);
  expect(exitCodeOf(result)).toBe(1);
});

test('the passing cassette has every call the run makes, and the run sends each shared read once', async () => {
  const { callsSent } = await replay('pass.json');
  expect(callsSent).toBe(labCassette(lab.id, 'pass.json').calls.length);
});
