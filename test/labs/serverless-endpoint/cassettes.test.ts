// Replays the lab's cassettes offline, and the passing one with S3 on s3rver (the artefact check
// of R1 over the wire; SageMaker and CloudWatch have no emulator and come from the cassette).
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { exitCodeOf } from '../../../lib/check/runner';
import { lab } from '../../../labs/serverless-endpoint/lab';
import { ARTEFACT_KEY, BUCKET } from '../xgboost-builtin/fixtures';
import { useS3rverBucket } from '../../support/emulators';
import { findingsOf, replayLab, statusesOf } from '../../support/replay';

describe('offline replay', () => {
  test('pass.json: every requirement passes, exit 0', async () => {
    const result = await replayLab(lab, 'pass.json');
    expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass' });
    expect(findingsOf(result, 'R4')).toMatch(/23 invocation\(s\).*3 with a 4XX.*20 served/);
    expect(exitCodeOf(result)).toBe(0);
  });

  test('fail-oversized-config.json: 6 GB, concurrency 20 and provisioned concurrency fail R2 only', async () => {
    const result = await replayLab(lab, 'fail-oversized-config.json');
    expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'fail', R3: 'pass', R4: 'pass' });
    expect(exitCodeOf(result)).toBe(1);
  });

  test('fail-refused-requests.json: twelve 4XX answers are no traffic served', async () => {
    const result = await replayLab(lab, 'fail-refused-requests.json');
    expect(statusesOf(result)).toMatchObject({ R4: 'fail' });
    expect(findingsOf(result, 'R4')).toMatch(/refused/);
  });

  test('fail-endpoint-failed.json: a Failed endpoint fails R3 with its reason and skips R4', async () => {
    const result = await replayLab(lab, 'fail-endpoint-failed.json');
    expect(statusesOf(result)).toMatchObject({ R3: 'fail', R4: 'skipped' });
    expect(findingsOf(result, 'R3')).toMatch(/Failed to download model data/);
  });
});

describe('over the wire: S3 on s3rver', () => {
  const s3 = useS3rverBucket(BUCKET);

  test('R1 passes while the artefact exists and fails once it is deleted', async () => {
    await s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: ARTEFACT_KEY, Body: Buffer.alloc(512, 7) }));
    expect(statusesOf(await replayLab(lab, 'pass.json', { services: ['SageMaker', 'CloudWatch'] }))).toMatchObject({ R1: 'pass' });

    await s3().send(new DeleteObjectCommand({ Bucket: BUCKET, Key: ARTEFACT_KEY }));
    const deleted = await replayLab(lab, 'pass.json', { services: ['SageMaker', 'CloudWatch'] });
    expect(statusesOf(deleted)).toMatchObject({ R1: 'fail' });
    expect(findingsOf(deleted, 'R1')).toMatch(/no longer exists/);
  });
});
