// Generates the two shipped data sets of the `metric-choice` lab, byte for byte reproducible:
//   npx esbuild labs/metric-choice/generate-data.ts --bundle --platform=node --outfile=/tmp/metric-data.js && node /tmp/metric-data.js labs/metric-choice
// test/labs/metric-choice/data.test.ts regenerates them in memory and compares with the committed
// files, so data and generator cannot drift apart. Both are CSV with the label first and no header,
// the built-in XGBoost algorithm's CSV contract.
// https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost.html (Input/Output Interface for the XGBoost Algorithm)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gaussian, mulberry32 } from '../prng';
import { DATA_FILES, DATA_SEED, FRAUD, HOUSES } from './data-spec';

type Random = () => number;

const uniform = (random: Random, low: number, high: number): number => low + (high - low) * random();
const round = (value: number, places: number): number => Number(value.toFixed(places));

/**
 * One card payment. Fraud is rare (FRAUD.positiveRate) and lives in a corner of the feature space:
 * a large amount far from home, at night, on a device seen for the first time, with overlap, so a
 * model must learn an interaction rather than one threshold, and a model that never says "fraud"
 * is still right 98 times in 100.
 */
function payment(random: Random): string {
  const fraud = random() < FRAUD.positiveRate ? 1 : 0;
  const shift = fraud ? 1 : 0;
  const amount = Math.exp(3.5 + 0.9 * gaussian(random) + 0.9 * shift * random());
  const distanceKm = Math.exp(1.5 + 1.2 * gaussian(random) + 1.6 * shift * random());
  const hour = fraud && random() < 0.6 ? Math.floor(uniform(random, 0, 6)) : Math.floor(uniform(random, 0, 24));
  const newDevice = random() < (fraud ? 0.45 : 0.08) ? 1 : 0;
  const merchantRisk = Math.min(1, Math.max(0, 0.3 + 0.15 * gaussian(random) + 0.2 * shift * random()));
  const accountAgeDays = Math.round(Math.exp(uniform(random, 2, 8) - (fraud ? 1.2 * random() : 0)));
  const paymentsToday = Math.max(0, Math.round(2 + 1.5 * gaussian(random) + (fraud ? 3 * random() : 0)));
  const foreign = random() < (fraud ? 0.3 : 0.06) ? 1 : 0;
  return [fraud, round(amount, 2), round(distanceKm, 1), hour, newDevice, round(merchantRisk, 3), accountAgeDays, paymentsToday, foreign].join(',');
}

/**
 * One house sale in thousands of dollars: additive in its features plus noise, except for a few
 * recording errors (HOUSES.outlierRate) whose price is a multiple of the true one, the way a price
 * typed with an extra digit would be. Squared error chases those rows; absolute error does not.
 */
function sale(random: Random): string {
  const area = Math.round(uniform(random, 50, 250));
  const bedrooms = Math.max(1, Math.min(6, Math.round(area / 45 + 0.7 * gaussian(random))));
  const age = Math.round(uniform(random, 0, 90));
  const distanceKm = round(uniform(random, 1, 40), 1);
  const garden = random() < 0.4 ? 1 : 0;
  const schoolScore = round(uniform(random, 1, 10), 1);
  const price = 60 + 2.4 * area + 12 * bedrooms - 0.9 * age - 3.2 * distanceKm + 35 * garden + 9 * schoolScore + 25 * gaussian(random);
  const recorded = random() < HOUSES.outlierRate ? price * uniform(random, 4, 10) : price;
  return [Math.max(20, Math.round(recorded)), area, bedrooms, age, distanceKm, garden, schoolScore].join(',');
}

/** Every shipped file (path relative to labs/metric-choice/) with its exact content. */
export function generateMetricChoiceData(seed = DATA_SEED): Map<string, string> {
  // One stream per data set, so changing one generator leaves the other's files unchanged.
  const fraud = mulberry32(seed);
  const houses = mulberry32(seed + 1);
  const lines = (n: number, make: () => string) => Array.from({ length: n }, make).join('\n') + '\n';
  return new Map([
    [DATA_FILES.fraudTrain, lines(FRAUD.trainRows, () => payment(fraud))],
    [DATA_FILES.fraudValidation, lines(FRAUD.validationRows, () => payment(fraud))],
    [DATA_FILES.housesTrain, lines(HOUSES.trainRows, () => sale(houses))],
    [DATA_FILES.housesValidation, lines(HOUSES.validationRows, () => sale(houses))],
  ]);
}

if (require.main === module) {
  const labDir = process.argv[2] ?? join(__dirname);
  for (const [path, content] of generateMetricChoiceData()) {
    const file = join(labDir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}
