// The diagram's model: what a lab's discovery found (nodes and the data flowing between them), and
// which failing requirements are about which of them. Plain data: it is stored as JSON for the
// HTML report and rendered as text, Mermaid or SVG.
import { classifyError } from '../aws/errors';
import type { RequirementStatus } from '../check/types';

export const DIAGRAM_FORMAT_VERSION = 1;

/** What a node stands for; renderers pick a shape by it. */
export const NODE_KINDS = [
  'stream',
  'consumer',
  'delivery-stream',
  'bucket',
  'prefix',
  'crawler',
  'database',
  'table',
  'workgroup',
  'query',
  'training-job',
  'model-artefact',
  'model',
  'endpoint-config',
  'endpoint',
  'monitoring-schedule',
  'pipeline',
  'metric',
  'environment',
  'resource',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/**
 * `found`: read from the account; `missing`: the account says it does not exist (or the lab expects
 * it and nothing answered to its name); `unknown`: the reads needed to see it did not answer.
 */
export type NodeState = 'found' | 'missing' | 'unknown';

export interface DiagramNode {
  /** Stable within a lab (`stream`, `delivery`, `data-prefix`): requirement marks name it. */
  readonly id: string;
  readonly kind: NodeKind;
  /** The resource's own name, or what the lab calls it when it is missing. */
  readonly label: string;
  /** Short facts shown under the label (`1 shard`, `24 h retention`). */
  readonly details: readonly string[];
  readonly state: NodeState;
  /** Ids of the failing requirements this node is about. */
  readonly marks: readonly string[];
}

export interface DiagramEdge {
  /** `<from>-><to>`. */
  readonly id: string;
  readonly from: string;
  readonly to: string;
  /** What matters about the flow (`60 s or 5 MiB, GZIP`). */
  readonly label?: string;
  readonly marks: readonly string[];
}

export interface DiagramRequirement {
  readonly id: string;
  readonly title: string;
  readonly status: RequirementStatus;
}

export interface DiagramGraph {
  readonly formatVersion: typeof DIAGRAM_FORMAT_VERSION;
  readonly lab: string;
  readonly title: string;
  readonly region: string;
  /** When the reads were made (ISO 8601, UTC). */
  readonly generatedAt: string;
  /** True when the lab has no diagram module and the picture comes from its manifest. */
  readonly generic: boolean;
  /** The cassette answered instead of the account. */
  readonly replayedFrom?: string;
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
  /** Every requirement that ran, with its verdict. */
  readonly requirements: readonly DiagramRequirement[];
  /** What the diagram could not show: reads that did not answer, failing requirements with no element. */
  readonly notes: readonly string[];
}

export interface NodeOptions {
  readonly details?: readonly (string | undefined | false)[];
  readonly state?: NodeState;
}

/**
 * What a lab's discovery draws with. Adding a node twice replaces it (a later read knows more);
 * an edge to a node that was never added is dropped when the graph is built, so a discovery that
 * stopped half-way still gives a consistent picture.
 */
export class GraphBuilder {
  private readonly nodes = new Map<string, Omit<DiagramNode, 'marks'>>();
  private readonly edges = new Map<string, Omit<DiagramEdge, 'marks'>>();
  private readonly notes: string[] = [];

  node(id: string, kind: NodeKind, label: string, options: NodeOptions = {}): this {
    const details = (options.details ?? []).filter((d): d is string => typeof d === 'string' && d !== '');
    this.nodes.set(id, { id, kind, label, details, state: options.state ?? 'found' });
    return this;
  }

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  edge(from: string, to: string, label?: string): this {
    const id = edgeId(from, to);
    this.edges.set(id, { id, from, to, ...(label ? { label } : {}) });
    return this;
  }

  /**
   * A read the picture can do without: its answer, or undefined with a note saying what could not
   * be read and why (a check that did not run did not record it in a cassette, for example).
   */
  async attempt<T>(what: string, read: () => Promise<T>): Promise<T | undefined> {
    try {
      return await read();
    } catch (err) {
      this.note(`${what} could not be read: ${classifyError(err).message}`);
      return undefined;
    }
  }

  note(text: string): this {
    if (!this.notes.includes(text)) this.notes.push(text);
    return this;
  }

  /** The ids of the nodes, and of the edges whose both ends are nodes. */
  ids(): Set<string> {
    const edges = [...this.edges.values()].filter((e) => this.nodes.has(e.from) && this.nodes.has(e.to));
    return new Set([...this.nodes.keys(), ...edges.map((e) => e.id)]);
  }

  /** The nodes and the edges between nodes that exist, each marked with the requirements about it. */
  build(marks: ReadonlyMap<string, readonly string[]>): Pick<DiagramGraph, 'nodes' | 'edges' | 'notes'> {
    const nodes = [...this.nodes.values()].map((n) => ({ ...n, marks: marks.get(n.id) ?? [] }));
    const edges = [...this.edges.values()].filter((e) => this.nodes.has(e.from) && this.nodes.has(e.to)).map((e) => ({ ...e, marks: marks.get(e.id) ?? [] }));
    return { nodes, edges, notes: [...this.notes] };
  }
}

/**
 * The nodes in the order data flows through them: every node after the nodes that flow into it
 * (Kahn's algorithm, ties kept in the order discovery drew them); nodes on a cycle keep theirs.
 */
export function flowOrder(graph: Pick<DiagramGraph, 'nodes' | 'edges'>): DiagramNode[] {
  const incoming = new Map(graph.nodes.map((n) => [n.id, 0]));
  for (const e of graph.edges) incoming.set(e.to, (incoming.get(e.to) ?? 0) + 1);
  const ordered: DiagramNode[] = [];
  const placed = new Set<string>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const node of graph.nodes) {
      if (placed.has(node.id) || incoming.get(node.id)! > 0) continue;
      ordered.push(node);
      placed.add(node.id);
      progress = true;
      for (const e of graph.edges.filter((x) => x.from === node.id)) incoming.set(e.to, incoming.get(e.to)! - 1);
      break;
    }
  }
  return [...ordered, ...graph.nodes.filter((n) => !placed.has(n.id))];
}

export function edgeId(from: string, to: string): string {
  return `${from}->${to}`;
}

/** How each kind reads in a label. */
export const KIND_NAMES: Readonly<Record<NodeKind, string>> = {
  stream: 'Kinesis data stream',
  consumer: 'stream consumer',
  'delivery-stream': 'Firehose stream',
  bucket: 'S3 bucket',
  prefix: 'S3 prefix',
  crawler: 'Glue crawler',
  database: 'Glue database',
  table: 'Glue table',
  workgroup: 'Athena workgroup',
  query: 'Athena query',
  'training-job': 'training job',
  'model-artefact': 'model artefact',
  model: 'SageMaker model',
  'endpoint-config': 'endpoint config',
  endpoint: 'endpoint',
  'monitoring-schedule': 'monitoring schedule',
  pipeline: 'pipeline',
  metric: 'CloudWatch metric',
  environment: 'environment',
  resource: 'resource',
};

/** `✗ R2 R7`, the mark every format puts on a failing element. */
export function markText(marks: readonly string[]): string {
  return marks.length > 0 ? `✗ ${marks.join(' ')}` : '';
}
