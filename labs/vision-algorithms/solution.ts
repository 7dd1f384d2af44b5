// Reference solution of the vision-algorithms lab: the decision record and the training job that pass
// every requirement. Works against a real account with the lab stack deployed; never run by the tests
// against AWS. Kept out of the README on purpose.
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  CreateTrainingJobCommand,
  waitUntilTrainingJobCompletedOrStopped,
  type CreateTrainingJobCommandInput,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import {
  CHANNEL_PREFIXES,
  DECISION_KEY,
  IMAGE_CHANNELS,
  IMAGE_CLASSIFICATION_REPOSITORY,
  MAX_RUNTIME_SECONDS,
  MAX_WAIT_SECONDS,
  NUM_CLASSES,
  NUM_TRAINING_SAMPLES,
  OUTPUT_PREFIX,
  TRAINING_INSTANCE_TYPES,
  TRAINING_JOB_PREFIX,
} from './lab';
// The same options as xgboost-builtin's reference job: region, the stack's bucket and role, an optional
// job name (here `shelf-ic-<yyMMddHHmmss>` by default).
import type { TrainingOptions } from '../xgboost-builtin/solution';
import { IMAGE_SIZE } from './photos';
import { PROBLEMS } from './problems';

/**
 * Registry accounts of the built-in Image Classification image, by region (a subset); its tag is 1.
 * https://docs.aws.amazon.com/sagemaker/latest/dg-ecr-paths/sagemaker-algo-docker-registry-paths.html
 */
const IMAGE_CLASSIFICATION_ACCOUNTS: Readonly<Record<string, string>> = {
  'us-east-1': '811284229777',
  'us-east-2': '825641698319',
  'us-west-1': '632365934929',
  'us-west-2': '433757028032',
  'eu-west-1': '685385470294',
  'eu-central-1': '813361260812',
  'ap-northeast-1': '501404015308',
};

export function imageClassificationUri(region: string): string {
  const account = IMAGE_CLASSIFICATION_ACCOUNTS[region];
  if (!account) throw new Error(`no Image Classification registry account recorded for ${region}; look it up in the Docker registry paths page`);
  return `${account}.dkr.ecr.${region}.amazonaws.com/${IMAGE_CLASSIFICATION_REPOSITORY}:1`;
}

/** The decision record: one algorithm per problem. */
export const REFERENCE_DECISIONS: Readonly<Record<string, string>> = Object.fromEntries(PROBLEMS.map((p) => [p.id, p.answer]));

/**
 * Hyperparameters: the two required ones from the shipped set, the photos' shape, a network depth
 * for small images, and a mini-batch no larger than the training set.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/IC-Hyperparameter.html
 */
export const REFERENCE_HYPERPARAMETERS: Readonly<Record<string, string>> = {
  num_classes: String(NUM_CLASSES),
  num_training_samples: String(NUM_TRAINING_SAMPLES),
  image_shape: `3,${IMAGE_SIZE},${IMAGE_SIZE}`,
  num_layers: '18',
  mini_batch_size: '10',
  epochs: '10',
  learning_rate: '0.01',
};

export function referenceTrainingJob(options: TrainingOptions): CreateTrainingJobCommandInput {
  return {
    TrainingJobName: options.jobName ?? `${TRAINING_JOB_PREFIX}${new Date().toISOString().replace(/[-:T.Z]/g, '').slice(2, 14)}`,
    AlgorithmSpecification: { TrainingImage: imageClassificationUri(options.region), TrainingInputMode: 'File' },
    RoleArn: options.roleArn,
    HyperParameters: { ...REFERENCE_HYPERPARAMETERS },
    InputDataConfig: IMAGE_CHANNELS.map((name) => ({
      ChannelName: name,
      ContentType: 'application/x-image',
      DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${options.bucket}/${CHANNEL_PREFIXES[name]}`, S3DataDistributionType: 'FullyReplicated' } },
    })),
    OutputDataConfig: { S3OutputPath: `s3://${options.bucket}/${OUTPUT_PREFIX}` },
    ResourceConfig: { InstanceType: TRAINING_INSTANCE_TYPES[0], InstanceCount: 1, VolumeSizeInGB: 5 },
    EnableManagedSpotTraining: true,
    StoppingCondition: { MaxRuntimeInSeconds: MAX_RUNTIME_SECONDS, MaxWaitTimeInSeconds: MAX_WAIT_SECONDS },
  };
}

/** Writes the decision record, starts the reference job and waits (at most an hour) for it to end. */
export async function runReferenceSolution(s3: S3Client, sagemaker: SageMakerClient, options: TrainingOptions): Promise<string> {
  await s3.send(new PutObjectCommand({ Bucket: options.bucket, Key: DECISION_KEY, Body: JSON.stringify(REFERENCE_DECISIONS), ContentType: 'application/json' }));
  const input = referenceTrainingJob(options);
  await sagemaker.send(new CreateTrainingJobCommand(input));
  await waitUntilTrainingJobCompletedOrStopped({ client: sagemaker, maxWaitTime: MAX_WAIT_SECONDS }, { TrainingJobName: input.TrainingJobName });
  return input.TrainingJobName!;
}
