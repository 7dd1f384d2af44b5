// Reading the learner's tuning jobs: the newest Completed `churn-hpo-*` job is the one judged, and
// its training job definition is read the same way whichever of the API's two shapes holds it.
import {
  DescribeHyperParameterTuningJobCommand,
  paginateListHyperParameterTuningJobs,
  SageMakerClient,
  type DescribeHyperParameterTuningJobResponse,
  type HyperParameterTrainingJobDefinition,
  type HyperParameterTuningJobObjective,
  type HyperParameterTuningJobSummary,
  type ParameterRanges,
} from '@aws-sdk/client-sagemaker';
import { KnownError } from '../../lib/aws/errors';
import type { CheckContext } from '../../lib/check/types';
import { TUNING_JOB_PREFIX } from './lab';

/** ListHyperParameterTuningJobs pages hold at most 100 jobs (API_ListHyperParameterTuningJobs, MaxResults). */
const PAGE_SIZE = 100;
/** A bound so a crowded account cannot stall the check; the newest jobs come first. */
const MAX_PAGES = 5;

/**
 * Every tuning job whose name starts with the lab's prefix, newest first. NameContains matches
 * anywhere in the name, so the prefix is checked here. When the page bound is reached with no
 * match while SageMaker offers more, the deciding jobs are unseen: an error, never "no jobs".
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListHyperParameterTuningJobs.html
 */
export async function listTuningJobs(ctx: CheckContext): Promise<HyperParameterTuningJobSummary[]> {
  const found: HyperParameterTuningJobSummary[] = [];
  let pages = 0;
  let listed = 0;
  for await (const page of paginateListHyperParameterTuningJobs(
    { client: ctx.client(SageMakerClient), pageSize: PAGE_SIZE },
    { NameContains: TUNING_JOB_PREFIX, SortBy: 'CreationTime', SortOrder: 'Descending' },
  )) {
    const summaries = page.HyperParameterTuningJobSummaries ?? [];
    listed += summaries.length;
    found.push(...summaries.filter((s) => s.HyperParameterTuningJobName?.startsWith(TUNING_JOB_PREFIX)));
    pages += 1;
    if (pages < MAX_PAGES) continue;
    if (found.length === 0 && page.NextToken) {
      throw new KnownError('other', `SageMaker listed ${listed} tuning jobs containing '${TUNING_JOB_PREFIX}' in ${MAX_PAGES} pages and has more, none starting with it; the jobs that decide were not read. Run the check again after deleting clutter, or name the lab's tuning jobs with the prefix first.`);
    }
    break;
  }
  return found.sort((a, b) => (b.CreationTime?.getTime() ?? 0) - (a.CreationTime?.getTime() ?? 0));
}

export function describeTuningJob(ctx: CheckContext, name: string): Promise<DescribeHyperParameterTuningJobResponse> {
  return ctx.client(SageMakerClient).send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: name }));
}

export type Judged = { readonly job: DescribeHyperParameterTuningJobResponse } | { readonly problem: string };

/** The newest Completed `churn-hpo-*` tuning job: a learner iterates by starting new ones. */
export async function judgedTuningJob(ctx: CheckContext): Promise<Judged> {
  const jobs = await listTuningJobs(ctx);
  if (jobs.length === 0) {
    return { problem: `No hyperparameter tuning job whose name starts with '${TUNING_JOB_PREFIX}' exists in ${ctx.region}. Start one with that prefix: the checker and teardown find the lab's tuning jobs, and the training jobs they launch, by it.` };
  }
  const completed = jobs.find((j) => j.HyperParameterTuningJobStatus === 'Completed');
  if (completed) return { job: await describeTuningJob(ctx, completed.HyperParameterTuningJobName!) };
  const newest = await describeTuningJob(ctx, jobs[0]!.HyperParameterTuningJobName!);
  const reason = newest.FailureReason ? ` Failure reason: ${newest.FailureReason}` : '';
  const waiting = newest.HyperParameterTuningJobStatus === 'InProgress' ? ' Run the check again once it has finished.' : '';
  return {
    problem: `None of your ${jobs.length} '${TUNING_JOB_PREFIX}*' tuning job(s) has Completed; the newest, ${newest.HyperParameterTuningJobName}, is ${newest.HyperParameterTuningJobStatus}.${reason}${waiting}`,
  };
}

/**
 * The one training job definition of a tuning job: `TrainingJobDefinition`, or a single entry of
 * `TrainingJobDefinitions` (what the SageMaker Python SDK sends for `HyperparameterTuner.create`),
 * whose own tuning objective and ranges then apply.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeHyperParameterTuningJob.html
 */
export interface Definition {
  readonly definition: HyperParameterTrainingJobDefinition;
  readonly objective?: HyperParameterTuningJobObjective;
  readonly ranges?: ParameterRanges;
}

export function definitionOf(job: DescribeHyperParameterTuningJobResponse): Definition | { readonly problem: string } {
  const many = job.TrainingJobDefinitions ?? [];
  const definition = job.TrainingJobDefinition ?? (many.length === 1 ? many[0] : undefined);
  if (!definition) {
    return many.length > 1
      ? { problem: `${job.HyperParameterTuningJobName} tunes ${many.length} training job definitions at once; the scenario tunes one algorithm, built-in XGBoost, so every job of the budget goes to its search.` }
      : { problem: `${job.HyperParameterTuningJobName} reports no training job definition, so what its training jobs ran cannot be judged.` };
  }
  const config = job.HyperParameterTuningJobConfig;
  const objective = definition.TuningObjective ?? config?.HyperParameterTuningJobObjective;
  const ranges = definition.HyperParameterRanges ?? config?.ParameterRanges;
  return { definition, ...(objective ? { objective } : {}), ...(ranges ? { ranges } : {}) };
}
