// Reference solution for algorithm-choice (kept out of the README): the three training jobs that
// pass R1 to R4, built as CreateTrainingJob requests and launched with the SDK against a real
// account. SageMaker has no local emulator; the tests prove these requests against the checks.
// `uploadDatasets` puts the shipped data where the lab stack puts them (a real bucket or s3rver).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  CreateTrainingJobCommand,
  SageMakerClient,
  waitUntilTrainingJobCompletedOrStopped,
  type CreateTrainingJobCommandInput,
  type TrainingInstanceType,
} from '@aws-sdk/client-sagemaker';
import { MANAGED_BY_VALUE, TAG_LAB, TAG_MANAGED_BY } from '../../lib/model';
import { DEMAND, PRICES } from './data-spec';
import { lab, TRAINING_INSTANCE_TYPES, MAX_RUNTIME_SECONDS, OUTPUT_PREFIX } from './lab';
import { DEMAND_PROBLEM, RENT_PROBLEM, TICKETS_PROBLEM, type Problem } from './problems';

/**
 * Registry accounts of the three built-in images in a few regions, from the SageMaker Python SDK's
 * image_uri_config (forecasting-deepar.json, blazingtext.json, linear-learner.json) and the
 * "Docker Registry Paths and Example Code" pages. The checks never compare these: only the
 * repository name is the same in every region.
 */
const REGISTRY_ACCOUNTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'forecasting-deepar': {
    'us-east-1': '522234722520', 'us-east-2': '566113047672', 'us-west-2': '156387875391', 'eu-west-1': '224300973850',
    'eu-central-1': '495149712605', 'ap-southeast-2': '514117268639', 'ap-northeast-1': '633353088612',
  },
  blazingtext: {
    'us-east-1': '811284229777', 'us-east-2': '825641698319', 'us-west-2': '433757028032', 'eu-west-1': '685385470294',
    'eu-central-1': '813361260812', 'ap-southeast-2': '544295431143', 'ap-northeast-1': '501404015308',
  },
  'linear-learner': {
    'us-east-1': '382416733822', 'us-east-2': '404615174143', 'us-west-2': '174872318107', 'eu-west-1': '438346466558',
    'eu-central-1': '664544806723', 'ap-southeast-2': '712309505854', 'ap-northeast-1': '351501993468',
  },
};

/** The built-in image of `repository` in `region`, tag `1` (the stable major version of these algorithms). */
export function builtInImage(repository: string, region: string): string {
  const account = REGISTRY_ACCOUNTS[repository]?.[region];
  if (!account) {
    throw new Error(`No registry account recorded for ${repository} in ${region}; look it up with the SageMaker Python SDK's image_uris.retrieve('${repository}', '${region}').`);
  }
  return `${account}.dkr.ecr.${region}.amazonaws.com/${repository}:1`;
}

export interface SolutionOptions {
  readonly region: string;
  /** The lab stack's LabBucketName output. */
  readonly bucket: string;
  /** The lab stack's ExecutionRoleArn output. */
  readonly roleArn: string;
  /** Appended to each job prefix; job names are unique per account and region. */
  readonly suffix: string;
}

const channel = (name: string, s3Uri: string, contentType?: string) => ({
  ChannelName: name,
  DataSource: { S3DataSource: { S3DataType: 'S3Prefix' as const, S3Uri: s3Uri, S3DataDistributionType: 'FullyReplicated' as const } },
  ...(contentType ? { ContentType: contentType } : {}),
});

function request(problem: Problem, options: SolutionOptions, instanceType: TrainingInstanceType, hyperParameters: Record<string, string>, contentType?: string): CreateTrainingJobCommandInput {
  const data = `s3://${options.bucket}/${problem.dataPrefix}`;
  return {
    TrainingJobName: `${problem.jobPrefix}${options.suffix}`,
    AlgorithmSpecification: { TrainingImage: builtInImage(problem.repository, options.region), TrainingInputMode: 'File' },
    HyperParameters: hyperParameters,
    RoleArn: options.roleArn,
    InputDataConfig: [channel('train', `${data}train/`, contentType), channel(problem.evaluationChannel, `${data}${problem.evaluationChannel}/`, contentType)],
    OutputDataConfig: { S3OutputPath: `s3://${options.bucket}/${OUTPUT_PREFIX}${problem.id}/` },
    ResourceConfig: { InstanceType: instanceType, InstanceCount: 1, VolumeSizeInGB: 5 },
    EnableManagedSpotTraining: true,
    // Spot needs MaxWaitTimeInSeconds >= MaxRuntimeInSeconds: the extra time is for capacity.
    StoppingCondition: { MaxRuntimeInSeconds: MAX_RUNTIME_SECONDS, MaxWaitTimeInSeconds: 2 * MAX_RUNTIME_SECONDS },
    Tags: [
      { Key: TAG_LAB, Value: 'algorithm-choice' },
      { Key: TAG_MANAGED_BY, Value: MANAGED_BY_VALUE },
    ],
  };
}

const [GENERAL_PURPOSE, COMPUTE_OPTIMISED] = TRAINING_INSTANCE_TYPES satisfies readonly TrainingInstanceType[];

/** The three CreateTrainingJob requests of the reference solution. */
export function referenceJobs(options: SolutionOptions): CreateTrainingJobCommandInput[] {
  return [
    request(DEMAND_PROBLEM, options, GENERAL_PURPOSE, {
      time_freq: 'W',
      prediction_length: String(DEMAND.horizonWeeks),
      context_length: String(DEMAND.horizonWeeks),
      epochs: '50',
      // Weekly unit sales are non-negative counts.
      likelihood: 'negative-binomial',
      early_stopping_patience: '10',
    }),
    request(TICKETS_PROBLEM, options, COMPUTE_OPTIMISED, { mode: 'supervised', epochs: '10', word_ngrams: '2', early_stopping: 'true', patience: '3', min_epochs: '5' }),
    request(
      RENT_PROBLEM,
      options,
      GENERAL_PURPOSE,
      { predictor_type: 'regressor', feature_dim: String(PRICES.features.length), epochs: '15', loss: 'squared_loss' },
      'text/csv',
    ),
  ];
}

/** Launches the three jobs and waits until each has finished (a few minutes each on spot). */
export async function launchReferenceJobs(sagemaker: SageMakerClient, options: SolutionOptions, maxWaitTime = 3 * MAX_RUNTIME_SECONDS): Promise<string[]> {
  const jobs = referenceJobs(options);
  for (const job of jobs) await sagemaker.send(new CreateTrainingJobCommand(job));
  await Promise.all(
    jobs.map((job) => waitUntilTrainingJobCompletedOrStopped({ client: sagemaker, maxWaitTime, minDelay: 30 }, { TrainingJobName: job.TrainingJobName! })),
  );
  return jobs.map((job) => job.TrainingJobName!);
}

/**
 * Uploads every file of the lab's datasets to `bucket`, each under its dataset's keyPrefix, as the
 * lab stack does at deploy time. `labDir` is the lab's source folder (labs/algorithm-choice): the
 * data files are not copied into dist/. Returns the keys written.
 */
export async function uploadDatasets(s3: S3Client, bucket: string, labDir: string): Promise<string[]> {
  const keys: string[] = [];
  for (const dataset of lab.datasets) {
    const root = join(labDir, dataset.dir);
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = join(entry.parentPath, entry.name);
      const key = `${dataset.keyPrefix}${relative(root, file).split('\\').join('/')}`;
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: readFileSync(file) }));
      keys.push(key);
    }
  }
  return keys.sort();
}
