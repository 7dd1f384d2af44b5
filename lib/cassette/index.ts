// Cassettes: every SDK call of a check run, written to a hand-writable JSON file and answered
// from it later, so a lab can be checked offline (tests, instructors, the demo, the benchmark).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { KnownError } from '../aws/errors';
import { liveTransport, stableStringify, type CallTransport, type SdkCall } from '../check/session';
import { SERVICE_NAMES, type ServiceName } from '../model';

export const CASSETTE_FORMAT_VERSION = 1;

const recordedError = z
  .object({
    name: z.string().min(1),
    message: z.string().optional(),
    /** Defaults to 400, the status of most client errors the checks branch on. */
    httpStatusCode: z.number().int().min(100).max(599).optional(),
  })
  .strict();

const cassetteCall = z
  .object({
    service: z.enum(SERVICE_NAMES),
    operation: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'expected an operation name such as DescribeStreamSummary (no "Command" suffix)'),
    /** Keys to match; `{}` (or no input) matches any request of the operation. */
    input: z.record(z.string(), z.unknown()).optional(),
    output: z.record(z.string(), z.unknown()).optional(),
    error: recordedError.optional(),
  })
  .strict()
  .refine((c) => (c.output === undefined) !== (c.error === undefined), { message: 'give exactly one of "output" or "error"' })
  .refine((c) => !c.operation.endsWith('Command'), { message: 'operation is the command name without "Command"', path: ['operation'] });

const cassetteSchema = z
  .object({
    formatVersion: z.literal(CASSETTE_FORMAT_VERSION),
    region: z.string().min(1),
    calls: z.array(cassetteCall),
  })
  .strict();

export type CassetteCall = z.infer<typeof cassetteCall>;
export interface Cassette {
  readonly formatVersion: typeof CASSETTE_FORMAT_VERSION;
  readonly region: string;
  readonly calls: readonly CassetteCall[];
}

/** A cassette the user handed us is malformed or unreadable: the CLI exits 2 with this message. */
export class CassetteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CassetteError';
  }
}

/** `['calls', 3, 'operation']` -> `calls[3].operation`. */
function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(top level)';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return issue.message;
  }
}

/** Standard base64 (RFC 4648 section 4), padded, as Buffer#toString('base64') writes it. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The path of the first `{ "$base64": ... }` whose value is not base64 (Buffer.from would silently drop what it cannot read). */
function badBytes(value: unknown, path: readonly PropertyKey[]): readonly PropertyKey[] | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = badBytes(value[i], [...path, i]);
      if (bad) return bad;
    }
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0]![0] === BYTES_KEY) {
    const encoded = entries[0]![1];
    return typeof encoded === 'string' && BASE64.test(encoded) ? undefined : [...path, BYTES_KEY];
  }
  for (const [key, member] of entries) {
    const bad = badBytes(member, [...path, key]);
    if (bad) return bad;
  }
  return undefined;
}

/** Validates a parsed cassette; `source` (usually the file name) starts every error message. */
export function parseCassette(json: unknown, source: string): Cassette {
  const parsed = cassetteSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CassetteError(`${source}: ${jsonPath(issue.path)}: ${describeIssue(issue)}`);
  }
  const bad = badBytes(parsed.data.calls, ['calls']);
  if (bad) throw new CassetteError(`${source}: ${jsonPath(bad)}: expected base64 bytes (A-Z, a-z, 0-9, + and /, padded with =)`);
  return parsed.data;
}

export function loadCassette(file: string): Cassette {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err: any) {
    throw new CassetteError(`${file}: cannot read the cassette (${err?.code ?? err?.message ?? 'unknown error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err: any) {
    throw new CassetteError(`${file}: not valid JSON (${err?.message ?? 'parse error'})`);
  }
  return parseCassette(json, file);
}

/** Writes atomically (temp file + rename), so an interrupted run never leaves half a cassette. */
export function writeCassette(file: string, cassette: Cassette): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, `${JSON.stringify(toJson(cassette), null, 2)}\n`);
  renameSync(temp, file);
}

// --- values: what JSON cannot hold ----------------------------------------------------------

/** A full ISO-8601 timestamp, as JSON.stringify writes a Date and as people copy them from the console. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const BYTES_KEY = '$base64';

function isBytes(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array;
}

/** An SDK value as JSON: Dates become ISO strings, bytes `{ "$base64": "..." }`. */
function toJson(value: unknown): any {
  if (value instanceof Date) return value.toISOString();
  if (isBytes(value)) return { [BYTES_KEY]: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k, v]) => v !== undefined && k !== '$metadata')
        .map(([k, v]) => [k, toJson(v)]),
    );
  }
  return value;
}

/**
 * A cassette value as the SDK would return it. Every string that is a full ISO-8601 timestamp
 * becomes a Date: the SDK's output shapes hold timestamps only in Date fields, and no read
 * output the checks use carries a free-text field that would be a bare timestamp string.
 */
function fromJson(value: unknown): any {
  if (typeof value === 'string' && ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value);
  if (Array.isArray(value)) return value.map(fromJson);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === BYTES_KEY && typeof entries[0]![1] === 'string') {
      return new Uint8Array(Buffer.from(entries[0]![1], 'base64'));
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, fromJson(v)]));
  }
  return value;
}

/** A streaming body (S3 GetObject) the check can read with the SDK's own helpers. */
function bodyOf(bytes: Uint8Array): Readable {
  const stream = Readable.from([Buffer.from(bytes)]);
  return Object.assign(stream, {
    transformToByteArray: async () => bytes,
    transformToString: async (encoding: BufferEncoding = 'utf8') => Buffer.from(bytes).toString(encoding),
    transformToWebStream: () => Readable.toWeb(Readable.from([Buffer.from(bytes)])),
  });
}

/** Streaming payload members the runtime knows (S3 GetObject's Body). */
const STREAMING_MEMBERS = ['Body'] as const;

// --- matching and replay --------------------------------------------------------------------

/** Deep equality on JSON values (the request is normalised to JSON first). */
function jsonEqual(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

/**
 * The input members the services page with. A request for a later page carries one; an entry recorded
 * without it is a first page and must not answer (its items would come back again, and its token
 * would loop).
 */
const PAGE_TOKENS = ['NextToken', 'nextToken', 'Marker', 'NextMarker', 'ContinuationToken', 'PaginationToken', 'ExclusiveStartShardId', 'ExclusiveStartStreamName', 'ExclusiveStartDeliveryStreamName'] as const;

export function matches(entry: CassetteCall, call: Pick<SdkCall, 'service' | 'operation' | 'input'>): boolean {
  if (entry.service !== call.service || entry.operation !== call.operation) return false;
  const request = toJson(call.input ?? {}) as Record<string, unknown>;
  const recorded = entry.input ?? {};
  if (PAGE_TOKENS.some((k) => request[k] !== undefined && request[k] !== '' && !(k in recorded))) return false;
  return Object.entries(recorded).every(([k, v]) => jsonEqual(request[k], v));
}

const SERVICE_PACKAGES: Record<ServiceName, string> = {
  Kinesis: '@aws-sdk/client-kinesis',
  Firehose: '@aws-sdk/client-firehose',
  S3: '@aws-sdk/client-s3',
  Glue: '@aws-sdk/client-glue',
  Athena: '@aws-sdk/client-athena',
  SageMaker: '@aws-sdk/client-sagemaker',
  CloudWatch: '@aws-sdk/client-cloudwatch',
  CloudWatchLogs: '@aws-sdk/client-cloudwatch-logs',
  CloudFormation: '@aws-sdk/client-cloudformation',
  STS: '@aws-sdk/client-sts',
  ApplicationAutoScaling: '@aws-sdk/client-application-auto-scaling',
  SNS: '@aws-sdk/client-sns',
  KMS: '@aws-sdk/client-kms',
  IAM: '@aws-sdk/client-iam',
  EC2: '@aws-sdk/client-ec2',
  SageMakerFeatureStoreRuntime: '@aws-sdk/client-sagemaker-featurestore-runtime',
  LakeFormation: '@aws-sdk/client-lakeformation',
};

/**
 * A recorded error as the SDK throws it: the service's own exception class when it models one
 * (so `instanceof ResourceNotFoundException` holds), always with `name` and `$metadata`.
 */
export function sdkErrorOf(service: ServiceName, error: NonNullable<CassetteCall['error']>): Error {
  const httpStatusCode = error.httpStatusCode ?? 400;
  const $metadata = { httpStatusCode, attempts: 1, totalRetryDelay: 0 };
  const $fault = httpStatusCode >= 500 ? 'server' : 'client';
  const message = error.message ?? error.name;
  let modelled: any;
  try {
    // The check imported this client already, so this is a cache hit, not a load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    modelled = require(SERVICE_PACKAGES[service])[error.name];
  } catch {
    modelled = undefined;
  }
  if (typeof modelled === 'function' && modelled.prototype instanceof Error) {
    try {
      const e = new modelled({ message, $metadata });
      return Object.assign(e, { name: error.name, $metadata });
    } catch {
      // fall through to a plain SDK-shaped error
    }
  }
  return Object.assign(new Error(message), { name: error.name, $fault, $metadata });
}

/** `Kinesis:DescribeStreamSummary {"StreamName":"clicks"}`, for messages about a call. */
export function describeCall(call: Pick<SdkCall, 'service' | 'operation' | 'input'>): string {
  const input = stableStringify(toJson(call.input ?? {}));
  return `${call.service}:${call.operation} ${input.length > 200 ? `${input.slice(0, 200)}...` : input}`;
}

export interface ReplayOptions {
  /** Answer only these services from the cassette; others go to `fallback`. Default: every service. */
  readonly services?: readonly ServiceName[];
  /** Where calls of other services go. Default: the live transport (AWS, or AWS_ENDPOINT_URL_* emulators). */
  readonly fallback?: CallTransport;
  /** Named in the "no recorded answer" message. */
  readonly source?: string;
}

/**
 * Answers calls from the cassette: the first entry whose service and operation are equal and whose
 * every input key deep-equals the request's wins, and serves any number of calls. Replayed calls
 * never create an SDK client, so they need neither credentials nor a network.
 */
export function replayTransport(cassette: Cassette, options: ReplayOptions = {}): CallTransport {
  const replayed = options.services ? new Set<ServiceName>(options.services) : undefined;
  const fallback = options.fallback ?? liveTransport;
  const source = options.source ?? 'the cassette';
  return {
    async send(call: SdkCall): Promise<any> {
      if (replayed && !replayed.has(call.service)) return fallback.send(call);
      const entry = cassette.calls.find((c) => matches(c, call));
      if (!entry) {
        throw new KnownError('no-recording', `${source} has no recorded answer for ${describeCall(call)}; record the run again with --record, or add an entry for this call.`);
      }
      if (entry.error) throw sdkErrorOf(call.service, entry.error);
      const output = fromJson(entry.output ?? {});
      for (const member of STREAMING_MEMBERS) {
        if (output[member] instanceof Uint8Array) output[member] = bodyOf(output[member]);
      }
      return { ...output, $metadata: { httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 } };
    },
  };
}

/**
 * Sends every call through `inner` and keeps it, in the order the calls were started, so the
 * cassette reads like the run. Streaming bodies are read once, kept, and handed to the check as a
 * fresh stream.
 */
export function recordingTransport(inner: CallTransport, region: string): CallTransport & { cassette(): Cassette } {
  const calls: (CassetteCall | undefined)[] = [];
  return {
    async send(call: SdkCall): Promise<any> {
      const slot = calls.length;
      calls.push(undefined);
      const base = { service: call.service, operation: call.operation, input: toJson(call.input ?? {}) as Record<string, unknown> };
      try {
        const output = await inner.send(call);
        const kept: Record<string, unknown> = { ...output };
        for (const member of STREAMING_MEMBERS) {
          const body = kept[member] as any;
          if (body && typeof body.transformToByteArray === 'function') {
            const bytes: Uint8Array = await body.transformToByteArray();
            kept[member] = bytes;
            output[member] = bodyOf(bytes);
          }
        }
        calls[slot] = { ...base, output: toJson(kept) };
        return output;
      } catch (err: any) {
        // A call abandoned by its requirement's timeout is no answer of AWS's: not kept.
        if (call.abortSignal?.aborted) throw err;
        const name = typeof err?.name === 'string' ? err.name : 'Error';
        const httpStatusCode = err?.$metadata?.httpStatusCode;
        calls[slot] = {
          ...base,
          error: { name, ...(typeof err?.message === 'string' ? { message: err.message } : {}), ...(typeof httpStatusCode === 'number' ? { httpStatusCode } : {}) },
        };
        throw err;
      }
    },
    cassette(): Cassette {
      return { formatVersion: CASSETTE_FORMAT_VERSION, region, calls: calls.filter((c): c is CassetteCall => c !== undefined) };
    },
  };
}

// --- redaction: cassettes are shared, account ids are not ---------------------------------

/** The account id AWS's own documentation uses in examples; recorded account ids become it. */
export const EXAMPLE_ACCOUNT_ID = '111122223333';

/** The account field of an ARN: `arn:<partition>:<service>:<region>:<account>:`. */
const ARN_ACCOUNT = /arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/g;

/**
 * The cassette with every account id that appears in an ARN replaced, wherever it appears (ARNs,
 * SageMaker's default bucket `sagemaker-<region>-<account>`, STS's Account field), by
 * EXAMPLE_ACCOUNT_ID: inputs and outputs alike, so a replay still matches the calls the checks
 * derive from the outputs. AWS-owned registries in image URIs (`<account>.dkr.ecr...`) are not
 * ARNs and stay, unless the same id also appears in an ARN.
 */
export function redactAccounts(cassette: Cassette): { readonly cassette: Cassette; readonly accounts: readonly string[] } {
  const json = JSON.stringify(toJson(cassette));
  const accounts = [...new Set([...json.matchAll(ARN_ACCOUNT)].map((m) => m[1]!))].filter((a) => a !== EXAMPLE_ACCOUNT_ID).sort();
  if (accounts.length === 0) return { cassette, accounts };
  const pattern = new RegExp(`(?<!\\d)(${accounts.join('|')})(?!\\d)`, 'g');
  return { cassette: parseCassette(JSON.parse(json.replace(pattern, EXAMPLE_ACCOUNT_ID)), 'redacted cassette'), accounts };
}
