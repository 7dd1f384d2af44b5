// `mllab check --output table`: one row per requirement, fitted to the terminal (cli-table3).
import { main } from '../../lib/cli/main';
import { runCli } from '../support/cli-harness';

const replay = (lab: string, file: string) => ['check', lab, '--replay', `labs/${lab}/cassettes/${file}`, '--output', 'table'];

async function onTerminal(argv: string[], columns: number) {
  let stdout = '';
  const code = await main(argv, {
    stdout: Object.assign({ write: (s: string) => (stdout += s) }, { isTTY: true, columns }),
    stderr: { write: () => true, isTTY: false },
    env: { ...process.env, NO_COLOR: '1', MLLAB_HOME: '/nonexistent-mllab-home' },
  });
  return { code, stdout };
}

test.each([80, 140])('at %i columns every line fits, every requirement has its row, and the summary closes it', async (columns) => {
  const run = await onTerminal(replay('streaming-ingest', 'fail-stack-defaults.json'), columns);
  expect(run.code).toBe(1);
  const lines = run.stdout.trimEnd().split('\n');
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
  for (const id of ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7']) expect(run.stdout).toMatch(new RegExp(`│ ${id} +│ fail`));
  expect(lines.at(-1)).toBe('0 passed, 7 failed');
});

test('piped, the table is not cut to a width and the exit code is the verdict\'s', async () => {
  const run = await runCli(replay('streams-vs-firehose', 'pass.json'), { env: { ...process.env, MLLAB_HOME: '/nonexistent-mllab-home' } });
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/│ R3 +│ pass +│ The lab stream adjusts its capacity to the load by itself, with no shard count to manage\. +│/);
  expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('3 passed, 0 failed');
});

test('--output table does not combine with --json or --query', async () => {
  for (const extra of [['--json'], ['--query', 'summary']]) {
    const run = await runCli([...replay('streams-vs-firehose', 'pass.json'), ...extra]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mllab: --output table does not combine with/);
  }
});
