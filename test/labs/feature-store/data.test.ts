// The shipped data is what its seeded generator writes, has the shape the README and the checks
// state, and the value comparisons, locations and partition days the checks rely on hold.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dayOf, instantOf, parseOfflineUri, partitionDayOf, sameValue } from '../../../labs/feature-store/features';
import { generateCustomerFeatures, snapshotsOf, toCsv } from '../../../labs/feature-store/generate-data';
import { COLUMN_TYPES, COLUMNS, CUSTOMER_COUNT, PROBE_CUSTOMER, SNAPSHOT_TIMES } from '../../../labs/feature-store/lab';
import { LABS_DIR } from '../../support/replay';

const rows = generateCustomerFeatures();

test('data/customer-features.csv is byte for byte what generate-data.ts writes', () => {
  expect(readFileSync(join(LABS_DIR, 'feature-store', 'data', 'customer-features.csv'), 'utf8')).toBe(toCsv(rows));
});

test('two snapshots of every customer: November first, then the October backfill', () => {
  expect(rows).toHaveLength(2 * CUSTOMER_COUNT);
  expect(new Set(rows.map((r) => r.customer_id)).size).toBe(CUSTOMER_COUNT);
  expect(rows.slice(0, CUSTOMER_COUNT).every((r) => r.event_time === SNAPSHOT_TIMES[1])).toBe(true);
  expect(rows.slice(CUSTOMER_COUNT).every((r) => r.event_time === SNAPSHOT_TIMES[0])).toBe(true);
  // The probe customer's two snapshots differ, so serving the older one is visible.
  const [latest, older] = snapshotsOf(rows, PROBE_CUSTOMER);
  expect(COLUMNS.filter((c) => c !== 'event_time' && latest![c] !== older![c]).length).toBeGreaterThan(1);
});

test('every value fits the feature type the lab asks for its column', () => {
  const fits: Record<string, RegExp> = { Integral: /^-?\d+$/, Fractional: /^-?\d+(\.\d+)?$/, String: /^\S.*$/ };
  for (const c of COLUMNS) {
    const type = COLUMN_TYPES[c][0];
    expect({ c, bad: rows.filter((r) => !fits[type]!.test(r[c])).length }).toEqual({ c, bad: 0 });
  }
  // The Fractional columns really have decimals: an Integral declaration would refuse them.
  expect(rows.some((r) => !/^\d+$/.test(r.monthly_charges) && !r.monthly_charges.endsWith('.00'))).toBe(true);
});

test('values compare by type: numbers as numbers, event times as instants, strings exactly', () => {
  expect(sameValue('monthly_charges', 'Fractional', '82.760', '82.76')).toBe(true);
  expect(sameValue('monthly_charges', 'Fractional', '83', '82.76')).toBe(false);
  expect(sameValue('tenure_months', 'Integral', '12', '12')).toBe(true);
  expect(sameValue('tenure_months', 'Integral', '12.5', '12')).toBe(false);
  expect(sameValue('region', 'String', 'North', 'north')).toBe(false);
  expect(sameValue('event_time', 'String', '1796079600', '2026-11-30T23:00:00Z')).toBe(true);
  expect(sameValue('event_time', 'String', '2026-11-30T23:00:00.000Z', '2026-11-30T23:00:00Z')).toBe(true);
  expect(sameValue('event_time', 'String', '2026-11-30 23:00:00', '2026-11-30T23:00:00Z')).toBe(false);
  expect(instantOf('not a time')).toBeUndefined();
  expect(dayOf('2026-10-31T23:00:00Z')).toBe('2026-10-31');
});

test('offline store URIs in each spelling the API pattern allows', () => {
  expect(parseOfflineUri('s3://b/feature-store')).toEqual({ bucket: 'b', key: 'feature-store' });
  expect(parseOfflineUri('https://b.s3.us-east-1.amazonaws.com/feature-store/')).toEqual({ bucket: 'b', key: 'feature-store/' });
  expect(parseOfflineUri('https://s3.us-east-1.amazonaws.com/b/feature-store/')).toEqual({ bucket: 'b', key: 'feature-store/' });
  expect(parseOfflineUri('ftp://b/x')).toBeUndefined();
});

test('partition days of both offline table formats', () => {
  expect(partitionDayOf('p/data/year=2026/month=11/day=30/hour=23/20261130T231500Z_abc.parquet')).toBe('2026-11-30');
  expect(partitionDayOf('p/data/0aec19ca/event_time_trunc=2026-10-31/20261031T231500Z_abc.parquet')).toBe('2026-10-31');
  expect(partitionDayOf('p/data/other.parquet')).toBeUndefined();
});
