// Replays the lab's cassettes offline.
import { exitCodeOf } from '../../../lib/check/runner';
import { lab } from '../../../labs/training-troubleshoot/lab';
import { findingsOf, replayLab, statusesOf } from '../../support/replay';

test('pass.json: every requirement passes, exit 0', async () => {
  const result = await replayLab(lab, 'pass.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass' });
  expect(exitCodeOf(result)).toBe(0);
});

test('fail-symptoms-not-causes.json: the header kept and the role unfixed fail R1 and R2; R3 builds on R2 and is skipped', async () => {
  const result = await replayLab(lab, 'fail-symptoms-not-causes.json');
  expect(statusesOf(result)).toEqual({ R1: 'fail', R2: 'fail', R3: 'skipped', R4: 'skipped' });
  expect(findingsOf(result, 'R1')).toMatch(/starts with 'churned,tenure_months/);
  expect(findingsOf(result, 'R2')).toMatch(/No policy of mllab-training-troubleshoot-role allows s3:GetObject/);
  expect(exitCodeOf(result)).toBe(1);
});

test('fail-short-runtime.json: the causes fixed but a 240 s limit fails R4 only', async () => {
  const result = await replayLab(lab, 'fail-short-runtime.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'fail' });
  expect(findingsOf(result, 'R4')).toMatch(/fixed-20261201-0320 allows 240 s/);
});
