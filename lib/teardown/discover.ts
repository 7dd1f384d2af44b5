// Discovery: the lab stack and what carries the lab's tag make the claims (claims.ts); then every
// kind lists what the claims allow. A resource no claim allows is never listed, so never touched.
import { DescribeStacksCommand, paginateListStackResources } from '@aws-sdk/client-cloudformation';
import { paginateGetResources } from '@aws-sdk/client-resource-groups-tagging-api';
import { collect, isServiceError } from '../aws';
import type { ResolvedPrices } from '../cost/prices';
import { labStackName, TAG_LAB } from '../model';
import { Claims, isManagedStack, notManagedReason, type LabScope, type StackInfo } from './claims';
import type { TeardownClients } from './clients';
import type { LabResource, ListContext, TeardownKindModule } from './kind';
import { KIND_MODULES, KINDS, TAGGABLE } from './kinds';

export type { LabScope, StackInfo } from './claims';

export interface Discovery {
  readonly labId: string;
  readonly region: string;
  /** Undefined when the stack does not exist (never deployed, or already destroyed). */
  readonly stack?: StackInfo;
  /** In no particular order; `buildPlan` orders them. */
  readonly resources: readonly LabResource[];
  /**
   * ARNs tagged for the lab that teardown has no kind for and that are not part of the stack:
   * reported, never touched, so the learner can remove them by hand.
   */
  readonly unhandledTagged: readonly string[];
  /** A stack of the lab's name that mllab did not create: why it is left alone. */
  readonly stackPassedOver?: string;
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

/** The lab's stack when mllab created it; a stack of that name without mllab's tag is passed over, with the reason. */
async function describeLabStack(clients: TeardownClients, labId: string): Promise<{ stack?: StackInfo; passedOver?: string }> {
  const name = labStackName(labId);
  try {
    const [described] = (await clients.cloudformation.send(new DescribeStacksCommand({ StackName: name }))).Stacks ?? [];
    if (!described) return {};
    if (!isManagedStack(described.Tags)) return { passedOver: notManagedReason(name) };
    const resources = await collect(paginateListStackResources({ client: clients.cloudformation }, { StackName: name }), (p) => p.StackResourceSummaries);
    return { stack: { name, resources: resources.filter((r) => r.ResourceStatus !== 'DELETE_COMPLETE') } };
  } catch (err) {
    // CloudFormation answers a missing stack with a plain ValidationError (HTTP 400).
    if (isServiceError(err, 'ValidationError')) return {};
    throw err;
  }
}

export interface DiscoverOptions {
  /** The `mllab:lab` scan, when the caller already made it (`--all`). */
  readonly tagged?: Map<string, string[]>;
  /** Physical ids of a stack destroyed in this run (ClaimsInput.formerStackIds). */
  readonly formerStackIds?: ReadonlySet<string>;
  /** Lab ids this build knows besides the one torn down (ClaimsInput.otherLabIds). */
  readonly otherLabIds?: readonly string[];
}

/** One Discovery of one lab in one region. Read-only: List*, Describe*, Get* calls only. */
export async function discoverLab(clients: TeardownClients, lab: LabScope, prices: ResolvedPrices, options: DiscoverOptions = {}): Promise<Discovery> {
  const [{ stack, passedOver }, tagged] = await Promise.all([describeLabStack(clients, lab.id), options.tagged ?? taggedArnsByLab(clients)]);
  const claims = new Claims({ lab, stack, tagged, taggable: TAGGABLE, formerStackIds: options.formerStackIds, otherLabIds: options.otherLabIds, foreignStack: passedOver !== undefined });
  const reads = new Map<string, Promise<unknown>>();
  const ctx: ListContext = {
    clients, lab, claims, prices, stack,
    shared: <T>(key: string, read: () => Promise<T>) => {
      if (!reads.has(key)) reads.set(key, read());
      return reads.get(key) as Promise<T>;
    },
  };
  const list = async (modules: readonly TeardownKindModule[]) => (await Promise.all(modules.map((m) => m.list(ctx)))).flat();
  // Top-level kinds first: a stream a name claims opens a container whose insides are the lab's too.
  const outside = await list(KIND_MODULES.filter((m) => !m.inside));
  for (const r of outside) {
    const opens = (KINDS[r.kind] as TeardownKindModule).opens;
    if (opens) claims.open(opens, r.name, r);
  }
  const inside = await list(KIND_MODULES.filter((m) => m.inside));
  return {
    labId: lab.id, region: clients.region, ...(stack ? { stack } : {}), resources: [...outside, ...inside], unhandledTagged: claims.unhandledTagged,
    ...(passedOver ? { stackPassedOver: passedOver } : {}),
  };
}
