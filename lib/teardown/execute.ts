// Executes a plan step by step. Each resource has a non-blocking `advance`: it reads the current
// state, starts the next write only when none is in flight, and says whether the resource is gone.
// A step is passed over and over (sleeping between passes) until everything in it is gone, so the
// run waits through `Deleting` for as long as AWS takes, and a re-run picks up where a failed run stopped.
import { DeleteNamedQueryCommand } from '@aws-sdk/client-athena';
import { DeleteLogGroupCommand, DeleteLogStreamCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DeleteDeliveryStreamCommand, DescribeDeliveryStreamCommand } from '@aws-sdk/client-firehose';
import { DeleteCrawlerCommand, DeleteDatabaseCommand, DeleteJobCommand, GetDatabaseCommand, DeleteTableCommand, GetCrawlerCommand, GetJobCommand, GetTableCommand, StopCrawlerCommand } from '@aws-sdk/client-glue';
import { DeleteStreamCommand, DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import { DeleteObjectsCommand } from '@aws-sdk/client-s3';
import {
  DeleteDomainCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DeleteModelPackageCommand,
  DeleteModelPackageGroupCommand,
  DeleteMonitoringScheduleCommand,
  DeleteNotebookInstanceCommand,
  DeletePipelineCommand,
  DescribeDomainCommand,
  DescribeHyperParameterTuningJobCommand,
  DescribeProcessingJobCommand,
  DescribeTrainingJobCommand,
  DescribeTransformJobCommand,
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListModelPackageGroupsCommand,
  ListModelsCommand,
  ListMonitoringSchedulesCommand,
  ListNotebookInstancesCommand,
  ListPipelinesCommand,
  paginateListModelPackages,
  StopHyperParameterTuningJobCommand,
  StopNotebookInstanceCommand,
  StopProcessingJobCommand,
  StopTrainingJobCommand,
  StopTransformJobCommand,
} from '@aws-sdk/client-sagemaker';
import { classifyError } from '../aws/errors';
import { advanceAppsCleanup, advanceStreamConsumerCleanup, advanceVpcCleanup } from '../cleanup';
import { collect, isServiceError } from '../cleanup/progress';
import type { TeardownClients } from './clients';
import { STACK_STEP, STEPS, type LabResource, type TeardownKind } from './resources';
import type { PlanItem, TeardownPlan } from './plan';
import { bucketEntries, isVersioned, type BucketEntry } from './s3';

export interface ExecuteOptions {
  /** Destroys the lab stack and resolves once it is gone (lib/deploy's toolkit destroy, with visible progress). */
  readonly destroyStack: (stackName: string) => Promise<void>;
  /** Pause between passes over a step. @default 15 seconds */
  readonly pollMs?: number;
  /** How long one step may take before teardown gives up on it. @default 45 minutes (a Studio domain takes many minutes) */
  readonly stepTimeoutMs?: number;
  /** One line per action or wait, for the terminal. */
  readonly onProgress?: (line: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface ItemFailure {
  readonly item: string;
  readonly message: string;
}

export interface ExecuteResult {
  /** Every write teardown started, in order (`DeleteEndpoint churn-ep`). */
  readonly actions: readonly string[];
  readonly failures: readonly ItemFailure[];
  /** The step that failed or timed out; later steps did not run. */
  readonly stoppedAtStep?: number;
  readonly stackDestroyed: boolean;
}

/** Per-run memory: the writes already started, so a pass never repeats one while AWS works on it. */
interface RunState {
  readonly clients: TeardownClients;
  readonly started: Set<string>;
  readonly act: (what: string) => void;
  /** Details read before a deletion that are needed after it (the domain's VPC and home volume). */
  readonly domains: Map<string, { vpcId?: string; homeEfsFileSystemId?: string }>;
}

type Advance = (r: LabResource, s: RunState) => Promise<boolean>;

const IN_FLIGHT = new Set(['Deleting', 'DELETING', 'Stopping', 'STOPPING', 'Creating', 'CREATING', 'Updating', 'UPDATING', 'Pending', 'SystemUpdating', 'RollingBack']);

/** Sends a write once per run; ResourceInUse/Conflict mean AWS is still busy: try again next pass. */
async function once(s: RunState, key: string, label: string, send: () => Promise<unknown>): Promise<void> {
  if (s.started.has(key)) return;
  try {
    await send();
    s.started.add(key);
    s.act(label);
  } catch (err) {
    if (isServiceError(err, 'ResourceInUse', 'ResourceInUseException', 'ConflictException', 'ConcurrentModificationException', 'CrawlerStoppingException')) return;
    throw err;
  }
}

/** A SageMaker resource's status by exact name from a `NameContains` list, undefined when gone. */
async function listedStatus<T>(items: () => Promise<readonly T[] | undefined>, nameOf: (t: T) => string | undefined, name: string, statusOf: (t: T) => string | undefined): Promise<{ status?: string } | undefined> {
  const hit = (await items())?.find((t) => nameOf(t) === name);
  return hit ? { status: statusOf(hit) } : undefined;
}

const jobAdvance = (describe: (r: LabResource, s: RunState) => Promise<string | undefined>, stop: (r: LabResource, s: RunState) => Promise<unknown>, op: string): Advance =>
  async (r, s) => {
    const status = await describe(r, s);
    if (status === 'InProgress') {
      await once(s, `${op}:${r.name}`, `${op} ${r.name}`, () => stop(r, s));
      return false;
    }
    return status !== 'Stopping';
  };

const sm = (s: RunState) => s.clients.sagemaker;

/**
 * The common case: read the resource (gone when the read says `notFound`), wait while its status
 * is in flight, otherwise start the delete once.
 */
function deleteWhenIdle(o: {
  readonly notFound: string;
  readonly op: string;
  readonly status: (r: LabResource, s: RunState) => Promise<string | undefined>;
  readonly send: (r: LabResource, s: RunState) => Promise<unknown>;
  readonly id?: (r: LabResource) => string;
}): Advance {
  return async (r, s) => {
    let status: string | undefined;
    try {
      status = await o.status(r, s);
    } catch (err) {
      if (isServiceError(err, o.notFound)) return true;
      throw err;
    }
    if (IN_FLIGHT.has(status ?? '')) return false;
    const id = o.id?.(r) ?? r.name;
    await once(s, `${o.op}:${id}`, `${o.op} ${id}`, () => o.send(r, s));
    return false;
  };
}

const ADVANCE: Partial<Record<TeardownKind, Advance>> = {
  'sagemaker:monitoring-schedule': async (r, s) => {
    const found = await listedStatus(async () => (await sm(s).send(new ListMonitoringSchedulesCommand({ NameContains: r.name }))).MonitoringScheduleSummaries, (x) => x.MonitoringScheduleName, r.name, (x) => x.MonitoringScheduleStatus);
    if (!found) return true;
    await once(s, `DeleteMonitoringSchedule:${r.name}`, `DeleteMonitoringSchedule ${r.name}`, () => sm(s).send(new DeleteMonitoringScheduleCommand({ MonitoringScheduleName: r.name })));
    return false;
  },
  'sagemaker:training-job': jobAdvance(
    async (r, s) => (await sm(s).send(new DescribeTrainingJobCommand({ TrainingJobName: r.name }))).TrainingJobStatus,
    (r, s) => sm(s).send(new StopTrainingJobCommand({ TrainingJobName: r.name })), 'StopTrainingJob'),
  'sagemaker:processing-job': jobAdvance(
    async (r, s) => (await sm(s).send(new DescribeProcessingJobCommand({ ProcessingJobName: r.name }))).ProcessingJobStatus,
    (r, s) => sm(s).send(new StopProcessingJobCommand({ ProcessingJobName: r.name })), 'StopProcessingJob'),
  'sagemaker:hyper-parameter-tuning-job': jobAdvance(
    async (r, s) => (await sm(s).send(new DescribeHyperParameterTuningJobCommand({ HyperParameterTuningJobName: r.name }))).HyperParameterTuningJobStatus,
    (r, s) => sm(s).send(new StopHyperParameterTuningJobCommand({ HyperParameterTuningJobName: r.name })), 'StopHyperParameterTuningJob'),
  'sagemaker:transform-job': jobAdvance(
    async (r, s) => (await sm(s).send(new DescribeTransformJobCommand({ TransformJobName: r.name }))).TransformJobStatus,
    (r, s) => sm(s).send(new StopTransformJobCommand({ TransformJobName: r.name })), 'StopTransformJob'),
  'sagemaker:endpoint': async (r, s) => {
    const found = await listedStatus(async () => (await sm(s).send(new ListEndpointsCommand({ NameContains: r.name }))).Endpoints, (x) => x.EndpointName, r.name, (x) => x.EndpointStatus);
    if (!found) return true;
    if (found.status !== 'Deleting') await once(s, `DeleteEndpoint:${r.name}`, `DeleteEndpoint ${r.name}`, () => sm(s).send(new DeleteEndpointCommand({ EndpointName: r.name })));
    return false;
  },
  'sagemaker:endpoint-config': async (r, s) => {
    const found = await listedStatus(async () => (await sm(s).send(new ListEndpointConfigsCommand({ NameContains: r.name }))).EndpointConfigs, (x) => x.EndpointConfigName, r.name, () => undefined);
    if (!found) return true;
    await once(s, `DeleteEndpointConfig:${r.name}`, `DeleteEndpointConfig ${r.name}`, () => sm(s).send(new DeleteEndpointConfigCommand({ EndpointConfigName: r.name })));
    return false;
  },
  'sagemaker:model': async (r, s) => {
    const found = await listedStatus(async () => (await sm(s).send(new ListModelsCommand({ NameContains: r.name }))).Models, (x) => x.ModelName, r.name, () => undefined);
    if (!found) return true;
    await once(s, `DeleteModel:${r.name}`, `DeleteModel ${r.name}`, () => sm(s).send(new DeleteModelCommand({ ModelName: r.name })));
    return false;
  },
  'sagemaker:pipeline': async (r, s) => {
    const found = await listedStatus(async () => (await sm(s).send(new ListPipelinesCommand({ PipelineNamePrefix: r.name }))).PipelineSummaries, (x) => x.PipelineName, r.name, () => undefined);
    if (!found) return true;
    await once(s, `DeletePipeline:${r.name}`, `DeletePipeline ${r.name}`, () => sm(s).send(new DeletePipelineCommand({ PipelineName: r.name, ClientRequestToken: `mllab-teardown-${r.name}`.slice(0, 128) })));
    return false;
  },
  'sagemaker:model-package-group': async (r, s) => {
    const found = await listedStatus(async () => (await sm(s).send(new ListModelPackageGroupsCommand({ NameContains: r.name }))).ModelPackageGroupSummaryList, (x) => x.ModelPackageGroupName, r.name, (x) => x.ModelPackageGroupStatus);
    if (!found) return true;
    if (found.status === 'Deleting') return false;
    // A group with versions in it cannot be deleted: its model packages go first.
    const packages = await collect(paginateListModelPackages({ client: sm(s) }, { ModelPackageGroupName: r.name }), (p) => p.ModelPackageSummaryList);
    for (const p of packages) {
      await once(s, `DeleteModelPackage:${p.ModelPackageArn}`, `DeleteModelPackage ${p.ModelPackageArn}`, () => sm(s).send(new DeleteModelPackageCommand({ ModelPackageName: p.ModelPackageArn })));
    }
    if (packages.length === 0) await once(s, `DeleteModelPackageGroup:${r.name}`, `DeleteModelPackageGroup ${r.name}`, () => sm(s).send(new DeleteModelPackageGroupCommand({ ModelPackageGroupName: r.name })));
    return false;
  },
  'sagemaker:notebook-instance': async (r, s) => {
    const found = await listedStatus(async () => (await sm(s).send(new ListNotebookInstancesCommand({ NameContains: r.name }))).NotebookInstances, (x) => x.NotebookInstanceName, r.name, (x) => x.NotebookInstanceStatus);
    if (!found) return true;
    if (found.status === 'InService') await once(s, `StopNotebookInstance:${r.name}`, `StopNotebookInstance ${r.name}`, () => sm(s).send(new StopNotebookInstanceCommand({ NotebookInstanceName: r.name })));
    if (found.status === 'Stopped' || found.status === 'Failed') await once(s, `DeleteNotebookInstance:${r.name}`, `DeleteNotebookInstance ${r.name}`, () => sm(s).send(new DeleteNotebookInstanceCommand({ NotebookInstanceName: r.name })));
    return false;
  },
  'sagemaker:domain': async (r, s) => {
    const domainId = r.ref.domainId ?? r.name;
    let domain;
    try {
      domain = await sm(s).send(new DescribeDomainCommand({ DomainId: domainId }));
    } catch (err) {
      if (isServiceError(err, 'ResourceNotFound')) return true;
      throw err;
    }
    s.domains.set(domainId, { vpcId: domain.VpcId, homeEfsFileSystemId: domain.HomeEfsFileSystemId });
    if (domain.Status === 'Deleting') return false;
    // Delete_Failed: SageMaker says why in FailureReason; a fresh DeleteDomain retries it.
    const key = domain.Status === 'Delete_Failed' ? `DeleteDomain:${domainId}:${domain.LastModifiedTime?.toISOString()}` : `DeleteDomain:${domainId}`;
    await once(s, key, `DeleteDomain ${domainId} (home EFS volume deleted with it)`, () =>
      sm(s).send(new DeleteDomainCommand({ DomainId: domainId, RetentionPolicy: { HomeEfsFileSystem: 'Delete' } })));
    return false;
  },
  'sagemaker:studio-vpc-leftovers': async (r, s) => {
    // Waits by itself until the domain is gone, so it can run beside the domain's deletion.
    const domainId = r.ref.domainId;
    const progress = await advanceVpcCleanup(
      { sagemaker: s.clients.sagemaker, efs: s.clients.efs, ec2: s.clients.ec2 },
      { vpcId: r.name, ...(domainId ? { domainId } : {}), ...(domainId && s.domains.get(domainId)?.homeEfsFileSystemId ? { homeEfsFileSystemId: s.domains.get(domainId)!.homeEfsFileSystemId } : {}) },
    );
    for (const a of progress.actions) s.act(`${a} (VPC ${r.name})`);
    return progress.complete;
  },
  'kinesis:stream': deleteWhenIdle({
    notFound: 'ResourceNotFoundException', op: 'DeleteStream',
    status: async (r, s) => (await s.clients.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: r.name }))).StreamDescriptionSummary?.StreamStatus,
    send: (r, s) => s.clients.kinesis.send(new DeleteStreamCommand({ StreamName: r.name })),
  }),
  'firehose:delivery-stream': deleteWhenIdle({
    notFound: 'ResourceNotFoundException', op: 'DeleteDeliveryStream',
    status: async (r, s) => (await s.clients.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: r.name }))).DeliveryStreamDescription?.DeliveryStreamStatus,
    send: (r, s) => s.clients.firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: r.name })),
  }),
  'glue:crawler': async (r, s) => {
    let state;
    try {
      state = (await s.clients.glue.send(new GetCrawlerCommand({ Name: r.name }))).Crawler?.State;
    } catch (err) {
      if (isServiceError(err, 'EntityNotFoundException')) return true;
      throw err;
    }
    // A running crawler cannot be deleted: stop it, wait for READY, then delete.
    if (state === 'RUNNING') await once(s, `StopCrawler:${r.name}`, `StopCrawler ${r.name}`, () => s.clients.glue.send(new StopCrawlerCommand({ Name: r.name })));
    else if (state !== 'STOPPING') await once(s, `DeleteCrawler:${r.name}`, `DeleteCrawler ${r.name}`, () => s.clients.glue.send(new DeleteCrawlerCommand({ Name: r.name })));
    return false;
  },
  'glue:job': deleteWhenIdle({
    notFound: 'EntityNotFoundException', op: 'DeleteJob',
    status: async (r, s) => (await s.clients.glue.send(new GetJobCommand({ JobName: r.name })), undefined),
    send: (r, s) => s.clients.glue.send(new DeleteJobCommand({ JobName: r.name })),
  }),
  'glue:table': deleteWhenIdle({
    notFound: 'EntityNotFoundException', op: 'DeleteTable', id: (r) => `${r.ref.database}.${r.name}`,
    status: async (r, s) => (await s.clients.glue.send(new GetTableCommand({ DatabaseName: r.ref.database, Name: r.name })), undefined),
    send: (r, s) => s.clients.glue.send(new DeleteTableCommand({ DatabaseName: r.ref.database, Name: r.name })),
  }),
  'glue:database': deleteWhenIdle({
    notFound: 'EntityNotFoundException', op: 'DeleteDatabase',
    status: async (r, s) => (await s.clients.glue.send(new GetDatabaseCommand({ Name: r.name })), undefined),
    send: (r, s) => s.clients.glue.send(new DeleteDatabaseCommand({ Name: r.name })),
  }),
  'athena:named-query': async (r, s) => {
    // DeleteNamedQuery is synchronous and succeeds for an id already deleted.
    await once(s, `DeleteNamedQuery:${r.ref.id}`, `DeleteNamedQuery ${r.name} (${r.why})`, () => s.clients.athena.send(new DeleteNamedQueryCommand({ NamedQueryId: r.ref.id })));
    return true;
  },
  's3:objects': async (r, s) => {
    const bucket = r.ref.bucket!;
    let page: BucketEntry[] = [];
    try {
      const versioned = await isVersioned(s.clients.s3, bucket);
      // One page per pass: the next pass lists again, so nothing is deleted from a stale listing.
      for await (const first of bucketEntries(s.clients.s3, bucket, versioned)) {
        page = first;
        break;
      }
    } catch (err) {
      if (isServiceError(err, 'NoSuchBucket')) return true;
      throw err;
    }
    if (page.length === 0) return true;
    const objects = page.map((e) => ({ Key: e.Key, ...(e.VersionId ? { VersionId: e.VersionId } : {}) }));
    const out = await s.clients.s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }));
    s.act(`DeleteObjects s3://${bucket} (${objects.length - (out.Errors?.length ?? 0)} ${objects.some((o) => o.VersionId) ? 'version(s)' : 'object(s)'})`);
    if (out.Errors?.length) throw new Error(`S3 refused to delete ${out.Errors.length} object(s) of ${bucket}: ${out.Errors[0]?.Code} ${out.Errors[0]?.Key}`);
    return false;
  },
  'logs:log-group': deleteLogGroup,
  'logs:stack-lambda-log-group': deleteLogGroup,
  'logs:log-stream': async (r, s) => {
    // Only the lab's stream: the shared group stays, with every other job's streams in it.
    try {
      await s.clients.logs.send(new DeleteLogStreamCommand({ logGroupName: r.ref.logGroup, logStreamName: r.name }));
      s.act(`DeleteLogStream ${r.ref.logGroup} ${r.name}`);
    } catch (err) {
      if (!isServiceError(err, 'ResourceNotFoundException')) throw err;
    }
    return true;
  },
};

async function deleteLogGroup(r: LabResource, s: RunState): Promise<boolean> {
  try {
    await s.clients.logs.send(new DeleteLogGroupCommand({ logGroupName: r.name }));
    s.act(`DeleteLogGroup ${r.name}`);
  } catch (err) {
    if (!isServiceError(err, 'ResourceNotFoundException')) throw err;
  }
  return true;
}

/**
 * Steps whose items live inside one container go through the shared clean-up step functions
 * (lib/environments/private/studio-cleanup), once per container, not item by item: the Studio
 * apps, spaces and user profiles of a domain, and the consumers of a stream.
 */
interface ContainerStep {
  readonly container: (r: LabResource) => string;
  readonly label: (container: string) => string;
  readonly advance: (container: string, s: RunState) => Promise<boolean>;
}

const CONTAINER_STEPS: Record<number, ContainerStep> = {
  7: {
    container: (r) => r.ref.domainId!,
    label: (domainId) => `Studio apps, spaces and user profiles of domain ${domainId}`,
    advance: async (domainId, s) => {
      const progress = await advanceAppsCleanup({ sagemaker: s.clients.sagemaker }, { domainId, deleteUserProfiles: true });
      for (const a of progress.actions) s.act(`${a} (domain ${domainId})`);
      return progress.complete;
    },
  },
  9: {
    container: (r) => r.ref.streamArn!,
    label: (streamArn) => `consumers of stream ${streamArn}`,
    advance: async (streamArn, s) => {
      const progress = await advanceStreamConsumerCleanup({ kinesis: s.clients.kinesis }, { streamArn });
      for (const a of progress.actions) s.act(`${a} (${streamArn})`);
      return progress.complete;
    },
  },
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function executePlan(clients: TeardownClients, plan: TeardownPlan, options: ExecuteOptions): Promise<ExecuteResult> {
  const pollMs = options.pollMs ?? 15_000;
  const stepTimeoutMs = options.stepTimeoutMs ?? 45 * 60_000;
  const sleep = options.sleep ?? defaultSleep;
  const progress = options.onProgress ?? (() => {});
  const actions: string[] = [];
  const state: RunState = {
    clients,
    started: new Set(),
    domains: new Map(),
    act: (what) => {
      actions.push(what);
      progress(`  ${what}`);
    },
  };
  const failures: ItemFailure[] = [];
  let stackDestroyed = false;

  for (const step of STEPS) {
    const items = plan.items.filter((i) => i.step === step.step && i.action !== 'with stack');
    if (items.length === 0) continue;
    if (step.step === STACK_STEP) {
      try {
        progress(`step ${step.step}: destroy stack ${items[0]!.resource.name}`);
        await options.destroyStack(items[0]!.resource.name);
        state.act(`destroy stack ${items[0]!.resource.name}`);
        stackDestroyed = true;
      } catch (err) {
        failures.push({ item: `stack ${items[0]!.resource.name}`, message: classifyError(err).message });
        return { actions, failures, stoppedAtStep: step.step, stackDestroyed: false };
      }
      continue;
    }
    progress(`step ${step.step}: ${step.action} ${step.kinds.join(', ')} (${step.because})`);
    const failed = await runStep(step.step, items, state, { pollMs, stepTimeoutMs, sleep, progress });
    if (failed.length > 0) {
      failures.push(...failed);
      return { actions, failures, stoppedAtStep: step.step, stackDestroyed };
    }
  }
  return { actions, failures, stackDestroyed };
}

interface Work {
  readonly label: string;
  readonly advance: () => Promise<boolean>;
}

async function runStep(
  step: number,
  items: readonly PlanItem[],
  s: RunState,
  o: { pollMs: number; stepTimeoutMs: number; sleep: (ms: number) => Promise<void>; progress: (line: string) => void },
): Promise<ItemFailure[]> {
  const grouped = CONTAINER_STEPS[step];
  let pending: Work[] = grouped
    ? [...new Set(items.map((i) => grouped.container(i.resource)))].map((c) => ({ label: grouped.label(c), advance: () => grouped.advance(c, s) }))
    : items.map((i) => ({ label: `${i.resource.kind} ${i.resource.name}`, advance: () => ADVANCE[i.resource.kind]!(i.resource, s) }));
  const deadline = Date.now() + o.stepTimeoutMs;
  for (let pass = 1; ; pass++) {
    const failures: ItemFailure[] = [];
    const next: Work[] = [];
    // One item's failure does not stop its siblings in the same step: they do not depend on each other.
    await Promise.all(pending.map(async (work) => {
      try {
        if (!(await work.advance())) next.push(work);
      } catch (err) {
        failures.push({ item: work.label, message: classifyError(err).message });
      }
    }));
    if (failures.length > 0) return failures;
    if (next.length === 0) return [];
    if (Date.now() > deadline) {
      return next.map((w) => ({ item: w.label, message: `still not gone after ${Math.round(o.stepTimeoutMs / 60_000)} minutes; run teardown again later` }));
    }
    if (pass % 4 === 0) o.progress(`  still waiting for ${next.length} item(s) after ${pass} passes: ${next.map((w) => w.label).join(', ')}`);
    pending = next;
    await o.sleep(o.pollMs);
  }
}
