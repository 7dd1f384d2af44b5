// Recorded cassettes are shared (committed with labs, attached to issues): the recording account's
// id is replaced everywhere it appears, consistently, so a replay still matches.
import { EXAMPLE_ACCOUNT_ID, parseCassette, redactAccounts, replayTransport } from '../../lib/cassette';

const ACCOUNT = '444455556666';
const recorded = parseCassette(
  {
    formatVersion: 1,
    region: 'us-east-1',
    calls: [
      { service: 'STS', operation: 'GetCallerIdentity', input: {}, output: { Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/learner/me`, UserId: 'AROAEXAMPLE:me' } },
      {
        service: 'SageMaker',
        operation: 'DescribeTrainingJob',
        input: { TrainingJobName: 'churn-xgb-1' },
        output: {
          TrainingJobArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/churn-xgb-1`,
          AlgorithmSpecification: { TrainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1', TrainingInputMode: 'File' },
          OutputDataConfig: { S3OutputPath: `s3://sagemaker-us-east-1-${ACCOUNT}/out/` },
          CreationTime: '2026-11-25T09:12:03.511Z',
        },
      },
      { service: 'S3', operation: 'HeadObject', input: { Bucket: `sagemaker-us-east-1-${ACCOUNT}`, Key: 'out/model.tar.gz' }, output: { ContentLength: 10 } },
    ],
  },
  'test',
);

test('replaces the account of every ARN wherever it appears, inputs included, and keeps AWS-owned image registries', () => {
  const { cassette, accounts } = redactAccounts(recorded);
  expect(accounts).toEqual([ACCOUNT]);
  const text = JSON.stringify(cassette);
  expect(text).not.toContain(ACCOUNT);
  expect(cassette.calls[0]!.output).toMatchObject({ Account: EXAMPLE_ACCOUNT_ID });
  expect(cassette.calls[2]!.input).toEqual({ Bucket: `sagemaker-us-east-1-${EXAMPLE_ACCOUNT_ID}`, Key: 'out/model.tar.gz' });
  expect(text).toContain('683313688378.dkr.ecr');
  // Everything else is as recorded.
  expect((cassette.calls[1]!.output as any).CreationTime).toEqual((recorded.calls[1]!.output as any).CreationTime);
});

test('a redacted cassette still answers the calls a check derives from its outputs', async () => {
  const { cassette } = redactAccounts(recorded);
  const transport = replayTransport(cassette);
  const out = await transport.send({ service: 'S3', operation: 'HeadObject', input: { Bucket: `sagemaker-us-east-1-${EXAMPLE_ACCOUNT_ID}`, Key: 'out/model.tar.gz' } } as never);
  expect(out).toMatchObject({ ContentLength: 10 });
});

test('a cassette with no account, or only the example one, is returned as it is', () => {
  const { cassette, accounts } = redactAccounts(parseCassette({ formatVersion: 1, region: 'us-east-1', calls: [{ service: 'STS', operation: 'GetCallerIdentity', input: {}, output: { Arn: `arn:aws:sts::${EXAMPLE_ACCOUNT_ID}:assumed-role/x/y` } }] }, 't'));
  expect(accounts).toEqual([]);
  expect(cassette.calls).toHaveLength(1);
});

test('a recorded first page does not answer a later page\'s request; the recorded later page does', async () => {
  const cassette = parseCassette(
    {
      formatVersion: 1,
      region: 'us-east-1',
      calls: [
        { service: 'SageMaker', operation: 'ListTrainingJobs', input: { NameContains: 'x' }, output: { TrainingJobSummaries: [{ TrainingJobName: 'x-1' }], NextToken: 'p2' } },
        { service: 'SageMaker', operation: 'ListTrainingJobs', input: { NameContains: 'x', NextToken: 'p2' }, output: { TrainingJobSummaries: [{ TrainingJobName: 'x-2' }] } },
      ],
    },
    'pages',
  );
  const transport = replayTransport(cassette);
  const ask = (input: Record<string, unknown>) => transport.send({ service: 'SageMaker', operation: 'ListTrainingJobs', input } as never);
  await expect(ask({ NameContains: 'x' })).resolves.toMatchObject({ NextToken: 'p2' });
  await expect(ask({ NameContains: 'x', NextToken: 'p2' })).resolves.toMatchObject({ TrainingJobSummaries: [{ TrainingJobName: 'x-2' }] });
  await expect(ask({ NameContains: 'x', NextToken: 'p3' })).rejects.toThrow('no recorded answer');
});
