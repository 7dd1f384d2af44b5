// `npm run demo` ends with both attempts as `mllab diagram` draws them: the reference pipeline
// clean, the flawed one with each broken element marked. The checks' part of the demo is tested in
// test/scripts/demo.test.ts; here the diagrams run in-process and the checks are stood in for.
import { main } from '../../lib/cli/main';
import { runDemo, type CliRunner } from '../../scripts/demo';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

test('the demo shows the flawed attempt\'s diagram after the reference one, marks where they differ', async () => {
  const diagrams: string[][] = [];
  const cli: CliRunner = async (args, env) => {
    if (args[0] !== 'diagram') return { code: args.includes('labs/streaming-ingest/cassettes/pass.json') ? 0 : 1, stdout: '', stderr: '' };
    diagrams.push([...args]);
    let stdout = '';
    let stderr = '';
    const code = await main([...args], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: { ...env } });
    return { code, stdout, stderr };
  };
  let output = '';
  await runDemo({ root: ROOT, cli, write: (t) => (output += t) });
  expect(diagrams.map((a) => a.slice(0, 4))).toEqual([
    ['diagram', 'streaming-ingest', '--replay', 'labs/streaming-ingest/cassettes/pass.json'],
    ['diagram', 'streaming-ingest', '--replay', 'labs/streaming-ingest/cassettes/fail-stack-defaults.json'],
  ]);
  const section = output.slice(output.indexOf('-- The two pipelines'));
  const reference = section.slice(section.indexOf('The reference solution:'), section.indexOf('A flawed attempt:'));
  const flawed = section.slice(section.indexOf('A flawed attempt:'));
  expect(reference).toContain('7 of 7 requirements pass.');
  expect(reference).not.toContain('✗');
  expect(flawed).toContain('[buffer 60 s or 5 MiB, UNCOMPRESSED]  ✗ R1 R3');
  expect(flawed).toContain('0 of 7 requirements pass.');
});
