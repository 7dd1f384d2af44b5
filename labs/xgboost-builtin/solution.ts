// Reference solution of the xgboost-builtin lab: the training job that passes every requirement.
// Works against a real account (the lab stack deployed); `uploadShippedData` also works against
// s3rver, which the wire tests use. Kept out of the README on purpose.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  CreateTrainingJobCommand,
  waitUntilTrainingJobCompletedOrStopped,
  type CreateTrainingJobCommandInput,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import {
  lab,
  MAX_RUNTIME_SECONDS,
  MAX_WAIT_SECONDS,
  OUTPUT_PREFIX,
  TRAIN_PREFIX,
  TRAINING_INSTANCE_TYPES,
  TRAINING_JOB_PREFIX,
  VALIDATION_PREFIX,
  XGBOOST_REPOSITORY,
  XGBOOST_VERSION,
} from './lab';

/**
 * Registry accounts of the built-in XGBoost 1.x images, by region (a subset).
 * https://docs.aws.amazon.com/sagemaker/latest/dg-ecr-paths/sagemaker-algo-docker-registry-paths.html
 */
const XGBOOST_REGISTRY_ACCOUNTS: Readonly<Record<string, string>> = {
  'us-east-1': '683313688378',
  'us-east-2': '257758044811',
  'us-west-1': '746614075791',
  'us-west-2': '246618743249',
  'eu-west-1': '141502667606',
  'eu-west-2': '764974769150',
  'eu-central-1': '492215442770',
  'ap-southeast-1': '121021644041',
  'ap-southeast-2': '783357654285',
  'ap-northeast-1': '354813040037',
};

export function xgboostImageUri(region: string): string {
  const account = XGBOOST_REGISTRY_ACCOUNTS[region];
  if (!account) throw new Error(`no XGBoost registry account recorded for ${region}; look it up in the Docker registry paths page`);
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `${account}.dkr.ecr.${region}.${suffix}/${XGBOOST_REPOSITORY}:${XGBOOST_VERSION}`;
}

/** The hyperparameters scripts/xgboost/reachability.py measured: validation:auc 0.9163. */
export const REFERENCE_HYPERPARAMETERS: Readonly<Record<string, string>> = {
  objective: 'binary:logistic',
  eval_metric: 'auc',
  max_depth: '4',
  eta: '0.1',
  subsample: '0.8',
  num_round: '200',
};

export interface TrainingOptions {
  readonly region: string;
  /** Stack output LabBucketName. */
  readonly bucket: string;
  /** Stack output ExecutionRoleArn. */
  readonly roleArn: string;
  /** @default - `churn-xgb-<timestamp>` */
  readonly jobName?: string;
}

export function referenceTrainingJob(options: TrainingOptions): CreateTrainingJobCommandInput {
  const channel = (name: string, prefix: string) => ({
    ChannelName: name,
    ContentType: 'text/csv',
    DataSource: { S3DataSource: { S3DataType: 'S3Prefix' as const, S3Uri: `s3://${options.bucket}/${prefix}`, S3DataDistributionType: 'FullyReplicated' as const } },
  });
  return {
    TrainingJobName: options.jobName ?? `${TRAINING_JOB_PREFIX}${new Date().toISOString().replace(/[-:T.Z]/g, '').slice(0, 14)}`,
    AlgorithmSpecification: { TrainingImage: xgboostImageUri(options.region), TrainingInputMode: 'File' },
    RoleArn: options.roleArn,
    HyperParameters: { ...REFERENCE_HYPERPARAMETERS },
    InputDataConfig: [channel('train', TRAIN_PREFIX), channel('validation', VALIDATION_PREFIX)],
    OutputDataConfig: { S3OutputPath: `s3://${options.bucket}/${OUTPUT_PREFIX}` },
    ResourceConfig: { InstanceType: TRAINING_INSTANCE_TYPES[0], InstanceCount: 1, VolumeSizeInGB: 5 },
    EnableManagedSpotTraining: true,
    StoppingCondition: { MaxRuntimeInSeconds: MAX_RUNTIME_SECONDS / 3, MaxWaitTimeInSeconds: MAX_WAIT_SECONDS / 2 },
    Tags: [{ Key: 'mllab:lab', Value: lab.id }],
  };
}

/** Starts the reference job and waits until it has finished (a few minutes, most of it start-up). */
export async function trainReferenceModel(sagemaker: SageMakerClient, options: TrainingOptions): Promise<string> {
  const input = referenceTrainingJob(options);
  await sagemaker.send(new CreateTrainingJobCommand(input));
  await waitUntilTrainingJobCompletedOrStopped({ client: sagemaker, maxWaitTime: MAX_WAIT_SECONDS }, { TrainingJobName: input.TrainingJobName });
  return input.TrainingJobName!;
}

/**
 * What the lab stack does at deploy time for `lab.datasets`: the shipped files, uploaded under
 * their key prefixes. Used to stand the lab up on an emulator.
 */
export async function uploadShippedData(s3: S3Client, bucket: string): Promise<string[]> {
  const keys: string[] = [];
  for (const dataset of lab.datasets) {
    const dir = join(__dirname, dataset.dir);
    for (const file of readdirSync(dir).sort()) {
      const key = `${dataset.keyPrefix}${file}`;
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: readFileSync(join(dir, file)), ContentType: 'text/csv' }));
      keys.push(key);
    }
  }
  return keys;
}
