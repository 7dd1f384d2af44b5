// The demo's core, once, with the CLI run in-process (the demo itself spawns the compiled CLI; the
// spawn path is tested on its own below, without needing dist/).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../lib/cli/main';
import { childProcessCli, demoEnvironment, runDemo, type CliRunner } from '../../scripts/demo';

const ROOT = join(__dirname, '..', '..');

/** `mllab` in this process: the SDK reads endpoints and credentials from process.env, so they are set for the run. */
const inProcessCli: CliRunner = async (args, env) => {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
  let stdout = '';
  let stderr = '';
  try {
    const code = await main([...args], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: { ...env } });
    return { code, stdout, stderr };
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
};

test('the demo passes the reference state (exit 0) and fails the flawed one (exit 1), with teaching findings', async () => {
  let output = '';
  const started = Date.now();
  const result = await runDemo({ root: ROOT, cli: inProcessCli, write: (t) => (output += t) });
  expect(result.runs.map((r) => [r.exitCode, r.expectedExit])).toEqual([[0, 0], [1, 1]]);
  expect(result.ok).toBe(true);
  expect(result.runs[0]!.stdout).toMatch(/7 passed, 0 failed/);
  expect(result.runs[1]!.stdout).toMatch(/0 passed, 7 failed/);
  expect(result.runs[1]!.stdout).toMatch(/hot shards/);
  expect(output).toMatch(/1\/2 {2}The reference solution/);
  expect(output).toMatch(/2\/2 {2}A flawed attempt/);
  expect(output).toMatch(/kinesalite \(Kinesis\) http:\/\/127\.0\.0\.1:\d+/);
  expect(output).toMatch(/\$ mllab check streaming-ingest --replay labs\/streaming-ingest\/cassettes\/pass\.json --replay-services CloudFormation,Firehose/);
  expect(output).toMatch(/Demo complete/);
  expect(Date.now() - started).toBeLessThan(30_000);
});

test('the demo reports failure when a run does not exit as expected', async () => {
  let output = '';
  const alwaysPasses: CliRunner = async () => ({ code: 0, stdout: '7 passed, 0 failed\n', stderr: '' });
  const result = await runDemo({ root: ROOT, cli: alwaysPasses, write: (t) => (output += t) });
  expect(result.ok).toBe(false);
  expect(output).toMatch(/Demo FAILED: "A flawed attempt" exited 0, expected 1/);
});

test('the check runs with the emulators\' endpoints and credentials, and none of the user\'s AWS set-up', () => {
  const env = demoEnvironment(
    { PATH: '/bin', AWS_PROFILE: 'prod', AWS_SESSION_TOKEN: 't', AWS_ENDPOINT_URL: 'https://example.com', AWS_ACCESS_KEY_ID: 'AKIAREAL' },
    { kinesis: 'http://127.0.0.1:1', s3: 'http://127.0.0.1:2' },
    'us-east-1',
  );
  expect(env).toMatchObject({ PATH: '/bin', AWS_ENDPOINT_URL_KINESIS: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:2', AWS_ACCESS_KEY_ID: 'S3RVER', AWS_REGION: 'us-east-1' });
  // The SDK's Node-version warning would otherwise interleave with the report on Node 20.
  expect(env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe('true');
  expect(env).not.toHaveProperty('AWS_PROFILE');
  expect(env).not.toHaveProperty('AWS_SESSION_TOKEN');
  expect(env).not.toHaveProperty('AWS_ENDPOINT_URL');
});

test('the child-process runner passes arguments, environment and working directory, and returns the exit code', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mllab-demo-test-'));
  try {
    const script = join(dir, 'fake-cli.js');
    writeFileSync(script, 'process.stdout.write(JSON.stringify({ args: process.argv.slice(2), k: process.env.AWS_ENDPOINT_URL_KINESIS, cwd: process.cwd() })); process.stderr.write("warn"); process.exitCode = 3;');
    const run = await childProcessCli(script, dir)(['check', 'x'], { AWS_ENDPOINT_URL_KINESIS: 'http://127.0.0.1:9' });
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toEqual({ args: ['check', 'x'], k: 'http://127.0.0.1:9', cwd: dir });
    expect(run.stderr).toBe('warn');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
