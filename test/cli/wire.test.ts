// Wire level: `mllab check` against kinesalite and s3rver on 127.0.0.1, reached through
// AWS_ENDPOINT_URL_<SERVICE>, with the services no emulator has (CloudFormation, Firehose) replayed
// from a cassette: exactly how the offline demo runs. Then the same run recorded and replayed offline.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateStreamCommand, DescribeStreamSummaryCommand, IncreaseStreamRetentionPeriodCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { DescribeDeliveryStreamCommand, FirehoseClient } from '@aws-sdk/client-firehose';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { defineLab } from '../../lib/model';
import { defineChecks, fail, pass, verdictFrom } from '../../lib/check/verdicts';
import { labStackName } from '../../lib/model';
import { emulatorClient, startKinesalite, startS3rver, useEmulatorEnvironment, type RunningEmulator } from '../../lib/emulators';
import { runCli } from '../support/cli-harness';

const wireLab = defineLab({
  id: 'wire-lab',
  title: 'Wire: stream, delivery stream, objects',
  summary: 's',
  domains: { 'MLA-C01': ['MLA-C01/D1'], 'MLS-C01': ['MLS-C01/D1'] },
  environments: ['streaming'],
  estimatedMinutes: 5,
  estimatedCostUsd: 0,
  requirements: [
    {
      id: 'R1', title: 'The stream keeps records 48 hours.', hint: 'h', docs: 'https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html',
      reads: ['Kinesis:DescribeStreamSummary'],
    },
    {
      id: 'R2', title: 'Firehose buffers at most 60 s.', hint: 'h', docs: 'https://docs.aws.amazon.com/firehose/latest/dev/buffering-hints.html',
      reads: ['Firehose:DescribeDeliveryStream'],
    },
    {
      id: 'R3', title: 'Delivered objects are under data/.', hint: 'h', docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-prefixes.html',
      reads: ['S3:ListObjectsV2'],
      dependsOn: ['R2'],
    },
  ],
});

const wireLabChecks = defineChecks(wireLab, {
  R1: async (ctx) => {
    const out = await ctx.client(KinesisClient).send(new DescribeStreamSummaryCommand({ StreamName: await ctx.stackOutput('StreamName') }));
    const s = out.StreamDescriptionSummary!;
    // StreamCreationTimestamp must be a Date, from the wire or revived from the cassette
    return s.RetentionPeriodHours! >= 48 && s.StreamCreationTimestamp instanceof Date ? pass() : fail(`retention ${s.RetentionPeriodHours} h`);
  },
  R2: async (ctx) => {
    const out = await ctx.client(FirehoseClient).send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: await ctx.stackOutput('DeliveryStreamName') }));
    const seconds = out.DeliveryStreamDescription?.Destinations?.[0]?.ExtendedS3DestinationDescription?.BufferingHints?.IntervalInSeconds ?? 300;
    return verdictFrom(seconds <= 60 ? [] : [`buffers ${seconds} s`]);
  },
  R3: async (ctx) => {
    const out = await ctx.client(S3Client).send(new ListObjectsV2Command({ Bucket: await ctx.stackOutput('DeliveryBucketName'), Prefix: 'data/' }));
    return (out.KeyCount ?? 0) > 0 ? pass(`${out.KeyCount} object(s) under data/`) : fail('nothing under data/');
  },
});

const cassette = {
  formatVersion: 1,
  region: 'us-east-1',
  calls: [
    { service: 'CloudFormation', operation: 'DescribeStacks', input: { StackName: labStackName('wire-lab') }, output: { Stacks: [{ StackName: labStackName('wire-lab'), StackStatus: 'CREATE_COMPLETE', CreationTime: '2026-01-01T00:00:00Z', Outputs: [{ OutputKey: 'StreamName', OutputValue: 'clicks' }, { OutputKey: 'DeliveryStreamName', OutputValue: 'to-lake' }, { OutputKey: 'DeliveryBucketName', OutputValue: 'lake' }] }] } },
    { service: 'Firehose', operation: 'DescribeDeliveryStream', input: { DeliveryStreamName: 'to-lake' }, output: { DeliveryStreamDescription: { DeliveryStreamName: 'to-lake', Destinations: [{ DestinationId: 'd-1', ExtendedS3DestinationDescription: { BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 64 } } }] } } },
  ],
};

let kinesalite: RunningEmulator;
let s3rver: RunningEmulator;
let restore: () => void;
let dir: string;

beforeAll(async () => {
  [kinesalite, s3rver] = await Promise.all([startKinesalite(), startS3rver()]);
  restore = useEmulatorEnvironment({ kinesis: kinesalite.endpoint, s3: s3rver.endpoint });
  const kinesis = emulatorClient(KinesisClient, kinesalite.endpoint);
  await kinesis.send(new CreateStreamCommand({ StreamName: 'clicks', ShardCount: 1 }));
  await kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'clicks', RetentionPeriodHours: 48 }));
  const s3 = emulatorClient(S3Client, s3rver.endpoint);
  await s3.send(new CreateBucketCommand({ Bucket: 'lake' }));
  await s3.send(new PutObjectCommand({ Bucket: 'lake', Key: 'data/2026/01/01/part-0.gz', Body: 'x' }));
  kinesis.destroy();
  s3.destroy();
  dir = mkdtempSync(join(tmpdir(), 'mllab-wire-'));
  writeFileSync(join(dir, 'control-plane.json'), JSON.stringify(cassette));
});
afterAll(async () => {
  restore();
  rmSync(dir, { recursive: true, force: true });
  await Promise.all([kinesalite.stop(), s3rver.stop()]);
});

test('--replay-services CloudFormation,Firehose: Kinesis and S3 go to the emulators', async () => {
  const env = { ...process.env, MLLAB_HOME: join(dir, 'home') };
  const recorded = join(dir, 'recorded.json');
  const run = await runCli(['check', 'wire-lab', '--json', '--replay', join(dir, 'control-plane.json'), '--replay-services', 'CloudFormation,Firehose', '--record', recorded], { env, labs: [{ lab: wireLab, checks: wireLabChecks }] });
  // kinesalite's stream ARNs carry an account id: the recording says it replaced it.
  expect(run.stderr).toMatch(/^(Recorded \S+ with account id replaced by 111122223333\.\n)?$/);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout).requirements.map((r: any) => [r.id, r.status, r.findings])).toEqual([
    ['R1', 'pass', []],
    ['R2', 'pass', []],
    ['R3', 'pass', ['1 object(s) under data/']],
  ]);

  // The recording holds the emulators' answers too: replayed with the emulators stopped, same verdicts.
  await Promise.all([kinesalite.stop(), s3rver.stop()]);
  const offline = await runCli(['check', 'wire-lab', '--json', '--replay', recorded], { env, labs: [{ lab: wireLab, checks: wireLabChecks }] });
  expect(offline.code).toBe(0);
  expect(JSON.parse(offline.stdout).requirements).toEqual(JSON.parse(run.stdout).requirements);
  // restart for afterAll's stop and for other tests
  [kinesalite, s3rver] = await Promise.all([startKinesalite(), startS3rver()]);
});
