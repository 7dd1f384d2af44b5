// Offline replay of the recorded states: the passing cassette passes every requirement; each
// failing cassette fails exactly the requirement it was recorded for, with its teaching finding.
import { exitCodeOf } from '../../../lib/check/runner';
import { lab } from '../../../labs/algorithm-choice/lab';
import { findingsOf, replayLab, statusesOf } from '../../support/replay';

test('pass.json: every requirement passes, exit 0, and each read is sent once for all four requirements', async () => {
  const r = await replayLab(lab, 'pass.json');
  expect(statusesOf(r)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass' });
  expect(exitCodeOf(r)).toBe(0);
  // One DescribeStacks, three ListTrainingJobs, three DescribeTrainingJob: R4 reuses R1 to R3's reads.
  expect(r.callsSent).toBe(7);
});

test.each([
  ['fail-xgboost-forecast', 'R1', /XGBoost is a tabular learner/],
  ['fail-word2vec-mode', 'R2', /Word2Vec is unsupervised/],
  ['fail-binary-classifier', 'R3', /predictor_type is 'binary_classifier'/],
  ['fail-on-demand', 'R4', /did not use managed spot training/],
])('%s fails %s with its finding, exit 1', async (name, failing, finding) => {
  const r = await replayLab(lab, `${name}.json`);
  const statuses = statusesOf(r);
  expect(statuses[failing]).toBe('fail');
  expect(findingsOf(r, failing)).toMatch(finding);
  for (const id of ['R1', 'R2', 'R3'].filter((id) => id !== failing)) expect(statuses[id]).toBe('pass');
  if (failing !== 'R4') expect(statuses.R4).toBe('skipped');
  expect(exitCodeOf(r)).toBe(1);
});

test('fail-nothing-launched: every problem fails with what to launch and how to name it; R4 is skipped', async () => {
  const r = await replayLab(lab, 'fail-nothing-launched.json');
  expect(statusesOf(r)).toEqual({ R1: 'fail', R2: 'fail', R3: 'fail', R4: 'skipped' });
  for (const [id, prefix] of [['R1', 'algo-demand-'], ['R2', 'algo-tickets-'], ['R3', 'algo-rent-']]) {
    // The first finding, not all of them joined: what to launch is said before anything else.
    expect(r.requirements.find((q) => q.id === id)!.findings[0]).toContain(`No training job named ${prefix}...`);
  }
  expect(exitCodeOf(r)).toBe(1);
});

test('fail-binary-classifier also reports the failed job\'s reason', async () => {
  const r = await replayLab(lab, 'fail-binary-classifier.json');
  expect(findingsOf(r, 'R3')).toMatch(/Failed: "ClientError: labels for predictor_type binary_classifier must be 0 or 1"/);
});
