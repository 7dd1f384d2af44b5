// Reference solution of the training-approach lab: the decision record and the script-mode training
// job that pass every requirement. Works against a real account (the lab stack deployed) once a
// source archive of the learner's own script is under tickets/code/; it ships no training script,
// so that nothing here answers the part the learner writes. Kept out of the README on purpose.
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateTrainingJobCommand, waitUntilTrainingJobCompletedOrStopped, type CreateTrainingJobCommandInput, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import { parseImageUri } from '../../lib/check/sagemaker';
import { xgboostImageUri } from '../xgboost-builtin/solution';
import { SCENARIOS } from './approaches';
import { DECISION_KEY, lab, OUTPUT_PREFIX, PROGRAM_HYPERPARAMETER, SKLEARN_REPOSITORY, SUBMIT_DIRECTORY_HYPERPARAMETER, TRAIN_PREFIX, TRAINING_INSTANCE_TYPES, TRAINING_JOB_PREFIX } from './lab';

/** The scikit-learn version the reference uses; its image tag is `<version>-cpu-py3`. */
export const REFERENCE_SKLEARN_VERSION = '1.2-1';

/**
 * The scikit-learn framework images sit in the same per-region AWS registries as the XGBoost images
 * (683313688378 in us-east-1, 246618743249 in us-west-2, ...), so the registry comes from there.
 * https://docs.aws.amazon.com/sagemaker/latest/dg-ecr-paths/sagemaker-algo-docker-registry-paths.html
 */
export function sklearnImageUri(region: string, version = REFERENCE_SKLEARN_VERSION): string {
  return `${parseImageUri(xgboostImageUri(region))!.registry}/${SKLEARN_REPOSITORY}:${version}-cpu-py3`;
}

/** The decision record: every team's approach. */
export function referenceDecisions(): Record<string, string> {
  return Object.fromEntries(SCENARIOS.map((s) => [s.id, s.answer]));
}

export async function writeReferenceDecisions(s3: S3Client, bucket: string): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: DECISION_KEY, Body: JSON.stringify(referenceDecisions(), null, 2), ContentType: 'application/json' }));
}

export interface TrainingOptions {
  readonly region: string;
  /** Stack output LabBucketName. */
  readonly bucket: string;
  /** Stack output ExecutionRoleArn. */
  readonly roleArn: string;
  /** The s3:// URI of the learner's source archive (a .tar.gz under tickets/code/). */
  readonly sourceUri: string;
  /** The entry point's file name inside the archive. */
  readonly program: string;
  /** @default - `tickets-sklearn-<timestamp>` */
  readonly jobName?: string;
}

/**
 * The job the SageMaker Python SDK's SKLearn estimator would create, with the hyperparameters
 * JSON-quoted as the SDK writes them.
 */
export function referenceTrainingJob(o: TrainingOptions): CreateTrainingJobCommandInput {
  return {
    TrainingJobName: o.jobName ?? `${TRAINING_JOB_PREFIX}${new Date().toISOString().replace(/[-:T.Z]/g, '').slice(0, 14)}`,
    AlgorithmSpecification: { TrainingImage: sklearnImageUri(o.region), TrainingInputMode: 'File' },
    RoleArn: o.roleArn,
    HyperParameters: { [PROGRAM_HYPERPARAMETER]: JSON.stringify(o.program), [SUBMIT_DIRECTORY_HYPERPARAMETER]: JSON.stringify(o.sourceUri), sagemaker_region: JSON.stringify(o.region) },
    InputDataConfig: [{ ChannelName: 'train', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${o.bucket}/${TRAIN_PREFIX}`, S3DataDistributionType: 'FullyReplicated' } } }],
    OutputDataConfig: { S3OutputPath: `s3://${o.bucket}/${OUTPUT_PREFIX}` },
    ResourceConfig: { InstanceType: TRAINING_INSTANCE_TYPES[0], InstanceCount: 1, VolumeSizeInGB: 5 },
    EnableManagedSpotTraining: true,
    StoppingCondition: { MaxRuntimeInSeconds: 900, MaxWaitTimeInSeconds: 1800 },
    Tags: [{ Key: 'mllab:lab', Value: lab.id }],
  };
}

/** Starts the reference job and waits until it has finished (a few minutes, most of it start-up). */
export async function trainReference(sagemaker: SageMakerClient, o: TrainingOptions): Promise<string> {
  const input = referenceTrainingJob(o);
  await sagemaker.send(new CreateTrainingJobCommand(input));
  await waitUntilTrainingJobCompletedOrStopped({ client: sagemaker, maxWaitTime: 1800 }, { TrainingJobName: input.TrainingJobName });
  return input.TrainingJobName!;
}
