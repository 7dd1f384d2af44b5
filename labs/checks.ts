// The one lazy seam for labs: each lab's checks (SDK code) load only when a check runs, so listing,
// showing, planning and costing labs never loads an SDK client package. Add a lab with one line here
// and one in labs/index.ts.
import type { LabChecks } from '../lib/check/types';
import type { LabId } from './index';

export const CHECKS = {
  'algorithm-choice': () => import('./algorithm-choice/checks'),
  'datalake-athena': () => import('./datalake-athena/checks'),
  'serverless-endpoint': () => import('./serverless-endpoint/checks'),
  'streaming-ingest': () => import('./streaming-ingest/checks'),
  'streams-vs-firehose': () => import('./streams-vs-firehose/checks'),
  'xgboost-builtin': () => import('./xgboost-builtin/checks'),
} satisfies Record<LabId, () => Promise<{ readonly checks: LabChecks }>>;

/** The checks of a registered lab, loaded on demand; undefined for an id the registry does not know. */
export async function loadChecks(labId: string): Promise<LabChecks | undefined> {
  if (!Object.prototype.hasOwnProperty.call(CHECKS, labId)) return undefined;
  return (await CHECKS[labId as LabId]()).checks;
}
