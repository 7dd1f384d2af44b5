// The one error vocabulary of everything that talks to AWS: check, teardown, spend, deploy, cassettes.
// Turns what the SDK (or the toolkit) threw into a sentence for the learner. Branches on `error.name`,
// `$metadata` and socket codes, never on message text (aws-sdk-js-v3 ERROR_HANDLING.md).
import { isClockSkewError, isThrottlingError } from '@smithy/core/retry';

export type ErrorKind =
  | 'access-denied'
  | 'expired-credentials'
  | 'clock-skew'
  | 'throttled'
  | 'unknown-operation'
  | 'no-credentials'
  | 'unreachable'
  | 'connection-reset'
  | 'timeout'
  | 'not-declared'
  | 'not-read-only'
  | 'no-recording'
  | 'other';

export interface ClassifiedError {
  readonly kind: ErrorKind;
  readonly message: string;
}

/** Where the failed call was going, so a message can name what to fix. */
export interface ErrorContext {
  /** The IAM action(s) the failed call needs, named in an access-denied message. */
  readonly iamAction?: string;
  /** The named profile in use, named in a "log in again" message. */
  readonly profile?: string;
}

/**
 * Credentials that AWS refused as expired or unknown: the fix is to log in again, not to grant
 * anything. Names from the STS and service error references, e.g.
 * https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html (ExpiredToken,
 * InvalidClientTokenId) and https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
 * (InvalidAccessKeyId, InvalidToken).
 */
const BAD_CREDENTIALS = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'InvalidToken',
  'TokenRefreshRequired',
]);
const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError']);
const UNKNOWN_OPERATION = new Set(['UnknownOperationException', 'InvalidAction', 'UnsupportedOperation']);
/** Node's socket error codes (https://nodejs.org/api/errors.html#common-system-errors), by what they mean to a learner. */
const REFUSED_OR_UNKNOWN_HOST = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
/** Raised by the SDK's credential chain and token providers when they find nothing usable. */
const CREDENTIAL_PROVIDER_ERRORS = new Set(['CredentialsProviderError', 'TokenProviderError']);

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

function profileNamed(profile: string | undefined): string {
  return profile ? `profile '${profile}'` : 'your credentials';
}

/**
 * What went wrong, in one sentence that names the fix. Uses the SDK's own classification where it
 * has one (@smithy/core/retry: isThrottlingError, isClockSkewError); expired or unknown credentials
 * come first because the SDK counts some of them among clock-skew causes, and a learner whose
 * session ran out must be told to log in again, not to fix a clock or an IAM policy. A
 * connection the endpoint reset and one that never answered are told apart by the socket's code:
 * the SDK's HTTP handler names both `TimeoutError`.
 */
export function classifyError(err: unknown, context: ErrorContext | string = {}): ClassifiedError {
  const { iamAction, profile } = typeof context === 'string' ? { iamAction: context, profile: undefined } : context;
  const e = err as any;
  if (e instanceof KnownError) return { kind: e.kind, message: e.message };
  const name: string = typeof e?.name === 'string' ? e.name : 'Error';
  const hasMetadata = e !== null && typeof e === 'object' && '$metadata' in e;
  if (hasMetadata && BAD_CREDENTIALS.has(name)) {
    return { kind: 'expired-credentials', message: `AWS refused ${profileNamed(profile)} as expired or invalid (${name}): log in again (\`aws sso login${profile ? ` --profile ${profile}` : ''}\`, or renew the keys) and run the check again.` };
  }
  if (hasMetadata && ACCESS_DENIED.has(name)) {
    const grant = iamAction ? ` Grant ${iamAction} (see \`mllab policy\`).` : '';
    return { kind: 'access-denied', message: `Access denied (${name}).${grant}` };
  }
  if (hasMetadata && isClockSkewError(e)) {
    return { kind: 'clock-skew', message: `AWS refused the request's signature or time (${name}): check that this computer's clock is right (time zone and automatic time sync), then run the check again.` };
  }
  if (hasMetadata && isThrottlingError(e)) {
    return { kind: 'throttled', message: `Throttled by AWS past the retry limit (${name}); run the check again in a minute.` };
  }
  if (hasMetadata && UNKNOWN_OPERATION.has(name)) {
    return { kind: 'unknown-operation', message: `The endpoint does not support this operation (${name}); check the region and any AWS_ENDPOINT_URL override.` };
  }
  if (CREDENTIAL_PROVIDER_ERRORS.has(name)) {
    return { kind: 'no-credentials', message: `No AWS credentials found${profile ? ` for profile '${profile}'` : ''}: set AWS_PROFILE or pass --profile, or run \`aws configure\` / \`aws sso login\`.` };
  }
  const code = errorCode(e);
  if (code && REFUSED_OR_UNKNOWN_HOST.has(code)) {
    return { kind: 'unreachable', message: `The AWS endpoint is unreachable (${code}); check the network, the region and any AWS_ENDPOINT_URL override.` };
  }
  if (code && RESET.has(code)) {
    return { kind: 'connection-reset', message: `The AWS endpoint closed the connection (${code}); check the network, a proxy or VPN, and any AWS_ENDPOINT_URL override, then run the check again.` };
  }
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'ETIMEDOUT') {
    return { kind: 'timeout', message: 'The check timed out waiting for AWS.' };
  }
  const status = hasMetadata ? e.$metadata?.httpStatusCode : undefined;
  const detail = typeof e?.message === 'string' && e.message ? `: ${e.message}` : '';
  return { kind: 'other', message: `${name}${status ? ` (HTTP ${status})` : ''}${detail}` };
}

/**
 * Kinds that say nothing about one requirement and everything about the run: the machine, the
 * network or the credentials. When every requirement ends on the same one, it is reported once.
 */
export const SHARED_CAUSES: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['expired-credentials', 'clock-skew', 'no-credentials', 'unreachable', 'connection-reset', 'timeout']);

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
