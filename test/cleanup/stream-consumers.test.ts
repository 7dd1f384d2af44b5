import { DeregisterStreamConsumerCommand, KinesisClient, ListStreamConsumersCommand } from '@aws-sdk/client-kinesis';
import { mockClient } from 'aws-sdk-client-mock';
import { advanceStreamConsumerCleanup } from '../../lib/cleanup';
import { awsError } from '../support/check-harness';

const kinesisMock = mockClient(KinesisClient);
const kinesis = new KinesisClient({});
const streamArn = 'arn:aws:kinesis:us-east-1:111122223333:stream/lab';
const consumer = (name: string, status: 'ACTIVE' | 'CREATING' | 'DELETING') => ({
  ConsumerName: name,
  ConsumerARN: `${streamArn}/consumer/${name}:1`,
  ConsumerStatus: status,
  ConsumerCreationTimestamp: new Date(),
});

beforeEach(() => kinesisMock.reset());

describe('advanceStreamConsumerCleanup', () => {
  it('deregisters ACTIVE consumers, waits for CREATING ones, and completes when none are left', async () => {
    kinesisMock
      .on(ListStreamConsumersCommand)
      .resolvesOnce({ Consumers: [consumer('efo-a', 'ACTIVE'), consumer('efo-b', 'CREATING')] })
      .resolvesOnce({ Consumers: [consumer('efo-a', 'DELETING'), consumer('efo-b', 'ACTIVE')] })
      .resolvesOnce({ Consumers: [consumer('efo-b', 'DELETING')] })
      .resolves({ Consumers: [] });
    kinesisMock.on(DeregisterStreamConsumerCommand).resolves({});

    const first = await advanceStreamConsumerCleanup({ kinesis }, { streamArn });
    expect(first.actions).toEqual(["deregister stream consumer 'efo-a'"]);
    expect(first.waitingFor).toContain("stream consumer 'efo-b' is CREATING");
    const second = await advanceStreamConsumerCleanup({ kinesis }, { streamArn });
    expect(second.actions).toEqual(["deregister stream consumer 'efo-b'"]);
    expect((await advanceStreamConsumerCleanup({ kinesis }, { streamArn })).complete).toBe(false);
    expect(await advanceStreamConsumerCleanup({ kinesis }, { streamArn })).toEqual({ complete: true, actions: [], waitingFor: [] });
    expect(kinesisMock).toHaveReceivedCommandTimes(DeregisterStreamConsumerCommand, 2);
    expect(kinesisMock).toHaveReceivedCommandWith(DeregisterStreamConsumerCommand, { StreamARN: streamArn, ConsumerName: 'efo-b' });
  });

  it('is complete when the stream no longer exists', async () => {
    kinesisMock.on(ListStreamConsumersCommand).rejects(awsError('ResourceNotFoundException'));
    expect((await advanceStreamConsumerCleanup({ kinesis }, { streamArn })).complete).toBe(true);
  });

  it('throws an API error it cannot wait out', async () => {
    kinesisMock.on(ListStreamConsumersCommand).rejects(awsError('AccessDeniedException', 'kinesis:ListStreamConsumers denied', 403));
    await expect(advanceStreamConsumerCleanup({ kinesis }, { streamArn })).rejects.toThrow('kinesis:ListStreamConsumers');
  });
});
