// The README keeps its promises: exactly two set-up commands, and a cost table equal to what
// `mllab cost --markdown` computes today.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allLabs } from '../labs';
import { main } from '../lib/cli/main';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

function section(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  expect(start).toBeGreaterThan(-1);
  const next = readme.indexOf('\n## ', start + heading.length + 4);
  return readme.slice(start, next === -1 ? undefined : next);
}

test('the set-up section has exactly two commands: the offline demo and the tests', () => {
  const block = /```\n([\s\S]*?)```/.exec(section('Set-up'))![1]!;
  const commands = block.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter(Boolean);
  expect(commands).toEqual(['npm ci && npm run demo', 'npm test']);
});

test("the README's lab cost table matches `mllab cost --markdown`", async () => {
  let out = '';
  const code = await main(['cost', '--markdown'], { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => true }, env: {} });
  expect(code).toBe(0);
  const tableOf = (text: string) => text.split('\n').filter((l) => l.startsWith('|')).join('\n');
  expect(tableOf(out)).not.toBe('');
  expect(tableOf(section('What each lab costs'))).toBe(tableOf(out));
});

test('the lab table lists every registered lab with its declared time and cost', () => {
  const rows = section('The labs').split('\n').filter((l) => l.startsWith('| `'));
  expect(rows.map((r) => /^\| `([^`]+)`/.exec(r)![1]).sort()).toEqual(allLabs().map((l) => l.id).sort());
  for (const lab of allLabs()) {
    const row = rows.find((r) => r.startsWith(`| \`${lab.id}\``))!;
    expect(row).toContain(`~${lab.estimatedMinutes} min`);
    expect(row).toContain(`~$${lab.estimatedCostUsd.toFixed(2)}`);
  }
});
