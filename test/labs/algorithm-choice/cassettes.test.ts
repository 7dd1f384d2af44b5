// Offline replay of the recorded states: the passing cassette passes every requirement; each
// failing cassette fails exactly the requirement it was recorded for, with its teaching finding.
import { join } from 'node:path';
import { loadCassette, replayTransport } from '../../../lib/cassette';
import { exitCodeOf, runLab } from '../../../lib/check/runner';
import { CheckSession } from '../../../lib/check/session';
import { lab } from '../../../labs/algorithm-choice/lab';

const dir = join(__dirname, '../../../labs/algorithm-choice/cassettes');

async function replay(name: string) {
  const cassette = loadCassette(join(dir, `${name}.json`));
  const session = new CheckSession({ region: cassette.region, transport: replayTransport(cassette, { source: name }) });
  try {
    const result = await runLab(session, lab);
    return { result, statuses: Object.fromEntries(result.requirements.map((r) => [r.id, r.status])), sent: session.callsSent };
  } finally {
    session.destroy();
  }
}

test('pass.json: every requirement passes, exit 0, and each read is sent once for all four requirements', async () => {
  const { result, statuses, sent } = await replay('pass');
  expect(statuses).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass' });
  expect(exitCodeOf(result)).toBe(0);
  // One DescribeStacks, three ListTrainingJobs, three DescribeTrainingJob: R4 reuses R1 to R3's reads.
  expect(sent).toBe(7);
});

test.each([
  ['fail-xgboost-forecast', 'R1', /XGBoost is a tabular learner/],
  ['fail-word2vec-mode', 'R2', /Word2Vec is unsupervised/],
  ['fail-binary-classifier', 'R3', /predictor_type is 'binary_classifier'/],
  ['fail-on-demand', 'R4', /did not use managed spot training/],
])('%s fails %s with its finding, exit 1', async (name, failing, finding) => {
  const { result, statuses } = await replay(name);
  expect(statuses[failing]).toBe('fail');
  expect(result.requirements.find((r) => r.id === failing)!.findings.join('\n')).toMatch(finding);
  for (const id of ['R1', 'R2', 'R3'].filter((id) => id !== failing)) expect(statuses[id]).toBe('pass');
  if (failing !== 'R4') expect(statuses.R4).toBe('skipped');
  expect(exitCodeOf(result)).toBe(1);
});

test('fail-nothing-launched: every problem fails with what to launch and how to name it; R4 is skipped', async () => {
  const { result, statuses } = await replay('fail-nothing-launched');
  expect(statuses).toEqual({ R1: 'fail', R2: 'fail', R3: 'fail', R4: 'skipped' });
  for (const [id, prefix] of [['R1', 'algo-demand-'], ['R2', 'algo-tickets-'], ['R3', 'algo-rent-']]) {
    expect(result.requirements.find((r) => r.id === id)!.findings[0]).toContain(`No training job named ${prefix}...`);
  }
  expect(exitCodeOf(result)).toBe(1);
});

test('fail-binary-classifier also reports the failed job\'s reason', async () => {
  const { result } = await replay('fail-binary-classifier');
  expect(result.requirements.find((r) => r.id === 'R3')!.findings.join('\n')).toMatch(/Failed: "ClientError: labels for predictor_type binary_classifier must be 0 or 1"/);
});
