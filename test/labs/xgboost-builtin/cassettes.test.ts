// Replays the lab's cassettes offline, and the passing one over the wire against s3rver for S3
// (SageMaker and CloudFormation have no emulator, so they still come from the cassette).
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { exitCodeOf } from '../../../lib/check/runner';
import { lab } from '../../../labs/xgboost-builtin/lab';
import { uploadShippedData } from '../../../labs/xgboost-builtin/solution';
import { ARTEFACT_KEY, BUCKET } from './fixtures';
import { useS3rverBucket } from '../../support/emulators';
import { findingsOf, replayLab, statusesOf } from '../../support/replay';

describe('offline replay', () => {
  test('pass.json: every requirement passes, exit 0', async () => {
    const result = await replayLab(lab, 'pass.json');
    expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass', R7: 'pass' });
    expect(exitCodeOf(result)).toBe(0);
  });

  test('fail-careless-config.json: regression, rmse and on-demand fail R3, R4 and R6', async () => {
    const result = await replayLab(lab, 'fail-careless-config.json');
    expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'fail', R4: 'fail', R5: 'pass', R6: 'fail', R7: 'pass' });
    expect(findingsOf(result, 'R6')).toMatch(/reports train:rmse, validation:rmse, not validation:auc/);
    expect(exitCodeOf(result)).toBe(1);
  });

  // Issue 11 finding 12: R6 used to pass here on an AUC measured on the training rows; it builds on R5 now.
  test('fail-validation-leak.json: validating on the training rows fails R5, and R6 (its high AUC proves nothing) is skipped', async () => {
    const result = await replayLab(lab, 'fail-validation-leak.json');
    expect(statusesOf(result)).toMatchObject({ R5: 'fail', R6: 'skipped' });
    expect(findingsOf(result, 'R5')).toMatch(/reads the training data/);
  });

  test('fail-below-threshold.json: too few, too shallow trees miss the AUC threshold', async () => {
    const result = await replayLab(lab, 'fail-below-threshold.json');
    expect(result.requirements.filter((r) => r.status !== 'pass').map((r) => r.id)).toEqual(['R6']);
    expect(findingsOf(result, 'R6')).toMatch(/0\.8853 \(max_depth=2, eta=0\.3, num_round=10\)/);
  });
});

describe('over the wire: S3 on s3rver', () => {
  const s3 = useS3rverBucket(BUCKET);

  test('the shipped data lands where the channels read it, and the artefact check reads S3 for real', async () => {
    // What the lab stack does at deploy time, then what SageMaker does at the end of the job.
    expect(await uploadShippedData(s3(), BUCKET)).toEqual(['churn/train/churn-train.csv', 'churn/validation/churn-validation.csv']);
    await s3().send(new PutObjectCommand({ Bucket: BUCKET, Key: ARTEFACT_KEY, Body: Buffer.alloc(2048, 1), ContentType: 'application/x-tar' }));
    const listed = await s3().send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'churn/' }));
    expect(listed.Contents?.map((o) => o.Key).sort()).toEqual([ARTEFACT_KEY, 'churn/train/churn-train.csv', 'churn/validation/churn-validation.csv']);

    const present = await replayLab(lab, 'pass.json', { services: ['SageMaker', 'CloudFormation'] });
    expect(statusesOf(present)).toMatchObject({ R7: 'pass' });
    expect(findingsOf(present, 'R7')).toMatch(/exists \(2048 bytes\)/);

    await s3().send(new DeleteObjectCommand({ Bucket: BUCKET, Key: ARTEFACT_KEY }));
    const deleted = await replayLab(lab, 'pass.json', { services: ['SageMaker', 'CloudFormation'] });
    expect(statusesOf(deleted)).toMatchObject({ R7: 'fail' });
    expect(findingsOf(deleted, 'R7')).toMatch(/no longer exists/);
  });
});
