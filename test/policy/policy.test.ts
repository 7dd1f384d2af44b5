import { allLabs } from '../../labs';
import { checkerPolicy, iamActionsFor } from '../../lib/policy';
import { runCli } from '../support/cli-harness';
import { FIXTURE_LAB } from '../support/fixture-lab';

test.each([
  ['Kinesis:DescribeStreamSummary', ['kinesis:DescribeStreamSummary']],
  ['Kinesis:GetRecords', ['kinesis:GetRecords']],
  ['Firehose:DescribeDeliveryStream', ['firehose:DescribeDeliveryStream']],
  ['Glue:GetTables', ['glue:GetTables']],
  ['Athena:BatchGetQueryExecution', ['athena:BatchGetQueryExecution']],
  ['SageMaker:DescribeTrainingJob', ['sagemaker:DescribeTrainingJob']],
  ['CloudWatch:GetMetricData', ['cloudwatch:GetMetricData']],
  ['CloudWatchLogs:FilterLogEvents', ['logs:FilterLogEvents']],
  ['CloudFormation:DescribeStacks', ['cloudformation:DescribeStacks']],
  ['S3:ListObjectsV2', ['s3:ListBucket']],
  ['S3:HeadObject', ['s3:GetObject']],
  ['S3:GetObject', ['s3:GetObject']],
  ['S3:HeadBucket', ['s3:ListBucket']],
  ['S3:GetBucketEncryption', ['s3:GetEncryptionConfiguration']],
  ['S3:GetBucketLifecycleConfiguration', ['s3:GetLifecycleConfiguration']],
  ['S3:GetPublicAccessBlock', ['s3:GetBucketPublicAccessBlock']],
  ['S3:GetBucketNotificationConfiguration', ['s3:GetBucketNotification']],
  ['STS:GetCallerIdentity', []],
])('%s needs %j', (read, actions) => {
  expect(iamActionsFor(read)).toEqual(actions);
});

test('an S3 read without a known action is refused, not guessed', () => {
  expect(() => iamActionsFor('S3:GetBucketMadeUp')).toThrow(/no IAM action is known for S3:GetBucketMadeUp/);
});

test('the policy holds exactly the declared reads, DescribeStacks only on the lab stacks, stream reads only on the lab stream', () => {
  // Issue 11 finding 20: the stream reads were granted on `*` in partition `aws` whatever the region.
  expect(checkerPolicy([FIXTURE_LAB], { partition: 'aws', region: 'eu-west-1' })).toEqual({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'MllabReadLabStacks', Effect: 'Allow', Action: ['cloudformation:DescribeStacks'], Resource: ['arn:aws:cloudformation:eu-west-1:*:stack/MlLab-fixture-lab/*'] },
      { Sid: 'MllabReadLabStreams', Effect: 'Allow', Action: ['kinesis:DescribeStreamSummary', 'kinesis:ListStreamConsumers'], Resource: ['arn:aws:kinesis:eu-west-1:*:stream/MlLab-fixture-lab-*'] },
    ],
  });
});

test('every registered lab declares only reads the policy can grant, and only read-level actions', () => {
  const policy = checkerPolicy(allLabs(), { partition: 'aws', region: 'us-east-1' });
  const actions = policy.Statement.flatMap((s) => s.Action);
  for (const action of actions) expect(action).toMatch(/^[a-z0-9-]+:(Describe|List|Get|BatchGet)[A-Za-z0-9]*$/);
  for (const lab of allLabs()) for (const r of lab.requirements) for (const read of r.reads) expect(() => iamActionsFor(read)).not.toThrow();
});

test('mllab policy prints the JSON document; --lab narrows it to one lab', async () => {
  const all = await runCli(['policy'], { labs: [FIXTURE_LAB] });
  expect(all.code).toBe(0);
  expect(JSON.parse(all.stdout).Statement).toHaveLength(2);
  const one = await runCli(['policy', '--lab', 'fixture-lab'], { labs: [FIXTURE_LAB] });
  expect(JSON.parse(one.stdout)).toEqual(JSON.parse(all.stdout));
});
