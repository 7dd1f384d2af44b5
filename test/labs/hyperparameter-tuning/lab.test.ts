import {
  DescribeHyperParameterTuningJobCommand,
  ListHyperParameterTuningJobsCommand,
  SageMakerClient,
  type ContinuousParameterRange,
  type DescribeHyperParameterTuningJobResponse,
  type ParameterRanges,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { checks } from '../../../labs/hyperparameter-tuning/checks';
import { lab as manifest, MIN_BEST_AUC } from '../../../labs/hyperparameter-tuning/lab';
import { referenceTuningJob } from '../../../labs/hyperparameter-tuning/solution';
import { awsError, checkRequirement, CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { BUCKET, bestTrainingJob, referenceTuningJobResponse, REGION, ROLE_ARN, TUNING_JOB, tuningSummary, type TuningJobChanges } from './fixtures';

const sagemaker = mockClient(SageMakerClient);
const cfn = mockClient(CloudFormationClient);
const lab = { lab: manifest, checks };

function givenTuningJob(changes: TuningJobChanges = {}): void {
  sagemaker.on(ListHyperParameterTuningJobsCommand).resolves({ HyperParameterTuningJobSummaries: [tuningSummary(TUNING_JOB, 'Completed', '2026-11-28T14:05:12Z')] });
  sagemaker.on(DescribeHyperParameterTuningJobCommand, { HyperParameterTuningJobName: TUNING_JOB }).resolves(referenceTuningJobResponse(changes));
}

const reference = referenceTuningJob({ region: REGION, bucket: BUCKET, roleArn: ROLE_ARN, jobName: TUNING_JOB });
const referenceRanges = reference.HyperParameterTuningJobConfig!.ParameterRanges!;
const [etaRange, weightRange] = referenceRanges.ContinuousParameterRanges! as [ContinuousParameterRange, ContinuousParameterRange];

/** The reference ranges with eta replaced. */
const withEta = (eta: Partial<ContinuousParameterRange>): ParameterRanges => ({ ...referenceRanges, ContinuousParameterRanges: [{ ...etaRange, ...eta }, weightRange] });

const statusOf = async (id: string) => (await checkRequirement(lab, id)).status;
const findingsOf = async (id: string) => (await checkRequirement(lab, id)).findings.join(' ');

beforeEach(() => {
  sagemaker.reset();
  cfn.reset();
  mockStackOutputs(cfn, manifest.id, { LabBucketName: BUCKET });
  givenTuningJob();
});

test('the reference state passes every requirement', async () => {
  for (const r of manifest.requirements) expect([r.id, await statusOf(r.id)]).toEqual([r.id, 'pass']);
  expect(sagemaker).toHaveReceivedCommandWith(ListHyperParameterTuningJobsCommand, { NameContains: 'churn-hpo-', SortBy: 'CreationTime', SortOrder: 'Descending' });
});

test('the reference request fits the API: a name of at most 32 characters starting with the prefix', () => {
  const generated = referenceTuningJob({ region: REGION, bucket: BUCKET, roleArn: ROLE_ARN }).HyperParameterTuningJobName!;
  expect(generated).toMatch(/^churn-hpo-\d{12}$/);
  expect(generated.length).toBeLessThanOrEqual(32);
});

describe('R1 a completed churn-hpo- tuning job', () => {
  test('fails when no tuning job carries the prefix, and says which', async () => {
    sagemaker.on(ListHyperParameterTuningJobsCommand).resolves({ HyperParameterTuningJobSummaries: [] });
    expect(await statusOf('R1')).toBe('fail');
    expect(await findingsOf('R1')).toMatch(/No hyperparameter tuning job whose name starts with 'churn-hpo-'/);
  });

  test('ignores jobs that contain the prefix later in their name', async () => {
    sagemaker.on(ListHyperParameterTuningJobsCommand).resolves({ HyperParameterTuningJobSummaries: [tuningSummary('old-churn-hpo-1', 'Completed', '2026-11-20T00:00:00Z')] });
    expect(await statusOf('R1')).toBe('fail');
  });

  test('passes with the SageMaker Python SDK\'s naming (base_tuning_job_name churn-hpo, a timestamp suffix)', async () => {
    const sdkName = 'churn-hpo-261128-1405';
    sagemaker.on(ListHyperParameterTuningJobsCommand).resolves({ HyperParameterTuningJobSummaries: [tuningSummary(sdkName, 'Completed', '2026-11-28T14:05:12Z')] });
    sagemaker.on(DescribeHyperParameterTuningJobCommand, { HyperParameterTuningJobName: sdkName }).resolves(referenceTuningJobResponse({}, sdkName));
    expect(await statusOf('R1')).toBe('pass');
  });

  test('fails with the failure reason when no tuning job has completed', async () => {
    sagemaker.on(ListHyperParameterTuningJobsCommand).resolves({ HyperParameterTuningJobSummaries: [tuningSummary(TUNING_JOB, 'Failed', '2026-11-28T14:05:12Z')] });
    givenDescribe({ top: { HyperParameterTuningJobStatus: 'Failed', FailureReason: 'All training jobs failed. Please check the training job logs.' } });
    expect(await findingsOf('R1')).toMatch(/is Failed\. Failure reason: All training jobs failed/);
  });

  test('judges the newest Completed tuning job, not a newer one still running', async () => {
    const newer = 'churn-hpo-261128-1530';
    sagemaker.on(ListHyperParameterTuningJobsCommand).resolves({
      HyperParameterTuningJobSummaries: [tuningSummary(newer, 'InProgress', '2026-11-28T15:30:00Z'), tuningSummary(TUNING_JOB, 'Completed', '2026-11-28T14:05:12Z')],
    });
    expect(await findingsOf('R1')).toContain(TUNING_JOB);
    expect(sagemaker).not.toHaveReceivedCommandWith(DescribeHyperParameterTuningJobCommand, { HyperParameterTuningJobName: newer });
  });

  test('follows NextToken across pages', async () => {
    sagemaker.on(ListHyperParameterTuningJobsCommand).resolvesOnce({ HyperParameterTuningJobSummaries: [], NextToken: 'page-2' });
    sagemaker.on(ListHyperParameterTuningJobsCommand, { NextToken: 'page-2' }).resolves({ HyperParameterTuningJobSummaries: [tuningSummary(TUNING_JOB, 'Completed', '2026-11-28T14:05:12Z')] });
    expect(await statusOf('R1')).toBe('pass');
  });

  test('is an error, not "no jobs", when five pages hold only other jobs and SageMaker offers more', async () => {
    sagemaker.on(ListHyperParameterTuningJobsCommand).resolves({ HyperParameterTuningJobSummaries: [tuningSummary('x-churn-hpo-1', 'Completed', '2026-11-28T14:05:12Z')], NextToken: 'more' });
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('error');
    expect(r.findings.join(' ')).toMatch(/the jobs that decide were not read/);
  });

  test('is an error when SageMaker denies ListHyperParameterTuningJobs', async () => {
    sagemaker.on(ListHyperParameterTuningJobsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform sagemaker:ListHyperParameterTuningJobs', 400));
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/Access denied/);
  });
});

function givenDescribe(changes: TuningJobChanges): void {
  sagemaker.on(DescribeHyperParameterTuningJobCommand, { HyperParameterTuningJobName: TUNING_JOB }).resolves(referenceTuningJobResponse(changes));
}

describe('R2 built-in XGBoost on the shipped channels', () => {
  const channels = reference.TrainingJobDefinition!.InputDataConfig!;

  test('passes with another region\'s image, quoted static hyperparameters, and channel URIs without the final slash', async () => {
    givenDescribe({
      definition: {
        AlgorithmSpecification: { TrainingImage: '246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1', TrainingInputMode: 'File' },
        StaticHyperParameters: { objective: '"binary:logistic"', num_round: '"200"' },
        InputDataConfig: channels.map((c) => ({ ...c, DataSource: { S3DataSource: { ...c.DataSource!.S3DataSource!, S3Uri: c.DataSource!.S3DataSource!.S3Uri!.replace(/\/$/, '') } } })),
      },
    });
    expect(await statusOf('R2')).toBe('pass');
  });

  test('passes with reg:logistic, the same logistic loss', async () => {
    givenDescribe({ definition: { StaticHyperParameters: { objective: 'reg:logistic', num_round: '200' } } });
    expect(await statusOf('R2')).toBe('pass');
  });

  test('passes with one entry of TrainingJobDefinitions (HyperparameterTuner.create) carrying its own objective and ranges', async () => {
    const definition = { ...reference.TrainingJobDefinition!, DefinitionName: 'xgboost', TuningObjective: reference.HyperParameterTuningJobConfig!.HyperParameterTuningJobObjective, HyperParameterRanges: referenceRanges };
    givenDescribe({ top: { TrainingJobDefinition: undefined, TrainingJobDefinitions: [definition] }, config: { HyperParameterTuningJobObjective: undefined, ParameterRanges: undefined } });
    for (const id of ['R2', 'R3', 'R4', 'R5']) expect([id, await statusOf(id)]).toEqual([id, 'pass']);
  });

  test('fails on two training job definitions: the budget goes to one algorithm', async () => {
    const definition = reference.TrainingJobDefinition!;
    givenDescribe({ top: { TrainingJobDefinition: undefined, TrainingJobDefinitions: [definition, definition] } });
    expect(await findingsOf('R2')).toMatch(/tunes 2 training job definitions/);
  });

  test('fails on the deprecated xgboost image and says why', async () => {
    givenDescribe({ definition: { AlgorithmSpecification: { TrainingImage: '811284229777.dkr.ecr.us-east-1.amazonaws.com/xgboost:1', TrainingInputMode: 'File' } } });
    expect(await findingsOf('R2')).toMatch(/deprecated 0\.72/);
  });

  test('fails on a regression objective', async () => {
    givenDescribe({ definition: { StaticHyperParameters: { objective: 'reg:squarederror', num_round: '200' } } });
    expect(await findingsOf('R2')).toMatch(/static objective is reg:squarederror; the retention team ranks customers by the probability/);
  });

  test('fails when the validation channel reads the training data, and says what the search then rewards', async () => {
    givenDescribe({ definition: { InputDataConfig: [channels[0]!, { ...channels[1]!, DataSource: channels[0]!.DataSource }] } });
    expect(await findingsOf('R2')).toMatch(/That is the training data: .* memorises best/);
  });

  test('fails on a channel without a content type', async () => {
    givenDescribe({ definition: { InputDataConfig: [channels[0]!, { ...channels[1]!, ContentType: undefined }] } });
    expect(await findingsOf('R2')).toMatch(/'validation' channel's ContentType is not set \(built-in XGBoost then parses libsvm\)/);
  });

  test('is an error when DescribeHyperParameterTuningJob is throttled', async () => {
    sagemaker.on(DescribeHyperParameterTuningJobCommand).rejects(awsError('ThrottlingException', 'Rate exceeded', 400));
    expect(await statusOf('R2')).toBe('error');
  });
});

describe('R3 Bayesian, maximising validation:auc', () => {
  test.each([
    ['Random', /Random search draws every combination without looking at the results so far/],
    ['Hyperband', /needs TrainingJobEarlyStoppingType Off/],
    ['Grid', /categorical values only/],
  ])('fails on the %s strategy with why', async (strategy, finding) => {
    givenDescribe({ config: { Strategy: strategy as 'Random' } });
    expect(await statusOf('R3')).toBe('fail');
    expect(await findingsOf('R3')).toMatch(finding);
  });

  test('fails when the objective minimises AUC', async () => {
    givenDescribe({ config: { HyperParameterTuningJobObjective: { Type: 'Minimize', MetricName: 'validation:auc' } } });
    expect(await findingsOf('R3')).toMatch(/minimising it searches for the worst model/);
  });

  test('fails on train:auc, which rewards memorising', async () => {
    givenDescribe({ config: { HyperParameterTuningJobObjective: { Type: 'Maximize', MetricName: 'train:auc' } } });
    expect(await findingsOf('R3')).toMatch(/train:auc, measured on the rows each job learned from/);
  });

  test('fails on another validation metric, with the class imbalance', async () => {
    givenDescribe({ config: { HyperParameterTuningJobObjective: { Type: 'Minimize', MetricName: 'validation:error' } } });
    expect(await findingsOf('R3')).toMatch(/validation:error; .* only about 13% churn/);
  });
});

describe('R4 the stated ranges, eta on a logarithmic scale', () => {
  test('passes with bounds spelled differently ("1e-2", "0.50") and max_depth on a logarithmic scale', async () => {
    givenDescribe({ config: { ParameterRanges: { ...withEta({ MinValue: '1e-2', MaxValue: '0.50' }), IntegerParameterRanges: [{ Name: 'max_depth', MinValue: '2', MaxValue: '8', ScalingType: 'Logarithmic' }] } } });
    expect(await statusOf('R4')).toBe('pass');
  });

  test('passes with min_child_weight as an integer range over the same bounds', async () => {
    givenDescribe({ config: { ParameterRanges: { ContinuousParameterRanges: [etaRange], IntegerParameterRanges: [...referenceRanges.IntegerParameterRanges!, { Name: 'min_child_weight', MinValue: '1', MaxValue: '10' }] } } });
    expect(await statusOf('R4')).toBe('pass');
  });

  test('fails on a linear eta, with the share of draws above 0.1', async () => {
    givenDescribe({ config: { ParameterRanges: withEta({ ScalingType: 'Linear' }) } });
    expect(await findingsOf('R4')).toMatch(/82% of the draws land above 0\.1/);
  });

  test('fails on Auto, which does not show the scale SageMaker chose', async () => {
    givenDescribe({ config: { ParameterRanges: withEta({ ScalingType: 'Auto' }) } });
    expect(await findingsOf('R4')).toMatch(/Auto leaves the scale to SageMaker/);
  });

  test('fails on a range without a scaling type, which is Auto', async () => {
    givenDescribe({ config: { ParameterRanges: withEta({ ScalingType: undefined }) } });
    expect(await findingsOf('R4')).toMatch(/ScalingType is Auto/);
  });

  test('fails on ReverseLogarithmic', async () => {
    givenDescribe({ config: { ParameterRanges: withEta({ ScalingType: 'ReverseLogarithmic' }) } });
    expect(await findingsOf('R4')).toMatch(/crowds the draws just below the top of the range/);
  });

  test('fails on the careless range 0.001 to 1', async () => {
    givenDescribe({ config: { ParameterRanges: withEta({ MinValue: '0.001', MaxValue: '1' }) } });
    expect(await findingsOf('R4')).toMatch(/eta is searched from 0\.001 to 1; the scenario's range is 0\.01 to 0\.5/);
  });

  test('fails on max_depth as a continuous range', async () => {
    givenDescribe({ config: { ParameterRanges: { ContinuousParameterRanges: [etaRange, weightRange, { Name: 'max_depth', MinValue: '2', MaxValue: '8' }] } } });
    expect(await findingsOf('R4')).toMatch(/a tree depth is a whole number/);
  });

  test('fails on extra tuned hyperparameters, with why', async () => {
    givenDescribe({ config: { ParameterRanges: { ...referenceRanges, IntegerParameterRanges: [...referenceRanges.IntegerParameterRanges!, { Name: 'num_round', MinValue: '50', MaxValue: '500' }] } } });
    expect(await findingsOf('R4')).toMatch(/It also tunes num_round\. Every extra range spreads the same 10 jobs/);
  });

  test('fails on a categorical eta', async () => {
    givenDescribe({ config: { ParameterRanges: { ...referenceRanges, ContinuousParameterRanges: [weightRange], CategoricalParameterRanges: [{ Name: 'eta', Values: ['0.05', '0.1', '0.3'] }] } } });
    expect(await findingsOf('R4')).toMatch(/eta is a categorical range/);
  });
});

describe('R5 the budget: jobs, parallelism, early stopping, spot', () => {
  test('fails on ten parallel jobs, teaching why Bayesian search then learns nothing', async () => {
    givenDescribe({ config: { ResourceLimits: { MaxNumberOfTrainingJobs: 10, MaxParallelTrainingJobs: 10 } } });
    expect(await findingsOf('R5')).toMatch(/with 10 of 10 jobs started at once, the first 10 choices learn from nothing .* behaves like a random one/);
  });

  test('fails on a budget over ten jobs', async () => {
    givenDescribe({ config: { ResourceLimits: { MaxNumberOfTrainingJobs: 50, MaxParallelTrainingJobs: 2 } } });
    expect(await findingsOf('R5')).toMatch(/MaxNumberOfTrainingJobs is 50/);
  });

  test('passes with fewer jobs and one at a time (R6 judges whether they were enough)', async () => {
    givenDescribe({ config: { ResourceLimits: { MaxNumberOfTrainingJobs: 8, MaxParallelTrainingJobs: 1 } } });
    expect(await statusOf('R5')).toBe('pass');
  });

  test('fails with early stopping Off', async () => {
    givenDescribe({ config: { TrainingJobEarlyStoppingType: 'Off' } });
    expect(await findingsOf('R5')).toMatch(/TrainingJobEarlyStoppingType is Off; with Auto/);
  });

  test('fails on on-demand capacity and a missing wait limit', async () => {
    givenDescribe({ definition: { EnableManagedSpotTraining: false, StoppingCondition: { MaxRuntimeInSeconds: 600 } } });
    const findings = await findingsOf('R5');
    expect(findings).toMatch(/on-demand capacity/);
    expect(findings).toMatch(/MaxWaitTimeInSeconds is not set/);
  });

  test('fails on a larger instance type, multiplied by the budget', async () => {
    givenDescribe({ definition: { ResourceConfig: { InstanceType: 'ml.m5.4xlarge', InstanceCount: 1, VolumeSizeInGB: 5 } } });
    expect(await findingsOf('R5')).toMatch(/run on ml\.m5\.4xlarge; .* multiplies the cost by 10/);
  });

  test('passes with HyperParameterTuningResourceConfig instead of ResourceConfig', async () => {
    givenDescribe({ definition: { ResourceConfig: undefined, HyperParameterTuningResourceConfig: { InstanceType: 'ml.m5.large', InstanceCount: 1, VolumeSizeInGB: 5 } } });
    expect(await statusOf('R5')).toBe('pass');
  });
});

describe('R6 the best training job\'s AUC', () => {
  const withBest = (auc: number) => ({ top: { BestTrainingJob: bestTrainingJob(TUNING_JOB, auc, { eta: '"0.412"', max_depth: '"8"', min_child_weight: '"1.3"' }) } });

  test(`fails below ${MIN_BEST_AUC} with the tuned values and what reaches it`, async () => {
    givenDescribe(withBest(0.9071));
    const r = await checkRequirement(lab, 'R6');
    expect(r.status).toBe('fail');
    expect(r.findings.join(' ')).toMatch(/ends with validation:auc 0\.9071 \(eta=0\.412, max_depth=8, min_child_weight=1\.3\).* logarithmic scale/);
  });

  test('passes at the threshold', async () => {
    givenDescribe(withBest(MIN_BEST_AUC));
    expect(await statusOf('R6')).toBe('pass');
  });

  test('fails when no training job reported the objective', async () => {
    givenDescribe({ top: { BestTrainingJob: undefined, ObjectiveStatusCounters: { Succeeded: 0, Pending: 0, Failed: 10 } } });
    expect(await findingsOf('R6')).toMatch(/None of .* training jobs reported validation:auc \(10 failed to\)/);
  });

  test('is an error, not a fail, when a Completed tuning job with successes names no best job', async () => {
    givenDescribe({ top: { BestTrainingJob: undefined } });
    expect(await statusOf('R6')).toBe('error');
  });

  test('is an error when the best job reports no value', async () => {
    const best = bestTrainingJob(TUNING_JOB, 0.92);
    givenDescribe({ top: { BestTrainingJob: { ...best, FinalHyperParameterTuningJobObjectiveMetric: undefined } } });
    expect(await statusOf('R6')).toBe('error');
  });

  test('is an error when DescribeHyperParameterTuningJob is denied', async () => {
    sagemaker.on(DescribeHyperParameterTuningJobCommand).rejects(awsError('AccessDeniedException', 'not authorized', 400));
    expect(await statusOf('R6')).toBe('error');
  });
});

// Keeps the fixture honest: DescribeHyperParameterTuningJob echoes the request's configuration.
test('the fixture echoes the reference request', () => {
  const described: DescribeHyperParameterTuningJobResponse = referenceTuningJobResponse();
  expect(described.HyperParameterTuningJobConfig).toEqual(reference.HyperParameterTuningJobConfig);
  expect(described.TrainingJobDefinition).toEqual(reference.TrainingJobDefinition);
});
