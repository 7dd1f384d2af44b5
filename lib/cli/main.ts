// The mllab entry point: parses argv with commander from the one command table, runs the chosen
// command, and is the only place that catches errors (one line on stderr, the right exit code).
import { Command, Option, type CommanderError } from 'commander';
import { allLabs } from '../../labs';
import { loadChecks } from '../../labs/checks';
import { packageVersion } from '../package-root';
import { COMMANDS, type CommandSpec } from './commands';
import { INTERNAL_ERROR_EXIT, isCliError, UsageError } from './errors';
import type { CliIo, CommandContext } from './io';
import { didYouMean } from './suggest';
import { colorEnabled, Terminal, terminalWidth } from './terminal';
import { echo, sanitize } from './text';

export type { CliIo } from './io';

interface Chosen {
  readonly spec: CommandSpec;
  readonly command: Command;
}

/** `error: unknown option '--jsn'\n(Did you mean --json?)` -> `unknown option '--jsn'; did you mean --json?` */
function commanderMessage(err: CommanderError): string {
  const [first = '', ...rest] = err.message.replace(/^error: /, '').split('\n').map((l) => l.trim()).filter(Boolean);
  const suggestion = rest.find((l) => /^\(Did you mean/.test(l));
  // Commander quotes what the user typed ('--jsn'): cut a long one, as every message of mllab does.
  const quoted = first.replace(/'([^']*)'/g, (_, input: string) => `'${echo(input)}'`);
  return suggestion ? `${quoted}; ${suggestion.slice(1, -1).replace(/^Did/, 'did')}` : quoted;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function buildProgram(io: CliIo, argv: readonly string[], onChosen: (chosen: Chosen) => void): Command {
  const program = new Command('mllab')
    .description('Learn AWS machine learning by doing: deploy a lab, check it, track progress per exam domain.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--debug', 'show stack traces of errors')
    .option('--no-color', 'no colour in terminal output (also: NO_COLOR)')
    // Inherited by every subcommand added below: never exit the process, write through io.
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => undefined,
    })
    .showSuggestionAfterError(true)
    .allowExcessArguments(false)
    .helpCommand(true);
  // Commander builds an object for every option it is told of, a cost every start would pay for all
  // commands: `mllab <command>` registers that command only. Help, suggestions for a mistyped command
  // and anything else see them all.
  const named = COMMANDS.find((c) => c.name === argv[0]);
  for (const spec of named ? [named] : COMMANDS) {
    const command = program.command(spec.name).description(spec.summary).allowExcessArguments(false);
    for (const arg of spec.arguments ?? []) command.argument(arg.optional ? `[${arg.name}]` : `<${arg.name}>`, arg.description);
    for (const opt of spec.options ?? []) command.addOption(new Option(opt.flags, opt.description));
    command.action((...params: unknown[]) => {
      onChosen({ spec, command: params[params.length - 1] as Command });
    });
  }
  return program;
}

/** Applies each option's `parse` to the value commander kept, so a bad value is one UsageError line. */
function parsedOptions(spec: CommandSpec, command: Command): Record<string, unknown> {
  const raw = command.opts();
  const out: Record<string, unknown> = { ...raw };
  for (const opt of spec.options ?? []) {
    const option = command.options.find((o) => o.flags === opt.flags);
    if (!option || !opt.parse) continue;
    const key = option.attributeName();
    const value = raw[key];
    if (typeof value === 'string') out[key] = opt.parse(value, option.long ?? opt.flags);
  }
  return out;
}

function contextOf(io: CliIo, debug: boolean, colorFlag: boolean): CommandContext {
  const color = colorEnabled({ flag: colorFlag, env: io.env, isTTY: io.stdout.isTTY === true });
  const labs = io.labs ?? allLabs();
  const load = io.loadChecks ?? loadChecks;
  return {
    io,
    env: io.env,
    debug,
    color,
    terminal: new Terminal(color, terminalWidth(io.stdout, io.env)),
    labs: () => labs,
    checks: async (labId) => {
      const checks = await load(labId);
      // Every lab of the manifest registry has its checks in labs/checks.ts: a miss is a bug.
      if (!checks) throw new Error(`lab '${labId}' has no checks registered in labs/checks.ts`);
      return checks;
    },
    out: (line) => io.stdout.write(`${line}\n`),
    err: (line) => io.stderr.write(`${line}\n`),
  };
}

function reportError(err: unknown, io: CliIo, debug: boolean): number {
  if (isCliError(err)) {
    // Messages quote input through echo(); sanitize() here is the last guard for anything that did not.
    io.stderr.write(`mllab: ${sanitize(oneLine(err.message))}\n`);
    if (debug && err.stack) io.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err as any;
  io.stderr.write(`mllab: internal error: ${sanitize(oneLine(String(e?.message ?? e)))} (a bug in mllab; run again with --debug for the stack trace and report it)\n`);
  if (debug && e?.stack) io.stderr.write(`${e.stack}\n`);
  return INTERNAL_ERROR_EXIT;
}

/**
 * Runs mllab with `argv` (without `node` and the script) and returns the exit code. Never throws
 * and never calls process.exit, so tests run it in-process with their own io.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    let chosen: Chosen | undefined;
    const program = buildProgram(io, argv, (c) => (chosen = c));
    if (argv.length === 0) {
      io.stderr.write(program.helpInformation());
      return 2;
    }
    const names = COMMANDS.map((c) => c.name);
    const helpFor = argv[0] === 'help' ? argv[1] : undefined;
    if (helpFor !== undefined && !helpFor.startsWith('-') && !names.includes(helpFor)) {
      throw new UsageError(`unknown command '${echo(helpFor)}'${didYouMean(helpFor, names)} (see mllab --help)`);
    }
    try {
      await program.parseAsync([...argv], { from: 'user' });
    } catch (err) {
      const e = err as CommanderError;
      if (typeof e?.code === 'string' && e.code.startsWith('commander.')) {
        if (e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
        // Commander printed the help on stderr because no command was given: that is the message.
        if (e.code === 'commander.help') return 2;
        throw new UsageError(`${commanderMessage(e)} (see mllab --help)`);
      }
      throw err;
    }
    if (!chosen) return 0;
    const globals = program.opts();
    const ctx = contextOf(io, debug, globals.color !== false);
    const options = parsedOptions(chosen.spec, chosen.command);
    const command = await chosen.spec.load();
    return await command.run(ctx, [...chosen.command.processedArgs] as string[], options);
  } catch (err) {
    return reportError(err, io, debug);
  }
}
