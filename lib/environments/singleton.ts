import { Stack } from 'aws-cdk-lib';
import type { Construct, IConstruct } from 'constructs';

/**
 * The one construct of this type with this id in the stack of `scope`, created on first use.
 * Per-stack singletons come from the construct tree, never from module-level maps (STYLE.md).
 */
export function stackSingleton<T extends IConstruct>(
  scope: Construct,
  id: string,
  isExpected: (existing: IConstruct) => existing is T,
  create: (stack: Stack, id: string) => T,
): T {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild(id);
  if (existing === undefined) return create(stack, id);
  if (isExpected(existing)) return existing;
  throw new Error(`${stack.node.path}/${id} exists but is not the expected construct`);
}
