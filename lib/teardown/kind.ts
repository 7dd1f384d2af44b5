// What one teardown kind is (ekristen/aws-nuke: one resource type per file, with its List and
// Remove, and libnuke's DependsOn): how it lists what the claims allow, how it takes one deletion
// step, and what must be gone before it. The engine (discover.ts, order.ts, execute.ts) knows no
// kind by itself; kinds/index.ts registers them.
import { collect, isServiceError } from '../aws';
import { tryPrice, type ResolvedPrices } from '../cost/prices';
import type { Claim, Claims, ContainerType, LabScope, Owner, StackInfo } from './claims';
import type { TeardownClients } from './clients';
import type { TeardownKind } from './kinds';

export type { TeardownKind } from './kinds';

export interface LabResource {
  readonly kind: TeardownKind;
  /** Name or id, as the service's API takes it. */
  readonly name: string;
  readonly claim: Claim;
  /** What claims it, for the plan: `stack MlLab-x`, `tag mllab:lab=x`, `name prefix 'x-'`, `in stream s`. */
  readonly why: string;
  /** The identifiers the delete/describe calls need beyond `name` (domain id, stream ARN, bucket, ...). */
  readonly ref: Readonly<Record<string, string>>;
  /** The service's status when discovered (InService, InProgress, Deleting, ...). */
  readonly status?: string;
  /** USD per hour while it exists; undefined when it could not be priced. */
  readonly costPerHourUsd?: number;
  /** How the hourly cost was computed. */
  readonly costNote?: string;
  /** Removed by the stack's own deletion: listed in the plan (it bills until then) but not deleted one by one. */
  readonly removedWithStack?: boolean;
}

export type TeardownAction = 'stop' | 'delete' | 'deregister' | 'empty' | 'destroy stack';

/** What `list` reads with. Read-only: List*, Describe*, Get* calls only. */
export interface ListContext {
  readonly clients: TeardownClients;
  readonly lab: LabScope;
  readonly claims: Claims;
  readonly prices: ResolvedPrices;
  /** Undefined when the stack does not exist. */
  readonly stack?: StackInfo;
  /** One read shared by the kinds of one discovery (every log group of the region, read once). */
  shared<T>(key: string, read: () => Promise<T>): Promise<T>;
}

/** What `advance` writes with, for one run. */
export interface AdvanceContext {
  readonly clients: TeardownClients;
  /**
   * Sends a write once per run, keyed by `key` (default: `label`), and reports it as `label`.
   * ResourceInUse or Conflict mean AWS is still busy: not sent, tried again next pass. True once sent.
   */
  once(label: string, send: () => Promise<unknown>, key?: string): Promise<boolean>;
  /** Reports a write that is not `once` (each pass deletes another page, or a delete whose not-found is fine). */
  act(line: string): void;
  /** What one kind read before a deletion and another needs after it (a domain's home volume), for this run. */
  readonly memory: Map<string, unknown>;
  /** Destroys the lab stack and resolves once it is gone (lib/deploy's toolkit destroy). */
  destroyStack(stackName: string): Promise<void>;
}

export type Progress = { readonly done: true } | { readonly done: false; readonly waiting: string };

export const DONE: Progress = { done: true };

export function waiting(reason: string): Progress {
  return { done: false, waiting: reason };
}

/**
 * Kinds that live inside one container and are cleaned per container by one shared clean-up step
 * (lib/cleanup), not item by item: the engine advances each container once per pass. Kinds with the
 * same group share a step even when one is `after` another: the clean-up step keeps that order.
 */
export interface TeardownGroup {
  readonly key: (resource: LabResource) => string;
  readonly label: (key: string) => string;
  readonly advance: (ctx: AdvanceContext, key: string) => Promise<Progress>;
}

/** The advance of a kind in a group: its container's clean-up step. */
export function advanceInGroup(group: TeardownGroup): (ctx: AdvanceContext, resource: LabResource) => Promise<Progress> {
  return (ctx, r) => group.advance(ctx, group.key(r));
}

export interface TeardownKindModule<K extends TeardownKind = TeardownKind> {
  readonly kind: K;
  readonly action: TeardownAction;
  /** Why it comes where it does (after what, and what waits for it). */
  readonly because: string;
  /** Kinds whose resources must be gone before this kind's deletion starts. */
  readonly after: readonly TeardownKind[];
  /** Kinds that must wait for this one (the same edge as their `after`, declared by a kind added later). */
  readonly before?: readonly TeardownKind[];
  /** `service:resource-type` of its ARNs when the tagging API lists them (`firehose:deliverystream`): the lab's tag claims them. */
  readonly arnType?: string;
  /** Lives inside the lab's containers of this type: listed once every top-level kind was, so containers a name claims count too. */
  readonly inside?: ContainerType;
  /** Each listed resource is a container of this type: what is inside it is the lab's too. */
  readonly opens?: ContainerType;
  readonly group?: TeardownGroup;
  /** False when a resource of the kind has no price of its own (the stack: its resources are priced line by line). */
  readonly priced?: false;
  /** How a resource is named in progress and failures. @default `<kind> <name>` */
  readonly label?: (resource: LabResource) => string;
  /** The resources of this kind the claims allow, with status and price. */
  list(ctx: ListContext): Promise<readonly LabResource[]>;
  /** One deletion step: reads the state, starts the next write when none is in flight, says whether it is gone. Not found is gone. */
  advance(ctx: AdvanceContext, resource: LabResource): Promise<Progress>;
}

export type Price = Pick<LabResource, 'costPerHourUsd' | 'costNote'>;

export function free(why: string): Price {
  return { costPerHourUsd: 0, costNote: why };
}

export function hourly(prices: ResolvedPrices, key: string, quantity: number, what: string): Price {
  const entry = tryPrice(prices, key);
  if (!entry) return { costNote: `no price for ${key} in the table` };
  return { costPerHourUsd: entry.usd * quantity, costNote: what };
}

/** The claimed ones among what a kind listed, each with what it adds (status, price, refs). */
export async function claimed<T>(
  ctx: ListContext,
  kind: TeardownKind,
  items: readonly T[],
  nameOf: (item: T) => string,
  details: (item: T, name: string) => Partial<LabResource> | Promise<Partial<LabResource>> = () => ({}),
): Promise<LabResource[]> {
  const found: LabResource[] = [];
  for (const item of items) {
    const name = nameOf(item);
    const owner = ctx.claims.of(kind, name);
    if (owner) found.push({ kind, name, ref: {}, ...owner, ...(await details(item, name)) });
  }
  return found;
}

/** What a kind lists inside each of the lab's containers of one type. */
export async function insideEach(ctx: ListContext, type: ContainerType, list: (container: string, owner: Owner) => Promise<LabResource[]>): Promise<LabResource[]> {
  return (await Promise.all([...ctx.claims.containers(type)].map(([name, owner]) => list(name, owner)))).flat();
}

/** A container that disappears between listing and reading it simply has nothing inside. */
export async function collectOrEmpty<P, T>(pages: AsyncIterable<P>, items: (page: P) => readonly T[] | undefined): Promise<T[]> {
  try {
    return await collect(pages, items);
  } catch (err) {
    if (isServiceError(err, 'ResourceNotFoundException', 'EntityNotFoundException', 'NoSuchBucket', 'ResourceNotFound', 'InvalidRequestException')) return [];
    throw err;
  }
}

/** While a resource reports one of these, a write would be refused: wait for the next pass. */
const IN_FLIGHT = new Set(['Deleting', 'DELETING', 'Stopping', 'STOPPING', 'Creating', 'CREATING', 'Updating', 'UPDATING', 'Pending', 'SystemUpdating', 'RollingBack']);

/**
 * The common advance: read the resource (gone when the read fails with `notFound`), wait while its
 * status is in flight, otherwise start the delete once.
 */
export function deleteWhenIdle(o: {
  readonly notFound: string;
  readonly op: string;
  readonly status: (ctx: AdvanceContext, r: LabResource) => Promise<string | undefined>;
  readonly send: (ctx: AdvanceContext, r: LabResource) => Promise<unknown>;
  readonly id?: (r: LabResource) => string;
}): TeardownKindModule['advance'] {
  return async (ctx, r) => {
    let status: string | undefined;
    try {
      status = await o.status(ctx, r);
    } catch (err) {
      if (isServiceError(err, o.notFound)) return DONE;
      throw err;
    }
    if (IN_FLIGHT.has(status ?? '')) return waiting(status!);
    await ctx.once(`${o.op} ${o.id?.(r) ?? r.name}`, () => o.send(ctx, r));
    return waiting(`${o.op} sent`);
  };
}

/** A delete that is synchronous and answers `notFound` for what is already gone. */
export function deleteOnce(o: { readonly notFound: string; readonly label: (r: LabResource) => string; readonly send: (ctx: AdvanceContext, r: LabResource) => Promise<unknown> }): TeardownKindModule['advance'] {
  return async (ctx, r) => {
    try {
      return (await ctx.once(o.label(r), () => o.send(ctx, r))) ? DONE : waiting('busy');
    } catch (err) {
      if (isServiceError(err, o.notFound)) return DONE;
      throw err;
    }
  };
}

/** A clean-up step's pass (lib/cleanup) as the engine's progress, its writes reported with `where`. */
export function fromCleanup(ctx: AdvanceContext, progress: { readonly complete: boolean; readonly actions: readonly string[]; readonly waitingFor: readonly string[] }, where: string): Progress {
  for (const a of progress.actions) ctx.act(`${a} (${where})`);
  return progress.complete ? DONE : waiting(progress.waitingFor.join('; '));
}
