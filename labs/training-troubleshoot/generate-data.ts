// Generates the synthetic churn files shipped with the `training-troubleshoot` lab:
// data/raw/churn.csv (with a header row: the planted data fault), data/clean/churn.csv (the same
// rows without it) and data/sample/churn-sample.csv (the first 200 rows, without it).
//
// Run after a build: `npm run build && node dist/labs/training-troubleshoot/generate-data.js`.
// The output is byte-for-byte reproducible from SEED.
//
// Built-in XGBoost's CSV training input has the label in the first column and no header record.
// https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost.html (input and output interface)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gaussian, mulberry32 } from '../prng';

export const SEED = 20_261_201;
export const ROWS = 1000;
export const SAMPLE_ROWS = 200;
/** The header a spreadsheet export writes; the label comes first, as XGBoost expects. */
export const HEADER = ['churned', 'tenure_months', 'monthly_charges', 'support_calls_90d', 'autopay', 'price_increase_pct'] as const;

/** Data rows as CSV lines, label first, no header. */
export function churnRows(seed = SEED, rows = ROWS): string[] {
  const random = mulberry32(seed);
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const tenure = Math.floor(random() * 72) + 1;
    const charges = Math.round((40 + 30 * random() + 5 * gaussian(random)) * 100) / 100;
    const calls = Math.floor(random() * random() * 8);
    const autopay = random() < 0.6 ? 1 : 0;
    const rise = Math.round(random() * 20 * 10) / 10;
    const risk = -2.2 - tenure / 30 + calls * 0.45 - autopay * 0.8 + rise * 0.06 + 0.5 * gaussian(random);
    const churned = random() < 1 / (1 + Math.exp(-risk)) ? 1 : 0;
    lines.push([churned, tenure, charges.toFixed(2), calls, autopay, rise.toFixed(1)].join(','));
  }
  return lines;
}

export function generate(root: string): string[] {
  const rows = churnRows();
  const files: Record<string, string[]> = {
    'raw/churn.csv': [HEADER.join(','), ...rows],
    'clean/churn.csv': rows,
    'sample/churn-sample.csv': rows.slice(0, SAMPLE_ROWS),
  };
  return Object.entries(files).map(([name, lines]) => {
    const path = join(root, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  });
}

if (require.main === module) {
  for (const path of generate(resolve(__dirname, '..', '..', '..', 'labs', 'training-troubleshoot', 'data'))) console.log(path);
}
