// The shipped data and the thresholds of lab.ts: CI and DPL computed from the committed file with the
// formulas of the Clarify metric pages (bias.ts), proving each threshold missable by the original
// data and reachable by a simple rebalancing, and the data-quality rules true of the rebalanced copy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { groupOversample, parseLoans, preTrainingMetrics, stratifiedOversample, toCsv } from '../../../labs/data-bias-quality/bias';
import { GROUP_B_ROWS, loansCsv, ROWS } from '../../../labs/data-bias-quality/generate-loans';
import { COLUMNS, DATA_FILE, MAX_REBALANCED_CI, MAX_REBALANCED_DPL, MIN_INCOME_COMPLETENESS, MIN_ORIGINAL_CI, MIN_ORIGINAL_DPL } from '../../../labs/data-bias-quality/lab';

const file = readFileSync(join(__dirname, '..', '..', '..', 'labs', 'data-bias-quality', 'data', DATA_FILE), 'utf8');
const rows = parseLoans(file);
const within = (m: { ci: number; dpl: number }) => Math.abs(m.ci) <= MAX_REBALANCED_CI && Math.abs(m.dpl) <= MAX_REBALANCED_DPL;

test('the committed file is what the seeded generator writes, byte for byte', () => {
  expect(loansCsv()).toBe(file);
});

test('the file has the stated shape: 3,000 rows of 8 columns, no header, groups A and B, labels 0 and 1', () => {
  expect(rows).toHaveLength(ROWS);
  expect(file.startsWith('applicant_id')).toBe(false);
  expect(new Set(rows.map((r) => r.fields.length))).toEqual(new Set([COLUMNS.length]));
  expect(new Set(rows.map((r) => r.group))).toEqual(new Set(['A', 'B']));
  expect(new Set(rows.map((r) => r.approved))).toEqual(new Set([0, 1]));
});

test('CI and DPL of the shipped data, by the documented formulas, clear the original thresholds and miss the rebalanced bounds', () => {
  const m = preTrainingMetrics(rows);
  // CI = (n_a - n_d) / (n_a + n_d) with n_d = 600 of 3,000.
  expect([m.na, m.nd]).toEqual([ROWS - GROUP_B_ROWS, GROUP_B_ROWS]);
  expect(m.ci).toBeCloseTo(0.6, 10);
  expect(m.dpl).toBeCloseTo(m.qa - m.qd, 12);
  expect(m.dpl).toBeCloseTo(0.2829, 4);
  expect(m.ci).toBeGreaterThanOrEqual(MIN_ORIGINAL_CI);
  expect(m.dpl).toBeGreaterThanOrEqual(MIN_ORIGINAL_DPL);
  expect(within(m)).toBe(false);
});

test('reachable: resampling B\'s approved and declined rows apart meets both bounds, for any seed', () => {
  for (const seed of [1, 7, 42, 2026]) expect(within(preTrainingMetrics(stratifiedOversample(rows, seed)))).toBe(true);
});

test('missable: resampling B to A\'s size alone fixes CI but leaves DPL above its bound', () => {
  const m = preTrainingMetrics(groupOversample(rows, 7));
  expect(Math.abs(m.ci)).toBeLessThanOrEqual(MAX_REBALANCED_CI);
  expect(Math.abs(m.dpl)).toBeGreaterThan(MAX_REBALANCED_DPL * 4);
});

test('the rebalanced copy keeps the quality rules true: labels complete, groups A/B, incomes at least 95% complete but not all', () => {
  const copy = parseLoans(toCsv(stratifiedOversample(rows, 7)));
  const incomeAt = COLUMNS.indexOf('income_k');
  const complete = copy.filter((r) => r.fields[incomeAt] !== '').length / copy.length;
  expect(copy.every((r) => r.fields[COLUMNS.indexOf('approved')] !== '')).toBe(true);
  expect(new Set(copy.map((r) => r.group))).toEqual(new Set(['A', 'B']));
  expect(complete).toBeGreaterThanOrEqual(MIN_INCOME_COMPLETENESS);
  // IsComplete "income_k" would fail: the stricter rule is the learner's choice, and teaches why.
  expect(complete).toBeLessThan(1);
});
