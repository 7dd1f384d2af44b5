// `mllab class check`: every learner through the checker role in their own account, with the same
// runner as `mllab check`; one learner's trouble is that learner's error, never the class's; the
// external id goes to STS and nowhere else.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeStreamSummaryCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { checkerRoleArn, classCheck, stsAssumeRole } from '../../lib/class/check';
import { renderCsv, toScoreboard } from '../../lib/class/scoreboard';
import { defineChecks, fail, pass } from '../../lib/check/verdicts';
import { labStackName } from '../../lib/model';
import { awsError, CloudFormationClient } from '../support/check-harness';
import { runCli } from '../support/cli-harness';
import { tinyLab } from '../support/tiny-lab';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';

const lab = tinyLab('class-lab', [
    { id: 'R1', title: 'The stream keeps records 48 hours.', hint: 'h', docs: 'https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html', reads: ['Kinesis:DescribeStreamSummary'] },
  ]);
const checks = defineChecks(lab, {
  R1: async (ctx) => {
    const out = await ctx.client(KinesisClient).send(new DescribeStreamSummaryCommand({ StreamName: await ctx.stackOutput('StreamName') }));
    const hours = out.StreamDescriptionSummary?.RetentionPeriodHours ?? 24;
    return hours >= 48 ? pass(`keeps ${hours} h`) : fail(`keeps ${hours} h, not 48`);
  },
});

const SECRET = 'class-2026-12-Zq8r1x';
const sts = mockClient(STSClient);
const kinesis = mockClient(KinesisClient);
const cfn = mockClient(CloudFormationClient);

/** Learner accounts: what each one's checks will see. */
const RETENTION: Record<string, number> = { '111111111111': 48, '222222222222': 24, '555555555555': 72 };
const roster = [
  { name: 'Ada', account: '111111111111', region: 'us-east-1' },
  { name: 'Bob', account: '222222222222', region: 'us-east-1' },
  { name: 'Cy (no role)', account: '333333333333', region: 'eu-west-1' },
  { name: 'Di (throttled)', account: '444444444444', region: 'us-east-1' },
  { name: 'Ed', account: '555555555555', region: 'eu-west-1', role: 'team-checker' },
];

/** The account whose credentials signed a request (the access key id names it, see the STS mock). */
async function accountOf(getClient: () => any): Promise<string> {
  const credentials = await getClient().config.credentials();
  return credentials.accessKeyId.replace('ASIA', '');
}

beforeEach(() => {
  sts.reset();
  kinesis.reset();
  cfn.reset();
  sts.on(AssumeRoleCommand).callsFake((input) => {
    const account = /iam::(\d{12}):/.exec(input.RoleArn)![1]!;
    if (account === '333333333333') throw awsError('AccessDenied', `User is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`, 403);
    if (account === '444444444444') throw awsError('Throttling', 'Rate exceeded', 400);
    return { Credentials: { AccessKeyId: `ASIA${account}`, SecretAccessKey: 'secret', SessionToken: 'token', Expiration: new Date('2026-12-01T12:00:00Z') } };
  });
  cfn.on(DescribeStacksCommand, { StackName: labStackName('class-lab') }).resolves({
    Stacks: [{ StackName: labStackName('class-lab'), StackStatus: 'CREATE_COMPLETE', CreationTime: new Date(), Outputs: [{ OutputKey: 'StreamName', OutputValue: 'clicks' }] }],
  });
  kinesis.on(DescribeStreamSummaryCommand).callsFake(async (_input, getClient) => {
    const account = await accountOf(getClient);
    return { StreamDescriptionSummary: { StreamName: 'clicks', RetentionPeriodHours: RETENTION[account] } };
  });
});

test('checks each learner with their own role credentials; a missing role and throttling are those learners\' errors', async () => {
  const assume = stsAssumeRole(lab.id, { externalId: SECRET, maxAttempts: 1 });
  const seen: string[] = [];
  const result = await classCheck(lab, checks, roster, assume, { concurrency: 2, onLearner: (l, done, total) => seen.push(`${done}/${total} ${l.learner.name}`) });
  assume.destroy();
  const rows = result.learners.map((l) => [l.learner.name, l.status, l.result?.requirements.map((r) => r.status).join(',') ?? l.errorKind]);
  expect(rows).toEqual([
    ['Ada', 'checked', 'pass'],
    ['Bob', 'checked', 'fail'],
    ['Cy (no role)', 'error', 'role'],
    ['Di (throttled)', 'error', 'throttled'],
    ['Ed', 'checked', 'pass'],
  ]);
  expect(result.summary).toEqual({ learners: 5, allPassed: 2, someFailed: 1, errors: 2 });
  expect(seen).toHaveLength(5);
  expect(result.learners[2]!.error).toContain('cannot assume arn:aws:iam::333333333333:role/mllab-checker-class-lab');
  expect(result.learners[2]!.error).toContain('-c instructorAccount=');
  // The role, the external id, a 15-minute session named for the lab; a learner's own role name when given.
  expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, { RoleArn: 'arn:aws:iam::111111111111:role/mllab-checker-class-lab', ExternalId: SECRET, RoleSessionName: 'mllab-class-class-lab', DurationSeconds: 900 });
  expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, { RoleArn: 'arn:aws:iam::555555555555:role/team-checker' });
  // Nothing of the result carries the external id.
  expect(JSON.stringify(result)).not.toContain(SECRET);
});

test('the role ARN takes the partition of the learner\'s region', () => {
  expect(checkerRoleArn({ name: 'x', account: '111111111111', region: 'cn-north-1' }, 'l')).toBe('arn:aws-cn:iam::111111111111:role/mllab-checker-l');
  expect(checkerRoleArn({ name: 'x', account: '111111111111', region: 'us-gov-west-1' }, 'l')).toBe('arn:aws-us-gov:iam::111111111111:role/mllab-checker-l');
});

test('CSV escapes commas and quotes, and defuses spreadsheet formulas in names', async () => {
  const assume = stsAssumeRole(lab.id, { externalId: SECRET, maxAttempts: 1 });
  const result = await classCheck(lab, checks, [{ name: '=HYPERLINK("x")', account: '111111111111', region: 'us-east-1' }, { name: 'Grace, Hopper', account: '222222222222', region: 'us-east-1' }], assume);
  assume.destroy();
  const csv = renderCsv(toScoreboard(result, lab));
  expect(csv.split('\r\n')).toEqual([
    'name,account,region,R1,passed,total,error',
    '"\'=HYPERLINK(""x"")",111111111111,us-east-1,pass,1,1,',
    '"Grace, Hopper",222222222222,us-east-1,fail,0,1,',
    '',
  ]);
});

describe('mllab class check', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mllab-class-'));
    writeFileSync(join(dir, 'roster.csv'), ['name,account,region,role', ...roster.map((l) => [l.name, l.account, l.region, l.role ?? ''].join(','))].join('\n'));
    writeFileSync(join(dir, 'external-id'), `${SECRET}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const labs = [{ lab, checks }];

  test('prints the scoreboard, exit 3 when some learners could not be checked; the external id appears nowhere', async () => {
    const env = { ...process.env, MLLAB_EXTERNAL_ID: SECRET, AWS_MAX_ATTEMPTS: '1' };
    const run = await runCli(['class', 'check', 'class-lab', '--roster', join(dir, 'roster.csv')], { env, labs });
    expect([run.code, run.stderr]).toEqual([3, '']);
    expect(run.stdout).toMatch(/Ada.*✔.*1\/1/);
    expect(run.stdout).toMatch(/Bob.*✘.*0\/1/);
    expect(run.stdout).toMatch(/Cy \(no role\).*error/);
    expect(run.stdout).toContain('5 learners: 2 passed every requirement, 1 have some to do, 2 could not be checked');
    expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET);
    expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, { ExternalId: SECRET });
  });

  test('--json, --csv and --junit <dir> (one file per learner), the id read from --external-id-file', async () => {
    const env = { ...process.env, MLLAB_EXTERNAL_ID: '' };
    const json = await runCli(['class', 'check', 'class-lab', '--roster', join(dir, 'roster.csv'), '--external-id-file', join(dir, 'external-id'), '--json', '--junit', join(dir, 'junit')], { env, labs });
    const board = JSON.parse(json.stdout);
    expect(board).toMatchObject({ schemaVersion: 1, lab: 'class-lab', summary: { learners: 5, errors: 2 } });
    expect(board.learners.map((l: any) => [l.name, l.status, l.requirements?.R1 ?? null])).toEqual([
      ['Ada', 'checked', 'pass'],
      ['Bob', 'checked', 'fail'],
      ['Cy (no role)', 'error', null],
      ['Di (throttled)', 'error', null],
      ['Ed', 'checked', 'pass'],
    ]);
    expect(readdirSync(join(dir, 'junit')).sort()).toEqual(['Ada-111111111111.xml', 'Bob-222222222222.xml', 'Cy_no_role_-333333333333.xml', 'Di_throttled_-444444444444.xml', 'Ed-555555555555.xml']);
    expect(readFileSync(join(dir, 'junit', 'Cy_no_role_-333333333333.xml'), 'utf8')).toContain('<error');
    for (const file of readdirSync(join(dir, 'junit'))) expect(readFileSync(join(dir, 'junit', file), 'utf8')).not.toContain(SECRET);
    expect(json.stdout).not.toContain(SECRET);
    const csv = await runCli(['class', 'check', 'class-lab', '--roster', join(dir, 'roster.csv'), '--external-id-file', join(dir, 'external-id'), '--csv'], { env, labs });
    expect(csv.stdout.split('\r\n')[0]).toBe('name,account,region,R1,passed,total,error');
  });

  test('refuses, in one line with exit 2, a missing id, an id on the command line, a bad id, a bad roster, a second stdout format', async () => {
    const roster = join(dir, 'roster.csv');
    const cases: [string[], Record<string, string>, string][] = [
      [['class', 'check', 'class-lab', '--roster', roster], { MLLAB_EXTERNAL_ID: '' }, 'set MLLAB_EXTERNAL_ID'],
      [['class', 'check', 'class-lab', '--roster', roster, '--external-id', SECRET], { MLLAB_EXTERNAL_ID: SECRET }, 'unknown option'],
      [['class', 'check', 'class-lab', '--roster', roster], { MLLAB_EXTERNAL_ID: 'has spaces' }, 'the external id from MLLAB_EXTERNAL_ID may hold only'],
      [['class', 'check', 'class-lab', '--roster', join(dir, 'nope.csv')], { MLLAB_EXTERNAL_ID: SECRET }, '--roster: cannot read'],
      [['class', 'check', 'class-lab'], { MLLAB_EXTERNAL_ID: SECRET }, 'give the class with --roster'],
      [['class', 'check', 'class-lab', '--roster', roster, '--json', '--csv'], { MLLAB_EXTERNAL_ID: SECRET }, 'choose one'],
      [['class', 'grade', 'class-lab'], { MLLAB_EXTERNAL_ID: SECRET }, "unknown action 'grade'"],
    ];
    for (const [argv, env, message] of cases) {
      const run = await runCli(argv, { env: { ...process.env, ...env }, labs });
      expect([argv.join(' '), run.code, run.stderr.trim().split('\n').length]).toEqual([argv.join(' '), 2, 1]);
      expect(run.stderr).toContain(message);
      expect(run.stderr.replace(/--external-id [^ ]+/, '')).not.toContain('has spaces');
    }
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 0);
  });
});

describe('mllab deploy --instructor-account (the checker role)', () => {
  test('passes the instructor account and the external id from the environment as CDK context', async () => {
    const { labStackOptions } = await import('../../lib/cli/commands/stack-action');
    const ctx = { labs: () => [lab], env: { MLLAB_EXTERNAL_ID: SECRET }, io: {} } as never;
    expect(labStackOptions(ctx, ['class-lab'], { instructorAccount: '444455556666' }).context).toEqual({ instructorAccount: '444455556666', instructorExternalId: SECRET });
    expect(labStackOptions(ctx, ['class-lab'], {}).context).toBeUndefined();
  });

  test('refuses a bad account or a file without the account, in one line, exit 2, without echoing an id', async () => {
    const bad = await runCli(['deploy', 'class-lab', '--instructor-account', '1234'], { env: { ...process.env, MLLAB_EXTERNAL_ID: SECRET }, labs: [{ lab, checks }] });
    expect([bad.code, bad.stderr.trim().split('\n')]).toEqual([2, [expect.stringContaining('--instructor-account must be a 12-digit AWS account id')]]);
    const lone = await runCli(['deploy', 'class-lab', '--external-id-file', '/nonexistent'], { labs: [{ lab, checks }] });
    expect([lone.code, lone.stderr]).toEqual([2, expect.stringContaining('--external-id-file goes with --instructor-account')]);
    const missing = await runCli(['deploy', 'class-lab', '--instructor-account', '444455556666'], { env: { ...process.env, MLLAB_EXTERNAL_ID: '' }, labs: [{ lab, checks }] });
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('set MLLAB_EXTERNAL_ID')]);
    expect(`${bad.stderr}${lone.stderr}${missing.stderr}`).not.toContain(SECRET);
  });
});
