// A small IAM evaluator for the generated policies: Allow statements only (the checker policy has no
// Deny), `*` and `?` wildcards in Action and Resource, and StringEquals on `aws:ResourceTag/<key>`,
// the one condition the generator writes. Anything else in a statement fails the test loudly.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
import type { PolicyDocument, PolicyStatement } from '../../lib/policy';

export interface Request {
  readonly action: string;
  readonly resource: string;
  /** Tags of the resource, for `aws:ResourceTag/<key>`. */
  readonly tags?: Readonly<Record<string, string>>;
}

function glob(pattern: string, value: string, ignoreCase = false): boolean {
  const re = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${re}$`, ignoreCase ? 'i' : '').test(value);
}

function conditionHolds(statement: PolicyStatement, request: Request): boolean {
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    if (operator !== 'StringEquals') throw new Error(`the evaluator does not know condition operator ${operator}`);
    for (const [key, values] of Object.entries(keys)) {
      const tag = /^aws:ResourceTag\/(.+)$/.exec(key)?.[1];
      if (!tag) throw new Error(`the evaluator does not know condition key ${key}`);
      const value = request.tags?.[tag];
      if (value === undefined || !values.includes(value)) return false;
    }
  }
  return true;
}

/** Whether the policy allows the request. Action names are case-insensitive in IAM, resources are not. */
export function allows(policy: PolicyDocument, request: Request): boolean {
  return policy.Statement.some((s) => {
    const resources = typeof s.Resource === 'string' ? [s.Resource] : s.Resource;
    return (
      s.Effect === 'Allow' &&
      s.Action.some((a) => glob(a, request.action, true)) &&
      resources.some((r) => glob(r, request.resource)) &&
      conditionHolds(s, request)
    );
  });
}
