import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeTrainingJobCommand,
  ListTrainingJobsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { lab } from '../../../labs/serverless-endpoint/lab';
import { referenceEndpointConfig as solutionConfig, referenceModel as solutionModel } from '../../../labs/serverless-endpoint/solution';
import { xgboostImageUri } from '../../../labs/xgboost-builtin/solution';
import { awsError, checkRequirement, CloudFormationClient } from '../../support/check-harness';
import { ARTEFACT_KEY, ARTEFACT_URI, BUCKET, JOB_NAME, jobSummary, referenceJob, XGBOOST_IMAGE } from '../xgboost-builtin/fixtures';
import { metricData, referenceEndpoint, referenceEndpointConfig, referenceModel, SERVERLESS_ROLE_ARN } from './fixtures';

const sagemaker = mockClient(SageMakerClient);
const cloudwatch = mockClient(CloudWatchClient);
const s3 = mockClient(S3Client);
const cfn = mockClient(CloudFormationClient);

const OLDER_JOB = 'churn-xgb-20261125-0851';

beforeEach(() => {
  sagemaker.reset();
  cloudwatch.reset();
  s3.reset();
  cfn.reset();
  sagemaker.on(ListTrainingJobsCommand).resolves({
    TrainingJobSummaries: [jobSummary(JOB_NAME, 'Completed', '2026-11-25T09:12:03Z'), jobSummary(OLDER_JOB, 'Completed', '2026-11-25T08:51:40Z')],
  });
  sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: JOB_NAME }).resolves(referenceJob());
  sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: OLDER_JOB }).resolves(referenceJob({}, OLDER_JOB));
  sagemaker.on(DescribeModelCommand, { ModelName: 'churn-serverless-model' }).resolves(referenceModel());
  sagemaker.on(DescribeEndpointConfigCommand, { EndpointConfigName: 'churn-serverless-config' }).resolves(referenceEndpointConfig());
  sagemaker.on(DescribeEndpointCommand, { EndpointName: 'churn-serverless' }).resolves(referenceEndpoint());
  s3.on(HeadObjectCommand, { Bucket: BUCKET, Key: ARTEFACT_KEY }).resolves({ ContentLength: 48_213 });
  cloudwatch.on(GetMetricDataCommand).resolves(metricData());
});

test('the reference state passes every requirement, and no lab stack output is needed', async () => {
  for (const r of lab.requirements) {
    const result = await checkRequirement(lab, r.id);
    expect([r.id, result.status]).toEqual([r.id, 'pass']);
  }
  expect(cfn.calls()).toHaveLength(0);
});

test('the reference solution creates exactly the state the fixtures describe', () => {
  const model = solutionModel({ region: 'us-east-1', roleArn: SERVERLESS_ROLE_ARN, modelDataUrl: ARTEFACT_URI });
  expect(model.PrimaryContainer).toEqual({ Image: XGBOOST_IMAGE, ModelDataUrl: ARTEFACT_URI });
  expect(solutionConfig().ProductionVariants).toEqual([
    expect.objectContaining({ ModelName: 'churn-serverless-model', ServerlessConfig: referenceEndpointConfig().ProductionVariants![0]!.ServerlessConfig }),
  ]);
});

describe('R1 the model', () => {
  test('passes when it serves an older Completed job, and says which', async () => {
    const older = `s3://${BUCKET}/churn/output/${OLDER_JOB}/output/model.tar.gz`;
    sagemaker.on(DescribeModelCommand).resolves(referenceModel({ PrimaryContainer: { Image: XGBOOST_IMAGE, ModelDataUrl: older } }));
    s3.on(HeadObjectCommand, { Key: `churn/output/${OLDER_JOB}/output/model.tar.gz` }).resolves({ ContentLength: 1 });
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('pass');
    expect(r.findings[0]).toContain(OLDER_JOB);
  });

  test('fails when the model does not exist (SageMaker answers ValidationException)', async () => {
    sagemaker.on(DescribeModelCommand).rejects(awsError('ValidationException', 'Could not find model "churn-serverless-model".', 400));
    expect((await checkRequirement(lab, 'R1')).findings[0]).toMatch(/No model named churn-serverless-model/);
  });

  test('fails on an artefact no churn-xgb- job produced, and explains why it matters', async () => {
    sagemaker.on(DescribeModelCommand).resolves(referenceModel({ PrimaryContainer: { Image: XGBOOST_IMAGE, ModelDataUrl: `s3://${BUCKET}/somewhere/model.tar.gz` } }));
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/not the artefact of any Completed 'churn-xgb-\*' training job; .*what is served is what was validated/);
  });

  test('fails when the image is not the one that trained the model', async () => {
    sagemaker.on(DescribeModelCommand).resolves(referenceModel({ PrimaryContainer: { Image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3', ModelDataUrl: ARTEFACT_URI } }));
    expect((await checkRequirement(lab, 'R1')).findings[0]).toMatch(/repository 'sagemaker-scikit-learn'.*cannot read model\.tar\.gz/);
  });

  test('fails when the artefact was deleted, naming the cold start', async () => {
    s3.on(HeadObjectCommand).rejects(awsError('NotFound', 'Not Found', 404));
    expect((await checkRequirement(lab, 'R1')).findings[0]).toMatch(/no longer exists: .*cold start/);
  });

  test('is an error when DescribeModel is denied', async () => {
    sagemaker.on(DescribeModelCommand).rejects(awsError('AccessDeniedException', 'denied', 400));
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/sagemaker:DescribeModel/);
  });
});

describe('R2 the endpoint configuration', () => {
  test('fails on an instance-based variant and says what it costs', async () => {
    sagemaker.on(DescribeEndpointConfigCommand).resolves({
      ...referenceEndpointConfig(),
      ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'churn-serverless-model', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }],
    });
    expect((await checkRequirement(lab, 'R2')).findings[0]).toMatch(/instance-based \(ml\.m5\.large x 1\): it bills every hour/);
  });

  test('fails above the memory and concurrency limits, and on provisioned concurrency', async () => {
    sagemaker.on(DescribeEndpointConfigCommand).resolves(referenceEndpointConfig({ MemorySizeInMB: 6144, MaxConcurrency: 50, ProvisionedConcurrency: 1 }));
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      expect.stringMatching(/MemorySizeInMB is 6144; the lab allows 1024 or 2048/),
      expect.stringMatching(/MaxConcurrency is 50; the lab allows 1 to 2/),
      expect.stringMatching(/ProvisionedConcurrency is 1: .*billed while idle/),
    ]);
  });

  test('fails when the variant serves another model', async () => {
    sagemaker.on(DescribeEndpointConfigCommand).resolves({
      ...referenceEndpointConfig(),
      ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'xgboost-2026-11-25', ServerlessConfig: { MemorySizeInMB: 1024, MaxConcurrency: 1 } }],
    });
    expect((await checkRequirement(lab, 'R2')).findings[0]).toMatch(/serves model xgboost-2026-11-25; it must serve churn-serverless-model/);
  });

  test('fails when the configuration is missing', async () => {
    sagemaker.on(DescribeEndpointConfigCommand).rejects(awsError('ValidationException', 'Could not find endpoint configuration', 400));
    expect((await checkRequirement(lab, 'R2')).status).toBe('fail');
  });

  test('is an error on throttling', async () => {
    sagemaker.on(DescribeEndpointConfigCommand).rejects(awsError('ThrottlingException', 'Rate exceeded', 400));
    expect((await checkRequirement(lab, 'R2')).status).toBe('error');
  });
});

describe('R3 the endpoint', () => {
  test('fails while Creating, and says to check again', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(referenceEndpoint({ EndpointStatus: 'Creating' }));
    expect((await checkRequirement(lab, 'R3')).findings[0]).toMatch(/is Creating\. Run the check again/);
  });

  test('fails with the failure reason when the endpoint Failed', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(
      referenceEndpoint({ EndpointStatus: 'Failed', FailureReason: 'Failed to download model data (bucket: mllab-..., key: churn/output/...): Access Denied.' }),
    );
    expect((await checkRequirement(lab, 'R3')).findings[0]).toMatch(/is Failed\. Failure reason: Failed to download model data/);
  });

  test('fails when the endpoint uses another configuration', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves(referenceEndpoint({ EndpointConfigName: 'churn-realtime-config' }));
    expect((await checkRequirement(lab, 'R3')).findings[0]).toMatch(/uses endpoint configuration churn-realtime-config/);
  });

  test('is an error when SageMaker fails', async () => {
    sagemaker.on(DescribeEndpointCommand).rejects(awsError('InternalFailure', 'internal', 500));
    expect((await checkRequirement(lab, 'R3')).status).toBe('error');
  });
});

describe('R4 traffic from CloudWatch', () => {
  test('asks AWS/SageMaker for the three invocation metrics with the endpoint and variant dimensions', async () => {
    await checkRequirement(lab, 'R4');
    const dims = [
      { Name: 'EndpointName', Value: 'churn-serverless' },
      { Name: 'VariantName', Value: 'AllTraffic' },
    ];
    expect(cloudwatch).toHaveReceivedCommandWith(GetMetricDataCommand, {
      MetricDataQueries: ['Invocations', 'Invocation4XXErrors', 'Invocation5XXErrors'].map((MetricName) =>
        expect.objectContaining({ MetricStat: expect.objectContaining({ Metric: { Namespace: 'AWS/SageMaker', MetricName, Dimensions: dims }, Stat: 'Sum' }) }),
      ),
    });
    const input = cloudwatch.commandCalls(GetMetricDataCommand)[0]!.args[0].input;
    expect(input.EndTime!.getTime() - input.StartTime!.getTime()).toBe(7 * 86_400_000);
  });

  test('fails when most requests were refused, and names the content type', async () => {
    cloudwatch.on(GetMetricDataCommand).resolves(metricData([25], [20]));
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('fail');
    expect(r.findings[0]).toMatch(/25 invocation\(s\).*20 with a 4XX.*5 served; the scenario asks for at least 10/);
    expect(r.findings[1]).toMatch(/ContentType text\/csv .* without the label/);
  });

  test('fails when there was no traffic at all', async () => {
    cloudwatch.on(GetMetricDataCommand).resolves(metricData([], [], []));
    expect((await checkRequirement(lab, 'R4')).findings).toEqual([expect.stringMatching(/^0 invocation\(s\).*0 served/)]);
  });

  test('is an error when CloudWatch is denied', async () => {
    cloudwatch.on(GetMetricDataCommand).rejects(awsError('AccessDenied', 'User is not authorized to perform cloudwatch:GetMetricData', 403));
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatch(/cloudwatch:GetMetricData/);
  });
});

describe('issue 11 findings', () => {
  /** HeadObject refused as S3 refuses a HEAD: HTTP 403, no body, so no error code (the SDK names it 'Unknown'). */
  const bare403 = () => Object.assign(new Error('UnknownError'), { name: 'Unknown', $fault: 'client', $metadata: { httpStatusCode: 403, attempts: 1 } });

  test('finding 13: a bare 403 on HeadObject makes R1 an error that says "missing or unreadable" and what to check', async () => {
    s3.on(HeadObjectCommand).rejects(bare403());
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('error');
    expect(r.findings).toEqual([expect.stringMatching(new RegExp(`^${ARTEFACT_URI} is missing or unreadable: S3 refused HeadObject with HTTP 403`))]);
    expect(r.findings[0]).toMatch(/s3:GetObject on it and s3:ListBucket on s3:\/\//);
  });

  test('finding 13: a fail established elsewhere stands beside an unreadable artefact', async () => {
    sagemaker.on(DescribeModelCommand).resolves(referenceModel({ PrimaryContainer: { Image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.5-1', ModelDataUrl: ARTEFACT_URI } }));
    s3.on(HeadObjectCommand).rejects(bare403());
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([expect.stringMatching(/XGBoost '1\.5-1'/), expect.stringMatching(/is missing or unreadable/)]);
  });
});

// Valid alternatives a competent learner could produce, per requirement: each passes, as the README says.
describe('valid alternatives pass', () => {
  test.each([
    ['the image of another region, same repository and tag', { PrimaryContainer: { Image: xgboostImageUri('eu-west-1'), ModelDataUrl: ARTEFACT_URI } }],
    ['the one container given in Containers rather than PrimaryContainer', { PrimaryContainer: undefined, Containers: [{ Image: XGBOOST_IMAGE, ModelDataUrl: ARTEFACT_URI }] }],
    ['model data given as ModelDataSource.S3DataSource rather than ModelDataUrl', { PrimaryContainer: { Image: XGBOOST_IMAGE, ModelDataSource: { S3DataSource: { S3Uri: ARTEFACT_URI, S3DataType: 'S3Object' as const, CompressionType: 'Gzip' as const } } } }],
  ])('R1: %s', async (_what, overrides) => {
    sagemaker.on(DescribeModelCommand).resolves(referenceModel(overrides));
    expect((await checkRequirement(lab, 'R1')).status).toBe('pass');
  });

  test.each([
    [{ MemorySizeInMB: 1024, MaxConcurrency: 1 }],
    [{ MemorySizeInMB: 2048, MaxConcurrency: 1 }],
    [{ MemorySizeInMB: 1024, MaxConcurrency: 2 }],
  ])('R2: serverless %o', async (serverless) => {
    sagemaker.on(DescribeEndpointConfigCommand).resolves(referenceEndpointConfig(serverless));
    expect((await checkRequirement(lab, 'R2')).status).toBe('pass');
  });

  test('R2 and R4: a variant named other than AllTraffic (the SDK\'s default name)', async () => {
    const config = referenceEndpointConfig();
    sagemaker.on(DescribeEndpointConfigCommand).resolves({ ...config, ProductionVariants: [{ ...config.ProductionVariants![0]!, VariantName: 'churn-variant' }] });
    const endpoint = referenceEndpoint();
    sagemaker.on(DescribeEndpointCommand).resolves({ ...endpoint, ProductionVariants: [{ ...endpoint.ProductionVariants![0]!, VariantName: 'churn-variant' }] });
    expect((await checkRequirement(lab, 'R2')).status).toBe('pass');
    expect((await checkRequirement(lab, 'R4')).status).toBe('pass');
    expect(cloudwatch).toHaveReceivedCommandWith(GetMetricDataCommand, {
      MetricDataQueries: expect.arrayContaining([expect.objectContaining({ MetricStat: expect.objectContaining({ Metric: expect.objectContaining({ Dimensions: [{ Name: 'EndpointName', Value: 'churn-serverless' }, { Name: 'VariantName', Value: 'churn-variant' }] }) }) })]),
    });
  });

  test('R4: exactly ten answered invocations, spread over several hours', async () => {
    cloudwatch.on(GetMetricDataCommand).resolves(metricData([4, 3, 3], [0, 0, 0], [0, 0, 0]));
    expect((await checkRequirement(lab, 'R4')).status).toBe('pass');
  });
});
