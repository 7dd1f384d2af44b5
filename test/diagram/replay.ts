// Drawing a registered lab's diagram from one of its committed cassettes, as
// `mllab diagram <lab> --replay labs/<lab>/cassettes/<file>` does: one session (no retries), the
// checks and the diagram's reads through it, destroyed afterwards.
import { replayTransport } from '../../lib/cassette';
import { CheckSession, type CallTransport } from '../../lib/check/session';
import { diagramLab, type DiagramRun, type DiagramRunOptions, type LabDiagram } from '../../lib/diagram';
import type { LabManifest } from '../../lib/model';
import { loadDiagram } from '../../labs/diagrams';
import { checkedLab, type LabUnderTest } from '../support/checked-lab';
import { labCassette } from '../support/replay';

export type ReplayedDiagram = DiagramRun & { readonly callsSent: number };

/**
 * The diagram of a lab under test through `transport`: its registered diagram module, the one
 * given, or (`null`) none, which draws the generic diagram.
 */
export async function diagramWith(target: LabUnderTest, transport: CallTransport, region = 'us-east-1', diagram?: LabDiagram | null, options: DiagramRunOptions = {}): Promise<ReplayedDiagram> {
  const { lab, checks } = await checkedLab(target);
  const session = new CheckSession({ region, maxAttempts: 1, transport });
  try {
    const drawn = diagram === null ? undefined : (diagram ?? (await loadDiagram(lab.id)));
    const run = await diagramLab(session, lab, checks, drawn, { replayedFrom: 'test', ...options });
    return { ...run, callsSent: session.callsSent };
  } finally {
    session.destroy();
  }
}

/** The diagram of `lab` from `labs/<lab>/cassettes/<file>`. */
export async function replayDiagram(lab: LabManifest, file: string, diagram?: LabDiagram | null): Promise<ReplayedDiagram> {
  const cassette = labCassette(lab.id, file);
  return diagramWith(lab, replayTransport(cassette, { source: file }), cassette.region, diagram);
}
