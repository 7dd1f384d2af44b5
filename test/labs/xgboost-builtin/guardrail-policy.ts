// Reads the lab stack's guardrail deny statements from a synthesised template and evaluates them
// for a request the way IAM does, for the condition operators the guardrail uses. An operator
// this evaluator does not know throws, so a changed guardrail cannot pass these tests silently.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { LabManifest } from '../../../lib/model';
import { LabStack } from '../../../lib/stack/lab-stack';

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** A request as IAM sees it: the action and the values of the condition keys it carries. */
export interface IamRequest {
  readonly action: string;
  readonly context: Readonly<Record<string, string[] | number>>;
}

/** The lab's stack `MlLab-<lab-id>`, synthesised as `mllab deploy` would. */
export function labTemplate(lab: LabManifest): Template {
  return Template.fromStack(LabStack.forLab(new App(), lab));
}

/**
 * The statements of the guardrail policy (lib/stack/guardrails.ts), the one that is always
 * attached; the budget's stop-spend policy is attached only once the budget is exceeded.
 */
export function guardrailStatements(template: Template): PolicyStatement[] {
  const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy')).map((r: any) => r.Properties.PolicyDocument.Statement as PolicyStatement[]);
  const guardrail = policies.filter((statements) => statements.some((s) => s.Sid === 'DenyInstanceTypesOutsideLabAllowlist'));
  if (guardrail.length !== 1) throw new Error(`expected one guardrail policy, found ${guardrail.length}`);
  return guardrail[0]!;
}

export function statementWithSid(statements: readonly PolicyStatement[], sid: string): PolicyStatement {
  const found = statements.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement with Sid ${sid}; found ${statements.map((s) => s.Sid).join(', ')}`);
  return found;
}

/** IAM `StringLike`: `*` matches any run of characters, `?` exactly one. */
export function stringLike(value: string, pattern: string, ignoreCase = false): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

function conditionHolds(operator: string, key: string, expected: unknown, request: IamRequest): boolean {
  const actual = request.context[key];
  const patterns = (Array.isArray(expected) ? expected : [expected]) as (string | number)[];
  switch (operator) {
    case 'ForAnyValue:StringNotLike':
      // True when at least one value of the key matches none of the patterns; a missing key has no values.
      return Array.isArray(actual) && actual.some((v) => !patterns.some((p) => stringLike(v, String(p))));
    case 'NumericGreaterThan':
      // A missing key makes a (non-IfExists) condition false.
      return typeof actual === 'number' && patterns.some((p) => actual > Number(p));
    default:
      throw new Error(`condition operator ${operator} is not evaluated by this test helper`);
  }
}

/** True when `statement` applies to the request: its action matches and every condition holds. */
export function statementApplies(statement: PolicyStatement, request: IamRequest): boolean {
  const actions = Array.isArray(statement.Action) ? statement.Action : statement.Action ? [statement.Action] : [];
  if (!actions.some((a) => stringLike(request.action, a, true))) return false;
  return Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) => conditionHolds(operator, key, expected, request)),
  );
}
