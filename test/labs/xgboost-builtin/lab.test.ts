import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeTrainingJobCommand, ListTrainingJobsCommand, SageMakerClient, type DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { lab, MIN_VALIDATION_AUC } from '../../../labs/xgboost-builtin/lab';
import { referenceTrainingJob, xgboostImageUri } from '../../../labs/xgboost-builtin/solution';
import { parseImageUri } from '../../../lib/check/sagemaker';
import { awsError, checkRequirement, CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { findingsOf, runLabWith, statusesOf } from '../../support/replay';
import { ARTEFACT_KEY, BUCKET, JOB_NAME, jobSummary, referenceJob, ROLE_ARN, XGBOOST_IMAGE } from './fixtures';

const sagemaker = mockClient(SageMakerClient);
const cfn = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);

/** One Completed reference job, optionally altered. */
function givenJob(overrides: Partial<DescribeTrainingJobResponse> = {}): void {
  sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [jobSummary(JOB_NAME, 'Completed', '2026-11-25T09:12:03Z')] });
  sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: JOB_NAME }).resolves(referenceJob(overrides));
}

beforeEach(() => {
  sagemaker.reset();
  cfn.reset();
  s3.reset();
  mockStackOutputs(cfn, lab.id, { LabBucketName: BUCKET });
  s3.on(HeadObjectCommand, { Bucket: BUCKET, Key: ARTEFACT_KEY }).resolves({ ContentLength: 48_213, ContentType: 'application/x-tar' });
  givenJob();
});

test('the reference state passes every requirement', async () => {
  for (const r of lab.requirements) {
    const result = await checkRequirement(lab, r.id);
    expect([r.id, result.status, result.findings]).toEqual([r.id, 'pass', expect.any(Array)]);
  }
  expect(sagemaker).toHaveReceivedCommandWith(ListTrainingJobsCommand, { NameContains: 'churn-xgb-', SortBy: 'CreationTime', SortOrder: 'Descending' });
});

test('the reference solution\'s request passes every requirement once SageMaker has run it', async () => {
  const request = referenceTrainingJob({ region: 'us-east-1', bucket: BUCKET, roleArn: ROLE_ARN, jobName: JOB_NAME });
  expect(request.AlgorithmSpecification?.TrainingImage).toBe(XGBOOST_IMAGE);
  // DescribeTrainingJob echoes the request's configuration; only the outcome is SageMaker's.
  givenJob({
    AlgorithmSpecification: request.AlgorithmSpecification,
    HyperParameters: request.HyperParameters,
    InputDataConfig: request.InputDataConfig,
    OutputDataConfig: request.OutputDataConfig,
    ResourceConfig: request.ResourceConfig,
    EnableManagedSpotTraining: request.EnableManagedSpotTraining,
    StoppingCondition: request.StoppingCondition,
  });
  for (const r of lab.requirements) expect([r.id, (await checkRequirement(lab, r.id)).status]).toEqual([r.id, 'pass']);
});

test('the reference image URI differs by region only in the registry account', () => {
  expect(xgboostImageUri('us-west-2')).toBe('246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1');
  expect(() => xgboostImageUri('xx-nowhere-1')).toThrow(/no XGBoost registry account/);
});

describe('R1 a completed churn-xgb- job', () => {
  test('fails when no job carries the prefix, and says which prefix', async () => {
    sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [] });
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings.join(' ')).toMatch(/No training job whose name starts with 'churn-xgb-'/);
  });

  test('ignores jobs that merely contain the prefix elsewhere in their name', async () => {
    sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [jobSummary('old-churn-xgb-1', 'Completed', '2026-11-20T00:00:00Z')] });
    expect((await checkRequirement(lab, 'R1')).status).toBe('fail');
  });

  test('fails with the failure reason when no job has completed', async () => {
    sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [jobSummary(JOB_NAME, 'Failed', '2026-11-25T09:12:03Z')] });
    sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: JOB_NAME }).resolves(
      referenceJob({ TrainingJobStatus: 'Failed', SecondaryStatus: 'Failed', FailureReason: 'ClientError: Blankspace and colon not found in firstline', FinalMetricDataList: [] }),
    );
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings.join(' ')).toMatch(/is Failed .*Blankspace and colon not found/);
  });

  test('judges the newest Completed job, not a newer one still running', async () => {
    const newer = 'churn-xgb-20261125-0930';
    sagemaker.on(ListTrainingJobsCommand).resolves({
      TrainingJobSummaries: [jobSummary(JOB_NAME, 'Completed', '2026-11-25T09:12:03Z'), jobSummary(newer, 'InProgress', '2026-11-25T09:30:00Z')],
    });
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('pass');
    expect(r.findings[0]).toContain(JOB_NAME);
    expect(sagemaker).not.toHaveReceivedCommandWith(DescribeTrainingJobCommand, { TrainingJobName: newer });
  });

  test('follows NextToken across pages', async () => {
    sagemaker.on(ListTrainingJobsCommand).resolvesOnce({ TrainingJobSummaries: [], NextToken: 'page-2' });
    sagemaker.on(ListTrainingJobsCommand, { NextToken: 'page-2' }).resolves({ TrainingJobSummaries: [jobSummary(JOB_NAME, 'Completed', '2026-11-25T09:12:03Z')] });
    expect((await checkRequirement(lab, 'R1')).status).toBe('pass');
  });

  test('is an error when SageMaker denies ListTrainingJobs', async () => {
    sagemaker.on(ListTrainingJobsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform sagemaker:ListTrainingJobs', 400));
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/Access denied/);
  });
});

describe('R2 built-in XGBoost 1.7-1', () => {
  test('passes in another region, whose registry account differs', async () => {
    givenJob({ AlgorithmSpecification: { TrainingImage: '246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1', TrainingInputMode: 'File' } });
    expect((await checkRequirement(lab, 'R2')).status).toBe('pass');
  });

  test('fails on the deprecated xgboost repository and says why', async () => {
    givenJob({ AlgorithmSpecification: { TrainingImage: '811284229777.dkr.ecr.us-east-1.amazonaws.com/xgboost:1', TrainingInputMode: 'File' } });
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/deprecated 0\.72/);
  });

  test('fails on another version of the right repository', async () => {
    givenJob({ AlgorithmSpecification: { TrainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.5-1', TrainingInputMode: 'File' } });
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/XGBoost '1\.5-1'; the lab is built on 1\.7-1/);
  });

  test('fails on a framework container', async () => {
    givenJob({ AlgorithmSpecification: { TrainingImage: '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.3-cpu-py311', TrainingInputMode: 'File' } });
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/repository 'pytorch-training'.*built-in algorithm/);
  });

  test('fails on a Marketplace algorithm, which has no image', async () => {
    givenJob({ AlgorithmSpecification: { AlgorithmName: 'arn:aws:sagemaker:us-east-1:865070037744:algorithm/some-xgb', TrainingInputMode: 'File' } });
    expect((await checkRequirement(lab, 'R2')).findings[0]).toMatch(/no container image/);
  });

  test('is an error when DescribeTrainingJob is throttled', async () => {
    sagemaker.on(DescribeTrainingJobCommand).rejects(awsError('ThrottlingException', 'Rate exceeded', 400));
    expect((await checkRequirement(lab, 'R2')).status).toBe('error');
  });

  test('parses image URIs with a tag, a digest, or neither', () => {
    expect(parseImageUri('683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1')).toEqual({
      registry: '683313688378.dkr.ecr.us-east-1.amazonaws.com',
      repository: 'sagemaker-xgboost',
      tag: '1.7-1',
    });
    expect(parseImageUri('r.example/ns/repo@sha256:abc')).toEqual({ registry: 'r.example', repository: 'ns/repo' });
    expect(parseImageUri('no-slash')).toBeUndefined();
  });
});

describe('R3 objective and evaluation metric', () => {
  test('accepts JSON-quoted values and a metric list', async () => {
    givenJob({ HyperParameters: { ...referenceJob().HyperParameters, objective: '"binary:logistic"', eval_metric: '"logloss,auc"' } });
    expect((await checkRequirement(lab, 'R3')).status).toBe('pass');
  });

  test('fails on regression with rmse, and explains both mistakes', async () => {
    givenJob({ HyperParameters: { ...referenceJob().HyperParameters, objective: 'reg:squarederror', eval_metric: 'rmse' } });
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('fail');
    expect(r.findings).toHaveLength(2);
    expect(r.findings[0]).toMatch(/regresses churn as a number/);
    expect(r.findings[1]).toMatch(/eval_metric is rmse.*never reports validation:auc/);
  });

  test('fails on accuracy-style metrics and names the imbalance', async () => {
    givenJob({ HyperParameters: { ...referenceJob().HyperParameters, eval_metric: 'error' } });
    expect((await checkRequirement(lab, 'R3')).findings[0]).toMatch(/13% of customers churn/);
  });

  test('is an error when the lab cannot read the job', async () => {
    sagemaker.on(DescribeTrainingJobCommand).rejects(awsError('AccessDeniedException', 'denied', 400));
    expect((await checkRequirement(lab, 'R3')).status).toBe('error');
  });
});

describe('R4 instance, spot and stopping limits', () => {
  test('fails on on-demand capacity on a larger instance, with both reasons', async () => {
    givenJob({ EnableManagedSpotTraining: false, ResourceConfig: { InstanceType: 'ml.m5.4xlarge', InstanceCount: 1, VolumeSizeInGB: 5 } });
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('fail');
    expect(r.findings.join(' ')).toMatch(/ml\.m5\.4xlarge; the lab allows ml\.m5\.large/);
    expect(r.findings.join(' ')).toMatch(/on-demand capacity/);
  });

  test('fails when the spot waiting limit is below the runtime', async () => {
    givenJob({ StoppingCondition: { MaxRuntimeInSeconds: 900, MaxWaitTimeInSeconds: 600 } });
    expect((await checkRequirement(lab, 'R4')).findings).toEqual([expect.stringMatching(/MaxWaitTimeInSeconds \(600\) is below MaxRuntimeInSeconds \(900\)/)]);
  });

  test('fails when the limits are the API defaults (a day of runtime)', async () => {
    givenJob({ StoppingCondition: { MaxRuntimeInSeconds: 86_400, MaxWaitTimeInSeconds: 172_800 } });
    const r = await checkRequirement(lab, 'R4');
    expect(r.findings.join(' ')).toMatch(/MaxRuntimeInSeconds is 86400; cap it at 1800/);
    expect(r.findings.join(' ')).toMatch(/MaxWaitTimeInSeconds is 172800 s; keep it at most 3600/);
  });

  test('fails on distributed training', async () => {
    givenJob({ ResourceConfig: { InstanceType: 'ml.m5.large', InstanceCount: 2, VolumeSizeInGB: 5 } });
    expect((await checkRequirement(lab, 'R4')).findings[0]).toMatch(/used 2 instances/);
  });

  test('is an error on throttling', async () => {
    sagemaker.on(ListTrainingJobsCommand).rejects(awsError('ThrottlingException', 'Rate exceeded', 400));
    expect((await checkRequirement(lab, 'R4')).status).toBe('error');
  });
});

describe('R5 channels', () => {
  const channels = referenceJob().InputDataConfig!;

  test('accepts a channel pointed at the shipped file itself', async () => {
    givenJob({
      InputDataConfig: [
        { ...channels[0]!, DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${BUCKET}/churn/train/churn-train.csv` } } },
        channels[1]!,
      ],
    });
    expect((await checkRequirement(lab, 'R5')).status).toBe('pass');
  });

  test('fails when validation reads the training data, and explains the leak', async () => {
    givenJob({ InputDataConfig: [channels[0]!, { ...channels[1]!, DataSource: channels[0]!.DataSource }] });
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/'validation' channel reads the training data.*looks better than it is/);
  });

  test('fails without a validation channel or a content type', async () => {
    givenJob({ InputDataConfig: [{ ...channels[0]!, ContentType: undefined }] });
    const r = await checkRequirement(lab, 'R5');
    expect(r.findings).toEqual([expect.stringMatching(/ContentType is not set.*libsvm/), expect.stringMatching(/no 'validation' channel/)]);
  });

  test('fails on data outside the lab bucket', async () => {
    givenJob({ InputDataConfig: [{ ...channels[0]!, DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://my-own-bucket/churn/train/' } } }, channels[1]!] });
    expect((await checkRequirement(lab, 'R5')).findings[0]).toMatch(/reads s3:\/\/my-own-bucket\/churn\/train\/; .*shipped set/);
  });

  test('fails when the lab stack is not deployed', async () => {
    cfn.reset();
    cfn.on(DescribeStacksCommand).rejects(
      awsError('ValidationError', 'Stack with id MlLab-xgboost-builtin does not exist', 400),
    );
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/not deployed/);
  });

  test('is an error when CloudFormation is throttled', async () => {
    cfn.reset();
    cfn.onAnyCommand().rejects(awsError('Throttling', 'Rate exceeded', 400));
    expect((await checkRequirement(lab, 'R5')).status).toBe('error');
  });
});

describe('R6 validation AUC', () => {
  test(`fails below ${MIN_VALIDATION_AUC} and names the hyperparameters to revisit`, async () => {
    givenJob({
      HyperParameters: { objective: 'binary:logistic', eval_metric: 'auc', max_depth: '2', eta: '0.3', num_round: '10' },
      FinalMetricDataList: [{ MetricName: 'validation:auc', Value: 0.8853, Timestamp: new Date('2026-11-25T09:14:51Z') }],
    });
    const r = await checkRequirement(lab, 'R6');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/validation:auc 0\.8853 \(max_depth=2, eta=0\.3, num_round=10\); the retention team needs at least 0\.9/);
  });

  test('fails when the job reports only rmse', async () => {
    givenJob({ FinalMetricDataList: [{ MetricName: 'validation:rmse', Value: 0.2704, Timestamp: new Date('2026-11-25T09:14:51Z') }] });
    expect((await checkRequirement(lab, 'R6')).findings[0]).toMatch(/reports validation:rmse, not validation:auc/);
  });

  test('is an error when SageMaker fails', async () => {
    sagemaker.on(DescribeTrainingJobCommand).rejects(awsError('InternalFailure', 'internal error', 500));
    expect((await checkRequirement(lab, 'R6')).status).toBe('error');
  });
});

describe('R7 model artefact', () => {
  test('reads the artefact with HeadObject', async () => {
    expect((await checkRequirement(lab, 'R7')).status).toBe('pass');
    expect(s3).toHaveReceivedCommandWith(HeadObjectCommand, { Bucket: BUCKET, Key: ARTEFACT_KEY });
  });

  test('fails when the artefact was deleted', async () => {
    s3.on(HeadObjectCommand).rejects(awsError('NotFound', 'Not Found', 404));
    expect((await checkRequirement(lab, 'R7')).findings[0]).toMatch(/no longer exists/);
  });

  test('fails when the model was written outside churn/output/', async () => {
    givenJob({ ModelArtifacts: { S3ModelArtifacts: `s3://${BUCKET}/models/${JOB_NAME}/output/model.tar.gz` } });
    const r = await checkRequirement(lab, 'R7');
    expect(r.findings[0]).toMatch(/write it under s3:\/\/.*\/churn\/output\//);
    expect(s3).not.toHaveReceivedCommand(HeadObjectCommand);
  });

  test('is an error when S3 denies HeadObject', async () => {
    s3.on(HeadObjectCommand).rejects(awsError('AccessDenied', 'Forbidden', 403));
    expect((await checkRequirement(lab, 'R7')).status).toBe('error');
  });
});

// Issue 11: wrong verdicts found by an independent review, each with the test that reproduces it.
describe('issue 11 findings', () => {
  /** HeadObject refused as S3 refuses a HEAD: HTTP 403, no body, so no error code (the SDK names it 'Unknown'). */
  const bare403 = () => Object.assign(new Error('UnknownError'), { name: 'Unknown', $fault: 'client', $metadata: { httpStatusCode: 403, attempts: 1 } });

  test('finding 12: R6 is skipped while R5 fails, however high the AUC measured on the training rows', async () => {
    const channels = referenceJob().InputDataConfig!;
    givenJob({
      InputDataConfig: [channels[0]!, { ...channels[1]!, DataSource: channels[0]!.DataSource }],
      FinalMetricDataList: [{ MetricName: 'validation:auc', Value: 0.9602, Timestamp: new Date('2026-11-25T09:14:51Z') }],
    });
    expect(lab.requirements.find((r) => r.id === 'R6')!.dependsOn).toContain('R5');
    const result = await runLabWith(lab);
    expect(statusesOf(result)).toMatchObject({ R5: 'fail', R6: 'skipped' });
    expect(findingsOf(result, 'R6')).toMatch(/R5 must pass first/);
  });

  test('finding 13: a bare 403 on HeadObject makes R7 an error that says "missing or unreadable" and what to check', async () => {
    s3.on(HeadObjectCommand).rejects(bare403());
    const r = await checkRequirement(lab, 'R7');
    expect(r.status).toBe('error');
    expect(r.findings).toEqual([expect.stringMatching(new RegExp(`^s3://${BUCKET}/${ARTEFACT_KEY} is missing or unreadable: S3 refused HeadObject with HTTP 403`))]);
    expect(r.findings[0]).toMatch(/s3:GetObject on it and s3:ListBucket on s3:\/\//);
  });

  test('finding 14: reg:logistic passes R3 (the same logistic loss and predictions as binary:logistic)', async () => {
    givenJob({ HyperParameters: { ...referenceJob().HyperParameters, objective: 'reg:logistic' } });
    const r = await checkRequirement(lab, 'R3');
    expect([r.status, r.findings]).toEqual(['pass', ['objective reg:logistic, eval_metric auc.']]);
  });

  test.each([
    ['binary:logitraw', /outputs the log-odds .* not a probability/],
    ['binary:hinge', /predicts 0 or 1, a class, not a probability/],
    ['reg:squarederror', /regresses churn as a number .*561 of the 2,000 validation predictions fall outside/],
    ['reg:absoluteerror', /regresses churn as a number, not the probability of a yes-or-no outcome/],
    ['count:poisson', /^objective is count:poisson; the retention team needs the probability/],
  ])('finding 14: %s fails R3 with what that objective outputs', async (objective, reason) => {
    givenJob({ HyperParameters: { ...referenceJob().HyperParameters, objective } });
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(reason);
    expect(r.findings[0]).toMatch(/binary:logistic and reg:logistic \(the same logistic loss\)/);
  });

  test('finding 15: a channel declared csv fails R5 (the README asks for text/csv) without claiming XGBoost reads it as libsvm', async () => {
    const channels = referenceJob().InputDataConfig!;
    givenJob({ InputDataConfig: [{ ...channels[0]!, ContentType: 'csv' }, channels[1]!] });
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([expect.stringMatching(/^The 'train' channel's ContentType is 'csv'\. The XGBoost container reads that as CSV as well, but R5 asks for text\/csv/)]);
    expect(r.findings[0]).not.toMatch(/libsvm/);
  });

  test.each([
    ['text/libsvm', /tells XGBoost the files are libsvm \(index:value pairs\)/],
    ['application/x-parquet', /tells XGBoost the files are Parquet/],
    ['application/x-recordio-protobuf', /tells XGBoost the files are RecordIO-protobuf/],
  ])('finding 15: a channel declared %s fails R5 with what that content type means', async (contentType, reason) => {
    const channels = referenceJob().InputDataConfig!;
    givenJob({ InputDataConfig: [channels[0]!, { ...channels[1]!, ContentType: contentType }] });
    expect((await checkRequirement(lab, 'R5')).findings).toEqual([expect.stringMatching(reason)]);
  });

  // scripts/xgboost/reachability.py, seeds 0-9, XGBoost 1.7.4: the worst sensible run and the best
  // careless run (max_depth=10, eta=0.3, subsample=0.8, 500 rounds, seed-dependent).
  const WORST_SENSIBLE = 0.9103;
  const BEST_CARELESS = 0.9027;
  test.each([
    [WORST_SENSIBLE, 'pass'],
    [MIN_VALIDATION_AUC, 'pass'],
    [BEST_CARELESS, 'fail'],
    [0.9006, 'fail'],
  ])('finding 16: a final validation:auc of %s gives R6 %s', async (value, status) => {
    givenJob({ FinalMetricDataList: [{ MetricName: 'validation:auc', Value: value, Timestamp: new Date('2026-11-25T09:14:51Z') }] });
    expect((await checkRequirement(lab, 'R6')).status).toBe(status);
  });

  test('finding 16: the threshold sits in the measured gap with a visible margin, and the script, lab and README agree', () => {
    expect(WORST_SENSIBLE - MIN_VALIDATION_AUC).toBeGreaterThanOrEqual(0.003);
    expect(MIN_VALIDATION_AUC - BEST_CARELESS).toBeGreaterThanOrEqual(0.003);
    const script = readFileSync(join(__dirname, '../../../scripts/xgboost/reachability.py'), 'utf8');
    expect(Number(/^THRESHOLD = ([\d.]+)$/m.exec(script)?.[1])).toBe(MIN_VALIDATION_AUC);
    const readme = readFileSync(join(__dirname, '../../../labs/xgboost-builtin/README.md'), 'utf8');
    expect(readme).toMatch(new RegExp(`\\*\\*R6\\*\\* .* is at least ${MIN_VALIDATION_AUC.toString().replace('.', '\\.')}\\.`));
  });
});

// Valid alternatives a competent learner could produce, per requirement: each passes, as the README says.
describe('valid alternatives pass', () => {
  const channels = referenceJob().InputDataConfig!;
  const at = (uri: string, base = channels[0]!) => ({ ...base, DataSource: { S3DataSource: { S3DataType: 'S3Prefix' as const, S3Uri: uri } } });
  const sdkName = 'churn-xgb-2026-11-25-09-12-03-123';
  test.each<[string, string, Partial<DescribeTrainingJobResponse>]>([
    ['R2', 'the image of another region (eu-west-1), same repository and tag', { AlgorithmSpecification: { TrainingImage: xgboostImageUri('eu-west-1'), TrainingInputMode: 'File' } }],
    ['R2', 'a China-region image URI (amazonaws.com.cn)', { AlgorithmSpecification: { TrainingImage: '450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-xgboost:1.7-1', TrainingInputMode: 'File' } }],
    ['R3', 'JSON-quoted objective and metric', { HyperParameters: { ...referenceJob().HyperParameters, objective: '"binary:logistic"', eval_metric: '"auc"' } }],
    ['R3', 'eval_metric as a JSON list', { HyperParameters: { ...referenceJob().HyperParameters, eval_metric: '["logloss", "auc"]' } }],
    ['R3', 'eval_metric with auc second', { HyperParameters: { ...referenceJob().HyperParameters, eval_metric: 'error,auc' } }],
    ['R3', 'quoted reg:logistic', { HyperParameters: { ...referenceJob().HyperParameters, objective: '"reg:logistic"' } }],
    ['R4', 'runtime at the cap and waiting equal to it', { StoppingCondition: { MaxRuntimeInSeconds: 1800, MaxWaitTimeInSeconds: 1800 } }],
    ['R4', 'waiting at the cap', { StoppingCondition: { MaxRuntimeInSeconds: 900, MaxWaitTimeInSeconds: 3600 } }],
    ['R5', 'prefixes without their final slash', { InputDataConfig: [at(`s3://${BUCKET}/churn/train`), at(`s3://${BUCKET}/churn/validation`, channels[1]!)] }],
    ['R5', 'the files themselves', { InputDataConfig: [at(`s3://${BUCKET}/churn/train/churn-train.csv`), at(`s3://${BUCKET}/churn/validation/churn-validation.csv`, channels[1]!)] }],
    ['R5', 'text/csv with a label_size parameter, and upper case', { InputDataConfig: [{ ...channels[0]!, ContentType: 'text/csv;label_size=1' }, { ...channels[1]!, ContentType: 'Text/CSV' }] }],
    ['R5', 'channels listed validation first', { InputDataConfig: [channels[1]!, channels[0]!] }],
  ])('%s: %s', async (id, _what, overrides) => {
    givenJob(overrides);
    const r = await checkRequirement(lab, id);
    expect([r.status, r.findings]).toEqual(['pass', expect.any(Array)]);
  });

  test.each([
    ['a SageMaker Python SDK default name from base_job_name churn-xgb', sdkName],
    ['a default name from base_job_name churn-xgb- (double dash)', 'churn-xgb--2026-11-25-09-12-03-123'],
  ])('R1 and R7: %s', async (_what, name) => {
    sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [jobSummary(name, 'Completed', '2026-11-25T09:12:03Z')] });
    sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: name }).resolves(referenceJob({}, name));
    s3.on(HeadObjectCommand, { Key: `churn/output/${name}/output/model.tar.gz` }).resolves({ ContentLength: 1 });
    expect((await checkRequirement(lab, 'R1')).status).toBe('pass');
    expect((await checkRequirement(lab, 'R7')).status).toBe('pass');
  });

  test('R7: an S3OutputPath without its final slash (the artefact is still under churn/output/)', async () => {
    givenJob({ OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/churn/output` } });
    expect((await checkRequirement(lab, 'R7')).status).toBe('pass');
  });

  test('R4: the only allowed instance type is ml.m5.large, as the README says; ml.m5.xlarge fails', async () => {
    givenJob({ ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 5 } });
    expect((await checkRequirement(lab, 'R4')).status).toBe('fail');
  });

  test('every requirement asks something of the learner: the API defaults of a job with the lab\'s name and data fail R3 to R6', async () => {
    // CreateTrainingJob with only what it requires: no spot, a day of runtime, no content type,
    // no hyperparameters (so no objective, no metric, no validation:auc).
    givenJob({
      HyperParameters: {},
      EnableManagedSpotTraining: false,
      StoppingCondition: { MaxRuntimeInSeconds: 86_400 },
      InputDataConfig: [{ ...channels[0]!, ContentType: undefined }, { ...channels[1]!, ContentType: undefined }],
      FinalMetricDataList: [{ MetricName: 'train:rmse', Value: 0.25, Timestamp: new Date('2026-11-25T09:14:51Z') }],
    });
    for (const id of ['R3', 'R4', 'R5', 'R6']) expect([id, (await checkRequirement(lab, id)).status]).toEqual([id, 'fail']);
  });
});

test('R7 is an error, not a fail, when a Completed job reports no artefact location (could not see enough)', async () => {
  givenJob({ ModelArtifacts: undefined });
  const r = await checkRequirement(lab, 'R7');
  expect(r.status).toBe('error');
  expect(r.findings[0]).toMatch(/reports no ModelArtifacts\.S3ModelArtifacts/);
});
