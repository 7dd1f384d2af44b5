// The one table of mllab's commands (pattern: aws-cdk-cli packages/aws-cdk/lib/cli/cli-config.ts).
//
// To add a command:
//   1. write lib/cli/commands/<name>.ts exporting
//        `export async function run(ctx: CommandContext, args: string[], options: Record<string, any>): Promise<number>`
//      (return the exit code; throw UsageError / EnvironmentError for the user's or the machine's fault);
//   2. add one entry below: name, summary, arguments, options (commander flag syntax; `parse` converts
//      and validates a value and throws UsageError naming the flag), and `load: () => import('./<name>')`.
// `load` is the one lazy seam of the CLI: it runs only for the command that runs, so a command's
// heavy imports (aws-cdk-lib, toolkit-lib, SDK clients), which are ordinary static imports of its
// module, never slow down the others. Nothing imported here may load them.
import type { CommandContext } from '../io';
import { budgetUsd, emailAddress, nonEmpty, parseRegions, positiveInteger, secondsToMs, serviceList } from '../options';

export interface ArgumentSpec {
  readonly name: string;
  readonly description: string;
  readonly optional?: boolean;
}

export interface OptionSpec {
  /** Commander syntax: `--json`, `--region <region>`. */
  readonly flags: string;
  readonly description: string;
  /** Converts and validates the raw value; throws UsageError naming the flag. */
  readonly parse?: (raw: string, flag: string) => unknown;
}

export interface CommandModule {
  run(ctx: CommandContext, args: string[], options: Record<string, any>): Promise<number>;
}

export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly arguments?: readonly ArgumentSpec[];
  readonly options?: readonly OptionSpec[];
  readonly load: () => Promise<CommandModule>;
}

const region: OptionSpec = { flags: '--region <region>', description: 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile\'s region)', parse: nonEmpty };
const profile: OptionSpec = { flags: '--profile <name>', description: 'named profile from the shared AWS config files', parse: nonEmpty };
const json: OptionSpec = { flags: '--json', description: 'machine-readable JSON on stdout' };
const lab: ArgumentSpec = { name: 'lab', description: 'lab id (see `mllab list`)' };

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'list',
    summary: 'list the labs: domains, environments, estimated cost, your last result',
    options: [json],
    load: () => import('./list'),
  },
  {
    name: 'show',
    summary: 'print a lab\'s scenario and requirements',
    arguments: [lab],
    load: () => import('./show'),
  },
  {
    name: 'check',
    summary: 'check a lab requirement by requirement (read-only; exit 0 only when all pass)',
    arguments: [lab],
    options: [
      region,
      profile,
      json,
      { flags: '--junit <file>', description: 'also write a JUnit XML report (one test case per requirement)', parse: nonEmpty },
      { flags: '--record <file>', description: 'write every SDK call of the run to a cassette', parse: nonEmpty },
      { flags: '--replay <file>', description: 'answer SDK calls from a cassette instead of AWS', parse: nonEmpty },
      { flags: '--replay-services <services>', description: 'with --replay: replay only these services (comma list, e.g. Firehose); the rest go live or to AWS_ENDPOINT_URL_<SERVICE>', parse: serviceList },
      { flags: '--concurrency <n>', description: 'requirements checked at once (default 8)', parse: positiveInteger(64) },
      { flags: '--timeout <seconds>', description: 'per requirement (default 30)', parse: secondsToMs(1, 900) },
      { flags: '--run-timeout <seconds>', description: 'the whole run: what is not decided by then is an error (default 120, or 4 x --timeout when more)', parse: secondsToMs(1, 3600) },
      { flags: '--only <ids>', description: 'only these requirements, comma list (e.g. R3,R5); what they depend on runs too', parse: nonEmpty },
      { flags: '--endpoint-url <url>', description: 'send every call to this endpoint (an emulator); default AWS, or AWS_ENDPOINT_URL[_<SERVICE>]', parse: nonEmpty },
      { flags: '--watch [seconds]', description: 'check again every N seconds (default 30), printing only what changed, until Ctrl-C', parse: secondsToMs(1, 3600) },
      { flags: '--output <format>', description: 'json (the --json report), table, or text (default), as the AWS CLI', parse: nonEmpty },
      { flags: '--query <jmespath>', description: 'print what this JMESPath expression selects from the JSON report, as the AWS CLI (e.g. "requirements[?status==\'fail\'].id")', parse: nonEmpty },
    ],
    load: () => import('./check'),
  },
  {
    name: 'progress',
    summary: 'what you have passed, per exam domain, weakest first, and which lab to do next',
    options: [json],
    load: () => import('./progress'),
  },
  {
    name: 'policy',
    summary: 'print the least-privilege read-only IAM policy the checkers need',
    options: [{ flags: '--lab <lab>', description: 'only the checks of this lab', parse: nonEmpty }, region, profile],
    load: () => import('./policy'),
  },
  {
    name: 'deploy',
    summary: 'deploy a lab\'s stack with the CDK toolkit',
    arguments: [lab],
    options: [
      region,
      profile,
      { flags: '--budget-usd <usd>', description: 'the lab\'s monthly AWS Budgets limit in US dollars (default 20)', parse: budgetUsd },
      { flags: '--email <address>', description: 'where the budget sends its alerts (default: the alerts topic only)', parse: emailAddress },
    ],
    load: () => import('./deploy'),
  },
  {
    name: 'destroy',
    summary: 'delete a lab\'s stack (what you created yourself: `mllab teardown`); asks y/N on a terminal',
    arguments: [lab],
    options: [
      region,
      profile,
      { flags: '--yes', description: 'confirm the deletion without a question (required when not run in a terminal)' },
      { flags: '--force', description: 'the same as --yes' },
    ],
    load: () => import('./destroy'),
  },
  {
    name: 'teardown',
    summary: 'remove a lab\'s stack and everything you created for it, so spend drops to zero (dry run unless --yes)',
    arguments: [{ ...lab, optional: true }],
    options: [
      region,
      profile,
      json,
      { flags: '--yes', description: 'execute the plan (default: print it and change nothing); on a terminal, asks y/N after showing it' },
      { flags: '--force', description: 'execute the plan without the question on a terminal (implies --yes)' },
      { flags: '--all', description: 'every lab and environment of this build found in the account (its MlLab-* stack tagged mllab:managed-by=aws-ml-labs, or its mllab:lab tag)' },
      { flags: '--regions <regions>', description: '\'all\' (every enabled region) or a comma list of regions', parse: parseRegions },
      { flags: '--poll-seconds <n>', description: 'seconds between status checks while AWS deletes (default 15)', parse: positiveInteger(300) },
    ],
    load: () => import('./teardown'),
  },
  {
    name: 'doctor',
    summary: 'check this machine and account: Node, credentials, region, CDK bootstrap, the cost-allocation tag (exit 3 if something needs fixing)',
    options: [region, profile],
    load: () => import('./doctor'),
  },
  {
    name: 'cost',
    summary: 'idle cost per hour and expected cost to complete a lab (no AWS call)',
    arguments: [{ ...lab, optional: true }],
    options: [
      { flags: '--region <region>', description: 'price in this region where the price table has it (default: AWS_REGION, then us-east-1)', parse: nonEmpty },
      json,
      { flags: '--markdown', description: 'the README table of every lab\'s cost' },
    ],
    load: () => import('./cost'),
  },
  {
    name: 'spend',
    summary: 'actual spend this month against each deployed lab\'s budget (AWS Budgets)',
    arguments: [{ ...lab, optional: true }],
    options: [region, profile, json],
    load: () => import('./spend'),
  },
  {
    name: 'completion',
    summary: 'print the shell completion script (bash, zsh or fish) for commands, options and lab ids',
    arguments: [{ name: 'shell', description: 'bash, zsh or fish' }],
    load: () => import('./completion'),
  },
];
