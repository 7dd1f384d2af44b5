// Executes a plan step by step. Each kind's `advance` is non-blocking: it reads the current state,
// starts the next write only when none is in flight, and says whether the resource is gone. A step
// is passed over and over (sleeping between passes) until everything in it is gone, so the run
// waits through `Deleting` for as long as AWS takes, and a re-run picks up where a failed run stopped.
import { classifyError, isServiceError } from '../aws';
import type { TeardownClients } from './clients';
import type { AdvanceContext, Progress, TeardownKindModule } from './kind';
import { KINDS } from './kinds';
import type { PlanItem, TeardownPlan } from './plan';

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

/** AWS is still busy with the resource: the write is tried again next pass. */
const BUSY = ['ResourceInUse', 'ResourceInUseException', 'ConflictException', 'ConcurrentModificationException', 'CrawlerStoppingException'];

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What the kinds' `advance` write with for one run; `act` hears every write. */
export function runContext(clients: TeardownClients, destroyStack: (stackName: string) => Promise<void>, act: (line: string) => void): AdvanceContext {
  // The writes already started, so a pass never repeats one while AWS works on it.
  const started = new Set<string>();
  return {
    clients,
    act,
    memory: new Map(),
    destroyStack,
    once: async (label, send, key = label) => {
      if (started.has(key)) return true;
      try {
        await send();
      } catch (err) {
        if (isServiceError(err, ...BUSY)) return false;
        throw err;
      }
      started.add(key);
      act(label);
      return true;
    },
  };
}

export async function executePlan(clients: TeardownClients, plan: TeardownPlan, options: ExecuteOptions): Promise<ExecuteResult> {
  const progress = options.onProgress ?? (() => {});
  const actions: string[] = [];
  const ctx = runContext(clients, options.destroyStack, (line) => {
    actions.push(line);
    progress(`  ${line}`);
  });
  const timing = { pollMs: options.pollMs ?? 15_000, stepTimeoutMs: options.stepTimeoutMs ?? 45 * 60_000, sleep: options.sleep ?? defaultSleep, progress };
  let stackDestroyed = false;
  for (const [step, items] of stepsOf(plan)) {
    progress(`step ${step}: ${heading(items)}`);
    const failures = await runStep(items, ctx, timing);
    if (failures.length > 0) return { actions, failures, stoppedAtStep: step, stackDestroyed };
    if (items.some((i) => i.resource.kind === 'cloudformation:stack')) stackDestroyed = true;
  }
  return { actions, failures: [], stackDestroyed };
}

/** The plan's items teardown acts on (not those that go with the stack), by step, in order. */
function stepsOf(plan: TeardownPlan): Map<number, PlanItem[]> {
  const steps = new Map<number, PlanItem[]>();
  for (const i of plan.items) if (i.action !== 'with stack') steps.set(i.step, [...(steps.get(i.step) ?? []), i]);
  return steps;
}

/** `delete sagemaker:domain, sagemaker:studio-vpc-leftovers (why each comes here)`. */
function heading(items: readonly PlanItem[]): string {
  const kinds = [...new Set(items.map((i) => i.resource.kind))];
  const byAction = new Map<string, string[]>();
  for (const k of kinds) byAction.set(KINDS[k].action, [...(byAction.get(KINDS[k].action) ?? []), k]);
  const what = [...byAction].map(([action, ks]) => `${action} ${ks.join(', ')}`).join('; ');
  return `${what} (${[...new Set(kinds.map((k) => KINDS[k].because))].join('; ')})`;
}

interface Work {
  readonly label: string;
  readonly advance: () => Promise<Progress>;
}

/** One work per resource, except that the resources of one group's container are one work. */
function worksOf(items: readonly PlanItem[], ctx: AdvanceContext): Work[] {
  const works = new Map<string, Work>();
  items.forEach(({ resource: r }, i) => {
    const kind: TeardownKindModule = KINDS[r.kind];
    const group = kind.group;
    if (!group) {
      works.set(String(i), { label: kind.label?.(r) ?? `${r.kind} ${r.name}`, advance: () => kind.advance(ctx, r) });
      return;
    }
    const key = group.key(r);
    const label = group.label(key);
    if (!works.has(label)) works.set(label, { label, advance: () => group.advance(ctx, key) });
  });
  return [...works.values()];
}

async function runStep(
  items: readonly PlanItem[],
  ctx: AdvanceContext,
  o: { pollMs: number; stepTimeoutMs: number; sleep: (ms: number) => Promise<void>; progress: (line: string) => void },
): Promise<ItemFailure[]> {
  let pending = worksOf(items, ctx);
  const deadline = Date.now() + o.stepTimeoutMs;
  for (let pass = 1; ; pass++) {
    const failures: ItemFailure[] = [];
    const next: { work: Work; reason: string }[] = [];
    // One item's failure does not stop its siblings in the same step: they do not depend on each other.
    await Promise.all(pending.map(async (work) => {
      try {
        const p = await work.advance();
        if (!p.done) next.push({ work, reason: p.waiting });
      } catch (err) {
        failures.push({ item: work.label, message: classifyError(err).message });
      }
    }));
    if (failures.length > 0) return failures;
    if (next.length === 0) return [];
    if (Date.now() > deadline) {
      return next.map((n) => ({ item: n.work.label, message: `still not gone after ${Math.round(o.stepTimeoutMs / 60_000)} minutes (${n.reason}); run teardown again later` }));
    }
    if (pass % 4 === 0) o.progress(`  still waiting for ${next.length} item(s) after ${pass} passes: ${next.map((n) => `${n.work.label} (${n.reason})`).join(', ')}`);
    pending = next.map((n) => n.work);
    await o.sleep(o.pollMs);
  }
}
