// deploy / destroy a lab stack through the CDK's programmatic toolkit (@aws-cdk/toolkit-lib), not
// by shelling out to the CLI: progress comes from the toolkit's IoHost events, errors are typed.
// `destroyLab` is also what teardown calls to remove the stack itself.
import { BaseCredentials, NonInteractiveIoHost, StackSelectionStrategy, Toolkit, ToolkitError, type IIoHost, type IoMessage, type IoRequest } from '@aws-cdk/toolkit-lib';
import { App, Stack } from 'aws-cdk-lib';
import { findLab } from '../../labs';
import { classifyError } from '../aws';
import { labStackName } from '../model';
import { createLabApp, type LabAppOptions } from '../stack/app';
import { LabStackError } from './errors';

export { LabStackError, type LabStackErrorKind } from './errors';

/** Builds the CDK app of the lab (signature of `createLabApp` in lib/stack/app.ts). */
export type LabAppFactory = (options: LabAppOptions) => App;

export interface LabStackOptions {
  readonly labId: string;
  /** Default: the standard chain (AWS_REGION, then the profile's region). */
  readonly region?: string;
  readonly profile?: string;
  /** CDK context for the lab app, e.g. `{ budgetUsd: 10, email: 'me@example.com' }` (lib/stack/app.ts). */
  readonly context?: Record<string, unknown>;
  /** Receives one line per toolkit progress event (info and above). Default: ignored. */
  readonly onProgress?: (line: string) => void;
  /** Default: `createLabApp` from lib/stack/app. Tests pass a small app. */
  readonly createApp?: LabAppFactory;
  /** Milliseconds between stack-event polls. Default: the toolkit's (tests use a short one). */
  readonly pollingIntervalMs?: number;
  /** Told when synthesis starts and when the toolkit's own work (deploy, destroy) starts after it. */
  readonly onPhase?: (phase: LabStackPhase) => void;
}

export type LabStackPhase = 'synthesis' | 'deploy' | 'destroy';

export interface LabStackOutcome {
  readonly stackName: string;
  /** Stack outputs after a deploy (empty after a destroy). */
  readonly outputs: Readonly<Record<string, string>>;
}

/**
 * The answer to the toolkit's "Are you sure you want to delete" (CDK_TOOLKIT_I7010), which is the
 * user's: `true` when they already said yes (`--yes`, or a confirmation the caller asked itself),
 * or a function that puts the toolkit's question to them once it knows which stacks it would delete.
 */
export type DestroyConfirmation = true | ((question: string) => Promise<boolean>);

export interface DestroyLabOptions extends LabStackOptions {
  /** Required: the toolkit's own default answer to its destroy question is yes, so it is never used. */
  readonly confirm: DestroyConfirmation;
}

/** The toolkit's question before it deletes stacks (toolkit-lib's IO.CDK_TOOLKIT_I7010). */
export const CONFIRM_DESTROY_CODE = 'CDK_TOOLKIT_I7010' as const;

// eslint-disable-next-line no-control-regex
const ANSI_STYLE = /\u001b\[[0-9;]*m/g;

/**
 * The toolkit's non-interactive IoHost, with its output sent to `onProgress` (the CLI's stderr, or a
 * test) rather than straight to the process's streams. Every event of level info and above becomes a
 * progress line. Questions get the toolkit's default answer (annotated, as the toolkit does), except
 * its destroy confirmation, whose default is yes: that one is answered by `confirmDestroy` alone, and
 * is no without it.
 */
export class LabIoHost extends NonInteractiveIoHost {
  readonly messages: IoMessage<unknown>[] = [];
  constructor(
    private readonly onProgress: (line: string) => void = () => undefined,
    private readonly confirmDestroy?: DestroyConfirmation,
  ) {
    super({ isTTY: false, isCI: false });
  }

  override async notify(msg: IoMessage<unknown>): Promise<void> {
    this.messages.push(msg);
    if (msg.level === 'debug' || msg.level === 'trace') return;
    // Messages may carry ANSI styles meant for a terminal; the caller decides about colour.
    const text = msg.message.replace(ANSI_STYLE, '').trimEnd();
    if (text) this.onProgress(text);
  }

  override async requestResponse<DataType, ResponseType>(msg: IoRequest<DataType, ResponseType>): Promise<ResponseType> {
    if (msg.code !== CONFIRM_DESTROY_CODE) return super.requestResponse(msg);
    this.messages.push(msg);
    const question = msg.message.replace(ANSI_STYLE, '').trim();
    let answer = false;
    if (this.confirmDestroy === true) {
      answer = true;
      this.onProgress(`${question} (confirmed with --yes)`);
    } else if (this.confirmDestroy) {
      answer = await this.confirmDestroy(question);
    } else {
      this.onProgress(`${question} (not confirmed: nothing is deleted)`);
    }
    return answer as ResponseType;
  }
}

/**
 * For destroying the stack of a lab this build does not define (found by teardown through its
 * tag, or removed from the registry since): deleting a stack needs its name and environment, not
 * its template, so an empty stack of that name with the same synthesizer is enough.
 */
function stackOnlyFactory(labId: string): LabAppFactory {
  return ({ context, outdir }) => {
    const app = new App({ ...(context ? { context } : {}), ...(outdir ? { outdir } : {}) });
    new Stack(app, labStackName(labId));
    return app;
  };
}

function toolkitOf(options: LabStackOptions, ioHost: IIoHost): Toolkit {
  return new Toolkit({
    ioHost,
    emojis: false,
    color: false,
    sdkConfig: {
      baseCredentials: BaseCredentials.awsCliCompatible({
        ...(options.profile ? { profile: options.profile } : {}),
        ...(options.region ? { defaultRegion: options.region } : {}),
      }),
    },
  });
}

async function assemblyOf(toolkit: Toolkit, options: LabStackOptions, action: 'deploy' | 'destroy') {
  const createApp = options.createApp ?? createLabApp;
  return toolkit.fromAssemblyBuilder(async (props) => {
    options.onPhase?.('synthesis');
    const app = createApp({ context: { ...(props.context ?? {}), ...(options.context ?? {}), lab: options.labId }, ...(props.outdir ? { outdir: props.outdir } : {}) });
    const assembly = app.synth();
    options.onPhase?.(action);
    return assembly;
  });
}

function oneLine(text: string): string {
  return text
    .split(/\nSource Location:/)[0]!
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ')
    .replace(/\s{2,}/g, ' ')
    .replace(/^❌\s*/, '');
}

/** Turns the toolkit's typed errors into what the learner should do. */
function explain(err: unknown, options: LabStackOptions, action: 'deploy' | 'destroy'): LabStackError {
  const e = err as any;
  const stackName = labStackName(options.labId);
  // The toolkit wraps the BootstrapError of the stack that hit it (ToolkitError.withCause).
  let bootstrap: any;
  for (let c = e, depth = 0; c && depth < 5; c = c.cause, depth++) {
    if (ToolkitError.isBootstrapError(c)) {
      bootstrap = c;
      break;
    }
  }
  if (bootstrap) {
    const account = bootstrap.environment?.account ?? 'ACCOUNT';
    const region = bootstrap.environment?.region ?? options.region ?? 'REGION';
    return new LabStackError('not-bootstrapped', `the AWS environment ${account}/${region} is not bootstrapped for the CDK: run \`npx cdk bootstrap aws://${account}/${region}\` once (it creates the CDKToolkit stack the deployment needs), then deploy again`);
  }
  // The toolkit's own credential error, or the SDK's credential chain finding nothing (lib/aws).
  if (ToolkitError.isAuthenticationError(e) || classifyError(e).kind === 'no-credentials') {
    return new LabStackError('no-credentials', `no usable AWS credentials (${String(e.message).split('\n')[0]}): run \`aws configure\` or \`aws sso login\`, or pass --profile`);
  }
  if (ToolkitError.isAssemblyError(e)) {
    // The builder's own exception (a context value the app refused, a validation error) is the cause.
    const builderError = (err as any)?.cause;
    const cause = builderError?.message ? `: ${oneLine(String(builderError.message))}` : '';
    return new LabStackError('synthesis', `the CDK app of ${stackName} did not synthesize (${oneLine(String(e.message))}${cause})`);
  }
  // The toolkit's own message starts with an emoji and the stack name, and its cause carries the
  // failed resources and their reasons, then a source trace that is for CDK developers.
  const detail = oneLine(String(e?.cause?.message ?? e?.message ?? e));
  const next = action === 'deploy' ? 'fix the cause and run `mllab deploy` again (CloudFormation rolls back what the failed deploy created)' : 'fix the cause and run `mllab destroy` again';
  return new LabStackError('failed', `${action} of ${stackName} failed: ${detail}; ${next}`);
}

export async function deployLab(options: LabStackOptions): Promise<LabStackOutcome> {
  const ioHost = new LabIoHost(options.onProgress);
  const toolkit = toolkitOf(options, ioHost);
  const stackName = labStackName(options.labId);
  try {
    const source = await assemblyOf(toolkit, options, 'deploy');
    const result = await toolkit.deploy(source, {
      stacks: { strategy: StackSelectionStrategy.PATTERN_MUST_MATCH, patterns: [stackName] },
      ...(options.pollingIntervalMs !== undefined ? { stackEventPollingInterval: options.pollingIntervalMs } : {}),
    });
    const stack = result.stacks.find((s) => s.stackName === stackName);
    return { stackName, outputs: { ...(stack?.outputs ?? {}) } };
  } catch (err) {
    throw explain(err, options, 'deploy');
  }
}

/**
 * Deletes the lab stack once `confirm` says yes to the toolkit's own question, which names the
 * stack it selected; a no deletes nothing and is a LabStackError of kind `not-confirmed`.
 */
export async function destroyLab(options: DestroyLabOptions): Promise<LabStackOutcome> {
  let answered: boolean | undefined;
  const confirm: DestroyConfirmation =
    options.confirm === true
      ? true
      : async (question) => {
          answered = await (options.confirm as (q: string) => Promise<boolean>)(question);
          return answered;
        };
  const ioHost = new LabIoHost(options.onProgress, confirm);
  const toolkit = toolkitOf(options, ioHost);
  const stackName = labStackName(options.labId);
  const createApp = options.createApp ?? (findLab(options.labId) ? undefined : stackOnlyFactory(options.labId));
  let result;
  try {
    const source = await assemblyOf(toolkit, { ...options, ...(createApp ? { createApp } : {}) }, 'destroy');
    result = await toolkit.destroy(source, {
      stacks: { strategy: StackSelectionStrategy.PATTERN_MUST_MATCH, patterns: [stackName] },
      ...(options.pollingIntervalMs !== undefined ? { stackEventPollingInterval: options.pollingIntervalMs } : {}),
    });
  } catch (err) {
    throw explain(err, options, 'destroy');
  }
  // The toolkit returns without deleting anything when its question was answered no.
  if (answered === false || !result.stacks.some((s) => s.stackName === stackName)) {
    throw new LabStackError('not-confirmed', `${stackName} was not deleted: the deletion was not confirmed`);
  }
  return { stackName, outputs: {} };
}
