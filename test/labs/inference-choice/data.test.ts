// The shipped nightly file is exactly what the seeded generator writes: a customer id, then the
// twelve churn features in the xgboost-builtin order, no header, no label; small.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { NIGHTLY_FILE, NIGHTLY_ROWS, NIGHTLY_SEED, nightlyCsv, nightlyCustomerIds, SCENARIO_NIGHTLY_ROWS } from '../../../labs/inference-choice/nightly-data';
import { FEATURES } from '../../../labs/xgboost-builtin/generate-data';

const FILE = join(__dirname, '..', '..', '..', 'labs', 'inference-choice', 'data', 'nightly', NIGHTLY_FILE);

test('the shipped file is the generator output for the fixed seed, byte for byte; another seed differs', () => {
  expect(readFileSync(FILE, 'utf8')).toBe(nightlyCsv());
  expect(nightlyCsv(NIGHTLY_SEED + 1)).not.toBe(nightlyCsv());
});

test('every line is a customer id then the twelve numeric features, ids in order', () => {
  const lines = readFileSync(FILE, 'utf8').trimEnd().split('\n');
  expect(lines).toHaveLength(NIGHTLY_ROWS);
  expect(lines.map((l) => l.split(',')[0])).toEqual(nightlyCustomerIds());
  const malformed = lines.filter((l) => {
    const cells = l.split(',');
    return cells.length !== 1 + FEATURES.length || cells.slice(1).some((c) => c === '' || !Number.isFinite(Number(c)));
  });
  expect(malformed).toEqual([]);
});

test('the scenario\'s 100,000-row export is about 3.9 MB, as the README says (the shipped file scaled up)', () => {
  const mb = (statSync(FILE).size / NIGHTLY_ROWS) * SCENARIO_NIGHTLY_ROWS / 1e6;
  expect(mb).toBeGreaterThan(3.8);
  expect(mb).toBeLessThan(4.0);
  expect(statSync(FILE).size).toBeLessThan(100_000);
});
