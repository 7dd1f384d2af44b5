// Generates the synthetic hospital readmission data shipped with the `secure-training` lab:
// labs/secure-training/data/train/readmissions-train.csv.
//
// Run after a build: `npm run build && node dist/labs/secure-training/generate-data.js`. The output is
// byte-for-byte reproducible from SEED, so a diff of the shipped file after a run shows any drift.
//
// Format: the one SageMaker's built-in XGBoost expects for CSV training: the label in the first
// column, no header record, content type text/csv.
// https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost-how-to-use.html
//
// The lab judges how the job is secured, not how well the model scores, so the data only has to
// be learnable and small: readmission within 30 days depends on prior admissions, chronic
// conditions and whether a follow-up visit was booked. No real patient is in it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gaussian, mulberry32 } from '../prng';

export const SEED = 20_261_201;
export const ROWS = 1500;

/** Column order after the label; README.md of the lab documents the same list. */
export const FEATURES = ['age', 'prior_admissions_12m', 'length_of_stay_days', 'chronic_conditions', 'discharged_on_weekend', 'follow_up_booked'] as const;

export function generateReadmissions(seed = SEED, rows = ROWS): string[][] {
  const random = mulberry32(seed);
  const out: string[][] = [];
  for (let i = 0; i < rows; i++) {
    const age = Math.round(Math.min(95, Math.max(18, 62 + 15 * gaussian(random))));
    const prior = Math.floor(random() * random() * 6);
    const stay = Math.max(1, Math.round(4 + 3 * gaussian(random)));
    const chronic = Math.floor(random() * 5);
    const weekend = random() < 2 / 7 ? 1 : 0;
    const followUp = random() < 0.6 ? 1 : 0;
    const logit = -2.6 + 0.55 * prior + 0.35 * chronic + 0.08 * (stay - 4) + 0.015 * (age - 62) + 0.3 * weekend - 0.9 * followUp;
    const label = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    out.push([label, age, prior, stay, chronic, weekend, followUp].map(String));
  }
  return out;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.join(',')).join('\n') + '\n';
}

export const TRAIN_FILE = join('data', 'train', 'readmissions-train.csv');

if (require.main === module) {
  // Run from dist/labs/secure-training: the shipped file lives beside the sources.
  const labDir = resolve(__dirname, '..', '..', '..', 'labs', 'secure-training');
  const file = join(labDir, TRAIN_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, toCsv(generateReadmissions()));
  console.log(`wrote ${file}`);
}
