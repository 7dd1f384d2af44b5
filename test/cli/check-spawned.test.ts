// The built CLI against loopback servers that misbehave as real networks do: one that accepts and
// never answers, one that resets every connection, one that answers "your token expired". Each run
// must end on its own (no hang after the report), say the real cause once, and print no SDK log line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, ensureBuilt, root } from './built';

let home: string;
beforeAll(() => {
  ensureBuilt();
  home = mkdtempSync(join(tmpdir(), 'mllab-check-spawned-'));
}, 180_000);
afterAll(() => rmSync(home, { recursive: true, force: true }));

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A loopback HTTP server; every connection it accepted is closed with it, so no test leaves one behind. */
async function serve(handler: Handler): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs the built CLI with every AWS endpoint at `url`, fake keys, and a fresh progress store; kills it after `killAfterMs`. */
function mllab(args: string[], url: string, killAfterMs: number, env: Record<string, string> = {}): Promise<Run> {
  const started = Date.now();
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      MLLAB_HOME: join(home, 'store'),
      NO_COLOR: '1',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(home, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL: url,
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

const storedRuns = () => {
  const dir = join(home, 'store', 'runs');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).length : 0;
};

/** A cause every requirement shares: one line on stderr, exit 3, no report on stdout, no attempt stored. */
function expectToldOnce(run: Run, line: RegExp): void {
  expect({ code: run.code, stdout: run.stdout, lines: run.stderr.trim().split('\n').length, stored: storedRuns() }).toEqual({ code: 3, stdout: '', lines: 1, stored: 0 });
  expect(run.stderr).toMatch(line);
}

test('an endpoint that accepts and never answers: the run ends within --timeout + 2 s, error verdicts, one line, no SDK log, nothing stored', async () => {
  const server = await serve(() => undefined);
  try {
    const run = await mllab(['check', 'streaming-ingest', '--json', '--timeout', '2'], server.url, 20_000);
    expect(run.ms).toBeLessThan(4_000);
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout);
    const ran = report.requirements.filter((r: any) => r.status !== 'skipped');
    expect(ran.length).toBeGreaterThan(0);
    for (const r of ran) expect(r).toMatchObject({ status: 'error', findings: [expect.stringMatching(/did not finish within 2 s/)] });
    expect(report.precondition).toMatchObject({ cause: 'timeout' });
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^mllab: could not check streaming-ingest: The check did not finish within 2 s/)]);
    expect(run.stderr).not.toMatch(/WARN|requestTimeout/);
    expect(server.requests()).toBeGreaterThan(0);
    expect(storedRuns()).toBe(0);
  } finally {
    await server.close();
  }
}, 30_000);

test('an endpoint that resets every connection: "closed the connection", never "timed out"', async () => {
  const server = await serve((req) => req.socket.destroy());
  try {
    const run = await mllab(['check', 'streaming-ingest', '--timeout', '20'], server.url, 25_000, { AWS_MAX_ATTEMPTS: '1' });
    expectToldOnce(run, /^mllab: could not check streaming-ingest: The AWS endpoint closed the connection \(ECONNRESET\)/);
    expect(run.stderr).not.toMatch(/timed out|did not finish/);
  } finally {
    await server.close();
  }
}, 30_000);

/** An expired-token answer in each protocol the lab's clients speak: query (CloudFormation, XML) and JSON. */
const expiredToken: Handler = (req, res) => {
  const type = String(req.headers['content-type'] ?? '');
  req.resume();
  req.on('end', () => {
    if (type.includes('x-www-form-urlencoded')) {
      res.writeHead(403, { 'content-type': 'text/xml' });
      res.end('<ErrorResponse><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error><RequestId>1</RequestId></ErrorResponse>');
    } else {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'ExpiredTokenException' });
      res.end(JSON.stringify({ __type: 'ExpiredTokenException', message: 'The security token included in the request is expired' }));
    }
  });
};

test('an expired token: "log in again" naming the profile, once, exit 3; not "access denied"', async () => {
  const server = await serve(expiredToken);
  try {
    const credentials = join(home, 'credentials');
    writeFileSync(credentials, '[learner]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\naws_session_token = expired\n');
    const run = await mllab(['check', 'streaming-ingest', '--profile', 'learner'], server.url, 25_000, { AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' });
    expectToldOnce(run, /^mllab: could not check streaming-ingest: AWS refused profile 'learner' as expired or invalid \(ExpiredToken(Exception)?\): log in again \(`aws sso login --profile learner`/);
    expect(run.stderr).not.toMatch(/Access denied|Grant /);
  } finally {
    await server.close();
  }
}, 30_000);

const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

// A real terminal (a pseudo-terminal from util-linux `script`), 80 columns wide.
(hasScript ? test : test.skip)('on a terminal: a live line per requirement, colour, and the report wrapped to the width', async () => {
  const command = `stty cols 80 rows 24; ${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} check streaming-ingest --replay labs/streaming-ingest/cassettes/fail-firehose-defaults.json`;
  const { NO_COLOR: _noColor, FORCE_COLOR: _forceColor, ...env } = process.env;
  const out = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: root, encoding: 'utf8', env: { ...env, MLLAB_HOME: join(home, 'store'), TERM: 'xterm' } });
  expect(out.status).toBe(1);
  const text = out.stdout;
  expect(text).toMatch(/\r\u001b\[2Kchecking R1[^\r]* \(0\/7 done\)/);
  expect(text).toContain('\u001b[31m✘ FAIL \u001b[39m');
  // What the screen shows of each line: the text after the last carriage return, without colour codes.
  // eslint-disable-next-line no-control-regex
  const shown = text.split('\n').map((l) => (l.replace(/\r$/, '').split('\r').pop() ?? '').replace(/\u001b\[[0-9;]*[mK]/g, ''));
  expect(shown).toContain('0 passed, 7 failed');
  for (const line of shown) {
    if ([...line].length > 80) expect(line.trim().split(/\s+/)).toHaveLength(1);
  }
}, 30_000);
