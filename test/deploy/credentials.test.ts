// deploy and destroy ask who the caller is before they synthesise: without usable credentials they
// stop in one line, exit 3, and the lab app is never built.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { forgetCallerIdentities } from '../../lib/cli/identity';
import type { LabAppFactory } from '../../lib/deploy';
import { awsError } from '../support/check-harness';
import { runCli } from '../support/cli-harness';
import { FIXTURE_LAB } from '../support/fixture-lab';
import { forbidNetwork } from './no-network';

// Nothing here may reach a network (no credentials means no request is even signed).
forbidNetwork();

/** Every variable the SDK's default credential chain reads, so the machine's own credentials stay out. */
const CREDENTIAL_VARIABLES = [
  'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION',
  'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_EC2_METADATA_DISABLED',
];
const saved = Object.fromEntries(CREDENTIAL_VARIABLES.map((k) => [k, process.env[k]]));
let home: string;

beforeEach(() => {
  forgetCallerIdentities();
  home = mkdtempSync(join(tmpdir(), 'mllab-no-credentials-'));
  // The SDK's credential chain reads the process's environment, not the CLI's injected one.
  for (const k of CREDENTIAL_VARIABLES) delete process.env[k];
  process.env.AWS_CONFIG_FILE = join(home, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'credentials');
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(home, { recursive: true, force: true });
});

/** A lab app factory that records each call and must never be called here. */
function watchedApp(): { factory: LabAppFactory; calls: number } {
  const watched = { calls: 0, factory: (() => {
    watched.calls++;
    throw new Error('the lab app was synthesised');
  }) as LabAppFactory };
  return watched;
}

const env = () => ({ ...process.env });

test.each([
  ['deploy', []],
  ['destroy', ['--yes']],
])('%s without credentials: exit 3 in one line, before any synthesis', async (command, flags) => {
  const app = watchedApp();
  const run = await runCli([command, FIXTURE_LAB.id, '--region', 'us-east-1', ...flags], { labs: [FIXTURE_LAB], env: env(), io: { createLabApp: app.factory, stackEventPollingMs: 5 } });
  expect(run.code).toBe(3);
  expect(run.stderr).toMatch(/^mllab: No AWS credentials found: set AWS_PROFILE or pass --profile, or run `aws configure` \/ `aws sso login`\. \(nothing was synthesised or changed\)\n$/);
  expect(run.stdout).toBe('');
  expect(app.calls).toBe(0);
});

describe('credentials AWS refuses', () => {
  // Mocked only in here: the tests above need the SDK's real credential chain.
  let sts: AwsStub<any, any, any>;
  beforeAll(() => (sts = mockClient(STSClient)));
  afterAll(() => sts.restore());
  beforeEach(() => sts.reset());

  test.each([
    ['deploy', []],
    ['destroy', ['--yes']],
  ])('%s with an expired session: exit 3, "log in again", before any synthesis', async (command, flags) => {
    sts.on(GetCallerIdentityCommand).rejects(awsError('ExpiredToken', 'The security token included in the request is expired', 403));
    const app = watchedApp();
    const run = await runCli([command, FIXTURE_LAB.id, '--region', 'us-east-1', ...flags], { labs: [FIXTURE_LAB], env: env(), io: { createLabApp: app.factory } });
    expect(run.code).toBe(3);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([
      'mllab: AWS refused your credentials as expired or invalid (ExpiredToken): log in again (`aws sso login`, or renew the keys) and run the command again. (nothing was synthesised or changed)',
    ]);
    expect(app.calls).toBe(0);
  });

  test('with credentials, the caller and region are named before synthesis starts', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/learner' });
    const stderr: string[] = [];
    const run = await runCli(['deploy', FIXTURE_LAB.id, '--region', 'us-east-1'], {
      labs: [FIXTURE_LAB],
      env: env(),
      io: { createLabApp: () => { stderr.push('synthesis'); throw new Error('stop here'); } },
    });
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n');
    expect(lines[0]).toBe('account 123456789012 (arn:aws:iam::123456789012:user/learner), region us-east-1');
    expect(lines[1]).toBe(`synthesising MlLab-${FIXTURE_LAB.id}`);
    expect(stderr).toEqual(['synthesis']);
  });
});
