import { CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * How cdk-nag names an attribute of a resource inside a finding id, `<LogicalId.Attr>`. Finding
 * ids embed logical ids, so they are computed from the construct, never typed by hand.
 */
export function nagRef(construct: IConstruct, attribute: string): string {
  const element = construct instanceof CfnElement ? construct : construct.node.defaultChild;
  if (!(element instanceof CfnElement)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return `<${Stack.of(element).getLogicalId(element)}.${attribute}>`;
}

/** Acknowledges wildcard-resource findings (AwsSolutions-IAM5) on `scope`, one per resource pattern. */
export function acknowledgeWildcardResources(scope: IConstruct, resources: readonly string[], reason: string): void {
  for (const resource of resources) Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
}

/** Acknowledges wildcard-action findings (AwsSolutions-IAM5) on `scope`. */
export function acknowledgeWildcardActions(scope: IConstruct, actions: readonly string[], reason: string): void {
  for (const action of actions) Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Action::${action}]`, reason });
}

/** The action wildcards of the CDK's S3 bucket grants (grantRead / grantReadWrite). */
export const BUCKET_GRANT_ACTIONS = ['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*'] as const;
