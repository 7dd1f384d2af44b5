// Generates the loan applications the data-bias-quality lab ships: labs/data-bias-quality/data/loans.csv,
// uploaded under raw/loans-original/. CSV without a header row, columns as COLUMNS in lab.ts.
//
// The story the numbers tell: group B is a fifth of the applicants, earns less on average, and its
// approvals carry a penalty beyond what the features explain (a past policy), so B is both
// under-represented (class imbalance) and approved less often (difference in proportions of labels).
// Two percent of incomes are missing, as in real application forms.
//
// Run after a build: `npm run build && node dist/labs/data-bias-quality/generate-loans.js`. The
// output is byte-for-byte reproducible from SEED, so a diff after a run shows any drift.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gaussian, mulberry32 } from '../prng';
import { DATA_FILE } from './lab';

export const SEED = 20_261_201;
export const ROWS = 3000;
/** Exactly a fifth of the applicants are in group B. */
export const GROUP_B_ROWS = 600;
export const MISSING_INCOME_SHARE = 0.02;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function loansCsv(seed: number = SEED): string {
  const random = mulberry32(seed);
  // Which rows are B: a seeded shuffle of the row numbers, so the groups interleave.
  const order = Array.from({ length: ROWS }, (_, i) => i);
  for (let i = ROWS - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const inB = new Set(order.slice(0, GROUP_B_ROWS));
  const lines: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const group = inB.has(i) ? 'B' : 'A';
    const income = clamp((group === 'B' ? 48 : 62) + (group === 'B' ? 13 : 15) * gaussian(random), 12, 200);
    const dti = 0.05 + random() * 0.55;
    const credit = Math.round(clamp(690 + 50 * gaussian(random), 450, 850));
    const loan = clamp(25 + 8 * gaussian(random), 2, 80);
    const years = Math.floor(-6 * Math.log(Math.max(random(), Number.EPSILON)));
    const score = -0.2 + 0.04 * (income - 55) + 0.012 * (credit - 690) - 4 * (dti - 0.3) - 0.02 * (loan - 25) + 0.05 * years - (group === 'B' ? 0.7 : 0);
    const approved = random() < 1 / (1 + Math.exp(-score)) ? 1 : 0;
    const missing = random() < MISSING_INCOME_SHARE;
    lines.push([`L${String(i + 1).padStart(5, '0')}`, group, missing ? '' : income.toFixed(1), dti.toFixed(3), credit, loan.toFixed(1), Math.min(years, 40), approved].join(','));
  }
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  // dist/labs/data-bias-quality -> labs/data-bias-quality/data
  writeFileSync(join(__dirname, '..', '..', '..', 'labs', 'data-bias-quality', 'data', DATA_FILE), loansCsv());
}
