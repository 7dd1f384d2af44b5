// Every lab's diagram from every one of its cassettes: the verdicts are the checks', the failing
// requirements sit on the elements they are about, the diagram's reads add no call to the check
// run's (the memo answers them), and the picture is complete (no read went unanswered).
// fast-xml-parser 3 (in node_modules through s3rver): a validating XML parser.
import { parse as parseXml, validate as validateXml } from 'fast-xml-parser';
import { renderDot, renderSvg, renderText } from '../../lib/diagram';
import { loadDiagram } from '../../labs/diagrams';
import { replayLab, statusesOf } from '../support/replay';
import { CASES, labOf, marksOf } from './cases';
import { replayDiagram } from './replay';

test('there are cases: every lab with a diagram module, each with a pass and at least two fail cassettes', () => {
  const labs = new Set(CASES.map(([id]) => id));
  expect([...labs].sort()).toEqual(['algorithm-choice', 'datalake-athena', 'serverless-endpoint', 'streaming-ingest', 'streams-vs-firehose', 'xgboost-builtin']);
  for (const id of labs) expect(CASES.filter(([l, f]) => l === id && f.startsWith('fail-')).length).toBeGreaterThanOrEqual(2);
});

describe.each(CASES)('%s, cassette %s', (id, file) => {
  const lab = labOf(id);

  test('verdicts are the check run\'s, the diagram sends no call the checks did not, and every read answered', async () => {
    const [drawn, checked] = await Promise.all([replayDiagram(lab, file), replayLab(lab, file)]);
    expect(Object.fromEntries(drawn.graph.requirements.map((r) => [r.id, r.status]))).toEqual(statusesOf(checked));
    expect(drawn.callsSent).toBe(checked.callsSent);
    expect(drawn.graph.notes).toEqual([]);
    expect(drawn.graph.generic).toBe(false);
  });

  test('each failing requirement is marked, only on elements its lab says it is about; passing ones on none', async () => {
    const { graph } = await replayDiagram(lab, file);
    const about = (await loadDiagram(id))!.about as Record<string, readonly string[]>;
    const failing = graph.requirements.filter((r) => r.status === 'fail').map((r) => r.id);
    const marked = marksOf(graph);
    for (const r of graph.requirements) {
      const on = Object.keys(marked).filter((element) => marked[element]!.includes(r.id));
      if (failing.includes(r.id)) {
        expect({ [r.id]: on.length > 0 }).toEqual({ [r.id]: true });
        expect(on.filter((element) => !about[r.id]!.includes(element))).toEqual([]);
      } else {
        expect({ [r.id]: on }).toEqual({ [r.id]: [] });
      }
    }
  });

  test('text names every failing requirement beside its element; SVG parses as XML and carries the same marks', async () => {
    const { graph } = await replayDiagram(lab, file);
    const text = renderText(graph);
    for (const [element, marks] of Object.entries(marksOf(graph))) {
      const node = graph.nodes.find((n) => n.id === element);
      const line = text.split('\n').find((l) => l.includes(`✗ ${marks.join(' ')}`) && (node ? l.includes(node.label) && !l.includes('└─▶') : l.includes('└─▶')));
      expect({ element, line: line !== undefined }).toEqual({ element, line: true });
    }
    const svg = await renderSvg(graph);
    expect(validateXml(svg)).toBe(true);
    const doc = parseXml(svg, { ignoreAttributes: false, attributeNamePrefix: '' });
    expect(doc.svg).toBeDefined();
    const groups: { id: string; class: string }[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(walk);
      if (!value || typeof value !== 'object') return;
      const v = value as Record<string, unknown>;
      if (typeof v.id === 'string' && typeof v.class === 'string') groups.push({ id: decode(v.id), class: decode(v.class) });
      Object.values(v).forEach(walk);
    };
    walk(doc);
    const svgMarks = Object.fromEntries(
      groups.filter((g) => g.class.split(' ').includes('failing')).map((g) => [g.id, g.class.split(' ').filter((c) => c.startsWith('mark-')).map((c) => c.slice(5))]),
    );
    const expected = Object.fromEntries(Object.entries(marksOf(graph)).map(([element, marks]) => [element.includes('->') ? `edge-${element.replace('->', '--')}` : `node-${element}`, marks]));
    expect(svgMarks).toEqual(expected);
    // Every node and edge is in the picture.
    expect(groups.filter((g) => g.id.startsWith('node-')).length).toBe(graph.nodes.length);
    expect(groups.filter((g) => g.id.startsWith('edge-')).length).toBe(graph.edges.length);
    expect(renderDot(graph)).toContain(`digraph "${id}"`);
  });
});

/** Graphviz writes '-' and '>' in attribute values as character references. */
function decode(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
}

/** What a careful reader of each flawed attempt would point at. */
const EXPECTED: readonly (readonly [string, string, Record<string, readonly string[]>])[] = [
  ['streaming-ingest', 'fail-stack-defaults.json', { stream: ['R5', 'R6'], 'delivery->data': ['R1', 'R3'], data: ['R2', 'R7'], errors: ['R4'] }],
  ['streaming-ingest', 'fail-month-minutes.json', { data: ['R2'] }],
  ['streams-vs-firehose', 'fail-defaults.json', { stream: ['R1', 'R3'], consumer: ['R2'], 'stream->consumer': ['R2'] }],
  ['streams-vs-firehose', 'fail-consumer-creating.json', { consumer: ['R2'], 'stream->consumer': ['R2'] }],
  ['datalake-athena', 'fail-missing-partition.json', { 'raw-table': ['R3'] }],
  ['datalake-athena', 'fail-textfile-ctas.json', { ctas: ['R5'], curated: ['R5'] }],
  ['xgboost-builtin', 'fail-validation-leak.json', { 'channel-train': ['R5'], 'channel-validation': ['R5'], 'channel-train->job': ['R5'], 'channel-validation->job': ['R5'] }],
  ['xgboost-builtin', 'fail-careless-config.json', { job: ['R3', 'R4', 'R6'] }],
  ['algorithm-choice', 'fail-nothing-launched.json', { 'demand-job': ['R1'], 'tickets-job': ['R2'], 'rent-job': ['R3'] }],
  ['algorithm-choice', 'fail-xgboost-forecast.json', { 'demand-job': ['R1'] }],
  ['serverless-endpoint', 'fail-endpoint-failed.json', { endpoint: ['R3'], 'config->endpoint': ['R3'] }],
  ['serverless-endpoint', 'fail-oversized-config.json', { config: ['R2'], 'model->config': ['R2'] }],
];

test.each(EXPECTED)('%s %s: the marks sit on the broken elements', async (id, file, expected) => {
  const { graph } = await replayDiagram(labOf(id), file);
  expect(marksOf(graph)).toEqual(expected);
});

test('the flawed attempts show what is wrong in the elements themselves', async () => {
  const stack = (await replayDiagram(labOf('streaming-ingest'), 'fail-stack-defaults.json')).graph;
  expect(stack.edges.find((e) => e.id === 'delivery->data')!.label).toBe('buffer 60 s or 5 MiB, UNCOMPRESSED');
  const minutes = (await replayDiagram(labOf('streaming-ingest'), 'fail-month-minutes.json')).graph;
  expect(minutes.nodes.find((n) => n.id === 'data')!.details).toContain('writes clickstream/year=2025/month=07/day=29/hour=03/');
  const leak = (await replayDiagram(labOf('xgboost-builtin'), 'fail-validation-leak.json')).graph;
  const [train, validation] = ['channel-train', 'channel-validation'].map((c) => leak.nodes.find((n) => n.id === c)!.label);
  expect(validation).toBe(train);
  const defaults = (await replayDiagram(labOf('streams-vs-firehose'), 'fail-defaults.json')).graph;
  expect(defaults.nodes.find((n) => n.id === 'consumer')).toMatchObject({ state: 'missing' });
});
