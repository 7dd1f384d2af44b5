import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeTrainingJobCommand, ListTrainingJobsCommand, SageMakerClient, type TrainingJobSummary } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { useEmulatorEnvironment } from '../../lib/emulators';
import { describeTrainingJob, headArtefact, hyperparameter, listTrainingJobsWithPrefix, parseImageUri, parseS3Uri, repositoryOf } from '../../lib/check/sagemaker';
import { CheckSession, requirementContext } from '../../lib/check/session';
import type { CheckContext } from '../../lib/check/types';
import type { LabManifest } from '../../lib/model';
import { awsError } from '../support/check-harness';

const sagemaker = mockClient(SageMakerClient);
let session: CheckSession;
let ctx: CheckContext;

beforeEach(() => {
  sagemaker.reset();
  session = new CheckSession({ region: 'us-east-1', maxAttempts: 1 });
  const lab = { id: 'sagemaker-helpers', requirements: [] } as unknown as LabManifest;
  ctx = requirementContext(session, lab, ['SageMaker:ListTrainingJobs', 'SageMaker:DescribeTrainingJob'], new AbortController().signal);
});
afterEach(() => session.destroy());

const summary = (name: string, created: string): TrainingJobSummary => ({
  TrainingJobName: name,
  TrainingJobArn: `arn:aws:sagemaker:us-east-1:111122223333:training-job/${name}`,
  CreationTime: new Date(created),
  TrainingJobStatus: 'Completed',
});

describe('listTrainingJobsWithPrefix', () => {
  test('asks for the newest jobs containing the prefix, 100 a page, and keeps only names that start with it', async () => {
    sagemaker.on(ListTrainingJobsCommand).resolves({
      TrainingJobSummaries: [summary('churn-xgb-2', '2026-11-25T10:00:00Z'), summary('old-churn-xgb-1', '2026-11-25T11:00:00Z'), summary('churn-xgb-1', '2026-11-24T10:00:00Z')],
    });
    const jobs = await listTrainingJobsWithPrefix(ctx, 'churn-xgb-');
    expect(jobs.map((j) => j.TrainingJobName)).toEqual(['churn-xgb-2', 'churn-xgb-1']);
    expect(sagemaker).toHaveReceivedCommandWith(ListTrainingJobsCommand, { NameContains: 'churn-xgb-', SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 100 });
    expect(sagemaker.commandCalls(ListTrainingJobsCommand)[0]!.args[0].input.NextToken).toBeUndefined();
  });

  test('follows NextToken and sorts the union newest first', async () => {
    sagemaker
      .on(ListTrainingJobsCommand)
      .resolvesOnce({ TrainingJobSummaries: [summary('algo-demand-a', '2026-11-20T00:00:00Z')], NextToken: 'page-2' })
      .resolves({ TrainingJobSummaries: [summary('algo-demand-b', '2026-11-21T00:00:00Z')] });
    const jobs = await listTrainingJobsWithPrefix(ctx, 'algo-demand-');
    expect(jobs.map((j) => j.TrainingJobName)).toEqual(['algo-demand-b', 'algo-demand-a']);
    expect(sagemaker).toHaveReceivedCommandWith(ListTrainingJobsCommand, { NameContains: 'algo-demand-', NextToken: 'page-2' });
    expect(sagemaker).toHaveReceivedCommandTimes(ListTrainingJobsCommand, 2);
  });

  test('stops after ten pages and, having seen no matching job while SageMaker offers more, reports an error instead of "no jobs"', async () => {
    let page = 0;
    sagemaker.on(ListTrainingJobsCommand).callsFake(() => ({ TrainingJobSummaries: [summary(`x-churn-xgb-${page}`, '2026-11-25T10:00:00Z')], NextToken: `token-${++page}` }));
    await expect(listTrainingJobsWithPrefix(ctx, 'churn-xgb-')).rejects.toMatchObject({ name: 'KnownError', message: expect.stringContaining('were not read') });
    expect(sagemaker).toHaveReceivedCommandTimes(ListTrainingJobsCommand, 10);
  });

  test('after ten pages with matching jobs in hand, returns them: the listing is newest first, so the newest are among them', async () => {
    let page = 0;
    sagemaker.on(ListTrainingJobsCommand).callsFake(() => ({ TrainingJobSummaries: page === 0 ? [summary('churn-xgb-9', '2026-11-25T10:00:00Z')] : [], NextToken: `token-${++page}` }));
    await expect(listTrainingJobsWithPrefix(ctx, 'churn-xgb-')).resolves.toMatchObject([{ TrainingJobName: 'churn-xgb-9' }]);
    expect(sagemaker).toHaveReceivedCommandTimes(ListTrainingJobsCommand, 10);
  });

  test('ten pages that end the listing with no match is a decided "no jobs"', async () => {
    let page = 0;
    sagemaker.on(ListTrainingJobsCommand).callsFake(() => ({ TrainingJobSummaries: [], ...(++page < 10 ? { NextToken: `token-${page}` } : {}) }));
    await expect(listTrainingJobsWithPrefix(ctx, 'churn-xgb-')).resolves.toEqual([]);
  });

  test('lets an API error through, for the runner to report as error', async () => {
    sagemaker.on(ListTrainingJobsCommand).rejects(awsError('AccessDeniedException', 'not authorized', 400));
    await expect(listTrainingJobsWithPrefix(ctx, 'churn-xgb-')).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });
});

test('describeTrainingJob describes the named job', async () => {
  sagemaker.on(DescribeTrainingJobCommand, { TrainingJobName: 'churn-xgb-1' }).resolves({ TrainingJobName: 'churn-xgb-1', TrainingJobStatus: 'Failed' } as never);
  await expect(describeTrainingJob(ctx, 'churn-xgb-1')).resolves.toMatchObject({ TrainingJobStatus: 'Failed' });
});

describe('parseImageUri and repositoryOf', () => {
  test.each([
    ['683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1', { registry: '683313688378.dkr.ecr.us-east-1.amazonaws.com', repository: 'sagemaker-xgboost', tag: '1.7-1' }],
    ['522234722520.dkr.ecr.us-east-1.amazonaws.com/forecasting-deepar@sha256:abc', { registry: '522234722520.dkr.ecr.us-east-1.amazonaws.com', repository: 'forecasting-deepar' }],
    ['111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/images/custom', { registry: '111122223333.dkr.ecr.eu-west-1.amazonaws.com', repository: 'team/images/custom' }],
    ['localhost:5000/team/xgb:2', { registry: 'localhost:5000', repository: 'team/xgb', tag: '2' }],
  ])('%s', (uri, expected) => {
    expect(parseImageUri(uri)).toEqual(expected);
    expect(repositoryOf(uri)).toBe(expected.repository);
  });

  test('a string without a registry part has no readable repository', () => {
    expect(parseImageUri('sagemaker-xgboost:1.7-1')).toBeUndefined();
    expect(parseImageUri('/sagemaker-xgboost')).toBeUndefined();
    expect(repositoryOf('sagemaker-xgboost:1.7-1')).toBeUndefined();
    expect(repositoryOf('registry.example.com/:1')).toBeUndefined();
    expect(repositoryOf(undefined)).toBeUndefined();
    expect(repositoryOf('')).toBeUndefined();
  });
});

test('hyperparameter reads plain and JSON-quoted values alike, and nothing for a missing key', () => {
  const job = { HyperParameters: { objective: '"binary:logistic"', eta: ' 0.1 ', mode: 'supervised', quote: '"' } };
  expect(hyperparameter(job, 'objective')).toBe('binary:logistic');
  expect(hyperparameter(job, 'eta')).toBe('0.1');
  expect(hyperparameter(job, 'mode')).toBe('supervised');
  expect(hyperparameter(job, 'quote')).toBe('"');
  expect(hyperparameter(job, 'num_round')).toBeUndefined();
  expect(hyperparameter({}, 'objective')).toBeUndefined();
});

test('parseS3Uri splits bucket and key, and refuses what is not an S3 URI', () => {
  expect(parseS3Uri('s3://lab-bucket/churn/output/job/output/model.tar.gz')).toEqual({ bucket: 'lab-bucket', key: 'churn/output/job/output/model.tar.gz' });
  expect(parseS3Uri('s3://lab-bucket/')).toEqual({ bucket: 'lab-bucket', key: '' });
  expect(parseS3Uri('s3://lab-bucket')).toEqual({ bucket: 'lab-bucket', key: '' });
  expect(parseS3Uri('https://lab-bucket.s3.amazonaws.com/key')).toBeUndefined();
  expect(parseS3Uri(undefined)).toBeUndefined();
});

// Finding 13 (issue 11): S3 answers HEAD without a body, so a refusal reaches the SDK as a bare
// 403; and a missing object is a 404 only for a caller that may also list the bucket.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html (Permissions)
describe('headArtefact, over the wire against a loopback server that answers as S3 does', () => {
  let server: Server;
  let restore: () => void;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const key = decodeURIComponent((req.url ?? '').split('?')[0]!.split('/').slice(2).join('/'));
      // What S3 answers a caller with s3:GetObject but no s3:ListBucket: 200 when the object
      // exists, a bodiless 403 when it does not; 'listed/' keys answer as with s3:ListBucket.
      if (key === 'churn/output/job/output/model.tar.gz') res.writeHead(200, { 'Content-Length': '2048', 'x-amz-request-id': 'R200' });
      else if (key.startsWith('listed/')) res.writeHead(404, { 'x-amz-request-id': 'R404' });
      else res.writeHead(403, { 'x-amz-request-id': 'R403' });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    restore = useEmulatorEnvironment({ s3: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  });
  afterAll(async () => {
    restore();
    await new Promise((resolve) => server.close(resolve));
  });

  const headCtx = () => requirementContext(session, { id: 'sagemaker-helpers', requirements: [] } as unknown as LabManifest, ['S3:HeadObject'], new AbortController().signal);

  test('an existing artefact is present, with its size', async () => {
    await expect(headArtefact(headCtx(), 's3://lab-bucket/churn/output/job/output/model.tar.gz')).resolves.toEqual({ state: 'present', bytes: 2048 });
  });

  test('a 404 (the caller may list the bucket) is missing', async () => {
    await expect(headArtefact(headCtx(), 's3://lab-bucket/listed/model.tar.gz')).resolves.toEqual({ state: 'missing' });
  });

  test('a bare 403 is missing-or-unreadable, and the finding says what to check', async () => {
    const head = await headArtefact(headCtx(), 's3://lab-bucket/churn/output/gone/output/model.tar.gz');
    expect(head.state).toBe('missing-or-unreadable');
    const finding = head.state === 'missing-or-unreadable' ? head.finding : '';
    expect(finding).toMatch(/^s3:\/\/lab-bucket\/churn\/output\/gone\/output\/model\.tar\.gz is missing or unreadable: S3 refused HeadObject with HTTP 403/);
    expect(finding).toMatch(/s3:GetObject on it and s3:ListBucket on s3:\/\/lab-bucket/);
    expect(finding).toMatch(/aws s3 ls s3:\/\/lab-bucket\/churn\/output\/gone\/output\/model\.tar\.gz/);
  });
});

test('headArtefact lets other errors through, for the runner to report', async () => {
  const ctx3 = requirementContext(session, { id: 'sagemaker-helpers', requirements: [] } as unknown as LabManifest, [], new AbortController().signal);
  // Not declared: refused before it is sent, and not mistaken for a missing object.
  await expect(headArtefact(ctx3, 's3://lab-bucket/key')).rejects.toMatchObject({ kind: 'not-declared' });
});
