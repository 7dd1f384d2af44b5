// Reading SageMaker training jobs from a check: the labs that judge training jobs (xgboost-builtin,
// algorithm-choice) and those that build on them (serverless-endpoint) list jobs by the name prefix
// the lab imposes, describe them, and read the algorithm and hyperparameters the same way.
import {
  DescribeTrainingJobCommand,
  paginateListTrainingJobs,
  SageMakerClient,
  type DescribeTrainingJobResponse,
  type TrainingJobSummary,
} from '@aws-sdk/client-sagemaker';
import type { CheckContext } from './types';

/** ListTrainingJobs returns at most 100 jobs per page (API_ListTrainingJobs, MaxResults). */
const PAGE_SIZE = 100;
/** Enough pages for any lab account; a bound so a huge account cannot stall the check. */
const MAX_PAGES = 10;

/**
 * Every training job whose name starts with `prefix`, newest first. Each page goes through the
 * runtime's read-only client, which memoises it, so several requirements share one listing.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTrainingJobs.html
 */
export async function listTrainingJobsWithPrefix(ctx: CheckContext, prefix: string): Promise<TrainingJobSummary[]> {
  const jobs: TrainingJobSummary[] = [];
  let pages = 0;
  const paginator = paginateListTrainingJobs(
    { client: ctx.client(SageMakerClient), pageSize: PAGE_SIZE },
    { NameContains: prefix, SortBy: 'CreationTime', SortOrder: 'Descending' },
  );
  for await (const page of paginator) {
    // NameContains matches anywhere in the name; the labs name (and tear down) jobs by prefix.
    jobs.push(...(page.TrainingJobSummaries ?? []).filter((j) => j.TrainingJobName?.startsWith(prefix)));
    if (++pages >= MAX_PAGES) break;
  }
  return jobs.sort((a, b) => (b.CreationTime?.getTime() ?? 0) - (a.CreationTime?.getTime() ?? 0));
}

export function describeTrainingJob(ctx: CheckContext, name: string): Promise<DescribeTrainingJobResponse> {
  return ctx.client(SageMakerClient).send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
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
