// The checks of streaming-ingest, one per requirement of its manifest (lab.ts).
import { DescribeDeliveryStreamCommand, FirehoseClient, type ExtendedS3DestinationDescription, type ProcessingConfiguration } from '@aws-sdk/client-firehose';
import { ListObjectsV2Command, paginateListObjectsV2, S3Client, type _Object } from '@aws-sdk/client-s3';
import { isNotFound } from '../../lib/aws/errors';
import type { CheckContext, CheckVerdict } from '../../lib/check/types';
import { defineChecks, fail, pass, undecided, verdictFrom } from '../../lib/check/verdicts';
import { STACK_OUTPUTS } from '../../lib/model';
import {
  DATA_PREFIX_ROOT,
  DEFAULT_BUFFER_INTERVAL_SECONDS,
  DEFAULT_LAMBDA_BUFFER_INTERVAL_SECONDS,
  DELIVERED_KEY,
  ERROR_OUTPUT_TYPE,
  ERROR_PREFIX_ROOT,
  EVENT_FIELDS,
  expectedKeyPrefix,
  isFirehoseObjectName,
  lab,
  LAB_ID,
  MAX_BUFFER_INTERVAL_SECONDS,
  MIN_PARTITION_KEYS,
  MIN_RECORDS,
  PROBE_INSTANTS,
  REQUIRED_COMPRESSION,
  SHARD_WRITE_MB_PER_SECOND,
} from './lab';
import { readBudget } from './budget';
import { evaluatePrefix, hasExpressions, MISREAD_LETTERS, parsePrefix, patternLetters, unclosedExpression, type PrefixPart } from './prefix';
import { readStream, retentionHours, type StreamSample } from './stream-records';

/** The settings the requirements judge; a plain S3 destination description has them too (bar the time zone). */
type DeliverySettings = Pick<ExtendedS3DestinationDescription, 'Prefix' | 'ErrorOutputPrefix' | 'BufferingHints' | 'CompressionFormat' | 'CustomTimeZone' | 'ProcessingConfiguration'>;

/** The delivery stream's S3 destination, or a verdict saying why there is none to judge. */
async function s3Destination(ctx: CheckContext): Promise<{ name: string; destination: DeliverySettings } | CheckVerdict> {
  const name = await ctx.stackOutput(STACK_OUTPUTS.deliveryStreamName);
  try {
    const out = await ctx.client(FirehoseClient).send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
    const first = out.DeliveryStreamDescription?.Destinations?.[0];
    const destination: DeliverySettings | undefined = first?.ExtendedS3DestinationDescription ?? first?.S3DestinationDescription;
    if (!destination) {
      return fail(`The delivery stream ${name} has no Amazon S3 destination; the scenario delivers the clicks to the lab's delivery bucket. Redeploy the lab stack with \`mllab deploy ${LAB_ID}\`.`);
    }
    return { name, destination };
  } catch (err) {
    if (isNotFound(err)) return fail(`The delivery stream ${name} (stack output DeliveryStreamName) does not exist: deploy the lab with \`mllab deploy ${LAB_ID}\`.`);
    throw err;
  }
}

/**
 * The buffering a Lambda processor adds before the destination's own: its BufferIntervalInSeconds, 60 s
 * when unset (https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html). Other
 * processor types (AppendDelimiterToRecord, ...) do not buffer; a disabled configuration adds nothing.
 */
export function lambdaBuffering(config: ProcessingConfiguration | undefined): { seconds: number; defaulted: boolean } | { unknown: string } {
  const lambdas = (config?.Processors ?? []).filter((p) => p.Type === 'Lambda');
  if (lambdas.length === 0 || config?.Enabled === false) return { seconds: 0, defaulted: false };
  if (config?.Enabled !== true) return { unknown: 'the delivery stream has a Lambda processor but its description does not say whether processing is enabled, so the delay it adds could not be judged.' };
  let seconds = 0;
  let defaulted = false;
  for (const processor of lambdas) {
    const value = processor.Parameters?.find((p) => p.ParameterName === 'BufferIntervalInSeconds')?.ParameterValue;
    if (value === undefined) {
      seconds = Math.max(seconds, DEFAULT_LAMBDA_BUFFER_INTERVAL_SECONDS);
      defaulted = true;
      continue;
    }
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0) return { unknown: `its Lambda processor's BufferIntervalInSeconds is '${value}', not a number of seconds, so the delay it adds could not be judged.` };
    seconds = Math.max(seconds, parsed);
  }
  return { seconds, defaulted };
}

function isVerdict(value: unknown): value is CheckVerdict {
  return typeof value === 'object' && value !== null && 'status' in value;
}

/**
 * The one rule both prefixes follow: the expression that must name a folder (the hour, the error
 * type) is closed by a '/', or Firehose glues it to the front of every object name.
 */
function unclosedFolderProblem(which: string, prefix: string, names: (part: Extract<PrefixPart, { kind: 'expression' }>) => boolean, folder: string): string | undefined {
  const expression = unclosedExpression(prefix, names);
  if (!expression) return undefined;
  return (
    `The ${which} '${prefix}' has no '/' after ${expression}. Firehose writes <evaluated prefix><object name> (https://docs.aws.amazon.com/firehose/latest/dev/s3-object-name.html), ` +
    `so the value of ${expression} becomes the start of each object's name rather than a folder of its own: there is no folder per ${folder}. End that folder with '/'.`
  );
}

/** The expression that renders the hour: the folder R2's layout ends with. */
const isHour = (part: { namespace: string; value: string }) => part.namespace === 'timestamp' && ['H', 'h', 'k', 'K'].some((l) => patternLetters(part.value).has(l));
const isErrorType = (part: { namespace: string; value: string }) => `!{${part.namespace}:${part.value}}` === ERROR_OUTPUT_TYPE;

/** Diagnoses a data prefix against the partition layout; no findings means it renders right. */
export function dataPrefixProblems(prefix: string | undefined, customTimeZone: string | undefined): string[] {
  if (!prefix || !hasExpressions(prefix)) {
    return [
      `The delivery prefix is ${prefix ? `'${prefix}'` : 'not set'} and has no !{timestamp:...} expression, so Firehose appends its default yyyy/MM/dd/HH/ folders. ` +
        `Those are time-partitioned but not Hive-style: Athena and the Glue crawler would see anonymous partition_0..partition_3 columns instead of year, month, day and hour, and queries could not prune by name. ` +
        `The scenario asks for keys under ${DATA_PREFIX_ROOT}year=YYYY/month=MM/day=DD/hour=HH/.`,
    ];
  }
  const problems: string[] = [];
  const unclosed = unclosedFolderProblem('delivery prefix', prefix, isHour, 'hour');
  if (unclosed) return [unclosed];
  if (customTimeZone && customTimeZone !== 'UTC') {
    problems.push(`The delivery stream evaluates timestamps in ${customTimeZone} (CustomTimeZone), so hour=.. folders would follow local time and shift with daylight saving; the scenario partitions by UTC hour, Firehose's default.`);
  }
  for (const at of PROBE_INSTANTS) {
    const evaluated = evaluatePrefix(prefix, at);
    if ('problem' in evaluated) {
      problems.push(`The prefix '${prefix}' does not give a fixed time layout: ${evaluated.problem}.`);
      return problems;
    }
    const expected = expectedKeyPrefix(at);
    // Text after the hour folder that holds no further folder only starts the object names inside it.
    const inHourFolder = evaluated.key.startsWith(expected) && !evaluated.key.slice(expected.length).includes('/');
    if (!inHourFolder) {
      const letters = new Set(parsePrefix(prefix).flatMap((p) => (p.kind === 'expression' && p.namespace === 'timestamp' ? [...patternLetters(p.value)] : [])));
      const traps = Object.entries(MISREAD_LETTERS).filter(([letter]) => letters.has(letter)).map(([, why]) => why);
      const why: string[] = [];
      if (traps.length > 0) why.push(`Java DateTimeFormatter letters are case-sensitive: ${traps.join('; ')}.`);
      if (!/year=\d{4}\//.test(evaluated.key)) {
        why.push('Without key=value folder names (year=2025/month=12/...) Athena and the Glue crawler see anonymous partition_0, partition_1... columns, and queries cannot filter partitions by name.');
      }
      if (!evaluated.key.startsWith(DATA_PREFIX_ROOT)) why.push(`The analysts' table is defined over ${DATA_PREFIX_ROOT}; objects elsewhere are invisible to it.`);
      problems.push(`For a record arriving at ${at.toISOString()}, the prefix '${prefix}' writes to '${evaluated.key}', but the analysts' table expects '${expected}'.${why.map((w) => ` ${w}`).join('')}`);
      return problems;
    }
  }
  return problems;
}

/** Diagnoses the error-output prefix; no findings means failed records land apart, by error type. */
export function errorPrefixProblems(errorPrefix: string | undefined, dataPrefix: string | undefined): string[] {
  if (!errorPrefix) {
    return [
      `The delivery stream has no error output prefix. Without one, Firehose writes records it could not deliver or process next to the data, at ${dataPrefix ?? ''}<error-output-type>yyyy/MM/dd/HH/, ` +
        `where a crawler over the data would read them as clicks; and once the data prefix uses expressions Firehose refuses an empty error output prefix altogether. ` +
        `The scenario keeps failures under ${ERROR_PREFIX_ROOT}, one folder per error type.`,
    ];
  }
  const problems: string[] = [];
  if (!errorPrefix.startsWith(ERROR_PREFIX_ROOT)) {
    const underData = errorPrefix.startsWith(DATA_PREFIX_ROOT);
    problems.push(
      `The error output prefix is '${errorPrefix}'; the scenario keeps failed records under ${ERROR_PREFIX_ROOT}` +
        (underData ? `. Under ${DATA_PREFIX_ROOT} they would sit inside the table's location, so the crawler and every query would read failed records as clicks.` : ', where the on-call engineer looks for them.'),
    );
  }
  if (!errorPrefix.includes(ERROR_OUTPUT_TYPE)) {
    problems.push(
      `The error output prefix '${errorPrefix}' has no ${ERROR_OUTPUT_TYPE}. The scenario sorts failures by error type (processing-failed, format-conversion-failed, ...), ` +
        'and Firehose requires that expression in an error output prefix as soon as it uses any expression.',
    );
  } else {
    const unclosed = unclosedFolderProblem('error output prefix', errorPrefix, isErrorType, 'error type');
    if (unclosed) problems.push(unclosed);
  }
  return problems;
}

/** Why a record is not one newline-terminated JSON click event keyed by its session, or undefined when it is. */
export function recordProblem(data: Uint8Array, partitionKey: string): string | undefined {
  const text = Buffer.from(data).toString('utf8');
  if (!text.endsWith('\n')) return 'does not end with a newline';
  const body = text.slice(0, -1);
  if (body.includes('\n')) return 'holds more than one line';
  let event: unknown;
  try {
    event = JSON.parse(body);
  } catch {
    return 'is not valid JSON';
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return 'is not a JSON object';
  const missing = EVENT_FIELDS.filter((f) => !(f in event));
  if (missing.length > 0) return `has no ${missing.join(', ')}`;
  // A numeric session_id is keyed by its decimal text: partition keys are strings (API_PutRecordsRequestEntry).
  const sessionId = (event as Record<string, unknown>).session_id;
  if (!((typeof sessionId === 'string' || typeof sessionId === 'number') && String(sessionId) === partitionKey)) return 'has a partition key other than its session_id';
  return undefined;
}

const WHY_PROBLEM: Readonly<Record<string, string>> = {
  'does not end with a newline':
    'Firehose concatenates records exactly as they are, so without a trailing newline a delivered object reads {...}{...}{...} on one line, and Athena\'s JSON SerDe, which reads one object per line, cannot split it. ' +
    'Firehose can append a delimiter itself (the AppendDelimiterToRecord processor), but the scenario\'s other readers consume the stream directly, so the newline belongs in the record.',
  'holds more than one line': 'A pretty-printed object spans several lines, and a JSON SerDe reading one object per line would see fragments.',
  'is not valid JSON': 'The analysts query the clicks as JSON.',
  'is not a JSON object': 'Each line must be one object whose fields become the table\'s columns.',
  'has a partition key other than its session_id':
    'Kinesis keeps order only within a shard, and the partition key picks the shard: keying by session_id keeps each session\'s clicks in order.',
};

async function sample(ctx: CheckContext): Promise<{ streamName: string; read: StreamSample } | CheckVerdict> {
  const streamName = await ctx.stackOutput(STACK_OUTPUTS.streamName);
  try {
    return { streamName, read: await readStream(ctx, streamName) };
  } catch (err) {
    if (isNotFound(err)) return fail(`The stream ${streamName} (stack output StreamName) does not exist: deploy the lab with \`mllab deploy ${LAB_ID}\`.`);
    throw err;
  }
}

/** "Could not read far enough": what was read is a lower bound, not what the stream holds. */
function readTooShort(read: StreamSample, found: string): CheckVerdict {
  return undecided(
    `Could not read far enough to decide: after ${read.budgetSeconds} s of reading, ${read.shardsBehind} of ${read.shardCount} shard(s) were still behind their newest record, and ${found} in what was read so far. ` +
      'GetRecords answers empty pages until it reaches the part of a shard that holds records, and a stream read from its oldest record can take many of them ' +
      '(https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html). Run the check again; if it keeps stopping here, run it while nothing else reads the stream heavily.',
  );
}

/** Where the read starts, and how long the stream keeps records, when too few were found. */
async function agedOutNote(ctx: CheckContext, streamName: string): Promise<string> {
  const hours = await retentionHours(ctx, streamName);
  const kept = hours !== undefined ? `${streamName} keeps records for ${hours} hours` : `${streamName} keeps records only for its retention period`;
  return ` The check reads from the oldest record the stream still keeps; ${kept}, so events written longer ago than that have aged out and must be written again.`;
}

export const checks = defineChecks(lab, {
  R1: async (ctx) => {
    const found = await s3Destination(ctx);
    if (isVerdict(found)) return found;
    const interval = found.destination.BufferingHints?.IntervalInSeconds ?? DEFAULT_BUFFER_INTERVAL_SECONDS;
    const size = found.destination.BufferingHints?.SizeInMBs;
    const lambda = lambdaBuffering(found.destination.ProcessingConfiguration);
    if ('unknown' in lambda) return undecided(`${found.name}: ${lambda.unknown} Run the check again; if it persists, read the processing configuration with \`aws firehose describe-delivery-stream\`.`);
    const total = lambda.seconds + interval;
    if (total > MAX_BUFFER_INTERVAL_SECONDS) {
      const lambdaPart =
        lambda.seconds > 0
          ? ` Its Lambda processor first buffers for ${lambda.seconds} s${lambda.defaulted ? ' (the default when BufferIntervalInSeconds is not set)' : ''} before it invokes the function, and the destination's buffering starts only after that, so a click can wait ${total} s in all.`
          : '';
      return fail(
        `${found.name} buffers for ${interval} s${size ? ` or ${size} MiB` : ''}, whichever comes first, before writing to S3.${lambdaPart} At the scenario's trickle of clicks the size is never reached, ` +
          `so each click waits up to ${total} s before it reaches S3; the dashboard needs it within ${MAX_BUFFER_INTERVAL_SECONDS} s. The size cannot make delivery later than the interval, only earlier.`,
      );
    }
    return pass(`${found.name} delivers at least every ${total} s${lambda.seconds > 0 ? ` (${lambda.seconds} s in its Lambda processor's buffer, then ${interval} s in the destination's)` : ''}.`);
  },
  R2: async (ctx) => {
    const found = await s3Destination(ctx);
    if (isVerdict(found)) return found;
    return verdictFrom(dataPrefixProblems(found.destination.Prefix, found.destination.CustomTimeZone), [`Prefix '${found.destination.Prefix}' writes Hive-style hourly partitions.`]);
  },
  R3: async (ctx) => {
    const found = await s3Destination(ctx);
    if (isVerdict(found)) return found;
    const format = found.destination.CompressionFormat ?? 'UNCOMPRESSED';
    const why: Record<string, string> = {
      UNCOMPRESSED: 'JSON text compresses several times over; uncompressed objects cost more to store, and Athena bills by bytes scanned, so every query costs more too.',
      ZIP: 'Athena cannot read ZIP archives (it is not among its compression formats), so the table would return nothing usable.',
      Snappy: 'Firehose\'s Snappy is the framed Snappy format, which neither the analysts\' gzip.open job nor a gzip-reading table can open.',
      HADOOP_SNAPPY: 'Hadoop-compatible Snappy suits Hadoop-family readers, but the analysts\' Python job opens the objects with gzip.open.',
    };
    if (format !== REQUIRED_COMPRESSION) {
      return fail(`${found.name} writes ${format} objects; the scenario needs ${REQUIRED_COMPRESSION}. ${why[format] ?? 'The analysts\' tools read gzip only.'}`);
    }
    return pass(`${found.name} writes ${format} objects.`);
  },
  R4: async (ctx) => {
    const found = await s3Destination(ctx);
    if (isVerdict(found)) return found;
    return verdictFrom(errorPrefixProblems(found.destination.ErrorOutputPrefix, found.destination.Prefix), [`Failed records go to '${found.destination.ErrorOutputPrefix}'.`]);
  },
  R5: async (ctx) => {
    const sampled = await sample(ctx);
    if (isVerdict(sampled)) return sampled;
    const { read, streamName } = sampled;
    const keys = new Set(read.records.map((r) => r.partitionKey));
    const problems: string[] = [];
    if (read.records.length < MIN_RECORDS) {
      problems.push(`The stream holds ${read.records.length} record(s) across ${read.shardCount} shard(s); the scenario needs at least ${MIN_RECORDS} records to show the pipeline under load.`);
    }
    if (keys.size < MIN_PARTITION_KEYS) {
      problems.push(
        `The records use ${keys.size} distinct partition key(s)${keys.size > 0 ? ` (${[...keys].slice(0, 5).join(', ')})` : ''}; the scenario needs at least ${MIN_PARTITION_KEYS}. ` +
          `Kinesis hashes the partition key to pick the shard, so however many shards the stream has (more after a reshard or in on-demand mode), these records can use at most ${Math.max(keys.size, 1)} of them: ` +
          `hot shards that throttle at ${SHARD_WRITE_MB_PER_SECOND} MB/s of writes each while the others idle.`,
      );
    }
    if (problems.length > 0 && read.truncated) return readTooShort(read, `${read.records.length} record(s) over ${keys.size} partition key(s) were found`);
    if (read.records.length < MIN_RECORDS) problems[0] += await agedOutNote(ctx, streamName);
    return verdictFrom(problems, [`${read.truncated ? 'At least ' : ''}${read.records.length} records over ${keys.size} partition keys in ${read.shardCount} shard(s).`]);
  },
  R6: async (ctx) => {
    const sampled = await sample(ctx);
    if (isVerdict(sampled)) return sampled;
    const { read, streamName } = sampled;
    const byProblem = new Map<string, number>();
    let good = 0;
    for (const r of read.records) {
      const problem = recordProblem(r.data, r.partitionKey);
      if (problem) byProblem.set(problem, (byProblem.get(problem) ?? 0) + 1);
      else good++;
    }
    if (good >= MIN_RECORDS) {
      const note = byProblem.size > 0 ? ` (${read.records.length - good} older record(s) do not, and will expire with the stream's retention period.)` : '';
      return pass(`${good} records are newline-terminated JSON click events keyed by session_id.${note}`);
    }
    if (read.truncated) return readTooShort(read, `${good} of ${read.records.length} record(s) read are newline-terminated JSON click events keyed by session_id`);
    const [commonest, count] = [...byProblem.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
    return fail(
      `${good} of ${read.records.length} record(s) are newline-terminated JSON click events keyed by session_id; the scenario needs at least ${MIN_RECORDS}.` +
        (commonest ? ` Each of ${count} record(s) ${commonest}. ${WHY_PROBLEM[commonest] ?? `Every click event carries ${EVENT_FIELDS.join(', ')}.`}` : '') +
        (read.records.length < MIN_RECORDS ? await agedOutNote(ctx, streamName) : ''),
    );
  },
  R7: async (ctx) => {
    const bucket = await ctx.stackOutput(STACK_OUTPUTS.deliveryBucketName);
    const deliveryStreamName = await ctx.stackOutput(STACK_OUTPUTS.deliveryStreamName);
    const s3 = ctx.client(S3Client);
    const budget = readBudget(ctx.signal);
    const nameOf = (key: string) => key.slice(key.lastIndexOf('/') + 1);
    try {
      // Pages through everything under clickstream/ (1,000 keys a page) until a delivered object turns
      // up: the newest objects sort last when older hours hold many.
      let inLayout: _Object | undefined;
      let listed = 0;
      let complete = false;
      for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: DATA_PREFIX_ROOT })) {
        const contents = page.Contents ?? [];
        listed += contents.length;
        const layout = contents.filter((o) => o.Key && DELIVERED_KEY.test(o.Key));
        const delivered = layout.find((o) => isFirehoseObjectName(nameOf(o.Key!), deliveryStreamName));
        if (delivered) return pass(`${deliveryStreamName} delivered ${delivered.Key} under ${DATA_PREFIX_ROOT}.`);
        inLayout ??= layout[0];
        if (!page.IsTruncated) {
          complete = true;
          break;
        }
        if (budget.spent()) break;
      }
      if (!complete) {
        return undecided(
          `Could not list far enough to decide: after ${budget.seconds} s, ${listed.toLocaleString('en-US')} objects under ${DATA_PREFIX_ROOT} in ${bucket} were listed and more remain, none of them written by ${deliveryStreamName}. ` +
            'Run the check again; objects from earlier attempts that you no longer need can be deleted to make the listing shorter.',
        );
      }
      if (inLayout) {
        return fail(
          `${inLayout.Key} follows the ${DATA_PREFIX_ROOT}year=YYYY/month=MM/day=DD/hour=HH/ layout, but no object there carries the name Firehose gives what it delivers ` +
            `(${deliveryStreamName}-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid>, https://docs.aws.amazon.com/firehose/latest/dev/s3-object-name.html): it was put there some other way. ` +
            'The requirement is about the pipeline: send events to the stream and wait one buffer interval for the delivery stream to write them.',
        );
      }
      const elsewhere = await s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 5 }));
      const keys = (elsewhere.Contents ?? []).map((o) => o.Key!);
      return fail(
        `No object in ${bucket} follows ${DATA_PREFIX_ROOT}year=YYYY/month=MM/day=DD/hour=HH/<name>. ` +
          (keys.length > 0
            ? `The bucket holds ${keys.join(', ')}${elsewhere.IsTruncated ? ', ...' : ''}: objects written before the prefix was changed keep their old keys, so send new events after the change and wait one buffer interval.`
            : `The bucket is empty: Firehose writes only when records flow from the stream, so send events after configuring the delivery stream and wait one buffer interval.`),
      );
    } catch (err) {
      if (isNotFound(err)) return fail(`The delivery bucket ${bucket} (stack output DeliveryBucketName) does not exist: deploy the lab with \`mllab deploy ${LAB_ID}\`.`);
      throw err;
    }
  },
});
