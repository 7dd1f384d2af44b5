// The shipped requests are what the committed generator writes, byte for byte, and have the shapes
// the README promises: twelve feature columns per customer, the label left in front in with-label.csv.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAYTIME_ROWS, generateRequests, WITH_LABEL_ROWS } from '../../../labs/endpoint-observability/generate-requests';
import { BULK_ROWS } from '../../../labs/endpoint-observability/lab';
import { FEATURES } from '../../../labs/xgboost-builtin/generate-data';

const DIR = join(__dirname, '..', '..', '..', 'labs', 'endpoint-observability', 'data', 'requests');
const generated = generateRequests();
const lines = (name: string) => readFileSync(join(DIR, name), 'utf8').split('\n').filter(Boolean);

test.each(Object.keys(generated))('%s is what generate-requests.ts writes', (name) => {
  expect(readFileSync(join(DIR, name), 'utf8')).toBe(generated[name]);
});

test('one customer per line: twelve features, and thirteen columns with the label in with-label.csv', () => {
  const width = (name: string) => new Set(lines(name).map((l) => l.split(',').length));
  expect([lines('daytime.csv').length, [...width('daytime.csv')]]).toEqual([DAYTIME_ROWS, [FEATURES.length]]);
  expect([lines('bulk-rescore.csv').length, [...width('bulk-rescore.csv')]]).toEqual([BULK_ROWS, [FEATURES.length]]);
  expect([lines('with-label.csv').length, [...width('with-label.csv')]]).toEqual([WITH_LABEL_ROWS, [FEATURES.length + 1]]);
  expect(lines('with-label.csv').every((l) => /^[01],/.test(l))).toBe(true);
});

test('the bulk request fits in one InvokeEndpoint call with room to spare (the container reads at most 6 MB)', () => {
  expect(Buffer.byteLength(generated['bulk-rescore.csv']!)).toBeLessThan(1024 * 1024);
});
