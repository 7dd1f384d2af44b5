// Generates the rides the datalake-athena lab ships on top of the Data lake environment's small
// sample: labs/datalake-athena/data/dt=YYYY-MM-DD/rides.csv, uploaded under raw/rides/.
//
// Why the lab ships more data: Athena reads a Parquet or ORC file's footer (schema and per-column
// statistics) whatever the query, and a columnar query reads only the columns it names. On a day
// with a few dozen rides the footer outweighs the columns skipped, so R7's comparison needs days
// with thousands of rides for the saving to show in DataScannedInBytes.
//
// Run after a build: `npm run build && node dist/labs/datalake-athena/generate-rides.js`. The
// output is byte-for-byte reproducible from SEED, so a diff after a run shows any drift.
// Same columns, value formats and zones as data/datalake-sample.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../prng';
import { RAW_COLUMNS } from './lab';

export const SEED = 20_260_107;
export const DAYS = ['2026-01-07', '2026-01-08', '2026-01-09'] as const;
export const RIDES_PER_DAY = 4000;

const ZONES = ['Airport', 'Downtown', 'Harbor', 'Old Town', 'Riverside', 'University'] as const;
const PAYMENTS = ['app', 'card', 'cash'] as const;

/** One day of rides as CSV with a header row. */
export function ridesCsv(day: string, rides: number, seed: number): string {
  const random = mulberry32(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const compactDay = day.replace(/-/g, '');
  const lines: string[] = [RAW_COLUMNS.join(',')];
  for (let i = 0; i < rides; i++) {
    const minuteOfDay = Math.floor(random() * 24 * 60);
    const time = `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}:00`;
    const pickup = pick(ZONES);
    let dropoff = pick(ZONES);
    if (dropoff === pickup) dropoff = ZONES[(ZONES.indexOf(pickup) + 1) % ZONES.length]!;
    const km = 1 + random() * 24;
    const minutes = Math.round(km * (2.2 + random() * 0.8));
    const fare = 2.5 + km * 2 + minutes * 0.2;
    const payment = pick(PAYMENTS);
    // Cash tips are not recorded, as in the sample.
    const tip = payment === 'cash' ? 0 : random() < 0.6 ? fare * (0.05 + random() * 0.15) : 0;
    const passengers = 1 + Math.floor(random() * 4);
    lines.push(
      [`${compactDay}-${String(i + 1).padStart(4, '0')}`, `${day} ${time}`, pickup, dropoff, km.toFixed(1), minutes, fare.toFixed(2), tip.toFixed(2), payment, passengers].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Writes every day under `dir` (the lab's dataset folder). */
export function writeRides(dir: string): void {
  DAYS.forEach((day, i) => {
    const folder = join(dir, `dt=${day}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'rides.csv'), ridesCsv(day, RIDES_PER_DAY, SEED + i));
  });
}

if (require.main === module) {
  // dist/labs/datalake-athena -> labs/datalake-athena/data
  writeRides(join(__dirname, '..', '..', '..', 'labs', 'datalake-athena', 'data'));
}
