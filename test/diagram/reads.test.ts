// A diagram's reads are read-only and declared, proven as the checks' are: declared in the lab's
// diagram module, refused at load time when they are not reads or not the checks' own reads, and
// refused again by the runtime's read-only guard before anything is sent.
import { DescribeStreamCommand, DescribeStreamSummaryCommand, KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { replayTransport, type Cassette } from '../../lib/cassette';
import type { CallTransport, SdkCall } from '../../lib/check/session';
import { defineDiagram, GENERIC_NOTE } from '../../lib/diagram';
import { isReadOnlyOperation } from '../../lib/model';
import { allLabs } from '../../labs';
import { DIAGRAMS, loadDiagram } from '../../labs/diagrams';
import { FIXTURE, FIXTURE_LAB, FIXTURE_STREAM_ARN } from '../support/fixture-lab';
import { diagramWith } from './replay';

describe.each(Object.keys(DIAGRAMS))('%s diagram module', (id) => {
  test('declares only read-only calls, each one a requirement of the lab declares (so `mllab policy` grants it)', async () => {
    const lab = allLabs().find((l) => l.id === id)!;
    const diagram = (await loadDiagram(id))!;
    expect(diagram.reads.length).toBeGreaterThan(0);
    const declared = new Set(lab.requirements.flatMap((r) => r.reads));
    for (const read of diagram.reads) {
      expect({ read, readOnly: isReadOnlyOperation(read.split(':')[1]!) }).toEqual({ read, readOnly: true });
      expect({ read, declared: declared.has(read) }).toEqual({ read, declared: true });
    }
  });

  test('names, for every requirement, what it is about', async () => {
    const lab = allLabs().find((l) => l.id === id)!;
    const diagram = (await loadDiagram(id))!;
    expect(Object.keys(diagram.about).sort()).toEqual(lab.requirements.map((r) => r.id).sort());
    for (const targets of Object.values(diagram.about) as (readonly string[])[]) expect(targets.length).toBeGreaterThan(0);
  });
});

describe('defineDiagram refuses at load time', () => {
  const discover = async () => undefined;
  test('a call that is not a read', () => {
    expect(() => defineDiagram(FIXTURE_LAB, { reads: ['Kinesis:PutRecord'], discover, about: { R1: ['x'], R2: ['x'] } })).toThrow("'Kinesis:PutRecord' is not a read-only call");
  });
  test('a read no requirement declares', () => {
    expect(() => defineDiagram(FIXTURE_LAB, { reads: ['Kinesis:DescribeStream'], discover, about: { R1: ['x'], R2: ['x'] } })).toThrow("'Kinesis:DescribeStream' is read by no requirement of the lab");
  });
  test('an `about` that misses a requirement or names one the lab lacks', () => {
    expect(() => defineDiagram(FIXTURE_LAB, { reads: [], discover, about: { R1: ['x'] } as never })).toThrow('missing R2');
    expect(() => defineDiagram(FIXTURE_LAB, { reads: [], discover, about: { R1: ['x'], R2: ['x'], R9: ['x'] } as never })).toThrow('not in the manifest R9');
  });
});

/** The fixture lab's account: a stream that keeps records 24 hours and has no consumer. */
const ACCOUNT: Cassette = {
  formatVersion: 1,
  region: 'us-east-1',
  calls: [
    { service: 'CloudFormation', operation: 'DescribeStacks', output: { Stacks: [{ StackName: 'MlLab-fixture-lab', StackStatus: 'CREATE_COMPLETE', CreationTime: '2026-01-01T00:00:00.000Z', Outputs: [{ OutputKey: 'StreamName', OutputValue: 'clicks' }, { OutputKey: 'DeliveryStreamName', OutputValue: 'clicks-delivery' }] }] } },
    { service: 'Kinesis', operation: 'DescribeStreamSummary', output: { StreamDescriptionSummary: { StreamName: 'clicks', StreamARN: FIXTURE_STREAM_ARN, RetentionPeriodHours: 24 } } },
    { service: 'Kinesis', operation: 'DescribeStream', output: { StreamDescription: { StreamName: 'clicks' } } },
    { service: 'Kinesis', operation: 'PutRecord', output: { ShardId: 'shardId-000000000000', SequenceNumber: '1' } },
  ],
};

/** The cassette's answers, with every call that reached it kept. */
function recording(): CallTransport & { calls: string[] } {
  const replay = replayTransport(ACCOUNT);
  const calls: string[] = [];
  return {
    calls,
    send: (call: SdkCall) => {
      calls.push(`${call.service}:${call.operation}`);
      return replay.send(call);
    },
  };
}

describe('the runtime guard refuses what a diagram did not declare, before it is sent', () => {
  test('an undeclared read is not sent, and the diagram says why it is incomplete', async () => {
    const diagram = defineDiagram(FIXTURE_LAB, {
      reads: ['Kinesis:DescribeStreamSummary'],
      async discover(ctx, g) {
        g.node('stream', 'stream', 'clicks');
        await ctx.client(KinesisClient).send(new DescribeStreamCommand({ StreamName: 'clicks' }));
        g.node('never', 'stream', 'drawn after the refused call');
      },
      about: { R1: ['stream'], R2: ['stream'] },
    });
    const transport = recording();
    const { graph } = await diagramWith(FIXTURE, transport, 'us-east-1', diagram);
    expect(transport.calls).not.toContain('Kinesis:DescribeStream');
    expect(graph.nodes.map((n) => n.id)).toEqual(['stream']);
    expect(graph.notes.join(' ')).toMatch(/Kinesis:DescribeStream, which its requirement does not declare in 'reads'; it was not sent/);
  });

  test('a write is not sent even when declared by mistake (defineDiagram bypassed)', async () => {
    const diagram = {
      reads: ['Kinesis:PutRecord' as const],
      async discover(ctx: Parameters<ReturnType<typeof defineDiagram>['discover']>[0]) {
        await ctx.client(KinesisClient).send(new PutRecordCommand({ StreamName: 'clicks', PartitionKey: 'k', Data: new Uint8Array([1]) }));
      },
      about: { R1: [], R2: [] },
    };
    const transport = recording();
    const { graph } = await diagramWith(FIXTURE, transport, 'us-east-1', diagram);
    expect(transport.calls).not.toContain('Kinesis:PutRecord');
    expect(graph.notes.join(' ')).toMatch(/Kinesis:PutRecord, which is not a read; checkers never write to your account, so it was not sent/);
  });

  test('the diagram\'s own reads share the check run\'s memo: a read the checks made is not sent again', async () => {
    const diagram = defineDiagram(FIXTURE_LAB, {
      reads: ['Kinesis:DescribeStreamSummary'],
      async discover(ctx, g) {
        const out = await ctx.client(KinesisClient).send(new DescribeStreamSummaryCommand({ StreamName: await ctx.stackOutput('StreamName') }));
        g.node('stream', 'stream', 'clicks', { details: [`${out.StreamDescriptionSummary?.RetentionPeriodHours} h`] });
      },
      about: { R1: ['stream'], R2: ['stream'] },
    });
    const transport = recording();
    const { graph } = await diagramWith(FIXTURE, transport, 'us-east-1', diagram);
    expect(transport.calls.filter((c) => c === 'Kinesis:DescribeStreamSummary')).toHaveLength(1);
    expect(transport.calls.filter((c) => c === 'CloudFormation:DescribeStacks')).toHaveLength(1);
    expect(graph.nodes[0]).toMatchObject({ id: 'stream', details: ['24 h'], marks: ['R1'] });
  });
});

test('a read that never answers stops at the timeout: what was drawn is kept, with a note', async () => {
  const diagram = defineDiagram(FIXTURE_LAB, {
    reads: ['Kinesis:DescribeStreamSummary'],
    async discover(ctx, g) {
      g.node('stream', 'stream', 'clicks');
      await ctx.client(KinesisClient).send(new DescribeStreamSummaryCommand({ StreamName: 'clicks' }));
      g.node('never', 'stream', 'drawn after the answer');
    },
    about: { R1: ['stream'], R2: ['stream'] },
  });
  const silent: CallTransport = { send: () => new Promise(() => undefined) };
  const { graph } = await diagramWith(FIXTURE, silent, 'us-east-1', diagram, { timeoutMs: 1000 });
  expect(graph.nodes.map((n) => n.id)).toEqual(['stream']);
  expect(graph.notes.join(' ')).toMatch(/did not finish within 1 s; what was read by then is shown/);
});

describe('a lab without a diagram module gets the generic diagram, never a crash', () => {
  test('its environment\'s resources from the stack outputs, its verdicts, and a note saying it is generic', async () => {
    const transport = recording();
    const { graph } = await diagramWith(FIXTURE, transport, 'us-east-1', null);
    expect(graph.generic).toBe(true);
    expect(graph.notes).toContain(GENERIC_NOTE);
    expect(graph.nodes.map((n) => [n.id, n.label, n.state])).toEqual([
      ['stream', 'clicks', 'found'],
      ['delivery', 'clicks-delivery', 'found'],
      ['delivery-bucket', 'delivery bucket', 'unknown'],
    ]);
    expect(graph.edges.map((e) => e.id)).toEqual(['stream->delivery', 'delivery->delivery-bucket']);
    expect(graph.requirements.map((r) => [r.id, r.status])).toEqual([
      ['R1', 'fail'],
      ['R2', 'skipped'],
    ]);
    // Sends nothing beyond the stack outputs the checks already read.
    expect(transport.calls).toEqual(['CloudFormation:DescribeStacks', 'Kinesis:DescribeStreamSummary']);
  });

  test('with the lab stack not deployed, it still draws what the manifest declares', async () => {
    const missing: CallTransport = { send: async () => Promise.reject(Object.assign(new Error('Stack with id MlLab-fixture-lab does not exist'), { name: 'ValidationError', $metadata: { httpStatusCode: 400 } })) };
    const { graph, result } = await diagramWith(FIXTURE, missing, 'us-east-1', null);
    expect(result.requirements[0]!.status).toBe('fail');
    expect(graph.nodes.map((n) => n.state)).toEqual(['unknown', 'unknown', 'unknown']);
  });
});
