// Generates the synthetic telecom churn data set shipped with the `xgboost-builtin` lab:
// labs/xgboost-builtin/data/train/churn-train.csv and labs/xgboost-builtin/data/validation/churn-validation.csv.
//
// Run after a build: `npm run build && node dist/labs/xgboost-builtin/generate-data.js`. The output is
// byte-for-byte reproducible from SEED, so a diff of the shipped files after a run shows any drift.
//
// Format: the one SageMaker's built-in XGBoost expects for CSV training: the label in the first
// column, no header record, content type text/csv.
// https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost-how-to-use.html
//
// The signal is built so that the lab's threshold separates a careful configuration from a
// careless one: churn is rare (about 1 customer in 10), and most of the risk sits in interactions
// (a month-to-month contract matters mostly in the first year; a price rise matters mostly to
// customers who barely use the service; failed payments matter only without autopay), which
// a few shallow trees cannot represent. scripts/xgboost/reachability.py measures both sides.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gaussian, mulberry32 } from '../prng';

export const SEED = 20_260_601;
export const TRAIN_ROWS = 8000;
export const VALIDATION_ROWS = 2000;

/** Column order after the label; README.md of the lab documents the same list. */
export const FEATURES = [
  'tenure_months',
  'contract_type',
  'monthly_charges',
  'support_calls_90d',
  'payment_failures_6m',
  'autopay',
  'days_since_last_login',
  'data_usage_gb',
  'num_products',
  'price_increase_pct',
  'age',
  'region',
] as const;

export interface ChurnRow {
  readonly churned: 0 | 1;
  readonly features: readonly number[];
}

function poisson(random: () => number, mean: number): number {
  // Knuth's method: fine for the small means used here.
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

function pick<T>(random: () => number, values: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let u = random() * total;
  for (let i = 0; i < values.length; i++) {
    u -= weights[i]!;
    if (u < 0) return values[i]!;
  }
  return values[values.length - 1]!;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const round1 = (x: number): number => Math.round(x * 10) / 10;

/** One customer and whether they left within the next quarter. */
function customer(random: () => number): ChurnRow {
  const contract = pick(random, [0, 1, 2], [0.55, 0.25, 0.2]);
  const tenure = clamp(Math.round(-Math.log(Math.max(random(), 1e-9)) * (contract === 0 ? 14 : 30)) + 1, 1, 72);
  const products = pick(random, [1, 2, 3, 4], [0.45, 0.3, 0.17, 0.08]);
  const monthly = round1(clamp(25 + 18 * products + 12 * gaussian(random), 18, 140));
  const supportCalls = poisson(random, 1.6);
  const autopay = random() < (contract === 0 ? 0.35 : 0.65) ? 1 : 0;
  const paymentFailures = poisson(random, autopay ? 0.08 : 0.45);
  const daysSinceLogin = clamp(Math.round(-Math.log(Math.max(random(), 1e-9)) * 9), 0, 120);
  const usage = round1(clamp(Math.exp(1.6 + 0.9 * gaussian(random)), 0.1, 80));
  const priceIncrease = pick(random, [0, 5, 10, 15], [0.55, 0.2, 0.15, 0.1]);
  const age = Math.round(clamp(45 + 15 * gaussian(random), 18, 85));
  const region = Math.floor(random() * 5);

  const monthToMonth = contract === 0 ? 1 : 0;
  const logit =
    -5.0 +
    0.3 * monthToMonth +
    3.2 * monthToMonth * (tenure <= 12 ? 1 : 0) +
    -0.5 * (contract === 2 ? 1 : 0) +
    0.4 * (supportCalls >= 4 ? 1 : 0) +
    0.4 * (daysSinceLogin > 21 ? 1 : 0) +
    3.4 * (supportCalls >= 4 && daysSinceLogin > 21 ? 1 : 0) +
    2.6 * (paymentFailures >= 1 && autopay === 0 ? 1 : 0) +
    3.2 * (priceIncrease >= 10 && usage < 3 ? 1 : 0) +
    -0.3 * (products - 1) +
    0.01 * (monthly - 60);
  const churned = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  return {
    churned,
    features: [tenure, contract, monthly, supportCalls, paymentFailures, autopay, daysSinceLogin, usage, products, priceIncrease, age, region],
  };
}

export function generateChurn(seed = SEED): { train: ChurnRow[]; validation: ChurnRow[] } {
  const random = mulberry32(seed);
  const rows = Array.from({ length: TRAIN_ROWS + VALIDATION_ROWS }, () => customer(random));
  return { train: rows.slice(0, TRAIN_ROWS), validation: rows.slice(TRAIN_ROWS) };
}

/** Label first, no header, `\n` line ends: SageMaker XGBoost's text/csv training format. */
export function toCsv(rows: readonly ChurnRow[]): string {
  return rows.map((r) => [r.churned, ...r.features].join(',')).join('\n') + '\n';
}

export function writeChurn(labDir: string): { trainFile: string; validationFile: string } {
  const { train, validation } = generateChurn();
  const trainFile = join(labDir, 'data', 'train', 'churn-train.csv');
  const validationFile = join(labDir, 'data', 'validation', 'churn-validation.csv');
  for (const [file, rows] of [
    [trainFile, train],
    [validationFile, validation],
  ] as const) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, toCsv(rows));
  }
  return { trainFile, validationFile };
}

if (require.main === module) {
  // dist/labs/xgboost-builtin/generate-data.js -> <repo>/labs/xgboost-builtin
  const labDir = resolve(__dirname, '..', '..', '..', 'labs', 'xgboost-builtin');
  const { trainFile, validationFile } = writeChurn(labDir);
  const { train, validation } = generateChurn();
  const rate = (rows: ChurnRow[]) => (rows.filter((r) => r.churned === 1).length / rows.length).toFixed(3);
  console.log(`wrote ${trainFile} (${train.length} rows, churn rate ${rate(train)})`);
  console.log(`wrote ${validationFile} (${validation.length} rows, churn rate ${rate(validation)})`);
}
