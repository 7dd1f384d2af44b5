// `mllab completion <shell>`: generated from the command table, so every command, option and lab
// id completes. The bash script is run in a real bash.
import { spawnSync } from 'node:child_process';
import { COMMANDS } from '../../lib/cli/commands';
import { allLabs } from '../../labs';
import { runCli } from '../support/cli-harness';

async function script(shell: string): Promise<string> {
  const run = await runCli(['completion', shell]);
  expect(run.code).toBe(0);
  return run.stdout;
}

/** What bash completes for the words typed so far (the last one being completed). */
function bashCompletes(source: string, words: string[]): string[] {
  const program = `${source}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _mllab; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = spawnSync('bash', ['-c', program], { encoding: 'utf8' });
  expect(out.stderr).toBe('');
  return out.stdout.split('\n').filter(Boolean);
}

test('bash completes the commands, a command\'s options and the lab ids', async () => {
  const source = await script('bash');
  expect(bashCompletes(source, ['mllab', ''])).toEqual(expect.arrayContaining(COMMANDS.map((c) => c.name)));
  expect(bashCompletes(source, ['mllab', 'te'])).toEqual(['teardown']);
  expect(bashCompletes(source, ['mllab', 'check', '--re'])).toEqual(['--region', '--record', '--replay', '--replay-services']);
  expect(bashCompletes(source, ['mllab', 'check', 'stream'])).toEqual(['streaming-ingest', 'streams-vs-firehose']);
  expect(bashCompletes(source, ['mllab', 'list', ''])).toEqual([]);
});

test('zsh runs the same function through bashcompinit; fish names every command, option and lab', async () => {
  expect(await script('zsh')).toMatch(/^# mllab completion for zsh[\s\S]*bashcompinit[\s\S]*complete -F _mllab mllab\n$/);
  const fish = await script('fish');
  for (const c of COMMANDS) expect(fish).toContain(`-a ${c.name} -d`);
  expect(fish).toContain("complete -c mllab -n '__fish_seen_subcommand_from check' -l region -r");
  expect(fish).toContain(allLabs().map((l) => l.id).join(' '));
});

test('an unknown shell is refused with a suggestion, exit 2', async () => {
  const run = await runCli(['completion', 'bsh']);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^mllab: unknown shell 'bsh'; did you mean 'bash'\? \(one of bash, zsh, fish\)$/m);
});
