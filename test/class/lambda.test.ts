// The MlLab-class functions' logic with aws-sdk-client-mock: one child checks one learner through the
// real STS call shape; throttling is thrown for the state machine's Retry, a missing role is the
// learner's error row; the last step builds the scoreboard from the ResultWriter's files.
import { DescribeStreamSummaryCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { stsAssumeRole } from '../../lib/class/check';
import { buildScoreboard, checkLearner, type CheckLearnerDeps } from '../../lib/class/lambda';
import { defineChecks, fail, pass } from '../../lib/check/verdicts';
import { labStackName } from '../../lib/model';
import { awsError, CloudFormationClient } from '../support/check-harness';
import { tinyLab } from '../support/tiny-lab';

const lab = tinyLab('class-lab', [{ id: 'R1', title: 'Keeps 48 hours.', hint: 'h', docs: 'https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html', reads: ['Kinesis:DescribeStreamSummary'] }]);
const checks = defineChecks(lab, {
  R1: async (ctx) => {
    const out = await ctx.client(KinesisClient).send(new DescribeStreamSummaryCommand({ StreamName: await ctx.stackOutput('StreamName') }));
    return (out.StreamDescriptionSummary?.RetentionPeriodHours ?? 24) >= 48 ? pass() : fail('keeps 24 h, not 48');
  },
});

const sts = mockClient(STSClient);
const kinesis = mockClient(KinesisClient);
const cfn = mockClient(CloudFormationClient);
const SECRET = 'class-ext-42';

function deps(): CheckLearnerDeps & { destroy(): void } {
  const assume = stsAssumeRole(lab.id, { externalId: SECRET, maxAttempts: 1 });
  return { manifest: (id) => (id === lab.id ? lab : undefined), checks: async (id) => (id === lab.id ? checks : undefined), assumeRole: assume.assumeRole, destroy: assume.destroy };
}

beforeEach(() => {
  sts.reset();
  kinesis.reset();
  cfn.reset();
  sts.on(AssumeRoleCommand).resolves({ Credentials: { AccessKeyId: 'ASIA1', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date() } });
  cfn.on(DescribeStacksCommand, { StackName: labStackName(lab.id) }).resolves({ Stacks: [{ StackName: labStackName(lab.id), StackStatus: 'CREATE_COMPLETE', CreationTime: new Date(), Outputs: [{ OutputKey: 'StreamName', OutputValue: 'clicks' }] }] });
  kinesis.on(DescribeStreamSummaryCommand).resolves({ StreamDescriptionSummary: { RetentionPeriodHours: 24 } as never });
});

const row = { name: 'Bob', account: '222222222222', region: 'us-east-1', role: '' };

test('a child checks its learner and returns the scoreboard row, a fail with its finding', async () => {
  const d = deps();
  const result = await checkLearner({ lab: 'class-lab', learner: row }, d);
  d.destroy();
  expect(result).toMatchObject({ name: 'Bob', account: '222222222222', status: 'checked', passed: 0, total: 1, requirements: { R1: 'fail' }, findings: { R1: ['keeps 24 h, not 48'] } });
  expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, { RoleArn: 'arn:aws:iam::222222222222:role/mllab-checker-class-lab', ExternalId: SECRET });
  expect(JSON.stringify(result)).not.toContain(SECRET);
});

test('a missing role is the learner\'s error row; throttling is thrown as mllab.Throttled for the Retry', async () => {
  sts.on(AssumeRoleCommand).rejectsOnce(awsError('AccessDenied', 'not authorized to perform: sts:AssumeRole', 403)).rejects(awsError('Throttling', 'Rate exceeded', 400));
  const d = deps();
  await expect(checkLearner({ lab: 'class-lab', learner: row }, d)).resolves.toMatchObject({ status: 'error', error: expect.stringContaining('cannot assume arn:aws:iam::222222222222:role/mllab-checker-class-lab') });
  await expect(checkLearner({ lab: 'class-lab', learner: row }, d)).rejects.toMatchObject({ name: 'mllab.Throttled' });
  d.destroy();
});

test('throttling inside the checks is thrown too, so the whole learner is retried', async () => {
  kinesis.on(DescribeStreamSummaryCommand).rejects(awsError('LimitExceededException', 'Rate exceeded for stream', 400));
  const d = deps();
  await expect(checkLearner({ lab: 'class-lab', learner: row }, d)).rejects.toMatchObject({ name: 'mllab.Throttled' });
  d.destroy();
});

test('an unknown lab fails the child', async () => {
  const d = deps();
  await expect(checkLearner({ lab: 'nope', learner: row }, d)).rejects.toThrow("unknown lab 'nope'");
  d.destroy();
});

test('the scoreboard joins the succeeded children\'s rows and names the failed ones from their input, sorted by name', async () => {
  const files: Record<string, unknown> = {
    'results/run/manifest.json': {
      DestinationBucket: 'class-bucket',
      MapRunArn: 'arn:aws:states:us-east-1:444455556666:mapRun:CheckClass/EachLearner:1',
      ResultFiles: { FAILED: [{ Key: 'results/run/FAILED_0.json', Size: 100 }], PENDING: [], SUCCEEDED: [{ Key: 'results/run/SUCCEEDED_0.json', Size: 100 }] },
    },
    'results/run/SUCCEEDED_0.json': [
      { Status: 'SUCCEEDED', Input: JSON.stringify({ lab: 'class-lab', learner: row }), Output: JSON.stringify({ name: 'Bob', account: '222222222222', region: 'us-east-1', status: 'checked', passed: 0, total: 1, requirements: { R1: 'fail' }, durationMs: 800 }) },
      { Status: 'SUCCEEDED', Input: '{}', Output: JSON.stringify({ name: 'Ada', account: '111111111111', region: 'us-east-1', status: 'checked', passed: 1, total: 1, requirements: { R1: 'pass' }, durationMs: 700 }) },
    ],
    'results/run/FAILED_0.json': [{ Status: 'FAILED', Error: 'mllab.Throttled', Cause: 'throttled while checking 333333333333', Input: JSON.stringify({ lab: 'class-lab', learner: { name: 'Cy', account: '333333333333', region: 'eu-west-1' } }) }],
  };
  const board = await buildScoreboard(
    { lab: 'class-lab', startedAt: '2026-12-01T10:00:00.000Z', resultWriterDetails: { Bucket: 'class-bucket', Key: 'results/run/manifest.json' } },
    { manifest: () => lab, now: () => Date.parse('2026-12-01T10:00:30.000Z'), getJson: async (bucket, key) => (bucket === 'class-bucket' ? files[key] : undefined) },
  );
  expect(board.learners.map((l) => [l.name, l.status, l.passed])).toEqual([['Ada', 'checked', 1], ['Bob', 'checked', 0], ['Cy', 'error', 0]]);
  expect(board.learners[2]!.error).toBe('the check did not finish: mllab.Throttled (throttled while checking 333333333333)');
  expect(board).toMatchObject({ schemaVersion: 1, lab: 'class-lab', durationMs: 30_000, summary: { learners: 3, allPassed: 1, someFailed: 1, errors: 1 } });
});
