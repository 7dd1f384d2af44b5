// Mermaid flowchart text, for Markdown (GitHub renders it): one node per element, the failing ones
// in red with the requirement ids, missing ones dashed.
// Syntax: https://mermaid.js.org/syntax/flowchart.html (entity codes, quoted labels, classDef, linkStyle).
import { sanitize } from '../reporters/text';
import { KIND_NAMES, markText, type DiagramGraph } from './graph';

/** Text inside a quoted Mermaid label: quotes, angle brackets and '#' as Mermaid's entity codes. */
function escape(text: string): string {
  return sanitize(text).replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

export function renderMermaid(graph: DiagramGraph): string {
  const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i + 1}`]));
  const lines = ['flowchart LR'];
  for (const node of graph.nodes) {
    const parts = [markText(node.marks), KIND_NAMES[node.kind], node.label, ...node.details, node.state === 'found' ? '' : node.state === 'missing' ? 'missing' : 'not read'].filter(Boolean);
    lines.push(`  ${ids.get(node.id)}["${parts.map(escape).join('<br/>')}"]`);
  }
  const failingLinks: number[] = [];
  graph.edges.forEach((edge, i) => {
    const label = [markText(edge.marks), edge.label ?? ''].filter(Boolean).join(' ');
    lines.push(`  ${ids.get(edge.from)} -->${label ? `|"${escape(label)}"|` : ''} ${ids.get(edge.to)}`);
    if (edge.marks.length > 0) failingLinks.push(i);
  });
  lines.push('  classDef failing stroke:#c62828,stroke-width:3px,color:#b71c1c');
  lines.push('  classDef missing stroke-dasharray:5 5');
  const failing = graph.nodes.filter((n) => n.marks.length > 0).map((n) => ids.get(n.id));
  const missing = graph.nodes.filter((n) => n.state !== 'found' && n.marks.length === 0).map((n) => ids.get(n.id));
  if (failing.length > 0) lines.push(`  class ${failing.join(',')} failing`);
  if (missing.length > 0) lines.push(`  class ${missing.join(',')} missing`);
  if (failingLinks.length > 0) lines.push(`  linkStyle ${failingLinks.join(',')} stroke:#c62828,stroke-width:3px`);
  return `${lines.join('\n')}\n`;
}
