// Generates the raw churn extract shipped with the `pipeline-registry` lab:
// labs/pipeline-registry/data/raw/churn-raw.csv.
//
// Run after a build: `npm run build && node dist/labs/pipeline-registry/generate-data.js`. The output
// is byte-for-byte reproducible from SEED, so a diff of the shipped file after a run shows any drift.
//
// The customers come from xgboost-builtin's generator (the same churn signal, the same columns),
// drawn with another seed, so the threshold measured there carries over. Unlike that lab's channels,
// this is a raw extract: a header row and the label named `churned` in the first column, because
// splitting and formatting it for the built-in XGBoost (label first, no header, text/csv) is the
// pipeline's preprocessing step's job.
// https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost-how-to-use.html
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FEATURES, generateChurn, type ChurnRow } from '../xgboost-builtin/generate-data';

export const SEED = 20_261_201;
export const ROWS = 10000;
export const HEADER = ['churned', ...FEATURES].join(',');

export function generateRaw(seed = SEED): ChurnRow[] {
  const { train, validation } = generateChurn(seed);
  return [...train, ...validation].slice(0, ROWS);
}

export function toRawCsv(rows: readonly ChurnRow[]): string {
  return [HEADER, ...rows.map((r) => [r.churned, ...r.features].join(','))].join('\n') + '\n';
}

export function writeRaw(labDir: string): string {
  const file = join(labDir, 'data', 'raw', 'churn-raw.csv');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, toRawCsv(generateRaw()));
  return file;
}

if (require.main === module) {
  // dist/labs/pipeline-registry/generate-data.js -> <repo>/labs/pipeline-registry
  const file = writeRaw(resolve(__dirname, '..', '..', '..', 'labs', 'pipeline-registry'));
  const rows = generateRaw();
  console.log(`wrote ${file} (${rows.length} rows, churn rate ${(rows.filter((r) => r.churned === 1).length / rows.length).toFixed(3)})`);
}
