// Class mode's contract between a learner's lab stack (which, on request, holds a read-only checker
// role) and the instructor's tools (`mllab class check`, the MlLab-class stack), which assume it.

/** Every checker role is named `mllab-checker-<lab id>`; the instructor's function may assume only these. */
export const CHECKER_ROLE_PREFIX = 'mllab-checker-';

/** The checker role of a lab in a learner's account. IAM role names are at most 64 characters (API_CreateRole). */
export function checkerRoleName(labId: string): string {
  return `${CHECKER_ROLE_PREFIX}${labId}`;
}

/** The instructor's stack, one per instructor account and region. */
export const CLASS_STACK_NAME = 'MlLab-class';

/** An AWS account id: twelve digits (https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html). */
export const ACCOUNT_ID = /^\d{12}$/;

/**
 * AssumeRole's ExternalId: 2 to 1,224 characters of `[\w+=,.@:/-]`
 * (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html, ExternalId).
 */
export const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

/** Why an external id is refused, or undefined when it is valid; never repeats the value. */
export function externalIdProblem(value: string): string | undefined {
  if (value.length < 2 || value.length > 1224) return `must be 2 to 1,224 characters long (it has ${value.length})`;
  if (!EXTERNAL_ID.test(value)) return 'may hold only letters, digits and + = , . @ : / - _';
  return undefined;
}
