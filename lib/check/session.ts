import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { ClientPool, serviceNameOf as clientServiceName, type SdkLogger } from '../aws/clients';
import { KnownError } from '../aws/errors';
import { isReadOnlyOperation, labStackName, STACK_OUTPUT_READ, type LabManifest, type ServiceName, type StackOutputKey } from '../model';
import type { CheckContext, ReadOnlyClient, SdkClient, SdkClientClass } from './types';

/** One SDK call as the runtime sees it. */
export interface SdkCall {
  readonly service: ServiceName;
  readonly operation: string;
  /** A copy taken when the check sent the call: a paginator reuses one input object for every page. */
  readonly input: Record<string, unknown>;
  /** The SDK command object, for a transport that sends it (built on `input`, the copy). */
  readonly command: any;
  /** The (lazily created) client of the service. */
  readonly client: () => { send(command: any, options?: any): Promise<any> };
  /**
   * Aborted when no requirement waits for the answer any more (each timed out) or the run ends:
   * a transport that sends hands it to `client.send(command, { abortSignal })`.
   */
  readonly abortSignal: AbortSignal;
}

/**
 * How calls reach AWS: `liveTransport` sends them; the cassette module (lib/cassette) adds one
 * that replays from a file and one that records. Transports are composed, never subclassed.
 */
export interface CallTransport {
  send(call: SdkCall): Promise<any>;
}

export const liveTransport: CallTransport = {
  send: (call) => call.client().send(call.command, { abortSignal: call.abortSignal }),
};

export interface SessionOptions {
  readonly region: string;
  /** A named profile of the shared config files; the standard credential chain otherwise. */
  readonly profile?: string;
  readonly transport?: CallTransport;
  /** Attempts per call, including the first. Default: the SDK's (AWS_MAX_ATTEMPTS, the profile, then 3). */
  readonly maxAttempts?: number;
  /** Every service's endpoint (`--endpoint-url`); `AWS_ENDPOINT_URL_<SERVICE>` otherwise. */
  readonly endpoint?: string;
  /** Where the SDK's log lines go; default nowhere (lib/aws/clients). */
  readonly logger?: SdkLogger;
  /** Credentials to sign with instead of the profile's or the chain's (class mode: an assumed checker role's). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string; readonly expiration?: Date };
}

/** One call in flight, shared by every requirement that asked for it (the memo). */
interface InFlight {
  readonly answer: Promise<any>;
  readonly controller: AbortController;
  /** Requirements still waiting for the answer. */
  waiting: number;
  settled: boolean;
}

/** The abort error a waiter gets when its own signal fires first. */
function abortErrorOf(signal: AbortSignal): Error {
  const reason = signal.reason;
  if (reason instanceof Error) return reason;
  return Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
}

/** `KinesisClient` -> `Kinesis`. */
export function serviceNameOf(clientClass: { name: string }): ServiceName {
  return clientServiceName(clientClass) as ServiceName;
}

/** `DescribeStreamSummaryCommand` -> `DescribeStreamSummary`. */
export function operationNameOf(command: object): string {
  return command.constructor.name.replace(/Command$/, '');
}

/** JSON with sorted keys, so equal inputs give equal memo keys whatever their key order. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * Everything one check run shares: one client per service (created lazily, SDK standard retries,
 * HTTP/1.1 so emulators work), and a memo so one read serves every requirement that needs it.
 */
export class CheckSession {
  readonly region: string;
  /** The named profile, if any: error messages name it ("log in again"). */
  readonly profile: string | undefined;
  private readonly clients: ClientPool;
  private readonly memo = new Map<string, InFlight>();
  private readonly transport: CallTransport;
  /** Calls that reached the transport (memo misses), for tests and the benchmark. */
  callsSent = 0;

  constructor(options: SessionOptions) {
    this.region = options.region;
    this.profile = options.profile;
    this.transport = options.transport ?? liveTransport;
    this.clients = new ClientPool({
      region: options.region,
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
  }

  clientFor(clientClass: SdkClientClass): SdkClient {
    return this.clients.get(clientClass);
  }

  /**
   * Sends (or replays) one read call, once per run for equal inputs. `signal` is the asking
   * requirement's: when it fires, that requirement stops waiting, and the call itself is aborted
   * once no requirement waits for it (and forgotten, so a later requirement sends it again).
   */
  call(clientClass: SdkClientClass, command: any, signal?: AbortSignal): Promise<any> {
    const service = serviceNameOf(clientClass);
    const operation = operationNameOf(command);
    // The SDK's paginators send every page with the same input object and set its token between
    // pages, so the key, the cassette recording and the command sent all work on a copy taken now.
    // A shallow copy suffices: paginators only ever set top-level members (tokens, page sizes).
    const input = { ...(command.input ?? {}) } as Record<string, unknown>;
    const key = `${service}:${operation}:${stableStringify(input)}`;
    if (signal?.aborted) return Promise.reject(abortErrorOf(signal));
    let flight = this.memo.get(key);
    if (!flight) {
      this.callsSent++;
      const sent = new command.constructor(input);
      const controller = new AbortController();
      // Always a real promise, even when a transport (or a test double) answers synchronously or throws.
      const call: SdkCall = { service, operation, input, command: sent, client: () => this.clientFor(clientClass), abortSignal: controller.signal };
      const answer = Promise.resolve().then(() => this.transport.send(call));
      const created: InFlight = { answer, controller, waiting: 0, settled: false };
      answer.then(
        () => (created.settled = true),
        () => (created.settled = true),
      );
      this.memo.set(key, created);
      flight = created;
    }
    return this.wait(key, flight, signal);
  }

  private wait(key: string, flight: InFlight, signal: AbortSignal | undefined): Promise<any> {
    if (!signal) return flight.answer;
    flight.waiting++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        flight.waiting--;
        if (flight.waiting === 0 && !flight.settled) {
          flight.controller.abort(signal.reason);
          if (this.memo.get(key) === flight) this.memo.delete(key);
        }
        reject(abortErrorOf(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      flight.answer.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          flight.waiting--;
          resolve(value);
        },
        (err: unknown) => {
          signal.removeEventListener('abort', onAbort);
          flight.waiting--;
          reject(err);
        },
      );
    });
  }

  /** Aborts every call still in flight and closes the clients' connections. */
  destroy(): void {
    for (const flight of this.memo.values()) if (!flight.settled) flight.controller.abort();
    this.clients.destroy();
  }
}

/** Thrown by `stackOutput` when the lab stack or one of its outputs is missing. */
export class MissingStackOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingStackOutputError';
  }
}

/** Non-enumerable property on an error: the `Service:Operation` whose call raised it. */
export const FAILED_CALL = Symbol.for('mllab.failedCall');

/** The `Service:Operation` whose call raised `err`, when it came from a check's client. */
export function failedCallOf(err: unknown): string | undefined {
  return err && typeof err === 'object' ? ((err as any)[FAILED_CALL] as string | undefined) : undefined;
}

/** The context one requirement's check receives: its declared reads only, enforced here. */
export function requirementContext(
  session: CheckSession,
  lab: LabManifest,
  declared: readonly string[],
  signal: AbortSignal,
): CheckContext {
  const allowed = new Set<string>([...declared, STACK_OUTPUT_READ]);
  const send = (clientClass: SdkClientClass, command: any, own?: AbortSignal): Promise<any> => {
    const operation = operationNameOf(command);
    const call = `${serviceNameOf(clientClass)}:${operation}`;
    if (!isReadOnlyOperation(operation)) {
      return Promise.reject(new KnownError('not-read-only', `The check tried to send ${call}, which is not a read; checkers never write to your account, so it was not sent.`));
    }
    if (!allowed.has(call)) {
      return Promise.reject(new KnownError('not-declared', `The check sent ${call}, which its requirement does not declare in 'reads'; it was not sent.`));
    }
    // The requirement's signal always; a check's own `{ abortSignal }` as well, when it passes one.
    const sent = session.call(clientClass, command, own ? AbortSignal.any([signal, own]) : signal).catch((err: unknown) => {
      // Remember which call failed, so an access-denied error can name the IAM action to grant.
      if (err && typeof err === 'object' && !(FAILED_CALL in err)) Object.defineProperty(err, FAILED_CALL, { value: call });
      throw err;
    });
    // A call a check started and never awaited is aborted when its requirement ends: that rejection
    // reaches no one, and must not end the process as an unhandled one. Awaiting callers still get it.
    sent.catch(() => undefined);
    return sent;
  };
  const client = <C extends SdkClient>(clientClass: SdkClientClass<C>): ReadOnlyClient<C> => {
    // An object of the client's class that never ran its constructor: `instanceof` holds (the SDK's
    // paginators require it) while no SDK client, credentials or connection pool is created for a
    // service whose calls are replayed. Only `send` and `destroy` are usable on it.
    const readOnly = Object.create(clientClass.prototype) as C;
    Object.defineProperties(readOnly, {
      send: { value: (command: any, options?: { abortSignal?: AbortSignal }) => send(clientClass, command, options?.abortSignal) },
      // The session owns the real clients and destroys them after the run.
      destroy: { value: () => undefined },
    });
    return readOnly;
  };
  return {
    region: session.region,
    lab,
    signal,
    client,
    async stackOutput(key: StackOutputKey): Promise<string> {
      const stackName = labStackName(lab.id);
      let outputs: { OutputKey?: string; OutputValue?: string }[] | undefined;
      try {
        const out = await client(CloudFormationClient).send(new DescribeStacksCommand({ StackName: stackName }));
        outputs = out.Stacks?.[0]?.Outputs;
      } catch (err: any) {
        // CloudFormation answers a missing stack with a plain ValidationError (HTTP 400): no
        // dedicated error name exists for it.
        if (err?.name === 'ValidationError' && err?.$metadata?.httpStatusCode === 400) {
          throw new MissingStackOutputError(`The lab stack ${stackName} is not deployed in ${session.region}: run \`mllab deploy ${lab.id}\` first.`);
        }
        throw err;
      }
      const value = outputs?.find((o) => o.OutputKey === key)?.OutputValue;
      if (!value) throw new MissingStackOutputError(`The lab stack ${stackName} has no output ${key}: redeploy it with \`mllab deploy ${lab.id}\`.`);
      return value;
    },
  };
}
