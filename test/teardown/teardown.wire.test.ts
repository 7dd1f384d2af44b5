// Teardown over the wire: Kinesis against kinesalite and S3 against s3rver. CloudFormation and
// the tagging API are mocked (no emulator exists for them), as are the services this lab does not
// use. kinesalite has no tag API and no consumer API: lab streams are found here by the names the
// lab declares and by the tagging API's answer; consumers are proven in teardown.test.ts.
import { AthenaClient } from '@aws-sdk/client-athena';
import { CloudFormationClient, DescribeStacksCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EFSClient } from '@aws-sdk/client-efs';
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { GlueClient } from '@aws-sdk/client-glue';
import { CreateStreamCommand, DeleteStreamCommand, KinesisClient, ListStreamConsumersCommand, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { mockClient } from 'aws-sdk-client-mock';
import { pricesFor } from '../../lib/cost/prices';
import { EMULATOR_CREDENTIALS, startKinesalite, startS3rver, useEmulatorEnvironment, type RunningEmulator } from '../../lib/emulators';
import { createTeardownClients, formatSweep, teardownLab, type TeardownClients } from '../../lib/teardown';
import { awsError } from '../support/check-harness';

const REGION = 'us-east-1';
const LAB = { id: 'wire-lab', learnerResources: [{ kind: 'kinesis:stream' as const, name: 'wire-learner-', match: 'prefix' as const }] };
const STACK_STREAM = 'mllab-wire-lab-stream';
const STACK_BUCKET = 'mllab-wire-lab-bucket';

const cfn = mockClient(CloudFormationClient);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const unused = [SageMakerClient, FirehoseClient, GlueClient, AthenaClient, CloudWatchLogsClient, EC2Client, EFSClient].map((c) => mockClient(c as any) as ReturnType<typeof mockClient>);

let kinesalite: RunningEmulator;
let s3rver: RunningEmulator;
let restore: () => void;
let kinesis: KinesisClient;
let s3: S3Client;

beforeAll(async () => {
  [kinesalite, s3rver] = await Promise.all([startKinesalite(), startS3rver()]);
  restore = useEmulatorEnvironment({ kinesis: kinesalite.endpoint, s3: s3rver.endpoint });
  const setup = { region: REGION, credentials: EMULATOR_CREDENTIALS, requestHandler: new NodeHttpHandler() };
  kinesis = new KinesisClient({ ...setup, endpoint: kinesalite.endpoint });
  s3 = new S3Client({ ...setup, endpoint: s3rver.endpoint, forcePathStyle: true });
});
afterAll(async () => {
  kinesis.destroy();
  s3.destroy();
  restore();
  await Promise.all([kinesalite.stop(), s3rver.stop()]);
});

async function streams(): Promise<string[]> {
  return ((await kinesis.send(new ListStreamsCommand({}))).StreamNames ?? []).sort();
}
async function keys(bucket: string): Promise<string[]> {
  return ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key!).sort();
}

test('lab-tagged and lab-named streams and the objects of lab buckets are removed; foreign ones are untouched', async () => {
  for (const name of [STACK_STREAM, 'wire-learner-clicks', 'tagged-by-lab', 'prod-orders', 'wire-learner', 'wire-learner-of-other-lab']) {
    await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
  }
  for (const bucket of [STACK_BUCKET, 'tagged-lab-bucket', 'prod-data']) {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    for (const key of ['raw/a.csv', 'raw/b.csv', 'output/model.tar.gz']) await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: `${bucket}/${key}` }));
  }
  let stackExists = true;
  // mllab's stack: it carries the tags every lab stack is deployed with (lib/stack/tagging.ts).
  cfn.on(DescribeStacksCommand).callsFake(() => {
    if (!stackExists) throw awsError('ValidationError', 'Stack with id MlLab-wire-lab does not exist');
    return { Stacks: [{ StackName: 'MlLab-wire-lab', StackStatus: 'CREATE_COMPLETE', CreationTime: new Date(), Tags: [{ Key: 'mllab:lab', Value: 'wire-lab' }, { Key: 'mllab:managed-by', Value: 'aws-ml-labs' }] }] };
  });
  cfn.on(ListStackResourcesCommand).callsFake(() => {
    if (!stackExists) throw awsError('ValidationError', 'Stack with id MlLab-wire-lab does not exist');
    return { StackResourceSummaries: [
      { LogicalResourceId: 'Stream', PhysicalResourceId: STACK_STREAM, ResourceType: 'AWS::Kinesis::Stream', ResourceStatus: 'CREATE_COMPLETE', LastUpdatedTimestamp: new Date() },
      { LogicalResourceId: 'Bucket', PhysicalResourceId: STACK_BUCKET, ResourceType: 'AWS::S3::Bucket', ResourceStatus: 'CREATE_COMPLETE', LastUpdatedTimestamp: new Date() },
    ] };
  });
  tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [
    { ResourceARN: `arn:aws:kinesis:${REGION}:000000000000:stream/tagged-by-lab`, Tags: [{ Key: 'mllab:lab', Value: 'wire-lab' }] },
    { ResourceARN: 'arn:aws:s3:::tagged-lab-bucket', Tags: [{ Key: 'mllab:lab', Value: 'wire-lab' }] },
    // Matches the lab's name prefix, but another lab's tag says whose it is.
    { ResourceARN: `arn:aws:kinesis:${REGION}:000000000000:stream/wire-learner-of-other-lab`, Tags: [{ Key: 'mllab:lab', Value: 'other-lab' }] },
  ] });
  for (const m of unused) m.onAnyCommand().resolves({});

  // s3rver answers a multi-object delete that empties a folder with a 500 (a race in its own rmdir);
  // the SDK's standard retries, which teardown always uses, absorb it as they would S3's own 500s.
  const clients: TeardownClients = createTeardownClients({ region: REGION, maxAttempts: 3 });
  // kinesalite has no consumer API: these streams have no consumers, which is what AWS would answer.
  const realKinesis = clients.kinesis;
  const send = realKinesis.send.bind(realKinesis) as (command: any) => Promise<any>;
  (realKinesis as any).send = (command: any) => (command instanceof ListStreamConsumersCommand ? Promise.resolve({ Consumers: [] }) : send(command));

  try {
    const outcome = await teardownLab(clients, LAB, pricesFor(REGION), {
      yes: true,
      pollMs: 10,
      destroyStack: async () => {
        // What CloudFormation does with the stack's own stream and (autoDeleteObjects) bucket contents.
        await kinesis.send(new DeleteStreamCommand({ StreamName: STACK_STREAM }));
        stackExists = false;
      },
    });
    expect(outcome.plan.items.map((i) => `${i.action} ${i.resource.kind} ${i.resource.name}`).sort()).toEqual([
      'delete kinesis:stream tagged-by-lab',
      'delete kinesis:stream wire-learner-clicks',
      'destroy stack cloudformation:stack MlLab-wire-lab',
      `empty s3:objects s3://${STACK_BUCKET}`,
      'empty s3:objects s3://tagged-lab-bucket',
      `with stack kinesis:stream ${STACK_STREAM}`,
    ]);
    expect(formatSweep(outcome)).toMatch(/nothing of wire-lab is left/);
    expect(outcome.exitCode).toBe(0);
  } finally {
    clients.destroy();
  }
  expect(await streams()).toEqual(['prod-orders', 'wire-learner', 'wire-learner-of-other-lab']);
  expect(await keys(STACK_BUCKET)).toEqual([]);
  expect(await keys('tagged-lab-bucket')).toEqual([]);
  expect(await keys('prod-data')).toEqual(['output/model.tar.gz', 'raw/a.csv', 'raw/b.csv']);
});
