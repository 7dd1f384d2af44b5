// A class of three simulated learners over the wire: each learner's Kinesis stream and S3 bucket
// live in kinesalite and s3rver on 127.0.0.1 (each learner's "account" is their own stream and
// bucket), the lab stack's outputs come from a per-learner cassette (no emulator serves
// CloudFormation), and the class check runs the real runner and SDK clients against them.
import { CreateStreamCommand, DescribeStreamSummaryCommand, IncreaseStreamRetentionPeriodCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { parseCassette, replayTransport } from '../../lib/cassette';
import { classCheck, type ClassCheckDeps } from '../../lib/class/check';
import { checkLearner } from '../../lib/class/lambda';
import type { Learner } from '../../lib/class/roster';
import { CheckSession, liveTransport } from '../../lib/check/session';
import { defineChecks, fail, pass, verdictFrom } from '../../lib/check/verdicts';
import { emulatorClient, EMULATOR_CREDENTIALS, startKinesalite, startS3rver, useEmulatorEnvironment, type RunningEmulator } from '../../lib/emulators';
import { labStackName } from '../../lib/model';
import { tinyLab } from '../support/tiny-lab';

const lab = tinyLab('class-wire', [
    { id: 'R1', title: 'The stream keeps records 48 hours.', hint: 'h', docs: 'https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html', reads: ['Kinesis:DescribeStreamSummary'] },
    { id: 'R2', title: 'Objects are under data/.', hint: 'h', docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-prefixes.html', reads: ['S3:ListObjectsV2'] },
  ]);
const checks = defineChecks(lab, {
  R1: async (ctx) => {
    const out = await ctx.client(KinesisClient).send(new DescribeStreamSummaryCommand({ StreamName: await ctx.stackOutput('StreamName') }), { abortSignal: ctx.signal });
    const hours = out.StreamDescriptionSummary!.RetentionPeriodHours!;
    return hours >= 48 ? pass(`keeps ${hours} h`) : fail(`keeps ${hours} h`);
  },
  R2: async (ctx) => {
    const out = await ctx.client(S3Client).send(new ListObjectsV2Command({ Bucket: await ctx.stackOutput('DeliveryBucketName'), Prefix: 'data/' }), { abortSignal: ctx.signal });
    return verdictFrom((out.KeyCount ?? 0) > 0 ? [] : ['nothing under data/']);
  },
});

const learners: Learner[] = [
  { name: 'Ada', account: '111111111111', region: 'us-east-1' },
  { name: 'Bob', account: '222222222222', region: 'us-east-1' },
  { name: 'Cy', account: '333333333333', region: 'us-east-1' },
];
/** Per learner: the stream's retention and whether data/ holds an object. */
const STATE: Record<string, { hours: number; data: boolean }> = { '111111111111': { hours: 48, data: true }, '222222222222': { hours: 24, data: true }, '333333333333': { hours: 72, data: false } };

let kinesalite: RunningEmulator;
let s3rver: RunningEmulator;
let restore: () => void;

beforeAll(async () => {
  [kinesalite, s3rver] = await Promise.all([startKinesalite(), startS3rver()]);
  restore = useEmulatorEnvironment({ kinesis: kinesalite.endpoint, s3: s3rver.endpoint });
  const kinesis = emulatorClient(KinesisClient, kinesalite.endpoint);
  const s3 = emulatorClient(S3Client, s3rver.endpoint);
  for (const l of learners) {
    const { hours, data } = STATE[l.account]!;
    await kinesis.send(new CreateStreamCommand({ StreamName: `clicks-${l.account}`, ShardCount: 1 }));
    if (hours > 24) await kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: `clicks-${l.account}`, RetentionPeriodHours: hours }));
    await s3.send(new CreateBucketCommand({ Bucket: `lake-${l.account}` }));
    if (data) await s3.send(new PutObjectCommand({ Bucket: `lake-${l.account}`, Key: 'data/part-0', Body: 'x' }));
  }
  kinesis.destroy();
  s3.destroy();
});
afterAll(async () => {
  restore();
  await Promise.all([kinesalite.stop(), s3rver.stop()]);
});

/** The learner's lab stack outputs, as their account's CloudFormation would answer. */
function stackOf(l: Learner) {
  return parseCassette(
    {
      formatVersion: 1,
      region: l.region,
      calls: [
        {
          service: 'CloudFormation',
          operation: 'DescribeStacks',
          input: { StackName: labStackName(lab.id) },
          output: { Stacks: [{ StackName: labStackName(lab.id), StackStatus: 'CREATE_COMPLETE', CreationTime: '2026-12-01T00:00:00Z', Outputs: [{ OutputKey: 'StreamName', OutputValue: `clicks-${l.account}` }, { OutputKey: 'DeliveryBucketName', OutputValue: `lake-${l.account}` }] }] },
        },
      ],
    },
    l.name,
  );
}

test('three learners, checked at once over HTTP: each verdict is that learner\'s own', async () => {
  const assumed: string[] = [];
  const result = await classCheck(
    lab,
    checks,
    learners,
    {
      // No STS emulator: the role's credentials are the emulators' own.
      assumeRole: async (_l, roleArn) => {
        assumed.push(roleArn);
        return EMULATOR_CREDENTIALS;
      },
      session: (l, credentials) => new CheckSession({ region: l.region, credentials, transport: replayTransport(stackOf(l), { services: ['CloudFormation'], fallback: liveTransport }) }),
    },
    { concurrency: 3 },
  );
  expect(assumed).toEqual(learners.map((l) => `arn:aws:iam::${l.account}:role/mllab-checker-class-wire`));
  expect(result.learners.map((l) => [l.learner.name, l.status, ...l.result!.requirements.map((r) => `${r.id} ${r.status}`)])).toEqual([
    ['Ada', 'checked', 'R1 pass', 'R2 pass'],
    ['Bob', 'checked', 'R1 fail', 'R2 pass'],
    ['Cy', 'checked', 'R1 pass', 'R2 fail'],
  ]);
  expect(result.learners[1]!.result!.requirements[0]!.findings).toEqual(['keeps 24 h']);
  expect(result.summary).toEqual({ learners: 3, allPassed: 1, someFailed: 2, errors: 0 });
});

test('the Step Functions child (checkLearner) gives the same rows over the wire, one learner per invocation', async () => {
  const deps: ClassCheckDeps = {
    assumeRole: async () => EMULATOR_CREDENTIALS,
    session: (l, credentials) => new CheckSession({ region: l.region, credentials, transport: replayTransport(stackOf(l), { services: ['CloudFormation'], fallback: liveTransport }) }),
  };
  const rows = await Promise.all(
    learners.map((l) => checkLearner({ lab: lab.id, learner: { name: l.name, account: l.account, region: l.region } }, { ...deps, manifest: () => lab, checks: async () => checks })),
  );
  expect(rows.map((r) => [r.name, r.status, r.requirements])).toEqual([
    ['Ada', 'checked', { R1: 'pass', R2: 'pass' }],
    ['Bob', 'checked', { R1: 'fail', R2: 'pass' }],
    ['Cy', 'checked', { R1: 'pass', R2: 'fail' }],
  ]);
});
