// The last diagram of each lab, kept in the progress data folder (<home>/diagrams/<lab>.json) for
// the HTML report. Written atomically (write-file-atomic, as the progress store writes runs), so a
// report never reads half a file; read back through a strict schema, so a hand-edited or newer file
// is ignored rather than half-read.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { progressHome } from '../progress';
import { DIAGRAM_FORMAT_VERSION, NODE_KINDS, type DiagramGraph } from './graph';

const marks = z.array(z.string());
const graphSchema = z
  .object({
    formatVersion: z.literal(DIAGRAM_FORMAT_VERSION),
    lab: z.string().min(1),
    title: z.string(),
    region: z.string(),
    generatedAt: z.string(),
    generic: z.boolean(),
    replayedFrom: z.string().optional(),
    nodes: z.array(z.object({ id: z.string(), kind: z.enum(NODE_KINDS), label: z.string(), details: z.array(z.string()), state: z.enum(['found', 'missing', 'unknown']), marks }).strict()),
    edges: z.array(z.object({ id: z.string(), from: z.string(), to: z.string(), label: z.string().optional(), marks }).strict()),
    requirements: z.array(z.object({ id: z.string(), title: z.string(), status: z.enum(['pass', 'fail', 'error', 'skipped']) }).strict()),
    notes: z.array(z.string()),
  })
  .strict();

export class DiagramStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiagramStoreError';
  }
}

/** A lab id as a file name: lab ids are kebab-case (defineLab), anything else is refused. */
function fileOf(home: string, labId: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(labId)) throw new DiagramStoreError(`'${labId}' is not a lab id`);
  return join(home, 'diagrams', `${labId}.json`);
}

/** Keeps `graph` as its lab's last diagram; returns the file written. */
export function storeDiagram(graph: DiagramGraph, home: string): string {
  const file = fileOf(home, graph.lab);
  try {
    mkdirSync(join(home, 'diagrams'), { recursive: true });
    writeFileAtomic.sync(file, `${JSON.stringify(graph, null, 2)}\n`);
  } catch (err: any) {
    throw new DiagramStoreError(`cannot save the diagram in ${home} (${err?.code ?? err?.message}); set MLLAB_HOME to a writable directory`);
  }
  return file;
}

/**
 * The last diagram `mllab diagram <lab>` drew, or undefined when there is none (or it is not a
 * diagram this version can read). `home` defaults to the progress data folder (MLLAB_HOME, else
 * the platform's per-user data folder).
 */
export function loadStoredDiagram(labId: string, home: string = progressHome(process.env)): DiagramGraph | undefined {
  let text: string;
  try {
    text = readFileSync(fileOf(home, labId), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = graphSchema.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.lab === labId ? (parsed.data as DiagramGraph) : undefined;
  } catch {
    return undefined;
  }
}
