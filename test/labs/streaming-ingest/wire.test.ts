// Over the wire: the Kinesis and S3 parts of streaming-ingest against kinesalite and s3rver with the
// reference solution (or a flawed state) applied; the delivery stream and the stack outputs, which
// have no emulator, from the lab's cassettes.
import { join } from 'node:path';
import { loadCassette, replayTransport } from '../../../lib/cassette';
import { exitCodeOf, runLab } from '../../../lib/check/runner';
import { CheckSession, requirementContext } from '../../../lib/check/session';
import { startKinesalite, startS3rver, useEmulatorEnvironment, type RunningEmulator } from '../../../lib/emulators';
import { resourcesFrom, seedEmulators, type EmulatedVariant } from '../../../labs/streaming-ingest/emulated';
import { lab } from '../../../labs/streaming-ingest/lab';
import { clickEvents, produceClickEvents } from '../../../labs/streaming-ingest/solution';
import { readStream, STREAM_READS } from '../../../labs/streaming-ingest/stream-records';

let kinesalite: RunningEmulator;
let s3rver: RunningEmulator;
let restore: () => void;

beforeEach(async () => {
  [kinesalite, s3rver] = await Promise.all([startKinesalite(), startS3rver()]);
  restore = useEmulatorEnvironment({ kinesis: kinesalite.endpoint, s3: s3rver.endpoint });
});
afterEach(async () => {
  restore();
  await Promise.all([kinesalite.stop(), s3rver.stop()]);
});

async function checkOnEmulators(cassetteFile: string, variant: EmulatedVariant) {
  const cassette = loadCassette(join(__dirname, '../../../labs/streaming-ingest/cassettes', cassetteFile));
  const seeded = await seedEmulators({ kinesis: kinesalite.endpoint, s3: s3rver.endpoint }, resourcesFrom(cassette), variant);
  // Only CloudFormation and Firehose come from the cassette; Kinesis and S3 calls reach the emulators.
  const session = new CheckSession({ region: 'us-east-1', maxAttempts: 1, transport: replayTransport(cassette, { services: ['CloudFormation', 'Firehose'] }) });
  try {
    return { seeded, result: await runLab(session, lab) };
  } finally {
    session.destroy();
  }
}

test('the reference solution on kinesalite and s3rver passes every requirement', async () => {
  const { seeded, result } = await checkOnEmulators('pass.json', 'reference');
  expect(seeded.objectKey).toMatch(/^clickstream\/year=2026\/month=03\/day=04\/hour=09\/MlLab-streaming-ingest-delivery-1-2026-03-04-09-42-00-[0-9a-f-]{36}\.gz$/);
  expect(result.requirements.filter((r) => r.status !== 'pass').map((r) => `${r.id}: ${r.findings.join(' ')}`)).toEqual([]);
  expect(result.requirements.find((r) => r.id === 'R5')!.findings[0]).toBe('120 records over 8 partition keys in 1 shard(s).');
  expect(exitCodeOf(result)).toBe(0);
});

test('a careless producer and the stack\'s delivery settings fail on the wire as in the cassette', async () => {
  const { seeded, result } = await checkOnEmulators('fail-stack-defaults.json', 'flawed');
  expect(seeded.objectKey).toMatch(/^stream\/2026\/03\/04\/MlLab-streaming-ingest-delivery-1-.*\.gz$/);
  const byId = Object.fromEntries(result.requirements.map((r) => [r.id, r]));
  expect(Object.values(byId).map((r) => r.status)).toEqual(['fail', 'fail', 'pass', 'fail', 'fail', 'fail', 'fail']);
  expect(byId.R5!.findings.join(' ')).toMatch(/1 distinct partition key\(s\) \(s-000\)/);
  expect(byId.R6!.findings[0]).toMatch(/^0 of 120 record\(s\)/);
  expect(byId.R7!.findings[0]).toContain(seeded.objectKey);
  expect(exitCodeOf(result)).toBe(1);
});

test('an empty stream and bucket on the wire fail R5 and R7 with what is missing', async () => {
  const cassette = loadCassette(join(__dirname, '../../../labs/streaming-ingest/cassettes', 'pass.json'));
  const { CreateStreamCommand, KinesisClient } = await import('@aws-sdk/client-kinesis');
  const { CreateBucketCommand, S3Client } = await import('@aws-sdk/client-s3');
  const { NodeHttpHandler } = await import('@smithy/node-http-handler');
  const names = resourcesFrom(cassette);
  const common = { region: 'us-east-1', requestHandler: new NodeHttpHandler() };
  const kinesis = new KinesisClient({ ...common, endpoint: kinesalite.endpoint });
  const s3 = new S3Client({ ...common, endpoint: s3rver.endpoint, forcePathStyle: true });
  await kinesis.send(new CreateStreamCommand({ StreamName: names.streamName, ShardCount: 2 }));
  await s3.send(new CreateBucketCommand({ Bucket: names.deliveryBucketName }));
  kinesis.destroy();
  s3.destroy();
  const session = new CheckSession({ region: 'us-east-1', maxAttempts: 1, transport: replayTransport(cassette, { services: ['CloudFormation', 'Firehose'] }) });
  const result = await runLab(session, lab, { only: ['R5', 'R7'] });
  session.destroy();
  const byId = Object.fromEntries(result.requirements.map((r) => [r.id, r]));
  expect(byId.R5!.findings[0]).toMatch(/holds 0 record\(s\) across 2 shard\(s\)/);
  expect(byId.R7!.findings[0]).toMatch(/bucket is empty/);
});

test('records are read across every shard and past full pages', async () => {
  const cassette = loadCassette(join(__dirname, '../../../labs/streaming-ingest/cassettes', 'pass.json'));
  const { CreateStreamCommand, KinesisClient } = await import('@aws-sdk/client-kinesis');
  const { NodeHttpHandler } = await import('@smithy/node-http-handler');
  const names = resourcesFrom(cassette);
  const kinesis = new KinesisClient({ region: 'us-east-1', endpoint: kinesalite.endpoint, requestHandler: new NodeHttpHandler() });
  await kinesis.send(new CreateStreamCommand({ StreamName: names.streamName, ShardCount: 3 }));
  // 2,500 events: at least one shard holds more than one GetRecords page of 1,000.
  await produceClickEvents(kinesis, names.streamName, clickEvents(2_500, 2, new Date('2026-03-04T09:41:00Z')));
  kinesis.destroy();
  const session = new CheckSession({ region: 'us-east-1', maxAttempts: 1, transport: replayTransport(cassette, { services: ['CloudFormation', 'Firehose'] }) });
  const result = await runLab(session, lab, { only: ['R5'] });
  session.destroy();
  expect(result.requirements[0]!.status).toBe('fail');
  expect(result.requirements[0]!.findings[0]).toMatch(/^The records use 2 distinct partition key\(s\)/);
  // Two keys hash to at most two of the three shards; every record is counted once.
  const reader = new CheckSession({ region: 'us-east-1', maxAttempts: 1, transport: replayTransport(cassette, { services: ['CloudFormation', 'Firehose'] }) });
  const sample = await readStream(requirementContext(reader, lab, STREAM_READS, new AbortController().signal), names.streamName);
  reader.destroy();
  expect(sample.shardCount).toBe(3);
  expect(sample.records).toHaveLength(2_500);
  expect(new Set(sample.records.map((r) => Buffer.from(r.data).toString('utf8'))).size).toBe(2_500);
  expect(sample.truncated).toBe(false);
});
