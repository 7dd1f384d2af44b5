// Replays the lab's cassettes offline: the reference rollout, and three plausible wrong ones.
import { exitCodeOf } from '../../../lib/check/runner';
import { checks } from '../../../labs/safe-rollout/checks';
import { lab } from '../../../labs/safe-rollout/lab';
import { findingsOf, replayLab, statusesOf } from '../../support/replay';

const target = { lab, checks };

test('pass.json: every requirement passes, exit 0', async () => {
  const result = await replayLab(target, 'pass.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass' });
  expect(findingsOf(result, 'R3')).toMatch(/blue\/green CANARY, first step CAPACITY_PERCENT 10, baking 300 s/);
  expect(exitCodeOf(result)).toBe(0);
});

test('fail-shadow-variant.json: the new model as a shadow fails R1 with what a shadow is, and skips what builds on it', async () => {
  const result = await replayLab(target, 'fail-shadow-variant.json');
  expect(statusesOf(result)).toEqual({ R1: 'fail', R2: 'skipped', R3: 'skipped', R4: 'skipped', R5: 'skipped' });
  expect(findingsOf(result, 'R1')).toMatch(/answers are never returned/);
  expect(exitCodeOf(result)).toBe(1);
});

test('fail-unguarded-update.json: ALL_AT_ONCE with the AWS example alarm copied verbatim fails R3, the candidate as scalable target fails R5', async () => {
  const result = await replayLab(target, 'fail-unguarded-update.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'fail', R4: 'pass', R5: 'fail' });
  expect(findingsOf(result, 'R3')).toMatch(/ALL_AT_ONCE: .* variant AllTraffic, which churn-rollout does not have/);
  expect(findingsOf(result, 'R5')).toMatch(/Only the candidate variant candidate is a scalable target/);
});

test('fail-candidate-unseen.json: a dozen requests leave the 10% candidate with one, and R4 says how many to send', async () => {
  const result = await replayLab(target, 'fail-candidate-unseen.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'fail', R5: 'pass' });
  expect(findingsOf(result, 'R4')).toMatch(/candidate candidate: 1 invocation\(s\).*about 200 requests/);
});
