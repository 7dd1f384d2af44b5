// The shipped churn data is exactly what the seeded generator writes, in the format built-in
// XGBoost reads for CSV training, and small.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FEATURES, generateChurn, SEED, toCsv, TRAIN_ROWS, VALIDATION_ROWS } from '../../../labs/xgboost-builtin/generate-data';

const DATA = join(__dirname, '..', '..', '..', 'labs', 'xgboost-builtin', 'data');
const TRAIN_FILE = join(DATA, 'train', 'churn-train.csv');
const VALIDATION_FILE = join(DATA, 'validation', 'churn-validation.csv');

test('the shipped files are the generator output for the fixed seed, byte for byte', () => {
  const { train, validation } = generateChurn();
  expect(readFileSync(TRAIN_FILE, 'utf8')).toBe(toCsv(train));
  expect(readFileSync(VALIDATION_FILE, 'utf8')).toBe(toCsv(validation));
});

test('another seed gives other data (the seed is what makes it reproducible)', () => {
  expect(toCsv(generateChurn(SEED + 1).train)).not.toBe(toCsv(generateChurn().train));
});

test.each([
  [TRAIN_FILE, TRAIN_ROWS],
  [VALIDATION_FILE, VALIDATION_ROWS],
])('%s: label first (0/1), no header, one numeric column per feature', (file, rows) => {
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  expect(lines).toHaveLength(rows);
  const malformed = lines.filter((line) => {
    const cells = line.split(',');
    return cells.length !== 1 + FEATURES.length || !['0', '1'].includes(cells[0]!) || cells.some((c) => c === '' || !Number.isFinite(Number(c)));
  });
  expect(malformed).toEqual([]);
});

test('churn is the minority class, as the scenario says (about one in eight)', () => {
  const rate = (file: string) => {
    const labels = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => Number(l[0]));
    return labels.reduce((a, b) => a + b, 0) / labels.length;
  };
  expect(rate(TRAIN_FILE)).toBeCloseTo(0.128, 2);
  expect(rate(VALIDATION_FILE)).toBeCloseTo(0.135, 2);
});

test('the shipped data stays under 1 MB', () => {
  expect(statSync(TRAIN_FILE).size + statSync(VALIDATION_FILE).size).toBeLessThan(1_000_000);
});
