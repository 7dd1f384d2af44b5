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
  { name: 'diagram', summary: 'draw your pipeline for a lab as it is (read-only, like check), with the failing requirements marked', arguments: [lab], options: [region, profile, { flags: '--format <format>', description: 'text (default), mermaid (for Markdown) or svg', parse: nonEmpty }, { flags: '--output <file>', description: 'write the diagram to this file instead of stdout', parse: nonEmpty }, { flags: '--replay <file>', description: 'answer SDK calls from a cassette (one `mllab check --record` wrote) instead of AWS', parse: nonEmpty }, { flags: '--timeout <seconds>', description: 'per requirement and for the diagram\'s reads (default 30)', parse: secondsToMs(1, 900) }], load: () => import('./diagram') },
  {
    name: 'progress',
    summary: 'what you have passed, per exam domain, weakest first, and which lab to do next',
    options: [json, { flags: '--by <what>', description: 'domain (default), or task: the weighted gap per MLA-C01 task statement', parse: nonEmpty }],
    load: () => import('./progress'),
  },
  { name: 'plan', summary: 'a week-by-week study plan: time in proportion to your weighted gaps, a weekly review, spaced re-checks of passed labs', options: [{ flags: '--weeks <n>', description: 'weeks to plan (default: until --exam-date, else 4)', parse: positiveInteger(52) }, { flags: '--hours-per-week <hours>', description: 'study hours a week, in quarter hours (e.g. 6 or 7.5)', parse: nonEmpty }, { flags: '--exam-date <date>', description: 'YYYY-MM-DD: the plan ends before it', parse: nonEmpty }, { flags: '--start <date>', description: 'YYYY-MM-DD: first day of the plan (default: today, UTC)', parse: nonEmpty }, json, { flags: '--ics <file>', description: 'also write the plan as an iCalendar file', parse: nonEmpty }], load: () => import('./plan') },
  { name: 'report', summary: 'write one self-contained HTML page: progress charts, each lab\'s last result, diagrams and your study plan', options: [{ flags: '--html [file]', description: 'the file to write (default mllab-report.html)' }], load: () => import('./report') },
  { name: 'missed', summary: 'for a practice-exam question you got wrong: the labs and requirements to redo, most relevant first', arguments: [{ name: 'words', description: 'the question or its key words, in quotes' }], options: [json, { flags: '--limit <n>', description: 'at most this many requirements (default 10)', parse: positiveInteger(100) }], load: () => import('./missed') },
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
      { flags: '--instructor-account <id>', description: 'class mode: add a read-only checker role this instructor account may assume', parse: nonEmpty },
      { flags: '--external-id-file <file>', description: 'with --instructor-account: the class\'s external id (default: MLLAB_EXTERNAL_ID; never the id itself)', parse: nonEmpty },
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
  {
    name: 'class',
    summary: 'instructors: check a whole class, each learner\'s lab in their own account through its checker role, here or on Step Functions',
    arguments: [
      { name: 'action', description: "check (from this machine), deploy (the MlLab-class stack), run (on Step Functions) or report (a saved scoreboard)" },
      { name: 'target', description: 'the lab id (check, run) or the scoreboard file (report)', optional: true },
    ],
    options: [
      region,
      { flags: '--roster <file>', description: 'the class as CSV: name,account,region[,role]', parse: nonEmpty },
      { flags: '--save <file>', description: 'run: also keep the scoreboard JSON in this file (for class report)', parse: nonEmpty },
      { flags: '--wait <seconds>', description: 'run: follow the execution this long (default 3600)', parse: secondsToMs(10, 86_400) },
      { flags: '--max-concurrency <n>', description: 'deploy: the Distributed Map\'s MaxConcurrency (default 1000)', parse: positiveInteger(10_000) },
      { flags: '--external-id-file <file>', description: 'the file holding the class\'s external id (default: MLLAB_EXTERNAL_ID; never the id itself)', parse: nonEmpty },
      profile,
      { flags: '--concurrency <n>', description: 'learners checked at once (default 16)', parse: positiveInteger(256) },
      { flags: '--timeout <seconds>', description: 'per requirement (default 30)', parse: secondsToMs(1, 900) },
      json,
      { flags: '--csv', description: 'the scoreboard as CSV on stdout (one line per learner)' },
      { flags: '--junit <dir>', description: 'check: also write one JUnit XML file per learner into this folder', parse: nonEmpty },
      { flags: '--html <file>', description: 'also write the scoreboard as one self-contained HTML page (the progress report\'s style)', parse: nonEmpty },
    ],
    load: () => import('./class'),
  },
  {
    name: 'selftest',
    summary: 'prove a lab end to end: deploy, check untouched (nothing may pass), solve, check (all must pass), tear down, sweep',
    arguments: [lab],
    options: [
      { flags: '--offline', description: 'on loopback emulators, with cassettes for what they cannot serve (no AWS account)' },
      { flags: '--record <dir>', description: 'keep both check runs as cassettes (untouched.json, solved.json; account ids redacted)', parse: nonEmpty },
      { flags: '--yes', description: 'deploy and tear down without asking (required without a terminal)' },
      region,
      profile,
    ],
    load: () => import('./selftest'),
  },
  {
    name: 'new',
    summary: 'scaffold a new lab in a checkout of aws-ml-labs: manifest, checks, README, solution, cassettes, tests, registered',
    arguments: [
      { name: 'kind', description: "what to create: 'lab'" },
      { name: 'id', description: 'the new lab\'s id, kebab-case' },
    ],
    options: [
      { flags: '--title <title>', description: 'the lab\'s title', parse: nonEmpty },
      { flags: '--environment <environment>', description: 'the lab environment it deploys (streaming, datalake, studio, ...; default datalake)', parse: nonEmpty },
      { flags: '--root <dir>', description: 'the checkout to write into (default: the one this mllab runs from)', parse: nonEmpty },
    ],
    load: () => import('./new'),
  },
];
