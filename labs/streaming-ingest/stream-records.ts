// Reads what producers wrote to a stream, from the oldest record kept (TRIM_HORIZON), across every
// shard, with read-only calls, until each shard's tip or until the read budget is spent. GetRecords
// "returns an empty list" where no records sit in the part of the shard the iterator points to, and
// "it might take multiple calls to get to a portion of the shard that contains records"
// (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html): between a deploy
// and the first PutRecords there can be many such pages, so the read follows MillisBehindLatest,
// not a page count. A read that runs out of time is reported as truncated, never as a short stream.
// The calls it sends are declared in lab.ts (STREAM_READS), where the manifest reads them without the SDK.
import { DescribeStreamSummaryCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient, ListShardsCommand, type Shard } from '@aws-sdk/client-kinesis';
import type { CheckContext } from '../../lib/check/types';
import { pause, readBudget, READ_BUDGET_MS } from './budget';

export interface StreamRecord {
  readonly shardId: string;
  readonly partitionKey: string;
  readonly data: Uint8Array;
}

export interface StreamSample {
  readonly shardCount: number;
  readonly records: readonly StreamRecord[];
  /** True when the read ran out of time before reaching the tip of every shard. */
  readonly truncated: boolean;
  /** Shards still behind their tip when the read stopped. */
  readonly shardsBehind: number;
  /** Seconds the read was allowed. */
  readonly budgetSeconds: number;
}

/** GetRecords returns at most 10,000 records per call; 1,000 keeps each answer small. */
export const RECORDS_PER_CALL = 1_000;
/**
 * A shard serves 5 GetRecords calls per second to all its readers together, the delivery stream
 * included (https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html): after an
 * empty page the read waits a quarter second, so crossing a long gap stays within 4 calls per second
 * and leaves the delivery stream its share.
 */
export const PAUSE_AFTER_EMPTY_PAGE_MS = 250;

export interface ReadLimits {
  readonly budgetMs: number;
  readonly pauseAfterEmptyPageMs: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { budgetMs: READ_BUDGET_MS, pauseAfterEmptyPageMs: PAUSE_AFTER_EMPTY_PAGE_MS };

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

async function readShard(ctx: CheckContext, streamName: string, shardId: string, spent: () => boolean, limits: ReadLimits): Promise<{ records: StreamRecord[]; behind: boolean }> {
  const kinesis = ctx.client(KinesisClient);
  const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
  const records: StreamRecord[] = [];
  let iterator = ShardIterator;
  while (iterator) {
    if (spent()) return { records, behind: true };
    const out = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: RECORDS_PER_CALL }));
    for (const r of out.Records ?? []) records.push({ shardId, partitionKey: r.PartitionKey ?? '', data: r.Data ?? new Uint8Array() });
    // An open shard always hands back a next iterator (a closed one none), so reading stops at the
    // tip: MillisBehindLatest 0 ("caught up, and there are no new records to process at this moment")
    // on a page that is not full (a full page may have more behind it within the same millisecond),
    // or an empty page from an endpoint that does not report MillisBehindLatest. A page that is still
    // behind only crossed part of the shard, so reading goes on.
    const got = (out.Records ?? []).length;
    const caughtUp = got < RECORDS_PER_CALL && (out.MillisBehindLatest === 0 || (out.MillisBehindLatest === undefined && got === 0));
    iterator = caughtUp ? undefined : out.NextShardIterator;
    if (iterator && got === 0) await pause(limits.pauseAfterEmptyPageMs, ctx.signal);
  }
  return { records, behind: false };
}

export async function readStream(ctx: CheckContext, streamName: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<StreamSample> {
  const budget = readBudget(ctx.signal, limits.budgetMs);
  const shards = await listShards(ctx, streamName);
  const perShard = await Promise.all(shards.map((s) => readShard(ctx, streamName, s.ShardId!, budget.spent, limits)));
  const shardsBehind = perShard.filter((s) => s.behind).length;
  return {
    shardCount: shards.length,
    records: perShard.flatMap((s) => s.records),
    truncated: shardsBehind > 0,
    shardsBehind,
    budgetSeconds: budget.seconds,
  };
}

/**
 * The stream's retention in hours, to say how long records stay readable; undefined when it cannot
 * be read (the verdicts that use it never depend on it).
 */
export async function retentionHours(ctx: CheckContext, streamName: string): Promise<number | undefined> {
  try {
    const out = await ctx.client(KinesisClient).send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
    return out.StreamDescriptionSummary?.RetentionPeriodHours;
  } catch {
    return undefined;
  }
}
