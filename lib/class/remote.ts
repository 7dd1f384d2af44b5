// The Step Functions mode from the instructor's side: upload the roster to the MlLab-class bucket,
// start the state machine, follow its Map run, and fetch the scoreboard it built. Writes only to the
// instructor's own class stack (its bucket and state machine), never to a learner's account.
import { randomBytes } from 'node:crypto';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, DescribeMapRunCommand, ListMapRunsCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { isNotFound } from '../aws/errors';
import { CLASS_STACK_NAME, type LabManifest } from '../model';
import type { Learner } from './roster';
import type { Scoreboard } from './scoreboard';

/** The MlLab-class outputs (lib/stack/class-stack.ts CLASS_OUTPUTS). */
export interface ClassStackOutputs {
  readonly bucket: string;
  readonly stateMachineArn: string;
  readonly secretArn: string;
}

/** The class stack is missing or incomplete: deploy it first (exit 3). */
export class ClassStackMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClassStackMissingError';
  }
}

export interface RemoteClients {
  readonly cloudformation: CloudFormationClient;
  readonly s3: S3Client;
  readonly sfn: SFNClient;
}

export async function classStackOutputs(cfn: CloudFormationClient, signal?: AbortSignal): Promise<ClassStackOutputs> {
  let stack;
  try {
    stack = (await cfn.send(new DescribeStacksCommand({ StackName: CLASS_STACK_NAME }), { abortSignal: signal })).Stacks?.[0];
  } catch (err) {
    // CloudFormation answers a missing stack with ValidationError "Stack with id ... does not exist".
    if (isNotFound(err) || /does not exist/.test(String((err as Error)?.message))) stack = undefined;
    else throw err;
  }
  const out = Object.fromEntries((stack?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
  if (!stack || !out.ClassBucketName || !out.ClassStateMachineArn || !out.ExternalIdSecretArn) {
    throw new ClassStackMissingError(`${CLASS_STACK_NAME} is not deployed in this account and region: run \`mllab class deploy\` first`);
  }
  return { bucket: out.ClassBucketName, stateMachineArn: out.ClassStateMachineArn, secretArn: out.ExternalIdSecretArn };
}

/** The roster as the Map's ItemReader reads it: a fixed header, so each row becomes `{ name, account, region, role }`. */
export function rosterCsv(roster: readonly Learner[]): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${['name,account,region,role', ...roster.map((l) => [l.name, l.account, l.region, l.role ?? ''].map(field).join(','))].join('\n')}\n`;
}

/** Execution names: 1-80 characters of letters, digits, - and _ (API_StartExecution, name). */
export function runIdOf(lab: string, now: Date, random = randomBytes(3).toString('hex')): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  return `${lab}-${stamp}-${random}`.slice(0, 80);
}

export interface RunProgress {
  readonly status: string;
  readonly total?: number;
  readonly succeeded?: number;
  readonly failed?: number;
  readonly running?: number;
}

export interface StartedRun {
  readonly runId: string;
  readonly executionArn: string;
  readonly rosterKey: string;
}

export async function startRun(clients: RemoteClients, stack: ClassStackOutputs, lab: LabManifest, roster: readonly Learner[], runId: string, signal?: AbortSignal): Promise<StartedRun> {
  const rosterKey = `rosters/${runId}.csv`;
  await clients.s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: rosterKey, Body: rosterCsv(roster), ContentType: 'text/csv' }), { abortSignal: signal });
  const started = await clients.sfn.send(
    new StartExecutionCommand({ stateMachineArn: stack.stateMachineArn, name: runId, input: JSON.stringify({ lab: lab.id, rosterKey, runId }) }),
    { abortSignal: signal },
  );
  if (!started.executionArn) throw new Error('Step Functions started no execution');
  return { runId, executionArn: started.executionArn, rosterKey };
}

/** Where the run is: the execution's status and, once the Map runs, its item counts (DescribeMapRun itemCounts). */
export async function runProgress(sfn: SFNClient, executionArn: string, signal?: AbortSignal): Promise<RunProgress & { readonly output?: string; readonly error?: string }> {
  const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }), { abortSignal: signal });
  const runs = await sfn.send(new ListMapRunsCommand({ executionArn }), { abortSignal: signal });
  const mapRunArn = runs.mapRuns?.[0]?.mapRunArn;
  const counts = mapRunArn ? (await sfn.send(new DescribeMapRunCommand({ mapRunArn }), { abortSignal: signal })).itemCounts : undefined;
  return {
    status: execution.status ?? 'UNKNOWN',
    ...(counts ? { total: counts.total, succeeded: counts.succeeded, failed: counts.failed, running: counts.running } : {}),
    ...(execution.output ? { output: execution.output } : {}),
    ...(execution.error ? { error: `${execution.error}${execution.cause ? `: ${execution.cause.slice(0, 300)}` : ''}` } : {}),
  };
}

export interface FollowOptions {
  readonly pollMs: number;
  readonly timeoutMs: number;
  readonly onProgress?: (progress: RunProgress) => void;
  readonly signal?: AbortSignal;
}

/** Polls until the execution ends (or the bound passes), then fetches the scoreboard it wrote. */
export async function followRun(clients: RemoteClients, stack: ClassStackOutputs, run: StartedRun, options: FollowOptions): Promise<Scoreboard> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const progress = await runProgress(clients.sfn, run.executionArn, options.signal);
    options.onProgress?.(progress);
    if (progress.status === 'SUCCEEDED') {
      const { scoreboardKey } = JSON.parse(progress.output ?? '{}') as { scoreboardKey?: string };
      if (!scoreboardKey) throw new Error(`the execution ${run.runId} succeeded without naming its scoreboard`);
      const object = await clients.s3.send(new GetObjectCommand({ Bucket: stack.bucket, Key: scoreboardKey }), { abortSignal: options.signal });
      return JSON.parse(await object.Body!.transformToString()) as Scoreboard;
    }
    if (progress.status !== 'RUNNING' && progress.status !== 'PENDING_REDRIVE') {
      throw new Error(`the class run ${run.runId} ended ${progress.status}${progress.error ? ` (${progress.error})` : ''}; see it in the Step Functions console`);
    }
    if (Date.now() >= deadline) throw new Error(`the class run ${run.runId} is still running after ${Math.round(options.timeoutMs / 1000)} s; it goes on in AWS: \`mllab class report\` can fetch its scoreboard later`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
}
