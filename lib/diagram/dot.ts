// Graphviz DOT for the SVG: left to right, a shape per kind, failing elements red and named by the
// requirement ids, missing ones dashed. Every element carries an SVG id (`node-<id>`,
// `edge-<from>--<to>`) and classes (`failing mark-R2`), so a page or a test can find it.
// Attributes: https://graphviz.org/doc/info/attrs.html
import { sanitize } from '../reporters/text';
import { KIND_NAMES, markText, type DiagramGraph, type NodeKind } from './graph';

const SHAPES: Readonly<Record<NodeKind, string>> = {
  stream: 'cds',
  consumer: 'box',
  'delivery-stream': 'box',
  bucket: 'cylinder',
  prefix: 'folder',
  crawler: 'component',
  database: 'cylinder',
  table: 'tab',
  workgroup: 'box',
  query: 'note',
  'training-job': 'box3d',
  'model-artefact': 'folder',
  model: 'box',
  'endpoint-config': 'note',
  endpoint: 'doublecircle',
  'monitoring-schedule': 'box',
  pipeline: 'box',
  metric: 'ellipse',
  environment: 'box',
  resource: 'box',
};

const RED = '#c62828';

/** A double-quoted DOT string; a backslash would start one of Graphviz's escapes (\N, \G, \l). */
function quoted(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** Lines of a label are wrapped at this width, after a '/', ',' or space, so an S3 prefix stays whole. */
const WIDTH = 44;

/** `text` as lines of at most WIDTH characters; a longer run without a break is cut in the middle. */
export function wrapLabel(text: string): string[] {
  const pieces = sanitize(text).match(/(?:[a-z0-9]+:\/\/)?[^/, ]*[/, ]?/g)!.filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    if (line && line.length + piece.length > WIDTH) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += piece;
  }
  if (line) lines.push(line.trimEnd());
  return lines.map((l) => (l.length <= WIDTH * 1.5 ? l : `${l.slice(0, WIDTH / 2)}…${l.slice(-WIDTH / 2)}`));
}

function classes(marks: readonly string[], extra: string): string {
  return [extra, ...(marks.length > 0 ? ['failing', ...marks.map((m) => `mark-${m}`)] : [])].join(' ');
}

export function renderDot(graph: DiagramGraph): string {
  const lines = [
    `digraph ${quoted(graph.lab)} {`,
    `  graph [rankdir=LR, fontname="Helvetica", fontsize=12, nodesep=0.35, ranksep=0.6, id=${quoted(`diagram-${graph.lab}`)}];`,
    '  node [fontname="Helvetica", fontsize=10, style="rounded", margin="0.12,0.06"];',
    '  edge [fontname="Helvetica", fontsize=9, color="#455a64"];',
  ];
  for (const node of graph.nodes) {
    const label = [markText(node.marks), KIND_NAMES[node.kind], ...wrapLabel(node.label), ...node.details.flatMap(wrapLabel), node.state === 'missing' ? '(missing)' : node.state === 'unknown' ? '(not read)' : ''].filter(Boolean).join('\n');
    const attrs = [
      `id=${quoted(`node-${node.id}`)}`,
      `class=${quoted(classes(node.marks, `kind-${node.kind}`))}`,
      `shape=${SHAPES[node.kind]}`,
      `label=${quoted(label)}`,
      node.state === 'found' ? '' : 'style="rounded,dashed"',
      node.marks.length > 0 ? `color="${RED}", fontcolor="${RED}", penwidth=2.5` : '',
    ].filter(Boolean);
    lines.push(`  ${quoted(node.id)} [${attrs.join(', ')}];`);
  }
  for (const edge of graph.edges) {
    const label = [markText(edge.marks), ...(edge.label ? wrapLabel(edge.label) : [])].filter(Boolean).join('\n');
    const attrs = [
      `id=${quoted(`edge-${edge.from}--${edge.to}`)}`,
      `class=${quoted(classes(edge.marks, 'flow'))}`,
      label ? `label=${quoted(label)}` : '',
      edge.marks.length > 0 ? `color="${RED}", fontcolor="${RED}", penwidth=2.5` : '',
    ].filter(Boolean);
    lines.push(`  ${quoted(edge.from)} -> ${quoted(edge.to)} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
