// A lab's diagram module (labs/<id>/diagram.ts): what it reads, how it draws the learner's pipeline
// from those reads, and which elements each requirement is about.
import type { CheckContext } from '../check/types';
import { isReadOnlyOperation, type LabManifest, type ReadDeclaration, type RequirementId } from '../model';
import type { GraphBuilder } from './graph';

export interface LabDiagram<L extends LabManifest = LabManifest> {
  /**
   * Every call `discover` may send, as a requirement declares its reads. Each is one of the lab's
   * requirements' reads, so `mllab policy` already grants it and the lab's cassettes answer it.
   */
  readonly reads: readonly ReadDeclaration[];
  /**
   * Draws the pipeline from what it reads through `ctx` (read-only, its declared reads only, the
   * check run's memo). It may throw: what it drew until then is kept and the error becomes a note.
   */
  discover(ctx: CheckContext, graph: GraphBuilder): Promise<void>;
  /** For each requirement, the ids of the nodes and edges (`from->to`) it is about. */
  readonly about: { readonly [K in RequirementId<L>]: readonly string[] };
}

/**
 * `export const diagram = defineDiagram(lab, { reads, discover, about })`. Refuses, at load time,
 * a read that is not read-only or that no requirement of the lab declares, and an `about` that
 * misses a requirement or names one the lab does not have.
 */
export function defineDiagram<const L extends LabManifest>(lab: L, diagram: NoInfer<LabDiagram<L>>): LabDiagram<L> {
  const where = `lab '${lab.id}' diagram`;
  const declared = new Set(lab.requirements.flatMap((r) => r.reads));
  for (const read of diagram.reads) {
    const operation = read.split(':')[1];
    if (!operation || !isReadOnlyOperation(operation)) throw new Error(`${where}: '${read}' is not a read-only call`);
    if (!declared.has(read)) throw new Error(`${where}: '${read}' is read by no requirement of the lab; a diagram reads what the checks read`);
  }
  const ids = lab.requirements.map((r) => r.id);
  const given = Object.keys(diagram.about);
  const missing = ids.filter((id) => !given.includes(id));
  const extra = given.filter((id) => !ids.includes(id));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`${where}: 'about' must name every requirement${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; not in the manifest ${extra.join(', ')}` : ''}`);
  }
  return diagram;
}
