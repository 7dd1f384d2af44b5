// Reading the learner's churn training jobs, shared by the xgboost-builtin and serverless-endpoint
// checks (one ListTrainingJobs and one DescribeTrainingJob per job per run, thanks to the memo).
import type { TrainingJobSummary } from '@aws-sdk/client-sagemaker';
import { listTrainingJobsWithPrefix, newestCompletedJob, parseImageUri, type JudgedJob } from '../../lib/check/sagemaker';
import type { CheckContext } from '../../lib/check/types';
import { TRAINING_JOB_PREFIX, XGBOOST_REPOSITORY, XGBOOST_VERSION } from './lab';

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

/** The lab's jobs, newest first. */
export function listChurnJobs(ctx: CheckContext): Promise<TrainingJobSummary[]> {
  return listTrainingJobsWithPrefix(ctx, TRAINING_JOB_PREFIX);
}

export type { JudgedJob };

/**
 * The job the lab judges: the most recent Completed `churn-xgb-*` job. A learner iterates by
 * launching new jobs, so the newest finished one is the answer they stand by.
 */
export function judgedJob(ctx: CheckContext): Promise<JudgedJob> {
  return newestCompletedJob(ctx, TRAINING_JOB_PREFIX, {
    noJob: ". Launch one with that name prefix: the checker and teardown find the lab's jobs by it.",
    secondaryStatus: true,
  });
}
