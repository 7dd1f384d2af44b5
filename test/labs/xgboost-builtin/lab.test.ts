import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeTrainingJobCommand, ListTrainingJobsCommand, SageMakerClient, type DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { lab, MIN_VALIDATION_AUC } from '../../../labs/xgboost-builtin/lab';
import { referenceTrainingJob, xgboostImageUri } from '../../../labs/xgboost-builtin/solution';
import { parseImageUri } from '../../../lib/check/sagemaker';
import { awsError, checkRequirement, CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
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
