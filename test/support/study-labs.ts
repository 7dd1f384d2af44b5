// Small labs with task statements and concept tags, and runs of them, for the knowledge audit, the
// study plan, the search and the report (issue 17): a fixed progress store, built in memory.
import { defineLab, type LabManifest, type MlaDomainId, type MlaTaskId, type MlsDomainId } from '../../lib/model';
import type { ProgressRun } from '../../lib/progress';

type Req = readonly [title: string, tasks: readonly MlaTaskId[], concepts: readonly string[]];

export function studyLab(id: string, mla: MlaDomainId, mls: MlsDomainId, requirements: readonly Req[], estimatedMinutes = 60): LabManifest {
  return defineLab({
    id,
    title: `Lab ${id}`,
    summary: 's',
    domains: { 'MLA-C01': [mla], 'MLS-C01': [mls] },
    environments: ['streaming'],
    estimatedMinutes,
    estimatedCostUsd: 0,
    requirements: requirements.map(([title, tasks, concepts], i) => ({
      id: `R${i + 1}`,
      title,
      hint: `Read about ${concepts.join(' and ')}.`,
      docs: 'https://docs.aws.amazon.com/x',
      reads: ['Kinesis:DescribeStreamSummary'] as const,
      tasks,
      concepts,
    })),
  });
}

/** D1: four requirements over 1.1-1.3; D2: two; D3: two; nothing for D4. */
export const STUDY_LABS: readonly LabManifest[] = [
  studyLab('ingest', 'MLA-C01/D1', 'MLS-C01/D1', [
    ['The delivery stream delivers within 30 seconds.', ['MLA-C01/1.1'], ['firehose-buffering', 'data-freshness']],
    ['The stream keeps records for 48 hours.', ['MLA-C01/1.1'], ['kinesis-retention', 'stream-replay']],
    ['Objects are partitioned by hour.', ['MLA-C01/1.2'], ['hive-style-partitioning', 's3-partition-layout']],
    ['Bad records land under an error prefix.', ['MLA-C01/1.3'], ['firehose-error-output', 'data-integrity']],
  ]),
  studyLab('train', 'MLA-C01/D2', 'MLS-C01/D3', [
    ['The job uses built-in XGBoost.', ['MLA-C01/2.1'], ['xgboost', 'sagemaker-built-in-algorithms']],
    ['The job uses managed spot training.', ['MLA-C01/2.2'], ['managed-spot-training', 'stopping-condition']],
  ]),
  studyLab('deploy', 'MLA-C01/D3', 'MLS-C01/D4', [
    ['The endpoint is serverless.', ['MLA-C01/3.1'], ['serverless-inference', 'endpoint-config']],
    ['The endpoint is InService.', ['MLA-C01/3.1'], ['sagemaker-endpoint', 'endpoint-config']],
  ]),
];

export function studyRun(lab: string, startedAt: string, statuses: readonly ProgressRun['requirements'][number]['status'][], findings: Record<string, string[]> = {}): ProgressRun {
  return {
    formatVersion: 1,
    lab,
    region: 'us-east-1',
    startedAt,
    durationMs: 5,
    requirements: statuses.map((status, i) => ({ id: `R${i + 1}`, status, ...(findings[`R${i + 1}`] ? { findings: findings[`R${i + 1}`] } : {}) })),
  };
}
