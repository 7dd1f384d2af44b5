// Reading the learner's training jobs and judging them: which built-in algorithm a job ran (from
// its image's repository name), whether it finished, and which shipped data it read.
import {
  DescribeTrainingJobCommand,
  ListTrainingJobsCommand,
  SageMakerClient,
  type DescribeTrainingJobCommandOutput,
  type TrainingJobSummary,
} from '@aws-sdk/client-sagemaker';
import type { CheckContext } from '../../lib/check/types';

/**
 * The repository name of each SageMaker image a learner might plausibly pick, and what it is.
 * Repository names, not URIs: the registry account differs by region, and the same repository sits
 * in every region's registry. Names from the SageMaker "Docker Registry Paths and Example Code"
 * pages (https://docs.aws.amazon.com/sagemaker/latest/dg-ecr-paths/sagemaker-algo-docker-registry-paths.html)
 * and the SageMaker Python SDK's image_uri_config (forecasting-deepar.json, blazingtext.json,
 * linear-learner.json, xgboost.json).
 */
export const KNOWN_IMAGES: Readonly<Record<string, { readonly name: string; readonly kind: 'built-in' | 'framework' }>> = {
  'forecasting-deepar': { name: 'DeepAR', kind: 'built-in' },
  blazingtext: { name: 'BlazingText', kind: 'built-in' },
  'linear-learner': { name: 'Linear Learner', kind: 'built-in' },
  'sagemaker-xgboost': { name: 'XGBoost', kind: 'built-in' },
  xgboost: { name: 'XGBoost (legacy 0.72 image)', kind: 'built-in' },
  knn: { name: 'k-NN', kind: 'built-in' },
  kmeans: { name: 'k-means', kind: 'built-in' },
  pca: { name: 'PCA', kind: 'built-in' },
  'factorization-machines': { name: 'Factorization Machines', kind: 'built-in' },
  ntm: { name: 'Neural Topic Model', kind: 'built-in' },
  lda: { name: 'LDA', kind: 'built-in' },
  object2vec: { name: 'Object2Vec', kind: 'built-in' },
  seq2seq: { name: 'Sequence-to-Sequence', kind: 'built-in' },
  randomcutforest: { name: 'Random Cut Forest', kind: 'built-in' },
  ipinsights: { name: 'IP Insights', kind: 'built-in' },
  'image-classification': { name: 'Image Classification', kind: 'built-in' },
  'object-detection': { name: 'Object Detection', kind: 'built-in' },
  'semantic-segmentation': { name: 'Semantic Segmentation', kind: 'built-in' },
  'sagemaker-scikit-learn': { name: 'the scikit-learn framework container', kind: 'framework' },
  'pytorch-training': { name: 'the PyTorch framework container', kind: 'framework' },
  'tensorflow-training': { name: 'the TensorFlow framework container', kind: 'framework' },
  'mxnet-training': { name: 'the MXNet framework container', kind: 'framework' },
  'huggingface-pytorch-training': { name: 'the Hugging Face framework container', kind: 'framework' },
  'autogluon-training': { name: 'the AutoGluon framework container', kind: 'framework' },
};

/**
 * `<registry>/<repository>[:tag|@digest]` -> `<repository>`; undefined when the string has no
 * registry part. Nested repository paths (`team/images/x`) keep their slashes.
 */
export function repositoryOf(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const slash = image.indexOf('/');
  if (slash < 0) return undefined;
  const path = image.slice(slash + 1);
  const digest = path.indexOf('@');
  const withoutDigest = digest >= 0 ? path.slice(0, digest) : path;
  const colon = withoutDigest.lastIndexOf(':');
  return (colon >= 0 ? withoutDigest.slice(0, colon) : withoutDigest) || undefined;
}

/** How a job's image reads in a finding: `DeepAR (forecasting-deepar)`, or the repository alone. */
export function describeImage(repository: string | undefined): string {
  if (!repository) return 'an image whose repository cannot be read';
  const known = KNOWN_IMAGES[repository];
  return known ? `${known.name} (image repository '${repository}')` : `a custom image (repository '${repository}')`;
}

/**
 * Hyperparameter values as the learner meant them: SageMaker stores strings, and some SDK paths
 * JSON-encode them (`"\"W\""`), so surrounding quotes are dropped before comparing.
 */
export function hyperparameter(job: DescribeTrainingJobCommandOutput, name: string): string | undefined {
  const raw = job.HyperParameters?.[name];
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  return /^".*"$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
}

/** A positive integer written as a hyperparameter string, or undefined. */
export function positiveInteger(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}

/** At most this many of the newest jobs with a prefix are described: the learner's recent attempts. */
export const JOBS_DESCRIBED = 5;
/** ListTrainingJobs returns at most 100 per page (API reference, MaxResults). */
const PAGE_SIZE = 100;
/** Enough pages for any lab account; a bound so a huge account cannot stall the check. */
const MAX_PAGES = 10;

/**
 * Every training job whose name starts with `prefix`, newest first. Pages by hand: the SDK's
 * `paginateListTrainingJobs` needs a real SageMakerClient, and a check only has the runtime's
 * read-only client (which also memoises each page, so several requirements share one listing).
 */
export async function listJobsWithPrefix(ctx: CheckContext, prefix: string): Promise<TrainingJobSummary[]> {
  const client = ctx.client(SageMakerClient);
  const jobs: TrainingJobSummary[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await client.send(
      new ListTrainingJobsCommand({
        NameContains: prefix,
        SortBy: 'CreationTime',
        SortOrder: 'Descending',
        MaxResults: PAGE_SIZE,
        ...(nextToken ? { NextToken: nextToken } : {}),
      }),
    );
    // NameContains matches anywhere in the name; the lab names jobs by prefix.
    jobs.push(...(out.TrainingJobSummaries ?? []).filter((j) => j.TrainingJobName?.startsWith(prefix)));
    nextToken = out.NextToken;
    if (!nextToken) break;
  }
  return jobs.sort((a, b) => (b.CreationTime?.getTime() ?? 0) - (a.CreationTime?.getTime() ?? 0));
}

export async function describeJob(ctx: CheckContext, name: string): Promise<DescribeTrainingJobCommandOutput> {
  return ctx.client(SageMakerClient).send(new DescribeTrainingJobCommand({ TrainingJobName: name }));
}

/** Why a job that has not completed gives nothing to judge yet, in the learner's terms. */
export function completionProblem(job: DescribeTrainingJobCommandOutput): string | undefined {
  const name = job.TrainingJobName;
  switch (job.TrainingJobStatus) {
    case 'Completed':
      return undefined;
    case 'InProgress':
    case 'Stopping':
      return `${name} is still ${job.TrainingJobStatus} (${job.SecondaryStatus ?? 'no detail'}); only a Completed job has produced a model. Run the check again when it finishes.`;
    case 'Failed':
      return `${name} Failed: "${job.FailureReason ?? 'no reason given'}". A failed job produced no model; fix the cause (the reason above, and the job's CloudWatch log stream under /aws/sagemaker/TrainingJobs) and launch a new job.`;
    case 'Stopped':
      return `${name} was Stopped before it finished (a stop request or its MaxRuntimeInSeconds); it left no usable model. Launch a new job.`;
    default:
      return `${name} has status ${job.TrainingJobStatus ?? 'unknown'}; the lab needs a Completed job.`;
  }
}

/** The S3 URI of a channel, or undefined when the job has no such channel. */
export function channelUri(job: DescribeTrainingJobCommandOutput, channel: string): string | undefined {
  return job.InputDataConfig?.find((c) => c.ChannelName === channel)?.DataSource?.S3DataSource?.S3Uri;
}

export function channelContentType(job: DescribeTrainingJobCommandOutput, channel: string): string | undefined {
  return job.InputDataConfig?.find((c) => c.ChannelName === channel)?.ContentType;
}
