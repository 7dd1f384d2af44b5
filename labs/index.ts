// The lab registry: one explicit entry per lab, no directory scanning at run time (STYLE.md).
// Manifests only (lib/model, no SDK): a lab's checks load through labs/checks.ts when they run.
import type { LabManifest } from '../lib/model';
import { lab as algorithmChoice } from './algorithm-choice/lab';
import { lab as dataBiasQuality } from './data-bias-quality/lab';
import { lab as datalakeAthena } from './datalake-athena/lab';
import { lab as endpointObservability } from './endpoint-observability/lab';
import { lab as featureStore } from './feature-store/lab';
import { lab as hyperparameterTuning } from './hyperparameter-tuning/lab';
import { lab as inferenceChoice } from './inference-choice/lab';
import { lab as lakeformationAccess } from './lakeformation-access/lab';
import { lab as metricChoice } from './metric-choice/lab';
import { lab as modelMonitorDrift } from './model-monitor-drift/lab';
import { lab as pipelineRegistry } from './pipeline-registry/lab';
import { lab as safeRollout } from './safe-rollout/lab';
import { lab as secureTraining } from './secure-training/lab';
import { lab as serverlessEndpoint } from './serverless-endpoint/lab';
import { lab as streamingIngest } from './streaming-ingest/lab';
import { lab as streamsVsFirehose } from './streams-vs-firehose/lab';
import { lab as trainingApproach } from './training-approach/lab';
import { lab as trainingTroubleshooting } from './training-troubleshoot/lab';
import { lab as visionAlgorithms } from './vision-algorithms/lab';
import { lab as xgboostBuiltin } from './xgboost-builtin/lab';

export const LABS = {
  'algorithm-choice': algorithmChoice,
  'data-bias-quality': dataBiasQuality,
  'datalake-athena': datalakeAthena,
  'endpoint-observability': endpointObservability,
  'feature-store': featureStore,
  'hyperparameter-tuning': hyperparameterTuning,
  'inference-choice': inferenceChoice,
  'lakeformation-access': lakeformationAccess,
  'metric-choice': metricChoice,
  'model-monitor-drift': modelMonitorDrift,
  'pipeline-registry': pipelineRegistry,
  'safe-rollout': safeRollout,
  'secure-training': secureTraining,
  'serverless-endpoint': serverlessEndpoint,
  'streaming-ingest': streamingIngest,
  'streams-vs-firehose': streamsVsFirehose,
  'training-approach': trainingApproach,
  'training-troubleshoot': trainingTroubleshooting,
  'vision-algorithms': visionAlgorithms,
  'xgboost-builtin': xgboostBuiltin,
} satisfies Record<string, LabManifest>;

export type LabId = keyof typeof LABS;

export function findLab(id: string): LabManifest | undefined {
  return Object.prototype.hasOwnProperty.call(LABS, id) ? (LABS as Record<string, LabManifest>)[id] : undefined;
}

export function allLabs(): LabManifest[] {
  return Object.values(LABS as Record<string, LabManifest>);
}
