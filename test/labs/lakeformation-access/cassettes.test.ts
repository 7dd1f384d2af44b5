// Replays the lab's cassettes offline: the reference state, and two plausible wrong ones.
import { exitCodeOf } from '../../../lib/check/runner';
import { checks } from '../../../labs/lakeformation-access/checks';
import { lab } from '../../../labs/lakeformation-access/lab';
import { findingsOf, replayLab, statusesOf } from '../../support/replay';

const target = { lab, checks };

test('pass.json: every requirement passes, exit 0', async () => {
  const result = await replayLab(target, 'pass.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass' });
  expect(findingsOf(result, 'R3')).toMatch(/SELECT on rides \(all columns except rider_name, rider_email, rider_phone\)/);
  expect(findingsOf(result, 'R5')).toMatch(/cannot be resolved or requester is not authorized/);
  expect(exitCodeOf(result)).toBe(0);
});

test('fail-iam-only.json: the default IAMAllowedPrincipals grants left in place fail R4 with what they keep open, and R5 waits for it', async () => {
  const result = await replayLab(target, 'fail-iam-only.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'fail', R5: 'skipped' });
  expect(findingsOf(result, 'R4')).toMatch(/IAMAllowedPrincipals holds ALL on rides: .*read the whole table, every personal column included/);
  expect(exitCodeOf(result)).toBe(1);
});

test('fail-whole-table.json: an unregistered location and SELECT on the whole table fail R2 and R3', async () => {
  const result = await replayLab(target, 'fail-whole-table.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'fail', R3: 'fail', R4: 'pass', R5: 'skipped' });
  expect(findingsOf(result, 'R2')).toMatch(/athena-results registered, which does not contain it/);
  expect(findingsOf(result, 'R3')).toMatch(/SELECT on rides \(all columns\), which opens rider_name, rider_email, rider_phone/);
});
