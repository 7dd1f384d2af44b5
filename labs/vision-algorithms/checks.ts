// The checks of vision-algorithms, one per requirement of its manifest (lab.ts).
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Channel, DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import { isNotFound } from '../../lib/aws';
import { hyperparameter, newestCompletedJob, onJudgedJob, parseS3Uri, repositoryOf, type JudgedJob } from '../../lib/check/sagemaker';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { defineChecks, fail, undecided, verdictFrom } from '../../lib/check/verdicts';
import { STACK_OUTPUTS } from '../../lib/model';
import {
  CHANNEL_PREFIXES,
  DECISION_KEY,
  IMAGE_CHANNELS,
  IMAGE_CLASSIFICATION_REPOSITORY,
  IMAGE_CONTENT_TYPES,
  lab,
  MAX_RUNTIME_SECONDS,
  NUM_CLASSES,
  NUM_TRAINING_SAMPLES,
  OBJECT_DETECTION_REPOSITORY,
  RECORDIO_CONTENT_TYPE,
  SEMANTIC_SEGMENTATION_REPOSITORY,
  TRAINING_INSTANCE_TYPES,
  TRAINING_JOB_PREFIX,
} from './lab';
import { algorithmOf, PROBLEMS, VISION_ALGORITHMS } from './problems';

const labBucket = (ctx: CheckContext) => ctx.stackOutput(STACK_OUTPUTS.labBucketName);

// --- R1 the decision record ---------------------------------------------------------------

/** `"object detection"` or `{ "algorithm": "object detection", "why": "..." }`: the same choice. */
function statedAlgorithm(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const field = value && typeof value === 'object' ? (value as { algorithm?: unknown }).algorithm : undefined;
  return typeof field === 'string' ? field : undefined;
}

async function checkDecisions(ctx: CheckContext): Promise<CheckVerdict> {
  const bucket = await labBucket(ctx);
  const where = `s3://${bucket}/${DECISION_KEY}`;
  const keys = PROBLEMS.map((p) => p.id).join(', ');
  let text: string | undefined;
  try {
    const object = await ctx.client(S3Client).send(new GetObjectCommand({ Bucket: bucket, Key: DECISION_KEY }));
    text = await object.Body?.transformToString('utf8');
  } catch (err) {
    if (isNotFound(err)) return fail(`There is no decision record at ${where}: write one JSON object there with the keys ${keys}, each naming the algorithm you chose.`);
    throw err;
  }
  // GetObject always streams a body for an existing object; without one there is nothing to judge.
  if (text === undefined) return undecided(`S3 returned ${where} without a body, so the decisions in it cannot be read; run the check again.`);
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (err) {
    return fail(`${where} is not valid JSON (${(err as Error).message}); write one object with the keys ${keys}.`);
  }
  if (!record || typeof record !== 'object' || Array.isArray(record)) return fail(`${where} is not a JSON object; write one object with the keys ${keys}.`);
  const problems: string[] = [];
  for (const problem of PROBLEMS) {
    const spelling = statedAlgorithm((record as Record<string, unknown>)[problem.id]);
    const algorithm = spelling === undefined ? undefined : algorithmOf(spelling);
    if (spelling === undefined) problems.push(`${problem.id} (${problem.title}): no algorithm stated.`);
    else if (!algorithm) problems.push(`${problem.id}: '${spelling}' is not one of the built-in vision algorithms (${VISION_ALGORITHMS.join(', ')}).`);
    else if (algorithm !== problem.answer) problems.push(`${problem.id} (${problem.title}): ${problem.wrong[algorithm]}`);
  }
  return verdictFrom(problems, [`${where}: ${PROBLEMS.map((p) => `${p.id}: ${p.answer}`).join('; ')}.`]);
}

// --- R2 to R4 the training job ------------------------------------------------------------


/** The newest Completed `shelf-ic-*` job, or why there is none. */
function judgedJob(ctx: CheckContext): Promise<JudgedJob> {
  return newestCompletedJob(ctx, TRAINING_JOB_PREFIX, { noJob: "; the checker and teardown find the lab's jobs by that prefix." });
}

const onJudged = (check: Parameters<typeof onJudgedJob>[1]) => onJudgedJob(judgedJob, check);

const OTHER_VISION_REPOSITORIES: Readonly<Record<string, string>> = {
  [OBJECT_DETECTION_REPOSITORY]:
    'Object Detection trains on images whose annotations give a bounding box and class per object (JSON or RecordIO); the shipped photos carry one class per photo in .lst files, and the problem trained here, which product a photo shows, is image classification.',
  [SEMANTIC_SEGMENTATION_REPOSITORY]:
    'Semantic Segmentation trains on images paired with a PNG mask labelling every pixel (train_annotation channels); the shipped photos carry one class per photo, and the problem trained here, which product a photo shows, is image classification.',
};

/** CPU families of the SageMaker training price list, to explain why the guardrail refuses them. */
const isCpuType = (type: string) => /^ml\.(t|m|c|r)\d/.test(type);

function jobSetupProblems(job: DescribeTrainingJobResponse): string[] | undefined {
  const problems: string[] = [];
  const spec = job.AlgorithmSpecification;
  const repository = repositoryOf(spec?.TrainingImage);
  if (!repository) {
    if (!spec?.AlgorithmName) return undefined;
    problems.push(`${job.TrainingJobName} runs the algorithm resource ${spec.AlgorithmName}, not the built-in Image Classification image (repository ${IMAGE_CLASSIFICATION_REPOSITORY}).`);
  } else if (repository !== IMAGE_CLASSIFICATION_REPOSITORY) {
    problems.push(
      `${job.TrainingJobName} runs repository '${repository}', not the built-in Image Classification algorithm ('${IMAGE_CLASSIFICATION_REPOSITORY}'). ` +
        (OTHER_VISION_REPOSITORIES[repository] ?? 'A framework or custom container makes you own the training code; the scenario asks for the built-in algorithm, configured by hyperparameters only.'),
    );
  }
  const type = job.ResourceConfig?.InstanceType;
  if (!type || !(TRAINING_INSTANCE_TYPES as readonly string[]).includes(type)) {
    problems.push(
      `${job.TrainingJobName} ran on ${type ?? 'no instance type'}; the lab allows ${TRAINING_INSTANCE_TYPES.join(', ')}. ` +
        (type && isCpuType(type)
          ? 'The Image Classification algorithm trains on GPU instances only (P2, P3, G4dn, G5); CPU instances serve its inference.'
          : 'Thirty 32 x 32 photos need no more than one T4 GPU, and ml.g4dn.xlarge is the cheapest GPU type the algorithm trains on.'),
    );
  }
  const count = job.ResourceConfig?.InstanceCount ?? 1;
  if (count !== 1) problems.push(`${job.TrainingJobName} used ${count} instances; thirty photos gain nothing from distributed training but start-up time and cost.`);
  if (job.EnableManagedSpotTraining !== true) {
    problems.push(`${job.TrainingJobName} ran on on-demand capacity; managed spot training bills the spot rate, which AWS quotes at up to 90% below on-demand, and a job of a few minutes rarely loses its instance.`);
  }
  const runtime = job.StoppingCondition?.MaxRuntimeInSeconds;
  if (runtime === undefined || runtime > MAX_RUNTIME_SECONDS) problems.push(`MaxRuntimeInSeconds is ${runtime ?? 'not set'}; cap it at ${MAX_RUNTIME_SECONDS} s so a stuck GPU job stops costing money.`);
  return problems;
}

/** The content type without parameters, lower case. */
const mediaType = (channel: Channel | undefined) => channel?.ContentType?.split(';')[0]?.trim().toLowerCase();

/** True when `uri` names the prefix (with or without its final slash) or an object under it, in `bucket`. */
function readsPrefix(uri: string | undefined, bucket: string, prefix: string): boolean {
  const s3 = parseS3Uri(uri);
  return !!s3 && s3.bucket === bucket && (s3.key === prefix.replace(/\/$/, '') || s3.key.startsWith(prefix));
}

function imageChannelProblems(job: DescribeTrainingJobResponse, bucket: string): string[] {
  const channels = job.InputDataConfig ?? [];
  const jobMode = job.AlgorithmSpecification?.TrainingInputMode;
  const problems: string[] = [];
  for (const name of IMAGE_CHANNELS) {
    const channel = channels.find((c) => c.ChannelName === name);
    const expected = `s3://${bucket}/${CHANNEL_PREFIXES[name]}`;
    if (!channel) {
      problems.push(`The job has no '${name}' channel; the image format with .lst files needs train, validation, train_lst and validation_lst (${name} is at ${expected}).`);
      continue;
    }
    const uri = channel.DataSource?.S3DataSource?.S3Uri;
    const wrongSplit = name.startsWith('train') ? name.replace('train', 'validation') : name.replace('validation', 'train');
    if (readsPrefix(uri, bucket, CHANNEL_PREFIXES[wrongSplit as keyof typeof CHANNEL_PREFIXES])) {
      problems.push(`The '${name}' channel reads ${uri}, the ${wrongSplit} data: a model scored on the photos it trained on looks better than it is. Use ${expected}.`);
    } else if (!readsPrefix(uri, bucket, CHANNEL_PREFIXES[name])) {
      problems.push(`The '${name}' channel reads ${uri ?? 'no S3 location'}; the shipped ${name} data is at ${expected}.`);
    }
    const type = mediaType(channel);
    if (!type) {
      problems.push(`The '${name}' channel has no ContentType; the algorithm tells images with .lst files from RecordIO by it: set application/x-image (image/png and image/jpeg are accepted too).`);
    } else if (!(IMAGE_CONTENT_TYPES as readonly string[]).includes(type)) {
      problems.push(
        `The '${name}' channel's ContentType is ${channel.ContentType}; the shipped photos are PNG files listed in .lst files, which the algorithm reads as application/x-image (or image/png, image/jpeg)` +
          (type === RECORDIO_CONTENT_TYPE ? `; ${RECORDIO_CONTENT_TYPE} is for .rec files packed with im2rec, in train and validation only.` : '.'),
      );
    }
    const mode = channel.InputMode ?? jobMode;
    if (mode === 'Pipe') {
      problems.push(`The '${name}' channel streams in Pipe mode; Pipe mode takes RecordIO or an augmented manifest, while image files listed in .lst files train in File mode.`);
    } else if (mode && mode !== 'File') {
      problems.push(`The '${name}' channel uses ${mode} input; the Image Classification algorithm documents File mode (and Pipe for RecordIO): use File.`);
    }
  }
  return problems;
}

/** RecordIO packed from the shipped photos (im2rec) is a valid alternative: train and validation, application/x-recordio. */
function recordIoProblems(job: DescribeTrainingJobResponse, bucket: string): string[] {
  const channels = job.InputDataConfig ?? [];
  return ['train', 'validation'].flatMap((name) => {
    const channel = channels.find((c) => c.ChannelName === name);
    if (!channel) return [`The job has no '${name}' channel; RecordIO training needs one .rec file in train and one in validation.`];
    const s3 = parseS3Uri(channel.DataSource?.S3DataSource?.S3Uri);
    const problems = mediaType(channel) === RECORDIO_CONTENT_TYPE ? [] : [`The '${name}' channel's ContentType is ${channel.ContentType ?? 'not set'}, while 'train' is ${RECORDIO_CONTENT_TYPE}; both must be RecordIO.`];
    if (s3?.bucket !== bucket) problems.push(`The '${name}' channel reads ${channel.DataSource?.S3DataSource?.S3Uri ?? 'no S3 location'}, outside the lab bucket ${bucket}; pack the shipped photos and keep them in the lab bucket.`);
    return problems;
  });
}

export const checks = defineChecks(lab, {
  R1: checkDecisions,
  R2: onJudged((job) => {
    const problems = jobSetupProblems(job);
    if (!problems) return undecided(`DescribeTrainingJob reports neither a TrainingImage nor an AlgorithmName for ${job.TrainingJobName}, so which algorithm it ran cannot be told.`);
    return verdictFrom(problems, [
      `${job.TrainingJobName} Completed with ${IMAGE_CLASSIFICATION_REPOSITORY} on one spot ${job.ResourceConfig?.InstanceType} (${job.BillableTimeInSeconds ?? '?'} s billable).`,
    ]);
  }),
  R3: onJudged(async (job, ctx) => {
    if (!job.InputDataConfig?.length) return undecided(`DescribeTrainingJob reports no InputDataConfig for ${job.TrainingJobName}, so its channels cannot be judged.`);
    const bucket = await labBucket(ctx);
    const train = job.InputDataConfig.find((c) => c.ChannelName === 'train');
    if (mediaType(train) === RECORDIO_CONTENT_TYPE && !job.InputDataConfig.some((c) => c.ChannelName?.endsWith('_lst'))) {
      return verdictFrom(recordIoProblems(job, bucket), [`${job.TrainingJobName} trains from RecordIO files in the lab bucket (train and validation, ${RECORDIO_CONTENT_TYPE}), the algorithm's recommended format.`]);
    }
    return verdictFrom(imageChannelProblems(job, bucket), [
      `${job.TrainingJobName}: ${IMAGE_CHANNELS.join(', ')} read s3://${bucket}/shelf/ in File mode as ${[...new Set(job.InputDataConfig.map((c) => c.ContentType))].join(', ')}.`,
    ]);
  }),
  R4: onJudged((job) => {
    if (!job.HyperParameters) return undecided(`DescribeTrainingJob reports no hyperparameters for ${job.TrainingJobName}, so num_classes and num_training_samples cannot be read.`);
    const problems: string[] = [];
    const classes = hyperparameter(job, 'num_classes');
    if (Number(classes) !== NUM_CLASSES) {
      problems.push(
        `num_classes is ${classes ?? 'not set'}: it sets the number of outputs of the network, and the .lst files label ${NUM_CLASSES} products (class indexes 0 to ${NUM_CLASSES - 1}); ` +
          (classes === undefined ? 'the algorithm requires it.' : Number(classes) < NUM_CLASSES ? 'a product without an output can never be predicted.' : 'outputs no photo trains only spread probability over products that do not exist.'),
      );
    }
    // Both are required; what a mismatch does is stated on https://docs.aws.amazon.com/sagemaker/latest/dg/IC-Hyperparameter.html
    const samples = hyperparameter(job, 'num_training_samples');
    if (Number(samples) !== NUM_TRAINING_SAMPLES) {
      problems.push(
        `num_training_samples is ${samples ?? 'not set'}, but train.lst lists ${NUM_TRAINING_SAMPLES} photos (the validation photos do not count): with a mismatch, the algorithm's documentation calls the behaviour of lr_scheduler_step undefined and warns that distributed training accuracy may suffer.`,
      );
    }
    return verdictFrom(problems, [`num_classes ${classes}, num_training_samples ${samples}.`]);
  }),
});
