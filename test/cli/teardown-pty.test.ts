// `mllab teardown <lab> --yes` on a real terminal (a pseudo-terminal from util-linux `script`): the
// plan, then y/N. AWS is a loopback server holding one stream tagged for the lab.
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, ensureBuilt, root } from './built';

const LAB = 'streams-vs-firehose';
const STREAM = 'learner-extra';
const json = (body: unknown, status = 200, type?: string) => ({ status, headers: { 'content-type': 'application/x-amz-json-1.1', ...(type ? { 'x-amzn-errortype': type } : {}) }, body: JSON.stringify(body) });
const xml = (body: string, status = 200) => ({ status, headers: { 'content-type': 'text/xml' }, body });

let server: Server;
let url: string;
let streamExists = true;
const operations: string[] = [];

/** Answers what a dry run and a deletion of the lab ask: every other list is empty. */
function answer(target: string, action: string): { status: number; headers: Record<string, string>; body: string } {
  const op = target.split('.').pop() || action;
  operations.push(op);
  switch (op) {
    case 'GetCallerIdentity':
      return xml('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:sts::111122223333:assumed-role/Learner/me</Arn><UserId>AROA:me</UserId><Account>111122223333</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>');
    case 'DescribeStacks':
      return xml('<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id x does not exist</Message></Error><RequestId>1</RequestId></ErrorResponse>', 400);
    case 'GetResources':
      return json({ ResourceTagMappingList: streamExists ? [{ ResourceARN: `arn:aws:kinesis:us-east-1:111122223333:stream/${STREAM}`, Tags: [{ Key: 'mllab:lab', Value: LAB }] }] : [] });
    case 'ListStreams':
      return json({ StreamNames: streamExists ? [STREAM] : [], HasMoreStreams: false });
    case 'DescribeStreamSummary':
      if (!streamExists) return json({ __type: 'ResourceNotFoundException', message: 'not found' }, 400, 'ResourceNotFoundException');
      return json({ StreamDescriptionSummary: { StreamName: STREAM, StreamARN: `arn:aws:kinesis:us-east-1:111122223333:stream/${STREAM}`, StreamStatus: 'ACTIVE', StreamModeDetails: { StreamMode: 'ON_DEMAND' }, OpenShardCount: 1, RetentionPeriodHours: 24, StreamCreationTimestamp: 1700000000, EnhancedMonitoring: [], ConsumerCount: 0 } });
    case 'DeleteStream':
      streamExists = false;
      return json({});
    default:
      return target ? json({}) : xml('<Empty/>');
  }
}

beforeAll(async () => {
  ensureBuilt();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const r = answer(String(req.headers['x-amz-target'] ?? ''), new URLSearchParams(body).get('Action') ?? '');
      res.writeHead(r.status, r.headers);
      res.end(r.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 180_000);
afterAll(() => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }));
beforeEach(() => {
  streamExists = true;
  operations.length = 0;
});

const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

/** Runs mllab on a pseudo-terminal with `typed` as the keyboard; asynchronously, so this process's server can answer. */
async function onTerminal(typed: string): Promise<{ status: number | null; screen: string }> {
  const home = mkdtempSync(join(tmpdir(), 'mllab-teardown-pty-'));
  try {
    const child = spawn('script', ['-qec', `"${process.execPath}" "${cli}" teardown ${LAB} --region us-east-1 --yes --poll-seconds 1`, '/dev/null'], {
      cwd: root,
      env: { ...process.env, HOME: home, MLLAB_HOME: home, NO_COLOR: '1', AWS_ENDPOINT_URL: url, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'x', AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none') },
    });
    let screen = '';
    child.stdout.on('data', (d) => (screen += d));
    child.stdin.end(typed);
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(killer);
    return { status, screen: screen.replace(/\r/g, '') };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

(hasScript ? describe : describe.skip)('teardown --yes on a real terminal', () => {
  test('shows where, the plan and the question; "n" deletes nothing: exit 1', async () => {
    const { status, screen } = await onTerminal('n\n');
    expect(screen).toContain('account 111122223333 (arn:aws:sts::111122223333:assumed-role/Learner/me), region us-east-1');
    expect(screen).toMatch(/10 +delete\s+kinesis:stream +learner-extra/);
    expect(screen).toContain(`Delete the 1 item(s) above of ${LAB} in us-east-1? This is irreversible. [y/N]`);
    expect(screen).toContain(`mllab: teardown of ${LAB} in us-east-1 was not confirmed: nothing of it was changed`);
    expect(operations).not.toContain('DeleteStream');
    expect(status).toBe(1);
  }, 90_000);

  test('"y" deletes the stream, then the sweep finds nothing: exit 0', async () => {
    const { status, screen } = await onTerminal('y\n');
    expect(screen).toContain('[y/N]');
    expect(operations).toContain('DeleteStream');
    expect(screen).toContain(`sweep: nothing of ${LAB} is left in us-east-1`);
    expect(status).toBe(0);
  }, 90_000);
});
