// Replays the lab's cassettes offline, and the passing one with S3 on s3rver (the artefact check
// of R1 over the wire; SageMaker and CloudWatch have no emulator and come from the cassette).
import { join } from 'node:path';
import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { loadCassette, replayTransport } from '../../../lib/cassette';
import { exitCodeOf, runLab, type CheckRunResult } from '../../../lib/check/runner';
import { CheckSession } from '../../../lib/check/session';
import { EMULATOR_CREDENTIALS, startS3rver, useEmulatorEnvironment, type RunningEmulator } from '../../../lib/emulators';
import { lab } from '../../../labs/serverless-endpoint/lab';
import { ARTEFACT_KEY, BUCKET } from '../xgboost-builtin/fixtures';

const CASSETTES = join(__dirname, '..', '..', '..', 'labs', 'serverless-endpoint', 'cassettes');

async function replay(file: string, services?: ('SageMaker' | 'CloudWatch')[]): Promise<CheckRunResult> {
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
    expect(statuses(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass' });
    expect(findingsOf(result, 'R4')).toMatch(/23 invocation\(s\).*3 with a 4XX.*20 served/);
    expect(exitCodeOf(result)).toBe(0);
  });

  test('fail-oversized-config.json: 6 GB, concurrency 20 and provisioned concurrency fail R2 only', async () => {
    const result = await replay('fail-oversized-config.json');
    expect(statuses(result)).toEqual({ R1: 'pass', R2: 'fail', R3: 'pass', R4: 'pass' });
    expect(exitCodeOf(result)).toBe(1);
  });

  test('fail-refused-requests.json: twelve 4XX answers are no traffic served', async () => {
    const result = await replay('fail-refused-requests.json');
    expect(statuses(result)).toMatchObject({ R4: 'fail' });
    expect(findingsOf(result, 'R4')).toMatch(/refused/);
  });

  test('fail-endpoint-failed.json: a Failed endpoint fails R3 with its reason and skips R4', async () => {
    const result = await replay('fail-endpoint-failed.json');
    expect(statuses(result)).toMatchObject({ R3: 'fail', R4: 'skipped' });
    expect(findingsOf(result, 'R3')).toMatch(/Failed to download model data/);
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

  test('R1 passes while the artefact exists and fails once it is deleted', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: ARTEFACT_KEY, Body: Buffer.alloc(512, 7) }));
    expect(statuses(await replay('pass.json', ['SageMaker', 'CloudWatch']))).toMatchObject({ R1: 'pass' });

    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: ARTEFACT_KEY }));
    const deleted = await replay('pass.json', ['SageMaker', 'CloudWatch']);
    expect(statuses(deleted)).toMatchObject({ R1: 'fail' });
    expect(findingsOf(deleted, 'R1')).toMatch(/no longer exists/);
  });
});
