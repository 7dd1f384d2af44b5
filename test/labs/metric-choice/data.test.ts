// The shipped data: reproducible from the generator, with the shapes the scenario states.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_FILES, FRAUD, HOUSES } from '../../../labs/metric-choice/data-spec';
import { generateMetricChoiceData } from '../../../labs/metric-choice/generate-data';
import { lab } from '../../../labs/metric-choice/lab';

const labDir = join(__dirname, '../../../labs/metric-choice');
const rows = (path: string) => readFileSync(join(labDir, path), 'utf8').trimEnd().split('\n').map((l) => l.split(',').map(Number));

test('the committed files are exactly what the generator writes with the fixed seed', () => {
  const generated = generateMetricChoiceData();
  expect([...generated.keys()].sort()).toEqual(Object.values(DATA_FILES).sort());
  for (const [path, content] of generated) expect(readFileSync(join(labDir, path), 'utf8')).toBe(content);
});

test('fraud: label first, eight features, about 2% positives in each channel', () => {
  for (const [path, count] of [[DATA_FILES.fraudTrain, FRAUD.trainRows], [DATA_FILES.fraudValidation, FRAUD.validationRows]] as const) {
    const data = rows(path);
    expect(data).toHaveLength(count);
    expect(data.every((r) => r.length === 9 && (r[0] === 0 || r[0] === 1))).toBe(true);
    const rate = data.filter((r) => r[0] === 1).length / data.length;
    expect(rate).toBeGreaterThan(0.015);
    expect(rate).toBeLessThan(0.03);
  }
});

test('the training file holds the number of fraud rows the findings quote', () => {
  expect(rows(DATA_FILES.fraudTrain).filter((r) => r[0] === 1)).toHaveLength(FRAUD.trainPositives);
});

test('houses: price first, six features, and a few prices far above the rest (the typing errors)', () => {
  const data = rows(DATA_FILES.housesTrain);
  expect(data).toHaveLength(HOUSES.trainRows);
  expect(data.every((r) => r.length === 7 && r.every(Number.isFinite))).toBe(true);
  const prices = data.map((r) => r[0]!).sort((a, b) => a - b);
  const median = prices[Math.floor(prices.length / 2)]!;
  const extreme = prices.filter((p) => p > 3 * median).length / prices.length;
  expect(extreme).toBeGreaterThan(0.02);
  expect(extreme).toBeLessThan(0.06);
});

test('every data file sits in a folder a lab dataset uploads', () => {
  for (const path of Object.values(DATA_FILES)) expect(lab.datasets!.some((d) => path.startsWith(`${d.dir}/`))).toBe(true);
});
