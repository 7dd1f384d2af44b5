// Over the wire: retention (R1) against kinesalite, before and after the reference solution's change.
// kinesalite has no consumer or capacity-mode API, so R2 and R3 are proven by mocks and cassettes.
import { CreateStreamCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { join } from 'node:path';
import { loadCassette, replayTransport } from '../../../lib/cassette';
import { runLab } from '../../../lib/check/runner';
import { CheckSession } from '../../../lib/check/session';
import { startKinesalite, useEmulatorEnvironment, type RunningEmulator } from '../../../lib/emulators';
import { lab } from '../../../labs/streams-vs-firehose/lab';
import { extendRetention } from '../../../labs/streams-vs-firehose/solution';
import { OUTPUTS } from './fixtures';

let kinesalite: RunningEmulator;
let restore: () => void;
let kinesis: KinesisClient;

beforeAll(async () => {
  kinesalite = await startKinesalite();
  restore = useEmulatorEnvironment({ kinesis: kinesalite.endpoint });
  kinesis = new KinesisClient({ region: 'us-east-1', endpoint: kinesalite.endpoint, requestHandler: new NodeHttpHandler() });
  await kinesis.send(new CreateStreamCommand({ StreamName: OUTPUTS.StreamName, ShardCount: 1 }));
});
afterAll(async () => {
  kinesis.destroy();
  restore();
  await kinesalite.stop();
});

async function checkRetention() {
  // Stack outputs from the cassette; every Kinesis call goes to kinesalite.
  const cassette = loadCassette(join(__dirname, '../../../labs/streams-vs-firehose/cassettes/pass.json'));
  const session = new CheckSession({ region: 'us-east-1', maxAttempts: 1, transport: replayTransport(cassette, { services: ['CloudFormation'] }) });
  try {
    return (await runLab(session, lab, { only: ['R1'] })).requirements[0]!;
  } finally {
    session.destroy();
  }
}

test('a new stream keeps 24 hours and fails; after the reference change it keeps 48 and passes', async () => {
  const before = await checkRetention();
  expect(before.status).toBe('fail');
  expect(before.findings[0]).toMatch(/keeps records for 24 hours/);
  await extendRetention(kinesis, OUTPUTS.StreamName);
  const after = await checkRetention();
  expect(after.status).toBe('pass');
  expect(after.findings[0]).toMatch(/48 hours/);
});
