// Generates the synthetic customer features shipped with the `feature-store` lab:
// labs/feature-store/data/customer-features.csv.
//
// Run after a build: `npm run build && node dist/labs/feature-store/generate-data.js`. The output is
// byte-for-byte reproducible from SEED, so a diff of the shipped file after a run shows any drift.
//
// Two monthly snapshots of the same customers: the November export first, then the October export
// that arrived late as a backfill. Ingested in file order with the row's own event time, the online
// store keeps November (the later event time) and the offline store keeps both months; ingested
// with the ingestion time as event time, the online store keeps whichever row was written last.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mulberry32 } from '../prng';
import { COLUMNS, CONTRACT_TYPES, CUSTOMER_COUNT, REGIONS, SNAPSHOT_TIMES, type Column } from './lab';

export const SEED = 20_261_130;

export type CustomerRow = Readonly<Record<Column, string>>;

/** `C0042` for customer 42: the record identifier is a string, so its leading zeros survive. */
export function customerId(n: number): string {
  return `C${String(n).padStart(4, '0')}`;
}

/** Every row of the shipped file, in file order (November's snapshot, then October's). */
export function generateCustomerFeatures(): CustomerRow[] {
  const random = mulberry32(SEED);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const [october, november] = SNAPSHOT_TIMES;
  const octoberRows: CustomerRow[] = [];
  const novemberRows: CustomerRow[] = [];
  for (let n = 1; n <= CUSTOMER_COUNT; n++) {
    const tenure = 1 + Math.floor(random() * 71);
    const contract = pick(CONTRACT_TYPES);
    const region = pick(REGIONS);
    const charges = 20 + Math.round(random() * 9000) / 100;
    const calls = Math.floor(random() * 6);
    const usage = Math.round(random() * 400) / 10;
    octoberRows.push(row(n, october, tenure, charges, calls, usage, contract, region));
    // A month later: a month more tenure, and charges, calls and usage that moved; one customer in
    // ten changed contract.
    const charged = Math.round((charges + (random() - 0.3) * 10) * 100) / 100;
    const called = Math.max(0, calls + Math.floor(random() * 5) - 2);
    const used = Math.round(usage * (0.6 + random() * 0.8) * 10) / 10;
    const newContract = random() < 0.1 ? pick(CONTRACT_TYPES) : contract;
    novemberRows.push(row(n, november, tenure + 1, charged, called, used, newContract, region));
  }
  return [...novemberRows, ...octoberRows];
}

function row(n: number, eventTime: string, tenure: number, charges: number, calls: number, usage: number, contract: string, region: string): CustomerRow {
  return {
    customer_id: customerId(n),
    event_time: eventTime,
    tenure_months: String(tenure),
    monthly_charges: charges.toFixed(2),
    support_calls_90d: String(calls),
    data_usage_gb: usage.toFixed(1),
    contract_type: contract,
    region,
  };
}

/** The CSV text of the rows, header first, as shipped. */
export function toCsv(rows: readonly CustomerRow[]): string {
  return `${[COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => r[c]).join(','))].join('\n')}\n`;
}

/** The rows of one customer, newest event time first. */
export function snapshotsOf(rows: readonly CustomerRow[], id: string): CustomerRow[] {
  return rows.filter((r) => r.customer_id === id).sort((a, b) => Date.parse(b.event_time) - Date.parse(a.event_time));
}

if (require.main === module) {
  const out = resolve(join(__dirname, '..', '..', '..', 'labs', 'feature-store', 'data', 'customer-features.csv'));
  writeFileSync(out, toCsv(generateCustomerFeatures()));
  console.log(`wrote ${out}`);
}
