import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeTrainingJobCommand, ListTrainingJobsCommand, SageMakerClient, type DescribeTrainingJobResponse } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { DECISION_KEY, lab } from '../../../labs/vision-algorithms/lab';
import { awsError, checkRequirement, CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { BUCKET, decisionsJson, JOB_NAME, jobSummary, referenceJob } from './fixtures';

const sagemaker = mockClient(SageMakerClient);
const s3 = mockClient(S3Client);
const cfn = mockClient(CloudFormationClient);

/** An S3 GetObject answer: the check reads the body with the SDK's transformToString. */
const body = (text: string) => ({ Body: { transformToString: async () => text } as any });
const record = (changes: Record<string, unknown>) => s3.on(GetObjectCommand, { Key: DECISION_KEY }).resolves(body(decisionsJson(changes)));
const job = (changes: Partial<DescribeTrainingJobResponse>) => sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: JOB_NAME }).resolves(referenceJob(changes));
const reference = referenceJob();
const channels = (change: (c: NonNullable<DescribeTrainingJobResponse['InputDataConfig']>[number]) => object) => ({ InputDataConfig: reference.InputDataConfig!.map((c) => ({ ...c, ...change(c) })) });

beforeEach(() => {
  for (const m of [sagemaker, s3, cfn]) m.reset();
  mockStackOutputs(cfn, lab.id, { LabBucketName: BUCKET });
  s3.on(GetObjectCommand, { Bucket: BUCKET, Key: DECISION_KEY }).resolves(body(decisionsJson()));
  sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [jobSummary(JOB_NAME, 'Completed', '2026-12-01T02:10:44Z'), jobSummary('shelf-ic-old', 'Failed', '2026-12-01T01:10:00Z')] });
  sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: JOB_NAME }).resolves(reference);
});

test('the reference state passes every requirement', async () => {
  for (const r of lab.requirements) {
    const result = await checkRequirement(lab, r.id);
    expect([r.id, result.status]).toEqual([r.id, 'pass']);
  }
});

describe('R1 the decision record', () => {
  test('fails on each wrong choice, saying why that algorithm does not answer the problem', async () => {
    record({ 'product-in-photo': 'object detection', 'shelf-positions': 'image classification', 'damaged-pixels': 'object-detection' });
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      expect.stringMatching(/^product-in-photo .*needs a bounding box drawn around each product/),
      expect.stringMatching(/^shelf-positions .*no location: it cannot say where a product stands or how many/),
      expect.stringMatching(/^damaged-pixels .*draws rectangles/),
    ]);
  });

  test('fails on semantic segmentation for the product photo and for the shelf (instances merge)', async () => {
    record({ 'product-in-photo': 'semantic_segmentation', 'shelf-positions': 'SS' });
    const r = await checkRequirement(lab, 'R1');
    expect(r.findings).toEqual([expect.stringMatching(/one label per photo, and it needs a hand-drawn mask/), expect.stringMatching(/two boxes of the same product side by side become one region/)]);
  });

  test.each([
    ['the documentation\'s names with their framework', { 'product-in-photo': 'Image Classification - TensorFlow', 'shelf-positions': 'Object Detection - MXNet', 'damaged-pixels': 'Semantic Segmentation - MXNet' }],
    ['the ECR repository names', { 'product-in-photo': 'image-classification', 'shelf-positions': 'object-detection', 'damaged-pixels': 'semantic-segmentation' }],
    ['upper case with underscores, and short forms', { 'product-in-photo': 'IMAGE_CLASSIFICATION', 'shelf-positions': 'od', 'damaged-pixels': 'SS' }],
    ['objects with an algorithm field and reasons', { 'product-in-photo': { algorithm: 'image classification', why: 'one product per photo' }, 'shelf-positions': { algorithm: 'object detection' }, 'damaged-pixels': { algorithm: 'semantic segmentation' } }],
  ])('passes with %s', async (_name, changes) => {
    record(changes);
    expect((await checkRequirement(lab, 'R1')).status).toBe('pass');
  });

  test('fails on a missing key, an unknown algorithm, invalid JSON and a missing record', async () => {
    s3.on(GetObjectCommand, { Key: DECISION_KEY }).resolves(body(JSON.stringify({ 'product-in-photo': 'image classification', 'shelf-positions': 'xgboost' })));
    expect((await checkRequirement(lab, 'R1')).findings).toEqual([expect.stringMatching(/'xgboost' is not one of the built-in vision algorithms/), expect.stringMatching(/^damaged-pixels .*no algorithm stated/)]);
    s3.on(GetObjectCommand, { Key: DECISION_KEY }).resolves(body('{"product-in-photo": '));
    expect((await checkRequirement(lab, 'R1')).findings[0]).toMatch(/is not valid JSON/);
    s3.on(GetObjectCommand, { Key: DECISION_KEY }).rejects(awsError('NoSuchKey', 'The specified key does not exist.', 404));
    const r = await checkRequirement(lab, 'R1');
    expect([r.status, r.findings[0]]).toEqual(['fail', expect.stringMatching(/There is no decision record at s3:\/\/mllab-vision-algorithms-labbucket-3k5m7n9p1q2r\/decisions\/vision-algorithms\.json/)]);
  });

  test('S3 AccessDenied is an error, never a fail', async () => {
    s3.on(GetObjectCommand, { Key: DECISION_KEY }).rejects(awsError('AccessDenied', 'Access Denied', 403));
    expect((await checkRequirement(lab, 'R1')).status).toBe('error');
  });

  test('a GetObject answer without a body is an error (not enough seen)', async () => {
    s3.on(GetObjectCommand, { Key: DECISION_KEY }).resolves({});
    expect((await checkRequirement(lab, 'R1')).status).toBe('error');
  });
});

describe('R2 the training job', () => {
  test('passes with another region\'s registry and a digest-pinned image', async () => {
    job({ AlgorithmSpecification: { TrainingImage: '433757028032.dkr.ecr.us-west-2.amazonaws.com/image-classification@sha256:0f1e2d3c', TrainingInputMode: 'File' } });
    expect((await checkRequirement(lab, 'R2')).status).toBe('pass');
  });

  test.each([
    ['object-detection', /bounding box and class per object/],
    ['semantic-segmentation', /PNG mask labelling every pixel/],
    ['pytorch-training', /framework or custom container/],
  ])('fails on repository %s, teaching what it trains from', async (repository, finding) => {
    job({ AlgorithmSpecification: { TrainingImage: `811284229777.dkr.ecr.us-east-1.amazonaws.com/${repository}:1`, TrainingInputMode: 'File' } });
    const r = await checkRequirement(lab, 'R2');
    expect([r.status, r.findings.join(' ')]).toEqual(['fail', expect.stringMatching(finding)]);
  });

  test('fails on a CPU instance (the algorithm trains on GPU only), a bigger GPU, two instances, on-demand and a day of runtime', async () => {
    job({ ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 5 } });
    expect((await checkRequirement(lab, 'R2')).findings).toEqual([expect.stringMatching(/ran on ml\.m5\.xlarge.*trains on GPU instances only \(P2, P3, G4dn, G5\)/)]);
    job({ ResourceConfig: { InstanceType: 'ml.p3.2xlarge', InstanceCount: 2, VolumeSizeInGB: 5 }, EnableManagedSpotTraining: false, StoppingCondition: { MaxRuntimeInSeconds: 86400 } });
    const r = await checkRequirement(lab, 'R2');
    expect(r.findings).toEqual([
      expect.stringMatching(/ml\.g4dn\.xlarge is the cheapest GPU type/),
      expect.stringMatching(/used 2 instances/),
      expect.stringMatching(/on-demand capacity; managed spot training/),
      expect.stringMatching(/MaxRuntimeInSeconds is 86400/),
    ]);
  });

  test('fails when no job has Completed, with the newest job\'s failure reason; and when there is no job at all', async () => {
    sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [jobSummary(JOB_NAME, 'Failed', '2026-12-01T02:10:44Z')] });
    job({ TrainingJobStatus: 'Failed', FailureReason: 'ClientError: Data download failed: image/png channel train_lst holds no images' });
    const r = await checkRequirement(lab, 'R2');
    expect([r.status, r.findings[0]]).toEqual(['fail', expect.stringMatching(/newest, shelf-ic-2026-12-01-02-10-44-512, is Failed\. Failure reason: ClientError/)]);
    sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [] });
    expect((await checkRequirement(lab, 'R2')).findings[0]).toMatch(/No training job whose name starts with 'shelf-ic-'/);
  });

  test('a job reporting neither an image nor an algorithm resource is an error (not enough seen)', async () => {
    job({ AlgorithmSpecification: { TrainingInputMode: 'File' } });
    expect((await checkRequirement(lab, 'R2')).status).toBe('error');
  });

  test('a throttled ListTrainingJobs is an error', async () => {
    sagemaker.on(ListTrainingJobsCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    expect((await checkRequirement(lab, 'R2')).status).toBe('error');
  });
});

describe('R3 channels, content types and input mode', () => {
  test.each([
    ['image/png on every channel', channels(() => ({ ContentType: 'image/png' }))],
    ['prefixes without their final slash', channels((c) => ({ DataSource: { S3DataSource: { ...c.DataSource!.S3DataSource!, S3Uri: c.DataSource!.S3DataSource!.S3Uri!.replace(/\/$/, '') } } }))],
    ['the .lst files named directly, and File set per channel', channels((c) => ({ InputMode: 'File', DataSource: { S3DataSource: { ...c.DataSource!.S3DataSource!, S3Uri: c.ChannelName!.endsWith('_lst') ? `${c.DataSource!.S3DataSource!.S3Uri}${c.ChannelName!.replace('_lst', '')}.lst` : c.DataSource!.S3DataSource!.S3Uri } } }))],
    ['RecordIO packed from the photos (train and validation only)', { InputDataConfig: reference.InputDataConfig!.filter((c) => !c.ChannelName!.endsWith('_lst')).map((c) => ({ ...c, ContentType: 'application/x-recordio', DataSource: { S3DataSource: { ...c.DataSource!.S3DataSource!, S3Uri: `s3://${BUCKET}/shelf/rec/${c.ChannelName}.rec` } } })) }],
  ])('passes with %s', async (_name, changes) => {
    job(changes);
    expect((await checkRequirement(lab, 'R3')).status).toBe('pass');
  });

  test('fails on Pipe mode with .lst files, FastFile, a RecordIO content type on image channels and a missing content type', async () => {
    job({ AlgorithmSpecification: { ...reference.AlgorithmSpecification!, TrainingInputMode: 'Pipe' } });
    expect((await checkRequirement(lab, 'R3')).findings[0]).toMatch(/'train' channel streams in Pipe mode; Pipe mode takes RecordIO or an augmented manifest/);
    job(channels((c) => (c.ChannelName === 'validation' ? { InputMode: 'FastFile' } : {})));
    expect((await checkRequirement(lab, 'R3')).findings).toEqual([expect.stringMatching(/'validation' channel uses FastFile input; .* use File/)]);
    job(channels((c) => (c.ChannelName === 'train_lst' ? { ContentType: 'application/x-recordio' } : c.ChannelName === 'validation_lst' ? { ContentType: undefined } : {})));
    expect((await checkRequirement(lab, 'R3')).findings).toEqual([
      expect.stringMatching(/'train_lst' channel's ContentType is application\/x-recordio.*for \.rec files packed with im2rec/),
      expect.stringMatching(/'validation_lst' channel has no ContentType/),
    ]);
  });

  test('fails on a missing lst channel and a validation channel reading the training photos', async () => {
    job({
      InputDataConfig: reference.InputDataConfig!.filter((c) => c.ChannelName !== 'train_lst').map((c) => (c.ChannelName === 'validation' ? { ...c, DataSource: { S3DataSource: { ...c.DataSource!.S3DataSource!, S3Uri: `s3://${BUCKET}/shelf/train/` } } } : c)),
    });
    expect((await checkRequirement(lab, 'R3')).findings).toEqual([
      expect.stringMatching(/'validation' channel reads s3:\/\/.*\/shelf\/train\/, the train data: a model scored on the photos it trained on/),
      expect.stringMatching(/no 'train_lst' channel/),
    ]);
  });

  test('fails on RecordIO outside the lab bucket', async () => {
    job({ InputDataConfig: reference.InputDataConfig!.filter((c) => !c.ChannelName!.endsWith('_lst')).map((c) => ({ ...c, ContentType: 'application/x-recordio', DataSource: { S3DataSource: { ...c.DataSource!.S3DataSource!, S3Uri: `s3://someone-elses-bucket/${c.ChannelName}.rec` } } })) });
    expect((await checkRequirement(lab, 'R3')).findings[0]).toMatch(/outside the lab bucket/);
  });

  test('a job reporting no channels is an error (not enough seen)', async () => {
    job({ InputDataConfig: undefined });
    expect((await checkRequirement(lab, 'R3')).status).toBe('error');
  });

  test('an API error on DescribeTrainingJob is an error', async () => {
    sagemaker.on(DescribeTrainingJobCommand).rejects(awsError('InternalFailure', 'We encountered an internal error', 500));
    expect((await checkRequirement(lab, 'R3')).status).toBe('error');
  });
});

describe('R4 required hyperparameters', () => {
  test('passes with JSON-quoted values, as the SageMaker Python SDK sends them, and 3.0', async () => {
    job({ HyperParameters: { ...reference.HyperParameters, num_classes: '"3.0"', num_training_samples: '"30"' } });
    expect((await checkRequirement(lab, 'R4')).status).toBe('pass');
  });

  test('fails on counting the validation photos too, and on a class too few', async () => {
    job({ HyperParameters: { ...reference.HyperParameters, num_classes: '2', num_training_samples: '42' } });
    expect((await checkRequirement(lab, 'R4')).findings).toEqual([
      expect.stringMatching(/num_classes is 2: .*a product without an output can never be predicted/),
      expect.stringMatching(/num_training_samples is 42, but train\.lst lists 30 photos/),
    ]);
  });

  test('fails on too many classes, explaining the unused outputs', async () => {
    job({ HyperParameters: { ...reference.HyperParameters, num_classes: '1000' } });
    expect((await checkRequirement(lab, 'R4')).findings).toEqual([expect.stringMatching(/num_classes is 1000: .*products that do not exist/)]);
  });

  test('a job reporting no hyperparameters is an error (not enough seen)', async () => {
    job({ HyperParameters: undefined });
    expect((await checkRequirement(lab, 'R4')).status).toBe('error');
  });

  test('AccessDenied on DescribeTrainingJob is an error', async () => {
    sagemaker.on(DescribeTrainingJobCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: sagemaker:DescribeTrainingJob', 403));
    expect((await checkRequirement(lab, 'R4')).status).toBe('error');
  });
});
