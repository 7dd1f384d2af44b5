import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { STSClient } from '@aws-sdk/client-sts';
import { compile, search, type JSONValue } from '@jmespath-community/jmespath';
import { createClient, silentLogger, writerLogger, type SdkLogger } from '../../aws/clients';
import { CassetteError, EXAMPLE_ACCOUNT_ID, loadCassette, recordingTransport, redactAccounts, replayTransport, writeCassette, type Cassette } from '../../cassette';
import { defaultDeadlineMs, DEFAULT_TIMEOUT_MS, exitCodeOf, isUndecided, requirementsToRun, runLab, type CheckRunResult, type RequirementResult, type RunOptions } from '../../check/runner';
import { CheckSession, liveTransport, type CallTransport, type SessionOptions } from '../../check/session';
import type { LabChecks } from '../../check/types';
import type { LabManifest, ServiceName } from '../../model';
import { packageVersion } from '../../package-root';
import { appendRun, progressHome, ProgressStoreError, runOf } from '../../progress';
import { LiveReport, renderJunit, renderTable, renderRequirement, sanitize, summaryLines, toJsonReport, type JsonReport, type TerminalOptions } from '../../reporters';
import { EnvironmentError, UsageError } from '../errors';
import { printIdentityHeader } from '../identity';
import type { CommandContext } from '../io';
import { requireLab } from '../labs';
import { resolveRegion } from '../region';
import { didYouMean } from '../suggest';

export interface CheckOptions {
  readonly region?: string;
  readonly profile?: string;
  readonly json?: boolean;
  readonly junit?: string;
  readonly record?: string;
  readonly replay?: string;
  readonly replayServices?: readonly ServiceName[];
  readonly concurrency?: number;
  readonly timeout?: number;
  /** The whole run, in milliseconds. */
  readonly runTimeout?: number;
  /** `R3,R5`: these requirements (and what they depend on) only. */
  readonly only?: string;
  readonly endpointUrl?: string;
  /** `--watch` alone (true) or `--watch <seconds>` in milliseconds. */
  readonly watch?: true | number;
  /** `json` or `text`, as the AWS CLI's --output. */
  readonly output?: string;
  /** A JMESPath expression applied to the JSON report, as the AWS CLI's --query. */
  readonly query?: string;
}

const OUTPUTS = ['json', 'text', 'table'] as const;

/** The JSON report, or what a --query expression selects from it. */
type JsonOutput = (report: JsonReport) => string;

/**
 * --output and --query, as the AWS CLI takes them: `--output json` is `--json`; `--query` selects
 * from the JSON report with JMESPath (https://jmespath.site, the community edition of the
 * language, with the AWS CLI's legacy backtick strings such as `fail` accepted). The expression is
 * compiled before anything is sent, so a typo costs no AWS call.
 */
function jsonOutput(options: CheckOptions): JsonOutput | undefined {
  const output = options.output;
  if (output !== undefined && !(OUTPUTS as readonly string[]).includes(output)) {
    throw new UsageError(`--output must be ${OUTPUTS.slice(0, -1).join(', ')} or ${OUTPUTS.at(-1)}, got '${sanitize(output).slice(0, 40)}'${didYouMean(output, OUTPUTS)}`);
  }
  if ((output === 'text' || output === 'table') && (options.json || options.query !== undefined)) throw new UsageError(`--output ${output} does not combine with ${options.json ? '--json' : '--query'}, which print JSON`);
  if (options.query === undefined) return options.json || output === 'json' ? (report) => `${JSON.stringify(report, null, 2)}\n` : undefined;
  const jmesOptions = { enable_legacy_literals: true };
  try {
    compile(options.query, jmesOptions);
  } catch (err: any) {
    throw new UsageError(`--query is not a JMESPath expression: ${sanitize(String(err?.message ?? err))}`);
  }
  const query = options.query;
  return (report) => `${JSON.stringify(search(report as unknown as JSONValue, query, jmesOptions), null, 2)}\n`;
}

/** Fails fast, in one line, when the standard credential chain has nothing: better than N errors. */
async function requireCredentials(region: string, profile: string | undefined, logger: SdkLogger): Promise<void> {
  const client = createClient(STSClient, { region, logger, ...(profile ? { profile } : {}) });
  try {
    await client.config.credentials();
  } catch (err: any) {
    const which = profile ? `profile '${profile}'` : 'the environment, the shared config files or an instance role';
    throw new EnvironmentError(`no AWS credentials found in ${which} (${err?.name ?? 'Error'}): run \`aws configure\` or \`aws sso login\`, set AWS_PROFILE, or pass --profile`);
  } finally {
    client.destroy();
  }
}

/** `R3,R5` -> ['R3', 'R5'], each a requirement of the lab. */
function onlyIds(raw: string, lab: LabManifest): string[] {
  const ids = lab.requirements.map((r) => r.id);
  const given = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (given.length === 0) throw new UsageError(`--only needs requirement ids, e.g. --only ${ids.slice(0, 2).join(',')}`);
  for (const id of given) {
    const known = ids.find((k) => k.toLowerCase() === id.toLowerCase());
    if (!known) throw new UsageError(`--only: ${lab.id} has no requirement '${sanitize(id).slice(0, 40)}'${didYouMean(id, ids)} (its requirements: ${ids.join(', ')})`);
  }
  return given.map((id) => ids.find((k) => k.toLowerCase() === id.toLowerCase())!);
}

/** An http(s) URL, as the AWS CLI's --endpoint-url takes it. */
function endpointUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--endpoint-url must be a URL such as http://127.0.0.1:4566, got '${sanitize(raw).slice(0, 80)}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--endpoint-url must be an http:// or https:// URL, got '${sanitize(raw).slice(0, 80)}'`);
  return raw;
}

/**
 * The SDK reads AWS_MAX_ATTEMPTS and AWS_RETRY_MODE itself
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html); a value it cannot
 * use is refused here in one line rather than as an error per requirement.
 */
function requireRetrySettings(env: Record<string, string | undefined>): void {
  const attempts = env.AWS_MAX_ATTEMPTS;
  if (attempts !== undefined && attempts !== '' && !(/^\d+$/.test(attempts.trim()) && Number(attempts) >= 1)) {
    throw new UsageError(`AWS_MAX_ATTEMPTS must be a whole number of attempts, 1 or more, got '${sanitize(attempts).slice(0, 40)}'`);
  }
  const mode = env.AWS_RETRY_MODE;
  if (mode !== undefined && mode !== '' && !['standard', 'adaptive', 'legacy'].includes(mode)) {
    throw new UsageError(`AWS_RETRY_MODE must be standard, adaptive or legacy, got '${sanitize(mode).slice(0, 40)}'`);
  }
}

function loadReplay(file: string): Cassette {
  try {
    return loadCassette(file);
  } catch (err) {
    if (err instanceof CassetteError) throw new UsageError(err.message);
    throw err;
  }
}

/** Refuses an output path whose folder is missing or read-only before the run, not after it. */
function requireWritableTarget(file: string, what: string): void {
  const dir = dirname(resolve(file));
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    accessSync(dir, constants.W_OK);
  } catch (err: any) {
    throw new UsageError(`cannot write the ${what} ${file} (${err?.code ?? err?.message}): its folder must exist and be writable`);
  }
}

function writeOutput(file: string, text: string, what: string): void {
  try {
    writeFileSync(file, text);
  } catch (err: any) {
    throw new UsageError(`cannot write the ${what} ${file} (${err?.code ?? err?.message})`);
  }
}

export async function run(ctx: CommandContext, args: string[], options: CheckOptions): Promise<number> {
  const lab = requireLab(ctx, args[0]!);
  if (options.replayServices && !options.replay) throw new UsageError('--replay-services needs --replay <file>');
  if (options.record && options.replay && !options.replayServices) {
    throw new UsageError('--record with --replay would record the cassette itself; limit the replay with --replay-services, or drop one of them');
  }
  const json = jsonOutput(options);
  if (options.watch !== undefined) {
    const clash = [json && (options.query !== undefined ? '--query' : '--json'), options.junit && '--junit', options.record && '--record', options.replay && '--replay'].filter(Boolean);
    if (clash.length > 0) throw new UsageError(`--watch prints what changes on a terminal; it does not combine with ${clash.join(' or ')}`);
  }
  const only = options.only !== undefined ? onlyIds(options.only, lab) : undefined;
  const endpoint = options.endpointUrl !== undefined ? endpointUrl(options.endpointUrl) : undefined;
  requireRetrySettings(ctx.env);
  if (options.junit) requireWritableTarget(options.junit, 'JUnit report');
  if (options.record) requireWritableTarget(options.record, 'cassette');
  const cassette = options.replay ? loadReplay(options.replay) : undefined;
  const region = await resolveRegion({
    flag: options.region,
    env: ctx.env,
    profile: options.profile,
    ...(cassette ? { fallback: { region: cassette.region, from: `the region of ${options.replay}` } } : {}),
  });
  // SDK log lines (a request past its timeout, socket pressure) are for --debug only, on stderr.
  const logger = ctx.debug ? writerLogger((line) => ctx.io.stderr.write(line)) : silentLogger;
  // A full replay sends nothing, so it needs no credentials; anything that may go live does.
  const goesLive = !cassette || options.replayServices !== undefined;
  if (goesLive) await requireCredentials(region, options.profile, logger);
  // Where the run goes: printed above the report, looked up while the run starts (it waits for nobody).
  const header = goesLive ? printIdentityHeader(ctx, { region, logger, waitMs: IDENTITY_WAIT_MS, ...(options.profile ? { profile: options.profile } : {}), ...(endpoint ? { endpoint } : {}) }) : Promise.resolve();

  const checks = await ctx.checks(lab.id);
  let transport: CallTransport = liveTransport;
  if (cassette) {
    transport = replayTransport(cassette, { source: options.replay, ...(options.replayServices ? { services: options.replayServices } : {}) });
  }
  const recorder = options.record ? recordingTransport(transport, region) : undefined;
  const timeoutMs = options.timeout ?? DEFAULT_TIMEOUT_MS;
  const setup: RunSetup = {
    lab,
    checks,
    session: {
      region,
      logger,
      transport: recorder ?? transport,
      ...(options.profile ? { profile: options.profile } : {}),
      ...(endpoint ? { endpoint } : {}),
    },
    run: {
      timeoutMs,
      deadlineMs: options.runTimeout ?? defaultDeadlineMs(timeoutMs),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(only ? { only } : {}),
    },
  };

  // The CLI's one decision about colour and width (lib/cli/terminal.ts); a pipe is not wrapped.
  const color = ctx.terminal.color;
  const width = Number.isFinite(ctx.terminal.width) ? ctx.terminal.width : undefined;
  const stderrLive = ctx.io.stderr.isTTY === true && ctx.env.TERM !== 'dumb';
  const terminal = { color, ...(width ? { width } : {}), ...(options.replay ? { replayedFrom: options.replay } : {}) };
  const live = new LiveReport(lab.id, region, requirementsToRun(lab, only), {
    ...terminal,
    ...(json || options.output === 'table' ? {} : { report: (text: string) => ctx.io.stdout.write(text) }),
    ...(stderrLive ? { status: (text: string) => ctx.io.stderr.write(text) } : {}),
  });
  // The report's lines wait for the header (at most IDENTITY_WAIT_MS); the run itself does not.
  const shown = header.then(() => live.begin());
  const result = await checkOnce(setup, { onStart: (id) => void shown.then(() => live.started(id)), onResult: (r) => void shown.then(() => live.completed(r)) });
  await shown;
  if (result.precondition || json || options.output === 'table') live.abandon();
  else live.finish(result);
  if (options.output === 'table' && !result.precondition) ctx.io.stdout.write(renderTable(result, terminal));
  if (json) ctx.io.stdout.write(json(toJsonReport(result, { mllabVersion: packageVersion(), replayed: cassette !== undefined })));
  if (options.junit) writeOutput(options.junit, renderJunit(result), 'JUnit report');
  if (recorder && options.record) {
    // Cassettes are made to be shared (committed with a lab, attached to an issue): account ids are not.
    const { cassette: redacted, accounts } = redactAccounts(recorder.cassette());
    try {
      writeCassette(options.record, redacted);
    } catch (err: any) {
      throw new UsageError(`cannot write the cassette ${options.record} (${err?.code ?? err?.message})`);
    }
    if (accounts.length > 0) ctx.io.stderr.write(`Recorded ${options.record} with account id${accounts.length > 1 ? 's' : ''} replaced by ${EXAMPLE_ACCOUNT_ID}.\n`);
  }
  // A replay says nothing about the learner's account, and a run that decided nothing (the
  // endpoint was down, the lab not deployed) is no attempt: only live, decided runs count as progress.
  if (!cassette) keepAttempt(ctx, result);
  if (options.watch !== undefined) {
    if (result.precondition) ctx.err(`mllab: ${preconditionLine(result)}`);
    return watch(ctx, setup, options.watch === true ? DEFAULT_WATCH_MS : options.watch, result, terminal);
  }
  // One cause for every requirement: told once, in one line, as "could not decide".
  if (result.precondition) throw new EnvironmentError(preconditionLine(result));
  return exitCodeOf(result);
}

/** What one run of the lab needs, again and again under --watch. */
interface RunSetup {
  readonly lab: LabManifest;
  readonly checks: LabChecks;
  readonly session: SessionOptions;
  readonly run: RunOptions;
}

/** One run in a fresh session (nothing memoised from a previous run), whose connections are closed at the end. */
async function checkOnce(setup: RunSetup, hooks: Pick<RunOptions, 'onStart' | 'onResult'> = {}): Promise<CheckRunResult> {
  const session = new CheckSession(setup.session);
  try {
    return await runLab(session, setup.lab, setup.checks, { ...setup.run, ...hooks });
  } finally {
    // Closes every connection (and aborts what is left), so the process can exit once the report is out.
    session.destroy();
  }
}

function preconditionLine(result: CheckRunResult): string {
  return `could not check ${result.lab}: ${sanitize(result.precondition!.message)}`;
}

/**
 * Live runs that decided something count as the learner's attempts; a run that decided nothing
 * (the endpoint was down, the lab not deployed) is none.
 */
function keepAttempt(ctx: CommandContext, result: CheckRunResult): void {
  if (isUndecided(result)) return;
  try {
    appendRun(progressHome(ctx.env), runOf(result));
  } catch (err) {
    if (err instanceof ProgressStoreError) throw new EnvironmentError(err.message);
    throw err;
  }
}

export const DEFAULT_WATCH_MS = 30_000;

/** How long the report waits for the account line before it goes on without it. */
const IDENTITY_WAIT_MS = 1_500;

/** A requirement's outcome as the learner sees it: what changed is what is printed again. */
const outcomeOf = (r: RequirementResult) => JSON.stringify([r.status, r.findings]);

/**
 * `--watch`: checks again every `intervalMs` until Ctrl-C (SIGINT), printing only the requirements
 * whose outcome changed, with the time and the new summary. Each run that changed something and
 * decided something is kept as an attempt. Returns the exit code of the last run.
 */
async function watch(ctx: CommandContext, setup: RunSetup, intervalMs: number, first: CheckRunResult, terminal: TerminalOptions): Promise<number> {
  let last = first;
  // Ctrl-C ends the wait, or the run under way (its calls aborted), and the command returns.
  const interrupted = new AbortController();
  const stop = () => interrupted.abort();
  const stopped = new Promise<'stop'>((resolve) => interrupted.signal.addEventListener('abort', () => resolve('stop'), { once: true }));
  process.once('SIGINT', stop);
  let timer: NodeJS.Timeout | undefined;
  ctx.out(`\nwatching: checking again every ${Math.round(intervalMs / 1000)} s, printing what changes; Ctrl-C to stop`);
  try {
    for (;;) {
      const next = await Promise.race([stopped, new Promise<'tick'>((resolve) => (timer = setTimeout(() => resolve('tick'), intervalMs)))]);
      if (next === 'stop') break;
      const result = await checkOnce({ ...setup, run: { ...setup.run, signal: interrupted.signal } });
      if (interrupted.signal.aborted) break;
      const before = new Map(last.requirements.map((r) => [r.id, outcomeOf(r)]));
      const changed = result.requirements.filter((r) => before.get(r.id) !== outcomeOf(r));
      last = result;
      if (changed.length === 0) continue;
      ctx.out(`\n${new Date().toISOString().slice(11, 19)} changed:`);
      for (const r of changed) ctx.io.stdout.write(renderRequirement(r, terminal));
      ctx.out(summaryLines(result).join('\n'));
      keepAttempt(ctx, result);
    }
  } finally {
    clearTimeout(timer);
    process.removeListener('SIGINT', stop);
  }
  return last.precondition ? 3 : exitCodeOf(last);
}
