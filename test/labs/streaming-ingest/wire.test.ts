// Over the wire: the Kinesis and S3 parts of streaming-ingest against kinesalite and s3rver with the
// reference solution (or a flawed state) applied; the delivery stream and the stack outputs, which
// have no emulator, from the lab's cassettes.
import { CreateStreamCommand } from '@aws-sdk/client-kinesis';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { replayTransport } from '../../../lib/cassette';
import { exitCodeOf } from '../../../lib/check/runner';
import { CheckSession, requirementContext } from '../../../lib/check/session';
import type { ServiceName } from '../../../lib/model';
import { resourcesFrom, seedEmulators, type EmulatedVariant } from '../../../labs/streaming-ingest/emulated';
import { lab, STREAM_READS } from '../../../labs/streaming-ingest/lab';
import { clickEvents, produceClickEvents } from '../../../labs/streaming-ingest/solution';
import { readStream } from '../../../labs/streaming-ingest/stream-records';
import { useEmulators } from '../../support/emulators';
import { labCassette, replayLab } from '../../support/replay';

// A fresh pair per test: each test seeds its own stream and bucket under the cassette's names.
const emulators = useEmulators({ kinesis: true, s3: true, perTest: true });
/** Only CloudFormation and Firehose come from the cassette; Kinesis and S3 calls reach the emulators. */
const REPLAYED: readonly ServiceName[] = ['CloudFormation', 'Firehose'];
const names = () => resourcesFrom(labCassette(lab.id, 'pass.json'));

async function checkOnEmulators(cassetteFile: string, variant: EmulatedVariant) {
  const { kinesis, s3 } = emulators.endpoints();
  const seeded = await seedEmulators({ kinesis: kinesis!, s3: s3! }, resourcesFrom(labCassette(lab.id, cassetteFile)), variant);
  return { seeded, result: await replayLab(lab, cassetteFile, { services: REPLAYED }) };
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
  expect(seeded.objectKey).toMatch(/^stream\/2026\/03\/04\/MlLab-streaming-ingest-delivery-1-2026-03-04-09-42-00-[0-9a-f-]{36}$/);
  const byId = Object.fromEntries(result.requirements.map((r) => [r.id, r]));
  expect(Object.values(byId).map((r) => r.status)).toEqual(['fail', 'fail', 'fail', 'fail', 'fail', 'fail', 'fail']);
  expect(byId.R5!.findings.join(' ')).toMatch(/1 distinct partition key\(s\) \(s-000\)/);
  expect(byId.R6!.findings[0]).toMatch(/^0 of 120 record\(s\)/);
  expect(byId.R7!.findings[0]).toContain(seeded.objectKey);
  expect(exitCodeOf(result)).toBe(1);
});

test('an empty stream and bucket on the wire fail R5 and R7 with what is missing', async () => {
  await emulators.kinesis().send(new CreateStreamCommand({ StreamName: names().streamName, ShardCount: 2 }));
  await emulators.s3().send(new CreateBucketCommand({ Bucket: names().deliveryBucketName }));
  const result = await replayLab(lab, 'pass.json', { services: REPLAYED, only: ['R5', 'R7'] });
  const byId = Object.fromEntries(result.requirements.map((r) => [r.id, r]));
  expect(byId.R5!.findings[0]).toMatch(/holds 0 record\(s\) across 2 shard\(s\)/);
  expect(byId.R7!.findings[0]).toMatch(/bucket is empty/);
});

test('records are read across every shard and past full pages', async () => {
  const { streamName } = names();
  await emulators.kinesis().send(new CreateStreamCommand({ StreamName: streamName, ShardCount: 3 }));
  // 2,500 events: at least one shard holds more than one GetRecords page of 1,000.
  await produceClickEvents(emulators.kinesis(), streamName, clickEvents(2_500, 2, new Date('2026-03-04T09:41:00Z')));
  const result = await replayLab(lab, 'pass.json', { services: REPLAYED, only: ['R5'] });
  expect(result.requirements[0]!.status).toBe('fail');
  expect(result.requirements[0]!.findings[0]).toMatch(/^The records use 2 distinct partition key\(s\)/);
  // Two keys hash to at most two of the three shards; every record is counted once.
  const reader = new CheckSession({ region: 'us-east-1', maxAttempts: 1, transport: replayTransport(labCassette(lab.id, 'pass.json'), { services: REPLAYED }) });
  const sample = await readStream(requirementContext(reader, lab, STREAM_READS, new AbortController().signal), streamName);
  reader.destroy();
  expect(sample.shardCount).toBe(3);
  expect(sample.records).toHaveLength(2_500);
  expect(new Set(sample.records.map((r) => Buffer.from(r.data).toString('utf8'))).size).toBe(2_500);
  expect(sample.truncated).toBe(false);
});
