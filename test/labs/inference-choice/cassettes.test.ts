// Replays the lab's cassettes offline, and the passing one with S3 on s3rver: the decision record,
// the asynchronous answers and the transform output are read over the wire (SageMaker, Application
// Auto Scaling, CloudWatch, SNS and CloudFormation have no emulator and come from the cassette).
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { exitCodeOf } from '../../../lib/check/runner';
import { lab } from '../../../labs/inference-choice/lab';
import { referenceDecisions } from '../../../labs/inference-choice/solution';
import { useS3rverBucket } from '../../support/emulators';
import { findingsOf, replayLab, statusesOf } from '../../support/replay';
import { BUCKET, DECISION_KEY, OUTPUT_KEY, transformOutput } from './fixtures';

const ALL_PASS = { R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass' };

describe('offline replay', () => {
  test('pass.json: every requirement passes, exit 0', async () => {
    const result = await replayLab(lab, 'pass.json');
    expect(statusesOf(result)).toEqual(ALL_PASS);
    expect(findingsOf(result, 'R6')).toMatch(/2000 lines, customer ids in file order/);
    expect(exitCodeOf(result)).toBe(0);
  });

  test('fail-wrong-choices.json: real-time for the agents, async for the nightly file and serverless at checkout fail R1 only', async () => {
    const result = await replayLab(lab, 'fail-wrong-choices.json');
    expect(statusesOf(result)).toEqual({ ...ALL_PASS, R1: 'fail' });
    expect(findingsOf(result, 'R1')).toMatch(/agent-lookup .*USD 83 a month.*nightly-call-list .*neither splits.*checkout-offers .*cold start/);
    expect(exitCodeOf(result)).toBe(1);
  });

  test('fail-never-scales-to-zero.json: a minimum of 1 on the invocations policy fails R3', async () => {
    const result = await replayLab(lab, 'fail-never-scales-to-zero.json');
    expect(statusesOf(result)).toEqual({ ...ALL_PASS, R3: 'fail' });
    expect(findingsOf(result, 'R3')).toMatch(/MinCapacity is 1: .*No target tracking policy follows ApproximateBacklogSizePerInstance/);
  });

  test('fail-lost-customer-ids.json: JoinSource None fails R5, and R6 (which builds on it) is skipped', async () => {
    const result = await replayLab(lab, 'fail-lost-customer-ids.json');
    expect(statusesOf(result)).toEqual({ ...ALL_PASS, R5: 'fail', R6: 'skipped' });
    expect(findingsOf(result, 'R5')).toMatch(/JoinSource is None: the output then holds bare probabilities and no customer id/);
  });
});

describe('over the wire: S3 on s3rver', () => {
  const s3 = useS3rverBucket(BUCKET);
  const replayed = { services: ['SageMaker', 'CloudFormation', 'SNS', 'ApplicationAutoScaling', 'CloudWatch'] as const };
  const put = (Key: string, Body: string) => s3().send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }));

  test('the decision record, the asynchronous answer and the scored file are read from S3 for real', async () => {
    await put(DECISION_KEY, JSON.stringify(referenceDecisions()));
    await put('async/output/6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5.out', '0.0123\n0.8671\n');
    await put(OUTPUT_KEY, transformOutput());
    expect(statusesOf(await replayLab(lab, 'pass.json', replayed))).toEqual(ALL_PASS);

    // What a learner might leave behind instead: a wrong choice, an answer that went to the failure
    // path, a scored file cut short.
    await put(DECISION_KEY, JSON.stringify({ ...referenceDecisions(), 'partner-portfolios': 'real-time' }));
    await s3().send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'async/output/6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5.out' }));
    await put('async/failures/6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5-error.out', 'ClientError: 400 Bad Request');
    await put(OUTPUT_KEY, transformOutput().split('\n').slice(0, 100).join('\n'));
    const broken = await replayLab(lab, 'pass.json', replayed);
    expect(statusesOf(broken)).toEqual({ ...ALL_PASS, R1: 'fail', R4: 'fail', R6: 'fail' });
    expect(findingsOf(broken, 'R1')).toMatch(/partner-portfolios .*within 60 seconds/);
    expect(findingsOf(broken, 'R4')).toMatch(/1 failed request\(s\) under s3:\/\/.*\/async\/failures\//);
    expect(findingsOf(broken, 'R6')).toMatch(/has 100 line\(s\); the nightly file has 2,000 customers/);

    await s3().send(new DeleteObjectCommand({ Bucket: BUCKET, Key: OUTPUT_KEY }));
    const deleted = await replayLab(lab, 'pass.json', replayed);
    expect(findingsOf(deleted, 'R6')).toMatch(/does not exist, although churn-nightly-20261201-0100 Completed/);
  });
});
