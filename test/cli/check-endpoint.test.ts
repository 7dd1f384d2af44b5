// `mllab check --endpoint-url`: every call goes to the given endpoint (a loopback server here),
// over the wire with the real SDK clients, ahead of AWS_ENDPOINT_URL.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli-harness';
import { FIXTURE } from '../support/fixture-lab';

let server: Server;
let url: string;
const seen: string[] = [];

beforeAll(async () => {
  // CloudFormation (query protocol) answering DescribeStacks for a stack that does not exist.
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push(new URLSearchParams(body).get('Action') ?? '');
      res.writeHead(400, { 'content-type': 'text/xml' });
      res.end('<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id MlLab-fixture-lab does not exist</Message></Error><RequestId>1</RequestId></ErrorResponse>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

test('--endpoint-url sends every call there, ahead of AWS_ENDPOINT_URL', async () => {
  const home = mkdtempSync(join(tmpdir(), 'mllab-check-endpoint-'));
  try {
    // test/setup-env.ts points AWS_ENDPOINT_URL at a closed port: without the flag this run would say "unreachable".
    const run = await runCli(['check', 'fixture-lab', '--endpoint-url', url], { env: { ...process.env, MLLAB_HOME: home }, labs: [FIXTURE] });
    expect(seen).toContain('DescribeStacks');
    expect(run.stderr).toBe('mllab: could not check fixture-lab: The lab stack MlLab-fixture-lab is not deployed in us-east-1: run `mllab deploy fixture-lab` first.\n');
    expect(run.code).toBe(3);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
