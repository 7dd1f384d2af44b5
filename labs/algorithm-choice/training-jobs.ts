// Judging the learner's training jobs (listing, describing and reading images and hyperparameters
// is lib/check/sagemaker.ts): which built-in algorithm an image repository is, whether a job
// finished, and which shipped data it read.
import type { DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';

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

/** How a job's image reads in a finding: `DeepAR (forecasting-deepar)`, or the repository alone. */
export function describeImage(repository: string | undefined): string {
  if (!repository) return 'an image whose repository cannot be read';
  const known = KNOWN_IMAGES[repository];
  return known ? `${known.name} (image repository '${repository}')` : `a custom image (repository '${repository}')`;
}

/** A positive integer written as a hyperparameter string, or undefined. */
export function positiveInteger(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}

/** At most this many of the newest jobs with a prefix are described: the learner's recent attempts. */
export const JOBS_DESCRIBED = 5;
/** Why a job that has not completed gives nothing to judge yet, in the learner's terms. */
export function completionProblem(job: DescribeTrainingJobResponse): string | undefined {
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
export function channelUri(job: DescribeTrainingJobResponse, channel: string): string | undefined {
  return job.InputDataConfig?.find((c) => c.ChannelName === channel)?.DataSource?.S3DataSource?.S3Uri;
}

export function channelContentType(job: DescribeTrainingJobResponse, channel: string): string | undefined {
  return job.InputDataConfig?.find((c) => c.ChannelName === channel)?.ContentType;
}
