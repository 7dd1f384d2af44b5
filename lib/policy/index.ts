// The checkers' IAM policy, generated from what every requirement declares in `reads` (plus the
// stack-output read every lab makes), so the policy and the checks cannot drift apart.
import { iamActionsFor, labStackName, STACK_OUTPUT_READ, type LabManifest } from '../model';

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/**
 * Least privilege for the checkers of `labs`: exactly the actions their reads need (read-only by
 * construction, since the runtime refuses any other call); DescribeStacks only on the lab stacks.
 * Other reads use `*`: checkers find learner-named resources whose ARNs are not known in advance.
 */
export function checkerPolicy(labs: readonly LabManifest[]): PolicyDocument {
  const byPrefix = new Map<string, Set<string>>();
  const stackActions = new Set<string>();
  for (const lab of labs) {
    for (const requirement of lab.requirements) {
      for (const read of [...requirement.reads, STACK_OUTPUT_READ]) {
        for (const action of iamActionsFor(read)) {
          if (read === STACK_OUTPUT_READ) {
            stackActions.add(action);
            continue;
          }
          const prefix = action.split(':')[0]!;
          if (!byPrefix.has(prefix)) byPrefix.set(prefix, new Set());
          byPrefix.get(prefix)!.add(action);
        }
      }
    }
  }
  const statements: PolicyStatement[] = [];
  if (stackActions.size > 0) {
    statements.push({
      Sid: 'MllabReadLabStacks',
      Effect: 'Allow',
      Action: [...stackActions].sort(),
      Resource: [...new Set(labs.map((l) => `arn:aws:cloudformation:*:*:stack/${labStackName(l.id)}/*`))].sort(),
    });
  }
  for (const prefix of [...byPrefix.keys()].sort()) {
    statements.push({
      Sid: `MllabRead${prefix.charAt(0).toUpperCase()}${prefix.slice(1)}`,
      Effect: 'Allow',
      Action: [...byPrefix.get(prefix)!].sort(),
      Resource: '*',
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}

export { iamActionsFor, PolicyError } from '../model';
