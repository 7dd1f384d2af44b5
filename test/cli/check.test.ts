import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeStreamSummaryCommand, KinesisClient, ListStreamConsumersCommand } from '@aws-sdk/client-kinesis';
import { mockClient } from 'aws-sdk-client-mock';
import { awsError, CloudFormationClient, mockStackOutputs } from '../support/check-harness';
import { runCli } from '../support/cli-harness';
import { FIXTURE, FIXTURE_LAB, FIXTURE_STREAM_ARN } from '../support/fixture-lab';

const kinesis = mockClient(KinesisClient);
const cfn = mockClient(CloudFormationClient);
const labs = [FIXTURE];

let home: string;
let env: Record<string, string | undefined>;
beforeEach(() => {
  kinesis.reset();
  cfn.reset();
  home = mkdtempSync(join(tmpdir(), 'mllab-cli-'));
  env = { ...process.env, MLLAB_HOME: home, AWS_REGION: 'us-east-1' };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  delete env.TERM;
});
afterEach(() => rmSync(home, { recursive: true, force: true }));
const storedRuns = () => (existsSync(join(home, 'runs')) ? readdirSync(join(home, 'runs')).filter((f) => f.endsWith('.json')).length : 0);

function stream(retention: number, consumers: number) {
  mockStackOutputs(cfn, FIXTURE_LAB.id, { StreamName: 'clicks' });
  kinesis.on(DescribeStreamSummaryCommand, { StreamName: 'clicks' }).resolves({
    StreamDescriptionSummary: { StreamName: 'clicks', StreamARN: FIXTURE_STREAM_ARN, StreamStatus: 'ACTIVE', RetentionPeriodHours: retention, StreamCreationTimestamp: new Date('2026-01-01T00:00:00Z'), OpenShardCount: 1, EnhancedMonitoring: [] },
  });
  kinesis.on(ListStreamConsumersCommand, { StreamARN: FIXTURE_STREAM_ARN }).resolves({
    Consumers: Array.from({ length: consumers }, (_, i) => ({ ConsumerName: `c${i}`, ConsumerARN: `${FIXTURE_STREAM_ARN}/consumer/c${i}:1`, ConsumerStatus: 'ACTIVE', ConsumerCreationTimestamp: new Date() })),
  });
}

test('all requirements pass: exit 0, each requirement listed, closing line "2 passed, 0 failed"', async () => {
  stream(48, 1);
  const run = await runCli(['check', 'fixture-lab'], { env, labs });
  expect(run.code).toBe(0);
  expect(run.stderr).toBe('');
  expect(run.stdout).toContain('PASS  R1 The stream keeps records for at least 48 hours.');
  expect(run.stdout).toContain('clicks keeps records for 48 hours.');
  expect(run.stdout).not.toContain('hint:');
  expect(run.stdout.trimEnd().split('\n').pop()).toBe('2 passed, 0 failed');
  expect(run.stdout).not.toContain('\u001b[');
});

test('a failed requirement: exit 1, the finding and the hint with its docs link; the dependent one is skipped', async () => {
  stream(24, 1);
  const run = await runCli(['check', 'fixture-lab'], { env, labs });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('FAIL  R1');
  expect(run.stdout).toContain('a consumer that is down for a weekend loses data after 24 hours');
  expect(run.stdout).toContain('hint: Read how Kinesis retention is extended. (https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html)');
  expect(run.stdout).toContain('SKIP  R2');
  const lines = run.stdout.trimEnd().split('\n');
  expect(lines.slice(-2)).toEqual(['0 passed, 1 failed', '0 errors, 1 skipped']);
});

test('colour only on a TTY and never with NO_COLOR or --no-color', async () => {
  stream(48, 1);
  expect((await runCli(['check', 'fixture-lab'], { env, labs, tty: true })).stdout).toContain('\u001b[32m');
  expect((await runCli(['check', 'fixture-lab'], { env: { ...env, NO_COLOR: '1' }, labs, tty: true })).stdout).not.toContain('\u001b[');
  expect((await runCli(['--no-color', 'check', 'fixture-lab'], { env, labs, tty: true })).stdout).not.toContain('\u001b[');
  expect((await runCli(['check', 'fixture-lab', '--no-color'], { env, labs, tty: true })).stdout).not.toContain('\u001b[');
});

test('access denied only: exit 3 and the IAM action to grant; a run that decided nothing is no attempt, so not stored', async () => {
  mockStackOutputs(cfn, FIXTURE_LAB.id, { StreamName: 'clicks' });
  kinesis.on(DescribeStreamSummaryCommand).rejects(awsError('AccessDeniedException', 'User is not authorized', 403));
  const run = await runCli(['check', 'fixture-lab'], { env, labs });
  expect(run.code).toBe(3);
  expect(run.stdout).toContain('ERROR R1');
  expect(run.stdout).toContain('Grant kinesis:DescribeStreamSummary');
  expect(storedRuns()).toBe(0);
});

test('--json prints exactly the stable shape', async () => {
  stream(24, 0);
  const run = await runCli(['check', 'fixture-lab', '--json'], { env, labs });
  expect(run.code).toBe(1);
  const report = JSON.parse(run.stdout);
  expect(Object.keys(report)).toEqual(['schemaVersion', 'mllabVersion', 'lab', 'region', 'replayed', 'startedAt', 'durationMs', 'summary', 'precondition', 'requirements']);
  expect(report).toEqual({
    schemaVersion: 1,
    mllabVersion: require('../../package.json').version,
    lab: 'fixture-lab',
    region: 'us-east-1',
    replayed: false,
    startedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    durationMs: expect.any(Number),
    summary: { passed: 0, failed: 1, errors: 0, skipped: 1 },
    precondition: null,
    requirements: [
      { id: 'R1', title: FIXTURE_LAB.requirements[0].title, status: 'fail', findings: [expect.stringContaining('24 hours')], hint: FIXTURE_LAB.requirements[0].hint, docs: FIXTURE_LAB.requirements[0].docs },
      { id: 'R2', title: FIXTURE_LAB.requirements[1].title, status: 'skipped', findings: ['Skipped: R1 must pass first.'], hint: FIXTURE_LAB.requirements[1].hint, docs: FIXTURE_LAB.requirements[1].docs },
    ],
  });
});

test('--junit writes one test case per requirement', async () => {
  stream(48, 0);
  const file = join(home, 'report.xml');
  const run = await runCli(['check', 'fixture-lab', '--junit', file], { env, labs });
  expect(run.code).toBe(1);
  const xml = readFileSync(file, 'utf8');
  expect(xml).toMatch(/<testsuites tests="2" failures="1" errors="0" skipped="0"/);
  expect(xml).toContain('name="R1 The stream keeps records for at least 48 hours."');
  expect(xml).toMatch(/<failure message="No consumer is registered[^"]*" type="requirement-failed"/);
});

test('--record then --replay: same verdicts, no call sent, no credentials needed', async () => {
  stream(48, 0);
  const cassette = join(home, 'run.json');
  const recorded = await runCli(['check', 'fixture-lab', '--json', '--record', cassette], { env, labs });
  kinesis.reset().rejects(new Error('network used during replay'));
  cfn.reset().rejects(new Error('network used during replay'));
  const noCredentials = { ...env, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_REGION: undefined };
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
  try {
    const replayed = await runCli(['check', 'fixture-lab', '--json', '--replay', cassette], { env: noCredentials, labs });
    expect(replayed.code).toBe(recorded.code);
    const strip = (s: string) => JSON.parse(s).requirements.map((r: any) => [r.id, r.status, r.findings]);
    expect(strip(replayed.stdout)).toEqual(strip(recorded.stdout));
    expect(JSON.parse(replayed.stdout).region).toBe('us-east-1');
  } finally {
    process.env.AWS_ACCESS_KEY_ID = saved.id;
    process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
  }
  expect(kinesis.calls()).toHaveLength(0);
});

test('every live run is kept in the progress store; a replay is not', async () => {
  stream(48, 1);
  await runCli(['check', 'fixture-lab'], { env, labs });
  const cassette = join(home, 'pass.json');
  await runCli(['check', 'fixture-lab', '--record', cassette], { env, labs });
  await runCli(['check', 'fixture-lab', '--replay', cassette], { env, labs });
  expect(readdirSync(join(home, 'runs')).filter((f) => f.endsWith('.json'))).toHaveLength(2);
  const list = await runCli(['list'], { env, labs });
  expect(list.stdout).toMatch(/fixture-lab {2}Fixture: a replayable stream\n.*last: 2\/2 passed on \d{4}-\d{2}-\d{2} \(completed\)/);
});

test('concurrent runs lose no result', async () => {
  stream(48, 1);
  const runs = await Promise.all(Array.from({ length: 12 }, () => runCli(['check', 'fixture-lab'], { env, labs })));
  expect(runs.every((r) => r.code === 0)).toBe(true);
  expect(readdirSync(join(home, 'runs')).filter((f) => f.endsWith('.json'))).toHaveLength(12);
});

describe('region', () => {
  async function regionOf(args: string[], envChange: Record<string, string | undefined>) {
    stream(48, 1);
    const cassette = join(home, 'r.json');
    await runCli(['check', 'fixture-lab', '--record', cassette], { env, labs });
    const run = await runCli(['check', 'fixture-lab', '--json', '--replay', cassette, ...args], { env: { ...env, AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined, AWS_PROFILE: undefined, ...envChange }, labs });
    expect(run.stderr).toBe('');
    return JSON.parse(run.stdout).region;
  }

  test('--region first, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile, then the cassette', async () => {
    const config = join(home, 'config');
    require('node:fs').writeFileSync(config, '[profile learner]\nregion = ap-southeast-2\n[default]\nregion = eu-central-1\n');
    const files = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials') };
    expect(await regionOf(['--region', 'eu-west-1'], { ...files, AWS_REGION: 'us-west-2' })).toBe('eu-west-1');
    expect(await regionOf([], { ...files, AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'ca-central-1' })).toBe('us-west-2');
    expect(await regionOf([], { ...files, AWS_DEFAULT_REGION: 'ca-central-1' })).toBe('ca-central-1');
    expect(await regionOf(['--profile', 'learner'], files)).toBe('ap-southeast-2');
    expect(await regionOf([], { ...files, AWS_PROFILE: 'learner' })).toBe('ap-southeast-2');
    expect(await regionOf([], files)).toBe('eu-central-1');
    expect(await regionOf([], { AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none') })).toBe('us-east-1');
  });
});

test('--timeout bounds each requirement and --concurrency one at a time still finishes', async () => {
  mockStackOutputs(cfn, FIXTURE_LAB.id, { StreamName: 'clicks' });
  kinesis.on(DescribeStreamSummaryCommand).callsFake(() => new Promise(() => undefined));
  const started = Date.now();
  const run = await runCli(['check', 'fixture-lab', '--json', '--timeout', '1', '--concurrency', '1'], { env, labs });
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(run.code).toBe(3);
  const [r1, r2] = JSON.parse(run.stdout).requirements;
  expect(r1).toMatchObject({ status: 'error', findings: ['The check did not finish within 1 s; AWS may be slow or throttling. Run it again (or raise --timeout).'] });
  expect(r2).toMatchObject({ status: 'skipped' });
});

// Issue 18, the learner's loop: --only, the JSON additions, option and variable refusals in one
// line, the live line on a terminal, and which runs count as attempts.
describe('--only', () => {
  test('checks the named requirement and nothing else', async () => {
    stream(48, 1);
    const run = await runCli(['check', 'fixture-lab', '--json', '--only', 'R1'], { env, labs });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).requirements.map((r: any) => r.id)).toEqual(['R1']);
    expect(kinesis).toHaveReceivedCommandTimes(ListStreamConsumersCommand, 0);
  });

  test('runs what the named requirement depends on too, whatever the case of the id', async () => {
    stream(48, 1);
    const run = await runCli(['check', 'fixture-lab', '--only', 'r2'], { env, labs });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('PASS  R1');
    expect(run.stdout).toContain('PASS  R2');
    expect(run.stdout).toContain('2/2 requirements passed');
  });

  test('an unknown id: exit 2, one line, the lab\'s ids, nothing sent', async () => {
    const run = await runCli(['check', 'fixture-lab', '--only', 'R1,R3'], { env, labs });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("mllab: --only: fixture-lab has no requirement 'R3'; did you mean 'R1'? (its requirements: R1, R2)\n");
    expect(cfn.calls()).toHaveLength(0);
  });
});

test.each([
  [['--endpoint-url', 'localhost:4566'], {}, /^mllab: --endpoint-url must be an http:\/\/ or https:\/\/ URL, got 'localhost:4566'\n$/],
  [['--endpoint-url', 'not a url'], {}, /^mllab: --endpoint-url must be a URL such as http:\/\/127\.0\.0\.1:4566, got 'not a url'\n$/],
  [[], { AWS_MAX_ATTEMPTS: 'three' }, /^mllab: AWS_MAX_ATTEMPTS must be a whole number of attempts, 1 or more, got 'three'\n$/],
  [[], { AWS_MAX_ATTEMPTS: '0' }, /^mllab: AWS_MAX_ATTEMPTS must be/],
  [[], { AWS_RETRY_MODE: 'fast' }, /^mllab: AWS_RETRY_MODE must be standard, adaptive or legacy, got 'fast'\n$/],
])('refused before anything is sent: %j %j', async (args, vars, message) => {
  const run = await runCli(['check', 'fixture-lab', ...args], { env: { ...env, ...vars }, labs });
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(cfn.calls()).toHaveLength(0);
});

test('--json: schemaVersion, the mllab version, and whether the answers were replayed', async () => {
  stream(48, 1);
  const cassette = join(home, 'pass.json');
  const live = JSON.parse((await runCli(['check', 'fixture-lab', '--json', '--record', cassette], { env, labs })).stdout);
  const replayed = JSON.parse((await runCli(['check', 'fixture-lab', '--json', '--replay', cassette], { env, labs })).stdout);
  const version = require('../../package.json').version;
  expect(live).toMatchObject({ schemaVersion: 1, mllabVersion: version, replayed: false, precondition: null });
  expect(replayed).toMatchObject({ schemaVersion: 1, mllabVersion: version, replayed: true });
});

describe('on a terminal', () => {
  async function onTerminal(vars: Record<string, string> = {}) {
    stream(48, 1);
    let stderr = '';
    const run = await runCli(['check', 'fixture-lab'], { env: { ...env, ...vars }, labs, tty: true, io: { stderr: { write: (s: string) => (stderr += s), isTTY: true } } });
    return { ...run, stderr };
  }

  test('a live line on stderr names what is being checked and is erased at the end; stdout holds the report alone', async () => {
    const run = await onTerminal();
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('checking R1 (0/2 done)');
    expect(run.stderr.endsWith('\r\u001b[2K')).toBe(true);
    expect(run.stdout).not.toContain('\r');
    expect(run.stdout).toContain('\u001b[32m');
    expect(run.stdout.trimEnd().split('\n').slice(-2)).toEqual(['2/2 requirements passed', '2 passed, 0 failed']);
  });

  test('TERM=dumb: no live line and no colour', async () => {
    const run = await onTerminal({ TERM: 'dumb' });
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain('\u001b[');
  });

  test('FORCE_COLOR=0: no colour', async () => {
    expect((await onTerminal({ FORCE_COLOR: '0' })).stdout).not.toContain('\u001b[');
  });
});

describe('which runs count as an attempt', () => {
  /** A plain `mllab check fixture-lab`, and how many runs the store holds after it. */
  const checkAndCount = async () => ({ ...(await runCli(['check', 'fixture-lab'], { env, labs })), stored: storedRuns() });

  test('a run that decided something is stored', async () => {
    stream(24, 1);
    expect(await checkAndCount()).toMatchObject({ code: 1, stored: 1 });
  });

  test('a lab stack that is not deployed: one line, exit 3, no per-requirement report, not stored', async () => {
    cfn.onAnyCommand().rejects(awsError('ValidationError', 'Stack with id MlLab-fixture-lab does not exist', 400));
    expect(await checkAndCount()).toEqual({
      code: 3,
      stdout: '',
      stderr: 'mllab: could not check fixture-lab: The lab stack MlLab-fixture-lab is not deployed in us-east-1: run `mllab deploy fixture-lab` first.\n',
      stored: 0,
    });
  });
});

test('--watch: checks again on its interval, prints only what changed, and stops on Ctrl-C with the last run\'s exit code', async () => {
  stream(24, 1);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const watching = runCli(['check', 'fixture-lab', '--watch', '1'], { env, labs });
  await sleep(500);
  stream(48, 1);
  // One re-check sees R1 pass (and so R2 checked); the one after changes nothing and prints nothing.
  await sleep(2_300);
  expect(process.listeners('SIGINT')).toHaveLength(1);
  process.emit('SIGINT' as any);
  const run = await watching;
  expect(run.code).toBe(0);
  const [first, ...later] = run.stdout.split(/\n(?=\d{2}:\d{2}:\d{2} changed:)/);
  expect(first).toContain('FAIL  R1');
  expect(first).toContain('watching: checking again every 1 s, printing what changes; Ctrl-C to stop');
  expect(later).toHaveLength(1);
  expect(later[0]).toMatch(/^\d{2}:\d{2}:\d{2} changed:\n✔ PASS  R1 [^\n]*\n[^\n]*\n✔ PASS  R2 [^\n]*\n2\/2 requirements passed\n2 passed, 0 failed\n$/);
  expect(process.listeners('SIGINT')).toHaveLength(0);
  // The first run and the one that changed something are attempts; the unchanged one is not.
  expect(storedRuns()).toBe(2);
}, 15_000);

test('--watch does not combine with outputs meant for one run', async () => {
  const run = await runCli(['check', 'fixture-lab', '--watch', '--json'], { env, labs });
  expect(run.code).toBe(2);
  expect(run.stderr).toBe('mllab: --watch prints what changes on a terminal; it does not combine with --json\n');
});

describe('--output and --query, as the AWS CLI takes them', () => {
  test('--output json is the --json report', async () => {
    stream(48, 1);
    const run = await runCli(['check', 'fixture-lab', '--output', 'json'], { env, labs });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ schemaVersion: 1, lab: 'fixture-lab', summary: { passed: 2 } });
  });

  test('--query selects from the JSON report; the AWS CLI\'s backtick strings work', async () => {
    stream(24, 1);
    const run = await runCli(['check', 'fixture-lab', '--query', 'requirements[?status==`fail`].id'], { env, labs });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual(['R1']);
    const summary = await runCli(['check', 'fixture-lab', '--query', "{failed: summary.failed, first: requirements[0].findings[0]}"], { env, labs });
    expect(JSON.parse(summary.stdout)).toEqual({ failed: 1, first: expect.stringContaining('24 hours') });
  });

  test.each([
    [['--query', 'requirements[?'], /^mllab: --query is not a JMESPath expression: /],
    [['--output', 'yml'], /^mllab: --output must be json, text or table, got 'yml'/],
    [['--output', 'text', '--query', 'lab'], /^mllab: --output text does not combine with --query, which print JSON\n$/],
  ])('refused before anything is sent: %j', async (args, message) => {
    const run = await runCli(['check', 'fixture-lab', ...args], { env, labs });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(cfn.calls()).toHaveLength(0);
  });
});
