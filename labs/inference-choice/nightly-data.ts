// Generates the nightly export shipped with the `inference-choice` lab:
// labs/inference-choice/data/nightly/customers-nightly.csv. SDK-free, so the manifest can import it.
//
// Run after a build: `npm run build && node dist/labs/inference-choice/nightly-data.js`. The output
// is byte-for-byte reproducible from NIGHTLY_SEED, and test/labs/inference-choice/data.test.ts
// holds the shipped file to it.
//
// The scenario's export has 100,000 customers; the shipped file has 2,000 so the lab's transform
// job runs in minutes and costs cents. Each row is a customer id, then the twelve features of the
// xgboost-builtin lab's churn data in the same order and distribution (its generator, another
// seed), without the label: the model was trained on those twelve columns, so the id must be
// filtered out before the model sees a row and joined back to its prediction afterwards.
// https://docs.aws.amazon.com/sagemaker/latest/dg/batch-transform-data-processing.html
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { generateChurn } from '../xgboost-builtin/generate-data';

export const NIGHTLY_SEED = 20_261_201;
export const NIGHTLY_ROWS = 2000;
export const NIGHTLY_FILE = 'customers-nightly.csv';
/** The export's row count in the scenario, which the shipped file stands in for. */
export const SCENARIO_NIGHTLY_ROWS = 100_000;

/** `C500001`, `C500002`, ...: not a number, so a model fed the id column fails loudly. */
export function customerId(index: number): string {
  return `C${500_001 + index}`;
}

/** The customer ids of the shipped file, in file order. */
export function nightlyCustomerIds(): string[] {
  return Array.from({ length: NIGHTLY_ROWS }, (_, i) => customerId(i));
}

/** Customer id first, the twelve features after it, no header, `\n` line ends. */
export function nightlyCsv(seed = NIGHTLY_SEED): string {
  const { train } = generateChurn(seed);
  return train.slice(0, NIGHTLY_ROWS).map((row, i) => [customerId(i), ...row.features].join(',')).join('\n') + '\n';
}

export function writeNightly(labDir: string): string {
  const file = join(labDir, 'data', 'nightly', NIGHTLY_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, nightlyCsv());
  return file;
}

if (require.main === module) {
  // dist/labs/inference-choice/nightly-data.js -> <repo>/labs/inference-choice
  const file = writeNightly(resolve(__dirname, '..', '..', '..', 'labs', 'inference-choice'));
  console.log(`wrote ${file} (${NIGHTLY_ROWS} customers)`);
}
