// The shipped data sets: reproducible from their generator, small, and in the formats the
// algorithms read, with the shapes the checks assume.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_FILES, DEMAND, MAX_DATA_BYTES, PRICES, TICKETS } from '../../../labs/algorithm-choice/data-spec';
import { lab } from '../../../labs/algorithm-choice/lab';
import { generateAlgorithmChoiceData } from '../../../labs/algorithm-choice/generate-data';

const labDir = join(__dirname, '../../../labs/algorithm-choice');
const read = (path: string) => readFileSync(join(labDir, path), 'utf8');
const lines = (path: string) => read(path).trimEnd().split('\n');

test('the committed files are exactly what the generator writes with the fixed seed', () => {
  const generated = generateAlgorithmChoiceData();
  expect([...generated.keys()].sort()).toEqual(Object.values(DATA_FILES).sort());
  for (const [path, content] of generated) expect(read(path)).toBe(content);
});

test('another seed gives other data (the seed is what makes them reproducible)', () => {
  expect(generateAlgorithmChoiceData(1).get(DATA_FILES.pricesTrain)).not.toBe(read(DATA_FILES.pricesTrain));
});

test(`together they stay under ${MAX_DATA_BYTES / 1024} KB`, () => {
  const total = Object.values(DATA_FILES).reduce((sum, path) => sum + statSync(join(labDir, path)).size, 0);
  expect(total).toBeLessThan(MAX_DATA_BYTES);
});

test('every data file sits in a folder a lab dataset uploads', () => {
  for (const path of Object.values(DATA_FILES)) expect(lab.datasets!.some((d) => path.startsWith(`${d.dir}/`))).toBe(true);
});

test('demand: one DeepAR JSON Lines record per store, train 8 weeks shorter than test, same history', () => {
  const train = lines(DATA_FILES.demandTrain).map((l) => JSON.parse(l));
  const test = lines(DATA_FILES.demandTest).map((l) => JSON.parse(l));
  expect(train).toHaveLength(DEMAND.stores);
  expect(test).toHaveLength(DEMAND.stores);
  train.forEach((series, i) => {
    expect(Object.keys(series).sort()).toEqual(['start', 'target']);
    expect(series.start).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(series.target).toHaveLength(DEMAND.trainWeeks);
    expect(test[i].target).toHaveLength(DEMAND.trainWeeks + DEMAND.horizonWeeks);
    expect(test[i].target.slice(0, DEMAND.trainWeeks)).toEqual(series.target);
    expect(series.target.every((v: number) => Number.isInteger(v) && v >= 0)).toBe(true);
  });
  // DeepAR needs at least 300 observations across all training series (deepar.html, best practices).
  expect(DEMAND.stores * DEMAND.trainWeeks).toBeGreaterThanOrEqual(300);
});

test('demand: the stores share a pre-Christmas peak, the pattern a joint forecaster learns', () => {
  const train = lines(DATA_FILES.demandTrain).map((l) => JSON.parse(l).target as number[]);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  // Weeks 47-51 of each year against weeks 21-25, per store, over the three years.
  const ratio = train.map((t) => mean([0, 52, 104].flatMap((y) => t.slice(y + 47, y + 52))) / mean([0, 52, 104].flatMap((y) => t.slice(y + 21, y + 26))));
  expect(ratio.filter((r) => r > 1.1).length).toBeGreaterThanOrEqual(DEMAND.stores - 2);
});

test('tickets: BlazingText supervised lines, every team present in both channels', () => {
  for (const [path, count] of [[DATA_FILES.ticketsTrain, TICKETS.trainLines], [DATA_FILES.ticketsValidation, TICKETS.validationLines]] as const) {
    const all = lines(path);
    expect(all).toHaveLength(count);
    const labels = new Set<string>();
    for (const line of all) {
      expect(line).toMatch(/^__label__[a-z]+( [a-z0-9,.]+)+$/);
      labels.add(line.split(' ')[0]!.slice('__label__'.length));
    }
    expect([...labels].sort()).toEqual([...TICKETS.teams].sort());
  }
});

test('prices: CSV without header, rent first, then the six numeric features', () => {
  for (const [path, count] of [[DATA_FILES.pricesTrain, PRICES.trainRows], [DATA_FILES.pricesValidation, PRICES.validationRows]] as const) {
    const rows = lines(path).map((l) => l.split(',').map(Number));
    expect(rows).toHaveLength(count);
    for (const row of rows) {
      expect(row).toHaveLength(1 + PRICES.features.length);
      expect(row.every((v) => Number.isFinite(v))).toBe(true);
      expect(row[0]).toBeGreaterThan(0);
    }
  }
});

test('the README describes the shipped files as they are', () => {
  const text = read('README.md');
  for (const path of Object.values(DATA_FILES)) expect(text).toContain(`\`${path.replace(/^data\//, 'datasets/')}\``);
  const n = (x: number) => x.toLocaleString('en-US');
  for (const figure of [DEMAND.stores, DEMAND.trainWeeks, DEMAND.trainWeeks + DEMAND.horizonWeeks, TICKETS.trainLines, TICKETS.validationLines, PRICES.trainRows, PRICES.validationRows]) {
    expect(text).toContain(n(figure));
  }
  for (const feature of PRICES.features) expect(text).toContain(`\`${feature}\``);
  expect(text).toContain(DEMAND.start);
});
