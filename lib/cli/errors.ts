// CLI errors carry who is at fault and the exit code (DESIGN.md); only `main()` catches them.
// (Pattern: aws-cdk-cli toolkit-lib/lib/toolkit/toolkit-error.ts.)

export type Fault = 'user' | 'environment' | 'program';

/**
 * Marks every CliError, whichever copy of this module made it: the CLI bundle holds one copy, and
 * the commands loaded from dist/ beside it (class, selftest, new, plan, report, missed, diagram) hold
 * another, so `instanceof` across them would be false. `Symbol.for` is one symbol per process.
 */
const CLI_ERROR = Symbol.for('aws-ml-labs.CliError');

export abstract class CliError extends Error {
  abstract readonly exitCode: number;
  abstract readonly fault: Fault;
  readonly [CLI_ERROR] = true;
}

/** A CliError from any copy of this module (see CLI_ERROR). */
export function isCliError(err: unknown): err is CliError {
  return typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[CLI_ERROR] === true;
}

/** Bad usage or input (unknown lab, bad option value, malformed file): exit 2. */
export class UsageError extends CliError {
  readonly exitCode = 2;
  readonly fault = 'user' as const;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * The command is right but the machine or account cannot answer (no credentials, endpoint
 * unreachable, store not writable, not bootstrapped): exit 3, "could not decide".
 */
export class EnvironmentError extends CliError {
  readonly exitCode = 3;
  readonly fault = 'environment' as const;
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentError';
  }
}

/** Exit code of a bug in mllab itself; distinct from 1..3 so CI never mistakes it for a verdict. */
export const INTERNAL_ERROR_EXIT = 70;

/** The command ran and the operation did not succeed (a deploy CloudFormation rolled back): exit 1. */
export class OperationFailedError extends CliError {
  readonly exitCode = 1;
  readonly fault = 'environment' as const;
  constructor(message: string) {
    super(message);
    this.name = 'OperationFailedError';
  }
}
