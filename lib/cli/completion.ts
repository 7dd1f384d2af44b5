// Shell completion for bash, zsh and fish, generated from the one command table: every command,
// its options, and the lab ids where a command takes a lab. Nothing is hand-kept, so a new command
// or option completes as soon as it is in the table.
import type { CommandSpec } from './commands';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** `--region <region>` -> `--region`; `-V, --version` -> `--version`. */
function longFlag(flags: string): string {
  return /--[a-z][a-z0-9-]*/.exec(flags)![0];
}

const GLOBAL_FLAGS = ['--help', '--debug', '--no-color'];

/** Single-quoted for a POSIX shell and for fish (both end a quote at the next '). */
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function bash(commands: readonly CommandSpec[], labIds: readonly string[]): string {
  const cases = commands.map((c) => {
    const flags = [...(c.options ?? []).map((o) => longFlag(o.flags)), ...GLOBAL_FLAGS].join(' ');
    const takesLab = (c.arguments ?? []).some((a) => a.name === 'lab');
    return `    ${c.name}) flags=${quote(flags)}; words=${quote(takesLab ? labIds.join(' ') : '')} ;;`;
  });
  return `# mllab completion for bash: source <(mllab completion bash), or save it to a file your shell sources.
_mllab() {
  local cur=\${COMP_WORDS[COMP_CWORD]} flags='' words=''
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W ${quote([...commands.map((c) => c.name), 'help', '--version', ...GLOBAL_FLAGS].join(' '))} -- "$cur") )
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases.join('\n')}
    help) words=${quote(commands.map((c) => c.name).join(' '))} ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$flags" -- "$cur") )
  else
    COMPREPLY=( $(compgen -W "$words" -- "$cur") )
  fi
}
complete -F _mllab mllab
`;
}

function zsh(commands: readonly CommandSpec[], labIds: readonly string[]): string {
  // zsh runs bash completion functions through its bashcompinit layer.
  return `# mllab completion for zsh: source <(mllab completion zsh), or save it to a file your .zshrc sources.
autoload -U +X bashcompinit && bashcompinit
${bash(commands, labIds).split('\n').slice(1).join('\n')}`;
}

function fish(commands: readonly CommandSpec[], labIds: readonly string[]): string {
  const lines = [
    '# mllab completion for fish: mllab completion fish > ~/.config/fish/completions/mllab.fish',
    'complete -c mllab -f',
    ...commands.map((c) => `complete -c mllab -n __fish_use_subcommand -a ${c.name} -d ${quote(c.summary)}`),
  ];
  for (const c of commands) {
    const when = `-n ${quote(`__fish_seen_subcommand_from ${c.name}`)}`;
    for (const o of c.options ?? []) lines.push(`complete -c mllab ${when} -l ${longFlag(o.flags).slice(2)}${/[<[]/.test(o.flags) ? ' -r' : ''} -d ${quote(o.description)}`);
    if ((c.arguments ?? []).some((a) => a.name === 'lab')) lines.push(`complete -c mllab ${when} -a ${quote(labIds.join(' '))}`);
  }
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: Shell, commands: readonly CommandSpec[], labIds: readonly string[]): string {
  return { bash, zsh, fish }[shell](commands, labIds);
}
