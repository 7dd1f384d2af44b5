// The shipped data proves the lab's drift: the drifted requests are beyond Model Monitor's default
// drift threshold on the shifted features, and the normal requests are within it on every feature.
//
// What AWS documents: a baseline_drift_check violation is flagged when "the calculated distribution
// distance between the current and the baseline dataset" exceeds monitoring_config.comparison_threshold
// (https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-interpreting-violations.html), whose
// value in the prebuilt container's constraints is 0.1, with comparison_method "Simple" or "Robust"
// (https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-byoc-constraints.html). The pages do
// not give the distance's formula. They do say the prebuilt container is built with Deequ 2.0.2
// (https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-pre-built-container.html), whose
// numerical distance (awslabs/deequ, src/main/scala/com/amazon/deequ/analyzers/Distance.scala,
// numericalDistance and selectMetrics) is the L-infinity distance between the two empirical CDFs
// ("linf_simple", the two-sample Kolmogorov-Smirnov statistic, computed there on KLL sketches) and,
// corrected for small samples, linf_robust = max(0, linf_simple - 1.8 * sqrt((n + m) / (n * m))).
// Because the formula is not AWS's documented contract, the proof keeps a wide margin on both
// sides under both metrics rather than resting on the exact values.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../../../labs/prng';
import { BASELINE_ROWS, DRIFTED_FEATURES, FEATURES, generateMonitorData, REQUEST_ROWS, toCsv, type FeatureRow } from '../../../labs/model-monitor-drift/generate-data';
import { MAX_SAMPLING_PERCENTAGE, MIN_SAMPLING_PERCENTAGE } from '../../../labs/model-monitor-drift/lab';
import { generateChurn } from '../../../labs/xgboost-builtin/generate-data';

const DATA = join(__dirname, '..', '..', '..', 'labs', 'model-monitor-drift', 'data');
const FILES = { baseline: join(DATA, 'training', 'churn-training.csv'), normal: join(DATA, 'requests', 'normal.csv'), drifted: join(DATA, 'requests', 'drifted.csv') };
/** monitoring_config.distribution_constraints.comparison_threshold of the prebuilt container (model-monitor-byoc-constraints.html). */
const THRESHOLD = 0.1;
/** Deequ's default c(alpha) for linf_robust (alpha 0.003). */
const C_ALPHA = 1.8;

const rows = (file: string, header: boolean): number[][] => {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  return (header ? lines.slice(1) : lines).map((l) => l.split(',').map(Number));
};
const baseline = rows(FILES.baseline, true);
const normal = rows(FILES.normal, false);
const drifted = rows(FILES.drifted, false);
const column = (data: readonly FeatureRow[], feature: string) => data.map((r) => r[FEATURES.indexOf(feature as (typeof FEATURES)[number])]!);

/** The L-infinity distance between two empirical CDFs (two-sample KS statistic). */
function linfSimple(a: readonly number[], b: readonly number[]): number {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  let i = 0;
  let j = 0;
  let max = 0;
  for (const v of [...new Set([...x, ...y])].sort((p, q) => p - q)) {
    while (i < x.length && x[i]! <= v) i++;
    while (j < y.length && y[j]! <= v) j++;
    max = Math.max(max, Math.abs(i / x.length - j / y.length));
  }
  return max;
}

const linfRobust = (a: readonly number[], b: readonly number[]) => Math.max(0, linfSimple(a, b) - C_ALPHA * Math.sqrt((a.length + b.length) / (a.length * b.length)));

/** A seeded sample of `percent` of the rows, as data capture's sampling would keep them. */
function sample(data: readonly FeatureRow[], percent: number, seed: number): FeatureRow[] {
  const random = mulberry32(seed);
  return data.filter(() => random() * 100 < percent);
}

test('the shipped files are what the seeded generator writes, byte for byte', () => {
  const data = generateMonitorData();
  expect(readFileSync(FILES.baseline, 'utf8')).toBe(toCsv(data.baseline, FEATURES));
  expect(readFileSync(FILES.normal, 'utf8')).toBe(toCsv(data.normal));
  expect(readFileSync(FILES.drifted, 'utf8')).toBe(toCsv(data.drifted));
});

test('the data is small: under 200 KB together', () => {
  const bytes = Object.values(FILES).reduce((sum, f) => sum + statSync(f).size, 0);
  expect(bytes).toBeLessThan(200_000);
});

test('the baseline dataset is the training data the model learned from: xgboost-builtin training rows, label dropped, header added', () => {
  const { train } = generateChurn();
  expect(readFileSync(FILES.baseline, 'utf8').split('\n')[0]).toBe(FEATURES.join(','));
  expect(baseline).toHaveLength(BASELINE_ROWS);
  expect(baseline).toEqual(train.slice(0, BASELINE_ROWS).map((r) => [...r.features]));
});

test('the request files carry the twelve features in the baseline\'s order, no header, and keep each column\'s type (no data_type_check)', () => {
  for (const data of [normal, drifted]) {
    expect(data).toHaveLength(REQUEST_ROWS);
    for (const row of data) {
      expect(row).toHaveLength(FEATURES.length);
      expect(row.every(Number.isFinite)).toBe(true);
    }
  }
  for (const feature of FEATURES) {
    const integral = column(baseline, feature).every(Number.isInteger);
    if (integral) for (const data of [normal, drifted]) expect([feature, column(data, feature).every(Number.isInteger)]).toEqual([feature, true]);
  }
});

test('normal traffic stays within the threshold on every feature (linf_simple at most 0.06, under 0.1)', () => {
  for (const feature of FEATURES) {
    const d = linfSimple(column(baseline, feature), column(normal, feature));
    expect([feature, d < 0.06]).toEqual([feature, true]);
    expect([feature, linfRobust(column(baseline, feature), column(normal, feature))]).toEqual([feature, 0]);
  }
});

test('drifted traffic is beyond the threshold on each shifted feature, by at least four times (simple) and twice (robust)', () => {
  for (const feature of DRIFTED_FEATURES) {
    const a = column(baseline, feature);
    const b = column(drifted, feature);
    expect([feature, linfSimple(a, b) > 4 * THRESHOLD]).toEqual([feature, true]);
    expect([feature, linfRobust(a, b) > 2 * THRESHOLD]).toEqual([feature, true]);
  }
});

test('the unshifted features of the drifted traffic stay within the threshold, so the violations name the shifted ones', () => {
  for (const feature of FEATURES.filter((f) => !(DRIFTED_FEATURES as readonly string[]).includes(f))) {
    expect([feature, linfSimple(column(baseline, feature), column(drifted, feature)) < THRESHOLD]).toEqual([feature, true]);
  }
});

test(`the drift stays beyond the threshold under the lab's sampling (${MIN_SAMPLING_PERCENTAGE} to ${MAX_SAMPLING_PERCENTAGE}%), over 50 seeded samples, robust metric`, () => {
  for (const percent of [MIN_SAMPLING_PERCENTAGE, MAX_SAMPLING_PERCENTAGE]) {
    for (let seed = 1; seed <= 50; seed++) {
      const captured = sample(drifted, percent, seed);
      for (const feature of DRIFTED_FEATURES) {
        const d = linfRobust(column(baseline, feature), column(captured, feature));
        expect([percent, seed, feature, d > THRESHOLD]).toEqual([percent, seed, feature, true]);
      }
    }
  }
});

test('an hour that mixes normal and drifted requests half and half is still beyond the threshold (linf_simple over 0.2)', () => {
  const mixed = [...normal, ...drifted];
  for (const feature of DRIFTED_FEATURES) {
    expect([feature, linfSimple(column(baseline, feature), column(mixed, feature)) > 2 * THRESHOLD]).toEqual([feature, true]);
  }
});

test('a baseline computed from the drifted traffic itself would hide the drift (distance 0 on every feature)', () => {
  for (const feature of FEATURES) expect(linfSimple(column(drifted, feature), column(drifted, feature))).toBe(0);
});
