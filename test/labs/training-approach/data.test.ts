// The shipped ticket file is exactly what the seeded generator writes: a header, the label first,
// six numeric features; small.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { COLUMNS, SEED, TICKET_ROWS, TICKETS_FILE, ticketsCsv } from '../../../labs/training-approach/generate-data';

const FILE = join(__dirname, '..', '..', '..', 'labs', 'training-approach', 'data', 'train', TICKETS_FILE);

test('the shipped file is the generator output for the fixed seed, byte for byte; another seed differs', () => {
  expect(readFileSync(FILE, 'utf8')).toBe(ticketsCsv());
  expect(ticketsCsv(SEED + 1)).not.toBe(ticketsCsv());
});

test('a header, then one row per ticket: a 0/1 label and six numbers; both classes present', () => {
  const [header, ...rows] = readFileSync(FILE, 'utf8').trimEnd().split('\n');
  expect(header).toBe(COLUMNS.join(','));
  expect(rows).toHaveLength(TICKET_ROWS);
  const cells = rows.map((r) => r.split(','));
  expect(cells.filter((c) => c.length !== COLUMNS.length || c.some((v) => v === '' || !Number.isFinite(Number(v))))).toEqual([]);
  const rate = cells.filter((c) => c[0] === '1').length / rows.length;
  expect(rate).toBeGreaterThan(0.2);
  expect(rate).toBeLessThan(0.5);
  expect(statSync(FILE).size).toBeLessThan(30_000);
});
