// The S3 parts of the lab (R3: the day folders under raw/; R6: the CTAS output under the
// workgroup's results location) over the wire against s3rver on loopback. The bucket holds what
// the Data lake environment uploads at deploy time (the shipped sample) and what Athena's CTAS
// writes; Glue, Athena and CloudFormation, which have no emulator, answer from the fixture state
// through mocks.
import { AthenaClient } from '@aws-sdk/client-athena';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { GlueClient } from '@aws-sdk/client-glue';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import { mockClient } from 'aws-sdk-client-mock';
import type { CheckRunResult } from '../../../lib/check/runner';
import { lab } from '../../../labs/datalake-athena/lab';
import { ridesCsv } from '../../../labs/datalake-athena/generate-rides';
import { useS3rverBucket } from '../../support/emulators';
import { runLabWith } from '../../support/replay';
import { BUCKET, curatedObjects, deployedFiles, IDS, mockState, referenceState } from './fixtures';

const stubs = {
  cfn: mockClient(CloudFormationClient),
  glue: mockClient(GlueClient),
  athena: mockClient(AthenaClient),
};

const s3 = useS3rverBucket(BUCKET);

/** Parquet files start and end with the magic bytes PAR1. */
const parquetish = (size: number) => Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(Math.max(size - 8, 0), 7), Buffer.from('PAR1')]);

const put = (Key: string, Body: string | Buffer) => s3().send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }));

beforeAll(async () => {
  // What deploying the lab uploads, byte for byte: the environment's sample and the lab's days.
  for (const { key, file } of deployedFiles()) await put(key, readFileSync(file));
  await put('curated/README.txt', 'Write the curated (cleaned, columnar) data of the lab here.\n');
  for (const o of curatedObjects()) await put(o.Key, parquetish(o.Size));
  await put(`athena-results/tables/${IDS.ctas}-manifest.csv`, curatedObjects().map((o) => `s3://${BUCKET}/${o.Key}`).join('\n'));
});

beforeEach(() => {
  for (const stub of Object.values(stubs)) stub.reset();
  mockState(stubs, referenceState());
});

/** Glue, Athena and CloudFormation answer from the mocks, S3 from s3rver. */
const check = () => runLabWith(lab);

const byId = (r: CheckRunResult, id: string) => r.requirements.find((q) => q.id === id)!;

test('the reference state passes, with R3 and R6 read from s3rver', async () => {
  const result = await check();
  expect(result.requirements.map((r) => `${r.id} ${r.status}`)).toEqual(lab.requirements.map((r) => `${r.id} pass`));
  expect(byId(result, 'R6').findings.join(' ')).toContain(`5 data file(s) of rides_curated under s3://${BUCKET}/athena-results/tables/${IDS.ctas}/`);
});

test('R3 fails over the wire when a day lands after the crawl', async () => {
  await put('raw/rides/dt=2026-01-10/rides.csv', ridesCsv('2026-01-10', 50, 1));
  try {
    const result = await check();
    expect(byId(result, 'R3').status).toBe('fail');
    expect(byId(result, 'R3').findings.join(' ')).toMatch(/1 of the 6 day folder\(s\) under s3:\/\/\S+\/raw\/rides\/ have no partition in rides: dt=2026-01-10/);
  } finally {
    await s3().send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'raw/rides/dt=2026-01-10/rides.csv' }));
  }
});

test('R6 fails over the wire when a day of the CTAS output is missing', async () => {
  const last = curatedObjects()[4]!;
  await s3().send(new DeleteObjectCommand({ Bucket: BUCKET, Key: last.Key }));
  try {
    const result = await check();
    expect(byId(result, 'R6').status).toBe('fail');
    expect(byId(result, 'R6').findings.join(' ')).toMatch(/no data for 1 of the 5 day\(s\) of rides: dt=2026-01-09/);
  } finally {
    await put(last.Key, parquetish(last.Size));
  }
});
