// diagram: lab id -> the lab's checks and its diagram's reads through one session -> a graph with
// the failing requirements marked (DESIGN.md "Data flows"). The checks run first; the discovery
// then reads through the same session, so every call the checks already made is answered by the
// memo (and a cassette recorded for `mllab check` replays the diagram too).
import { classifyError } from '../aws/errors';
import { DEFAULT_TIMEOUT_MS, runLab, type CheckRunResult, type RunOptions } from '../check/runner';
import { MissingStackOutputError, requirementContext, type CheckSession } from '../check/session';
import type { CheckContext, LabChecks } from '../check/types';
import { STACK_OUTPUTS, type LabManifest, type LearnerResourceKind, type StackOutputKey } from '../model';
import type { LabDiagram } from './define';
import { DIAGRAM_FORMAT_VERSION, GraphBuilder, type DiagramGraph, type NodeKind } from './graph';

export interface DiagramRunOptions extends RunOptions {
  /** Recorded in the graph: the cassette that answered instead of the account. */
  readonly replayedFrom?: string;
}

export interface DiagramRun {
  readonly graph: DiagramGraph;
  /** The check run whose verdicts are marked on the graph. */
  readonly result: CheckRunResult;
}

/** Said on a generic diagram, in every format. */
export const GENERIC_NOTE = 'This lab has no diagram module yet: the picture shows what its manifest declares (environments, stack outputs, the resources you create), not the data flow, and failing requirements are listed rather than placed on it.';

/**
 * Checks the lab, then draws it. Never throws for the account's sake: a read that fails stops the
 * drawing where it is, with a note saying why.
 */
export async function diagramLab(session: CheckSession, lab: LabManifest, checks: LabChecks, diagram: LabDiagram | undefined, options: DiagramRunOptions = {}): Promise<DiagramRun> {
  const { replayedFrom, ...runOptions } = options;
  const result = await runLab(session, lab, checks, runOptions);
  const builder = new GraphBuilder();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([controller.signal, options.signal]) : controller.signal;
  const ctx = requirementContext(session, lab, diagram?.reads ?? [], signal);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      builder.note(`The diagram's reads did not finish within ${Math.round(timeoutMs / 1000)} s; what was read by then is shown. Run it again (or raise --timeout).`);
      resolve();
    }, timeoutMs);
  });
  try {
    // Always a promise, even from a discover that throws before its first await.
    const drawn = Promise.resolve().then(() => (diagram ? diagram.discover(ctx, builder) : genericDiagram(ctx, lab, builder)));
    await Promise.race([drawn.catch((err: unknown) => void builder.note(incompleteNote(err, session.profile))), timeout]);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  if (!diagram) builder.note(GENERIC_NOTE);

  const failing = result.requirements.filter((r) => r.status === 'fail');
  const marks = new Map<string, string[]>();
  const drawnIds = builder.ids();
  for (const requirement of failing) {
    const targets = (diagram?.about as Record<string, readonly string[]> | undefined)?.[requirement.id] ?? [];
    const placed = targets.filter((t) => drawnIds.has(t));
    for (const target of placed) marks.set(target, [...(marks.get(target) ?? []), requirement.id]);
    if (diagram && placed.length === 0) builder.note(`${requirement.id} fails, but what it is about could not be drawn: ${requirement.title}`);
  }
  const built = builder.build(marks);
  const graph: DiagramGraph = {
    formatVersion: DIAGRAM_FORMAT_VERSION,
    lab: lab.id,
    title: lab.title,
    region: session.region,
    generatedAt: result.startedAt,
    generic: !diagram,
    ...(replayedFrom ? { replayedFrom } : {}),
    ...built,
    requirements: result.requirements.map((r) => ({ id: r.id, title: r.title, status: r.status })),
  };
  return { graph, result };
}

function incompleteNote(err: unknown, profile: string | undefined): string {
  const why = err instanceof MissingStackOutputError ? err.message : classifyError(err, profile ? { profile } : {}).message;
  return `The diagram is incomplete: ${why}`;
}

/** A stack output, or undefined when the stack or the output cannot be read. */
async function outputOf(ctx: CheckContext, key: StackOutputKey): Promise<string | undefined> {
  try {
    return await ctx.stackOutput(key);
  } catch {
    return undefined;
  }
}

const LEARNER_KINDS: Readonly<Partial<Record<LearnerResourceKind, NodeKind>>> = {
  'sagemaker:endpoint': 'endpoint',
  'sagemaker:endpoint-config': 'endpoint-config',
  'sagemaker:model': 'model',
  'sagemaker:training-job': 'training-job',
  'sagemaker:monitoring-schedule': 'monitoring-schedule',
  'sagemaker:pipeline': 'pipeline',
  'kinesis:stream-consumer': 'consumer',
  'kinesis:stream': 'stream',
  'firehose:delivery-stream': 'delivery-stream',
  'glue:table': 'table',
  'glue:crawler': 'crawler',
  'athena:named-query': 'query',
  's3:prefix': 'prefix',
};

/**
 * The picture of a lab without a diagram module: its environments' resources named by the stack's
 * outputs (when the stack answers), then what the learner creates, by the names the lab gives them.
 */
async function genericDiagram(ctx: CheckContext, lab: LabManifest, g: GraphBuilder): Promise<void> {
  const chains: Record<string, readonly [string, NodeKind, StackOutputKey, string][]> = {
    streaming: [
      ['stream', 'stream', STACK_OUTPUTS.streamName, 'Kinesis data stream'],
      ['delivery', 'delivery-stream', STACK_OUTPUTS.deliveryStreamName, 'Firehose delivery stream'],
      ['delivery-bucket', 'bucket', STACK_OUTPUTS.deliveryBucketName, 'delivery bucket'],
    ],
    datalake: [
      ['datalake-bucket', 'bucket', STACK_OUTPUTS.dataLakeBucketName, 'data lake bucket'],
      ['crawler', 'crawler', STACK_OUTPUTS.crawlerName, 'Glue crawler'],
      ['database', 'database', STACK_OUTPUTS.glueDatabaseName, 'Glue database'],
      ['workgroup', 'workgroup', STACK_OUTPUTS.workGroupName, 'Athena workgroup'],
    ],
    studio: [
      ['lab-bucket', 'bucket', STACK_OUTPUTS.labBucketName, 'lab bucket'],
      ['studio', 'environment', STACK_OUTPUTS.domainId, 'SageMaker Studio domain'],
    ],
  };
  for (const environment of lab.environments) {
    let previous: string | undefined;
    for (const [id, kind, key, what] of chains[environment] ?? []) {
      const name = await outputOf(ctx, key);
      g.node(id, kind, name ?? what, { details: [name ? what : `stack output ${key} not read`], state: name ? 'found' : 'unknown' });
      // The stack wires these itself (stream -> delivery stream -> bucket; bucket -> crawler ->
      // database): that flow is the stack's, so it is drawn. Studio's resources do not flow.
      if (previous && environment !== 'studio') g.edge(previous, id);
      previous = id;
    }
  }
  // What the learner creates is drawn unconnected: the manifest names it, but how data flows
  // between these resources is what only a diagram module reads.
  for (const [i, resource] of (lab.learnerResources ?? []).entries()) {
    const kind = LEARNER_KINDS[resource.kind] ?? 'resource';
    g.node(`learner-${i + 1}`, kind, resource.match === 'prefix' ? `${resource.name}*` : resource.name, { details: [`${resource.kind}, created by you`], state: 'unknown' });
  }
}
