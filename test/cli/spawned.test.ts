// End to end: the built CLI (`node dist/bin/mllab.js`) as a user runs it, in a real Node realm.
// Built in beforeAll only when dist is missing or older than a source it is built from.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, ensureBuilt, root } from './built';

let home: string;
beforeAll(() => {
  ensureBuilt();
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

test('a check loads its own lab\'s checks, from dist/labs (outside the bundle), and no other lab\'s', () => {
  expect(loadedBy([cli, 'check', 'streams-vs-firehose', '--replay', 'labs/streams-vs-firehose/cassettes/pass.json']).checks).toEqual(['streams-vs-firehose']);
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

describe('output that cannot be written', () => {
  /** mllab with stdout a pipe whose reader goes away: at once, or after reading the first line. */
  function readerGoesAway(args: string[], after: 'at-once' | 'first-line'): Promise<{ code: number | null; stderr: string; read: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: { ...process.env, MLLAB_HOME: home, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let read = '';
      child.stderr.on('data', (d) => (stderr += d));
      // Closed before mllab (still starting Node) writes anything: its first write meets EPIPE.
      if (after === 'at-once') child.stdout.destroy();
      else {
        child.stdout.on('data', (d) => {
          read += d;
          if (read.includes('\n')) child.stdout.destroy();
        });
      }
      child.on('close', (code) => resolve({ code, stderr, read }));
    });
  }

  test('a reader that went away before the first line (EPIPE): exit 0, nothing on stderr', async () => {
    const run = await readerGoesAway(['list'], 'at-once');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  test('mllab list whose reader closes after the first line, like `| head -1`: exit 0, nothing on stderr', async () => {
    const run = await readerGoesAway(['list'], 'first-line');
    expect(run.read.split('\n')[0]).toMatch(/^\S+ {2}\S/);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  test('`mllab list | head -1` in a shell with pipefail: exit 0, no stack trace', () => {
    const out = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${cli}" list | head -1`], { cwd: root, env: { ...process.env, MLLAB_HOME: home }, encoding: 'utf8' });
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout.split('\n').filter(Boolean)).toHaveLength(1);
  });

  test('> /dev/full (ENOSPC): one line on stderr, exit 3', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const out = spawnSync(process.execPath, [cli, 'list'], { cwd: root, env: { ...process.env, MLLAB_HOME: home }, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect(out.stderr).toBe('mllab: cannot write the output to stdout (ENOSPC); the disk is full\n');
      expect(out.status).toBe(3);
    } finally {
      closeSync(full);
    }
  });
});

// `script` (util-linux) runs mllab on a pseudo-terminal, as a person at a keyboard would.
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

(hasScript ? describe : describe.skip)('on a real terminal (script from util-linux)', () => {
  test('destroy shows the stack and waits for y/N; "n" deletes nothing and sends nothing', () => {
    const cdkHome = mkdtempSync(join(tmpdir(), 'mllab-pty-cdk-'));
    try {
      const command = `"${process.execPath}" "${cli}" destroy streams-vs-firehose --region us-east-1`;
      const out = spawnSync('script', ['-qec', command, '/dev/null'], {
        cwd: root,
        input: 'n\n',
        encoding: 'utf8',
        // Any call that did leave would meet a closed loopback port; the answer is no, so none does.
        env: { ...process.env, MLLAB_HOME: home, NO_COLOR: '1', CDK_HOME: cdkHome, AWS_ENDPOINT_URL: 'http://127.0.0.1:9' },
        timeout: 110_000,
      });
      const screen = out.stdout.replace(/\r/g, '');
      expect(screen).toContain('Are you sure you want to delete: MlLab-streams-vs-firehose (region us-east-1)? This is irreversible. [y/N]');
      expect(screen).toContain('mllab: MlLab-streams-vs-firehose was not deleted: the deletion was not confirmed');
      expect(screen).not.toMatch(/destroying|ECONNREFUSED|\n\s+at /);
      expect(out.status).toBe(1);
    } finally {
      rmSync(cdkHome, { recursive: true, force: true });
    }
  }, 120_000);

  test('destroy without a terminal and without --yes: refused at once, before synthesis', () => {
    const run = mllab(['destroy', 'streams-vs-firehose', '--region', 'us-east-1']);
    expect(run.code).toBe(2);
    // The refusal is all stderr holds: without a terminal each phase prints a plain line
    // ("synthesising ..."), so none was reached.
    expect(run.stderr).toBe('mllab: destroy deletes MlLab-streams-vs-firehose and everything in it, and there is no terminal to ask for confirmation: run it again with --yes to confirm\n');
  });
});
