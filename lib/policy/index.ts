// The checkers' IAM policy, generated from what every requirement declares in `reads` (plus the
// stack-output read every lab makes), so the policy and the checks cannot drift apart.
import { iamActionsFor, PolicyError, STACK_OUTPUT_READ, type LabManifest } from '../model';
import { conditionOf, scopeOf, ScopeError, type PolicyCondition, type PolicyTarget, type Scope } from './scopes';

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: PolicyCondition;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/**
 * Actions a read does not need to be allowed but needs to answer precisely: without s3:ListBucket
 * on the bucket, HeadObject and GetObject of a key that does not exist answer 403 Forbidden with no
 * body, not 404, so "missing" and "denied" look the same ("If the object you request doesn't exist,
 * the error that Amazon S3 returns depends on whether you also have the s3:ListBucket permission":
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html).
 */
const TO_ANSWER: Readonly<Record<string, readonly string[]>> = {
  'S3:HeadObject': ['s3:ListBucket'],
  'S3:GetObject': ['s3:ListBucket'],
};

/** Everything one read needs in IAM: what allows it, and what lets it tell a missing resource from a denied one. */
export function policyActionsFor(read: string): readonly string[] {
  return [...iamActionsFor(read), ...(TO_ANSWER[read] ?? [])];
}

/**
 * Least privilege for the checkers of `labs` in one partition and region: exactly the actions their
 * reads need (read-only by construction, since the runtime refuses any other call), each on the
 * labs' own resources where the action has a resource type (lib/policy/scopes.ts says how each is
 * named and why some stay `*`).
 */
export function checkerPolicy(labs: readonly LabManifest[], target: PolicyTarget): PolicyDocument {
  // One statement per scope: its actions, the union of the labs' resources, the labs it covers.
  const byScope = new Map<Scope, { actions: Set<string>; resources: Set<string>; labIds: Set<string> }>();
  for (const lab of labs) {
    const reads = new Set([STACK_OUTPUT_READ, ...lab.requirements.flatMap((r) => r.reads)]);
    for (const read of reads) {
      for (const action of policyActionsFor(read)) {
        let scope: Scope;
        try {
          scope = scopeOf(action);
        } catch (err) {
          if (err instanceof ScopeError) throw new PolicyError(`${lab.id} reads ${read}: ${err.message}`);
          throw err;
        }
        const entry = byScope.get(scope) ?? { actions: new Set(), resources: new Set(), labIds: new Set() };
        entry.actions.add(action);
        scope.resources(lab, target).forEach((r) => entry.resources.add(r));
        entry.labIds.add(lab.id);
        byScope.set(scope, entry);
      }
    }
  }
  const statements = [...byScope].map(([scope, entry]): PolicyStatement => {
    const resources = [...entry.resources].sort();
    const condition = conditionOf(scope, [...entry.labIds]);
    return {
      Sid: scope.sid,
      Effect: 'Allow',
      Action: [...entry.actions].sort(),
      Resource: resources.includes('*') ? '*' : resources,
      ...(condition ? { Condition: condition } : {}),
    };
  });
  return { Version: '2012-10-17', Statement: statements.sort((a, b) => a.Sid.localeCompare(b.Sid)) };
}

export { iamActionsFor, PolicyError } from '../model';
export { LAB_BUCKET_LOGICAL_ID, labBucketPrefix, type PolicyCondition, type PolicyTarget } from './scopes';
