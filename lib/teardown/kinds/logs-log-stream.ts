import { DeleteLogStreamCommand, paginateDescribeLogStreams } from '@aws-sdk/client-cloudwatch-logs';
import { collectOrEmpty, deleteOnce, type LabResource, type ListContext, type TeardownKind, type TeardownKindModule } from '../kind';
import { logGroups } from './logs';

/**
 * Log groups a service shares between every job or crawler of the account: only the lab's streams
 * in them are the lab's, never the group. SageMaker names a job's streams `<job name>/<host>-<epoch>`
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/logging-cloudwatch.html); a crawler logs to the
 * stream named after it (CrawlerHistory LogGroup/LogStream, https://docs.aws.amazon.com/glue/latest/webapi/API_CrawlerHistory.html).
 */
const SHARED_LOG_GROUPS: readonly SharedLogGroup[] = [
  ...(['TrainingJobs', 'ProcessingJobs', 'TransformJobs'] as const).map((group) => ({
    group: `/aws/sagemaker/${group}`,
    kind: ({ TrainingJobs: 'sagemaker:training-job', ProcessingJobs: 'sagemaker:processing-job', TransformJobs: 'sagemaker:transform-job' } as const)[group],
    owner: (stream: string) => stream.split('/')[0]!,
    streamPrefix: (owner: string) => `${owner}/`,
  })),
  { group: '/aws/sagemaker/NotebookInstances', kind: 'sagemaker:notebook-instance', owner: (stream) => stream.split('/')[0]!, streamPrefix: (owner) => `${owner}/` },
  // Studio apps log to `<domain id>/<user profile or space>/<app type>/<app name>`.
  { group: '/aws/sagemaker/studio', kind: 'sagemaker:domain', stackType: 'AWS::SageMaker::Domain', owner: (stream) => stream.split('/')[0]!, streamPrefix: (owner) => `${owner}/` },
  { group: '/aws-glue/crawlers', kind: 'glue:crawler', stackType: 'AWS::Glue::Crawler', owner: (stream) => stream, streamPrefix: (owner) => owner },
];

interface SharedLogGroup {
  readonly group: string;
  /** The kind of resource whose name the stream carries. */
  readonly kind: TeardownKind;
  /** The stack's resource type of that kind, when a stack can create one. */
  readonly stackType?: string;
  /** The owning resource's name, from a stream name. */
  readonly owner: (stream: string) => string;
  /** The stream-name prefix of one owner. */
  readonly streamPrefix: (owner: string) => string;
}

/** The lab's stream in a log group every job or crawler of the account shares (`/aws-glue/crawlers`). */
export const logsLogStream: TeardownKindModule<'logs:log-stream'> = {
  kind: 'logs:log-stream',
  action: 'delete',
  because: 'log groups and streams outlive what wrote them',
  // Removed once nothing writes to them.
  after: ['sagemaker:training-job', 'sagemaker:processing-job', 'sagemaker:transform-job', 'sagemaker:notebook-instance', 'sagemaker:app', 'sagemaker:domain', 'glue:crawler'],
  list: async (ctx) => {
    const present = new Set((await logGroups(ctx)).map((g) => g.logGroupName));
    return (await Promise.all(SHARED_LOG_GROUPS.filter((shared) => present.has(shared.group)).map((shared) => sharedLogStreams(ctx, shared)))).flat();
  },
  // Only the lab's stream: the shared group stays, with every other job's streams in it.
  advance: deleteOnce({
    notFound: 'ResourceNotFoundException',
    label: (r) => `DeleteLogStream ${r.ref.logGroup} ${r.name}`,
    send: (ctx, r) => ctx.clients.logs.send(new DeleteLogStreamCommand({ logGroupName: r.ref.logGroup, logStreamName: r.name })),
  }),
};

/**
 * The lab's streams in one shared service log group. Streams are listed by the prefixes the lab's
 * names give; only when the lab tagged something of the kind (its name may follow no declared
 * pattern) is the whole group listed. Every stream is then checked against the claims, so another
 * lab's or a foreign job's stream is never taken for the lab's.
 */
async function sharedLogStreams(ctx: ListContext, shared: SharedLogGroup): Promise<LabResource[]> {
  const { claims } = ctx;
  const declared = (ctx.lab.learnerResources ?? []).filter((l) => l.kind === shared.kind);
  const prefixes: (string | undefined)[] = claims.hasTagged(shared.kind)
    ? [undefined]
    : [...new Set([
        ...declared.map((l) => (l.match === 'prefix' ? l.name : shared.streamPrefix(l.name))),
        ...(shared.stackType ? claims.stackNames(shared.stackType).map(shared.streamPrefix) : []),
      ])];
  const seen = new Set<string>();
  const found: LabResource[] = [];
  for (const prefix of prefixes) {
    const streams = await collectOrEmpty(
      paginateDescribeLogStreams({ client: ctx.clients.logs }, { logGroupName: shared.group, ...(prefix ? { logStreamNamePrefix: prefix } : {}) }),
      (p) => p.logStreams,
    );
    for (const s of streams) {
      const name = s.logStreamName!;
      if (seen.has(name)) continue;
      seen.add(name);
      const owner = shared.owner(name);
      const c = claims.of(shared.kind, owner);
      if (!c) continue;
      found.push({
        kind: 'logs:log-stream', name, claim: 'inside', why: `in shared log group ${shared.group}, of ${shared.kind} ${owner} (${c.why})`, ref: { logGroup: shared.group },
        // The API no longer reports a stream's stored bytes (LogStream.storedBytes is deprecated).
        costNote: 'billed per GB-month stored; the API reports no size for a stream',
      });
    }
  }
  return found;
}
