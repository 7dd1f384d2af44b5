// `mllab doctor`: is this machine and account ready for the labs? One line per check, ok or the
// problem with its fix (as `cdk doctor` and `brew doctor` do); exit 0 when every check that ran is ok,
// 3 when something needs fixing. Read-only: STS GetCallerIdentity, CloudFormation DescribeStacks of
// the CDK bootstrap stack and, where the SDK package is installed, Cost Explorer ListCostAllocationTags.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CostExplorerClient, ListCostAllocationTagsCommand } from '@aws-sdk/client-cost-explorer';
import { classifyError, createClient, isServiceError } from '../../aws';
import { TAG_LAB } from '../../model';
import { packageRoot } from '../../package-root';
import { UsageError } from '../errors';
import { callerIdentity, type CallerIdentity } from '../identity';
import type { CommandContext } from '../io';
import { resolveRegion } from '../region';
import { sanitize } from '../text';

export interface DoctorOptions {
  readonly region?: string;
  readonly profile?: string;
}

export type DoctorStatus = 'ok' | 'problem' | 'skipped';

export interface DoctorFinding {
  readonly check: string;
  readonly status: DoctorStatus;
  /** What was found, and for a problem what to do about it. */
  readonly detail: string;
}

/** The bootstrap stack `cdk bootstrap` creates (https://docs.aws.amazon.com/cdk/v2/guide/ref-cli-cmd-bootstrap.html). */
export const BOOTSTRAP_STACK = 'CDKToolkit';
/**
 * The oldest bootstrap the stacks of aws-cdk-lib's DefaultStackSynthesizer deploy with
 * (MIN_BOOTSTRAP_STACK_VERSION in aws-cdk-lib/core/lib/stack-synthesizers/default-synthesizer.js);
 * the stack reports its version in the `BootstrapVersion` output
 * (https://docs.aws.amazon.com/cdk/v2/guide/bootstrapping-env.html).
 */
export const MIN_BOOTSTRAP_VERSION = 6;
export const COST_TAG_DOCS = 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/activating-tags.html';
/**
 * Stack statuses in which the bootstrap stack's resources are in place (an update rolled back leaves
 * the previous ones): https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html.
 */
const USABLE_STACK_STATUSES = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'IMPORT_COMPLETE']);

const ok = (check: string, detail: string): DoctorFinding => ({ check, status: 'ok', detail });
const problem = (check: string, detail: string): DoctorFinding => ({ check, status: 'problem', detail });
const skipped = (check: string, detail: string): DoctorFinding => ({ check, status: 'skipped', detail });

/** `>=20.12` (the form package.json's engines uses) against a Node version such as `20.19.0`. */
export function checkNode(version: string, engines: string | undefined): DoctorFinding {
  const min = /^\s*>=\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(engines ?? '');
  if (!min) return skipped('node', `Node ${version}; package.json engines '${engines ?? ''}' is not a >= range this check reads: compare by hand`);
  const want = [1, 2, 3].map((i) => Number(min[i] ?? 0));
  const have = version.replace(/^v/, '').split('.').map((n) => Number.parseInt(n, 10) || 0);
  const order = want.reduce((acc, w, i) => acc || Math.sign((have[i] ?? 0) - w), 0);
  return order >= 0
    ? ok('node', `Node ${version} (mllab needs ${engines!.trim()})`)
    : problem('node', `Node ${version} is older than mllab needs (${engines!.trim()}): install a current Node LTS (https://nodejs.org/en/download), e.g. with nvm or fnm`);
}

/** The region, as every command resolves it; a mistake in a flag is bad usage (exit 2), not a finding. */
async function checkRegion(ctx: CommandContext, options: DoctorOptions): Promise<{ finding: DoctorFinding; region?: string }> {
  try {
    const region = await resolveRegion({ ...(options.region !== undefined ? { flag: options.region } : {}), env: ctx.env, ...(options.profile ? { profile: options.profile } : {}) });
    return { finding: ok('region', `${region} (a region the SDK knows)`), region };
  } catch (err) {
    if (err instanceof UsageError && /^--(region|profile)\b/.test(err.message)) throw err;
    if (err instanceof UsageError) return { finding: problem('region', err.message) };
    throw err;
  }
}

async function checkCredentials(region: string, profile: string | undefined): Promise<{ finding: DoctorFinding; identity?: CallerIdentity }> {
  try {
    const identity = await callerIdentity({ region, ...(profile ? { profile } : {}) });
    return { finding: ok('credentials', `account ${sanitize(identity.account)} as ${sanitize(identity.arn)}`), identity };
  } catch (err) {
    return { finding: problem('credentials', sanitize(classifyError(err, profile ? { profile } : {}).message)) };
  }
}

export async function checkBootstrap(region: string, account: string, profile: string | undefined): Promise<DoctorFinding> {
  const fix = `run \`npx cdk bootstrap aws://${account}/${region}${profile ? ` --profile ${profile}` : ''}\``;
  const client = createClient(CloudFormationClient, { region, requestTimeoutMs: 10_000, ...(profile ? { profile } : {}) });
  try {
    const stack = (await client.send(new DescribeStacksCommand({ StackName: BOOTSTRAP_STACK }))).Stacks?.[0];
    if (!stack) return problem('bootstrap', `no ${BOOTSTRAP_STACK} stack in ${account}/${region}: ${fix} once, then deploy`);
    const status = stack.StackStatus ?? 'UNKNOWN';
    if (!USABLE_STACK_STATUSES.has(status)) {
      return problem('bootstrap', `${BOOTSTRAP_STACK} in ${account}/${region} is ${status}: ${fix} again`);
    }
    const raw = stack.Outputs?.find((o) => o.OutputKey === 'BootstrapVersion')?.OutputValue;
    const version = raw !== undefined ? Number(raw) : Number.NaN;
    if (!Number.isFinite(version)) return problem('bootstrap', `${BOOTSTRAP_STACK} in ${account}/${region} reports no BootstrapVersion output (a legacy bootstrap): ${fix} to upgrade it`);
    if (version < MIN_BOOTSTRAP_VERSION) return problem('bootstrap', `${BOOTSTRAP_STACK} in ${account}/${region} is bootstrap version ${version}; the lab stacks need ${MIN_BOOTSTRAP_VERSION} or later: ${fix} to upgrade it`);
    return ok('bootstrap', `${BOOTSTRAP_STACK} in ${account}/${region}, bootstrap version ${version}`);
  } catch (err) {
    // DescribeStacks of a stack that does not exist: ValidationError
    // (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html).
    if (isServiceError(err, 'ValidationError')) return problem('bootstrap', `no ${BOOTSTRAP_STACK} stack in ${account}/${region}: ${fix} once, then deploy`);
    return problem('bootstrap', `could not read ${BOOTSTRAP_STACK}: ${sanitize(classifyError(err, { iamAction: 'cloudformation:DescribeStacks', ...(profile ? { profile } : {}) }).message)}`);
  } finally {
    client.destroy();
  }
}

/** What doctor uses of @aws-sdk/client-cost-explorer (an interface, so tests can stand in for it). */
export interface CostExplorerModule {
  readonly CostExplorerClient: new (config: any) => { send(command: any): Promise<any>; destroy(): void };
  readonly ListCostAllocationTagsCommand: new (input: { TagKeys: string[] }) => unknown;
}

export const COST_EXPLORER: CostExplorerModule = { CostExplorerClient, ListCostAllocationTagsCommand };

/**
 * The status of the `mllab:lab` cost-allocation tag (ListCostAllocationTags:
 * https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_ListCostAllocationTags.html,
 * Status Active | Inactive). Cost Explorer answers from us-east-1
 * (https://docs.aws.amazon.com/general/latest/gr/billing.html).
 */
export async function checkCostTag(ce: CostExplorerModule, profile: string | undefined): Promise<DoctorFinding> {
  const client = createClient(ce.CostExplorerClient, { region: 'us-east-1', requestTimeoutMs: 10_000, ...(profile ? { profile } : {}) });
  try {
    const out = await client.send(new ce.ListCostAllocationTagsCommand({ TagKeys: [TAG_LAB] }));
    const tag = (out?.CostAllocationTags as { TagKey?: string; Status?: string }[] | undefined)?.find((t) => t.TagKey === TAG_LAB);
    if (!tag) return skipped('cost tag', `${TAG_LAB} is not among the account's cost-allocation tags yet (a tag key appears there up to 24 hours after a deployed lab first carries it): activate it then (${COST_TAG_DOCS})`);
    if (tag.Status === 'Active') return ok('cost tag', `${TAG_LAB} is an active cost-allocation tag: spend per lab shows in Cost Explorer`);
    return problem('cost tag', `${TAG_LAB} is ${tag.Status ?? 'not active'}: activate it in the Billing console, Cost allocation tags, so spend per lab shows (${COST_TAG_DOCS})`);
  } catch (err) {
    return problem('cost tag', `could not read the cost-allocation tags: ${sanitize(classifyError(err, { iamAction: 'ce:ListCostAllocationTags', ...(profile ? { profile } : {}) }).message)}`);
  } finally {
    client.destroy();
  }
}

/** Every check, in the order a learner fixes them; a check that needs an earlier one's answer is skipped without it. */
export async function diagnose(ctx: CommandContext, options: DoctorOptions, costExplorer: CostExplorerModule = COST_EXPLORER): Promise<DoctorFinding[]> {
  const engines = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).engines?.node as string | undefined;
  const findings: DoctorFinding[] = [checkNode(process.versions.node, engines)];
  const region = await checkRegion(ctx, options);
  findings.push(region.finding);
  // GetCallerIdentity answers in any region: without one, credentials are still worth testing.
  const credentials = await checkCredentials(region.region ?? 'us-east-1', options.profile);
  findings.push(credentials.finding);
  if (!region.region || !credentials.identity) findings.push(skipped('bootstrap', `not checked: needs ${region.region ? 'working credentials' : 'a region'} first`));
  else findings.push(await checkBootstrap(region.region, credentials.identity.account, options.profile));
  findings.push(credentials.identity ? await checkCostTag(costExplorer, options.profile) : skipped('cost tag', `not checked: needs working credentials first; then ${TAG_LAB} must be Active (${COST_TAG_DOCS})`));
  return findings;
}

export function formatFinding(f: DoctorFinding): string {
  return `${f.status.padEnd(8)} ${f.check.padEnd(12)} ${f.detail}`;
}

export async function run(ctx: CommandContext, _args: string[], options: DoctorOptions): Promise<number> {
  const findings = await diagnose(ctx, options);
  for (const f of findings) ctx.out(formatFinding(f));
  return findings.some((f) => f.status === 'problem') ? 3 : 0;
}
