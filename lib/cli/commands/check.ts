import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { STSClient } from '@aws-sdk/client-sts';
import { createClient } from '../../aws/clients';
import { CassetteError, loadCassette, recordingTransport, replayTransport, writeCassette, type Cassette } from '../../cassette';
import { exitCodeOf, runLab } from '../../check/runner';
import { CheckSession, liveTransport, type CallTransport } from '../../check/session';
import type { ServiceName } from '../../model';
import { appendRun, progressHome, ProgressStoreError, runOf } from '../../progress';
import { renderJson, renderJunit, renderTerminal } from '../../reporters';
import { EnvironmentError, UsageError } from '../errors';
import type { CommandContext } from '../io';
import { requireLab } from '../labs';
import { resolveRegion } from '../region';

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
}

/** Fails fast, in one line, when the standard credential chain has nothing: better than N errors. */
async function requireCredentials(region: string, profile: string | undefined): Promise<void> {
  const client = createClient(STSClient, { region, ...(profile ? { profile } : {}) });
  try {
    await client.config.credentials();
  } catch (err: any) {
    const which = profile ? `profile '${profile}'` : 'the environment, the shared config files or an instance role';
    throw new EnvironmentError(`no AWS credentials found in ${which} (${err?.name ?? 'Error'}): run \`aws configure\` or \`aws sso login\`, set AWS_PROFILE, or pass --profile`);
  } finally {
    client.destroy();
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
  if (options.junit) requireWritableTarget(options.junit, 'JUnit report');
  if (options.record) requireWritableTarget(options.record, 'cassette');
  const cassette = options.replay ? loadReplay(options.replay) : undefined;
  const region = await resolveRegion({
    flag: options.region,
    env: ctx.env,
    profile: options.profile,
    ...(cassette ? { fallback: { region: cassette.region, from: `the region of ${options.replay}` } } : {}),
  });
  // A full replay sends nothing, so it needs no credentials; anything that may go live does.
  const goesLive = !cassette || options.replayServices !== undefined;
  if (goesLive) await requireCredentials(region, options.profile);

  const checks = await ctx.checks(lab.id);
  let transport: CallTransport = liveTransport;
  if (cassette) {
    transport = replayTransport(cassette, { source: options.replay, ...(options.replayServices ? { services: options.replayServices } : {}) });
  }
  const recorder = options.record ? recordingTransport(transport, region) : undefined;
  const session = new CheckSession({ region, ...(options.profile ? { profile: options.profile } : {}), transport: recorder ?? transport });
  let result;
  try {
    result = await runLab(session, lab, checks, {
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.timeout ? { timeoutMs: options.timeout } : {}),
    });
  } finally {
    session.destroy();
  }

  if (options.json) ctx.io.stdout.write(renderJson(result));
  else ctx.io.stdout.write(renderTerminal(result, { color: ctx.color, ...(options.replay ? { replayedFrom: options.replay } : {}) }));
  if (options.junit) writeOutput(options.junit, renderJunit(result), 'JUnit report');
  if (recorder && options.record) {
    try {
      writeCassette(options.record, recorder.cassette());
    } catch (err: any) {
      throw new UsageError(`cannot write the cassette ${options.record} (${err?.code ?? err?.message})`);
    }
  }
  // A replay says nothing about the learner's account: only live runs count as progress.
  if (!cassette) {
    try {
      appendRun(progressHome(ctx.env), runOf(result));
    } catch (err) {
      if (err instanceof ProgressStoreError) throw new EnvironmentError(err.message);
      throw err;
    }
  }
  return exitCodeOf(result);
}
