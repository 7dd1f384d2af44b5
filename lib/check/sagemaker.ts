// Reading SageMaker training jobs from a check: the labs that judge training jobs (xgboost-builtin,
// algorithm-choice) and those that build on them (serverless-endpoint) list jobs by the name prefix
// the lab imposes, describe them, read the algorithm and hyperparameters the same way, and look
// for the model artefacts the jobs wrote.
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeTrainingJobCommand,
  paginateListTrainingJobs,
  SageMakerClient,
  type DescribeTrainingJobResponse,
  type TrainingJobSummary,
} from '@aws-sdk/client-sagemaker';
import { isNotFound, KnownError } from '../aws/errors';
import type { CheckContext, CheckVerdict } from './types';

/** ListTrainingJobs returns at most 100 jobs per page (API_ListTrainingJobs, MaxResults). */
const PAGE_SIZE = 100;
/** Enough pages for any lab account; a bound so a huge account cannot stall the check. */
const MAX_PAGES = 10;

/**
 * Every training job whose name starts with `prefix`, newest first. Each page goes through the
 * runtime's read-only client, which memoises it, so several requirements share one listing.
 * The listing asks for the newest first, so when the page bound is reached the newest matching
 * jobs are already in hand; when none matched by then, the jobs that would decide are unseen,
 * and that is an error for the runner to report, never an empty list a check would call "no jobs".
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTrainingJobs.html
 */
export async function listTrainingJobsWithPrefix(ctx: CheckContext, prefix: string): Promise<TrainingJobSummary[]> {
  const jobs: TrainingJobSummary[] = [];
  let pages = 0;
  const paginator = paginateListTrainingJobs(
    { client: ctx.client(SageMakerClient), pageSize: PAGE_SIZE },
    { NameContains: prefix, SortBy: 'CreationTime', SortOrder: 'Descending' },
  );
  let seen = 0;
  for await (const page of paginator) {
    // NameContains matches anywhere in the name; the labs name (and tear down) jobs by prefix.
    seen += page.TrainingJobSummaries?.length ?? 0;
    jobs.push(...(page.TrainingJobSummaries ?? []).filter((j) => j.TrainingJobName?.startsWith(prefix)));
    if (++pages >= MAX_PAGES) {
      if (jobs.length === 0 && page.NextToken) {
        throw new KnownError(
          'other',
          `SageMaker listed ${seen} training jobs whose names contain '${prefix}' over ${MAX_PAGES} pages and offers more, and none of them starts with it; the jobs that would decide were not read. Delete old jobs' clutter or name the lab's jobs with the prefix at the start, then run the check again.`,
        );
      }
      break;
    }
  }
  return jobs.sort((a, b) => (b.CreationTime?.getTime() ?? 0) - (a.CreationTime?.getTime() ?? 0));
}

export function describeTrainingJob(ctx: CheckContext, name: string): Promise<DescribeTrainingJobResponse> {
  return ctx.client(SageMakerClient).send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
}

/** The training job a lab judges, or why there is none, in words that say what to do. */
export type JudgedJob = { readonly job: DescribeTrainingJobResponse } | { readonly problem: string };

/** What a lab adds to the shared findings of newestCompletedJob. */
export interface JudgedJobWords {
  /** Follows "No training job whose name starts with '<prefix>' exists in <region>": how the learner names one. */
  readonly noJob: string;
  /** Follows the newest job's status and failure reason when none has Completed (a hint from that reason). */
  readonly notCompleted?: (newest: DescribeTrainingJobResponse) => string;
  /** Name the newest job's SecondaryStatus beside its status (where the lab's findings read it). */
  readonly secondaryStatus?: true;
}

/**
 * The job a lab judges: the most recent Completed `<prefix>*` job. A learner iterates by launching
 * new jobs, so the newest finished one is the answer they stand by; when none has finished, the
 * newest job's status and failure reason say why.
 */
export async function newestCompletedJob(ctx: CheckContext, prefix: string, words: JudgedJobWords): Promise<JudgedJob> {
  const jobs = await listTrainingJobsWithPrefix(ctx, prefix);
  const completed = jobs.find((j) => j.TrainingJobStatus === 'Completed');
  if (completed) return { job: await describeTrainingJob(ctx, completed.TrainingJobName!) };
  if (jobs.length === 0) return { problem: `No training job whose name starts with '${prefix}' exists in ${ctx.region}${words.noJob}` };
  const newest = await describeTrainingJob(ctx, jobs[0]!.TrainingJobName!);
  const reason = newest.FailureReason ? ` Failure reason: ${newest.FailureReason}` : '';
  const waiting = newest.TrainingJobStatus === 'InProgress' ? ' Run the check again once it has finished.' : '';
  return {
    problem: `None of your ${jobs.length} '${prefix}*' training job(s) has Completed; the newest, ${newest.TrainingJobName}, is ${newest.TrainingJobStatus}${words.secondaryStatus ? ` (${newest.SecondaryStatus ?? 'no secondary status'})` : ''}.${reason}${words.notCompleted?.(newest) ?? ''}${waiting}`,
  };
}

/** A requirement judged on the lab's job: without one, it fails with newestCompletedJob's finding. */
export function onJudgedJob(
  judge: (ctx: CheckContext) => Promise<JudgedJob>,
  check: (job: DescribeTrainingJobResponse, ctx: CheckContext) => CheckVerdict | Promise<CheckVerdict>,
): (ctx: CheckContext) => Promise<CheckVerdict> {
  return async (ctx) => {
    const judged = await judge(ctx);
    return 'problem' in judged ? { status: 'fail', findings: [judged.problem] } : check(judged.job, ctx);
  };
}

export interface ImageReference {
  readonly registry: string;
  /** Nested repository paths (`team/images/x`) keep their slashes. */
  readonly repository: string;
  /** Undefined when the image is pinned by digest (`@sha256:...`) or has no tag. */
  readonly tag?: string;
}

/**
 * `683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1` -> its parts; undefined
 * when the string has no registry part. The registry account of a SageMaker image differs by
 * region while the repository name does not, so checks compare repositories, never full URIs.
 * https://docs.aws.amazon.com/sagemaker/latest/dg-ecr-paths/sagemaker-algo-docker-registry-paths.html
 */
export function parseImageUri(uri: string): ImageReference | undefined {
  const slash = uri.indexOf('/');
  if (slash <= 0) return undefined;
  const registry = uri.slice(0, slash);
  const path = uri.slice(slash + 1);
  const at = path.indexOf('@');
  if (at >= 0) return { registry, repository: path.slice(0, at) };
  const colon = path.lastIndexOf(':');
  return colon >= 0 ? { registry, repository: path.slice(0, colon), tag: path.slice(colon + 1) } : { registry, repository: path };
}

/** The repository of an image URI (which names the built-in algorithm), or undefined when unreadable. */
export function repositoryOf(image: string | undefined): string | undefined {
  return (image ? parseImageUri(image)?.repository : undefined) || undefined;
}

/**
 * A hyperparameter as the learner meant it. SageMaker stores hyperparameters as strings, and the
 * SageMaker Python SDK JSON-encodes them for framework estimators (`"\"binary:logistic\""`):
 * both spellings mean the same value, so surrounding quotes are dropped before comparing.
 */
export function hyperparameter(job: Pick<DescribeTrainingJobResponse, 'HyperParameters'>, key: string): string | undefined {
  const raw = job.HyperParameters?.[key];
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}

/** `s3://bucket/key/part` (a channel, an output path, a model artefact) -> `{ bucket, key }`. */
export function parseS3Uri(uri: string | undefined): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri ?? '');
  return match ? { bucket: match[1]!, key: match[2]! } : undefined;
}

/**
 * The finding when a Completed job reports no ModelArtifacts.S3ModelArtifacts: SageMaker always
 * reports where a finished job wrote model.tar.gz, so the check could not see enough to decide.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ModelArtifacts.html
 */
export function unreportedArtefact(jobName: string | undefined): string {
  return `${jobName} is Completed but DescribeTrainingJob reports no ModelArtifacts.S3ModelArtifacts, so where its model went cannot be judged; run the check again, and if this persists, look at the job in the SageMaker console.`;
}

/**
 * What HeadObject said about a model artefact. S3 answers a HEAD request without a body, so a
 * refusal is a bare HTTP 403 whatever its cause; and when the object is missing, S3 answers 404
 * only to a caller that may also list the bucket (s3:ListBucket), 403 to one that may only read
 * objects (s3:GetObject). A 403 therefore means "missing or unreadable", never "missing".
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html (Permissions)
 */
export type ArtefactState =
  | { readonly state: 'present'; readonly bytes?: number }
  | { readonly state: 'missing' }
  | { readonly state: 'missing-or-unreadable'; readonly finding: string };

/** True for an SDK service error carrying HTTP 403 (for HeadObject: always without a body). */
function isForbidden(err: unknown): boolean {
  const e = err as { $metadata?: { httpStatusCode?: number } } | undefined;
  return typeof e === 'object' && e !== null && '$metadata' in e && e.$metadata?.httpStatusCode === 403;
}

/**
 * Heads the artefact at `uri` (an `s3://` URI). Other errors propagate, so the runner reports
 * them (throttling, an unreachable endpoint) as `error` with what to do.
 */
export async function headArtefact(ctx: CheckContext, uri: string): Promise<ArtefactState> {
  const s3 = parseS3Uri(uri);
  if (!s3 || !s3.key) throw new Error(`not an S3 object URI: ${uri}`);
  try {
    const head = await ctx.client(S3Client).send(new HeadObjectCommand({ Bucket: s3.bucket, Key: s3.key }));
    return { state: 'present', ...(head.ContentLength !== undefined ? { bytes: head.ContentLength } : {}) };
  } catch (err) {
    if (isNotFound(err)) return { state: 'missing' };
    if (!isForbidden(err)) throw err;
    return {
      state: 'missing-or-unreadable',
      finding:
        `${uri} is missing or unreadable: S3 refused HeadObject with HTTP 403 and no detail, which it answers both when the object does not exist and the checker may not list the bucket (s3:ListBucket), and when the checker may not read the object (s3:GetObject). ` +
        `Check that the object exists (\`aws s3 ls ${uri}\`), and that the checker's credentials allow s3:GetObject on it and s3:ListBucket on s3://${s3.bucket} (\`mllab policy\` prints the policy to attach).`,
    };
  }
}
