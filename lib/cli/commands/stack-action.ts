// What `deploy` and `destroy` share: their options, the caller's identity asked before any
// synthesis, a progress line while the toolkit works, and its errors turned into the CLI's.
// lib/deploy's index (toolkit-lib, aws-cdk-lib: seconds to load) is imported only once the
// credentials are known to work, so a refusal is immediate.
import type { LabStackOptions, LabStackOutcome, LabStackPhase } from '../../deploy';
import { LabStackError } from '../../deploy/errors';
import { classifyError } from '../../aws';
import { ACCOUNT_ID, labStackName } from '../../model';
import { EnvironmentError, OperationFailedError, UsageError } from '../errors';
import { readExternalId } from '../external-id';
import { callerIdentity, identityLine, type CallerIdentity } from '../identity';
import type { CommandContext } from '../io';
import { requireLab } from '../labs';
import { resolveRegion, validateRegion } from '../region';
import { echo } from '../text';

export interface StackActionCliOptions {
  readonly region?: string;
  readonly profile?: string;
  readonly budgetUsd?: number;
  readonly email?: string;
  /** Class mode: add the checker role for this instructor account (deploy only). */
  readonly instructorAccount?: string;
  readonly externalIdFile?: string;
}

/**
 * What `deploy` and `destroy` hand the toolkit, from their arguments: the lab and the region are
 * validated here, without synthesis or any network call, so a mistake is refused first.
 */
export function labStackOptions(ctx: CommandContext, args: string[], options: StackActionCliOptions): LabStackOptions {
  const lab = requireLab(ctx, args[0]!);
  const region = options.region !== undefined ? validateRegion(options.region, '--region') : undefined;
  if (options.instructorAccount !== undefined && !ACCOUNT_ID.test(options.instructorAccount)) {
    throw new UsageError(`--instructor-account must be a 12-digit AWS account id, got '${echo(options.instructorAccount)}'`);
  }
  if (options.externalIdFile !== undefined && options.instructorAccount === undefined) throw new UsageError('--external-id-file goes with --instructor-account');
  return {
    labId: lab.id,
    ...(region ? { region } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.budgetUsd !== undefined || options.email || options.instructorAccount
      ? {
          context: {
            ...(options.budgetUsd !== undefined ? { budgetUsd: options.budgetUsd } : {}),
            ...(options.email ? { email: options.email } : {}),
            ...(options.instructorAccount ? { instructorAccount: options.instructorAccount, instructorExternalId: readExternalId(ctx, options.externalIdFile) } : {}),
          },
        }
      : {}),
    ...(ctx.io.createLabApp ? { createApp: ctx.io.createLabApp } : {}),
    ...(ctx.io.stackEventPollingMs !== undefined ? { pollingIntervalMs: ctx.io.stackEventPollingMs } : {}),
  };
}

/**
 * The region (--region, AWS_REGION, the profile's; exit 2 without one) and the caller it resolves
 * to (STS GetCallerIdentity; exit 3 in one line without usable credentials), before any synthesis.
 * The toolkit then works in that region, so the one named is the one used.
 */
export async function verifyCaller(ctx: CommandContext, stack: LabStackOptions): Promise<{ options: LabStackOptions; identity: CallerIdentity }> {
  const region = await resolveRegion({ ...(stack.region ? { flag: stack.region } : {}), env: ctx.env, ...(stack.profile ? { profile: stack.profile } : {}) });
  let identity: CallerIdentity;
  try {
    identity = await callerIdentity({ region, ...(stack.profile ? { profile: stack.profile } : {}) });
  } catch (err) {
    // classifyError's sentences are written for `check`.
    const { message } = classifyError(err, stack.profile ? { profile: stack.profile } : {});
    const said = message.replace(/the check again/g, 'the command again').replace(/^The check timed out/, 'STS GetCallerIdentity timed out');
    throw new EnvironmentError(`${said} (nothing was synthesised or changed)`);
  }
  ctx.err(identityLine(identity, `region ${region}`));
  return { options: { ...stack, region }, identity };
}

const PHASE_WORDS: Readonly<Record<LabStackPhase, string>> = { synthesis: 'synthesising', deploy: 'deploying', destroy: 'destroying' };

/**
 * Runs one lab stack action through the toolkit with a progress line (a spinner on a terminal) and
 * turns its errors into the CLI's (exit 1 or 3). Progress goes to stderr: stdout keeps the result
 * (stack outputs), which scripts read.
 */
export async function runStackAction<O extends LabStackOptions>(ctx: CommandContext, options: O, action: (options: O) => Promise<LabStackOutcome>): Promise<LabStackOutcome> {
  const progress = progressLine(ctx);
  const stackName = labStackName(options.labId);
  try {
    return await action({
      ...options,
      onProgress: (line: string) => progress.line(line),
      onPhase: (phase: LabStackPhase) => progress.phase(`${PHASE_WORDS[phase]} ${stackName}`),
    });
  } catch (err) {
    if (err instanceof LabStackError) {
      if (err.kind === 'failed' || err.kind === 'synthesis' || err.kind === 'not-confirmed') throw new OperationFailedError(err.message);
      throw new EnvironmentError(err.message);
    }
    throw err;
  } finally {
    progress.stop();
  }
}

/** Erase the current line: carriage return, then CSI 2 K (ECMA-48 EL, "erase in line", entire line), as lib/reporters/live.ts. */
const ERASE_LINE = '\r\u001b[2K';
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 100;

/** What a long step says on stderr: the step it is in, and the lines it prints meanwhile. */
export interface ProgressLine {
  /** The step now under way (synthesising, deploying): a spinner on a terminal, one plain line otherwise. */
  phase(text: string): void;
  /** A line that stays (the toolkit's progress): printed above the spinner. */
  line(text: string): void;
  stop(): void;
}

/**
 * A one-line spinner on stderr when it is a terminal (not TERM=dumb), with the seconds spent on the
 * step, so a synthesis or a stack deletion is never a blank screen; plain lines otherwise, so logs
 * and pipes get no control characters. Its timer is unref'd: it never keeps the process alive.
 * A synchronous synthesis holds the event loop, so the spinner stands still (its text still says
 * what runs) until the toolkit's asynchronous work starts.
 */
export function progressLine(ctx: CommandContext): ProgressLine {
  const stderr = ctx.io.stderr;
  if (stderr.isTTY !== true || ctx.env.TERM === 'dumb') {
    return { phase: (text) => ctx.err(text), line: (text) => ctx.err(text), stop: () => undefined };
  }
  let text: string | undefined;
  let since = 0;
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const width = () => Math.max(20, ((stderr as { columns?: number }).columns ?? 80) - 1);
  const draw = () => {
    if (text === undefined) return;
    const seconds = Math.floor((Date.now() - since) / 1000);
    const shown = `${FRAMES[frame++ % FRAMES.length]} ${text}${seconds > 0 ? ` (${seconds} s)` : ''}`;
    stderr.write(`${ERASE_LINE}${shown.length > width() ? `${shown.slice(0, width() - 1)}…` : shown}`);
  };
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    if (text !== undefined) stderr.write(ERASE_LINE);
    text = undefined;
  };
  return {
    phase(next) {
      text = next;
      since = Date.now();
      draw();
      if (!timer) {
        timer = setInterval(draw, FRAME_MS);
        timer.unref();
      }
    },
    line(l) {
      if (text !== undefined) stderr.write(ERASE_LINE);
      ctx.err(l);
      draw();
    },
    stop,
  };
}
