// Every committed cassette of every lab that has a diagram module: the cases the diagram tests run.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DiagramGraph } from '../../lib/diagram';
import { findLab } from '../../labs';
import { DIAGRAMS } from '../../labs/diagrams';
import { LABS_DIR } from '../support/replay';

export const CASES: readonly (readonly [string, string])[] = Object.keys(DIAGRAMS).flatMap((id) =>
  readdirSync(join(LABS_DIR, id, 'cassettes'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => [id, file] as const),
);

export const labOf = (id: string) => {
  const lab = findLab(id);
  if (!lab) throw new Error(`${id} is not registered`);
  return lab;
};

/** `{ 'delivery->data': ['R1', 'R3'], data: ['R2', 'R7'] }`: every marked element with its marks. */
export function marksOf(graph: DiagramGraph): Record<string, readonly string[]> {
  return Object.fromEntries([...graph.nodes, ...graph.edges].filter((e) => e.marks.length > 0).map((e) => [e.id, e.marks]));
}
