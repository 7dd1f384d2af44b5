import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeStreamSummaryCommand, GetRecordsCommand, KinesisClient, ListStreamConsumersCommand, ResourceNotFoundException } from '@aws-sdk/client-kinesis';
import { DescribeDeliveryStreamCommand, FirehoseClient } from '@aws-sdk/client-firehose';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { CassetteError, loadCassette, parseCassette, recordingTransport, replayTransport, writeCassette, type Cassette } from '../../lib/cassette';
import { defineLab } from '../../lib/model';
import { defineChecks, fail, pass } from '../../lib/check/verdicts';
import { runLab } from '../../lib/check/runner';
import { CheckSession, liveTransport, type CallTransport, type SdkCall } from '../../lib/check/session';
import { labStackName } from '../../lib/model';
import { awsError, CloudFormationClient, mockStackOutputs } from '../support/check-harness';

const kinesis = mockClient(KinesisClient);
const firehose = mockClient(FirehoseClient);
const cfn = mockClient(CloudFormationClient);

let dir: string;
beforeEach(() => {
  kinesis.reset();
  firehose.reset();
  cfn.reset();
  dir = mkdtempSync(join(tmpdir(), 'mllab-cassette-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A call as the session hands it to a transport; its client must never be created on replay. */
function callOf(service: SdkCall['service'], operation: string, input: Record<string, unknown>): SdkCall {
  return {
    service,
    operation,
    input,
    command: { input },
    abortSignal: new AbortController().signal,
    client: () => {
      throw new Error('a replayed call must not create a client');
    },
  };
}

const valid = {
  formatVersion: 1,
  region: 'us-east-1',
  calls: [
    { service: 'Kinesis', operation: 'DescribeStreamSummary', input: { StreamName: 'clicks' }, output: { StreamDescriptionSummary: { StreamName: 'clicks', StreamCreationTimestamp: '2026-01-02T03:04:05.000Z', RetentionPeriodHours: 48 } } },
    { service: 'Kinesis', operation: 'DescribeStreamSummary', input: {}, output: { StreamDescriptionSummary: { StreamName: 'any', RetentionPeriodHours: 24 } } },
    { service: 'SageMaker', operation: 'DescribeEndpoint', input: {}, error: { name: 'ValidationException', message: 'Could not find endpoint' } },
    { service: 'Kinesis', operation: 'ListStreamConsumers', input: {}, error: { name: 'ResourceNotFoundException', message: 'no stream' } },
  ],
};

describe('parseCassette', () => {
  test('accepts the issue format', () => {
    expect(parseCassette(valid, 'c.json').calls).toHaveLength(4);
  });

  test.each([
    ['a non-string operation', { ...valid, calls: [valid.calls[0], valid.calls[1], valid.calls[2], { ...valid.calls[0], operation: 3 }] }, 'c.json: calls[3].operation: expected string'],
    ['an unknown service', { ...valid, calls: [{ ...valid.calls[0], service: 'Kinesiss' }] }, 'c.json: calls[0].service: expected "Kinesis" or'],
    ['an unknown top-level key', { ...valid, extra: true }, 'c.json: (top level): unknown key "extra"'],
    ['a wrong format version', { ...valid, formatVersion: 2 }, 'c.json: formatVersion: expected 1'],
    ['a missing region', { formatVersion: 1, calls: [] }, 'c.json: region: expected string'],
    ['both output and error', { ...valid, calls: [{ ...valid.calls[0], error: { name: 'X' } }] }, 'c.json: calls[0]: give exactly one of "output" or "error"'],
    ['an operation with the Command suffix', { ...valid, calls: [{ ...valid.calls[0], operation: 'DescribeStreamSummaryCommand' }] }, 'c.json: calls[0].operation: operation is the command name without "Command"'],
    ['a non-object input', { ...valid, calls: [{ ...valid.calls[0], input: 'StreamName=clicks' }] }, 'c.json: calls[0].input: expected record'],
    ['not an object at all', [1, 2], 'c.json: (top level): expected object'],
    [
      'bytes that are not base64',
      { ...valid, calls: [{ service: 'Kinesis', operation: 'GetRecords', output: { Records: [{ Data: { $base64: 'not base64!' } }] } }] },
      'c.json: calls[0].output.Records[0].Data.$base64: expected base64 bytes',
    ],
    ['bytes with a missing pad', { ...valid, calls: [{ service: 'S3', operation: 'GetObject', output: { Body: { $base64: 'aGVsbG8' } } }] }, 'c.json: calls[0].output.Body.$base64: expected base64 bytes'],
    ['bytes that are not a string', { ...valid, calls: [{ service: 'S3', operation: 'GetObject', output: { Body: { $base64: 5 } } }] }, 'c.json: calls[0].output.Body.$base64: expected base64 bytes'],
  ])('refuses %s with the JSON path', (_name, json, message) => {
    expect(() => parseCassette(json, 'c.json')).toThrow(CassetteError);
    expect(() => parseCassette(json, 'c.json')).toThrow(message);
  });

  test('loadCassette names an unreadable file and bad JSON', () => {
    expect(() => loadCassette(join(dir, 'missing.json'))).toThrow(/missing\.json: cannot read the cassette \(ENOENT\)/);
    writeFileSync(join(dir, 'bad.json'), '{ "formatVersion": 1,');
    expect(() => loadCassette(join(dir, 'bad.json'))).toThrow(/bad\.json: not valid JSON/);
  });
});

describe('replayTransport', () => {
  const cassette = parseCassette(valid, 'c.json');

  test('the first matching entry wins; keys present in the entry must deep-equal; {} matches any input', async () => {
    const replay = replayTransport(cassette);
    const clicks = await replay.send(callOf('Kinesis', 'DescribeStreamSummary', { StreamName: 'clicks' }));
    expect(clicks.StreamDescriptionSummary.RetentionPeriodHours).toBe(48);
    const other = await replay.send(callOf('Kinesis', 'DescribeStreamSummary', { StreamName: 'orders' }));
    expect(other.StreamDescriptionSummary.RetentionPeriodHours).toBe(24);
    // the same entry serves any number of calls
    const again = await replay.send(callOf('Kinesis', 'DescribeStreamSummary', { StreamName: 'clicks' }));
    expect(again.StreamDescriptionSummary.StreamName).toBe('clicks');
    expect(again.$metadata.httpStatusCode).toBe(200);
  });

  test('ISO-8601 timestamps come back as Dates, other strings stay strings', async () => {
    const out = await replayTransport(cassette).send(callOf('Kinesis', 'DescribeStreamSummary', { StreamName: 'clicks' }));
    expect(out.StreamDescriptionSummary.StreamCreationTimestamp).toEqual(new Date('2026-01-02T03:04:05.000Z'));
    expect(out.StreamDescriptionSummary.StreamName).toBe('clicks');
  });

  test('a recorded error is thrown as the SDK would: modelled class, name and $metadata', async () => {
    const replay = replayTransport(cassette);
    const modelled = await replay.send(callOf('Kinesis', 'ListStreamConsumers', { StreamARN: 'arn' })).catch((e) => e);
    expect(modelled).toBeInstanceOf(ResourceNotFoundException);
    expect(modelled).toMatchObject({ name: 'ResourceNotFoundException', message: 'no stream', $metadata: { httpStatusCode: 400 } });
    const generic = await replay.send(callOf('SageMaker', 'DescribeEndpoint', { EndpointName: 'e' })).catch((e) => e);
    expect(generic).toMatchObject({ name: 'ValidationException', message: 'Could not find endpoint', $metadata: { httpStatusCode: 400 } });
  });

  test('a call with no entry is refused naming the call', async () => {
    const err = await replayTransport(cassette, { source: 'c.json' }).send(callOf('Firehose', 'DescribeDeliveryStream', { DeliveryStreamName: 'd' })).catch((e) => e);
    expect(err.kind).toBe('no-recording');
    expect(err.message).toContain('c.json has no recorded answer for Firehose:DescribeDeliveryStream {"DeliveryStreamName":"d"}');
  });

  test('services outside the replayed list go to the fallback', async () => {
    const seen: string[] = [];
    const fallback: CallTransport = { send: async (call) => (seen.push(`${call.service}:${call.operation}`), { fromFallback: true }) };
    const replay = replayTransport(cassette, { services: ['Kinesis'], fallback });
    expect(await replay.send(callOf('Firehose', 'DescribeDeliveryStream', {}))).toEqual({ fromFallback: true });
    expect((await replay.send(callOf('Kinesis', 'DescribeStreamSummary', {}))).StreamDescriptionSummary.StreamName).toBe('any');
    expect(seen).toEqual(['Firehose:DescribeDeliveryStream']);
  });

  test('bytes round-trip as base64 and S3 bodies can be read with the SDK helpers', async () => {
    const bytes = parseCassette(
      {
        formatVersion: 1,
        region: 'us-east-1',
        calls: [
          { service: 'Kinesis', operation: 'GetRecords', input: {}, output: { Records: [{ Data: { $base64: Buffer.from('{"a":1}').toString('base64') }, PartitionKey: 'k', SequenceNumber: '1' }] } },
          { service: 'S3', operation: 'GetObject', input: { Key: 'x.json' }, output: { Body: { $base64: Buffer.from('hello').toString('base64') }, ContentLength: 5 } },
        ],
      },
      'b.json',
    );
    const replay = replayTransport(bytes);
    const records = await replay.send(callOf('Kinesis', 'GetRecords', { ShardIterator: 'it' }));
    expect(Buffer.from(records.Records[0].Data).toString()).toBe('{"a":1}');
    const object = await replay.send(callOf('S3', 'GetObject', { Bucket: 'b', Key: 'x.json' }));
    expect(await object.Body.transformToString()).toBe('hello');
  });
});

describe('record and replay round trip', () => {
  const lab = defineLab({
    id: 'cassette-test',
    title: 't',
    summary: 't',
    domains: { 'MLA-C01': ['MLA-C01/D1'], 'MLS-C01': ['MLS-C01/D1'] },
    environments: ['streaming'],
    estimatedMinutes: 1,
    estimatedCostUsd: 0,
    requirements: [
      {
        id: 'R1', title: 'retention', hint: 'h', docs: 'https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html',
        reads: ['Kinesis:DescribeStreamSummary'],
      },
      {
        id: 'R2', title: 'buffering', hint: 'h', docs: 'https://docs.aws.amazon.com/firehose/latest/dev/buffering-hints.html',
        reads: ['Firehose:DescribeDeliveryStream'],
      },
      {
        id: 'R3', title: 'object', hint: 'h', docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html',
        reads: ['Kinesis:DescribeStreamSummary', 'S3:GetObject'],
      },
      {
        id: 'R4', title: 'denied', hint: 'h', docs: 'https://docs.aws.amazon.com/streams/latest/dev/introduction.html',
        reads: ['Kinesis:ListStreamConsumers'],
        dependsOn: ['R1'],
      },
    ],
  });
  const labChecks = defineChecks(lab, {
    R1: async (ctx) => {
    const name = await ctx.stackOutput('StreamName');
    const out = await ctx.client(KinesisClient).send(new DescribeStreamSummaryCommand({ StreamName: name }));
    const s = out.StreamDescriptionSummary!;
    // uses the Date, so a replay that left the timestamp a string would fail here
    return s.RetentionPeriodHours! >= 48 && s.StreamCreationTimestamp!.getUTCFullYear() === 2026 ? pass('retention 48 h') : fail('retention 24 h');
    },
    R2: async (ctx) => {
    const name = await ctx.stackOutput('DeliveryStreamName');
    const out = await ctx.client(FirehoseClient).send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
    const hints = out.DeliveryStreamDescription?.Destinations?.[0]?.ExtendedS3DestinationDescription?.BufferingHints;
    return (hints?.IntervalInSeconds ?? 300) <= 60 ? pass() : fail(`the delivery stream buffers for ${hints?.IntervalInSeconds} s; the scenario allows 60`);
    },
    R3: async (ctx) => {
    const bucket = await ctx.stackOutput('DeliveryBucketName');
    try {
      const out = await ctx.client(S3Client).send(new GetObjectCommand({ Bucket: bucket, Key: 'marker.txt' }));
      return (await out.Body!.transformToString()) === 'ok' ? pass() : fail('marker is wrong');
    } catch (err: any) {
      if (err?.name === 'NoSuchKey') return fail('no marker object');
      throw err;
    }
    },
    R4: async (ctx) => {
    await ctx.client(KinesisClient).send(new ListStreamConsumersCommand({ StreamARN: 'arn:aws:kinesis:us-east-1:111111111111:stream/clicks' }));
    return pass();
    },
  });
  const s3 = mockClient(S3Client);
  afterAll(() => s3.restore());

  test('a run against mocks, recorded and replayed offline, gives identical verdicts', async () => {
    s3.reset();
    mockStackOutputs(cfn, lab.id, { StreamName: 'clicks', DeliveryStreamName: 'to-s3', DeliveryBucketName: 'lake' });
    kinesis.on(DescribeStreamSummaryCommand, { StreamName: 'clicks' }).resolves({ StreamDescriptionSummary: { StreamName: 'clicks', RetentionPeriodHours: 48, StreamCreationTimestamp: new Date('2026-03-01T00:00:00Z') } as any });
    kinesis.on(ListStreamConsumersCommand).rejects(awsError('AccessDeniedException', 'not allowed', 403));
    firehose.on(DescribeDeliveryStreamCommand).resolves({ DeliveryStreamDescription: { Destinations: [{ DestinationId: 'd', ExtendedS3DestinationDescription: { BufferingHints: { IntervalInSeconds: 300, SizeInMBs: 5 } } }] } as any });
    s3.on(GetObjectCommand).rejects(awsError('NoSuchKey', 'The specified key does not exist.', 404));

    const recorder = recordingTransport(liveTransport, 'us-east-1');
    const live = new CheckSession({ region: 'us-east-1', maxAttempts: 1, transport: recorder });
    const recorded = await runLab(live, lab, labChecks);
    live.destroy();
    const file = join(dir, 'run.json');
    writeCassette(file, recorder.cassette());

    // the file is plain JSON a person can edit: timestamps as ISO strings, no $metadata
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('"StreamCreationTimestamp": "2026-03-01T00:00:00.000Z"');
    expect(text).not.toContain('$metadata');
    expect(JSON.parse(text).calls.map((c: any) => `${c.service}:${c.operation}`).sort()).toEqual(
      ['CloudFormation:DescribeStacks', 'Firehose:DescribeDeliveryStream', 'Kinesis:DescribeStreamSummary', 'Kinesis:ListStreamConsumers', 'S3:GetObject'],
    );

    // offline: every mock now fails loudly, so a verdict can only come from the cassette
    for (const m of [kinesis, firehose, cfn, s3] as any[]) m.reset().rejects(new Error('network used during replay'));
    const offline = new CheckSession({ region: 'us-east-1', maxAttempts: 1, transport: replayTransport(loadCassette(file), { source: file }) });
    const replayed = await runLab(offline, lab, labChecks);
    offline.destroy();

    const verdicts = (r: typeof recorded) => r.requirements.map((q) => [q.id, q.status, q.findings]);
    expect(verdicts(replayed)).toEqual(verdicts(recorded));
    expect(verdicts(recorded)).toEqual([
      ['R1', 'pass', ['retention 48 h']],
      ['R2', 'fail', ['the delivery stream buffers for 300 s; the scenario allows 60']],
      ['R3', 'fail', ['no marker object']],
      ['R4', 'error', [expect.stringMatching(/Access denied \(AccessDeniedException\)/)]],
    ]);
    expect(kinesis).toHaveReceivedCommandTimes(DescribeStreamSummaryCommand, 0);
  });

  test('a cassette with a missing call gives error naming it', async () => {
    const cassette: Cassette = {
      formatVersion: 1,
      region: 'us-east-1',
      calls: [
        { service: 'CloudFormation', operation: 'DescribeStacks', input: { StackName: labStackName(lab.id) }, output: { Stacks: [{ StackName: labStackName(lab.id), StackStatus: 'CREATE_COMPLETE', CreationTime: '2026-01-01T00:00:00Z', Outputs: [{ OutputKey: 'StreamName', OutputValue: 'clicks' }, { OutputKey: 'DeliveryStreamName', OutputValue: 'to-s3' }, { OutputKey: 'DeliveryBucketName', OutputValue: 'lake' }] }] } },
        { service: 'Kinesis', operation: 'DescribeStreamSummary', input: { StreamName: 'clicks' }, output: { StreamDescriptionSummary: { RetentionPeriodHours: 72, StreamCreationTimestamp: '2026-05-05T00:00:00Z' } } },
      ],
    };
    const session = new CheckSession({ region: 'us-east-1', transport: replayTransport(cassette, { source: 'pass.json' }) });
    const result = await runLab(session, lab, labChecks, { only: ['R1', 'R2'] });
    expect(result.requirements[0]!.status).toBe('pass');
    expect(result.requirements[1]!.status).toBe('error');
    expect(result.requirements[1]!.findings[0]).toBe('pass.json has no recorded answer for Firehose:DescribeDeliveryStream {"DeliveryStreamName":"to-s3"}; record the run again with --record, or add an entry for this call.');
  });

  test('GetRecords data is recorded as base64 and replayed as bytes', async () => {
    kinesis.on(GetRecordsCommand).resolves({ Records: [{ Data: new Uint8Array(Buffer.from('{"x":1}')), PartitionKey: 'p', SequenceNumber: '1' }] });
    const recorder = recordingTransport(liveTransport, 'eu-west-1');
    const call: SdkCall = { service: 'Kinesis', operation: 'GetRecords', input: { ShardIterator: 'it' }, command: new GetRecordsCommand({ ShardIterator: 'it' }), abortSignal: new AbortController().signal, client: () => new KinesisClient({ region: 'eu-west-1' }) };
    await recorder.send(call);
    const json = JSON.parse(JSON.stringify(recorder.cassette()));
    expect(json.calls[0].output.Records[0].Data).toEqual({ $base64: Buffer.from('{"x":1}').toString('base64') });
    const replayed = await replayTransport(parseCassette(json, 'x')).send(callOf('Kinesis', 'GetRecords', { ShardIterator: 'it' }));
    expect(Buffer.from(replayed.Records[0].Data).toString()).toBe('{"x":1}');
  });
});
