import { DeleteDeliveryStreamCommand, DescribeDeliveryStreamCommand, FirehoseClient, ListDeliveryStreamsCommand } from '@aws-sdk/client-firehose';
import { mockClient } from 'aws-sdk-client-mock';
import { firehoseDeliveryStream } from '../../../lib/teardown/kinds/firehose-delivery-stream';
import { awsError } from '../../support/check-harness';
import { itDeletes, itListsOnlyWhatIsClaimed, LISTED, resource } from './kit';

const firehose = mockClient(FirehoseClient);
let status: string | undefined;

beforeEach(() => {
  firehose.reset();
  status = 'ACTIVE';
  // Pages of two, by the last name seen: Firehose has no paginator.
  firehose.on(ListDeliveryStreamsCommand).callsFake((i) => {
    const from = i.ExclusiveStartDeliveryStreamName ? LISTED.indexOf(i.ExclusiveStartDeliveryStreamName) + 1 : 0;
    return { DeliveryStreamNames: LISTED.slice(from, from + 2), HasMoreDeliveryStreams: from + 2 < LISTED.length };
  });
  firehose.on(DescribeDeliveryStreamCommand).callsFake((i) => {
    if (!status) throw awsError('ResourceNotFoundException');
    return { DeliveryStreamDescription: { DeliveryStreamName: i.DeliveryStreamName, DeliveryStreamStatus: status } };
  });
  firehose.on(DeleteDeliveryStreamCommand).callsFake(() => void (status = 'DELETING'));
});

itListsOnlyWhatIsClaimed(firehoseDeliveryStream);

itDeletes({ kind: firehoseDeliveryStream, resource: resource('firehose:delivery-stream', 'churn-1'), mocks: [firehose], expected: ['DeleteDeliveryStream'], gone: () => (status = undefined) });
