// Generates the three small data sets of the `algorithm-choice` lab, byte for byte reproducible:
//   npm run build && node dist/labs/algorithm-choice/generate-data.js
// Writes under labs/algorithm-choice/data/. test/labs/algorithm-choice/data.test.ts regenerates
// them in memory and compares with the committed files, so data and generator cannot drift apart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DATA_FILES, DATA_SEED, DEMAND, PRICES, TICKETS } from './data-spec';
import { gaussian, mulberry32 } from '../prng';

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (random: Random, low: number, high: number): number => low + (high - low) * random();

/**
 * Weekly unit sales of related stores: a store level, a shared yearly season peaking before
 * Christmas, a slow trend and occasional promotion weeks. Related series sharing one pattern is
 * what DeepAR learns jointly; a per-row regressor sees none of it without hand-built lags.
 */
function demandSeries(random: Random): number[][] {
  const weeks = DEMAND.trainWeeks + DEMAND.horizonWeeks;
  const series: number[][] = [];
  for (let store = 0; store < DEMAND.stores; store++) {
    const level = Math.exp(between(random, Math.log(80), Math.log(400)));
    const seasonAmplitude = between(random, 0.1, 0.3);
    const trendPerWeek = between(random, -0.001, 0.003);
    const target: number[] = [];
    for (let week = 0; week < weeks; week++) {
      // Week 0 is the first week of January; the peak sits around week 50 (mid-December).
      const season = 1 + seasonAmplitude * Math.cos((2 * Math.PI * (week - 50)) / 52);
      const promotion = random() < 0.05 ? between(random, 1.2, 1.5) : 1;
      const noise = 1 + 0.08 * gaussian(random);
      target.push(Math.max(0, Math.round(level * season * (1 + trendPerWeek * week) * promotion * noise)));
    }
    series.push(target);
  }
  return series;
}

function jsonLines(series: number[][], weeks: number): string {
  return series.map((target) => JSON.stringify({ start: DEMAND.start, target: target.slice(0, weeks) })).join('\n') + '\n';
}

/** Words that point to one team; tickets mix them with shared filler and some cross-team noise. */
const TEAM_PHRASES: Record<(typeof TICKETS.teams)[number], readonly string[]> = {
  billing: [
    'i was charged twice this month', 'the invoice amount is wrong', 'please refund my last payment',
    'my credit card was declined at checkout', 'why did my subscription price go up', 'i need a copy of my receipt',
    'there is a charge i do not recognise', 'the discount code was not applied to my bill', 'cancel my plan and stop billing me',
    'vat is missing on the invoice',
  ],
  technical: [
    'the app crashes when i open settings', 'i get error 500 on the dashboard', 'the page keeps loading forever',
    'sync stopped working after the update', 'the export button does nothing', 'notifications do not arrive on android',
    'the api returns a timeout', 'video playback freezes after a minute', 'i cannot upload files larger than 10 mb',
    'the search results are empty',
  ],
  shipping: [
    'my parcel has not arrived yet', 'the tracking number does not work', 'the package was delivered to the wrong address',
    'the box arrived damaged', 'can i change the delivery date', 'the courier never showed up',
    'an item is missing from my order', 'how long does express delivery take', 'i want to return the parcel',
    'the order is stuck in customs',
  ],
  account: [
    'i cannot log in to my account', 'the password reset email never comes', 'please change the email on my profile',
    'my account was locked after three attempts', 'how do i enable two factor authentication', 'delete my account and my data',
    'someone else logged in to my account', 'i want to merge two accounts', 'the verification code is not accepted',
    'update the name on my profile',
  ],
};
const OPENERS = ['hi', 'hello', 'hello team', 'good morning', 'dear support', 'hey', ''] as const;
const CLOSERS = ['thanks', 'thank you', 'please help', 'this is urgent', 'regards', 'any update', ''] as const;
const FILLER = ['since yesterday', 'again', 'for the second time', 'on my laptop', 'today', 'this morning', 'as soon as possible'] as const;

function ticketLine(random: Random): string {
  const team = pick(random, TICKETS.teams);
  const words = [pick(random, OPENERS), pick(random, TEAM_PHRASES[team])];
  if (random() < 0.5) words.push(pick(random, FILLER));
  // One ticket in six also mentions another team's topic, so a bag-of-words classifier has to weigh
  // evidence instead of matching one keyword.
  if (random() < 1 / 6) words.push('and also', pick(random, TEAM_PHRASES[pick(random, TICKETS.teams.filter((t) => t !== team))]));
  else if (random() < 0.5) words.push(pick(random, TEAM_PHRASES[team]));
  words.push(pick(random, CLOSERS));
  // BlazingText expects space-separated tokens: punctuation is its own token.
  const text = words.filter((w) => w.length > 0).join(' , ');
  return `__label__${team} ${text} .`;
}

/**
 * Monthly rent from six numeric features, additive by construction (plus noise): a linear model's
 * coefficients recover the per-feature contributions that the scenario must be able to explain.
 */
function priceRow(random: Random): string {
  const area = Math.round(between(random, 25, 140));
  const rooms = Math.max(1, Math.min(5, Math.round(area / 28 + gaussian(random) * 0.6)));
  const age = Math.round(between(random, 0, 80));
  const distance = Math.round(between(random, 0.5, 25) * 10) / 10;
  const floor = Math.floor(between(random, 0, 13));
  const balcony = random() < 0.45 ? 1 : 0;
  const rent = 250 + 11.5 * area + 40 * rooms - 2.2 * age - 18 * distance + 6 * floor + 55 * balcony + 60 * gaussian(random);
  return [Math.max(150, Math.round(rent)), area, rooms, age, distance, floor, balcony].join(',');
}

/** Every shipped file (path relative to labs/algorithm-choice/) with its exact content. */
export function generateAlgorithmChoiceData(seed = DATA_SEED): Map<string, string> {
  // One stream per data set, so changing one generator leaves the other files unchanged.
  const demand = demandSeries(mulberry32(seed));
  const tickets = mulberry32(seed + 1);
  const prices = mulberry32(seed + 2);
  const lines = (n: number, make: () => string) => Array.from({ length: n }, make).join('\n') + '\n';
  return new Map([
    // DeepAR's recommended split: the train channel without the last `prediction_length` points,
    // the test channel with the full series, so the test weeks are never seen in training.
    [DATA_FILES.demandTrain, jsonLines(demand, DEMAND.trainWeeks)],
    [DATA_FILES.demandTest, jsonLines(demand, DEMAND.trainWeeks + DEMAND.horizonWeeks)],
    [DATA_FILES.ticketsTrain, lines(TICKETS.trainLines, () => ticketLine(tickets))],
    [DATA_FILES.ticketsValidation, lines(TICKETS.validationLines, () => ticketLine(tickets))],
    [DATA_FILES.pricesTrain, lines(PRICES.trainRows, () => priceRow(prices))],
    [DATA_FILES.pricesValidation, lines(PRICES.validationRows, () => priceRow(prices))],
  ]);
}

export function writeAlgorithmChoiceData(labDir: string): void {
  for (const [path, content] of generateAlgorithmChoiceData()) {
    const file = join(labDir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

if (require.main === module) {
  // From dist/labs/algorithm-choice/ or labs/algorithm-choice/, the repository root is two levels above `labs`.
  const root = join(__dirname, __dirname.includes(`${join('dist', 'labs')}`) ? '../../..' : '../..');
  writeAlgorithmChoiceData(join(root, 'labs', 'algorithm-choice'));
}
