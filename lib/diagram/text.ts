// The terminal rendering: each element once, with what flows out of it indented below, the
// failing requirements' ids beside what they are about, and the verdicts that could not be placed.
import { painter, sanitize } from '../reporters/text';
import { flowOrder, KIND_NAMES, markText, type DiagramGraph, type DiagramNode } from './graph';

export interface TextOptions {
  readonly color?: boolean;
}

export function renderText(graph: DiagramGraph, options: TextOptions = {}): string {
  const paint = painter(options.color === true);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const mark = (marks: readonly string[]) => (marks.length > 0 ? `  ${paint('red', markText(marks))}` : '');
  const name = (n: DiagramNode) => `${KIND_NAMES[n.kind]} ${paint('bold', sanitize(n.label))}`;
  const state = (n: DiagramNode) => (n.state === 'found' ? '' : paint('yellow', n.state === 'missing' ? ' [missing]' : ' [not read]'));
  const lines: string[] = [];
  const source = graph.replayedFrom ? `replayed from ${sanitize(graph.replayedFrom)}` : graph.region;
  lines.push(`${paint('bold', graph.lab)}: ${sanitize(graph.title)} (${source})${graph.generic ? ', generic diagram' : ''}`);
  lines.push('');
  for (const node of flowOrder(graph)) {
    const details = node.details.length > 0 ? paint('dim', ` (${node.details.map(sanitize).join(', ')})`) : '';
    lines.push(`  ${name(node)}${details}${state(node)}${mark(node.marks)}`);
    for (const edge of graph.edges.filter((e) => e.from === node.id)) {
      const to = byId.get(edge.to)!;
      const label = edge.label ? ` ${paint('cyan', `[${sanitize(edge.label)}]`)}` : '';
      lines.push(`      └─▶ ${KIND_NAMES[to.kind]} ${sanitize(to.label)}${label}${mark(edge.marks)}`);
    }
  }
  const failing = graph.requirements.filter((r) => r.status === 'fail');
  const undecided = graph.requirements.filter((r) => r.status === 'error');
  const skipped = graph.requirements.filter((r) => r.status === 'skipped');
  const passed = graph.requirements.filter((r) => r.status === 'pass');
  lines.push('');
  lines.push(`${passed.length} of ${graph.requirements.length} requirements pass.`);
  for (const r of failing) lines.push(`  ${paint('red', `✗ ${r.id}`)} ${sanitize(r.title)}`);
  for (const r of undecided) lines.push(`  ${paint('yellow', `? ${r.id}`)} not decided: ${sanitize(r.title)}`);
  for (const r of skipped) lines.push(`  ${paint('dim', `- ${r.id}`)} skipped: ${sanitize(r.title)}`);
  for (const note of graph.notes) lines.push(`${paint('yellow', 'note:')} ${sanitize(note)}`);
  return `${lines.join('\n')}\n`;
}
