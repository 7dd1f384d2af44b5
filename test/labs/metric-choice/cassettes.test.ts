// Offline replay of the recorded states: the passing cassette passes every requirement; each
// failing cassette fails exactly the requirement it was recorded for, with its teaching finding.
import { exitCodeOf } from '../../../lib/check/runner';
import { lab } from '../../../labs/metric-choice/lab';
import { findingsOf, replayLab, statusesOf } from '../../support/replay';

const ALL_PASS = { R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass' };

test('pass.json: every requirement passes, exit 0, each read sent once for all four requirements', async () => {
  const r = await replayLab(lab, 'pass.json');
  expect(statusesOf(r)).toEqual(ALL_PASS);
  expect(exitCodeOf(r)).toBe(0);
  // DescribeStacks, GetObject, two ListTrainingJobs, two DescribeTrainingJob: R4 reuses R2 and R3's reads.
  expect(r.callsSent).toBe(6);
});

test('fail-accuracy-and-rmse.json: accuracy for fraud and RMSE for houses fail R1 only', async () => {
  const r = await replayLab(lab, 'fail-accuracy-and-rmse.json');
  expect(statusesOf(r)).toEqual({ ...ALL_PASS, R1: 'fail' });
  expect(findingsOf(r, 'R1')).toMatch(/fraud: accuracy does not fit .*98% accurate.*houses: rmse does not fit .*4,900 houses/);
  expect(exitCodeOf(r)).toBe(1);
});

test.each([
  ['fail-squared-error', 'R3', /validation:mae is 248\.05, above 230\. reg:squarederror minimises squared error/],
  ['fail-no-class-weight', 'R2', /scale_pos_weight is not set/],
])('%s fails %s with its finding, and R4 is skipped', async (name, failing, finding) => {
  const r = await replayLab(lab, `${name}.json`);
  expect(statusesOf(r)).toEqual({ ...ALL_PASS, [failing]: 'fail', R4: 'skipped' });
  expect(findingsOf(r, failing)).toMatch(finding);
  expect(exitCodeOf(r)).toBe(1);
});

test('fail-on-demand.json: an on-demand fraud job fails R4 only', async () => {
  const r = await replayLab(lab, 'fail-on-demand.json');
  expect(statusesOf(r)).toEqual({ ...ALL_PASS, R4: 'fail' });
  expect(findingsOf(r, 'R4')).toMatch(/metric-fraud-2026-12-01-03-00-12-345 ran on demand/);
});
