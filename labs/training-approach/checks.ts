// The checks of training-approach, one per requirement of its manifest (lab.ts).
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import { isNotFound } from '../../lib/aws';
import { headArtefact, hyperparameter, newestCompletedJob, onJudgedJob, parseImageUri, parseS3Uri, repositoryOf, unreportedArtefact, type JudgedJob } from '../../lib/check/sagemaker';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { defineChecks, fail, pass, undecided, verdictFrom } from '../../lib/check/verdicts';
import { STACK_OUTPUTS } from '../../lib/model';
import { APPROACHES, approachOf, SCENARIOS } from './approaches';
import {
  CODE_PREFIX,
  DECISION_KEY,
  lab,
  OUTPUT_PREFIX,
  PROGRAM_HYPERPARAMETER,
  SKLEARN_REPOSITORY,
  SKLEARN_VERSIONS,
  SUBMIT_DIRECTORY_HYPERPARAMETER,
  TRAIN_PREFIX,
  TRAINING_INSTANCE_TYPES,
  TRAINING_JOB_PREFIX,
} from './lab';

const labBucket = (ctx: CheckContext) => ctx.stackOutput(STACK_OUTPUTS.labBucketName);

// --- R1 the decision record ---------------------------------------------------------------

/** The record's text, or undefined when the object does not exist; other errors go to the runner. */
async function readRecord(ctx: CheckContext, bucket: string): Promise<string | undefined> {
  try {
    const object = await ctx.client(S3Client).send(new GetObjectCommand({ Bucket: bucket, Key: DECISION_KEY }));
    return (await object.Body?.transformToString('utf8')) ?? '';
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** A record value is the approach's name, or an object whose `approach` field names it (reasons beside it). */
function statedApproach(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const field = value && typeof value === 'object' ? (value as { approach?: unknown }).approach : undefined;
  return typeof field === 'string' ? field : undefined;
}

async function checkDecisions(ctx: CheckContext): Promise<CheckVerdict> {
  const bucket = await labBucket(ctx);
  const where = `s3://${bucket}/${DECISION_KEY}`;
  const keys = SCENARIOS.map((s) => s.id).join(', ');
  const text = await readRecord(ctx, bucket);
  if (text === undefined) return fail(`No decision record at ${where}: write one JSON object there with a key per team (${keys}) naming the training approach you chose.`);
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (err) {
    return fail(`${where} is not valid JSON (${(err as Error).message}); it must be one object with a key per team (${keys}).`);
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return fail(`${where} must be one JSON object with a key per team (${keys}).`);
  const problems: string[] = [];
  const chosen: string[] = [];
  for (const scenario of SCENARIOS) {
    const spelling = statedApproach((record as Record<string, unknown>)[scenario.id]);
    const approach = spelling === undefined ? undefined : approachOf(spelling);
    if (spelling === undefined) problems.push(`${scenario.id} (${scenario.title}): no approach stated.`);
    else if (!approach) problems.push(`${scenario.id}: '${spelling}' is not one of the five approaches (${APPROACHES.join(', ')}; 'framework', 'BYOC' and 'SageMaker Canvas' are understood too).`);
    else if (approach !== scenario.answer) problems.push(`${scenario.id} (${scenario.title}): ${approach} does not fit: ${scenario.wrong[approach]}`);
    else chosen.push(`${scenario.id}: ${approach}`);
  }
  return verdictFrom(problems, [`${where}: ${chosen.join('; ')}.`]);
}

// --- R2-R6 the scikit-learn training job ------------------------------------------------------


/** The newest Completed `tickets-sklearn-*` job: a learner iterates by launching new jobs. */
function judgedJob(ctx: CheckContext): Promise<JudgedJob> {
  return newestCompletedJob(ctx, TRAINING_JOB_PREFIX, {
    noJob: ". Give your estimator that base job name: the checker and teardown find the lab's jobs by it.",
    // A script's own exception surfaces as an AlgorithmError; its traceback is in the job's log stream.
    notCompleted: (newest) => (/AlgorithmError/.test(newest.FailureReason ?? '') ? ` Your script raised it: read the job's log stream in /aws/sagemaker/TrainingJobs for the traceback.` : ''),
  });
}

type JobCheck = Parameters<typeof onJudgedJob>[1];

const onJudged = (check: JobCheck) => onJudgedJob(judgedJob, check);

/** Why an image is not a published scikit-learn framework image, or undefined when it is. */
function imageProblem(uri: string | undefined, name: string | undefined): string | undefined {
  const what = `The training image of ${name}`;
  if (!uri) return `${what} is not set (an AWS Marketplace algorithm?): script mode runs your script in SageMaker's scikit-learn image, repository ${SKLEARN_REPOSITORY}.`;
  const image = parseImageUri(uri);
  const repository = repositoryOf(uri);
  if (!image || !repository) return `${what} is '${uri}', which is not an ECR image URI of the form <registry>/<repository>:<tag>.`;
  if (repository !== SKLEARN_REPOSITORY) {
    if (repository === 'sagemaker-xgboost' || repository === 'xgboost' || repository === 'linear-learner') {
      return `${what} is the built-in algorithm '${repository}': it runs AWS's training code configured by hyperparameters and ignores a script; the ticket team's tested scikit-learn pipeline needs the scikit-learn framework image (${SKLEARN_REPOSITORY}).`;
    }
    if (!/\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(image.registry)) return `${what} comes from ${image.registry}, not an ECR registry; SageMaker's scikit-learn image is ${SKLEARN_REPOSITORY} in an AWS-owned ECR registry.`;
    return `${what} is from repository '${repository}', not '${SKLEARN_REPOSITORY}'. A custom image means a Dockerfile to build, scan and patch; SageMaker's scikit-learn image already runs a scikit-learn script as it is, which is what the ticket team asked for.`;
  }
  if (!image.tag) return `${what} pins ${SKLEARN_REPOSITORY} by digest, so its version cannot be read; use a published tag (${SKLEARN_VERSIONS.map((v) => `${v}-cpu-py3`).join(', ')}).`;
  const version = SKLEARN_VERSIONS.find((v) => image.tag === v || image.tag!.startsWith(`${v}-`));
  if (!version) return `${what} has the tag '${image.tag}', which is not a scikit-learn version AWS publishes in ${SKLEARN_REPOSITORY} (${SKLEARN_VERSIONS.join(', ')}; tags such as ${SKLEARN_VERSIONS.at(-1)}-cpu-py3).`;
  return undefined;
}

/** R4: the script-mode hyperparameters, and the source archive they point at. */
async function checkScriptMode(job: DescribeTrainingJobResponse, ctx: CheckContext): Promise<CheckVerdict> {
  const program = hyperparameter(job, PROGRAM_HYPERPARAMETER);
  const submit = hyperparameter(job, SUBMIT_DIRECTORY_HYPERPARAMETER);
  if (program === undefined && submit === undefined) {
    return fail(
      `${job.TrainingJobName} has neither ${PROGRAM_HYPERPARAMETER} nor ${SUBMIT_DIRECTORY_HYPERPARAMETER}, so no script of yours ran: a framework image runs the entry point those two name. The SageMaker Python SDK's SKLearn estimator sets both from entry_point (and source_dir) and uploads the archive.`,
    );
  }
  const problems: string[] = [];
  if (!program) problems.push(`${PROGRAM_HYPERPARAMETER} is not set: the container does not know which file of the archive to run.`);
  else if (!program.endsWith('.py')) problems.push(`${PROGRAM_HYPERPARAMETER} is '${program}'; it names the entry point of a scikit-learn script, a Python file such as the one you wrote.`);
  const bucket = await labBucket(ctx);
  const s3 = parseS3Uri(submit);
  if (!submit) problems.push(`${SUBMIT_DIRECTORY_HYPERPARAMETER} is not set: the container has no source archive to unpack, so it cannot find ${program ?? 'your script'}.`);
  else if (!s3 || !s3.key.endsWith('.tar.gz')) problems.push(`${SUBMIT_DIRECTORY_HYPERPARAMETER} is '${submit}'; the container expects the s3:// URI of a .tar.gz of your source directory.`);
  else if (s3.bucket !== bucket || !s3.key.startsWith(CODE_PREFIX)) {
    problems.push(`The source archive is ${submit}; the lab keeps it under s3://${bucket}/${CODE_PREFIX} (the estimator's code_location), where teardown removes it. Another bucket, such as the SDK's default sagemaker-<region>-<account>, outlives the lab.`);
  }
  if (problems.length > 0) return fail(...problems);
  const archive = await headArtefact(ctx, submit!);
  if (archive.state === 'missing-or-unreadable') return undecided(archive.finding);
  if (archive.state === 'missing') return fail(`${submit} no longer exists: the job ran from it, but without the archive nobody can tell which script trained the model, and a rerun cannot start. Upload the source again (run the estimator again).`);
  return pass(`${job.TrainingJobName} ran ${program} from ${submit}${archive.bytes !== undefined ? ` (${archive.bytes} bytes)` : ''}.`);
}

/** True when `uri` is the prefix (with or without its final slash) or lies under it, in `bucket`. */
function isUnder(uri: string | undefined, bucket: string, prefix: string): boolean {
  const s3 = parseS3Uri(uri);
  return !!s3 && s3.bucket === bucket && (s3.key === prefix.replace(/\/$/, '') || s3.key.startsWith(prefix));
}

/** R5: where and how the job ran, and what it read. */
async function checkCapacity(job: DescribeTrainingJobResponse, ctx: CheckContext): Promise<CheckVerdict> {
  const problems: string[] = [];
  const type = job.ResourceConfig?.InstanceType;
  const count = job.ResourceConfig?.InstanceCount ?? 1;
  if (!type || !(TRAINING_INSTANCE_TYPES as readonly string[]).includes(type)) {
    problems.push(`${job.TrainingJobName} ran on ${type ?? 'no instance type'}; the lab allows ${TRAINING_INSTANCE_TYPES.join(', ')}: the scikit-learn images run on CPU only, and 800 rows fit the smallest general-purpose instance many times over, so a larger one only costs more.`);
  }
  if (count !== 1) problems.push(`${job.TrainingJobName} used ${count} instances; scikit-learn trains on one machine, so every other instance is billed and idle.`);
  if (job.EnableManagedSpotTraining !== true) problems.push(`${job.TrainingJobName} ran on on-demand capacity; managed spot training bills the spot price, which AWS quotes at up to 90% below on-demand, and a job of a few minutes rarely loses its instance.`);
  const bucket = await labBucket(ctx);
  const train = (job.InputDataConfig ?? []).find((c) => c.ChannelName === 'train');
  const uri = train?.DataSource?.S3DataSource?.S3Uri;
  if (!train) problems.push(`${job.TrainingJobName} has no 'train' channel; the script finds the shipped data in the directory SageMaker names SM_CHANNEL_TRAIN, which comes from a channel named 'train' reading s3://${bucket}/${TRAIN_PREFIX}.`);
  else if (!isUnder(uri, bucket, TRAIN_PREFIX)) problems.push(`The 'train' channel reads ${uri ?? 'no S3 location'}; the shipped tickets are at s3://${bucket}/${TRAIN_PREFIX}.`);
  return verdictFrom(problems, [`${type}, ${count} instance, spot; train <- ${uri}.`]);
}

/** R6: the model artefact. */
async function checkArtefact(job: DescribeTrainingJobResponse, ctx: CheckContext): Promise<CheckVerdict> {
  const artefact = job.ModelArtifacts?.S3ModelArtifacts;
  if (!artefact) return undecided(unreportedArtefact(job.TrainingJobName));
  const bucket = await labBucket(ctx);
  if (!isUnder(artefact, bucket, OUTPUT_PREFIX)) {
    return fail(`${job.TrainingJobName} wrote its model to ${artefact}; the lab keeps models under s3://${bucket}/${OUTPUT_PREFIX} (the estimator's output_path), where teardown removes them.`);
  }
  const head = await headArtefact(ctx, artefact);
  if (head.state === 'missing-or-unreadable') return undecided(head.finding);
  if (head.state === 'missing') return fail(`${artefact} does not exist, although ${job.TrainingJobName} Completed: it was deleted after the job. Run the job again.`);
  return pass(`${artefact} exists${head.bytes !== undefined ? ` (${head.bytes} bytes)` : ''}.`);
}

export const checks = defineChecks(lab, {
  R1: checkDecisions,
  R2: onJudged((job) => pass(`${job.TrainingJobName} completed in ${job.TrainingTimeInSeconds ?? '?'} s (${job.BillableTimeInSeconds ?? '?'} s billable).`)),
  R3: onJudged((job) => {
    const problem = imageProblem(job.AlgorithmSpecification?.TrainingImage, job.TrainingJobName);
    return problem ? fail(problem) : pass(`${job.TrainingJobName} uses ${job.AlgorithmSpecification!.TrainingImage}.`);
  }),
  R4: onJudged(checkScriptMode),
  R5: onJudged(checkCapacity),
  R6: onJudged(checkArtefact),
});
