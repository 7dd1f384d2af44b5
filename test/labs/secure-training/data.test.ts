// The shipped readmission data is exactly what the seeded generator writes, in the format built-in
// XGBoost reads for CSV training, and small.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FEATURES, generateReadmissions, ROWS, SEED, toCsv, TRAIN_FILE } from '../../../labs/secure-training/generate-data';

const FILE = join(__dirname, '..', '..', '..', 'labs', 'secure-training', TRAIN_FILE);

test('the shipped file is the generator output for the fixed seed, byte for byte', () => {
  expect(readFileSync(FILE, 'utf8')).toBe(toCsv(generateReadmissions()));
});

test('another seed gives other data (the seed is what makes it reproducible)', () => {
  expect(toCsv(generateReadmissions(SEED + 1))).not.toBe(toCsv(generateReadmissions()));
});

test('label first (0/1), no header, one numeric column per feature', () => {
  const lines = readFileSync(FILE, 'utf8').trimEnd().split('\n');
  expect(lines).toHaveLength(ROWS);
  const malformed = lines.filter((line) => {
    const cells = line.split(',');
    return cells.length !== 1 + FEATURES.length || !['0', '1'].includes(cells[0]!) || cells.some((c) => c === '' || !Number.isFinite(Number(c)));
  });
  expect(malformed).toEqual([]);
});

test('about one discharge in five is readmitted, as the README says (19%), and the file stays small', () => {
  const labels = readFileSync(FILE, 'utf8').trimEnd().split('\n').map((l) => Number(l[0]));
  expect(labels.reduce((a, b) => a + b, 0) / labels.length).toBeCloseTo(0.19, 2);
  expect(statSync(FILE).size).toBeLessThan(100_000);
});
