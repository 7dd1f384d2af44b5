import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { Presets, SingleBar } from 'cli-progress';
import { createClient } from '../../aws/clients';
import { classifyError } from '../../aws/errors';
import { ClassStackMissingError, classStackOutputs, followRun, runIdOf, startRun, type RemoteClients, type RunProgress } from '../../class/remote';
import type { Scoreboard } from '../../class/scoreboard';
import { deployLab, LabStackError } from '../../deploy';
import { classCheck, DEFAULT_CLASS_CONCURRENCY, stsAssumeRole, type ClassResult, type LearnerResult } from '../../class/check';
import { parseRoster, RosterError, type Learner } from '../../class/roster';
import { junitFiles, renderCsv, renderScoreboard, toScoreboard } from '../../class/scoreboard';
import { CLASS_STACK_NAME } from '../../model';
import { createLabApp } from '../../stack/app';
import { EnvironmentError, UsageError } from '../errors';
import { renderScoreboardHtml } from '../class-html';
import { readExternalId } from '../external-id';
import type { CommandContext } from '../io';
import { requireLab } from '../labs';
import { resolveRegion } from '../region';
import { echo } from '../text';

export interface ClassOptions {
  readonly region?: string;
  readonly roster?: string;
  /** `class run`: keep the scoreboard JSON in this file. */
  readonly save?: string;
  /** `class run`: how long to follow the execution, in milliseconds. */
  readonly wait?: number;
  /** `class deploy`: the Distributed Map's MaxConcurrency. */
  readonly maxConcurrency?: number;
  readonly externalIdFile?: string;
  readonly profile?: string;
  readonly concurrency?: number;
  readonly timeout?: number;
  readonly json?: boolean;
  readonly csv?: boolean;
  readonly junit?: string;
  readonly html?: string;
}


const ACTIONS = ['check', 'deploy', 'run', 'report'] as const;
const USAGE = 'mllab class check <lab> --roster <file> | class deploy | class run <lab> --roster <file> | class report <scoreboard.json>';

export async function run(ctx: CommandContext, args: string[], options: ClassOptions): Promise<number> {
  const [action, target] = args;
  if (!(ACTIONS as readonly string[]).includes(action ?? '')) throw new UsageError(`mllab class: unknown action '${echo(action ?? '')}' (${USAGE})`);
  if (options.json && options.csv) throw new UsageError('--json and --csv both print to stdout; choose one');
  switch (action as (typeof ACTIONS)[number]) {
    case 'check':
      return checkLocally(ctx, target, options);
    case 'deploy':
      return deployClassStack(ctx, options);
    case 'run':
      return runOnStepFunctions(ctx, target, options);
    case 'report':
      return report(ctx, target, options);
  }
}

async function checkLocally(ctx: CommandContext, labId: string | undefined, options: ClassOptions): Promise<number> {
  if (!labId) throw new UsageError('mllab class check: give the lab id, e.g. mllab class check streaming-ingest --roster roster.csv');
  const lab = requireLab(ctx, labId);
  const roster = readRoster(options.roster);
  const externalId = readExternalId(ctx, options.externalIdFile);
  const checks = await ctx.checks(lab.id);

  const sts = stsAssumeRole(lab.id, { externalId, ...(options.profile ? { profile: options.profile } : {}) });
  const progress = progressBar(ctx, roster.length, options);
  let result: ClassResult;
  try {
    result = await classCheck(lab, checks, roster, sts, {
      concurrency: options.concurrency ?? DEFAULT_CLASS_CONCURRENCY,
      ...(options.timeout ? { run: { timeoutMs: options.timeout } } : {}),
      onLearner: (learner, done) => progress.update(done, learner),
    });
  } finally {
    progress.stop();
    sts.destroy();
  }
  if (options.junit) writeJunit(options.junit, result);
  write(ctx, toScoreboard(result, lab), options);
  return result.summary.errors > 0 ? 3 : 0;
}

/** `mllab class deploy`: MlLab-class in the instructor's account, then the class's external id into its secret. */
async function deployClassStack(ctx: CommandContext, options: ClassOptions): Promise<number> {
  const externalId = readExternalId(ctx, options.externalIdFile);
  const region = await resolveRegion({ flag: options.region, env: ctx.env, ...(options.profile ? { profile: options.profile } : {}) });
  let outputs: Readonly<Record<string, string>>;
  try {
    ({ outputs } = await deployLab({
      // deployLab names the stack MlLab-<labId>: the class stack is MlLab-class.
      labId: CLASS_STACK_NAME.replace(/^MlLab-/, ''),
      region,
      ...(options.profile ? { profile: options.profile } : {}),
      createApp: ({ context, outdir }) => {
        const { lab: _lab, ...rest } = context ?? {};
        return (ctx.io.createLabApp ?? createLabApp)({ context: { ...rest, class: true, ...(options.maxConcurrency ? { classMaxConcurrency: options.maxConcurrency } : {}) }, ...(outdir ? { outdir } : {}) });
      },
      onProgress: (line) => ctx.io.stderr.write(`${line}\n`),
    }));
  } catch (err) {
    if (err instanceof LabStackError) throw new EnvironmentError(err.message);
    throw err;
  }
  const secretArn = outputs.ExternalIdSecretArn;
  if (!secretArn) throw new EnvironmentError(`${CLASS_STACK_NAME} deployed without its ExternalIdSecretArn output; deploy it again`);
  const secrets = createClient(SecretsManagerClient, { region, ...(options.profile ? { profile: options.profile } : {}) });
  try {
    await secrets.send(new PutSecretValueCommand({ SecretId: secretArn, SecretString: externalId }));
  } catch (err) {
    throw new EnvironmentError(`${CLASS_STACK_NAME} is deployed, but the external id could not be stored in its secret: ${classifyError(err).message}`);
  } finally {
    secrets.destroy();
  }
  ctx.io.stdout.write(`${CLASS_STACK_NAME} is deployed in ${region}; the class's external id is stored in its secret (never in the template).\nLearners deploy their lab with -c instructorAccount=<this account> -c instructorExternalId=<the same id>; then: mllab class run <lab> --roster <file>\n`);
  return 0;
}

/** `mllab class run`: the roster to the class bucket, the state machine started and followed, the scoreboard fetched. */
async function runOnStepFunctions(ctx: CommandContext, labId: string | undefined, options: ClassOptions): Promise<number> {
  if (!labId) throw new UsageError('mllab class run: give the lab id, e.g. mllab class run streaming-ingest --roster roster.csv');
  const lab = requireLab(ctx, labId);
  const roster = readRoster(options.roster);
  const region = await resolveRegion({ flag: options.region, env: ctx.env, ...(options.profile ? { profile: options.profile } : {}) });
  const config = { region, ...(options.profile ? { profile: options.profile } : {}) };
  const clients: RemoteClients = { cloudformation: createClient(CloudFormationClient, config), s3: createClient(S3Client, config), sfn: createClient(SFNClient, config) };
  const progress = progressBar(ctx, roster.length, options);
  try {
    const stack = await classStackOutputs(clients.cloudformation);
    const started = await startRun(clients, stack, lab, roster, runIdOf(lab.id, new Date()));
    ctx.io.stderr.write(`started ${started.runId} (${roster.length} learners)\n`);
    const board = await followRun(clients, stack, started, {
      pollMs: 2000,
      timeoutMs: options.wait ?? 60 * 60_000,
      onProgress: (p: RunProgress) => progress.set(p.succeeded ?? 0),
    });
    progress.stop();
    if (options.save) writeFileSync(options.save, `${JSON.stringify(board, null, 2)}\n`);
    write(ctx, board, options);
    return board.summary.errors > 0 ? 3 : 0;
  } catch (err) {
    if (err instanceof ClassStackMissingError) throw new EnvironmentError(err.message);
    if (err instanceof UsageError || err instanceof EnvironmentError) throw err;
    throw new EnvironmentError(`mllab class run: ${err instanceof Error && !('$metadata' in err) ? err.message : classifyError(err).message}`);
  } finally {
    progress.stop();
    for (const client of Object.values(clients)) client.destroy();
  }
}

/** `mllab class report <file>`: a saved scoreboard (`class run --save`, `class check --json`) rendered again. */
function report(ctx: CommandContext, file: string | undefined, options: ClassOptions): number {
  if (!file) throw new UsageError('mllab class report: give the scoreboard file, e.g. mllab class report scoreboard.json');
  let board: Scoreboard;
  try {
    board = JSON.parse(readFileSync(file, 'utf8')) as Scoreboard;
  } catch (err: any) {
    throw new UsageError(`mllab class report: cannot read ${echo(file)} as a scoreboard (${err?.code ?? err?.message})`);
  }
  if (board?.schemaVersion !== 1 || !Array.isArray(board.learners) || !Array.isArray(board.requirements)) {
    throw new UsageError(`mllab class report: ${echo(file)} is not an mllab scoreboard (schemaVersion 1)`);
  }
  write(ctx, board, options);
  return board.summary.errors > 0 ? 3 : 0;
}

function readRoster(file: string | undefined): Learner[] {
  if (!file) throw new UsageError('mllab class check: give the class with --roster <file> (CSV: name,account,region[,role])');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err: any) {
    throw new UsageError(`--roster: cannot read ${echo(file)} (${err?.code ?? err?.message})`);
  }
  try {
    return parseRoster(text, file);
  } catch (err) {
    if (err instanceof RosterError) throw new UsageError(err.message);
    throw err;
  }
}

interface Progress {
  update(done: number, learner: LearnerResult): void;
  /** Step Functions mode: the Map run's finished count. */
  set(done: number): void;
  stop(): void;
}

/** A bar with counts on a terminal's stderr; nothing otherwise (a pipe, a CI log, --json). */
function progressBar(ctx: CommandContext, total: number, options: ClassOptions): Progress {
  const stderr = ctx.io.stderr as NodeJS.WriteStream;
  if (!stderr.isTTY || ctx.env.TERM === 'dumb' || options.json || options.csv) return { update: () => undefined, set: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    { stream: stderr, format: 'checking {bar} {value}/{total} learners · {passed} all passed · {errors} could not be checked', hideCursor: true, clearOnComplete: true },
    Presets.shades_classic,
  );
  let passed = 0;
  let errors = 0;
  bar.start(total, 0, { passed, errors });
  return {
    update(done, learner) {
      if (learner.status === 'error') errors++;
      else if (learner.result && learner.result.summary.passed === learner.result.requirements.length) passed++;
      bar.update(done, { passed, errors });
    },
    set: (done) => bar.update(done),
    stop: () => bar.stop(),
  };
}

function writeJunit(dir: string, result: ClassResult): void {
  try {
    mkdirSync(dir, { recursive: true });
    for (const [name, xml] of junitFiles(result)) writeFileSync(join(dir, name), xml);
  } catch (err: any) {
    throw new EnvironmentError(`--junit: cannot write to ${echo(dir)} (${err?.code ?? err?.message})`);
  }
}

function write(ctx: CommandContext, board: Scoreboard, options: ClassOptions): void {
  if (options.html) {
    try {
      writeFileSync(options.html, renderScoreboardHtml(board, new Date().toISOString()));
    } catch (err: any) {
      throw new EnvironmentError(`--html: cannot write ${echo(options.html)} (${err?.code ?? err?.message})`);
    }
  }
  if (options.json) ctx.io.stdout.write(`${JSON.stringify(board, null, 2)}\n`);
  else if (options.csv) ctx.io.stdout.write(renderCsv(board));
  else ctx.io.stdout.write(renderScoreboard(board, { color: ctx.color, ...(Number.isFinite(ctx.terminal.width) ? { width: ctx.terminal.width } : {}) }));
}
