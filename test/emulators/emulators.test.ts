import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { defineLab } from '../../lib/model';
import { defineChecks, fail, pass } from '../../lib/check/verdicts';
import { runLab } from '../../lib/check/runner';
import { CheckSession } from '../../lib/check/session';
import { emulatorClient, startKinesalite, startS3rver, useEmulatorEnvironment, type RunningEmulator } from '../../lib/emulators';

let kinesalite: RunningEmulator;
let s3rver: RunningEmulator;
let restore: () => void;

beforeAll(async () => {
  [kinesalite, s3rver] = await Promise.all([startKinesalite(), startS3rver()]);
  restore = useEmulatorEnvironment({ kinesis: kinesalite.endpoint, s3: s3rver.endpoint });
});
afterAll(async () => {
  restore();
  await Promise.all([kinesalite.stop(), s3rver.stop()]);
});

test('emulators listen on loopback only', () => {
  expect(kinesalite.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(s3rver.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

test('a check session reaches kinesalite and s3rver through AWS_ENDPOINT_URL_<SERVICE>', async () => {
  await emulatorClient(KinesisClient, kinesalite.endpoint).send(new CreateStreamCommand({ StreamName: 'wire', ShardCount: 1 }));
  const s3 = emulatorClient(S3Client, s3rver.endpoint);
  await s3.send(new CreateBucketCommand({ Bucket: 'wire-bucket' }));
  await s3.send(new PutObjectCommand({ Bucket: 'wire-bucket', Key: 'a/b.txt', Body: 'hello' }));

  const lab = defineLab({
    id: 'wire-test', title: 't', summary: 't',
    domains: { 'MLA-C01': ['MLA-C01/D1'], 'MLS-C01': ['MLS-C01/D1'] },
    environments: ['streaming'], estimatedMinutes: 1, estimatedCostUsd: 0,
    requirements: [
      { id: 'R1', title: 'stream active', hint: 'h', docs: 'https://docs.aws.amazon.com/streams/latest/dev/introduction.html', reads: ['Kinesis:DescribeStreamSummary'] },
      { id: 'R2', title: 'object', hint: 'h', docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html', reads: ['S3:ListObjectsV2'] },
    ],
  });
  const checks = defineChecks(lab, {
    R1: async (ctx) => {
      const out = await ctx.client(KinesisClient).send(new DescribeStreamSummaryCommand({ StreamName: 'wire' }));
      return out.StreamDescriptionSummary?.StreamStatus === 'ACTIVE' ? pass() : fail('not active');
    },
    R2: async (ctx) => {
      const out = await ctx.client(S3Client).send(new ListObjectsV2Command({ Bucket: 'wire-bucket', Prefix: 'a/' }));
      return out.KeyCount === 1 ? pass() : fail(`found ${out.KeyCount}`);
    },
  });
  const session = new CheckSession({ region: 'us-east-1', maxAttempts: 1 });
  const result = await runLab(session, lab, checks);
  session.destroy();
  expect(result.requirements.map((r) => [r.id, r.status, r.findings])).toEqual([['R1', 'pass', []], ['R2', 'pass', []]]);
});
