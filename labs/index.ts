// The lab registry: one explicit entry per lab, no directory scanning at run time (STYLE.md).
// Manifests only (lib/model, no SDK): a lab's checks load through labs/checks.ts when they run.
import type { LabManifest } from '../lib/model';
import { lab as algorithmChoice } from './algorithm-choice/lab';
import { lab as datalakeAthena } from './datalake-athena/lab';
import { lab as serverlessEndpoint } from './serverless-endpoint/lab';
import { lab as streamingIngest } from './streaming-ingest/lab';
import { lab as streamsVsFirehose } from './streams-vs-firehose/lab';
import { lab as xgboostBuiltin } from './xgboost-builtin/lab';

export const LABS = {
  'algorithm-choice': algorithmChoice,
  'datalake-athena': datalakeAthena,
  'serverless-endpoint': serverlessEndpoint,
  'streaming-ingest': streamingIngest,
  'streams-vs-firehose': streamsVsFirehose,
  'xgboost-builtin': xgboostBuiltin,
} satisfies Record<string, LabManifest>;

export type LabId = keyof typeof LABS;

export function findLab(id: string): LabManifest | undefined {
  return Object.prototype.hasOwnProperty.call(LABS, id) ? (LABS as Record<string, LabManifest>)[id] : undefined;
}

export function allLabs(): LabManifest[] {
  return Object.values(LABS as Record<string, LabManifest>);
}
