// Generates the rides the lakeformation-access lab ships: labs/lakeformation-access/data/rides.csv,
// uploaded under lake/rides/. Every name, e-mail and phone number is made up: the names are drawn
// from short lists, the e-mail domain is example.com (reserved, RFC 2606) and the phone numbers are
// in 555-0100..0199, the range the North American Numbering Plan keeps for fiction.
//
// Run after a build: `npm run build && node dist/labs/lakeformation-access/generate-rides.js`.
// The output is byte-for-byte reproducible from SEED.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../prng';
import { COLUMNS } from './lab';

export const SEED = 20_261_201;
export const RIDES = 400;

const ZONES = ['Airport', 'Downtown', 'Harbor', 'Old Town', 'Riverside', 'University'] as const;
const FIRST = ['Ana', 'Ben', 'Chloe', 'Dev', 'Elif', 'Femi', 'Greta', 'Hiro', 'Ines', 'Jonas'] as const;
const LAST = ['Okafor', 'Silva', 'Novak', 'Kim', 'Haddad', 'Larsen', 'Moreau', 'Tanaka'] as const;

/** The rides as CSV with a header row. */
export function ridesCsv(rides: number, seed: number): string {
  const random = mulberry32(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const lines: string[] = [COLUMNS.join(',')];
  for (let i = 0; i < rides; i++) {
    const day = 1 + Math.floor(random() * 7);
    const minuteOfDay = Math.floor(random() * 24 * 60);
    const time = `2026-11-${String(day).padStart(2, '0')} ${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}:00`;
    const pickup = pick(ZONES);
    let dropoff = pick(ZONES);
    if (dropoff === pickup) dropoff = ZONES[(ZONES.indexOf(pickup) + 1) % ZONES.length]!;
    const km = 1 + random() * 24;
    const fare = 2.5 + km * 2.4;
    const first = pick(FIRST);
    const last = pick(LAST);
    const phone = `+1-202-555-01${String(Math.floor(random() * 100)).padStart(2, '0')}`;
    lines.push([`r-${String(i + 1).padStart(4, '0')}`, time, pickup, dropoff, km.toFixed(1), fare.toFixed(2), `${first} ${last}`, `${first}.${last}@example.com`.toLowerCase(), phone].join(','));
  }
  return `${lines.join('\n')}\n`;
}

export function writeRides(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'rides.csv'), ridesCsv(RIDES, SEED));
}

if (require.main === module) {
  // dist/labs/lakeformation-access -> labs/lakeformation-access/data
  writeRides(join(__dirname, '..', '..', '..', 'labs', 'lakeformation-access', 'data'));
}
