// The order teardown removes kinds in, computed from what each kind declares it comes `after` (or
// `before`; libnuke's DependsOn). A kind's step is one more than the highest step among its dependencies
// (one of its own group adds none: the group's clean-up keeps that order), and each step finishes,
// waiting through `Deleting`, before the next starts.
import { KINDS, type TeardownKind } from './kinds';

interface Node {
  readonly after: readonly string[];
  readonly before?: readonly string[];
  readonly group?: object;
}

export interface KindOrder<K extends string> {
  /** Every kind, dependencies first; within a step by name. */
  readonly order: readonly K[];
  readonly step: Readonly<Record<K, number>>;
  /** What each kind waits for: its `after` and every kind that declares itself `before` it. */
  readonly dependencies: Readonly<Record<K, readonly K[]>>;
}

/** Throws on a dependency that is not a kind, or on a cycle: both are programming errors. */
export function orderKinds<K extends string>(kinds: Readonly<Record<K, Node>>): KindOrder<K> {
  const names = Object.keys(kinds) as K[];
  const known = (k: K, relation: string, d: string): d is K => {
    if (!Object.hasOwn(kinds, d)) throw new Error(`teardown kind ${k} comes ${relation} ${d}, which is not a registered kind`);
    return true;
  };
  const dependencies = Object.fromEntries(names.map((k) => [k, kinds[k].after.filter((d) => known(k, 'after', d))])) as Record<K, K[]>;
  for (const k of names) for (const d of kinds[k].before ?? []) if (known(k, 'before', d)) dependencies[d].push(k);
  const step = {} as Record<K, number>;
  const path: K[] = [];
  const stepOf = (k: K): number => {
    if (step[k] !== undefined) return step[k];
    if (path.includes(k)) throw new Error(`teardown kinds come after each other in a cycle: ${[...path.slice(path.indexOf(k)), k].join(' -> ')}`);
    path.push(k);
    const group = kinds[k].group;
    const s = Math.max(1, ...dependencies[k].map((d) => stepOf(d) + (group && group === kinds[d].group ? 0 : 1)));
    path.pop();
    return (step[k] = s);
  };
  names.forEach(stepOf);
  // Kahn's algorithm; of the kinds ready, the lowest step first, then by name: the registry's order never matters.
  const order: K[] = [];
  const left = new Set(names);
  while (left.size > 0) {
    const ready = [...left].filter((k) => dependencies[k].every((d) => !left.has(d)));
    const next = ready.sort((a, b) => step[a] - step[b] || a.localeCompare(b))[0]!;
    order.push(next);
    left.delete(next);
  }
  return { order, step, dependencies };
}

const COMPUTED = orderKinds(KINDS);

/** Every kind in the order teardown removes them. */
export const KIND_ORDER: readonly TeardownKind[] = COMPUTED.order;

export const KIND_DEPENDENCIES = COMPUTED.dependencies;

export function stepOf(kind: TeardownKind): number {
  return COMPUTED.step[kind];
}

/** The step that destroys the stack; later steps run only once it is gone. */
export const STACK_STEP = stepOf('cloudformation:stack');
