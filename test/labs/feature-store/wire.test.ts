// The S3 part of the lab (R5: the offline store's Parquet files under the location Feature Store
// reports) over the wire against s3rver on loopback. The bucket holds what Feature Store writes
// (keys laid out as https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-offline.html
// documents); SageMaker, Feature Store runtime, Glue, Athena and CloudFormation, which have no
// emulator, answer from the fixture state through mocks.
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { CheckRunResult } from '../../../lib/check/runner';
import { lab } from '../../../labs/feature-store/lab';
import { useS3rverBucket } from '../../support/emulators';
import { runLabWith } from '../../support/replay';
import { BUCKET, mockState, offlineObjects, referenceState, RESOLVED_PREFIX, stubs } from './fixtures';

const s = stubs(false);
const s3 = useS3rverBucket(BUCKET);

/** Parquet files start and end with the magic bytes PAR1. */
const parquetish = (size: number) => Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(Math.max(size - 8, 0), 7), Buffer.from('PAR1')]);
const put = (Key: string, Body: string | Buffer) => s3().send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }));
const remove = (Key: string) => s3().send(new DeleteObjectCommand({ Bucket: BUCKET, Key }));

beforeAll(async () => {
  // What the lab stack uploads, and what Feature Store wrote for the two snapshots.
  await put('input/customer-features/customer-features.csv', 'customer_id,event_time\n');
  for (const o of offlineObjects()) await put(o.Key, parquetish(o.Size));
});

beforeEach(() => mockState(s, referenceState()));

const byId = (r: CheckRunResult, id: string) => r.requirements.find((q) => q.id === id)!;

test('the reference state passes, with R5 read from s3rver', async () => {
  const result = await runLabWith(lab);
  expect(result.requirements.map((r) => `${r.id} ${r.status}`)).toEqual(lab.requirements.map((r) => `${r.id} pass`));
  expect(byId(result, 'R5').findings.join(' ')).toMatch(new RegExp(`2 Parquet file\\(s\\) \\(28.7 KB\\) under s3://${BUCKET}/${RESOLVED_PREFIX}/`));
});

test('R5 fails over the wire when the October partition is missing, and passes again once it is written', async () => {
  const october = offlineObjects()[0]!;
  await remove(october.Key);
  try {
    const result = await runLabWith(lab);
    expect(byId(result, 'R5').status).toBe('fail');
    expect(byId(result, 'R5').findings.join(' ')).toMatch(/none for 2026-10-31/);
    // R6 builds on R5.
    expect(byId(result, 'R6').status).toBe('skipped');
  } finally {
    await put(october.Key, parquetish(october.Size));
  }
  expect(byId(await runLabWith(lab), 'R5').status).toBe('pass');
});

test('R5 does not count the Iceberg metadata or other objects as offline data', async () => {
  const metadata = `${RESOLVED_PREFIX}/metadata/00000-3c5d.metadata.json`;
  await put(metadata, '{}');
  for (const o of offlineObjects()) await remove(o.Key);
  try {
    const result = await runLabWith(lab);
    expect(byId(result, 'R5').findings.join(' ')).toMatch(/holds no Parquet file yet/);
  } finally {
    await remove(metadata);
    for (const o of offlineObjects()) await put(o.Key, parquetish(o.Size));
  }
});
