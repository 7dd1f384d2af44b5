// The one place SDK clients are built (aws-sdk-js-v3 supplemental-docs/EFFECTIVE_PRACTICES.md: one
// client per service, region and credentials, created lazily and reused by its owner).
import { NodeHttpHandler } from '@smithy/node-http-handler';

/** What every SDK v3 client has that the toolkit uses. */
export interface SdkClient {
  send(command: any, options?: any): Promise<any>;
  destroy(): void;
}

/** Any SDK v3 client class, e.g. `KinesisClient`. */
export type SdkClientClass<C extends SdkClient = SdkClient> = new (config: any) => C;

export interface ClientOptions {
  readonly region: string;
  /** A named profile of the shared config files; the standard credential chain otherwise. */
  readonly profile?: string;
  /**
   * Attempts per call, including the first. Default: what the SDK resolves, i.e. `AWS_MAX_ATTEMPTS`,
   * then the profile's `max_attempts`, then 3; the retry mode likewise comes from `AWS_RETRY_MODE` or
   * the profile's `retry_mode`, else standard
   * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html).
   */
  readonly maxAttempts?: number;
  /** Milliseconds a request may wait for its response. Default 20,000. */
  readonly requestTimeoutMs?: number;
  /** Credentials to use instead of the standard chain (emulators, assumed roles). */
  readonly credentials?: unknown;
  /** An endpoint to use instead of AWS's (an emulator on loopback); `AWS_ENDPOINT_URL_<SERVICE>` otherwise. */
  readonly endpoint?: string;
  /**
   * Where the SDK's own log lines go (a request that outlived its timeout, socket pressure).
   * Default: nowhere, so they never reach a learner's terminal; the CLI passes a stderr logger
   * under `--debug`.
   */
  readonly logger?: SdkLogger;
}

/** The SDK's logger interface (@smithy/types Logger). */
export interface SdkLogger {
  debug(...content: any[]): void;
  info(...content: any[]): void;
  warn(...content: any[]): void;
  error(...content: any[]): void;
}

const ignore = (): void => undefined;

/** Drops every line: the default, because SDK log lines are for whoever debugs, not for learners. */
export const silentLogger: SdkLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

/** Writes warnings and errors (and everything under `verbose`) as `[sdk <level>] ...` lines to `write`. */
export function writerLogger(write: (line: string) => void, verbose = false): SdkLogger {
  const to = (level: string) => (...content: any[]) =>
    write(`[sdk ${level}] ${content.map((c) => (typeof c === 'string' ? c : JSON.stringify(c))).join(' ')}\n`);
  return { debug: verbose ? to('debug') : ignore, info: verbose ? to('info') : ignore, warn: to('warn'), error: to('error') };
}

/**
 * The suffix of the SDK's per-service endpoint variable, `AWS_ENDPOINT_URL_<suffix>`: the service id
 * upper-cased with spaces as underscores (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html).
 */
const ENDPOINT_SUFFIX: Readonly<Record<string, string>> = {
  CloudWatchLogs: 'CLOUDWATCH_LOGS',
  ApplicationAutoScaling: 'APPLICATION_AUTO_SCALING',
  SageMakerFeatureStoreRuntime: 'SAGEMAKER_FEATURESTORE_RUNTIME',
  LakeFormation: 'LAKEFORMATION',
  ResourceGroupsTaggingAPI: 'RESOURCE_GROUPS_TAGGING_API',
  SageMakerRuntime: 'SAGEMAKER_RUNTIME',
};

/** `KinesisClient` -> `Kinesis`. */
export function serviceNameOf(clientClass: { name: string }): string {
  return clientClass.name.replace(/Client$/, '');
}

/** The endpoint override the SDK will use for a service (`AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`), if any. */
export function endpointOverride(service: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[`AWS_ENDPOINT_URL_${ENDPOINT_SUFFIX[service] ?? service.toUpperCase()}`] ?? env.AWS_ENDPOINT_URL;
}

/**
 * A client with the toolkit's settings: the SDK's retry configuration, HTTP/1.1 (Kinesis defaults to HTTP/2,
 * which kinesalite does not speak, and no read or delete the toolkit sends needs it), bounded
 * connection and request times (a request past its time is an error, never a warning and a wait),
 * a logger that keeps SDK lines off the terminal, and path-style S3 under an endpoint override
 * (emulators such as s3rver serve buckets by path, not by virtual host).
 */
export function createClient<C extends SdkClient>(clientClass: SdkClientClass<C>, options: ClientOptions): C {
  const service = serviceNameOf(clientClass);
  const logger = options.logger ?? silentLogger;
  return new clientClass({
    region: options.region,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
    logger,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 5_000, requestTimeout: options.requestTimeoutMs ?? 20_000, throwOnRequestTimeout: true, logger }),
    ...(service === 'S3' && (options.endpoint ?? endpointOverride(service)) ? { forcePathStyle: true } : {}),
  });
}

/** Clients created on first use, one per class, destroyed together. */
export class ClientPool {
  private readonly clients = new Map<SdkClientClass, SdkClient>();

  constructor(readonly options: ClientOptions) {}

  get<C extends SdkClient>(clientClass: SdkClientClass<C>): C {
    let client = this.clients.get(clientClass) as C | undefined;
    if (!client) {
      client = createClient(clientClass, this.options);
      this.clients.set(clientClass, client);
    }
    return client;
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
