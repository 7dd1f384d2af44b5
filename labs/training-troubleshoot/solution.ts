// Reference solution of the training-troubleshoot lab: the three fixes and the rerun that pass
// every requirement. Works against a real account (the lab stack deployed); the tests use its
// request builders only. Kept out of the README on purpose.
import { PutRolePolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateTrainingJobCommand, type CreateTrainingJobCommandInput, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import {
  CLEAN_PREFIX,
  FIXED_JOB_PREFIX,
  FIXED_PREFIX,
  lab,
  OUTPUT_PREFIX,
  RAW_PREFIX,
  TRAINING_INSTANCE_TYPES,
  TRAINING_ROLE_NAME,
  XGBOOST_REPOSITORY,
  XGBOOST_VERSION,
} from './lab';

/** The rerun's runtime limit: ten times what the planted job had is still 15 minutes at most (R4). */
export const RERUN_MAX_RUNTIME_SECONDS = 900;

/** The fix of broken-1: the raw export without its first (header) line. */
export function withoutHeader(csv: string): string {
  return csv.slice(csv.indexOf('\n') + 1);
}

/** The fix of broken-2: an inline policy that lets the role read the prepared and the corrected data. */
export function readDataPolicy(bucket: string, partition = 'aws'): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'ReadTrainingData', Effect: 'Allow', Action: 's3:GetObject', Resource: [CLEAN_PREFIX, FIXED_PREFIX].map((p) => `arn:${partition}:s3:::${bucket}/${p}*`) }],
  });
}

export interface RerunOptions {
  readonly bucket: string;
  readonly account: string;
  /** The built-in XGBoost registry account of the region (Docker registry paths page). */
  readonly imageRegistry: string;
  readonly jobName?: string;
}

/** The fix of broken-3 with the others: the same job, on the corrected data, with a sufficient limit. */
export function rerunRequest(options: RerunOptions): CreateTrainingJobCommandInput {
  return {
    TrainingJobName: options.jobName ?? `${FIXED_JOB_PREFIX}${new Date().toISOString().replace(/[-:T.Z]/g, '').slice(0, 14)}`,
    AlgorithmSpecification: { TrainingImage: `${options.imageRegistry}/${XGBOOST_REPOSITORY}:${XGBOOST_VERSION}`, TrainingInputMode: 'File' },
    RoleArn: `arn:aws:iam::${options.account}:role/${TRAINING_ROLE_NAME}`,
    HyperParameters: { objective: 'binary:logistic', num_round: '50' },
    InputDataConfig: [
      {
        ChannelName: 'train',
        ContentType: 'text/csv',
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${options.bucket}/${FIXED_PREFIX}`, S3DataDistributionType: 'FullyReplicated' } },
      },
    ],
    OutputDataConfig: { S3OutputPath: `s3://${options.bucket}/${OUTPUT_PREFIX}` },
    ResourceConfig: { InstanceType: TRAINING_INSTANCE_TYPES[0], InstanceCount: 1, VolumeSizeInGB: 5 },
    EnableManagedSpotTraining: true,
    StoppingCondition: { MaxRuntimeInSeconds: RERUN_MAX_RUNTIME_SECONDS, MaxWaitTimeInSeconds: 2 * RERUN_MAX_RUNTIME_SECONDS },
    Tags: [{ Key: 'mllab:lab', Value: lab.id }],
  };
}

/** All three fixes, then the rerun; returns the rerun's name. */
export async function solve(clients: { s3: S3Client; iam: IAMClient; sagemaker: SageMakerClient }, options: RerunOptions): Promise<string> {
  const raw = await clients.s3.send(new GetObjectCommand({ Bucket: options.bucket, Key: `${RAW_PREFIX}churn.csv` }));
  const body = withoutHeader((await raw.Body?.transformToString('utf8')) ?? '');
  await clients.s3.send(new PutObjectCommand({ Bucket: options.bucket, Key: `${FIXED_PREFIX}churn.csv`, Body: body, ContentType: 'text/csv' }));
  await clients.iam.send(new PutRolePolicyCommand({ RoleName: TRAINING_ROLE_NAME, PolicyName: 'read-training-data', PolicyDocument: readDataPolicy(options.bucket) }));
  const request = rerunRequest(options);
  await clients.sagemaker.send(new CreateTrainingJobCommand(request));
  return request.TrainingJobName!;
}
