// Discovery: the lab stack's resources, what carries the lab's tag, what the lab names, and what
// lives inside any of those. A resource none of them claims is never listed, so never touched.
import { paginateListNamedQueries, BatchGetNamedQueryCommand } from '@aws-sdk/client-athena';
import { paginateListStackResources, type StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { paginateDescribeLogGroups, paginateDescribeLogStreams } from '@aws-sdk/client-cloudwatch-logs';
import { paginateDescribeSecurityGroups } from '@aws-sdk/client-ec2';
import { ListDeliveryStreamsCommand } from '@aws-sdk/client-firehose';
import { paginateGetCrawlers, paginateGetJobs, paginateGetTables } from '@aws-sdk/client-glue';
import { DescribeStreamSummaryCommand, paginateListStreamConsumers, paginateListStreams } from '@aws-sdk/client-kinesis';
import { paginateGetResources } from '@aws-sdk/client-resource-groups-tagging-api';
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeTrainingJobCommand,
  paginateListApps,
  paginateListEndpointConfigs,
  paginateListEndpoints,
  paginateListHyperParameterTuningJobs,
  paginateListModelPackageGroups,
  paginateListModels,
  paginateListMonitoringSchedules,
  paginateListNotebookInstances,
  paginateListPipelines,
  paginateListProcessingJobs,
  paginateListSpaces,
  paginateListTrainingJobs,
  paginateListTransformJobs,
  paginateListUserProfiles,
} from '@aws-sdk/client-sagemaker';
import { nfsSecurityGroupNames } from '../cleanup';
import { collect, isServiceError } from '../cleanup/progress';
import type { LabManifest, LearnerResourceKind } from '../model';
import { labStackName, TAG_LAB } from '../model';
import { HOURS_PER_MONTH, tryPrice, type ResolvedPrices } from '../cost/prices';
import type { TeardownClients } from './clients';
import { parseArn, type Claim, type LabResource, type TeardownKind } from './resources';
import { bucketEntries, isVersioned } from './s3';

export interface StackInfo {
  readonly name: string;
  /** Resources not yet deleted, as CloudFormation lists them. */
  readonly resources: readonly StackResourceSummary[];
}

export interface Discovery {
  readonly labId: string;
  readonly region: string;
  /** Undefined when the stack does not exist (never deployed, or already destroyed). */
  readonly stack?: StackInfo;
  /** In no particular order; `buildPlan` orders them. */
  readonly resources: readonly LabResource[];
  /**
   * ARNs tagged for the lab that teardown has no handler for and that are not part of the stack:
   * reported, never touched, so the learner can remove them by hand.
   */
  readonly unhandledTagged: readonly string[];
}

/** Every ARN carrying `mllab:lab`, by lab id: one scan serves the lab, `--all`, and the guard against other labs. */
export async function taggedArnsByLab(clients: TeardownClients): Promise<Map<string, string[]>> {
  const byLab = new Map<string, string[]>();
  const mappings = await collect(
    paginateGetResources({ client: clients.tagging }, { TagFilters: [{ Key: TAG_LAB }], ResourcesPerPage: 100 }),
    (p) => p.ResourceTagMappingList,
  );
  for (const m of mappings) {
    const lab = m.Tags?.find((t) => t.Key === TAG_LAB)?.Value;
    if (!lab || !m.ResourceARN) continue;
    byLab.set(lab, [...(byLab.get(lab) ?? []), m.ResourceARN]);
  }
  return byLab;
}

/** CloudFormation answers a missing stack with a plain ValidationError (HTTP 400). */
function isMissingStack(err: unknown): boolean {
  return isServiceError(err, 'ValidationError');
}

export async function describeLabStack(clients: TeardownClients, labId: string): Promise<StackInfo | undefined> {
  const name = labStackName(labId);
  try {
    const resources = await collect(paginateListStackResources({ client: clients.cloudformation }, { StackName: name }), (p) => p.StackResourceSummaries);
    return { name, resources: resources.filter((r) => r.ResourceStatus !== 'DELETE_COMPLETE') };
  } catch (err) {
    if (isMissingStack(err)) return undefined;
    throw err;
  }
}

const TAGGABLE: Record<string, TeardownKind> = {
  'sagemaker:endpoint': 'sagemaker:endpoint',
  'sagemaker:endpoint-config': 'sagemaker:endpoint-config',
  'sagemaker:model': 'sagemaker:model',
  'sagemaker:training-job': 'sagemaker:training-job',
  'sagemaker:processing-job': 'sagemaker:processing-job',
  'sagemaker:hyper-parameter-tuning-job': 'sagemaker:hyper-parameter-tuning-job',
  'sagemaker:transform-job': 'sagemaker:transform-job',
  'sagemaker:monitoring-schedule': 'sagemaker:monitoring-schedule',
  'sagemaker:pipeline': 'sagemaker:pipeline',
  'sagemaker:model-package-group': 'sagemaker:model-package-group',
  'sagemaker:notebook-instance': 'sagemaker:notebook-instance',
  'sagemaker:domain': 'sagemaker:domain',
  'kinesis:stream': 'kinesis:stream',
  'firehose:deliverystream': 'firehose:delivery-stream',
  'glue:crawler': 'glue:crawler',
  'glue:job': 'glue:job',
  'logs:log-group': 'logs:log-group',
};

const LAMBDA_LOG_GROUP_PREFIX = '/aws/lambda/';

/** A real-time endpoint logs to a group of its own, `/aws/sagemaker/Endpoints/<endpoint name>`. */
const ENDPOINT_LOG_GROUP_PREFIX = '/aws/sagemaker/Endpoints/';

/**
 * Log groups a service shares between every job or crawler of the account: only the lab's streams
 * in them are the lab's, never the group. SageMaker names a job's streams `<job name>/<host>-<epoch>`
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/logging-cloudwatch.html); a crawler logs to the
 * stream named after it (CrawlerHistory LogGroup/LogStream, https://docs.aws.amazon.com/glue/latest/webapi/API_CrawlerHistory.html).
 */
export const SHARED_LOG_GROUPS: readonly {
  readonly group: string;
  /** The kind of resource whose name the stream carries. */
  readonly kind: TeardownKind;
  /** The stack's resource type of that kind, when a stack can create one. */
  readonly stackType?: string;
  /** The owning resource's name, from a stream name. */
  readonly owner: (stream: string) => string;
  /** The stream-name prefix of one owner. */
  readonly streamPrefix: (owner: string) => string;
}[] = [
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

/** Containers: resources whose insides belong to the lab (their objects, consumers, apps, tables, queries). */
interface Containers {
  buckets: Map<string, string>;
  streams: Map<string, string>;
  domains: Map<string, string>;
  databases: Map<string, string>;
  workGroups: Map<string, string>;
  /** Lab VPCs, where SageMaker leaves a home EFS and NFS security groups CloudFormation never deletes. */
  vpcs: Map<string, string>;
}

/** The stack's claim is the strongest: a tag on a stack resource does not replace it. */
function setOnce(map: Map<string, string>, key: string, why: string): void {
  if (!map.has(key)) map.set(key, why);
}

class Claims {
  private readonly stackIds = new Set<string>();
  /** Physical names of the stack's resources by CloudFormation type. */
  private readonly stackByType = new Map<string, string[]>();
  private readonly tagged = new Map<TeardownKind, Set<string>>();
  private readonly otherLabs = new Map<TeardownKind, Map<string, string>>();
  readonly containers: Containers = { buckets: new Map(), streams: new Map(), domains: new Map(), databases: new Map(), workGroups: new Map(), vpcs: new Map() };
  readonly unhandledTagged: string[] = [];

  /** Other labs whose stack name extends this lab's (`MlLab-a-b` for lab `a`): their helper log groups share the prefix. */
  private readonly longerLabIds: string[];

  constructor(
    private readonly lab: LabScope,
    stack: StackInfo | undefined,
    tagged: Map<string, string[]>,
    formerStackIds: ReadonlySet<string>,
    otherLabIds: readonly string[] = [],
  ) {
    this.longerLabIds = [...new Set([...tagged.keys(), ...otherLabIds])].filter((id) => id.startsWith(`${lab.id}-`));
    const stackWhy = `stack ${labStackName(lab.id)}`;
    const tagWhy = `tag ${TAG_LAB}=${lab.id}`;
    for (const r of stack?.resources ?? []) {
      const id = r.PhysicalResourceId;
      if (!id) continue;
      this.stackIds.add(id);
      const name = id.startsWith('arn:') ? parseArn(id)?.resourceName ?? id : id;
      this.stackIds.add(name);
      if (r.ResourceType) this.stackByType.set(r.ResourceType, [...(this.stackByType.get(r.ResourceType) ?? []), name]);
      if (r.ResourceType === 'AWS::S3::Bucket') this.containers.buckets.set(name, stackWhy);
      if (r.ResourceType === 'AWS::Kinesis::Stream') this.containers.streams.set(name, stackWhy);
      if (r.ResourceType === 'AWS::SageMaker::Domain') this.containers.domains.set(name, stackWhy);
      if (r.ResourceType === 'AWS::Glue::Database') this.containers.databases.set(name, stackWhy);
      if (r.ResourceType === 'AWS::Athena::WorkGroup') this.containers.workGroups.set(name, stackWhy);
      if (r.ResourceType === 'AWS::EC2::VPC') this.containers.vpcs.set(name, stackWhy);
    }
    for (const [labId, arns] of tagged) {
      for (const arn of arns) {
        const parsed = parseArn(arn);
        if (!parsed) continue;
        const kind = TAGGABLE[`${parsed.service}:${parsed.resourceType}`];
        const name = parsed.resourceName;
        if (labId !== lab.id) {
          if (kind) {
            const others = this.otherLabs.get(kind) ?? new Map<string, string>();
            others.set(name.toLowerCase(), labId);
            this.otherLabs.set(kind, others);
          }
          continue;
        }
        if (kind) {
          const set = this.tagged.get(kind) ?? new Set<string>();
          set.add(name.toLowerCase());
          this.tagged.set(kind, set);
          if (kind === 'kinesis:stream') setOnce(this.containers.streams, name, tagWhy);
          if (kind === 'sagemaker:domain') setOnce(this.containers.domains, name, tagWhy);
        } else if (parsed.service === 's3' && parsed.resourceType === '') {
          setOnce(this.containers.buckets, name, tagWhy);
        } else if (parsed.service === 'glue' && parsed.resourceType === 'database') {
          setOnce(this.containers.databases, name, tagWhy);
        } else if (parsed.service === 'athena' && parsed.resourceType === 'workgroup') {
          setOnce(this.containers.workGroups, name, tagWhy);
        } else if (![arn, name].some((id) => this.stackIds.has(id) || formerStackIds.has(id))) {
          this.unhandledTagged.push(arn);
        }
      }
    }
  }

  /** The stack's resources of one CloudFormation type, by physical name. */
  stackNames(type: string): readonly string[] {
    return this.stackByType.get(type) ?? [];
  }

  /** Whether anything of this kind carries the lab's tag (its name may then follow no declared pattern). */
  hasTagged(kind: TeardownKind): boolean {
    return (this.tagged.get(kind)?.size ?? 0) > 0;
  }

  /**
   * A log group Lambda created for a function of the lab stack: CloudFormation names such a
   * function `<stack name>-<logical id>-<suffix>` and Lambda logs to `/aws/lambda/<function name>`
   * (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html).
   */
  stackLambdaLogGroup(name: string): { claim: Claim; why: string } | undefined {
    const prefixOf = (labId: string) => `${LAMBDA_LOG_GROUP_PREFIX}${labStackName(labId)}-`;
    if (!name.startsWith(prefixOf(this.lab.id))) return undefined;
    if (this.longerLabIds.some((id) => name.startsWith(prefixOf(id)))) return undefined;
    return { claim: 'stack-name', why: `name prefix '${prefixOf(this.lab.id)}'` };
  }

  /** Why the lab may touch a top-level resource of this kind, or undefined when it may not. */
  of(kind: TeardownKind, name: string): { claim: Claim; why: string; removedWithStack?: boolean } | undefined {
    if (this.stackIds.has(name)) return { claim: 'stack', why: `stack ${labStackName(this.lab.id)}`, removedWithStack: true };
    if (this.tagged.get(kind)?.has(name.toLowerCase())) return { claim: 'tag', why: `tag ${TAG_LAB}=${this.lab.id}` };
    // A name match never overrides another lab's tag: two labs may declare overlapping prefixes.
    if (this.otherLabs.get(kind)?.has(name.toLowerCase())) return undefined;
    const named = (this.lab.learnerResources ?? []).find(
      (l) => l.kind === (kind as LearnerResourceKind) && (l.match === 'prefix' ? name.startsWith(l.name) : name === l.name),
    );
    if (named) return { claim: 'name', why: named.match === 'prefix' ? `name prefix '${named.name}'` : `name '${named.name}'` };
    return undefined;
  }
}

const FREE = (why: string) => ({ costPerHourUsd: 0, costNote: why });

function hourly(prices: ResolvedPrices, key: string, quantity: number, what: string): { costPerHourUsd?: number; costNote?: string } {
  const entry = tryPrice(prices, key);
  if (!entry) return { costNote: `no price for ${key} in the table` };
  return { costPerHourUsd: entry.usd * quantity, costNote: what };
}

/** One Discovery of one lab in one region. Read-only: List*, Describe*, Get* calls only. */
export interface DiscoverOptions {
  /** The `mllab:lab` scan, when the caller already made it (`--all`). */
  readonly tagged?: Map<string, string[]>;
  /**
   * Physical ids of a stack destroyed in this run: the tagging API lists deleted resources for a
   * while, and CloudFormation already confirmed these gone.
   */
  readonly formerStackIds?: ReadonlySet<string>;
  /**
   * Lab ids this build knows besides the one torn down: a lab whose id extends this one's
   * (`a-b` for `a`) shares its helper log-group prefix, and its groups are not this lab's.
   */
  readonly otherLabIds?: readonly string[];
}

/** What discovery needs of a lab; `--all` also finds labs this build does not know, by their tag. */
export type LabScope = Pick<LabManifest, 'id' | 'learnerResources'>;

export async function discoverLab(clients: TeardownClients, lab: LabScope, prices: ResolvedPrices, options: DiscoverOptions = {}): Promise<Discovery> {
  const [stack, tags] = await Promise.all([describeLabStack(clients, lab.id), options.tagged ? Promise.resolve(options.tagged) : taggedArnsByLab(clients)]);
  const claims = new Claims(lab, stack, tags, options.formerStackIds ?? new Set(), options.otherLabIds);
  const logGroups = new Set<string>();
  const found: LabResource[] = [];
  const add = (kind: TeardownKind, name: string, extra: Partial<LabResource> = {}): boolean => {
    const c = claims.of(kind, name);
    if (!c) return false;
    found.push({ kind, name, ref: {}, ...c, ...extra });
    return true;
  };
  const sm = clients.sagemaker;

  await Promise.all([
    (async () => {
      for (const s of await collect(paginateListMonitoringSchedules({ client: sm }, {}), (p) => p.MonitoringScheduleSummaries)) {
        add('sagemaker:monitoring-schedule', s.MonitoringScheduleName!, { status: s.MonitoringScheduleStatus, ...FREE('the schedule is free; each monitoring job it starts bills') });
      }
    })(),
    (async () => {
      // Only running jobs cost anything and can be stopped; finished jobs are records, not resources.
      for (const j of await collect(paginateListTrainingJobs({ client: sm }, { StatusEquals: 'InProgress' }), (p) => p.TrainingJobSummaries)) {
        const c = claims.of('sagemaker:training-job', j.TrainingJobName!);
        if (!c) continue;
        const d = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: j.TrainingJobName! }));
        const type = d.ResourceConfig?.InstanceType ?? 'unknown';
        const count = d.ResourceConfig?.InstanceCount ?? 1;
        const key = d.EnableManagedSpotTraining ? `sagemaker:training-spot-hour:${type}` : `sagemaker:training-hour:${type}`;
        found.push({ kind: 'sagemaker:training-job', name: j.TrainingJobName!, ref: {}, ...c, status: j.TrainingJobStatus, ...hourly(prices, key, count, `${count} x ${type}`) });
      }
    })(),
    (async () => {
      for (const j of await collect(paginateListProcessingJobs({ client: sm }, { StatusEquals: 'InProgress' }), (p) => p.ProcessingJobSummaries)) {
        add('sagemaker:processing-job', j.ProcessingJobName!, { status: j.ProcessingJobStatus, costNote: 'bills per instance-hour of its instances until stopped; not priced here' });
      }
    })(),
    (async () => {
      for (const j of await collect(paginateListHyperParameterTuningJobs({ client: sm }, { StatusEquals: 'InProgress' }), (p) => p.HyperParameterTuningJobSummaries)) {
        add('sagemaker:hyper-parameter-tuning-job', j.HyperParameterTuningJobName!, { status: j.HyperParameterTuningJobStatus, costNote: 'bills per instance-hour of its instances until stopped; not priced here' });
      }
    })(),
    (async () => {
      for (const j of await collect(paginateListTransformJobs({ client: sm }, { StatusEquals: 'InProgress' }), (p) => p.TransformJobSummaries)) {
        add('sagemaker:transform-job', j.TransformJobName!, { status: j.TransformJobStatus, costNote: 'bills per instance-hour of its instances until stopped; not priced here' });
      }
    })(),
    (async () => {
      for (const e of await collect(paginateListEndpoints({ client: sm }, {}), (p) => p.Endpoints)) {
        const c = claims.of('sagemaker:endpoint', e.EndpointName!);
        if (!c) continue;
        found.push({ kind: 'sagemaker:endpoint', name: e.EndpointName!, ref: {}, ...c, status: e.EndpointStatus, ...(await endpointHourly(clients, prices, e.EndpointName!)) });
      }
    })(),
    (async () => {
      for (const e of await collect(paginateListEndpointConfigs({ client: sm }, {}), (p) => p.EndpointConfigs)) add('sagemaker:endpoint-config', e.EndpointConfigName!, FREE('a configuration record'));
    })(),
    (async () => {
      for (const m of await collect(paginateListModels({ client: sm }, {}), (p) => p.Models)) add('sagemaker:model', m.ModelName!, FREE('a model record; its artefacts are S3 objects'));
    })(),
    (async () => {
      for (const m of await collect(paginateListPipelines({ client: sm }, {}), (p) => p.PipelineSummaries)) add('sagemaker:pipeline', m.PipelineName!, FREE('a definition; its executions bill per step'));
    })(),
    (async () => {
      for (const g of await collect(paginateListModelPackageGroups({ client: sm }, {}), (p) => p.ModelPackageGroupSummaryList)) {
        add('sagemaker:model-package-group', g.ModelPackageGroupName!, { status: g.ModelPackageGroupStatus, ...FREE('registry records') });
      }
    })(),
    (async () => {
      for (const n of await collect(paginateListNotebookInstances({ client: sm }, {}), (p) => p.NotebookInstances)) {
        const running = n.NotebookInstanceStatus === 'InService' || n.NotebookInstanceStatus === 'Pending';
        add('sagemaker:notebook-instance', n.NotebookInstanceName!, {
          status: n.NotebookInstanceStatus,
          ...(running ? hourly(prices, `sagemaker:notebook-hour:${n.InstanceType}`, 1, `${n.InstanceType}`) : { costPerHourUsd: 0, costNote: 'stopped' }),
        });
      }
    })(),
    (async () => {
      for (const name of await collect(paginateListStreams({ client: clients.kinesis }, {}), (p) => p.StreamNames)) {
        const c = claims.of('kinesis:stream', name);
        if (!c) continue;
        if (c.claim !== 'stack') setOnce(claims.containers.streams, name, c.why);
        found.push({ kind: 'kinesis:stream', name, ...c, ...(await streamHourly(clients, prices, name)) });
      }
    })(),
    (async () => {
      for (const name of await listDeliveryStreams(clients)) add('firehose:delivery-stream', name, { costPerHourUsd: 0, costNote: 'billed per GB ingested' });
    })(),
    (async () => {
      for (const c of await collect(paginateGetCrawlers({ client: clients.glue }, {}), (p) => p.Crawlers)) {
        add('glue:crawler', c.Name!, { status: c.State, costPerHourUsd: 0, costNote: 'billed per DPU-hour while a crawl runs' });
      }
    })(),
    (async () => {
      for (const j of await collect(paginateGetJobs({ client: clients.glue }, {}), (p) => p.Jobs)) add('glue:job', j.Name!, { costPerHourUsd: 0, costNote: 'billed per DPU-hour while a run runs' });
    })(),
    (async () => {
      for (const g of await collect(paginateDescribeLogGroups({ client: clients.logs }, {}), (p) => p.logGroups)) {
        const name = g.logGroupName!;
        logGroups.add(name);
        const gb = (g.storedBytes ?? 0) / 1024 ** 3;
        const cost = hourly(prices, 'logs:storage-gb-month', gb / HOURS_PER_MONTH, `${gb.toFixed(3)} GB stored`);
        if (add('logs:log-group', name, cost)) continue;
        const helper = claims.stackLambdaLogGroup(name);
        if (helper) {
          found.push({ kind: 'logs:stack-lambda-log-group', name, ref: {}, ...helper, ...cost });
          continue;
        }
        const endpoint = name.startsWith(ENDPOINT_LOG_GROUP_PREFIX) ? claims.of('sagemaker:endpoint', name.slice(ENDPOINT_LOG_GROUP_PREFIX.length)) : undefined;
        if (endpoint) found.push({ kind: 'logs:log-group', name, ref: {}, claim: 'inside', why: `log group of endpoint ${name.slice(ENDPOINT_LOG_GROUP_PREFIX.length)} (${endpoint.why})`, ...cost });
      }
    })(),
  ]);

  // Insides of the lab's containers, now that learner-claimed streams are known too.
  await Promise.all([
    ...[...claims.containers.streams].map(([stream, why]) => streamConsumers(clients, prices, stream, why, found)),
    ...[...claims.containers.domains].map(([domainId, why]) => studioInsides(clients, prices, domainId, why, found)),
    ...[...claims.containers.databases].map(async ([db, why]) => {
      if (!why.startsWith('stack')) found.push({ kind: 'glue:database', name: db, claim: 'tag', why, ref: {}, ...FREE('a Data Catalog entry (first million free)') });
      for (const t of await collectOrEmpty(paginateGetTables({ client: clients.glue }, { DatabaseName: db }), (p) => p.TableList)) {
        found.push({ kind: 'glue:table', name: t.Name!, claim: 'inside', why: `in database ${db} (${why})`, ref: { database: db }, removedWithStack: why.startsWith('stack'), ...FREE('a Data Catalog entry (first million free)') });
      }
    }),
    ...[...claims.containers.workGroups].map(async ([wg, why]) => {
      const ids = await collectOrEmpty(paginateListNamedQueries({ client: clients.athena }, { WorkGroup: wg }), (p) => p.NamedQueryIds);
      for (let i = 0; i < ids.length; i += 50) {
        const out = await clients.athena.send(new BatchGetNamedQueryCommand({ NamedQueryIds: ids.slice(i, i + 50) }));
        for (const q of out.NamedQueries ?? []) found.push({ kind: 'athena:named-query', name: q.Name ?? q.NamedQueryId!, claim: 'inside', why: `in workgroup ${wg} (${why})`, ref: { id: q.NamedQueryId! }, ...FREE('a saved query text') });
      }
    }),
    ...[...claims.containers.buckets].map(([bucket, why]) => bucketObjects(clients, prices, bucket, why, found)),
    ...[...claims.containers.vpcs].map(([vpcId, why]) => studioVpcLeftovers(clients, vpcId, why, [...claims.containers.domains.keys()], found)),
    ...SHARED_LOG_GROUPS.filter((shared) => logGroups.has(shared.group)).map((shared) => sharedLogStreams(clients, lab, claims, shared, found)),
  ]);

  const stackLine: LabResource[] = stack
    ? [{ kind: 'cloudformation:stack', name: stack.name, claim: 'stack', why: `${stack.resources.length} resources`, ref: {} }]
    : [];
  return { labId: lab.id, region: clients.region, ...(stack ? { stack } : {}), resources: [...found, ...stackLine], unhandledTagged: claims.unhandledTagged };
}

/**
 * The lab's streams in one shared service log group. Streams are listed by the prefixes the lab's
 * names give; only when the lab tagged something of the kind (its name may follow no declared
 * pattern) is the whole group listed. Every stream is then checked against the claims, so another
 * lab's or a foreign job's stream is never taken for the lab's.
 */
async function sharedLogStreams(clients: TeardownClients, lab: LabScope, claims: Claims, shared: (typeof SHARED_LOG_GROUPS)[number], found: LabResource[]): Promise<void> {
  const declared = (lab.learnerResources ?? []).filter((l) => l.kind === (shared.kind as LearnerResourceKind));
  const prefixes: (string | undefined)[] = claims.hasTagged(shared.kind)
    ? [undefined]
    : [...new Set([
        ...declared.map((l) => (l.match === 'prefix' ? l.name : shared.streamPrefix(l.name))),
        ...(shared.stackType ? claims.stackNames(shared.stackType).map(shared.streamPrefix) : []),
      ])];
  const seen = new Set<string>();
  for (const prefix of prefixes) {
    const streams = await collectOrEmpty(
      paginateDescribeLogStreams({ client: clients.logs }, { logGroupName: shared.group, ...(prefix ? { logStreamNamePrefix: prefix } : {}) }),
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
}

/** A container that disappears between listing and reading it simply has nothing inside. */
async function collectOrEmpty<P, T>(pages: AsyncIterable<P>, items: (page: P) => readonly T[] | undefined): Promise<T[]> {
  try {
    return await collect(pages, items);
  } catch (err) {
    if (isServiceError(err, 'ResourceNotFoundException', 'EntityNotFoundException', 'NoSuchBucket', 'ResourceNotFound', 'InvalidRequestException')) return [];
    throw err;
  }
}

async function listDeliveryStreams(clients: TeardownClients): Promise<string[]> {
  // Firehose has no paginator: it pages by the last name seen.
  const names: string[] = [];
  let start: string | undefined;
  for (;;) {
    const out = await clients.firehose.send(new ListDeliveryStreamsCommand({ Limit: 100, ...(start ? { ExclusiveStartDeliveryStreamName: start } : {}) }));
    names.push(...(out.DeliveryStreamNames ?? []));
    if (!out.HasMoreDeliveryStreams || !out.DeliveryStreamNames?.length) return names;
    start = out.DeliveryStreamNames[out.DeliveryStreamNames.length - 1];
  }
}

async function endpointHourly(clients: TeardownClients, prices: ResolvedPrices, name: string): Promise<{ costPerHourUsd?: number; costNote?: string }> {
  const endpoint = await clients.sagemaker.send(new DescribeEndpointCommand({ EndpointName: name }));
  if (!endpoint.EndpointConfigName) return { costNote: 'no endpoint config' };
  const config = await clients.sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName }));
  let usd = 0;
  const notes: string[] = [];
  for (const v of config.ProductionVariants ?? []) {
    if (v.ServerlessConfig) {
      notes.push(`${v.VariantName}: serverless, billed per GB-second of use`);
      continue;
    }
    const count = endpoint.ProductionVariants?.find((p) => p.VariantName === v.VariantName)?.CurrentInstanceCount ?? v.InitialInstanceCount ?? 1;
    const entry = tryPrice(prices, `sagemaker:hosting-hour:${v.InstanceType}`);
    if (!entry) return { costNote: `no price for sagemaker:hosting-hour:${v.InstanceType} in the table` };
    usd += entry.usd * count;
    notes.push(`${count} x ${v.InstanceType}`);
  }
  return { costPerHourUsd: usd, costNote: notes.join(', ') };
}

async function streamHourly(clients: TeardownClients, prices: ResolvedPrices, name: string): Promise<{ costPerHourUsd?: number; costNote?: string; ref: Record<string, string> }> {
  const s = (await clients.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary;
  const ref = { arn: s?.StreamARN ?? '', shards: String(s?.OpenShardCount ?? 0) };
  if (s?.StreamModeDetails?.StreamMode === 'ON_DEMAND') return { ref, ...hourly(prices, 'kinesis:on-demand-stream-hour', 1, 'on-demand stream') };
  const shards = s?.OpenShardCount ?? 0;
  const base = hourly(prices, 'kinesis:shard-hour', shards, `${shards} shard(s)`);
  const extended = (s?.RetentionPeriodHours ?? 24) > 24 ? tryPrice(prices, 'kinesis:extended-retention-shard-hour')?.usd ?? 0 : 0;
  return { ref, ...base, ...(base.costPerHourUsd !== undefined ? { costPerHourUsd: base.costPerHourUsd + extended * shards } : {}) };
}

async function streamConsumers(clients: TeardownClients, prices: ResolvedPrices, stream: string, why: string, found: LabResource[]): Promise<void> {
  let summary;
  try {
    summary = (await clients.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: stream }))).StreamDescriptionSummary;
  } catch (err) {
    if (isServiceError(err, 'ResourceNotFoundException')) return;
    throw err;
  }
  if (!summary?.StreamARN) return;
  const shards = summary.OpenShardCount ?? 1;
  const consumers = await collectOrEmpty(paginateListStreamConsumers({ client: clients.kinesis }, { StreamARN: summary.StreamARN }), (p) => p.Consumers);
  for (const c of consumers) {
    // A consumer is registered on a lab stream: it goes with the stream, whoever registered it.
    found.push({
      kind: 'kinesis:stream-consumer', name: c.ConsumerName!, claim: 'inside', why: `on stream ${stream} (${why})`,
      ref: { streamArn: summary.StreamARN, consumerArn: c.ConsumerARN! }, status: c.ConsumerStatus,
      ...hourly(prices, 'kinesis:efo-consumer-shard-hour', shards, `${shards} shard(s)`),
    });
  }
}

async function studioInsides(clients: TeardownClients, prices: ResolvedPrices, domainId: string, why: string, found: LabResource[]): Promise<void> {
  const sm = clients.sagemaker;
  const [apps, spaces, profiles] = await Promise.all([
    collectOrEmpty(paginateListApps({ client: sm }, { DomainIdEquals: domainId }), (p) => p.Apps),
    collectOrEmpty(paginateListSpaces({ client: sm }, { DomainIdEquals: domainId }), (p) => p.Spaces),
    collectOrEmpty(paginateListUserProfiles({ client: sm }, { DomainIdEquals: domainId }), (p) => p.UserProfiles),
  ]);
  const inside = `in domain ${domainId} (${why})`;
  for (const a of apps.filter((x) => x.Status !== 'Deleted')) {
    const type = a.ResourceSpec?.InstanceType;
    const billed = a.Status === 'InService' || a.Status === 'Pending';
    const cost = !billed ? { costPerHourUsd: 0, costNote: a.Status ?? '' } : !type || type === 'system' ? { costPerHourUsd: 0, costNote: 'system instance, not billed' } : hourly(prices, `sagemaker:studio-app-hour:${type}`, 1, type);
    found.push({ kind: 'sagemaker:app', name: `${a.AppType}/${a.AppName}`, claim: 'inside', why: inside, ref: { domainId }, status: a.Status, ...cost });
  }
  for (const s of spaces) found.push({ kind: 'sagemaker:space', name: s.SpaceName!, claim: 'inside', why: inside, ref: { domainId }, status: s.Status, costPerHourUsd: 0 });
  for (const u of profiles) found.push({ kind: 'sagemaker:user-profile', name: u.UserProfileName!, claim: 'inside', why: inside, ref: { domainId }, status: u.Status, costPerHourUsd: 0 });
  found.push({
    kind: 'sagemaker:domain', name: domainId, claim: why.startsWith('stack') ? 'stack' : 'tag', why, ref: { domainId },
    ...hourly(prices, 'efs:storage-gb-month', 1 / HOURS_PER_MONTH, 'home EFS volume, 1 GB assumed'),
  });
}

async function bucketObjects(clients: TeardownClients, prices: ResolvedPrices, bucket: string, why: string, found: LabResource[]): Promise<void> {
  let count = 0;
  let bytes = 0;
  let versioned = false;
  try {
    versioned = await isVersioned(clients.s3, bucket);
    for await (const page of bucketEntries(clients.s3, bucket, versioned)) {
      count += page.length;
      bytes += page.reduce((sum, e) => sum + e.Size, 0);
    }
  } catch (err) {
    if (isServiceError(err, 'NoSuchBucket')) return;
    throw err;
  }
  if (count === 0) return;
  const gb = bytes / 1024 ** 3;
  found.push({
    kind: 's3:objects', name: `s3://${bucket}`, claim: 'inside', why: `${count} ${versioned ? 'object version(s)' : 'object(s)'} in bucket ${bucket} (${why})`, ref: { bucket },
    ...hourly(prices, 's3:storage-gb-month', gb / HOURS_PER_MONTH, `${gb.toFixed(3)} GB stored`),
  });
}
/**
 * A lab VPC with a lab domain, or with SageMaker's NFS security groups still in it (a domain
 * deleted by an earlier, interrupted run): its leftovers are cleaned before the stack is destroyed,
 * since they keep the subnets and the VPC from being deleted.
 */
async function studioVpcLeftovers(clients: TeardownClients, vpcId: string, why: string, domainIds: string[], found: LabResource[]): Promise<void> {
  const [inbound, outbound] = nfsSecurityGroupNames('d-*');
  const groups = await collect(
    paginateDescribeSecurityGroups({ client: clients.ec2 }, { Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: [inbound, outbound] }] }),
    (p) => p.SecurityGroups,
  );
  if (groups.length === 0 && domainIds.length === 0) return;
  found.push({
    kind: 'sagemaker:studio-vpc-leftovers', name: vpcId, claim: 'inside',
    why: `home EFS and ${groups.length} NFS security group(s) SageMaker left in VPC ${vpcId} (${why})`,
    ref: domainIds.length === 1 ? { domainId: domainIds[0]! } : {},
    costNote: 'the home EFS is priced on the domain line',
    costPerHourUsd: 0,
  });
}
