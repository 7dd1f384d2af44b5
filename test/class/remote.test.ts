// The Step Functions mode from the instructor's side, against aws-sdk-client-mock: the roster goes to
// the class bucket with a fixed header, the execution starts with the lab and the roster's key, the
// Map run is followed, and the scoreboard the state machine wrote is fetched and rendered.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, DescribeMapRunCommand, ListMapRunsCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { rosterCsv, runIdOf } from '../../lib/class/remote';
import { parseRoster } from '../../lib/class/roster';
import { defineChecks, pass } from '../../lib/check/verdicts';
import { CloudFormationClient } from '../support/check-harness';
import { runCli } from '../support/cli-harness';
import { tinyLab } from '../support/tiny-lab';

const lab = tinyLab('class-lab', [{ id: 'R1', title: 'One.', hint: 'h', docs: 'https://docs.aws.amazon.com/streams/latest/dev/introduction.html', reads: ['Kinesis:DescribeStreamSummary'] }]);
const labs = [{ lab, checks: defineChecks(lab, { R1: async () => pass() }) }];

const cfn = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);
const sfn = mockClient(SFNClient);
const BUCKET = 'mllab-class-bucket83908e77-abc';
const MACHINE = 'arn:aws:states:us-east-1:444455556666:stateMachine:CheckClass6C49B78E-x';
const EXECUTION = 'arn:aws:states:us-east-1:444455556666:execution:CheckClass6C49B78E-x:run';
const board = {
  schemaVersion: 1,
  lab: 'class-lab',
  requirements: [{ id: 'R1', title: 'One.' }],
  startedAt: '2026-12-01T10:00:00.000Z',
  durationMs: 12_000,
  summary: { learners: 2, allPassed: 1, someFailed: 0, errors: 1 },
  learners: [
    { name: 'Ada', account: '111111111111', region: 'us-east-1', status: 'checked', passed: 1, total: 1, requirements: { R1: 'pass' }, durationMs: 900 },
    { name: 'Bob', account: '222222222222', region: 'us-east-1', status: 'error', passed: 0, total: 1, error: 'the check did not finish: mllab.Throttled', durationMs: 0 },
  ],
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mllab-class-run-'));
  writeFileSync(join(dir, 'roster.csv'), 'Learner,Account ID,Region\nAda,111111111111,us-east-1\n"Bob, Jr",222222222222,us-east-1\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  cfn.reset();
  s3.reset();
  sfn.reset();
  cfn.on(DescribeStacksCommand, { StackName: 'MlLab-class' }).resolves({
    Stacks: [{ StackName: 'MlLab-class', StackStatus: 'CREATE_COMPLETE', CreationTime: new Date(), Outputs: [
      { OutputKey: 'ClassBucketName', OutputValue: BUCKET },
      { OutputKey: 'ClassStateMachineArn', OutputValue: MACHINE },
      { OutputKey: 'ExternalIdSecretArn', OutputValue: 'arn:aws:secretsmanager:us-east-1:444455556666:secret:ExternalId-abc' },
    ] }],
  });
  s3.on(PutObjectCommand).resolves({});
  sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: new Date() });
  sfn.on(DescribeExecutionCommand).resolvesOnce({ status: 'RUNNING', executionArn: EXECUTION, stateMachineArn: MACHINE, startDate: new Date() } as never).resolves({
    status: 'SUCCEEDED', executionArn: EXECUTION, stateMachineArn: MACHINE, startDate: new Date(), output: JSON.stringify({ scoreboardKey: 'scoreboards/run.json', summary: board.summary }),
  } as never);
  sfn.on(ListMapRunsCommand).resolves({ mapRuns: [{ mapRunArn: `${EXECUTION}:map`, executionArn: EXECUTION, stateMachineArn: MACHINE, startDate: new Date() }] });
  sfn.on(DescribeMapRunCommand).resolves({ itemCounts: { total: 2, succeeded: 1, failed: 1, running: 0, pending: 0, aborted: 0, timedOut: 0, resultsWritten: 2 } } as never);
  s3.on(GetObjectCommand, { Bucket: BUCKET, Key: 'scoreboards/run.json' }).callsFake(() => ({ Body: { transformToString: async () => JSON.stringify(board) } }));
});

test('the roster goes up with the fixed header the ItemReader turns into each child\'s learner', () => {
  const roster = parseRoster('Learner,Account ID,Region,role\nAda,111111111111,us-east-1,\n"Bob, Jr",222222222222,eu-west-1,team-checker\n');
  expect(rosterCsv(roster)).toBe('name,account,region,role\nAda,111111111111,us-east-1,\n"Bob, Jr",222222222222,eu-west-1,team-checker\n');
  expect(runIdOf('class-lab', new Date('2026-12-01T10:20:30.456Z'), 'a1b2c3')).toBe('class-lab-20261201T102030-a1b2c3');
  expect(runIdOf('x'.repeat(90), new Date(), 'r')).toHaveLength(80);
});

test('mllab class run: uploads the roster, starts the execution with the lab and key, follows it, prints and saves the scoreboard', async () => {
  const saved = join(dir, 'board.json');
  const run = await runCli(['class', 'run', 'class-lab', '--roster', join(dir, 'roster.csv'), '--region', 'us-east-1', '--save', saved], { env: { ...process.env, MLLAB_EXTERNAL_ID: '' }, labs });
  expect(run.code).toBe(3);
  const put = s3.commandCalls(PutObjectCommand)[0]!.args[0].input;
  expect(put).toMatchObject({ Bucket: BUCKET, Key: expect.stringMatching(/^rosters\/class-lab-\d{8}T\d{6}-[0-9a-f]{6}\.csv$/), ContentType: 'text/csv' });
  expect(put.Body).toBe('name,account,region,role\nAda,111111111111,us-east-1,\n"Bob, Jr",222222222222,us-east-1,\n');
  const start = sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input;
  expect(start.stateMachineArn).toBe(MACHINE);
  expect(JSON.parse(start.input!)).toEqual({ lab: 'class-lab', rosterKey: put.Key, runId: start.name });
  expect(run.stdout).toMatch(/Ada.*✔.*1\/1/);
  expect(run.stdout).toContain('2 learners: 1 passed every requirement, 0 have some to do, 1 could not be checked');
  expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual(board);
});

test('mllab class report renders a saved scoreboard again (json, csv); refuses a file that is not one', async () => {
  const file = join(dir, 'saved.json');
  writeFileSync(file, JSON.stringify(board));
  const csv = await runCli(['class', 'report', file, '--csv'], { labs });
  expect(csv.stdout.split('\r\n').slice(0, 3)).toEqual(['name,account,region,R1,passed,total,error', 'Ada,111111111111,us-east-1,pass,1,1,', 'Bob,222222222222,us-east-1,,0,1,the check did not finish: mllab.Throttled']);
  const html = join(dir, 'board.html');
  const evil = { ...board, learners: [{ ...board.learners[0], name: '<script>alert(1)</script>' }, board.learners[1]] };
  writeFileSync(file, JSON.stringify(evil));
  const page = await runCli(['class', 'report', file, '--html', html], { labs });
  expect(page.code).toBe(3);
  const text = readFileSync(html, 'utf8');
  expect(text).toContain('<li class="bar" data-requirement="R1" data-value="100" data-passed="1" data-total="1">');
  expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(text).not.toContain('<script>');
  expect(text).toContain("Content-Security-Policy\" content=\"default-src 'none'");
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"hello":1}');
  const refused = await runCli(['class', 'report', bad], { labs });
  expect([refused.code, refused.stderr]).toEqual([2, expect.stringContaining('is not an mllab scoreboard')]);
});

test('mllab class run without the class stack: one line, exit 3, nothing uploaded or started', async () => {
  cfn.reset();
  cfn.on(DescribeStacksCommand).rejects(Object.assign(new Error('Stack with id MlLab-class does not exist'), { name: 'ValidationError', $metadata: { httpStatusCode: 400 } }));
  const run = await runCli(['class', 'run', 'class-lab', '--roster', join(dir, 'roster.csv'), '--region', 'us-east-1'], { labs });
  expect([run.code, run.stderr.trim().split('\n')]).toEqual([3, [expect.stringContaining('run `mllab class deploy` first')]]);
  expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
});

test('mllab class deploy needs the external id first, and never takes it on the command line', async () => {
  const missing = await runCli(['class', 'deploy', '--region', 'us-east-1'], { env: { ...process.env, MLLAB_EXTERNAL_ID: '' }, labs });
  expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('set MLLAB_EXTERNAL_ID')]);
});
