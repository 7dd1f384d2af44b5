// Replays the lab's cassettes offline: the reference tuning job and three plausible wrong ones.
import { exitCodeOf } from '../../../lib/check/runner';
import { lab } from '../../../labs/hyperparameter-tuning/lab';
import { findingsOf, replayLab, statusesOf } from '../../support/replay';

test('pass.json: every requirement passes, exit 0; the older Failed tuning job is not judged', async () => {
  const result = await replayLab(lab, 'pass.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass' });
  expect(findingsOf(result, 'R1')).toMatch(/churn-hpo-261128-1405 completed: 8 training job\(s\) completed, 2 stopped, 0 failed/);
  expect(exitCodeOf(result)).toBe(0);
});

test('fail-careless-search.json: eta linear over 0.001-1, ten jobs at once, no early stopping, and a best AUC below the threshold', async () => {
  const result = await replayLab(lab, 'fail-careless-search.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'fail', R5: 'fail', R6: 'fail' });
  expect(findingsOf(result, 'R4')).toMatch(/eta is searched from 0\.001 to 1; .* ScalingType is Linear\. On a linear scale/);
  expect(findingsOf(result, 'R5')).toMatch(/MaxParallelTrainingJobs is 10\. Bayesian search picks each next combination .* TrainingJobEarlyStoppingType is Off/);
  expect(findingsOf(result, 'R6')).toMatch(/0\.9084 \(eta=0\.6243, max_depth=3, min_child_weight=7\.12\)/);
  expect(exitCodeOf(result)).toBe(1);
});

test('fail-random-on-demand.json: Random search fails R3 and skips R6, which ranks by it; on-demand with a day of runtime fails R5', async () => {
  const result = await replayLab(lab, 'fail-random-on-demand.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'fail', R4: 'pass', R5: 'fail', R6: 'skipped' });
  expect(findingsOf(result, 'R3')).toMatch(/strategy is Random\. Random search draws every combination/);
  expect(findingsOf(result, 'R5')).toMatch(/on-demand capacity.*MaxRuntimeInSeconds is 86400/);
});

test('fail-all-jobs-failed.json: a Failed tuning job fails R1 with its reason, and everything else is skipped', async () => {
  const result = await replayLab(lab, 'fail-all-jobs-failed.json');
  expect(statusesOf(result)).toEqual({ R1: 'fail', R2: 'skipped', R3: 'skipped', R4: 'skipped', R5: 'skipped', R6: 'skipped' });
  expect(findingsOf(result, 'R1')).toMatch(/is Failed\. Failure reason: All training jobs failed/);
});
