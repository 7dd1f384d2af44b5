// Replays the lab's cassettes offline: the reference state, and three states a learner plausibly
// reaches on the way (a threshold in milliseconds, an idle bill twice too high with an untagged
// model, an alarm only ever set by hand).
import { exitCodeOf } from '../../../lib/check/runner';
import { checks } from '../../../labs/endpoint-observability/checks';
import { lab } from '../../../labs/endpoint-observability/lab';
import { findingsOf, replayLab, statusesOf } from '../../support/replay';

const target = { lab, checks };
const ALL_PASS = { R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass' };

test('pass.json: every requirement passes, exit 0', async () => {
  const result = await replayLab(target, 'pass.json');
  expect(statusesOf(result)).toEqual(ALL_PASS);
  expect(findingsOf(result, 'R6')).toMatch(/went into ALARM at 2026-11-25T10:34:43\.512Z: CloudWatch's p90 of ModelLatency reached 412\.9 ms/);
  expect(exitCodeOf(result)).toBe(0);
});

test('fail-threshold-in-milliseconds.json: a threshold of 100 (microseconds) fails R2 and skips R6', async () => {
  const result = await replayLab(target, 'fail-threshold-in-milliseconds.json');
  expect(statusesOf(result)).toEqual({ ...ALL_PASS, R2: 'fail', R6: 'skipped' });
  expect(findingsOf(result, 'R2')).toMatch(/that is 0\.1 ms\. Every request breaches it/);
  expect(exitCodeOf(result)).toBe(1);
});

test('fail-idle-capacity.json: a minimum of 2 instances and an untagged model fail R5 and R4 with what they cost', async () => {
  const result = await replayLab(target, 'fail-idle-capacity.json');
  expect(statusesOf(result)).toEqual({ ...ALL_PASS, R4: 'fail', R5: 'fail' });
  expect(findingsOf(result, 'R5')).toMatch(/2 x ml\.t2\.medium is USD 0\.112 an hour, 81\.76 a 730-hour month/);
  expect(findingsOf(result, 'R4')).toMatch(/churn-observed-model does not carry the tag cost-center=churn-retention/);
});

test('fail-set-alarm-state.json: an alarm only ever set by hand fails R6', async () => {
  const result = await replayLab(target, 'fail-set-alarm-state.json');
  expect(statusesOf(result)).toEqual({ ...ALL_PASS, R6: 'fail' });
  expect(findingsOf(result, 'R6')).toMatch(/SetAlarmState proves that the alerts topic receives the alarm's message/);
});
