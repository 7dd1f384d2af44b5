// The scenario's table is one source: the README states each workload's facts as workloads.ts does,
// every wrong option has its explanation, the price in the findings is the price table's, and the
// JSONPath subset of the transform filters selects what batch transform would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { selectedColumns } from '../../../labs/inference-choice/filters';
import { HOSTING_USD_PER_HOUR, INFERENCE_OPTIONS, optionOf, WORKLOADS } from '../../../labs/inference-choice/workloads';
import { pricesFor } from '../../../lib/cost/prices';

const readme = readFileSync(join(__dirname, '..', '..', '..', 'labs', 'inference-choice', 'README.md'), 'utf8');

test.each(WORKLOADS.map((w) => [w.id, w] as const))('%s: the README states its facts, and every other option has a finding', (id, w) => {
  expect(readme).toContain(`| \`${id}\` (${w.title}) | ${w.facts} |`);
  for (const option of INFERENCE_OPTIONS) {
    if (option === w.answer) expect(w.wrong[option]).toBeUndefined();
    else expect(w.wrong[option]).toEqual(expect.any(String));
  }
});

test('each option is the answer to exactly one workload', () => {
  expect(WORKLOADS.map((w) => w.answer).sort()).toEqual([...INFERENCE_OPTIONS].sort());
});

test('the hosting price the findings quote is the price table\'s ml.m5.large real-time rate', () => {
  expect(pricesFor('us-east-1').price('sagemaker:hosting-hour:ml.m5.large').usd).toBe(HOSTING_USD_PER_HOUR);
});

test.each([
  ['Real-time inference', 'real-time'],
  ['REALTIME', 'real-time'],
  ['async', 'asynchronous'],
  ['Asynchronous Inference', 'asynchronous'],
  ['Batch Transform', 'batch-transform'],
  ['batch', 'batch-transform'],
  ['serverless endpoint', 'serverless'],
  ['lambda', undefined],
  ['batch inference endpoint', undefined],
])('optionOf(%j) is %s', (spelling, option) => {
  expect(optionOf(spelling)).toBe(option);
});

test.each([
  ['$', 13, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
  ['$[1:]', 13, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
  ['$[1:13]', 13, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
  ['$[:-1]', 14, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]],
  ['$[0,-1]', 14, [0, 13]],
  ['$[0, 13]', 14, [0, 13]],
  ['$[-1]', 14, [13]],
  ['$[*]', 3, [0, 1, 2]],
  ['$.features', 13, undefined],
  ['$[20]', 13, undefined],
  ['$[1:2:3]', 13, undefined],
])('selectedColumns(%j, %i)', (filter, width, columns) => {
  expect(selectedColumns(filter, width)).toEqual(columns);
});
