// The rarely run commands load from dist/ beside the CLI bundle (scripts/bundle-cli.ts): their
// errors still end as one line and their exit code, through isCliError's process-wide brand.
import { spawnSync } from 'node:child_process';
import { cli, ensureBuilt } from './built';

beforeAll(() => ensureBuilt(), 300_000);

function mllab(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', MLLAB_EXTERNAL_ID: '', ...env }, timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

test.each([
  [['class', 'grade', 'streaming-ingest'], "mllab class: unknown action 'grade'"],
  [['class', 'check', 'streaming-ingest', '--roster', 'no-such-roster.csv'], '--roster: cannot read no-such-roster.csv'],
  [['new', 'widget', 'x'], "mllab new: unknown kind 'widget'"],
  [['selftest', 'datalake-athena', '--offline'], 'serve streaming-ingest only'],
])('mllab %j: one line, exit 2', (args, message) => {
  const run = mllab(args);
  expect({ code: run.code, lines: run.stderr.trim().split('\n').length }).toEqual({ code: 2, lines: 1 });
  expect(run.stderr).toContain(message);
  expect(run.stderr).not.toContain('internal error');
});

test('mllab missed finds the labs to redo, from the stored index', () => {
  const run = mllab(['missed', 'firehose buffering interval', '--json']);
  expect(run.code).toBe(0);
  expect(JSON.stringify(JSON.parse(run.stdout))).toContain('streaming-ingest');
});
