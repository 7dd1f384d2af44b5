// How list, progress, show and cost look on a terminal: colour under the usual switches, every line
// within the terminal's width with no word cut, the README rendered on a terminal and left as
// Markdown when piped, and what the user typed echoed back short and harmless.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allLabs } from '../../labs';
import { main } from '../../lib/cli/main';
import { renderMarkdown } from '../../lib/cli/markdown';
import { colorEnabled, Terminal, terminalWidth, visibleWidth, wrapLines } from '../../lib/cli/terminal';
import { echo, sanitize } from '../../lib/cli/text';
import type { LabManifest } from '../../lib/model';
import { appendRun } from '../../lib/progress';
import { runCli } from '../support/cli-harness';
import { FIXTURE_LAB } from '../support/fixture-lab';

let home: string;
beforeEach(() => (home = mkdtempSync(join(tmpdir(), 'mllab-term-'))));
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** mllab on a terminal `columns` wide (stdout a TTY), in-process. */
async function onTerminal(argv: string[], columns: number | undefined, env: Record<string, string> = { NO_COLOR: '1' }, labs?: readonly LabManifest[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: true, ...(columns ? { columns } : {}) },
    stderr: { write: (s: string) => (stderr += s), isTTY: true },
    env: { MLLAB_HOME: home, ...env },
    ...(labs ? { labs } : {}),
  });
  return { code, stdout, stderr };
}

// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
const words = (s: string) => plain(s).split(/\s+/).filter(Boolean);

/** Every line fits; every word of the unwrapped text is whole in the wrapped one, unless it is wider than a line can be. */
function expectFitsWithoutBrokenWords(wrapped: string, unwrapped: string, width: number): void {
  const tooLong = wrapped.split('\n').filter((line) => visibleWidth(line) > width);
  expect(tooLong).toEqual([]);
  const got = words(wrapped);
  let i = 0;
  for (const word of words(unwrapped)) {
    if (got[i] === word) {
      i++;
      continue;
    }
    // Only a word that cannot fit on any line (a long URL) may be cut, into consecutive pieces.
    expect({ word, longerThanALine: word.length > width - 8 }).toEqual({ word, longerThanALine: true });
    let joined = '';
    while (joined.length < word.length && i < got.length) joined += got[i++];
    expect(joined).toBe(word);
  }
  expect(i).toBe(got.length);
}

describe('colour', () => {
  test.each<[string, boolean, Record<string, string>, boolean, boolean]>([
    ['a terminal', true, {}, true, true],
    ['a pipe', true, {}, false, false],
    ['--no-color', false, {}, true, false],
    ['NO_COLOR', true, { NO_COLOR: '1' }, true, false],
    ['an empty NO_COLOR (not set, by no-color.org)', true, { NO_COLOR: '' }, true, true],
    ['TERM=dumb', true, { TERM: 'dumb' }, true, false],
    ['FORCE_COLOR on a pipe', true, { FORCE_COLOR: '1' }, false, true],
    ['FORCE_COLOR with TERM=dumb', true, { FORCE_COLOR: '1', TERM: 'dumb' }, true, true],
    ['FORCE_COLOR=0 on a terminal', true, { FORCE_COLOR: '0' }, true, false],
    ['NO_COLOR over FORCE_COLOR', true, { NO_COLOR: '1', FORCE_COLOR: '1' }, true, false],
    ['--no-color over FORCE_COLOR', false, { FORCE_COLOR: '1' }, true, false],
  ])('%s', (_name, flag, env, isTTY, expected) => {
    expect(colorEnabled({ flag, env, isTTY })).toBe(expected);
  });

  test('list is coloured on a terminal, through styleText, and plain under NO_COLOR, TERM=dumb or a pipe', async () => {
    const coloured = await onTerminal(['list'], 80, {}, [FIXTURE_LAB]);
    expect(coloured.stdout).toContain('\u001b[1mfixture-lab\u001b[22m');
    for (const env of [{ NO_COLOR: '1' }, { TERM: 'dumb' }] as Record<string, string>[]) expect((await onTerminal(['list'], 80, env, [FIXTURE_LAB])).stdout).not.toContain('\u001b[');
    expect((await runCli(['list'], { env: { MLLAB_HOME: home }, labs: [FIXTURE_LAB] })).stdout).not.toContain('\u001b[');
    expect((await runCli(['list'], { env: { MLLAB_HOME: home, FORCE_COLOR: '1' }, labs: [FIXTURE_LAB] })).stdout).toContain('\u001b[1m');
  });
});

describe('width', () => {
  test('a terminal\'s columns, else COLUMNS, else 80; a pipe is not wrapped', () => {
    expect(terminalWidth({ isTTY: true, columns: 132 }, {})).toBe(132);
    expect(terminalWidth({ isTTY: true }, { COLUMNS: '100' })).toBe(100);
    expect(terminalWidth({ isTTY: true }, {})).toBe(80);
    expect(terminalWidth({ isTTY: false, columns: 132 }, {})).toBe(Number.POSITIVE_INFINITY);
  });

  test('wrap: hanging indent, no word cut, styles do not count as width', () => {
    const term = new Terminal(true, 30);
    const text = `${term.paint('bold', 'lab-id')} and a title that is long enough to wrap twice over`;
    const out = term.wrap(text, 4, '');
    expect(plain(out)).toBe('lab-id and a title that is\n    long enough to wrap twice\n    over');
    expectFitsWithoutBrokenWords(out, text, 30);
  });

  test('wrapLines keeps a figure column: continuation lines start under the text', () => {
    const out = wrapLines('  idle, per hour:\n      $0.0150  AWS::Kinesis::Stream Stream: 1 x $0.0150 per shard-hour', new Terminal(false, 50));
    expect(out).toBe('  idle, per hour:\n      $0.0150  AWS::Kinesis::Stream\n               Stream: 1 x $0.0150 per shard-hour');
  });
});

describe.each([80, 140])('at %i columns', (width) => {
  test('list: every lab, no line too long, no word cut', async () => {
    const run = await onTerminal(['list'], width);
    expect(run.code).toBe(0);
    const piped = await runCli(['list'], { env: { MLLAB_HOME: home } });
    expectFitsWithoutBrokenWords(run.stdout, piped.stdout, width);
  });

  test('list with a fixture lab, with a result', async () => {
    appendRun(home, { formatVersion: 1, lab: FIXTURE_LAB.id, region: 'us-east-1', startedAt: '2026-02-01T00:00:00.000Z', durationMs: 1, requirements: [{ id: 'R1', status: 'pass' }, { id: 'R2', status: 'fail' }] });
    const run = await onTerminal(['list'], width, { NO_COLOR: '1' }, [{ ...FIXTURE_LAB, title: `${FIXTURE_LAB.title}, with a title long enough to need a second line at eighty columns` }]);
    expect(run.stdout).toMatchSnapshot();
  });

  test('progress: no line too long, no word cut', async () => {
    appendRun(home, { formatVersion: 1, lab: FIXTURE_LAB.id, region: 'us-east-1', startedAt: '2026-02-01T00:00:00.000Z', durationMs: 1, requirements: [{ id: 'R1', status: 'pass' }, { id: 'R2', status: 'fail' }] });
    const run = await onTerminal(['progress'], width);
    expect(run.code).toBe(0);
    expectFitsWithoutBrokenWords(run.stdout, (await runCli(['progress'], { env: { MLLAB_HOME: home } })).stdout, width);
    const fixture = await onTerminal(['progress'], width, { NO_COLOR: '1' }, [FIXTURE_LAB]);
    expect(fixture.stdout.replace(home, '<home>')).toMatchSnapshot();
  });

  test.each(allLabs().map((l) => [l.id]))('show %s: the README rendered, no line too long, no word cut', async (id) => {
    const run = await onTerminal(['show', id], width);
    expect(run.code).toBe(0);
    const readme = readFileSync(join(__dirname, '..', '..', 'labs', id, 'README.md'), 'utf8');
    // Rendered: no Markdown markers left at the start of a line.
    expect(run.stdout).not.toMatch(/^#+ /m);
    expect(run.stdout).not.toContain('**');
    expectFitsWithoutBrokenWords(run.stdout, renderMarkdown(readme, new Terminal(false, Number.POSITIVE_INFINITY)), width);
  });

  test('cost: no line too long, no word cut', async () => {
    const run = await onTerminal(['cost', 'streaming-ingest'], width);
    expect(run.code).toBe(0);
    expectFitsWithoutBrokenWords(run.stdout, (await runCli(['cost', 'streaming-ingest'], { env: { MLLAB_HOME: home } })).stdout, width);
  });
});

test('show piped prints the README as it is (Markdown), on a terminal renders it', async () => {
  const id = allLabs()[0]!.id;
  const readme = readFileSync(join(__dirname, '..', '..', 'labs', id, 'README.md'), 'utf8');
  expect((await runCli(['show', id], { env: { MLLAB_HOME: home } })).stdout).toBe(readme.replace(/\n?$/, '\n'));
  expect((await onTerminal(['show', id], 100)).stdout).not.toBe(readme.replace(/\n?$/, '\n'));
});

test('the Markdown renderer: headings, emphasis, code, links with their URL, lists with a hanging indent', () => {
  const md = [
    '# Title',
    '',
    'A paragraph with **bold**, `code` and a [link](https://docs.aws.amazon.com/x.html), and <https://docs.aws.amazon.com/y.html>.',
    '',
    '- **R1** The first requirement is long enough that it has to wrap onto a second line.',
    '- **R2** Short.',
    '',
    '```',
    'npx mllab check x',
    '```',
  ].join('\n');
  expect(renderMarkdown(md, new Terminal(false, 60))).toMatchSnapshot();
  const coloured = renderMarkdown(md, new Terminal(true, 60));
  expect(coloured).toContain('\u001b[1mR1\u001b[22m');
  expect(coloured).toContain('\u001b[36mcode\u001b[39m');
});

describe('echoed input', () => {
  test('a 5,000-character lab id is not printed back whole', async () => {
    const id = 'x'.repeat(5000);
    const run = await runCli(['check', id], { env: { MLLAB_HOME: home }, labs: [FIXTURE_LAB] });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`mllab: unknown lab '${'x'.repeat(60)}… (5000 characters)' (labs: fixture-lab)\n`);
  });

  test('control characters typed (or pasted) are shown escaped, never sent to the terminal', async () => {
    const run = await runCli(['show', 'lab\u001b]0;pwned\u0007\u001b[2J'], { env: { MLLAB_HOME: home }, labs: [FIXTURE_LAB] });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(run.stderr).toContain("unknown lab 'lab\\u001b]0;pwned\\u0007\\u001b[2J'");
  });

  test('a long unknown option and a long option value are cut too', async () => {
    const option = await runCli([`--${'v'.repeat(300)}`, 'list'], { env: { MLLAB_HOME: home } });
    expect(option.code).toBe(2);
    expect(option.stderr.length).toBeLessThan(200);
    const value = await runCli(['check', 'fixture-lab', '--concurrency', '9'.repeat(3000)], { env: { MLLAB_HOME: home }, labs: [FIXTURE_LAB] });
    expect(value.code).toBe(2);
    expect(value.stderr).toBe(`mllab: --concurrency must be a whole number between 1 and 64, got '${'9'.repeat(60)}… (3000 characters)'\n`);
  });

  test('echo and sanitize', () => {
    expect(echo('short')).toBe('short');
    expect(echo('a\nb')).toBe('a\\u000ab');
    expect(sanitize('right-to-left \u202e override')).toBe('right-to-left \\u202e override');
  });
});
