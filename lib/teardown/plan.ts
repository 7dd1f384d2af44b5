// The plan: discovered resources in dependency order, each with what will be done and what it
// costs per hour until then. The dry run prints it; `--yes` executes it.
import { fittedTable, naturalTableWidth } from '../reporters/table';
import { hangingWrap } from '../reporters/text';
import { formatUsd } from '../cost/estimate';
import type { Discovery } from './discover';
import type { LabResource, TeardownAction } from './kind';
import { KINDS } from './kinds';
import { KIND_ORDER, stepOf } from './order';

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
  /** A stack of the lab's name that mllab did not create: why it is not in the plan. */
  readonly stackPassedOver?: string;
}

const RANK = new Map(KIND_ORDER.map((kind, i) => [kind, i]));

/** A resource of a kind whose resources carry no price of their own (the stack) is not counted as unpriced. */
const pricedKind = (r: LabResource) => KINDS[r.kind].priced !== false;

export function buildPlan(discovery: Discovery): TeardownPlan {
  const items = discovery.resources
    .map((resource): PlanItem => ({ step: stepOf(resource.kind), action: resource.removedWithStack ? 'with stack' : KINDS[resource.kind].action, resource }))
    .sort((a, b) => RANK.get(a.resource.kind)! - RANK.get(b.resource.kind)! || a.resource.name.localeCompare(b.resource.name));
  let costPerHourUsd = 0;
  let unpriced = 0;
  for (const i of items) {
    if (i.resource.costPerHourUsd !== undefined) costPerHourUsd += i.resource.costPerHourUsd;
    else if (pricedKind(i.resource)) unpriced++;
  }
  return {
    labId: discovery.labId, region: discovery.region, items, costPerHourUsd, unpriced, unhandledTagged: discovery.unhandledTagged,
    ...(discovery.stackPassedOver ? { stackPassedOver: discovery.stackPassedOver } : {}),
  };
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd());
}

/**
 * The plan as text. On a terminal (`width`), a table fitted to its width (cli-table3); otherwise one
 * aligned line per item, for a pipe, a file or grep.
 */
export function formatPlan(plan: TeardownPlan, options: { readonly width?: number } = {}): string {
  const head = `Teardown plan for ${plan.labId} in ${plan.region}`;
  if (plan.items.length === 0) {
    return [`${head}: nothing of the lab is left (no stack, nothing tagged ${'mllab:lab'}=${plan.labId}, nothing the lab names).`, ...unhandled(plan)].join('\n');
  }
  const rows: string[][] = [['step', 'action', 'kind', 'name', 'status', 'USD/hour', 'claimed by']];
  for (const i of plan.items) {
    const r = i.resource;
    const cost = r.costPerHourUsd === undefined ? (pricedKind(r) ? '?' : '') : formatUsd(r.costPerHourUsd);
    rows.push([String(i.step), i.action, r.kind, r.name, r.status ?? '', cost, r.why]);
  }
  const total = `Estimated cost of what is left: ${formatUsd(plan.costPerHourUsd)}/hour${plan.unpriced ? ` plus ${plan.unpriced} item(s) whose cost could not be computed (?: no price in the table, or no size reported)` : ''}.`;
  const body = !options.width ? table(rows) : naturalTableWidth(rows) <= options.width ? [fittedTable(rows[0]!, rows.slice(1), { width: options.width })] : blocks(plan, options.width);
  const lines = [`${head} (${plan.items.length} item(s), dependency order):`, ...body, total, ...unhandled(plan)];
  // On a terminal the sentences around the table wrap too (the table and the blocks already fit).
  return (options.width ? lines.map((l) => (body.includes(l) ? l : hangingWrap(l, 2, options.width))) : lines).join('\n');
}

/**
 * A terminal too narrow for the table without cutting names: one block per item, its step and
 * action on a line, what and why wrapped under it, so every name is shown whole.
 */
function blocks(plan: TeardownPlan, width: number): string[] {
  return plan.items.map((i) => {
    const r = i.resource;
    const cost = r.costPerHourUsd === undefined ? (pricedKind(r) ? ', cost unknown' : '') : `, ${formatUsd(r.costPerHourUsd)}/hour`;
    const what = `${r.kind} ${r.name}${r.status ? ` (${r.status}${cost})` : cost ? ` (${cost.slice(2)})` : ''}; claimed by ${r.why}`;
    return `${String(i.step).padStart(2)}  ${i.action}\n    ${hangingWrap(what, 4, width)}`;
  });
}

function unhandled(plan: TeardownPlan): string[] {
  const passedOver = plan.stackPassedOver ? [`Not in the plan: ${plan.stackPassedOver}.`] : [];
  if (plan.unhandledTagged.length === 0) return passedOver;
  return [
    ...passedOver,
    `Tagged mllab:lab=${plan.labId} but of a type teardown does not delete (remove by hand, or wait: the tagging API can list a deleted resource for a while):`,
    ...plan.unhandledTagged.map((arn) => `  ${arn}`),
  ];
}
