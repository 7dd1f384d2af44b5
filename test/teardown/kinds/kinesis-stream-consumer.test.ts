import { DeregisterStreamConsumerCommand, DescribeStreamSummaryCommand, KinesisClient, ListStreamConsumersCommand } from '@aws-sdk/client-kinesis';
import { mockClient } from 'aws-sdk-client-mock';
import { kinesisStreamConsumer } from '../../../lib/teardown/kinds/kinesis-stream-consumer';
import { awsError } from '../../support/check-harness';
import { advanceContext, arn, itDeletes, listContext, resource, writes } from './kit';

const kinesis = mockClient(KinesisClient);
const streamArn = (name: string) => arn('kinesis', `stream/${name}`);
let status: string | undefined;

beforeEach(() => {
  kinesis.reset();
  status = 'ACTIVE';
  kinesis.on(DescribeStreamSummaryCommand).callsFake((i) => {
    if (i.StreamName === 'deleted-stream') throw awsError('ResourceNotFoundException');
    return { StreamDescriptionSummary: { StreamName: i.StreamName, StreamARN: streamArn(i.StreamName), OpenShardCount: 2 } };
  });
  kinesis.on(ListStreamConsumersCommand).callsFake((i) => ({
    Consumers: status ? [{ ConsumerName: 'efo', ConsumerARN: `${i.StreamARN}/consumer/efo:1`, ConsumerStatus: status, ConsumerCreationTimestamp: new Date() }] : [],
  }));
  kinesis.on(DeregisterStreamConsumerCommand).callsFake(() => void (status = 'DELETING'));
});

test("list: every consumer of the lab's streams (whoever registered it), none of another stream's", async () => {
  const found = await kinesisStreamConsumer.list(listContext({ stack: [['AWS::Kinesis::Stream', 'lab-stream'], ['AWS::Kinesis::Stream', 'deleted-stream']] }));
  expect(found).toMatchObject([{ name: 'efo', claim: 'inside', why: 'on stream lab-stream (stack MlLab-churn-lab)', ref: { streamArn: streamArn('lab-stream') }, costPerHourUsd: 0.03 }]);
  expect(kinesis.commandCalls(ListStreamConsumersCommand).map((c) => c.args[0].input.StreamARN)).toEqual([streamArn('lab-stream')]);
});

const consumer = resource('kinesis:stream-consumer', 'efo', { streamArn: streamArn('lab-stream') });

itDeletes({ kind: kinesisStreamConsumer, resource: consumer, mocks: [kinesis], expected: ['DeregisterStreamConsumer'], gone: () => (status = undefined) });

test('a stream that is gone has no consumers: done, no write', async () => {
  kinesis.on(ListStreamConsumersCommand).rejects(awsError('ResourceNotFoundException'));
  expect(await kinesisStreamConsumer.advance(advanceContext(), consumer)).toEqual({ done: true });
  expect(writes(kinesis)).toEqual([]);
});
