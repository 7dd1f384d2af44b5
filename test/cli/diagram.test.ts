// mllab diagram, in-process: formats, --output, --replay, the stored graph, and one line with the
// right exit code for bad input (2) and for what the environment stops (3).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeStreamSummaryCommand, KinesisClient, ListStreamConsumersCommand } from '@aws-sdk/client-kinesis';
import { mockClient } from 'aws-sdk-client-mock';
import { GENERIC_NOTE, loadStoredDiagram } from '../../lib/diagram';
import { CloudFormationClient, mockStackOutputs } from '../support/check-harness';
import { runCli } from '../support/cli-harness';
import { FIXTURE, FIXTURE_LAB, FIXTURE_STREAM_ARN } from '../support/fixture-lab';
import { LABS_DIR } from '../support/replay';

const kinesis = mockClient(KinesisClient);
const cfn = mockClient(CloudFormationClient);

const cassette = (lab: string, file: string) => join(LABS_DIR, lab, 'cassettes', file);
const STACK_DEFAULTS = cassette('streaming-ingest', 'fail-stack-defaults.json');

let home: string;
let env: Record<string, string | undefined>;
beforeEach(() => {
  kinesis.reset();
  cfn.reset();
  home = mkdtempSync(join(tmpdir(), 'mllab-diagram-cli-'));
  env = { ...process.env, MLLAB_HOME: home };
  delete env.AWS_REGION;
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

test('text by default: the pipeline with the failing requirements beside their elements, exit 0', async () => {
  const run = await runCli(['diagram', 'streaming-ingest', '--replay', STACK_DEFAULTS], { env });
  expect(run).toMatchObject({ code: 0, stderr: '' });
  expect(run.stdout.split('\n')[0]).toBe(`streaming-ingest: Streaming ingest: clickstream into a partitioned, compressed data lake (replayed from ${STACK_DEFAULTS})`);
  expect(run.stdout).toContain('      └─▶ S3 prefix s3://mllab-streaming-ingest-delivery-111122223333/stream/!{timestamp:yyyy/MM/dd}/ [buffer 60 s or 5 MiB, UNCOMPRESSED]  ✗ R1 R3');
  expect(run.stdout).toContain('0 of 7 requirements pass.');
  expect(run.stdout).not.toContain('\u001b[');
});

test('a replayed diagram is not kept: it says nothing about your account (as check keeps no progress from a replay)', async () => {
  const run = await runCli(['diagram', 'streams-vs-firehose', '--replay', cassette('streams-vs-firehose', 'fail-defaults.json')], { env });
  expect(run.code).toBe(0);
  expect(loadStoredDiagram('streams-vs-firehose', home)).toBeUndefined();
});

test('--format mermaid prints a flowchart', async () => {
  const run = await runCli(['diagram', 'xgboost-builtin', '--replay', cassette('xgboost-builtin', 'fail-validation-leak.json'), '--format', 'mermaid'], { env });
  expect(run.code).toBe(0);
  expect(run.stdout.split('\n')[0]).toBe('flowchart LR');
  expect(run.stdout).toContain('class n2,n3 failing');
});

test('--format svg --output <file> writes the SVG there and says so on stderr', async () => {
  const file = join(home, 'pipeline.svg');
  const run = await runCli(['diagram', 'datalake-athena', '--replay', cassette('datalake-athena', 'fail-missing-partition.json'), '--format', 'svg', '--output', file], { env });
  expect(run).toMatchObject({ code: 0, stdout: '' });
  expect(run.stderr).toBe(`Wrote the svg diagram of datalake-athena to ${file}.\n`);
  const svg = readFileSync(file, 'utf8');
  expect(svg).toMatch(/^<\?xml/);
  expect(svg).toContain('id="node&#45;raw&#45;table" class="node kind&#45;table failing mark&#45;R3"');
});

test('a live run (mocked SDK) of a lab with no diagram module draws the generic diagram and says so', async () => {
  mockStackOutputs(cfn, FIXTURE_LAB.id, { StreamName: 'clicks' });
  kinesis.on(DescribeStreamSummaryCommand).resolves({ StreamDescriptionSummary: { StreamName: 'clicks', StreamARN: FIXTURE_STREAM_ARN, StreamStatus: 'ACTIVE', RetentionPeriodHours: 48, StreamCreationTimestamp: new Date(), OpenShardCount: 1, EnhancedMonitoring: [] } });
  kinesis.on(ListStreamConsumersCommand).resolves({ Consumers: [] });
  const run = await runCli(['diagram', 'fixture-lab', '--region', 'us-east-1'], { env, labs: [FIXTURE] });
  expect(run.code).toBe(0);
  expect(run.stdout.split('\n')[0]).toBe('fixture-lab: Fixture: a replayable stream (us-east-1), generic diagram');
  expect(run.stdout).toContain('  Kinesis data stream clicks (Kinesis data stream)');
  expect(run.stdout).toContain('  ✗ R2 The stream has a registered consumer.');
  expect(run.stdout.replace(/\s+/g, ' ')).toContain(`note: ${GENERIC_NOTE}`);
  // A live diagram is kept for the HTML report, as drawn.
  const stored = loadStoredDiagram('fixture-lab', home)!;
  expect(stored).toMatchObject({ lab: 'fixture-lab', generic: true, region: 'us-east-1' });
  expect(stored.replayedFrom).toBeUndefined();
  expect(stored.requirements.map((r) => r.status)).toEqual(['pass', 'fail']);
});

describe('bad input: one line on stderr, exit 2, nothing drawn or stored', () => {
  const oneLine = (stderr: string) => stderr.trim().split('\n');

  test.each([
    [['diagram', 'streaming-ingest', '--replay', STACK_DEFAULTS, '--format', 'mermiad'], /^mllab: --format must be text, mermaid or svg, got 'mermiad'; did you mean 'mermaid'\?$/],
    [['diagram', 'streaming-ingst', '--replay', STACK_DEFAULTS], /^mllab: unknown lab 'streaming-ingst'.*streaming-ingest/],
    [['diagram', 'streaming-ingest', '--replay', join(LABS_DIR, 'no-such.json')], /^mllab: .*no-such\.json: cannot read the cassette \(ENOENT\)$/],
    [['diagram', 'streaming-ingest', '--replay', STACK_DEFAULTS, '--output', join(tmpdir(), 'no-such-dir-mllab', 'x.svg')], /^mllab: cannot write the diagram to .*x\.svg \(ENOENT\): its folder must exist and be writable$/],
    [['diagram', 'streaming-ingest', '--replay', STACK_DEFAULTS, '--timeout', '0'], /^mllab: --timeout must be a number of seconds between 1 and 900, got '0'/],
  ])('%j', async (argv, message) => {
    const run = await runCli(argv as string[], { env });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(oneLine(run.stderr)).toHaveLength(1);
    expect(run.stderr.trim()).toMatch(message);
    expect(existsSync(join(home, 'diagrams'))).toBe(false);
  });

  test('a malformed cassette is refused with the path of the bad field', async () => {
    const file = join(home, 'bad.json');
    writeFileSync(file, JSON.stringify({ formatVersion: 1, region: 'us-east-1', calls: [{ service: 'Kinesis', operation: 'ListShardsCommand', output: {} }] }));
    const run = await runCli(['diagram', 'streaming-ingest', '--replay', file], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`mllab: ${file}: calls[0].operation: operation is the command name without "Command"\n`);
    expect(existsSync(join(home, 'diagrams'))).toBe(false);
  });
});

describe('the environment stops it: one line, exit 3', () => {
  test('credentials AWS refuses for every read: "log in again", once', async () => {
    const file = join(home, 'expired.json');
    const expired = { name: 'ExpiredTokenException', message: 'The security token included in the request is expired', httpStatusCode: 400 };
    writeFileSync(file, JSON.stringify({ formatVersion: 1, region: 'us-east-1', calls: [{ service: 'CloudFormation', operation: 'DescribeStacks', error: expired }] }));
    const run = await runCli(['diagram', 'streams-vs-firehose', '--replay', file], { env });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^mllab: could not draw streams-vs-firehose: .*expired/i);
  });

  test('a progress data folder that cannot be written (a live run keeps its diagram there)', async () => {
    const file = join(home, 'not-a-folder');
    writeFileSync(file, '');
    mockStackOutputs(cfn, FIXTURE_LAB.id, { StreamName: 'clicks' });
    kinesis.on(DescribeStreamSummaryCommand).resolves({ StreamDescriptionSummary: { StreamName: 'clicks', StreamARN: FIXTURE_STREAM_ARN, StreamStatus: 'ACTIVE', RetentionPeriodHours: 24, StreamCreationTimestamp: new Date(), OpenShardCount: 1, EnhancedMonitoring: [] } });
    const run = await runCli(['diagram', 'fixture-lab', '--region', 'us-east-1'], { env: { ...env, MLLAB_HOME: file }, labs: [FIXTURE] });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^mllab: cannot save the diagram in .*not-a-folder \((ENOTDIR|EEXIST)\); set MLLAB_HOME to a writable directory\n$/);
  });
});
