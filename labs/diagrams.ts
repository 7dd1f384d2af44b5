// The lazy seam for labs' diagram modules (`mllab diagram`), as labs/checks.ts is for checks: a
// diagram module (SDK code) loads only when a diagram is drawn. A lab without one gets the generic
// diagram built from its manifest (lib/diagram/discover.ts).
import type { LabDiagram } from '../lib/diagram/define';
import type { LabId } from './index';

export const DIAGRAMS = {
  'algorithm-choice': () => import('./algorithm-choice/diagram'),
  'datalake-athena': () => import('./datalake-athena/diagram'),
  'serverless-endpoint': () => import('./serverless-endpoint/diagram'),
  'streaming-ingest': () => import('./streaming-ingest/diagram'),
  'streams-vs-firehose': () => import('./streams-vs-firehose/diagram'),
  'xgboost-builtin': () => import('./xgboost-builtin/diagram'),
} satisfies Partial<Record<LabId, () => Promise<{ readonly diagram: LabDiagram<any> }>>>;

/** The diagram module of a lab, loaded on demand; undefined for a lab that has none. */
export async function loadDiagram(labId: string): Promise<LabDiagram | undefined> {
  if (!Object.prototype.hasOwnProperty.call(DIAGRAMS, labId)) return undefined;
  return (await DIAGRAMS[labId as keyof typeof DIAGRAMS]()).diagram as LabDiagram;
}
