// What several SageMaker kinds share: a job is stopped (its record stays), a record is found by its
// exact name in a list call, and the Studio insides of a domain (apps, spaces, user
// profiles) are cleaned per domain by lib/cleanup's step, which deletes them in that order.
import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { collect, isServiceError } from '../../aws';
import { advanceAppsCleanup } from '../../cleanup';
import { claimed, collectOrEmpty, DONE, fromCleanup, insideEach, waiting, type AdvanceContext, type LabResource, type Progress, type ListContext, type Price, type TeardownGroup, type TeardownKind, type TeardownKindModule } from '../kind';

type Command = new (input: any) => any;
type Paginator = (config: { client: SageMakerClient }, input: any) => AsyncIterable<Record<string, any>>;

/**
 * A running job. SageMaker names every call and field of a job kind after it (`TrainingJob`:
 * ListTrainingJobs' TrainingJobSummaries, TrainingJobName, TrainingJobStatus, DescribeTrainingJob,
 * StopTrainingJob), so one description serves them all: listed while InProgress, stopped once, and
 * gone for teardown once it no longer runs (finished jobs are records, not resources).
 */
export function runningJob<K extends TeardownKind>(o: {
  readonly kind: K;
  readonly job: string;
  readonly paginate: Paginator;
  readonly Describe: Command;
  readonly Stop: Command;
  /** @default - not priced: a job bills per instance-hour of its instances until stopped */
  readonly price?: (ctx: ListContext, name: string) => Promise<Price>;
}): TeardownKindModule<K> {
  const byName = (name: string) => ({ [`${o.job}Name`]: name });
  return {
    kind: o.kind,
    action: 'stop',
    because: 'running jobs bill per instance-second until they stop',
    // Once no schedule starts more.
    after: ['sagemaker:monitoring-schedule'],
    arnType: o.kind,
    list: async (ctx) => claimed(ctx, o.kind,
      await collect(o.paginate({ client: ctx.clients.sagemaker }, { StatusEquals: 'InProgress' }), (p) => p[`${o.job}Summaries`] as Record<string, any>[] | undefined),
      (j) => j[`${o.job}Name`], async (j, name) => ({ status: j[`${o.job}Status`], ...(o.price ? await o.price(ctx, name) : { costNote: 'bills per instance-hour of its instances until stopped; not priced here' }) })),
    advance: async (ctx, r) => {
      const sm = ctx.clients.sagemaker;
      let status: string | undefined;
      try {
        status = ((await sm.send(new o.Describe(byName(r.name)))) as Record<string, any>)[`${o.job}Status`];
      } catch (err) {
        if (isServiceError(err, 'ResourceNotFound')) return DONE;
        throw err;
      }
      if (status === 'InProgress') {
        await ctx.once(`Stop${o.job} ${r.name}`, () => sm.send(new o.Stop(byName(r.name))));
        return waiting(`Stop${o.job} sent`);
      }
      return status === 'Stopping' ? waiting(status) : DONE;
    },
  };
}

/**
 * A record listed by one List call and found again by its exact name in it (`NameContains`, or a
 * name prefix, also match look-alikes). SageMaker names its fields after it (`EndpointConfig`:
 * EndpointConfigName, and EndpointConfigStatus where it has one). Gone when no longer listed;
 * deleted once unless already `Deleting`.
 */
export function sagemakerRecord<K extends TeardownKind>(o: Pick<TeardownKindModule<K>, 'kind' | 'because' | 'after'> & {
  readonly record: string;
  /** The list's field of summaries (`EndpointConfigs`). */
  readonly items: string;
  readonly paginate: Paginator;
  readonly List: Command;
  readonly Delete: Command;
  /** @default 'NameContains' */
  readonly lookup?: 'NameContains' | 'PipelineNamePrefix';
  /** What the delete sends besides the name. */
  readonly deleteInput?: (name: string) => Record<string, string>;
  /** A step before the delete (stopping what runs inside the record); a result means "not yet". */
  readonly beforeDelete?: (ctx: AdvanceContext, name: string) => Promise<Progress | undefined>;
  readonly details: (ctx: ListContext, item: Record<string, any>, name: string) => Partial<LabResource> | Promise<Partial<LabResource>>;
}): TeardownKindModule<K> {
  const nameOf = (item: Record<string, any>): string => item[`${o.record}Name`];
  return {
    kind: o.kind,
    action: 'delete',
    because: o.because,
    after: o.after,
    arnType: o.kind,
    list: async (ctx) => claimed(ctx, o.kind, await collect(o.paginate({ client: ctx.clients.sagemaker }, {}), (p) => p[o.items] as Record<string, any>[] | undefined), nameOf, (item, name) => o.details(ctx, item, name)),
    advance: async (ctx, r) => {
      const sm = ctx.clients.sagemaker;
      const listed: Record<string, any>[] | undefined = ((await sm.send(new o.List({ [o.lookup ?? 'NameContains']: r.name }))) as Record<string, any>)[o.items];
      const found = listed?.find((item) => nameOf(item) === r.name);
      if (!found) return DONE;
      const status: string | undefined = found[`${o.record}Status`];
      if (status === 'Deleting') return waiting(status);
      const notYet = await o.beforeDelete?.(ctx, r.name);
      if (notYet) return notYet;
      await ctx.once(`Delete${o.record} ${r.name}`, () => sm.send(new o.Delete({ [`${o.record}Name`]: r.name, ...o.deleteInput?.(r.name) })));
      return waiting(`Delete${o.record} sent`);
    },
  };
}

/** The apps, spaces and user profiles of a lab domain go together, per domain. */
export const STUDIO_INSIDES: TeardownGroup = {
  key: (r) => r.ref.domainId!,
  label: (domainId) => `Studio apps, spaces and user profiles of domain ${domainId}`,
  advance: async (ctx, domainId) =>
    fromCleanup(ctx, await advanceAppsCleanup({ sagemaker: ctx.clients.sagemaker }, { domainId, deleteUserProfiles: true }), `domain ${domainId}`),
};

/** One kind of a lab domain's insides, as `list(pages of the domain)` gives them. */
export function studioInsides<T>(
  ctx: ListContext,
  kind: TeardownKind,
  pages: (sm: SageMakerClient, domainId: string) => AsyncIterable<T>,
  describe: (page: T) => readonly Omit<LabResource, 'kind' | 'claim' | 'why' | 'ref'>[],
): Promise<LabResource[]> {
  return insideEach(ctx, 'domain', async (domainId, owner) =>
    (await collectOrEmpty(pages(ctx.clients.sagemaker, domainId), describe)).map(({ name, ...rest }) => ({ kind, name, claim: 'inside' as const, why: `in domain ${domainId} (${owner.why})`, ref: { domainId }, ...rest })),
  );
}
