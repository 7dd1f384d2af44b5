// The shipped raw extract is exactly what the seeded generator writes: a header row, the label
// `churned` first, xgboost-builtin's twelve columns, and small.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateRaw, HEADER, ROWS, SEED, toRawCsv } from '../../../labs/pipeline-registry/generate-data';
import { lab, RAW_PREFIX } from '../../../labs/pipeline-registry/lab';
import { FEATURES } from '../../../labs/xgboost-builtin/generate-data';

const FILE = join(__dirname, '..', '..', '..', 'labs', 'pipeline-registry', 'data', 'raw', 'churn-raw.csv');

test('the shipped file is the generator output for the fixed seed, byte for byte', () => {
  expect(readFileSync(FILE, 'utf8')).toBe(toRawCsv(generateRaw()));
  expect(toRawCsv(generateRaw(SEED + 1))).not.toBe(toRawCsv(generateRaw()));
});

test('a header row, then one labelled numeric row per customer', () => {
  const [header, ...rows] = readFileSync(FILE, 'utf8').trimEnd().split('\n');
  expect(header).toBe(HEADER);
  expect(header!.split(',')).toEqual(['churned', ...FEATURES]);
  expect(rows).toHaveLength(ROWS);
  const malformed = rows.filter((line) => {
    const cells = line.split(',');
    return cells.length !== 1 + FEATURES.length || !['0', '1'].includes(cells[0]!) || cells.some((c) => c === '' || !Number.isFinite(Number(c)));
  });
  expect(malformed).toEqual([]);
  const rate = rows.filter((l) => l.startsWith('1,')).length / rows.length;
  expect(rate).toBeGreaterThan(0.08);
  expect(rate).toBeLessThan(0.2);
});

test('the manifest uploads it under the raw prefix, and it stays small', () => {
  expect(lab.datasets).toEqual([expect.objectContaining({ dir: 'data/raw', keyPrefix: RAW_PREFIX })]);
  expect(statSync(FILE).size).toBeLessThan(400_000);
});
