// The bad-input matrix: every mistake a user can make gets one clear line on stderr, the right
// exit code (2 bad usage or input, 3 the environment cannot answer) and no stack trace.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeStreamSummaryCommand, KinesisClient, ListStreamConsumersCommand } from '@aws-sdk/client-kinesis';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudFormationClient, mockStackOutputs } from '../support/check-harness';
import { runCli } from '../support/cli-harness';
import { FIXTURE, FIXTURE_LAB, FIXTURE_STREAM_ARN } from '../support/fixture-lab';

const kinesis = mockClient(KinesisClient);
const cfn = mockClient(CloudFormationClient);
const labs = [FIXTURE];

let dir: string;
let env: Record<string, string | undefined>;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mllab-bad-'));
  writeFileSync(join(dir, 'not-json.json'), '{ "formatVersion": 1, ');
  writeFileSync(join(dir, 'bad-shape.json'), JSON.stringify({ formatVersion: 1, region: 'us-east-1', calls: [{ service: 'Kinesis', operation: 7, input: {}, output: {} }] }));
  writeFileSync(join(dir, 'ok.json'), JSON.stringify({ formatVersion: 1, region: 'us-east-1', calls: [] }));
  writeFileSync(join(dir, 'a-file'), 'not a directory');
  writeFileSync(join(dir, 'empty-config'), '');
  writeFileSync(join(dir, 'config'), '[profile learner]\nregion = eu-west-1\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  kinesis.reset();
  cfn.reset();
  mockStackOutputs(cfn, FIXTURE_LAB.id, { StreamName: 'clicks' });
  kinesis.on(DescribeStreamSummaryCommand).resolves({ StreamDescriptionSummary: { StreamName: 'clicks', StreamARN: FIXTURE_STREAM_ARN, RetentionPeriodHours: 48 } as any });
  kinesis.on(ListStreamConsumersCommand).resolves({ Consumers: [] });
  env = { ...process.env, MLLAB_HOME: join(dir, 'home'), AWS_REGION: 'us-east-1' };
});

type Case = [name: string, argv: string[], code: number, message: RegExp, envChange?: Record<string, string | undefined>];

const cases: Case[] = [
  ['an unknown command', ['chek', 'fixture-lab'], 2, /^mllab: unknown command 'chek'; did you mean check\?/],
  ['help for an unknown command', ['help', 'chek'], 2, /^mllab: unknown command 'chek'; did you mean 'check'\? \(see mllab --help\)$/],
  ['an unknown option', ['check', 'fixture-lab', '--jsn'], 2, /^mllab: unknown option '--jsn'; did you mean --json\?/],
  ['an unknown global option', ['--verbose', 'list'], 2, /^mllab: unknown option '--verbose'/],
  ['an empty lab id', ['check', ''], 2, /^mllab: the lab id is empty; give one of the labs \(labs: fixture-lab; see mllab list\)$/],
  ['a blank lab id for show', ['show', '  '], 2, /^mllab: the lab id is empty; give one of the labs/],
  ['a profile that does not exist', ['check', 'fixture-lab', '--profile', 'nope'], 2, /^mllab: --profile: profile 'nope' does not exist in .*empty-config or .*empty-config \(no profiles are configured; create it with `aws configure --profile nope`\)$/, { AWS_CONFIG_FILE: '<dir>/empty-config', AWS_SHARED_CREDENTIALS_FILE: '<dir>/empty-config' }],
  ['a misspelt profile', ['check', 'fixture-lab', '--profile', 'learnr', '--region', 'us-east-1'], 2, /^mllab: --profile: profile 'learnr' does not exist in .*\/config or .*empty-config; did you mean 'learner'\? \(profiles: learner; /, { AWS_CONFIG_FILE: '<dir>/config', AWS_SHARED_CREDENTIALS_FILE: '<dir>/empty-config' }],
  ['an AWS_PROFILE that does not exist', ['check', 'fixture-lab'], 2, /^mllab: AWS_PROFILE: profile 'gone' does not exist in /, { AWS_PROFILE: 'gone', AWS_CONFIG_FILE: '<dir>/config', AWS_SHARED_CREDENTIALS_FILE: '<dir>/empty-config' }],
  ['an unknown lab', ['check', 'fixture-lb'], 2, /^mllab: unknown lab 'fixture-lb'; did you mean 'fixture-lab'\? \(labs: fixture-lab\)$/],
  ['a missing lab', ['check'], 2, /^mllab: missing required argument 'lab'/],
  ['an extra argument', ['check', 'fixture-lab', 'extra'], 2, /^mllab: too many arguments for 'check'/],
  ['a zero concurrency', ['check', 'fixture-lab', '--concurrency', '0'], 2, /^mllab: --concurrency must be a whole number between 1 and 64, got '0'$/],
  ['a non-numeric concurrency', ['check', 'fixture-lab', '--concurrency', 'many'], 2, /^mllab: --concurrency must be a whole number between 1 and 64, got 'many'$/],
  ['a negative timeout', ['check', 'fixture-lab', '--timeout', '-5'], 2, /^mllab: --timeout must be a number of seconds between 1 and 900, got '-5'$/],
  ['a timeout with a unit', ['check', 'fixture-lab', '--timeout', '30s'], 2, /^mllab: --timeout must be a number of seconds between 1 and 900, got '30s'$/],
  ['a missing option value', ['check', 'fixture-lab', '--region'], 2, /^mllab: option '--region <region>' argument missing/],
  ['a malformed region', ['check', 'fixture-lab', '--region', 'useast1'], 2, /^mllab: --region: 'useast1' is not an AWS region name \(expected a name like us-east-1\)$/],
  ['an unknown region', ['check', 'fixture-lab', '--region', 'us-east-9'], 2, /^mllab: --region: 'us-east-9' is not a known AWS region/],
  ['a bad AWS_REGION', ['check', 'fixture-lab'], 2, /^mllab: AWS_REGION: 'mars-1' is not an AWS region name/, { AWS_REGION: 'mars-1' }],
  ['no region anywhere', ['check', 'fixture-lab'], 2, /^mllab: no region: pass --region/, { AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined, AWS_PROFILE: undefined, AWS_CONFIG_FILE: '<dir>/empty-config', AWS_SHARED_CREDENTIALS_FILE: '<dir>/empty-config' }],
  ['an unreadable cassette', ['check', 'fixture-lab', '--replay', '<dir>/missing.json'], 2, /^mllab: .*missing\.json: cannot read the cassette \(ENOENT\)$/],
  ['a cassette that is not JSON', ['check', 'fixture-lab', '--replay', '<dir>/not-json.json'], 2, /^mllab: .*not-json\.json: not valid JSON/],
  ['a cassette with a bad field', ['check', 'fixture-lab', '--replay', '<dir>/bad-shape.json'], 2, /^mllab: .*bad-shape\.json: calls\[0\]\.operation: expected string$/],
  ['an unknown replay service', ['check', 'fixture-lab', '--replay', '<dir>/ok.json', '--replay-services', 'Kinesiss'], 2, /^mllab: --replay-services: unknown service 'Kinesiss'; did you mean 'Kinesis'\?/],
  ['--replay-services without --replay', ['check', 'fixture-lab', '--replay-services', 'Firehose'], 2, /^mllab: --replay-services needs --replay <file>$/],
  ['--record with a full --replay', ['check', 'fixture-lab', '--replay', '<dir>/ok.json', '--record', '<dir>/out.json'], 2, /^mllab: --record with --replay would record the cassette itself/],
  ['an unwritable cassette path', ['check', 'fixture-lab', '--record', '<dir>/a-file/out.json'], 2, /^mllab: cannot write the cassette .*a-file\/out\.json \(ENOTDIR\): its folder must exist and be writable$/],
  ['an unwritable JUnit path', ['check', 'fixture-lab', '--junit', '<dir>/no-such-dir/report.xml'], 2, /^mllab: cannot write the JUnit report .*report\.xml \(ENOENT\): its folder must exist and be writable$/],
  ['an empty profile name', ['check', 'fixture-lab', '--profile', ''], 2, /^mllab: --profile needs a value$/],
  ['an unknown lab for show', ['show', 'nope'], 2, /^mllab: unknown lab 'nope'/],
  ['an unknown lab for policy', ['policy', '--lab', 'fixture'], 2, /^mllab: unknown lab 'fixture'; did you mean 'fixture-lab'\?/],
  ['an unknown lab for deploy', ['deploy', 'fixtur-lab'], 2, /^mllab: unknown lab 'fixtur-lab'; did you mean 'fixture-lab'\?/],
  ['a budget out of range', ['deploy', 'fixture-lab', '--budget-usd', '0'], 2, /^mllab: --budget-usd must be a number of US dollars a month between 1 and 1000, got '0'$/],
  ['a malformed email', ['deploy', 'fixture-lab', '--email', 'me-at-example'], 2, /^mllab: --email must be an email address, got 'me-at-example'$/],
  ['a bad region for destroy', ['destroy', 'fixture-lab', '--region', 'EU-WEST-1'], 2, /^mllab: --region: 'EU-WEST-1' is not an AWS region name/],
  ['an unwritable progress store', ['check', 'fixture-lab'], 3, /^mllab: cannot save progress in .*a-file \(ENOTDIR\); set MLLAB_HOME to a writable directory$/, { MLLAB_HOME: '<dir>/a-file' }],
  ['an unreadable progress store', ['progress'], 3, /^mllab: cannot read progress in .*a-file \(ENOTDIR\)/, { MLLAB_HOME: '<dir>/a-file' }],
];

test('a progress store on a read-only file system says so (EROFS): exit 3 after the report', async () => {
  const fs = require('node:fs') as typeof import('node:fs');
  const mkdir = jest.spyOn(fs, 'mkdirSync').mockImplementation(() => {
    throw Object.assign(new Error('EROFS: read-only file system, mkdir'), { code: 'EROFS' });
  });
  try {
    const run = await runCli(['check', 'fixture-lab'], { env, labs });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(`mllab: cannot save progress in ${join(dir, 'home')}: the file system is read-only (EROFS); set MLLAB_HOME to a writable directory\n`);
  } finally {
    mkdir.mockRestore();
  }
});

test('the matrix has at least 20 bad inputs', () => {
  expect(cases.length).toBeGreaterThanOrEqual(20);
});

// A rest parameter: jest would take a fifth named parameter for `done` on rows of four.
test.each(cases)('%s: one clear line, the right exit code, no stack trace', async (...row: Case) => {
  const [name, argv, code, message, envChange] = row;
  const fill = (s: string) => s.replace('<dir>', dir);
  const runEnv = { ...env };
  for (const [k, v] of Object.entries(envChange ?? {})) runEnv[k] = v === undefined ? undefined : fill(v);
  const run = await runCli(argv.map(fill), { env: runEnv, labs });
  expect(run.code).toBe(code);
  const lines = run.stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  // nothing reaches stdout, except the report of a check that ran before the store refused it
  if (!/progress store/.test(name)) expect(run.stdout).toBe('');
});

test('no credentials: exit 3 in one line', async () => {
  const keys = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_EC2_METADATA_DISABLED'];
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'empty-config');
  process.env.AWS_CONFIG_FILE = join(dir, 'empty-config');
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  try {
    const run = await runCli(['check', 'fixture-lab'], { env, labs });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^mllab: no AWS credentials found in the environment, the shared config files or an instance role \(CredentialsProviderError\): run `aws configure`/);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(kinesis.calls()).toHaveLength(0);
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});

test('--debug adds the stack trace', async () => {
  const run = await runCli(['--debug', 'check', 'fixture-lab', '--concurrency', '0'], { env, labs });
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^mllab: --concurrency must be/);
  expect(run.stderr).toMatch(/\n\s+at /);
});

test('no command prints the help on stderr and exits 2; --help and --version exit 0', async () => {
  for (const argv of [[], ['--debug'], ['--no-color']]) {
    const none = await runCli(argv, { env, labs });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Usage: mllab/);
    expect(none.stderr).not.toContain('mllab: ');
  }
  const help = await runCli(['check', '--help'], { env, labs });
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('--replay-services <services>');
  const version = await runCli(['--version'], { env, labs });
  expect(version.code).toBe(0);
  expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
});
