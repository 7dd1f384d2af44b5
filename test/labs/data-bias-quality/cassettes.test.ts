// Replays the lab's cassettes offline: the reference state, and two plausible wrong ones.
import { exitCodeOf } from '../../../lib/check/runner';
import { checks } from '../../../labs/data-bias-quality/checks';
import { lab } from '../../../labs/data-bias-quality/lab';
import { findingsOf, replayLab, statusesOf } from '../../support/replay';

const target = { lab, checks };

test('pass.json: every requirement passes, exit 0, and R1 teaches with the shipped data\'s numbers', async () => {
  const result = await replayLab(target, 'pass.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass' });
  expect(findingsOf(result, 'R1')).toMatch(/CI 0\.600 for group B: .* B is 20\.0% of the applications, A 80\.0%\. DPL 0\.283/);
  expect(findingsOf(result, 'R3')).toMatch(/passed all 4 rule\(s\), score 1/);
  expect(exitCodeOf(result)).toBe(0);
});

test('fail-group-only-oversampling.json: equal group sizes with B\'s approval rate copied fail R2 on DPL, and skip R3', async () => {
  const result = await replayLab(target, 'fail-group-only-oversampling.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'fail', R3: 'skipped' });
  expect(findingsOf(result, 'R2')).toMatch(/^DPL is 0\.277; .*Equal group sizes do not equalise approval rates/);
  expect(exitCodeOf(result)).toBe(1);
});

test('fail-header-row.json: a table that reads the header row as data fails R3 on the group rule, with the header hint', async () => {
  const result = await replayLab(target, 'fail-header-row.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'fail' });
  expect(findingsOf(result, 'R3')).toMatch(/ColumnValues "group" in \["A","B"\]: FAIL \(Value: group does not meet/);
  expect(findingsOf(result, 'R3')).toMatch(/skip\.header\.line\.count=1/);
  expect(exitCodeOf(result)).toBe(1);
});
