// The renderers on a small graph: what each format shows, how it escapes what AWS returned, and the
// graph store the HTML report reads.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wrapLabel } from '../../lib/diagram/dot';
import { dotToSvg, flowOrder, GraphBuilder, svgRenderer, loadStoredDiagram, renderDot, renderMermaid, renderSvg, renderText, storeDiagram, type DiagramGraph } from '../../lib/diagram';

function graphOf(build: (g: GraphBuilder) => void, marks: Record<string, string[]> = {}): DiagramGraph {
  const g = new GraphBuilder();
  build(g);
  return {
    formatVersion: 1,
    lab: 'demo-lab',
    title: 'Demo',
    region: 'eu-west-1',
    generatedAt: '2026-01-01T00:00:00.000Z',
    generic: false,
    requirements: [
      { id: 'R1', title: 'Buffer for at most 30 s.', status: 'fail' },
      { id: 'R2', title: 'Use GZIP.', status: 'pass' },
      { id: 'R3', title: 'Read the stream.', status: 'error' },
      { id: 'R4', title: 'Land the objects.', status: 'skipped' },
    ],
    ...g.build(new Map(Object.entries(marks))),
  };
}

const PIPE = graphOf(
  (g) =>
    g
      .node('data', 'prefix', 's3://b/clickstream/', { details: ['2 object(s)'] })
      .node('stream', 'stream', 'clicks', { details: ['1 shard'] })
      .node('delivery', 'delivery-stream', 'clicks-to-s3')
      .node('errors', 'prefix', 'no error prefix', { state: 'missing' })
      .edge('stream', 'delivery', 'source')
      .edge('delivery', 'data', 'buffer 60 s')
      .edge('delivery', 'errors')
      .edge('delivery', 'nowhere', 'dropped: no such node'),
  { 'delivery->data': ['R1'], errors: ['R4'] },
);

describe('the graph builder', () => {
  test('drops an edge to a node never drawn, and orders nodes the way data flows', () => {
    expect(PIPE.edges.map((e) => e.id)).toEqual(['stream->delivery', 'delivery->data', 'delivery->errors']);
    expect(flowOrder(PIPE).map((n) => n.id)).toEqual(['stream', 'delivery', 'data', 'errors']);
  });

  test('a node drawn twice keeps the later facts; empty details are left out', () => {
    const g = graphOf((b) => b.node('a', 'table', 'first').node('a', 'table', 'second', { details: [undefined, '', false, 'kept'] }));
    expect(g.nodes).toEqual([{ id: 'a', kind: 'table', label: 'second', details: ['kept'], state: 'found', marks: [] }]);
  });

  test('attempt: a read that fails leaves a note and undefined, never an exception', async () => {
    const g = new GraphBuilder();
    const value = await g.attempt('The partitions', () => Promise.reject(Object.assign(new Error('nope'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } })));
    expect(value).toBeUndefined();
    expect(g.build(new Map()).notes[0]).toMatch(/^The partitions could not be read: /);
  });
});

describe('text', () => {
  const text = renderText(PIPE);
  test('each element once, in flow order, what flows out of it below, the marks beside', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe('demo-lab: Demo (eu-west-1)');
    expect(lines.indexOf('  Kinesis data stream clicks (1 shard)')).toBeLessThan(lines.findIndex((l) => l.startsWith('  Firehose stream clicks-to-s3')));
    expect(text).toContain('      └─▶ S3 prefix s3://b/clickstream/ [buffer 60 s]  ✗ R1\n');
    expect(text).toContain('  S3 prefix no error prefix [missing]  ✗ R4\n');
  });
  test('the verdicts: failing, not decided and skipped requirements by name', () => {
    expect(text).toContain('1 of 4 requirements pass.');
    expect(text).toContain('  ✗ R1 Buffer for at most 30 s.');
    expect(text).toContain('  ? R3 not decided: Read the stream.');
    expect(text).toContain('  - R4 skipped: Land the objects.');
  });
  test('control characters from AWS never reach the terminal; colour only when asked', () => {
    const odd = graphOf((g) => g.node('a', 'table', 'evil\u001b[2Jname\nnext'));
    expect(renderText(odd)).toContain('Glue table evil[2Jname next');
    expect(renderText(odd)).not.toContain('\u001b');
    expect(renderText(PIPE, { color: true })).toContain('\u001b[');
  });
  test('a replayed, generic diagram says both', () => {
    expect(renderText({ ...PIPE, generic: true, replayedFrom: 'pass.json' }).split('\n')[0]).toBe('demo-lab: Demo (replayed from pass.json), generic diagram');
  });
});

describe('Mermaid', () => {
  const text = renderMermaid(PIPE);
  test('a left-to-right flowchart, failing elements classed and their links styled', () => {
    expect(text.split('\n')[0]).toBe('flowchart LR');
    expect(text).toContain('  n3 -->|"✗ R1 buffer 60 s"| n1');
    expect(text).toContain('  class n4 failing');
    expect(text).toContain('  linkStyle 1 stroke:#c62828,stroke-width:3px');
  });
  test('quotes, angle brackets and hashes become entity codes', () => {
    const odd = renderMermaid(graphOf((g) => g.node('a', 'table', 'say "hi" <b> #1')));
    expect(odd).toContain('say #quot;hi#quot; #lt;b#gt; #35;1');
  });
});

describe('DOT and SVG', () => {
  test('ids and classes every element can be found by; quotes and backslashes escaped', () => {
    const dot = renderDot(graphOf((g) => g.node('a', 'table', 'a "quoted" \\N name').node('b', 'endpoint', 'b').edge('a', 'b', 'x'), { a: ['R2'], 'a->b': ['R2'] }));
    expect(dot).toContain('id="node-a", class="kind-table failing mark-R2"');
    expect(dot).toContain('label="✗ R2\\nGlue table\\na \\"quoted\\" \\\\N name"');
    expect(dot).toContain('"a" -> "b" [id="edge-a--b", class="flow failing mark-R2"');
  });

  test('long labels wrap after a slash, comma or space; an unbreakable run is cut in the middle', () => {
    expect(wrapLabel('s3://mllab-streaming-ingest-delivery-111122223333/clickstream/year=!{timestamp:yyyy}/month=!{timestamp:MM}/')).toEqual([
      's3://mllab-streaming-ingest-delivery-111122223333/',
      'clickstream/year=!{timestamp:yyyy}/',
      'month=!{timestamp:MM}/',
    ]);
    expect(wrapLabel('buffer 60 s or 5 MiB, UNCOMPRESSED')).toEqual(['buffer 60 s or 5 MiB, UNCOMPRESSED']);
    expect(wrapLabel(`s3://b/${'x'.repeat(80)}/end/`)).toEqual(['s3://b/', `${'x'.repeat(22)}…${'x'.repeat(21)}/`, 'end/']);
  });

  test('renderSvg lays the graph out offline into one SVG document with the escaped text', async () => {
    const svg = await renderSvg(graphOf((g) => g.node('a', 'table', 'a "quoted" <name> & co')));
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toContain('</svg>');
    expect(svg).toContain('a &quot;quoted&quot; &lt;name&gt; &amp; co');
  });

  test('one renderer, started early, lays out several graphs in turn; once closed it refuses', async () => {
    const renderer = svgRenderer();
    try {
      const [a, b] = await Promise.all([renderer.render('digraph { a -> b }'), renderer.render('digraph { c }')]);
      expect(a).toContain('<title>a&#45;&gt;b</title>');
      expect(b).toContain('<title>c</title>');
      expect(b).not.toContain('<title>a</title>');
    } finally {
      renderer.close();
    }
    await expect(renderer.render('digraph { d }')).rejects.toThrow(/its worker stopped/);
  });

  test('Graphviz refusing the DOT is an error that says so, not a hang', async () => {
    await expect(dotToSvg('digraph { a -> }')).rejects.toThrow(/Graphviz could not lay the diagram out/);
  });
});

describe('the stored diagram', () => {
  let home: string;
  beforeEach(() => (home = mkdtempSync(join(tmpdir(), 'mllab-diagram-'))));
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  test('stores and loads back the last diagram of a lab', () => {
    const file = storeDiagram(PIPE, home);
    expect(file).toBe(join(home, 'diagrams', 'demo-lab.json'));
    expect(loadStoredDiagram('demo-lab', home)).toEqual(PIPE);
    storeDiagram({ ...PIPE, title: 'Second' }, home);
    expect(loadStoredDiagram('demo-lab', home)!.title).toBe('Second');
  });

  test('none stored, a hand-edited file, another lab\'s graph or a bad id: undefined, never a throw', () => {
    expect(loadStoredDiagram('demo-lab', home)).toBeUndefined();
    mkdirSync(join(home, 'diagrams'));
    writeFileSync(join(home, 'diagrams', 'demo-lab.json'), '{"formatVersion":1,"lab":"demo-lab"}');
    expect(loadStoredDiagram('demo-lab', home)).toBeUndefined();
    writeFileSync(join(home, 'diagrams', 'other-lab.json'), JSON.stringify(PIPE));
    expect(loadStoredDiagram('other-lab', home)).toBeUndefined();
    writeFileSync(join(home, 'diagrams', 'broken.json'), '{');
    expect(loadStoredDiagram('broken', home)).toBeUndefined();
    expect(loadStoredDiagram('../escape', home)).toBeUndefined();
  });

  test('home defaults to the progress data folder (MLLAB_HOME)', () => {
    storeDiagram(PIPE, home);
    const before = process.env.MLLAB_HOME;
    process.env.MLLAB_HOME = home;
    try {
      expect(loadStoredDiagram('demo-lab')).toEqual(PIPE);
    } finally {
      if (before === undefined) delete process.env.MLLAB_HOME;
      else process.env.MLLAB_HOME = before;
    }
  });
});
