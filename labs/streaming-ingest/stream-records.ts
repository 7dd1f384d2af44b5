// Reads what producers wrote to a stream, from the oldest record kept (TRIM_HORIZON), across every
// shard, with read-only calls. Bounded so a busy stream cannot make a check slow: the counts are then
// lower bounds, which is all a "at least N" requirement needs.
// The calls it sends are declared in lab.ts (STREAM_READS), where the manifest reads them without the SDK.
import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, ListShardsCommand, type Shard } from '@aws-sdk/client-kinesis';
import type { CheckContext } from '../../lib/check/types';

export interface StreamRecord {
  readonly shardId: string;
  readonly partitionKey: string;
  readonly data: Uint8Array;
}

export interface StreamSample {
  readonly shardCount: number;
  readonly records: readonly StreamRecord[];
  /** True when the read stopped at its bound before reaching the tip of every shard. */
  readonly truncated: boolean;
}

/** GetRecords returns at most 10,000 records per call; 1,000 keeps each answer small. */
export const RECORDS_PER_CALL = 1_000;
/** Pages per shard before the read stops (a lab stream holds far fewer records). */
export const MAX_PAGES_PER_SHARD = 10;

// The Kinesis SDK defines no paginateListShards: a ListShards page request carries NextToken
// *instead of* StreamName ("You cannot specify this parameter if you specify the NextToken
// parameter"), which the SDK's generic paginator, adding the token to the first input, cannot
// express. So this one listing is paged here.
// (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html)
async function listShards(ctx: CheckContext, streamName: string): Promise<Shard[]> {
  const kinesis = ctx.client(KinesisClient);
  const shards: Shard[] = [];
  let nextToken: string | undefined;
  do {
    const page = await kinesis.send(new ListShardsCommand(nextToken ? { NextToken: nextToken } : { StreamName: streamName }));
    shards.push(...(page.Shards ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return shards;
}

async function readShard(ctx: CheckContext, streamName: string, shardId: string): Promise<{ records: StreamRecord[]; truncated: boolean }> {
  const kinesis = ctx.client(KinesisClient);
  const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
  const records: StreamRecord[] = [];
  let iterator = ShardIterator;
  for (let page = 0; iterator; page++) {
    if (page === MAX_PAGES_PER_SHARD) return { records, truncated: true };
    const out = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: RECORDS_PER_CALL }));
    for (const r of out.Records ?? []) records.push({ shardId, partitionKey: r.PartitionKey ?? '', data: r.Data ?? new Uint8Array() });
    // An open shard always hands back a next iterator, so reading stops at the tip: MillisBehindLatest
    // 0 on a page that is not full (a full page may have more behind it within the same millisecond),
    // or an empty page from an endpoint that does not report MillisBehindLatest. An empty page that is
    // behind only crossed a gap in the shard, so reading goes on.
    const got = (out.Records ?? []).length;
    const caughtUp = got < RECORDS_PER_CALL && (out.MillisBehindLatest === 0 || (out.MillisBehindLatest === undefined && got === 0));
    iterator = caughtUp ? undefined : out.NextShardIterator;
  }
  return { records, truncated: false };
}

export async function readStream(ctx: CheckContext, streamName: string): Promise<StreamSample> {
  const shards = await listShards(ctx, streamName);
  const perShard = await Promise.all(shards.map((s) => readShard(ctx, streamName, s.ShardId!)));
  return {
    shardCount: shards.length,
    records: perShard.flatMap((s) => s.records),
    truncated: perShard.some((s) => s.truncated),
  };
}
