// Reading the learner's churn training jobs, shared by the xgboost-builtin and serverless-endpoint
// checks (one ListTrainingJobs and one DescribeTrainingJob per job per run, thanks to the memo).
import {
  DescribeTrainingJobCommand,
  ListTrainingJobsCommand,
  SageMakerClient,
  type DescribeTrainingJobResponse,
  type TrainingJobSummary,
} from '@aws-sdk/client-sagemaker';
import type { CheckContext } from '../../lib/check/types';

/** Every training job of the lab is named `churn-xgb-<anything>`; teardown finds them by this prefix. */
export const TRAINING_JOB_PREFIX = 'churn-xgb-';

/**
 * The built-in XGBoost image's ECR repository and the version the lab asks for. The registry
 * account differs by region (683313688378 in us-east-1, 246618743249 in us-west-2, ...), so a
 * check compares the repository name and the tag, never a full URI.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-algo-docker-registry-paths.html
 */
export const XGBOOST_REPOSITORY = 'sagemaker-xgboost';
export const XGBOOST_VERSION = '1.7-1';

/** Pages of ListTrainingJobs read at most: the lab needs a handful of jobs, not thousands. */
const MAX_PAGES = 5;

export interface ImageReference {
  readonly registry: string;
  readonly repository: string;
  /** Undefined when the image is pinned by digest (`@sha256:...`) or has no tag. */
  readonly tag?: string;
}

/** `683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1` -> its parts. */
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

/**
 * Why an image is not the built-in XGBoost 1.7-1, or undefined when it is. `what` names the
 * field the image came from, so the finding points at what to change.
 */
export function xgboostImageProblem(uri: string | undefined, what: string): string | undefined {
  if (!uri) return `${what} has no container image: the lab uses the SageMaker-provided XGBoost image (repository ${XGBOOST_REPOSITORY}, tag ${XGBOOST_VERSION}), not an AWS Marketplace algorithm.`;
  const image = parseImageUri(uri);
  if (!image) return `${what} is '${uri}', which is not an ECR image URI of the form <registry>/<repository>:<tag>.`;
  if (image.repository !== XGBOOST_REPOSITORY) {
    return (
      `${what} is from repository '${image.repository}', not the built-in XGBoost repository '${XGBOOST_REPOSITORY}'. ` +
      (image.repository === 'xgboost'
        ? `'xgboost' is the deprecated 0.72 release, which lacks the metrics and hyperparameter validation of the current versions.`
        : `A framework or custom container makes you own the training code; the scenario asks for the built-in algorithm, configured by hyperparameters only.`)
    );
  }
  if (!image.tag) return `${what} pins the XGBoost image by digest, so its version cannot be read; use the tag ${XGBOOST_VERSION} (never 'latest' or '1' for XGBoost).`;
  if (image.tag !== XGBOOST_VERSION && !image.tag.startsWith(`${XGBOOST_VERSION}-`)) {
    return `${what} uses XGBoost '${image.tag}'; the lab is built on ${XGBOOST_VERSION} (XGBoost 1.7.4), the release whose results the lab's threshold was measured with.`;
  }
  return undefined;
}

/** Jobs whose name starts with the prefix, newest first. */
export async function listChurnJobs(ctx: CheckContext): Promise<TrainingJobSummary[]> {
  const sagemaker = ctx.client(SageMakerClient);
  const jobs: TrainingJobSummary[] = [];
  let token: string | undefined;
  // The SDK's paginateListTrainingJobs insists on a real SageMakerClient; the check gets a
  // read-only, memoised wrapper, so pages are followed here instead.
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await sagemaker.send(
      new ListTrainingJobsCommand({ NameContains: TRAINING_JOB_PREFIX, SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 100, NextToken: token }),
    );
    jobs.push(...(out.TrainingJobSummaries ?? []).filter((j) => j.TrainingJobName?.startsWith(TRAINING_JOB_PREFIX)));
    token = out.NextToken;
    if (!token) break;
  }
  return jobs.sort((a, b) => (b.CreationTime?.getTime() ?? 0) - (a.CreationTime?.getTime() ?? 0));
}

export function describeJob(ctx: CheckContext, name: string): Promise<DescribeTrainingJobResponse> {
  return ctx.client(SageMakerClient).send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
}

export type JudgedJob = { readonly job: DescribeTrainingJobResponse } | { readonly problem: string };

/**
 * The job the lab judges: the most recent Completed `churn-xgb-*` job. A learner iterates by
 * launching new jobs, so the newest finished one is the answer they stand by.
 */
export async function judgedJob(ctx: CheckContext): Promise<JudgedJob> {
  const jobs = await listChurnJobs(ctx);
  if (jobs.length === 0) {
    return { problem: `No training job whose name starts with '${TRAINING_JOB_PREFIX}' exists in ${ctx.region}. Launch one with that name prefix: the checker and teardown find the lab's jobs by it.` };
  }
  const completed = jobs.find((j) => j.TrainingJobStatus === 'Completed');
  if (!completed) {
    const latest = await describeJob(ctx, jobs[0]!.TrainingJobName!);
    const reason = latest.FailureReason ? ` Failure reason: ${latest.FailureReason}` : '';
    const waiting = latest.TrainingJobStatus === 'InProgress' ? ' Run the check again once it has finished.' : '';
    return {
      problem: `None of your ${jobs.length} '${TRAINING_JOB_PREFIX}*' training job(s) has Completed; the newest, ${latest.TrainingJobName}, is ${latest.TrainingJobStatus} (${latest.SecondaryStatus ?? 'no secondary status'}).${reason}${waiting}`,
    };
  }
  return { job: await describeJob(ctx, completed.TrainingJobName!) };
}

/**
 * SageMaker stores hyperparameters as strings; the SageMaker Python SDK JSON-encodes them for
 * framework estimators (`"\"binary:logistic\""`). Both spellings mean the same value.
 */
export function hyperparameter(job: DescribeTrainingJobResponse, key: string): string | undefined {
  const raw = job.HyperParameters?.[key];
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}

/** `s3://bucket/key/part` -> `{ bucket, key }`. */
export function parseS3Uri(uri: string | undefined): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri ?? '');
  return match ? { bucket: match[1]!, key: match[2]! } : undefined;
}
