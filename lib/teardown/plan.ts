// The plan: discovered resources in dependency order, each with what will be done and what it
// costs per hour until then. The dry run prints it; `--yes` executes it.
import { formatUsd } from '../cost/estimate';
import type { Discovery } from './discover';
import { actionOf, stepOf, type LabResource, type TeardownAction } from './resources';

export interface PlanItem {
  readonly step: number;
  readonly action: TeardownAction | 'with stack';
  readonly resource: LabResource;
}

export interface TeardownPlan {
  readonly labId: string;
  readonly region: string;
  readonly items: readonly PlanItem[];
  /** Sum of the priced items. */
  readonly costPerHourUsd: number;
  /** Items whose hourly cost could not be priced (the total is a lower bound then). */
  readonly unpriced: number;
  readonly unhandledTagged: readonly string[];
}

export function buildPlan(discovery: Discovery): TeardownPlan {
  const items = discovery.resources
    .map((resource): PlanItem => ({
      step: stepOf(resource.kind).step,
      action: resource.removedWithStack && resource.kind !== 'cloudformation:stack' ? 'with stack' : actionOf(resource),
      resource,
    }))
    .sort((a, b) => a.step - b.step || order(a.resource) - order(b.resource) || a.resource.kind.localeCompare(b.resource.kind) || a.resource.name.localeCompare(b.resource.name));
  let costPerHourUsd = 0;
  let unpriced = 0;
  for (const i of items) {
    if (i.resource.costPerHourUsd === undefined) {
      if (i.resource.kind !== 'cloudformation:stack') unpriced++;
    } else costPerHourUsd += i.resource.costPerHourUsd;
  }
  return { labId: discovery.labId, region: discovery.region, items, costPerHourUsd, unpriced, unhandledTagged: discovery.unhandledTagged };
}

/** Within step 7, apps go before spaces and spaces before user profiles. */
function order(r: LabResource): number {
  return ['sagemaker:app', 'sagemaker:space', 'sagemaker:user-profile'].indexOf(r.kind);
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd());
}

export function formatPlan(plan: TeardownPlan): string {
  const head = `Teardown plan for ${plan.labId} in ${plan.region}`;
  if (plan.items.length === 0) {
    return [`${head}: nothing of the lab is left (no stack, nothing tagged ${'mllab:lab'}=${plan.labId}, nothing the lab names).`, ...unhandled(plan)].join('\n');
  }
  const rows: string[][] = [['step', 'action', 'kind', 'name', 'status', 'USD/hour', 'claimed by']];
  for (const i of plan.items) {
    const r = i.resource;
    const cost = r.costPerHourUsd === undefined ? (r.kind === 'cloudformation:stack' ? '' : '?') : formatUsd(r.costPerHourUsd);
    rows.push([String(i.step), i.action, r.kind, r.name, r.status ?? '', cost, r.why]);
  }
  const total = `Estimated cost of what is left: ${formatUsd(plan.costPerHourUsd)}/hour${plan.unpriced ? ` plus ${plan.unpriced} item(s) whose cost could not be computed (?: no price in the table, or no size reported)` : ''}.`;
  return [`${head} (${plan.items.length} item(s), dependency order):`, ...table(rows), total, ...unhandled(plan)].join('\n');
}

function unhandled(plan: TeardownPlan): string[] {
  if (plan.unhandledTagged.length === 0) return [];
  return [
    `Tagged mllab:lab=${plan.labId} but of a type teardown does not delete (remove by hand, or wait: the tagging API can list a deleted resource for a while):`,
    ...plan.unhandledTagged.map((arn) => `  ${arn}`),
  ];
}
