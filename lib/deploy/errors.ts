// Kept apart from index.ts (which loads the toolkit and aws-cdk-lib) so the CLI can refuse a
// deploy before it loads either.

/**
 * `synthesis`: the lab app itself did not build (a bug in aws-ml-labs, or a context value it refused).
 * `not-confirmed`: the destroy was not confirmed, so nothing was deleted.
 */
export type LabStackErrorKind = 'not-bootstrapped' | 'no-credentials' | 'synthesis' | 'failed' | 'not-confirmed';

/** Why a deploy or destroy did not complete, with a sentence that says what to do. */
export class LabStackError extends Error {
  constructor(
    readonly kind: LabStackErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'LabStackError';
  }
}

