// The lab's expectations against what deploying it really uploads (the Data lake environment's
// sample and the lab's own days), so a change on either side shows here rather than in a
// learner's failed check.
import { readFileSync } from 'node:fs';
import { ATHENA_RESULTS_PREFIX, RAW_PREFIX as ENVIRONMENT_RAW_PREFIX } from '../../../lib/environments/datalake-environment';
import { DAYS as GENERATED_DAYS, RIDES_PER_DAY, ridesCsv, SEED } from '../../../labs/datalake-athena/generate-rides';
import { lab, PARTITION_KEY, RAW_COLUMNS, RAW_PREFIX } from '../../../labs/datalake-athena/lab';
import { BUCKET, COMPARISON_DAY, DAYS, deployedFiles, RAW_LOCATION, RESULTS } from './fixtures';

const csv = deployedFiles().filter((f) => f.key.endsWith('.csv'));

test('the lab and the environment agree on the raw area and the results location', () => {
  expect(RAW_PREFIX).toBe(ENVIRONMENT_RAW_PREFIX);
  expect(RESULTS).toBe(`s3://${BUCKET}/${ATHENA_RESULTS_PREFIX}`);
  expect(lab.datasets!.every((d) => d.keyPrefix.startsWith(RAW_PREFIX))).toBe(true);
});

test('every uploaded CSV lands under the raw table, in a dt= folder the fixtures know, one file a day', () => {
  const days = csv.map((f) => new RegExp(`(?:^|/)${PARTITION_KEY}=([^/]+)/`).exec(f.key)?.[1]);
  expect(days).toEqual(DAYS);
  for (const f of csv) expect(`s3://${BUCKET}/${f.key}`.startsWith(RAW_LOCATION)).toBe(true);
});

test.each(csv.map((f) => [f.key, f.file]))('%s has the header the lab requires, and a numeric column so the crawler can tell the header from data', (_key, file) => {
  const [header, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  expect(header!.split(',')).toEqual([...RAW_COLUMNS]);
  // The built-in CSV classifier takes the first row as a header only when it differs in type
  // from the rows below it: an all-string file would be cataloged as col0, col1, ...
  const numericColumns = RAW_COLUMNS.filter((_, i) => rows.every((r) => r.split(',')[i] !== '' && !Number.isNaN(Number(r.split(',')[i]))));
  expect(numericColumns.length).toBeGreaterThan(0);
});

test('the lab ships its days exactly as generate-rides.ts makes them', () => {
  GENERATED_DAYS.forEach((day, i) => {
    const shipped = csv.find((f) => f.key === `raw/rides/dt=${day}/rides.csv`);
    expect(shipped).toBeDefined();
    expect(readFileSync(shipped!.file, 'utf8')).toBe(ridesCsv(day, RIDES_PER_DAY, SEED + i));
  });
});

test('the day the reference comparison runs on is one of the big days', () => {
  const file = csv.find((f) => f.key.includes(`${PARTITION_KEY}=${COMPARISON_DAY}/`))!;
  expect(readFileSync(file.file).length).toBeGreaterThan(64 * 1024);
});
