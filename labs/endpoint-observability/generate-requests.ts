// Generates the requests the endpoint-observability lab ships, under data/requests/:
//   daytime.csv       300 customers, one request per line: the CRM opening customer pages;
//   bulk-rescore.csv  20,000 customers in ONE request: the nightly re-scoring job;
//   with-label.csv    20 customers with the churn label still in front (13 columns).
// The customers come from the xgboost-builtin generator with seeds of their own, so they look like
// the training data without repeating it. Inference rows have no label: built-in XGBoost takes the
// twelve feature columns as text/csv (https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost.html).
//
// Run after a build: `npm run build && node dist/labs/endpoint-observability/generate-requests.js`.
// The output is byte-for-byte reproducible from SEEDS; test/labs/endpoint-observability/data.test.ts
// compares it with the shipped files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateChurn, type ChurnRow } from '../xgboost-builtin/generate-data';
import { BULK_ROWS } from './lab';

export const SEEDS = [20_261_201, 20_261_202, 20_261_203] as const;
export const DAYTIME_ROWS = 300;
export const WITH_LABEL_ROWS = 20;

const features = (rows: readonly ChurnRow[]) => rows.map((r) => r.features.join(','));

/** File name -> content, one customer per line, `\n` line ends. */
export function generateRequests(): Record<string, string> {
  const customers = SEEDS.flatMap((seed) => {
    const { train, validation } = generateChurn(seed);
    return [...train, ...validation];
  });
  const daytime = customers.slice(0, DAYTIME_ROWS);
  const bulk = customers.slice(DAYTIME_ROWS, DAYTIME_ROWS + BULK_ROWS);
  const labelled = customers.slice(DAYTIME_ROWS + BULK_ROWS, DAYTIME_ROWS + BULK_ROWS + WITH_LABEL_ROWS);
  return {
    'daytime.csv': `${features(daytime).join('\n')}\n`,
    'bulk-rescore.csv': `${features(bulk).join('\n')}\n`,
    'with-label.csv': `${labelled.map((r) => [r.churned, ...r.features].join(',')).join('\n')}\n`,
  };
}

export function writeRequests(labDir: string): string[] {
  const dir = join(labDir, 'data', 'requests');
  mkdirSync(dir, { recursive: true });
  return Object.entries(generateRequests()).map(([name, content]) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  });
}

if (require.main === module) {
  // dist/labs/endpoint-observability/generate-requests.js -> <repo>/labs/endpoint-observability
  for (const file of writeRequests(resolve(__dirname, '..', '..', '..', 'labs', 'endpoint-observability'))) console.log(`wrote ${file}`);
}
