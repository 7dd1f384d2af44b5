import { DeleteStreamCommand, DescribeStreamSummaryCommand, KinesisClient, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { mockClient } from 'aws-sdk-client-mock';
import { kinesisStream } from '../../../lib/teardown/kinds/kinesis-stream';
import { awsError } from '../../support/check-harness';
import { itDeletes, itListsOnlyWhatIsClaimed, LISTED, listContext, namedSetup, resource } from './kit';

const kinesis = mockClient(KinesisClient);
let status: string | undefined;

beforeEach(() => {
  kinesis.reset();
  status = 'ACTIVE';
  kinesis.on(ListStreamsCommand).resolves({ StreamNames: LISTED, HasMoreStreams: false });
  kinesis.on(DescribeStreamSummaryCommand).callsFake((i) => {
    if (!status) throw awsError('ResourceNotFoundException');
    return { StreamDescriptionSummary: { StreamName: i.StreamName, StreamARN: `arn:${i.StreamName}`, StreamStatus: status, OpenShardCount: 3, RetentionPeriodHours: 24, StreamModeDetails: { StreamMode: 'PROVISIONED' } } };
  });
  kinesis.on(DeleteStreamCommand).callsFake(() => void (status = 'DELETING'));
});

itListsOnlyWhatIsClaimed(kinesisStream);

test('a provisioned stream is priced per open shard; the lab stream it lists opens a container', async () => {
  const [stream] = await kinesisStream.list(listContext(namedSetup(kinesisStream)));
  expect(stream).toMatchObject({ name: 'churn-1', ref: { arn: 'arn:churn-1', shards: '3' }, costPerHourUsd: 0.045 });
  expect(kinesisStream.opens).toBe('stream');
});

itDeletes({ kind: kinesisStream, resource: resource('kinesis:stream', 'churn-1'), mocks: [kinesis], expected: ['DeleteStream'], gone: () => (status = undefined) });
