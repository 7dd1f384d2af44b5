// `npm run demo`: a real `mllab check` with no AWS account and no network. kinesalite and s3rver run
// on loopback and hold the streaming-ingest lab's stream and delivery bucket; the Firehose delivery
// stream and the lab stack's outputs, which have no emulator, come from the lab's recorded cassettes.
// The check runs once on the reference solution (exit 0) and once on a flawed state (exit 1).
import '../lib/cli/quiet-sdk';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { resourcesFrom, seedEmulators } from '../labs/streaming-ingest/emulated';
import { loadCassette } from '../lib/cassette';
import { EMULATOR_CREDENTIALS, startKinesalite, startS3rver, type RunningEmulator } from '../lib/emulators';
import { packageRoot } from '../lib/package-root';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** How the demo runs `mllab`: a child process in the demo, in-process in its test. */
export type CliRunner = (args: readonly string[], env: Readonly<Record<string, string | undefined>>) => Promise<CliRun>;

/** Runs the compiled CLI (`node dist/bin/mllab.js ...`) in `cwd` and collects its output. */
export function childProcessCli(cliPath: string, cwd: string): CliRunner {
  return (args, env) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [cliPath, ...args], { cwd, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
    });
}

export const LAB = 'streaming-ingest';
/** The services answered from the cassette; Kinesis and S3 go to the emulators. */
export const REPLAYED_SERVICES = ['CloudFormation', 'Firehose'] as const;

interface Scenario {
  readonly title: string;
  readonly story: readonly string[];
  readonly cassette: string;
  readonly variant: 'reference' | 'flawed';
  readonly expectedExit: 0 | 1;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    title: 'The reference solution',
    story: [
      'A producer wrote 120 click events, keyed by session id, one JSON object and a newline each.',
      'Firehose (played by the demo) delivered them gzip-compressed under clickstream/year=/month=/day=/hour=/.',
      'The recorded delivery stream buffers 30 s, uses that prefix, GZIP, and an error prefix by error type.',
    ],
    cassette: 'pass.json',
    variant: 'reference',
    expectedExit: 0,
  },
  {
    title: 'A flawed attempt',
    story: [
      'A producer wrote 120 click events, all under one partition key, with no newline after each object.',
      'The delivery stream was left as the lab stack deploys it: 60 s buffering, uncompressed, a daily stream/yyyy/MM/dd/',
      'prefix and a stream-errors/ error prefix; Firehose delivered the clicks there.',
    ],
    cassette: 'fail-stack-defaults.json',
    variant: 'flawed',
    expectedExit: 1,
  },
];

export interface DemoOptions {
  /** The package root (labs/ and the cassettes live under it). */
  readonly root: string;
  /** Runs `mllab` with the package root as its working directory. */
  readonly cli: CliRunner;
  readonly write: (text: string) => void;
}

export interface DemoResult {
  readonly ok: boolean;
  readonly runs: readonly { readonly scenario: string; readonly expectedExit: number; readonly exitCode: number; readonly stdout: string }[];
}

const RULE = '='.repeat(78);

/** The environment of one `mllab check`: the emulators' endpoints and credentials, nothing of the user's AWS set-up. */
export function demoEnvironment(base: Readonly<Record<string, string | undefined>>, endpoints: { kinesis: string; s3: string }, region: string): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...base };
  // A profile, a session token or a global endpoint override would send calls somewhere else.
  for (const key of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL']) delete env[key];
  return {
    ...env,
    AWS_ENDPOINT_URL_KINESIS: endpoints.kinesis,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
    AWS_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

async function runScenario(scenario: Scenario, index: number, options: DemoOptions) {
  const { write, root } = options;
  const cassetteFile = join(root, 'labs', LAB, 'cassettes', scenario.cassette);
  const shownCassette = relative(root, cassetteFile);
  const cassette = loadCassette(cassetteFile);
  const resources = resourcesFrom(cassette);

  write(`\n${RULE}\n ${index + 1}/${SCENARIOS.length}  ${scenario.title} (expected exit code ${scenario.expectedExit})\n${RULE}\n`);
  for (const line of scenario.story) write(`  ${line}\n`);

  const emulators: RunningEmulator[] = [];
  try {
    write('\n-- Starting the emulators on loopback\n');
    const [kinesalite, s3rver] = await Promise.all([startKinesalite(), startS3rver()]);
    emulators.push(kinesalite, s3rver);
    write(`  kinesalite (Kinesis) ${kinesalite.endpoint}\n  s3rver     (S3)      ${s3rver.endpoint}\n`);

    write('\n-- Applying the state to them\n');
    const seeded = await seedEmulators({ kinesis: kinesalite.endpoint, s3: s3rver.endpoint }, resources, scenario.variant);
    write(`  stream ${resources.streamName}: ${seeded.records} click events written\n`);
    write(`  bucket ${resources.deliveryBucketName}: ${seeded.objectKey}\n`);
    write(`  delivery stream ${resources.deliveryStreamName} and stack outputs: recorded in ${shownCassette}\n`);

    // Relative to the package root, where the CLI runs, so the report names the file as a reader would.
    const args = ['check', LAB, '--replay', shownCassette, '--replay-services', REPLAYED_SERVICES.join(',')];
    write(`\n-- Running the checker\n  $ mllab check ${LAB} --replay ${shownCassette} --replay-services ${REPLAYED_SERVICES.join(',')}\n`);
    write(`    (AWS_ENDPOINT_URL_KINESIS=${kinesalite.endpoint} AWS_ENDPOINT_URL_S3=${s3rver.endpoint})\n\n`);
    const run = await options.cli(args, demoEnvironment(process.env, { kinesis: kinesalite.endpoint, s3: s3rver.endpoint }, cassette.region));
    write(run.stdout.replace(/^/gm, '  '));
    if (run.stderr.trim()) write(`\n  stderr:\n${run.stderr.replace(/^/gm, '  ')}`);
    const as = run.code === scenario.expectedExit ? 'as expected' : `expected ${scenario.expectedExit}`;
    write(`\n  mllab exited with ${run.code} (${as})\n`);
    return { scenario: scenario.title, expectedExit: scenario.expectedExit, exitCode: run.code, stdout: run.stdout };
  } finally {
    write('\n-- Stopping the emulators\n');
    await Promise.all(emulators.map((e) => e.stop()));
  }
}

/** The demo's core: both scenarios, in order, each on fresh emulators. */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  options.write(
    `aws-ml-labs demo: a real \`mllab check ${LAB}\`, offline.\n` +
      'Kinesis and S3 are local emulators on 127.0.0.1; the Firehose delivery stream and the lab stack\'s\n' +
      'outputs are answered from recorded API responses (cassettes). Nothing leaves this machine.\n',
  );
  const runs = [];
  for (const [i, scenario] of SCENARIOS.entries()) runs.push(await runScenario(scenario, i, options));
  // The same two attempts as `mllab diagram` draws them, from their cassettes alone (the emulators'
  // records are the checks' concern): the flawed pipeline with each broken link marked by its requirement.
  options.write('\n-- The two pipelines, as `mllab diagram` draws them (also --format mermaid or svg)\n');
  for (const scenario of SCENARIOS) {
    const shown = join('labs', LAB, 'cassettes', scenario.cassette);
    const args = ['diagram', LAB, '--replay', shown, '--region', loadCassette(join(options.root, shown)).region];
    const drawn = await options.cli(args, { ...process.env, NO_COLOR: '1' });
    options.write(`\n  ${scenario.title}: $ mllab ${args.join(' ')}\n\n${drawn.stdout.replace(/^(?=.)/gm, '    ')}${drawn.stderr.replace(/^(?=.)/gm, '    ')}`);
  }
  const ok = runs.every((r) => r.exitCode === r.expectedExit);
  options.write(`\n${RULE}\n`);
  options.write(
    ok
      ? ' Demo complete: the reference solution passed (exit 0) and the flawed attempt failed (exit 1), each\n failure with a finding that says why. Deploy a lab to your own account with `npx mllab deploy <lab>`.\n'
      : ` Demo FAILED: ${runs.filter((r) => r.exitCode !== r.expectedExit).map((r) => `"${r.scenario}" exited ${r.exitCode}, expected ${r.expectedExit}`).join('; ')}.\n`,
  );
  options.write(`${RULE}\n`);
  return { ok, runs };
}

async function main(): Promise<number> {
  const root = packageRoot();
  const cliPath = join(root, 'dist', 'bin', 'mllab.js');
  if (!existsSync(cliPath)) {
    process.stderr.write(`demo: ${relative(root, cliPath)} is missing: run \`npm ci\` (or \`npm run build\`) first, the demo runs the compiled CLI.\n`);
    return 1;
  }
  const started = Date.now();
  try {
    const result = await runDemo({ root, cli: childProcessCli(cliPath, root), write: (t) => process.stdout.write(t) });
    process.stdout.write(`(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    return result.ok ? 0 : 1;
  } catch (err: any) {
    process.stderr.write(`demo: ${err?.message ?? String(err)}\n`);
    return 1;
  }
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main().then((code) => {
    process.exitCode = code;
  });
}
