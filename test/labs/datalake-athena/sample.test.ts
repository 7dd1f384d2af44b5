// The lab's expectations against what the Data lake environment really ships and deploys, so a
// change on either side shows here rather than in a learner's failed check.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ATHENA_RESULTS_PREFIX, RAW_PREFIX as ENVIRONMENT_RAW_PREFIX, sampleDataDir } from '../../../lib/environments/datalake-environment';
import { PARTITION_KEY, RAW_PREFIX } from '../../../labs/datalake-athena/facts';
import { RAW_COLUMNS } from '../../../labs/datalake-athena/lab';
import { BUCKET, DAYS, RAW_LOCATION, RESULTS, shippedFiles } from './fixtures';

const csvFiles = shippedFiles().filter((f) => f.endsWith('.csv'));

test('the lab and the environment agree on the raw area and the results location', () => {
  expect(RAW_PREFIX).toBe(ENVIRONMENT_RAW_PREFIX);
  expect(RESULTS).toBe(`s3://${BUCKET}/${ATHENA_RESULTS_PREFIX}`);
});

test('every shipped CSV is under raw/, in a dt= folder the fixtures know, under the fixture table location', () => {
  expect(csvFiles.length).toBeGreaterThan(0);
  const days = csvFiles.map((f) => new RegExp(`(?:^|/)${PARTITION_KEY}=([^/]+)/`).exec(f)?.[1]);
  expect([...new Set(days)].sort()).toEqual(DAYS);
  for (const f of csvFiles) expect(`s3://${BUCKET}/${f}`.startsWith(RAW_LOCATION)).toBe(true);
});

test.each(csvFiles)('%s has the header the lab requires, and a numeric column so the crawler can tell the header from data', (file) => {
  const [header, ...rows] = readFileSync(join(sampleDataDir(), file), 'utf8').trim().split('\n');
  expect(header!.split(',')).toEqual([...RAW_COLUMNS]);
  // The built-in CSV classifier takes the first row as a header only when it differs in type
  // from the rows below it: an all-string file would be cataloged as col0, col1, ...
  const numericColumns = RAW_COLUMNS.filter((_, i) => rows.every((r) => r.split(',')[i] !== '' && !Number.isNaN(Number(r.split(',')[i]))));
  expect(numericColumns.length).toBeGreaterThan(0);
});
