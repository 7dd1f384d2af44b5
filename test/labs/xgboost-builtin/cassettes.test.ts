// Replays the lab's cassettes offline, and the passing one over the wire against s3rver for S3
// (SageMaker and CloudFormation have no emulator, so they still come from the cassette).
import { join } from 'node:path';
import { CreateBucketCommand, DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { loadCassette, replayTransport } from '../../../lib/cassette';
import { exitCodeOf, runLab, type CheckRunResult } from '../../../lib/check/runner';
import { CheckSession } from '../../../lib/check/session';
import { EMULATOR_CREDENTIALS, startS3rver, useEmulatorEnvironment, type RunningEmulator } from '../../../lib/emulators';
import { lab } from '../../../labs/xgboost-builtin/lab';
import { uploadShippedData } from '../../../labs/xgboost-builtin/solution';
import { ARTEFACT_KEY, BUCKET } from './fixtures';

const CASSETTES = join(__dirname, '..', '..', '..', 'labs', 'xgboost-builtin', 'cassettes');

async function replay(file: string, services?: ('SageMaker' | 'CloudFormation' | 'S3')[]): Promise<CheckRunResult> {
  const session = new CheckSession({ region: 'us-east-1', maxAttempts: 1, transport: replayTransport(loadCassette(join(CASSETTES, file)), { services, source: file }) });
  try {
    return await runLab(session, lab);
  } finally {
    session.destroy();
  }
}

const statuses = (result: CheckRunResult) => Object.fromEntries(result.requirements.map((r) => [r.id, r.status]));
const findingsOf = (result: CheckRunResult, id: string) => result.requirements.find((r) => r.id === id)!.findings.join(' ');

describe('offline replay', () => {
  test('pass.json: every requirement passes, exit 0', async () => {
    const result = await replay('pass.json');
    expect(statuses(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass', R7: 'pass' });
    expect(exitCodeOf(result)).toBe(0);
  });

  test('fail-careless-config.json: regression, rmse and on-demand fail R3, R4 and R6', async () => {
    const result = await replay('fail-careless-config.json');
    expect(statuses(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'fail', R4: 'fail', R5: 'pass', R6: 'fail', R7: 'pass' });
    expect(findingsOf(result, 'R6')).toMatch(/reports train:rmse, validation:rmse, not validation:auc/);
    expect(exitCodeOf(result)).toBe(1);
  });

  test('fail-validation-leak.json: validating on the training rows fails R5 even with a high AUC', async () => {
    const result = await replay('fail-validation-leak.json');
    expect(statuses(result)).toMatchObject({ R5: 'fail', R6: 'pass' });
    expect(findingsOf(result, 'R5')).toMatch(/reads the training data/);
  });

  test('fail-below-threshold.json: too few, too shallow trees miss the AUC threshold', async () => {
    const result = await replay('fail-below-threshold.json');
    expect(result.requirements.filter((r) => r.status !== 'pass').map((r) => r.id)).toEqual(['R6']);
    expect(findingsOf(result, 'R6')).toMatch(/0\.8853 \(max_depth=2, eta=0\.3, num_round=10\)/);
  });
});

describe('over the wire: S3 on s3rver', () => {
  let s3rver: RunningEmulator;
  let restore: () => void;
  let s3: S3Client;

  beforeAll(async () => {
    s3rver = await startS3rver();
    restore = useEmulatorEnvironment({ s3: s3rver.endpoint });
    s3 = new S3Client({ region: 'us-east-1', endpoint: s3rver.endpoint, forcePathStyle: true, credentials: EMULATOR_CREDENTIALS, requestHandler: new NodeHttpHandler() });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });
  afterAll(async () => {
    s3.destroy();
    restore();
    await s3rver.stop();
  });

  test('the shipped data lands where the channels read it, and the artefact check reads S3 for real', async () => {
    // What the lab stack does at deploy time, then what SageMaker does at the end of the job.
    expect(await uploadShippedData(s3, BUCKET)).toEqual(['churn/train/churn-train.csv', 'churn/validation/churn-validation.csv']);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: ARTEFACT_KEY, Body: Buffer.alloc(2048, 1), ContentType: 'application/x-tar' }));
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'churn/' }));
    expect(listed.Contents?.map((o) => o.Key).sort()).toEqual(['churn/output/churn-xgb-20261125-0912/output/model.tar.gz', 'churn/train/churn-train.csv', 'churn/validation/churn-validation.csv']);

    const present = await replay('pass.json', ['SageMaker', 'CloudFormation']);
    expect(statuses(present)).toMatchObject({ R7: 'pass' });
    expect(findingsOf(present, 'R7')).toMatch(/exists \(2048 bytes\)/);

    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: ARTEFACT_KEY }));
    const deleted = await replay('pass.json', ['SageMaker', 'CloudFormation']);
    expect(statuses(deleted)).toMatchObject({ R7: 'fail' });
    expect(findingsOf(deleted, 'R7')).toMatch(/no longer exists/);
  });
});
