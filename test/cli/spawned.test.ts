// End to end: the built CLI (`node dist/bin/mllab.js`) as a user runs it, in a real Node realm.
// Built in beforeAll only when dist is missing or older than a source it is built from.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'bin', 'mllab.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

let home: string;
beforeAll(() => {
  const stale = !existsSync(cli) || ['bin', 'lib', 'labs'].some((d) => newestSource(join(root, d)) > statSync(cli).mtimeMs);
  if (stale) {
    // tsc emits even when another engineer's file has a type error; the run below proves the CLI.
    spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'ignore' });
    // As `npm run build` does: the CLI a user runs is the bundled one.
    spawnSync(process.execPath, [join(root, 'dist', 'scripts', 'bundle-cli.js')], { cwd: root, stdio: 'ignore' });
  }
  home = mkdtempSync(join(tmpdir(), 'mllab-e2e-'));
}, 120_000);
afterAll(() => rmSync(home, { recursive: true, force: true }));

function mllab(args: string[], env: Record<string, string | undefined> = {}) {
  const base: Record<string, string | undefined> = { ...process.env, MLLAB_HOME: home, NO_COLOR: '1' };
  const out = spawnSync(process.execPath, [cli, ...args], { cwd: root, env: { ...base, ...env } as NodeJS.ProcessEnv, encoding: 'utf8' });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

test('--version prints the package version', () => {
  const run = mllab(['--version']);
  expect(run.code).toBe(0);
  expect(run.stdout.trim()).toBe(require(join(root, 'package.json')).version);
  expect(run.stderr).toBe('');
});

test('an unknown lab: exit 2, one line, no stack trace, no SDK warning', () => {
  const run = mllab(['check', 'streaming-ingset']);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^mllab: unknown lab 'streaming-ingset'; did you mean 'streaming-ingest'\?/);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
});

/**
 * What a Node process loaded, from its module cache at exit: the SDK client packages (and the HTTP
 * handler) and any lab's checks module (`labs/<id>/checks.js`).
 */
function loadedBy(nodeArgs: string[], env: Record<string, string | undefined> = {}): { sdk: string[]; checks: string[] } {
  const report = join(home, 'loaded.json');
  const preload = join(home, 'report-loaded.js');
  writeFileSync(
    preload,
    `const { sep } = require('path');
process.on('exit', () => {
  const sdk = new Set();
  const checks = [];
  for (const file of Object.keys(require.cache)) {
    const parts = file.split(sep);
    if (parts.at(-1) === 'checks.js' && parts.at(-3) === 'labs') checks.push(parts.at(-2));
    const at = parts.lastIndexOf('node_modules');
    if (at < 0) continue;
    const name = parts[at + 1].startsWith('@') ? parts[at + 1] + '/' + parts[at + 2] : parts[at + 1];
    if (name.startsWith('@aws-sdk/client-') || name === '@smithy/node-http-handler') sdk.add(name);
  }
  require('fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify({ sdk: [...sdk].sort(), checks: checks.sort() }));
});
`,
  );
  const base: Record<string, string | undefined> = { ...process.env, MLLAB_HOME: home, NO_COLOR: '1', NODE_OPTIONS: `--require ${preload}` };
  const out = spawnSync(process.execPath, nodeArgs, { cwd: root, env: { ...base, ...env } as NodeJS.ProcessEnv, encoding: 'utf8' });
  expect(out.status).toBe(0);
  return JSON.parse(readFileSync(report, 'utf8'));
}

const sdkPackagesLoadedBy = (args: string[]): string[] => loadedBy([cli, ...args]).sdk;

// Every lab's checks module imports the SDK client it reads with (test/architecture), so a run that
// loaded no SDK client package ran no lab's checks, bundled CLI or not.
test.each([[['list']], [['show', 'streams-vs-firehose']], [['progress']], [['policy']], [['--help']], [['--version']]])('mllab %j loads no SDK client package, so no lab checks', (args) => {
  expect(loadedBy([cli, ...args])).toEqual({ sdk: [], checks: [] });
});

test("require('aws-ml-labs'), the package main, loads no SDK client package and no lab checks", () => {
  const loaded = loadedBy(['-e', "const m = require('aws-ml-labs'); if (typeof m.defineLab !== 'function' || typeof m.LabStack !== 'function') process.exit(9);"]);
  expect(loaded).toEqual({ sdk: [], checks: [] });
});

test('a check loads the SDK client packages of its own lab only, when its checks use them', () => {
  const loaded = sdkPackagesLoadedBy(['check', 'streams-vs-firehose', '--replay', 'labs/streams-vs-firehose/cassettes/pass.json']);
  expect(loaded).toContain('@aws-sdk/client-kinesis');
  // Other labs' modules require SageMaker, Glue and Athena; this lab's checks never use them.
  expect(loaded).not.toContain('@aws-sdk/client-sagemaker');
  expect(loaded).not.toContain('@aws-sdk/client-glue');
});

test('a lab checked from its passing cassette: exit 0 and the closing line', () => {
  const run = mllab(['check', 'streaming-ingest', '--replay', 'labs/streaming-ingest/cassettes/pass.json'], { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_REGION: undefined });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/\n\d+ passed, 0 failed\n$/);
});

test('a service left live whose endpoint is down: error naming the unreachable endpoint, exit 3', () => {
  const run = mllab(['check', 'streaming-ingest', '--json', '--replay', 'labs/streaming-ingest/cassettes/pass.json', '--replay-services', 'CloudFormation', '--timeout', '60'], {
    AWS_ENDPOINT_URL_FIREHOSE: 'http://127.0.0.1:9',
    AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9',
    AWS_ENDPOINT_URL_KINESIS: 'http://127.0.0.1:9',
  });
  const report = JSON.parse(run.stdout);
  const errors = report.requirements.filter((r: any) => r.status === 'error');
  expect(errors.length).toBeGreaterThan(0);
  for (const r of errors) expect(r.findings[0]).toMatch(/^The AWS endpoint is unreachable \(ECONNREFUSED\)/);
  expect(run.code).toBe(report.summary.failed > 0 ? 1 : 3);
});

test('no credentials for a live run: exit 3 in one line', () => {
  const empty = join(home, 'empty');
  execFileSync(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(empty)}, '')`]);
  const run = mllab(['check', 'streaming-ingest', '--region', 'us-east-1'], {
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_PROFILE: undefined,
    AWS_SHARED_CREDENTIALS_FILE: empty,
    AWS_CONFIG_FILE: empty,
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  expect(run.code).toBe(3);
  expect(run.stderr).toMatch(/^mllab: no AWS credentials found/);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
});

test('concurrent processes appending to one progress store lose nothing', async () => {
  const store = join(home, 'shared-store');
  const progress = join(root, 'dist', 'lib', 'progress', 'index.js');
  const script = `const p = require(${JSON.stringify(progress)});
for (let i = 0; i < 20; i++) p.appendRun(${JSON.stringify(store)}, { formatVersion: 1, lab: 'streaming-ingest', region: 'us-east-1', startedAt: new Date().toISOString(), durationMs: 1, requirements: [{ id: 'R1', status: 'pass' }] });`;
  const { spawn } = await import('node:child_process');
  const codes = await Promise.all(
    Array.from({ length: 6 }, () => new Promise<number | null>((resolve) => spawn(process.execPath, ['-e', script], { stdio: 'ignore' }).on('exit', resolve))),
  );
  expect(codes).toEqual(Array(6).fill(0));
  expect(readdirSync(join(store, 'runs')).filter((n) => n.endsWith('.json'))).toHaveLength(120);
  expect(readdirSync(join(store, 'runs')).filter((n) => n.endsWith('.tmp'))).toHaveLength(0);
});
