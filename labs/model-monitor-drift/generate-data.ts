// Generates the data shipped with the `model-monitor-drift` lab:
//   data/training/churn-training.csv  the baseline dataset: the first 2,000 training customers of the
//                                     xgboost-builtin lab (the data the served model learned from), its
//                                     twelve features with a header row and no label, which is what
//                                     the endpoint receives and what data capture records;
//   data/requests/normal.csv          800 held-out customers of xgboost-builtin's validation set, one
//                                     request per line, no header: traffic as the model was trained for;
//   data/requests/drifted.csv         the next 800 held-out customers after the business changed: a
//                                     price rise (monthly_charges and price_increase_pct) and a
//                                     sign-up promotion that fills the base with new customers
//                                     (tenure_months), drawn from SEED.
//
// Run after a build: `npm run build && node dist/labs/model-monitor-drift/generate-data.js`. The output
// is byte-for-byte reproducible (xgboost-builtin's seeded generator plus SEED here).
//
// Model Monitor names features from the baseline dataset's header and reads captured CSV requests
// by position, so the request files carry the same twelve columns in the same order, no label.
// https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-create-baseline.html
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { mulberry32 } from '../prng';
import { FEATURES, generateChurn } from '../xgboost-builtin/generate-data';

export const SEED = 20_261_201;
export const BASELINE_ROWS = 2000;
export const REQUEST_ROWS = 800;

export { FEATURES };
/** The features the drifted traffic shifts; test/labs/model-monitor-drift/drift.test.ts measures them. */
export const DRIFTED_FEATURES = ['tenure_months', 'monthly_charges', 'price_increase_pct'] as const;

export type FeatureRow = readonly number[];

const column = (name: (typeof FEATURES)[number]): number => FEATURES.indexOf(name);
const round1 = (x: number): number => Math.round(x * 10) / 10;

/** One customer after the price rise and the sign-up promotion; the other nine features are unchanged. */
function drift(row: FeatureRow, random: () => number): FeatureRow {
  const out = [...row];
  // Seven in ten customers now joined within the last six months.
  if (random() < 0.7) out[column('tenure_months')] = 1 + Math.floor(random() * 6);
  // List prices rose by about 35% plus a new 8-dollar fee.
  out[column('monthly_charges')] = round1(row[column('monthly_charges')]! * (1.3 + 0.1 * random()) + 8);
  // Most customers saw a 10 or 15 percent rise in their last bill.
  out[column('price_increase_pct')] = random() < 0.5 ? 10 : random() < 0.8 ? 15 : row[column('price_increase_pct')]!;
  return out;
}

export interface MonitorData {
  readonly baseline: readonly FeatureRow[];
  readonly normal: readonly FeatureRow[];
  readonly drifted: readonly FeatureRow[];
}

export function generateMonitorData(seed = SEED): MonitorData {
  const { train, validation } = generateChurn();
  const random = mulberry32(seed);
  return {
    baseline: train.slice(0, BASELINE_ROWS).map((r) => r.features),
    normal: validation.slice(0, REQUEST_ROWS).map((r) => r.features),
    drifted: validation.slice(REQUEST_ROWS, 2 * REQUEST_ROWS).map((r) => drift(r.features, random)),
  };
}

/** Rows as CSV with `\n` line ends; a header row only when `header` is given. */
export function toCsv(rows: readonly FeatureRow[], header?: readonly string[]): string {
  return [...(header ? [header.join(',')] : []), ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

export function writeMonitorData(labDir: string): string[] {
  const data = generateMonitorData();
  const files: [string, string][] = [
    [join(labDir, 'data', 'training', 'churn-training.csv'), toCsv(data.baseline, FEATURES)],
    [join(labDir, 'data', 'requests', 'normal.csv'), toCsv(data.normal)],
    [join(labDir, 'data', 'requests', 'drifted.csv'), toCsv(data.drifted)],
  ];
  for (const [file, text] of files) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return files.map(([file]) => file);
}

if (require.main === module) {
  // dist/labs/model-monitor-drift/generate-data.js -> <repo>/labs/model-monitor-drift
  const labDir = resolve(__dirname, '..', '..', '..', 'labs', 'model-monitor-drift');
  for (const file of writeMonitorData(labDir)) console.log(`wrote ${file}`);
}
