// Replays the lab's cassettes offline, and the passing one with S3 on s3rver: the baseline files
// (R3), the capture layout (R5) and the violations report (R6) read over the wire; SageMaker and
// CloudFormation have no emulator and come from the cassette.
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { exitCodeOf } from '../../../lib/check/runner';
import { lab } from '../../../labs/model-monitor-drift/lab';
import { useS3rverBucket } from '../../support/emulators';
import { findingsOf, replayLab, statusesOf } from '../../support/replay';
import { BUCKET, CAPTURE_KEY, DRIFT_REPORT_KEY, DRIFT_VIOLATIONS, TYPE_VIOLATIONS } from './fixtures';

describe('offline replay', () => {
  test('pass.json: every requirement passes, exit 0', async () => {
    const result = await replayLab(lab, 'pass.json');
    expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass' });
    expect(findingsOf(result, 'R6')).toMatch(/baseline_drift_check on tenure_months/);
    expect(exitCodeOf(result)).toBe(0);
  });

  test('fail-baseline-from-capture.json: a baseline of captured traffic fails R3 and skips what builds on it', async () => {
    const result = await replayLab(lab, 'fail-baseline-from-capture.json');
    expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'fail', R4: 'skipped', R5: 'pass', R6: 'skipped' });
    expect(findingsOf(result, 'R3')).toMatch(/makes the drift itself the reference/);
    expect(exitCodeOf(result)).toBe(1);
  });

  test('fail-daily-schedule.json: a daily cadence fails R4 with its cost, and skips R6', async () => {
    const result = await replayLab(lab, 'fail-daily-schedule.json');
    expect(statusesOf(result)).toMatchObject({ R4: 'fail', R6: 'skipped' });
    expect(findingsOf(result, 'R4')).toMatch(/is daily \(cron\(0 0 \? \* \* \*\)\)/);
  });

  test('fail-type-check-only.json: a data_type_check is not drift, R6 fails and says why', async () => {
    const result = await replayLab(lab, 'fail-type-check-only.json');
    expect(statusesOf(result)).toMatchObject({ R5: 'pass', R6: 'fail' });
    expect(findingsOf(result, 'R6')).toMatch(/A data_type_check means .* not drift/);
  });
});

describe('over the wire: S3 on s3rver', () => {
  const s3 = useS3rverBucket(BUCKET);
  const put = (Key: string, Body: string) => s3().send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }));
  const remove = (Key: string) => s3().send(new DeleteObjectCommand({ Bucket: BUCKET, Key }));
  const replay = () => replayLab(lab, 'pass.json', { services: ['SageMaker', 'CloudFormation'] });

  test('R3, R5 and R6 pass on the real objects, and fail once a baseline file, the captures or the drift are gone', async () => {
    await put('monitor/baseline/statistics.json', '{"version": 0.0, "dataset": {"item_count": 2000}, "features": []}');
    await put('monitor/baseline/constraints.json', '{"version": 0.0, "features": [], "monitoring_config": {}}');
    await put(CAPTURE_KEY, '{"captureData": {}}\n');
    await put(DRIFT_REPORT_KEY, JSON.stringify(DRIFT_VIOLATIONS));
    expect(statusesOf(await replay())).toMatchObject({ R3: 'pass', R5: 'pass', R6: 'pass' });

    await remove('monitor/baseline/constraints.json');
    await remove(CAPTURE_KEY);
    await put(DRIFT_REPORT_KEY, JSON.stringify(TYPE_VIOLATIONS));
    const broken = await replay();
    expect(statusesOf(broken)).toMatchObject({ R3: 'fail', R5: 'fail', R6: 'skipped' });
    expect(findingsOf(broken, 'R3')).toMatch(/constraints\.json does not exist/);
    expect(findingsOf(broken, 'R5')).toMatch(/No capture files of churn-monitor/);
  });

  test('R6 is an error, not a fail, when the report of a violating execution is missing', async () => {
    await put('monitor/baseline/statistics.json', '{}');
    await put('monitor/baseline/constraints.json', '{}');
    await put(CAPTURE_KEY, '{}\n');
    await remove(DRIFT_REPORT_KEY);
    const result = await replay();
    expect(statusesOf(result)).toMatchObject({ R6: 'error' });
    expect(findingsOf(result, 'R6')).toMatch(/constraint_violations\.json does not exist/);
  });
});
