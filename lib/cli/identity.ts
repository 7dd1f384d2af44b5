// Where the learner is: the account, the caller and the region a command acts in, printed at the top
// of `check`, `deploy` and `teardown` on stderr (stdout stays for results scripts read), and the
// credentials test of `mllab doctor`. STS GetCallerIdentity needs no permission
// (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html), so it works for any
// valid credentials.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { classifyError, createClient, type SdkLogger } from '../aws';
import type { CommandContext } from './io';
import { sanitize } from './text';

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
}

export interface IdentityOptions {
  readonly region: string;
  readonly profile?: string;
  /** An endpoint for every call (`check --endpoint-url`); AWS_ENDPOINT_URL[_STS] otherwise, as the SDK reads it. */
  readonly endpoint?: string;
  readonly logger?: SdkLogger;
  /** Milliseconds the one request may take. @default 5,000 */
  readonly timeoutMs?: number;
  /** Abandons the lookup (its connection closed), so a slow answer never keeps the process alive. */
  readonly signal?: AbortSignal;
}

// One answer per process and place: a command asks once, however many regions or runs it goes through.
const memo = new Map<string, Promise<CallerIdentity>>();

/** For tests: every lookup starts afresh. */
export function forgetCallerIdentities(): void {
  memo.clear();
}

/**
 * The caller's account and ARN, memoised per process for each region, profile and endpoint. One
 * attempt, bounded in time: the header is a courtesy, and the command's own calls diagnose a network
 * or credentials problem better than a retried lookup would.
 */
export function callerIdentity(options: IdentityOptions): Promise<CallerIdentity> {
  const key = JSON.stringify([options.region, options.profile ?? null, options.endpoint ?? null]);
  let found = memo.get(key);
  if (!found) {
    found = lookUp(options);
    memo.set(key, found);
  }
  return found;
}

async function lookUp(options: IdentityOptions): Promise<CallerIdentity> {
  const client = createClient(STSClient, {
    region: options.region,
    maxAttempts: 1,
    requestTimeoutMs: options.timeoutMs ?? 5_000,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  try {
    const out = await client.send(new GetCallerIdentityCommand({}), options.signal ? { abortSignal: options.signal } : {});
    if (!out.Account || !out.Arn) throw new Error('GetCallerIdentity answered without Account or Arn');
    return { account: out.Account, arn: out.Arn };
  } finally {
    client.destroy();
  }
}

/** `account 111122223333 (arn:aws:sts::111122223333:assumed-role/Learner/me), region us-east-1`. */
export function identityLine(identity: CallerIdentity, where: string): string {
  return `account ${sanitize(identity.account)} (${sanitize(identity.arn)}), ${where}`;
}

export interface HeaderOptions extends IdentityOptions {
  /** What follows the identity: `region us-east-1`, `regions us-east-1, eu-west-1`. Default: `region <region>`. */
  readonly where?: string;
  /**
   * Milliseconds to wait for the answer before going on without the header. Default: the lookup's
   * own timeout. `check` waits briefly, since its run does not wait for the header.
   */
  readonly waitMs?: number;
}

/**
 * Prints the identity line on stderr, or nothing when the lookup fails or is slower than `waitMs`:
 * the command then goes on, and a missing credential or a dead endpoint is diagnosed by its own
 * precondition check in one line (under --debug, why the header is missing is said too).
 */
export async function printIdentityHeader(ctx: CommandContext, options: HeaderOptions): Promise<void> {
  const abandon = new AbortController();
  const timer = options.waitMs === undefined ? undefined : setTimeout(() => abandon.abort(), options.waitMs);
  try {
    const identity = await callerIdentity({ ...options, signal: abandon.signal });
    ctx.err(identityLine(identity, options.where ?? `region ${options.region}`));
  } catch (err) {
    if (ctx.debug) ctx.err(`(no account line: ${sanitize(classifyError(err, options.profile ? { profile: options.profile } : {}).message)})`);
  } finally {
    clearTimeout(timer);
  }
}
