// `mllab teardown`: discover -> plan -> (dry run | execute -> destroy stack -> sweep).
import { paginateDescribeStacks } from '@aws-sdk/client-cloudformation';
import { paginateDescribeLogGroups } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { collect } from '../aws';
import type { ResolvedPrices } from '../cost/prices';
import { ENVIRONMENT_IDS, labStackName, MANAGED_BY_VALUE, TAG_LAB, TAG_MANAGED_BY } from '../model';
import { isManagedStack, stackPhysicalIds, type LabScope } from './claims';
import type { TeardownClients } from './clients';
import { discoverLab, taggedArnsByLab, type Discovery } from './discover';
import { executePlan, type ExecuteOptions, type ExecuteResult } from './execute';
import { buildPlan, type TeardownPlan } from './plan';
import { STACK_STEP } from './order';

export { createTeardownClients, type TeardownClientOptions, type TeardownClients } from './clients';
export { buildPlan, formatPlan, type PlanItem, type TeardownPlan } from './plan';
export { discoverLab, taggedArnsByLab, type DiscoverOptions, type Discovery } from './discover';
export type { Claim, LabScope } from './claims';
export type { ExecuteOptions, ExecuteResult, ItemFailure } from './execute';
export type { LabResource, TeardownAction, TeardownKind } from './kind';

export interface TeardownOptions extends ExecuteOptions {
  /** Execute; otherwise only plan (the default: a dry run). */
  readonly yes: boolean;
  /** The `mllab:lab` scan, when the caller already made it (`--all`). */
  readonly tagged?: Map<string, string[]>;
  /** Receives the plan before anything is executed, so the learner sees it before the waiting starts. */
  readonly onPlan?: (plan: TeardownPlan) => void;
  /** Lab ids this build knows (see DiscoverOptions.otherLabIds). */
  readonly otherLabIds?: readonly string[];
}

export interface TeardownOutcome {
  readonly plan: TeardownPlan;
  readonly execution?: ExecuteResult;
  /** The final sweep: what is still there after execution (empty when spend is down to zero). */
  readonly sweep?: TeardownPlan;
  /** 0 done (or dry run), 1 something of the lab is left. */
  readonly exitCode: 0 | 1;
}

export async function teardownLab(clients: TeardownClients, lab: LabScope, prices: ResolvedPrices, options: TeardownOptions): Promise<TeardownOutcome> {
  const others = options.otherLabIds ? { otherLabIds: options.otherLabIds } : {};
  const discovery: Discovery = await discoverLab(clients, lab, prices, { ...(options.tagged ? { tagged: options.tagged } : {}), ...others });
  const plan = buildPlan(discovery);
  options.onPlan?.(plan);
  if (!options.yes || plan.items.length === 0) return { plan, exitCode: 0 };
  let execution = await executePlan(clients, plan, options);
  // A fresh tag scan: the one passed in predates this run's deletions.
  const rediscover = async () => buildPlan(await discoverLab(clients, lab, prices, { formerStackIds: stackPhysicalIds(discovery.stack), ...others }));
  options.onProgress?.('sweep: looking for anything of the lab that is left');
  let sweep = await rediscover();
  // The stack's helper Lambdas log while the stack is deleted, so their log groups can appear
  // after the plan was made (the bucket auto-delete function runs only then): the sweep deletes
  // what comes after the stack, once, and looks again.
  if (execution.failures.length === 0 && sweep.items.length > 0 && sweep.items.every((i) => i.step > STACK_STEP)) {
    options.onProgress?.(`sweep: ${sweep.items.length} log group(s) the stack's helper functions wrote while it was deleted`);
    const more = await executePlan(clients, sweep, options);
    execution = { ...more, actions: [...execution.actions, ...more.actions], failures: [...execution.failures, ...more.failures], stackDestroyed: execution.stackDestroyed };
    sweep = await rediscover();
  }
  const clean = sweep.items.length === 0 && sweep.unhandledTagged.length === 0 && execution.failures.length === 0;
  return { plan, execution, sweep, exitCode: clean ? 0 : 1 };
}

/** What the sweep found and why it is still there. */
export function formatSweep(outcome: TeardownOutcome): string {
  const lines: string[] = [];
  const ex = outcome.execution;
  if (!ex || !outcome.sweep) return '';
  for (const f of ex.failures) lines.push(`failed: ${f.item}: ${f.message}`);
  if (ex.stoppedAtStep !== undefined) lines.push(`stopped at step ${ex.stoppedAtStep}; later steps did not run (they depend on it). Run teardown again once the cause is fixed: it picks up where it stopped.`);
  const left = outcome.sweep.items;
  if (left.length === 0 && outcome.sweep.unhandledTagged.length === 0) {
    lines.push(`sweep: nothing of ${outcome.plan.labId} is left in ${outcome.plan.region}; its spend is down to zero.`);
  } else {
    lines.push(`sweep: ${left.length + outcome.sweep.unhandledTagged.length} thing(s) of ${outcome.plan.labId} are left in ${outcome.plan.region}:`);
    for (const i of left) {
      const reason = i.resource.status ? `status ${i.resource.status}` : ex.stoppedAtStep !== undefined && i.step >= ex.stoppedAtStep ? 'not reached' : 'still listed';
      lines.push(`  ${i.resource.kind} ${i.resource.name} (${reason}; ${i.resource.why})`);
    }
    for (const arn of outcome.sweep.unhandledTagged) lines.push(`  ${arn} (tagged for the lab, not a type teardown deletes; the tagging API may also still list it for a few minutes after deletion)`);
  }
  return lines.join('\n');
}

/**
 * Ids of the stacks `LabStack.forEnvironment` deploys (`MlLab-env-<environment>`): with the labs'
 * ids, everything mllab deploys.
 */
export const ENVIRONMENT_STACK_IDS: readonly string[] = ENVIRONMENT_IDS.map((e) => `env-${e}`);

export interface LabsFound {
  /** Labs and environments of this build present in the account and region, by id. */
  readonly ids: readonly string[];
  /** What looked like a lab and is left alone, and why (a stack mllab did not create, an id this build does not know). */
  readonly passedOver: readonly string[];
}

/**
 * Labs and environments present in the account and region, among those this build knows
 * (`knownLabIds` and the environment stacks): a stack named `MlLab-<id>` that carries
 * `mllab:managed-by=aws-ml-labs`, anything tagged `mllab:lab=<id>`, or the helper functions' log
 * groups a stack leaves. A stack of that name mllab did not create, and an id this build does not
 * know (whose resources it cannot tell apart), are reported and never touched.
 */
export async function labsInAccount(clients: TeardownClients, tagged?: Map<string, string[]>, knownLabIds: readonly string[] = []): Promise<LabsFound> {
  const known = new Set([...knownLabIds, ...ENVIRONMENT_STACK_IDS]);
  const prefix = labStackName('');
  // DescribeStacks without a name lists every stack but the deleted ones, with its tags (a stack
  // that failed to delete still bills, and is listed): https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html
  const stacks = await collect(paginateDescribeStacks({ client: clients.cloudformation }, {}), (p) => p.Stacks);
  const ids = new Set<string>();
  const passedOver: string[] = [];
  /** Ids whose stack name a stack mllab did not create holds: its helper log groups are that stack's. */
  const foreign = new Set<string>();
  for (const s of stacks) {
    const name = s.StackName ?? '';
    if (!name.startsWith(prefix)) continue;
    const id = name.slice(prefix.length);
    if (!isManagedStack(s.Tags)) {
      foreign.add(id);
      passedOver.push(`stack ${name}: no tag ${TAG_MANAGED_BY}=${MANAGED_BY_VALUE}, so not created by mllab`);
    } else if (!known.has(id)) {
      passedOver.push(`stack ${name}: '${id}' is not a lab or environment of this build of mllab`);
    } else {
      ids.add(id);
    }
  }
  for (const id of (tagged ?? (await taggedArnsByLab(clients))).keys()) {
    if (known.has(id)) ids.add(id);
    else passedOver.push(`resources tagged ${TAG_LAB}=${id}: '${id}' is not a lab or environment of this build of mllab`);
  }
  // A stack destroyed without teardown (`cdk destroy`) leaves its helper functions' log groups: the
  // lab is still there to tear down. Only known ids can be read off those names, and the longest
  // id wins, since `MlLab-a-b-...` also starts with lab `a`'s prefix.
  const groups = await collect(paginateDescribeLogGroups({ client: clients.logs }, { logGroupNamePrefix: `/aws/lambda/${prefix}` }), (p) => p.logGroups);
  const byLength = [...known].sort((a, b) => b.length - a.length);
  for (const g of groups) {
    const id = byLength.find((l) => g.logGroupName?.startsWith(`/aws/lambda/${labStackName(l)}-`));
    if (id && !foreign.has(id)) ids.add(id);
  }
  return { ids: [...ids].sort(), passedOver: [...new Set(passedOver)].sort() };
}

/** Regions enabled for the account (opt-in regions the account has not enabled are left out). */
export async function enabledRegions(clients: TeardownClients): Promise<string[]> {
  const out = await clients.ec2.send(new DescribeRegionsCommand({ AllRegions: false }));
  return (out.Regions ?? []).map((r) => r.RegionName!).filter(Boolean).sort();
}
