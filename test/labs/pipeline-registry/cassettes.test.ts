// Replays the lab's cassettes offline: a run of a pipeline in the SageMaker Python SDK's shape that
// passes, and three plausible wrong states.
import { exitCodeOf } from '../../../lib/check/runner';
import { lab } from '../../../labs/pipeline-registry/lab';
import { findingsOf, replayLab, statusesOf } from '../../support/replay';

test('pass.json (a Python-SDK-shaped definition): every requirement passes, exit 0', async () => {
  const result = await replayLab(lab, 'pass.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass', R7: 'pass' });
  expect(findingsOf(result, 'R3')).toMatch(/CheckAucChurnEvaluation runs RegisterChurnModel-RegisterModel only when JsonGet\(Steps\.EvaluateChurnModel\.PropertyFiles\.ChurnEvaluationReport/);
  expect(exitCodeOf(result)).toBe(0);
});

test('fail-gate-on-training-metric.json: a gate on FinalMetricDataList fails R3 and skips what builds on it', async () => {
  const result = await replayLab(lab, 'fail-gate-on-training-metric.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'fail', R4: 'pass', R5: 'skipped', R6: 'skipped', R7: 'skipped' });
  expect(findingsOf(result, 'R3')).toMatch(/the training job's own final metric/);
  expect(exitCodeOf(result)).toBe(1);
});

test('fail-pending-approval.json: a registered version nobody approved fails R7 only', async () => {
  const result = await replayLab(lab, 'fail-pending-approval.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass', R7: 'fail' });
  expect(findingsOf(result, 'R7')).toMatch(/is PendingManualApproval/);
});

test('fail-registers-approved.json: registering Approved fails R4, even though the version is Approved', async () => {
  const result = await replayLab(lab, 'fail-registers-approved.json');
  expect(statusesOf(result)).toMatchObject({ R1: 'pass', R3: 'pass', R4: 'fail', R5: 'skipped', R7: 'skipped' });
  expect(findingsOf(result, 'R4')).toMatch(/registers with ModelApprovalStatus Approved/);
});
