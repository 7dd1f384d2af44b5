// The shipped files are exactly what the committed seeded generator writes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { generate, HEADER, ROWS } from '../../../labs/training-troubleshoot/generate-data';

const shipped = join(__dirname, '..', '..', '..', 'labs', 'training-troubleshoot', 'data');

test('the generator reproduces the shipped files byte for byte', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mllab-troubleshoot-'));
  try {
    for (const path of generate(dir)) expect(readFileSync(path, 'utf8')).toBe(readFileSync(join(shipped, relative(dir, path)), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('only the raw export has the header row; the clean file is the same rows without it', () => {
  const raw = readFileSync(join(shipped, 'raw', 'churn.csv'), 'utf8').trimEnd().split('\n');
  const clean = readFileSync(join(shipped, 'clean', 'churn.csv'), 'utf8').trimEnd().split('\n');
  expect(raw[0]).toBe(HEADER.join(','));
  expect(raw.slice(1)).toEqual(clean);
  expect(clean).toHaveLength(ROWS);
  expect(clean.every((line) => line.split(',').length === HEADER.length && line.split(',').every((f) => Number.isFinite(Number(f))))).toBe(true);
});
