// The one lazy seam for labs: each lab's checks (SDK code) load only when a check runs, so listing,
// showing, planning and costing labs never loads an SDK client package. Add a lab with one line here
// and one in labs/index.ts.
import type { LabChecks } from '../lib/check/types';
import type { LabId } from './index';

export const CHECKS = {
  'algorithm-choice': () => import('./algorithm-choice/checks'),
  'data-bias-quality': () => import('./data-bias-quality/checks'),
  'datalake-athena': () => import('./datalake-athena/checks'),
  'endpoint-observability': () => import('./endpoint-observability/checks'),
  'feature-store': () => import('./feature-store/checks'),
  'hyperparameter-tuning': () => import('./hyperparameter-tuning/checks'),
  'inference-choice': () => import('./inference-choice/checks'),
  'lakeformation-access': () => import('./lakeformation-access/checks'),
  'metric-choice': () => import('./metric-choice/checks'),
  'model-monitor-drift': () => import('./model-monitor-drift/checks'),
  'pipeline-registry': () => import('./pipeline-registry/checks'),
  'safe-rollout': () => import('./safe-rollout/checks'),
  'secure-training': () => import('./secure-training/checks'),
  'serverless-endpoint': () => import('./serverless-endpoint/checks'),
  'streaming-ingest': () => import('./streaming-ingest/checks'),
  'streams-vs-firehose': () => import('./streams-vs-firehose/checks'),
  'training-approach': () => import('./training-approach/checks'),
  'training-troubleshoot': () => import('./training-troubleshoot/checks'),
  'vision-algorithms': () => import('./vision-algorithms/checks'),
  'xgboost-builtin': () => import('./xgboost-builtin/checks'),
} satisfies Record<LabId, () => Promise<{ readonly checks: LabChecks }>>;

/** The checks of a registered lab, loaded on demand; undefined for an id the registry does not know. */
export async function loadChecks(labId: string): Promise<LabChecks | undefined> {
  if (!Object.prototype.hasOwnProperty.call(CHECKS, labId)) return undefined;
  return (await CHECKS[labId as LabId]()).checks;
}
