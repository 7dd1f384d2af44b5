import { DeregisterStreamConsumerCommand, paginateListStreamConsumers, type KinesisClient } from '@aws-sdk/client-kinesis';
import { collect, isServiceError, ProgressLog, type CleanupProgress } from './progress';

export interface StreamConsumerCleanupClients {
  readonly kinesis: KinesisClient;
}

export interface StreamConsumerCleanupOptions {
  readonly streamArn: string;
}

/**
 * One non-blocking pass of deregistering the enhanced fan-out consumers a learner registered on
 * the lab stream: DeleteStream refuses a stream that still has consumers unless told to enforce
 * their deletion, and every consumer is billed per shard-hour while it exists.
 * https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DeleteStream.html
 */
export async function advanceStreamConsumerCleanup(
  clients: StreamConsumerCleanupClients,
  options: StreamConsumerCleanupOptions,
): Promise<CleanupProgress> {
  const log = new ProgressLog();
  let consumers;
  try {
    consumers = await collect(
      paginateListStreamConsumers({ client: clients.kinesis }, { StreamARN: options.streamArn }),
      (p) => p.Consumers,
    );
  } catch (error) {
    if (isServiceError(error, 'ResourceNotFoundException')) return log.result();
    throw error;
  }
  for (const consumer of consumers) {
    const label = `stream consumer '${consumer.ConsumerName}'`;
    if (consumer.ConsumerStatus !== 'ACTIVE') {
      // A consumer can be deregistered only once it is ACTIVE; a DELETING one is on its way out.
      log.wait(`${label} is ${consumer.ConsumerStatus}`);
      continue;
    }
    try {
      await clients.kinesis.send(
        new DeregisterStreamConsumerCommand({ StreamARN: options.streamArn, ConsumerName: consumer.ConsumerName }),
      );
      log.act(`deregister ${label}`);
      log.wait(`${label} is being deregistered`);
    } catch (error) {
      if (isServiceError(error, 'ResourceNotFoundException')) continue;
      if (isServiceError(error, 'ResourceInUseException')) {
        log.wait(`${label} is busy (ResourceInUseException), retrying on the next pass`);
        continue;
      }
      throw error;
    }
  }
  return log.result();
}
