// The ONE place that decides how the toolkit tags what it creates (DESIGN.md): budgets filter
// on these tags, checkers and teardown find resources by them, so they must never drift apart.
import { Tags } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { MANAGED_BY_VALUE, TAG_LAB, TAG_MANAGED_BY } from '../model';

/** The tags every resource of a lab carries. */
export function labTags(labId: string): Record<string, string> {
  return { [TAG_LAB]: labId, [TAG_MANAGED_BY]: MANAGED_BY_VALUE };
}

/** Tags every taggable resource under `scope` (and so, through CloudFormation, what it creates). */
export function applyLabTags(scope: IConstruct, labId: string): void {
  for (const [key, value] of Object.entries(labTags(labId))) Tags.of(scope).add(key, value);
}
