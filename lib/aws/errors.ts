// The one error vocabulary of everything that talks to AWS: check, teardown, spend, deploy, cassettes.
/**
 * Turns what the SDK (or the toolkit) threw into a sentence for the learner. Branches on `error.name`
 * and `$metadata`, never on message text (aws-sdk-js-v3 ERROR_HANDLING.md).
 */
export type ErrorKind =
  | 'access-denied'
  | 'throttled'
  | 'unknown-operation'
  | 'no-credentials'
  | 'unreachable'
  | 'timeout'
  | 'not-declared'
  | 'not-read-only'
  | 'no-recording'
  | 'other';

export interface ClassifiedError {
  readonly kind: ErrorKind;
  readonly message: string;
}

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AuthorizationError',
]);
const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
  'RequestThrottled',
  'RequestThrottledException',
]);
const UNKNOWN_OPERATION = new Set(['UnknownOperationException', 'InvalidAction', 'UnsupportedOperation']);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ETIMEDOUT', 'ENETUNREACH']);

/** An error raised by the toolkit itself (a refused call, a missing recording), with its kind already decided. */
export class KnownError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'KnownError';
  }
}

function errorCode(err: any): string | undefined {
  return err?.code ?? err?.cause?.code ?? err?.errors?.[0]?.code;
}

/** `iamAction` is the action the failed call needs, when known, so the message can say what to grant. */
export function classifyError(err: unknown, iamAction?: string): ClassifiedError {
  const e = err as any;
  if (e instanceof KnownError) return { kind: e.kind, message: e.message };
  const name: string = typeof e?.name === 'string' ? e.name : 'Error';
  const hasMetadata = e && typeof e === 'object' && '$metadata' in e;
  if (hasMetadata && ACCESS_DENIED.has(name)) {
    const grant = iamAction ? ` Grant ${iamAction} (see \`mllab policy\`).` : '';
    return { kind: 'access-denied', message: `Access denied (${name}).${grant}` };
  }
  if (hasMetadata && THROTTLED.has(name)) {
    return { kind: 'throttled', message: `Throttled by AWS past the retry limit (${name}); run the check again in a minute.` };
  }
  if (hasMetadata && UNKNOWN_OPERATION.has(name)) {
    return { kind: 'unknown-operation', message: `The endpoint does not support this operation (${name}); check the region and any AWS_ENDPOINT_URL override.` };
  }
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    return { kind: 'no-credentials', message: 'No AWS credentials found: set AWS_PROFILE or pass --profile, or run `aws configure` / `aws sso login`.' };
  }
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { kind: 'timeout', message: 'The check timed out waiting for AWS.' };
  }
  const code = errorCode(e);
  if (code && UNREACHABLE_CODES.has(code)) {
    return { kind: 'unreachable', message: `The AWS endpoint is unreachable (${code}); check the network, the region and any AWS_ENDPOINT_URL override.` };
  }
  const status = hasMetadata ? e.$metadata?.httpStatusCode : undefined;
  const detail = typeof e?.message === 'string' && e.message ? `: ${e.message}` : '';
  return { kind: 'other', message: `${name}${status ? ` (HTTP ${status})` : ''}${detail}` };
}

export { isServiceError } from '../cleanup/progress';

/** True when the SDK refused the call for the caller's permissions or credentials. */
export function isAccessDenied(err: unknown): boolean {
  return classifyError(err).kind === 'access-denied';
}

/** True when AWS throttled the call past the SDK's retries. */
export function isThrottled(err: unknown): boolean {
  return classifyError(err).kind === 'throttled';
}

/** True when the SDK error says the resource is missing: a check usually turns that into `fail`. */
export function isNotFound(err: unknown): boolean {
  const name = (err as any)?.name;
  return ['ResourceNotFoundException', 'NoSuchBucket', 'NoSuchKey', 'NotFound', 'EntityNotFoundException'].includes(name);
}
