// Replays the lab's cassettes offline, and the passing one with S3 on s3rver: the decision record,
// the source archive and the model artefact are read over the wire (SageMaker and CloudFormation
// have no emulator and come from the cassette).
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { exitCodeOf } from '../../../lib/check/runner';
import { lab } from '../../../labs/training-approach/lab';
import { referenceDecisions } from '../../../labs/training-approach/solution';
import { useS3rverBucket } from '../../support/emulators';
import { findingsOf, replayLab, statusesOf } from '../../support/replay';
import { ARTEFACT_KEY, BUCKET, DECISION_KEY, SOURCE_KEY } from './fixtures';

const ALL_PASS = { R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass' };

describe('offline replay', () => {
  test('pass.json: every requirement passes, exit 0', async () => {
    const result = await replayLab(lab, 'pass.json');
    expect(statusesOf(result)).toEqual(ALL_PASS);
    expect(findingsOf(result, 'R4')).toMatch(/ran train\.py from s3:\/\/.*\/tickets\/code\/.*sourcedir\.tar\.gz/);
    expect(exitCodeOf(result)).toBe(0);
  });

  test('fail-wrong-approaches.json: Autopilot for the planners and a custom container for the scikit-learn script fail R1 only', async () => {
    const result = await replayLab(lab, 'fail-wrong-approaches.json');
    expect(statusesOf(result)).toEqual({ ...ALL_PASS, R1: 'fail' });
    expect(findingsOf(result, 'R1')).toMatch(/store-demand .*autopilot does not fit.*ticket-escalation .*custom-container does not fit/);
    expect(exitCodeOf(result)).toBe(1);
  });

  test('fail-builtin-image-on-demand.json: the built-in XGBoost image and on-demand ml.m5.xlarge fail R3 and R5', async () => {
    const result = await replayLab(lab, 'fail-builtin-image-on-demand.json');
    expect(statusesOf(result)).toEqual({ ...ALL_PASS, R3: 'fail', R5: 'fail' });
    expect(findingsOf(result, 'R3')).toMatch(/built-in algorithm 'sagemaker-xgboost'.*ignores a script/);
    expect(findingsOf(result, 'R5')).toMatch(/ran on ml\.m5\.xlarge.*on-demand capacity/);
  });

  test('fail-source-outside-lab.json: the source archive in the SDK default bucket fails R4', async () => {
    const result = await replayLab(lab, 'fail-source-outside-lab.json');
    expect(statusesOf(result)).toEqual({ ...ALL_PASS, R4: 'fail' });
    expect(findingsOf(result, 'R4')).toMatch(/sagemaker-<region>-<account>, outlives the lab/);
  });
});

describe('over the wire: S3 on s3rver', () => {
  const s3 = useS3rverBucket(BUCKET);
  const replayed = { services: ['SageMaker', 'CloudFormation'] as const };
  const put = (Key: string, Body: string) => s3().send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }));

  test('the decision record, the source archive and the artefact are read from S3 for real', async () => {
    await put(DECISION_KEY, JSON.stringify(referenceDecisions()));
    await put(SOURCE_KEY, 'source archive stand-in');
    await put(ARTEFACT_KEY, 'model archive stand-in');
    expect(statusesOf(await replayLab(lab, 'pass.json', replayed))).toEqual(ALL_PASS);

    // What a learner might leave behind instead: Canvas for the data scientists, a deleted source archive and model.
    await put(DECISION_KEY, JSON.stringify({ ...referenceDecisions(), 'claims-triage': 'Canvas' }));
    await s3().send(new DeleteObjectCommand({ Bucket: BUCKET, Key: SOURCE_KEY }));
    await s3().send(new DeleteObjectCommand({ Bucket: BUCKET, Key: ARTEFACT_KEY }));
    const broken = await replayLab(lab, 'pass.json', replayed);
    expect(statusesOf(broken)).toEqual({ ...ALL_PASS, R1: 'fail', R4: 'fail', R6: 'fail' });
    expect(findingsOf(broken, 'R1')).toMatch(/claims-triage .*canvas does not fit/);
    expect(findingsOf(broken, 'R4')).toMatch(/no longer exists/);
    expect(findingsOf(broken, 'R6')).toMatch(/does not exist, although tickets-sklearn-.* Completed/);
  });
});
