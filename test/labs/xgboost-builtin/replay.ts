// Cassette replay and an s3rver bucket for the SageMaker labs' tests (xgboost-builtin, serverless-endpoint).
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { loadCassette, replayTransport } from '../../../lib/cassette';
import { runLab, type CheckRunResult } from '../../../lib/check/runner';
import { CheckSession } from '../../../lib/check/session';
import type { LabDefinition, ServiceName } from '../../../lib/check/types';
import { EMULATOR_CREDENTIALS, startS3rver, useEmulatorEnvironment, type RunningEmulator } from '../../../lib/emulators';

const LABS_DIR = join(__dirname, '..', '..', '..', 'labs');

/**
 * Runs the whole lab against `labs/<id>/cassettes/<file>`. With `services`, only those come from
 * the cassette and the rest go over the wire (to the emulators the environment points at).
 */
export async function replayLab(lab: LabDefinition, file: string, services?: readonly ServiceName[]): Promise<CheckRunResult> {
  const cassette = loadCassette(join(LABS_DIR, lab.id, 'cassettes', file));
  const session = new CheckSession({ region: cassette.region, maxAttempts: 1, transport: replayTransport(cassette, { services, source: file }) });
  try {
    return await runLab(session, lab);
  } finally {
    session.destroy();
  }
}

export const statusesOf = (result: CheckRunResult): Record<string, string> => Object.fromEntries(result.requirements.map((r) => [r.id, r.status]));
export const findingsOf = (result: CheckRunResult, id: string): string => result.requirements.find((r) => r.id === id)!.findings.join(' ');

/**
 * Starts s3rver for the calling describe block, points the SDK's S3 endpoint at it and creates
 * `bucket`; returns a getter for a client of it (valid inside the tests).
 */
export function useS3rverBucket(bucket: string): () => S3Client {
  let s3rver: RunningEmulator;
  let restore: () => void;
  let s3: S3Client;
  beforeAll(async () => {
    s3rver = await startS3rver();
    restore = useEmulatorEnvironment({ s3: s3rver.endpoint });
    s3 = new S3Client({ region: 'us-east-1', endpoint: s3rver.endpoint, forcePathStyle: true, credentials: EMULATOR_CREDENTIALS, requestHandler: new NodeHttpHandler() });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  afterAll(async () => {
    s3.destroy();
    restore();
    await s3rver.stop();
  });
  return () => s3;
}
