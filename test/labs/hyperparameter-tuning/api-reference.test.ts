// The checks give the expected verdicts on responses in the shapes the AWS API reference documents,
// served over the wire from 127.0.0.1 so the SDK parses them as it parses AWS's own answers:
//   ListHyperParameterTuningJobs    https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListHyperParameterTuningJobs.html
//   DescribeHyperParameterTuningJob https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeHyperParameterTuningJob.html
// The pages give a Response Syntax and no worked example: the fixtures fill every field of the syntax
// that a Completed Bayesian tuning job over one built-in algorithm carries, with the scenario's names.
// CloudFormation (the lab bucket's name) stays an in-process mock: it is the runtime's read, not the lab's.
import { mockClient } from 'aws-sdk-client-mock';
import { lab } from '../../../labs/hyperparameter-tuning/lab';
import { xgboostImageUri } from '../../../labs/xgboost-builtin/solution';
import { CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { findingsOf, runLabWith, statusesOf } from '../../support/replay';
import { useAwsReferenceDouble, type JsonAnswer } from '../xgboost-builtin/aws-reference';
import { ACCOUNT, BUCKET, REGION, ROLE_ARN } from './fixtures';

const cfn = mockClient(CloudFormationClient);

// The SageMaker Python SDK's default name for base_tuning_job_name 'churn-hpo': <base>-<yymmdd>-<hhmm>.
const NAME = 'churn-hpo-261128-1405';
const arn = (type: string, name: string) => `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${type}/${name}`;
const created = new Date('2026-11-28T14:05:12Z');
const ended = new Date('2026-11-28T14:41:09Z');
const counters = { Completed: 8, InProgress: 0, NonRetryableError: 0, RetryableError: 0, Stopped: 2 };
const objectives = { Failed: 0, Pending: 0, Succeeded: 10 };
const channel = (name: string, prefix: string) => ({
  ChannelName: name,
  CompressionType: 'None',
  ContentType: 'text/csv',
  DataSource: { S3DataSource: { S3DataDistributionType: 'FullyReplicated', S3DataType: 'S3Prefix', S3Uri: `s3://${BUCKET}/${prefix}` } },
  InputMode: 'File',
  RecordWrapperType: 'None',
});

/** The best training job: HyperParameterTrainingJobSummary, with SageMaker's quoting of tuned values. */
let bestAuc = 0.9161;
const bestJob = () => ({
  CreationTime: new Date('2026-11-28T14:21:40Z'),
  FailureReason: undefined,
  FinalHyperParameterTuningJobObjectiveMetric: { MetricName: 'validation:auc', Type: 'Maximize', Value: bestAuc },
  ObjectiveStatus: 'Succeeded',
  TrainingEndTime: new Date('2026-11-28T14:24:31Z'),
  TrainingJobArn: arn('training-job', `${NAME}-007-1a2b3c4d`),
  TrainingJobDefinitionName: undefined,
  TrainingJobName: `${NAME}-007-1a2b3c4d`,
  TrainingJobStatus: 'Completed',
  TrainingStartTime: new Date('2026-11-28T14:23:02Z'),
  TunedHyperParameters: { eta: '0.08601851654657845', max_depth: '7', min_child_weight: '8.606571186335925' },
  TuningJobName: NAME,
});

let strategy = 'Bayesian';
const describeResponse = () => ({
  BestTrainingJob: bestJob(),
  ConsumedResources: { RuntimeInSeconds: 2157 },
  CreationTime: created,
  HyperParameterTuningEndTime: ended,
  HyperParameterTuningJobArn: arn('hyper-parameter-tuning-job', NAME),
  HyperParameterTuningJobConfig: {
    HyperParameterTuningJobObjective: { MetricName: 'validation:auc', Type: 'Maximize' },
    ParameterRanges: {
      AutoParameters: [],
      CategoricalParameterRanges: [],
      ContinuousParameterRanges: [
        { MaxValue: '0.5', MinValue: '0.01', Name: 'eta', ScalingType: 'Logarithmic' },
        { MaxValue: '10', MinValue: '1', Name: 'min_child_weight', ScalingType: 'Auto' },
      ],
      IntegerParameterRanges: [{ MaxValue: '8', MinValue: '2', Name: 'max_depth', ScalingType: 'Auto' }],
    },
    ResourceLimits: { MaxNumberOfTrainingJobs: 10, MaxParallelTrainingJobs: 2 },
    Strategy: strategy,
    TrainingJobEarlyStoppingType: 'Auto',
  },
  HyperParameterTuningJobName: NAME,
  HyperParameterTuningJobStatus: 'Completed',
  LastModifiedTime: ended,
  ObjectiveStatusCounters: objectives,
  OverallBestTrainingJob: undefined,
  TrainingJobDefinition: {
    AlgorithmSpecification: { MetricDefinitions: [{ Name: 'validation:auc', Regex: '.*\\[[0-9]+\\].*#011validation-auc:([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?).*' }], TrainingImage: xgboostImageUri('eu-west-1'), TrainingInputMode: 'File' },
    EnableInterContainerTrafficEncryption: false,
    EnableManagedSpotTraining: true,
    EnableNetworkIsolation: false,
    InputDataConfig: [channel('train', 'churn/train'), channel('validation', 'churn/validation')],
    OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/churn/tuning-output` },
    ResourceConfig: { InstanceCount: 1, InstanceType: 'ml.m5.large', VolumeSizeInGB: 5 },
    RoleArn: ROLE_ARN,
    // Quoted, as the SageMaker Python SDK writes hyperparameters of framework estimators: the same values.
    StaticHyperParameters: { eval_metric: '"auc"', num_round: '"200"', objective: '"binary:logistic"', subsample: '"0.8"' },
    StoppingCondition: { MaxRuntimeInSeconds: 600, MaxWaitTimeInSeconds: 1800 },
  },
  TrainingJobStatusCounters: counters,
  TuningJobCompletionDetails: { ConvergenceDetectedTime: undefined, NumberOfTrainingJobsObjectiveNotImproving: 3 },
});

const listResponse = () => ({
  HyperParameterTuningJobSummaries: [
    {
      CreationTime: created,
      HyperParameterTuningEndTime: ended,
      HyperParameterTuningJobArn: arn('hyper-parameter-tuning-job', NAME),
      HyperParameterTuningJobName: NAME,
      HyperParameterTuningJobStatus: 'Completed',
      LastModifiedTime: ended,
      ObjectiveStatusCounters: objectives,
      ResourceLimits: { MaxNumberOfTrainingJobs: 10, MaxParallelTrainingJobs: 2 },
      Strategy: strategy,
      TrainingJobStatusCounters: counters,
    },
  ],
});

function answer(target: string, request: any): JsonAnswer | undefined {
  if (target === 'SageMaker.ListHyperParameterTuningJobs') return { body: listResponse() };
  if (target === 'SageMaker.DescribeHyperParameterTuningJob' && request.HyperParameterTuningJobName === NAME) return { body: describeResponse() };
  return undefined;
}

useAwsReferenceDouble({ json: answer, head: () => undefined });

beforeEach(() => {
  cfn.reset();
  mockStackOutputs(cfn, lab.id, { LabBucketName: BUCKET });
  strategy = 'Bayesian';
  bestAuc = 0.9161;
});

test('the documented responses, for the reference tuning job (SDK names, another region, quoted values, no final slash), pass every requirement', async () => {
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass' });
  expect(findingsOf(result, 'R6')).toMatch(/validation:auc 0\.9161 >= /);
});

test('a best job below the threshold fails R6 with its tuned values as SageMaker reports them', async () => {
  bestAuc = 0.9084;
  const result = await runLabWith(lab);
  expect(statusesOf(result)).toMatchObject({ R5: 'pass', R6: 'fail' });
  expect(findingsOf(result, 'R6')).toMatch(/0\.9084 \(eta=0\.086018.*max_depth=7/);
});

test('Random strategy, as the list and describe responses spell it, fails R3 and skips R6', async () => {
  strategy = 'Random';
  expect(statusesOf(await runLabWith(lab))).toMatchObject({ R3: 'fail', R6: 'skipped' });
});
