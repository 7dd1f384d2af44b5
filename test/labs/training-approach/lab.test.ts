import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeTrainingJobCommand, ListTrainingJobsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { lab } from '../../../labs/training-approach/lab';
import { awsError, checkRequirement, CloudFormationClient, mockStackOutputs } from '../../support/check-harness';
import { ARTEFACT_KEY, BUCKET, DECISION_KEY, decisionsJson, JOB_NAME, jobSummary, OLDER_JOB, referenceJob, sdkHyperparameters, SOURCE_KEY, SOURCE_URI } from './fixtures';

const sagemaker = mockClient(SageMakerClient);
const s3 = mockClient(S3Client);
const cfn = mockClient(CloudFormationClient);

/** An S3 GetObject answer: the check reads the body with the SDK's transformToString. */
const body = (text: string) => ({ Body: { transformToString: async () => text } as any });
const describedAs = (overrides: Parameters<typeof referenceJob>[0]) => sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: JOB_NAME }).resolves(referenceJob(overrides));

beforeEach(() => {
  for (const m of [sagemaker, s3, cfn]) m.reset();
  mockStackOutputs(cfn, lab.id, { LabBucketName: BUCKET });
  s3.on(GetObjectCommand, { Bucket: BUCKET, Key: DECISION_KEY }).resolves(body(decisionsJson()));
  s3.on(HeadObjectCommand, { Bucket: BUCKET, Key: SOURCE_KEY }).resolves({ ContentLength: 1187 });
  s3.on(HeadObjectCommand, { Bucket: BUCKET, Key: ARTEFACT_KEY }).resolves({ ContentLength: 402113 });
  sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [jobSummary(JOB_NAME, 'Completed', '2026-12-01T02:10:44Z'), jobSummary(OLDER_JOB, 'Failed', '2026-12-01T01:52:03Z')] });
  sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: JOB_NAME }).resolves(referenceJob());
});

test('the reference state passes every requirement', async () => {
  for (const r of lab.requirements) {
    const result = await checkRequirement(lab, r.id);
    expect([r.id, result.status, result.findings]).toEqual([r.id, 'pass', expect.any(Array)]);
  }
});

describe('R1 the decision record', () => {
  test('fails on each wrong choice with why it does not fit the team', async () => {
    s3.on(GetObjectCommand, { Key: DECISION_KEY }).resolves(body(decisionsJson({ 'store-demand': 'autopilot', 'claims-triage': 'canvas', 'fraud-xgboost': 'script-mode', 'ticket-escalation': 'custom-container', 'geo-risk': 'script-mode' })));
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      expect.stringMatching(/^store-demand .*autopilot does not fit: .*driven by an API.*point-and-click workspace/),
      expect.stringMatching(/^claims-triage .*canvas does not fit: .*no-code workspace for analysts/),
      expect.stringMatching(/^fraud-xgboost .*script-mode does not fit: .*built-in XGBoost already provides/),
      expect.stringMatching(/^ticket-escalation .*custom-container does not fit: .*already runs a training script as it is/),
      expect.stringMatching(/^geo-risk .*script-mode does not fit: .*hardened, scanned base image/),
    ]);
  });

  test('fails on Autopilot for the known algorithm: every candidate is a billed training job', async () => {
    s3.on(GetObjectCommand, { Key: DECISION_KEY }).resolves(body(decisionsJson({ 'fraud-xgboost': 'AutoML' })));
    expect((await checkRequirement(lab, 'R1')).findings).toEqual([expect.stringMatching(/fraud-xgboost .*autopilot does not fit: .*every candidate is a training job billed like any other/)]);
  });

  test.each([
    ['documented spellings in any case (Built-In Algorithm, Framework, BYOC, SageMaker Autopilot, SageMaker Canvas)', { 'fraud-xgboost': 'Built-In Algorithm', 'ticket-escalation': 'Framework', 'geo-risk': 'BYOC', 'claims-triage': 'SageMaker Autopilot', 'store-demand': 'SageMaker Canvas' }],
    ['underscores and spaces (framework_container, bring your own container)', { 'ticket-escalation': 'framework_container', 'geo-risk': 'bring your own container' }],
    ['an object with an approach field and reasons', { 'ticket-escalation': { approach: 'script mode', why: 'keeps the tested script' } }],
  ])('passes with %s', async (_, changes) => {
    s3.on(GetObjectCommand, { Key: DECISION_KEY }).resolves(body(decisionsJson(changes)));
    expect((await checkRequirement(lab, 'R1')).status).toBe('pass');
  });

  test('fails on a missing record, invalid JSON, an array, a missing key and an unknown approach', async () => {
    s3.on(GetObjectCommand, { Key: DECISION_KEY }).rejects(awsError('NoSuchKey', 'The specified key does not exist.', 404));
    expect((await checkRequirement(lab, 'R1')).findings).toEqual([expect.stringMatching(/^No decision record at s3:\/\/.*store-demand, claims-triage/)]);
    s3.on(GetObjectCommand, { Key: DECISION_KEY }).resolves(body('{ "store-demand": canvas }'));
    expect((await checkRequirement(lab, 'R1')).findings).toEqual([expect.stringMatching(/is not valid JSON/)]);
    s3.on(GetObjectCommand, { Key: DECISION_KEY }).resolves(body('["canvas"]'));
    expect((await checkRequirement(lab, 'R1')).findings).toEqual([expect.stringMatching(/must be one JSON object/)]);
    s3.on(GetObjectCommand, { Key: DECISION_KEY }).resolves(body(JSON.stringify({ ...JSON.parse(decisionsJson()), 'geo-risk': undefined, 'store-demand': 'spreadsheet' })));
    const r = await checkRequirement(lab, 'R1');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([expect.stringMatching(/^store-demand: 'spreadsheet' is not one of the five approaches/), expect.stringMatching(/^geo-risk .*no approach stated/)]);
  });

  test('is an error when S3 denies the read', async () => {
    s3.on(GetObjectCommand, { Key: DECISION_KEY }).rejects(awsError('AccessDenied', 'Access Denied', 403));
    expect((await checkRequirement(lab, 'R1')).status).toBe('error');
  });
});

describe('R2 a completed job', () => {
  test('fails with the failure reason and where the traceback is when no job has completed', async () => {
    sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [jobSummary(OLDER_JOB, 'Failed', '2026-12-01T01:52:03Z')] });
    sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: OLDER_JOB }).resolves(referenceJob({ TrainingJobStatus: 'Failed', FailureReason: "AlgorithmError: framework error: KeyError: 'escalated'" }, OLDER_JOB));
    const r = await checkRequirement(lab, 'R2');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([expect.stringMatching(/is Failed\. Failure reason: AlgorithmError.*Your script raised it: read the job's log stream/)]);
  });

  test('fails when no job has the prefix, naming it', async () => {
    sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [jobSummary('sagemaker-scikit-learn-2026-12-01-02-10-44-512', 'Completed', '2026-12-01T02:10:44Z')] });
    expect((await checkRequirement(lab, 'R2')).findings).toEqual([expect.stringMatching(/No training job whose name starts with 'tickets-sklearn-'/)]);
  });

  test('is an error when SageMaker throttles past retries', async () => {
    sagemaker.on(ListTrainingJobsCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    expect((await checkRequirement(lab, 'R2')).status).toBe('error');
  });
});

describe('R3 the scikit-learn framework image', () => {
  test.each([
    ['another region\'s registry (us-west-2)', '246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3'],
    ['the newest version 1.4-2', '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.4-2-cpu-py3'],
    ['the old 0.23-1 and a bare version tag', '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:0.23-1'],
  ])('passes with %s', async (_, image) => {
    describedAs({ AlgorithmSpecification: { TrainingImage: image, TrainingInputMode: 'File' } });
    expect((await checkRequirement(lab, 'R3')).status).toBe('pass');
  });

  test.each([
    ['the built-in XGBoost', '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1', /built-in algorithm 'sagemaker-xgboost': it runs AWS's training code .* ignores a script/],
    ['a custom image', `111122223333.dkr.ecr.us-east-1.amazonaws.com/tickets-train:latest`, /not 'sagemaker-scikit-learn'\. A custom image means a Dockerfile to build, scan and patch/],
    ['an unpublished version', '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:0.22-cpu-py3', /tag '0\.22-cpu-py3', which is not a scikit-learn version AWS publishes/],
    ['a digest', '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn@sha256:0123abcd', /by digest, so its version cannot be read/],
  ])('fails on %s', async (_, image, finding) => {
    describedAs({ AlgorithmSpecification: { TrainingImage: image, TrainingInputMode: 'File' } });
    const r = await checkRequirement(lab, 'R3');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([expect.stringMatching(finding)]);
  });
});

describe('R4 script mode', () => {
  test('passes with unquoted hyperparameters (CreateTrainingJob by hand) and reports the archive', async () => {
    describedAs({ HyperParameters: { sagemaker_program: 'train.py', sagemaker_submit_directory: SOURCE_URI } });
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('pass');
    expect(r.findings.join(' ')).toMatch(/ran train\.py from s3:\/\/.*sourcedir\.tar\.gz \(1187 bytes\)/);
  });

  test('fails without either hyperparameter: no script of yours ran', async () => {
    describedAs({ HyperParameters: { 'n-estimators': '200' } });
    expect((await checkRequirement(lab, 'R4')).findings).toEqual([expect.stringMatching(/neither sagemaker_program nor sagemaker_submit_directory, so no script of yours ran/)]);
  });

  test('fails on a program that is not a Python file and an archive outside the lab bucket', async () => {
    describedAs({ HyperParameters: { ...sdkHyperparameters(JOB_NAME, `s3://sagemaker-us-east-1-111122223333/${JOB_NAME}/source/sourcedir.tar.gz`), sagemaker_program: '"train.ipynb"' } });
    const r = await checkRequirement(lab, 'R4');
    expect(r.findings).toEqual([expect.stringMatching(/'train\.ipynb'; it names the entry point of a scikit-learn script, a Python file/), expect.stringMatching(/SDK's default sagemaker-<region>-<account>, outlives the lab/)]);
  });

  test('fails on a submit directory that is not a .tar.gz URI', async () => {
    describedAs({ HyperParameters: { sagemaker_program: '"train.py"', sagemaker_submit_directory: '"/opt/ml/code"' } });
    expect((await checkRequirement(lab, 'R4')).findings).toEqual([expect.stringMatching(/expects the s3:\/\/ URI of a \.tar\.gz/)]);
  });

  test('fails when the archive was deleted (404)', async () => {
    s3.on(HeadObjectCommand, { Key: SOURCE_KEY }).rejects(awsError('NotFound', 'Not Found', 404));
    expect((await checkRequirement(lab, 'R4')).findings).toEqual([expect.stringMatching(/no longer exists: .*which script trained the model/)]);
  });

  test('is an error, "missing or unreadable", on HeadObject\'s bare 403', async () => {
    s3.on(HeadObjectCommand, { Key: SOURCE_KEY }).rejects(awsError('Forbidden', 'Forbidden', 403));
    const r = await checkRequirement(lab, 'R4');
    expect(r.status).toBe('error');
    expect(r.findings.join(' ')).toMatch(/missing or unreadable/);
  });
});

describe('R5 instance, spot and data', () => {
  test('passes with the train channel pointing at the file itself', async () => {
    describedAs({ InputDataConfig: [{ ChannelName: 'train', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${BUCKET}/tickets/train/tickets.csv` } } }] });
    expect((await checkRequirement(lab, 'R5')).status).toBe('pass');
  });

  test('fails on a GPU instance, two instances, on-demand capacity and another data location', async () => {
    describedAs({
      ResourceConfig: { InstanceType: 'ml.g4dn.xlarge', InstanceCount: 2, VolumeSizeInGB: 30 },
      EnableManagedSpotTraining: false,
      InputDataConfig: [{ ChannelName: 'train', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${BUCKET}/churn/train` } } }],
    });
    const r = await checkRequirement(lab, 'R5');
    expect(r.status).toBe('fail');
    expect(r.findings).toEqual([
      expect.stringMatching(/ran on ml\.g4dn\.xlarge; .*scikit-learn images run on CPU only/),
      expect.stringMatching(/used 2 instances; scikit-learn trains on one machine/),
      expect.stringMatching(/on-demand capacity; managed spot training/),
      expect.stringMatching(/reads s3:\/\/.*\/churn\/train; the shipped tickets are at/),
    ]);
  });

  test('fails without a train channel, explaining SM_CHANNEL_TRAIN', async () => {
    describedAs({ InputDataConfig: [{ ChannelName: 'training', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${BUCKET}/tickets/train` } } }] });
    expect((await checkRequirement(lab, 'R5')).findings).toEqual([expect.stringMatching(/no 'train' channel; .*SM_CHANNEL_TRAIN/)]);
  });
});

describe('R6 the model artefact', () => {
  test('fails when the model went elsewhere, and when it was deleted', async () => {
    describedAs({ ModelArtifacts: { S3ModelArtifacts: `s3://sagemaker-us-east-1-111122223333/${JOB_NAME}/output/model.tar.gz` } });
    expect((await checkRequirement(lab, 'R6')).findings).toEqual([expect.stringMatching(/wrote its model to s3:\/\/sagemaker-us-east-1-.*output_path/)]);
    describedAs({});
    s3.on(HeadObjectCommand, { Key: ARTEFACT_KEY }).rejects(awsError('NotFound', 'Not Found', 404));
    expect((await checkRequirement(lab, 'R6')).findings).toEqual([expect.stringMatching(/does not exist, although .* Completed/)]);
  });

  test('is an error when a Completed job reports no artefact, or HeadObject answers a bare 403', async () => {
    describedAs({ ModelArtifacts: undefined });
    expect((await checkRequirement(lab, 'R6')).status).toBe('error');
    describedAs({});
    s3.on(HeadObjectCommand, { Key: ARTEFACT_KEY }).rejects(awsError('Forbidden', 'Forbidden', 403));
    expect((await checkRequirement(lab, 'R6')).status).toBe('error');
  });
});
