// `mllab new lab`: the scaffold writes a lab in the project's shape, registers it in order, refuses
// what it must not overwrite; and, in a scratch copy of the repository, the new lab's tests and the
// registry test fail until the author writes it, and pass once a minimal check is written.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertSorted, scaffoldLab, validateLabId } from '../../lib/authoring/scaffold';
import { PLACEHOLDER } from '../../lib/authoring/templates';
import { runCli } from '../support/cli-harness';

const repo = join(__dirname, '..', '..');
const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mllab-new-lab-'));
  temps.push(dir);
  return dir;
}

/** A checkout with just the files the scaffold reads and edits. */
function miniCheckout(): string {
  const dir = temp();
  for (const file of ['labs/index.ts', 'labs/checks.ts', 'test/labs/registry.test.ts', 'lib/authoring/templates']) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    cpSync(join(repo, file), join(dir, file), { recursive: true });
  }
  return dir;
}

describe('validateLabId', () => {
  test.each(['feature-store', 'lab2', 'a-b-c'])('accepts %s', (id) => expect(() => validateLabId(id)).not.toThrow());
  test.each([
    ['Feature-Store', 'kebab-case'],
    ['feature--store', 'kebab-case'],
    ['-x', 'kebab-case'],
    ['1lab', 'kebab-case'],
    ['env-streaming', 'reserved'],
    ['a'.repeat(41), 'at most 40'],
  ])('refuses %s', (id, why) => expect(() => validateLabId(id)).toThrow(why));
});

test('insertSorted keeps a block in order, at its start, middle and end', () => {
  const text = 'head\nexport const X = {\n  \'b\': 1,\n  \'d\': 1,\n} satisfies Y;\n';
  const key = (l: string) => /'([a-z]+)'/.exec(l)?.[1] ?? '';
  for (const [id, expected] of [['a', ['a', 'b', 'd']], ['c', ['b', 'c', 'd']], ['e', ['b', 'd', 'e']]] as const) {
    const out = insertSorted(text, 'x.ts', /^export const X = \{$/, /^\}/, `  '${id}': 1,`, key);
    expect([...out.matchAll(/'([a-z])'/g)].map((m) => m[1])).toEqual(expected);
    expect(out.endsWith('} satisfies Y;\n')).toBe(true);
  }
  expect(() => insertSorted('nothing here', 'x.ts', /^export const X = \{$/, /^\}/, 'l', key)).toThrow('does not have the layout');
});

describe('scaffoldLab', () => {
  test('writes the lab and its test, registers it in both registries in order, and marks every gap', () => {
    const root = miniCheckout();
    const result = scaffoldLab(root, { id: 'scaffold-example', title: 'Keep features the same at training and inference' });
    expect(result.written).toEqual([
      'labs/scaffold-example/lab.ts',
      'labs/scaffold-example/checks.ts',
      'labs/scaffold-example/README.md',
      'labs/scaffold-example/solution.ts',
      'labs/scaffold-example/cassettes/pass.json',
      'labs/scaffold-example/cassettes/fail-example.json',
      'test/labs/scaffold-example/lab.test.ts',
    ]);
    const index = readFileSync(join(root, 'labs/index.ts'), 'utf8');
    expect(index).toContain("import { lab as scaffoldExample } from './scaffold-example/lab';");
    expect(index).toContain("  'scaffold-example': scaffoldExample,");
    const checks = readFileSync(join(root, 'labs/checks.ts'), 'utf8');
    expect(checks).toContain("  'scaffold-example': () => import('./scaffold-example/checks'),");
    // Both registries stay in the same (alphabetical) order, which the registry test demands.
    const order = (text: string, from: string) => [...text.slice(text.indexOf(from)).matchAll(/^ {2}'([a-z0-9-]+)':/gm)].map((m) => m[1]);
    expect(order(index, 'export const LABS')).toEqual(order(checks, 'export const CHECKS'));
    expect(order(index, 'export const LABS')).toEqual([...order(index, 'export const LABS')].sort());
    const readme = readFileSync(join(root, 'labs/scaffold-example/README.md'), 'utf8');
    expect(readme.split('\n').filter((l) => l.startsWith('#'))).toEqual([
      '# Keep features the same at training and inference',
      '## Scenario',
      '## Requirements',
      '## Constraints',
      '## Hints',
      '## Check your work',
    ]);
    expect(readme).toContain(PLACEHOLDER);
    expect(readFileSync(join(root, 'labs/scaffold-example/checks.ts'), 'utf8')).toContain("throw new Error(`R1 has no check yet");
  });

  test('refuses an existing lab, an existing test folder, a bad environment and a folder that is not a checkout, writing nothing', () => {
    const root = miniCheckout();
    const before = readFileSync(join(root, 'labs/index.ts'), 'utf8');
    expect(() => scaffoldLab(root, { id: 'streaming-ingest' })).toThrow("lab 'streaming-ingest' exists already");
    mkdirSync(join(root, 'test/labs/half-made'), { recursive: true });
    expect(() => scaffoldLab(root, { id: 'half-made' })).toThrow('test/labs/half-made exists already');
    expect(() => scaffoldLab(root, { id: 'x-lab', environment: 'moon' as never })).toThrow("unknown environment 'moon'");
    expect(readFileSync(join(root, 'labs/index.ts'), 'utf8')).toBe(before);
    expect(existsSync(join(root, 'labs/x-lab'))).toBe(false);
    expect(() => scaffoldLab(temp(), { id: 'x-lab' })).toThrow('is not a checkout of aws-ml-labs');
  });
});

describe('mllab new lab', () => {
  test('bad input is one line and exit 2; a folder that is not a checkout is one line and exit 3', async () => {
    const kind = await runCli(['new', 'widget', 'x']);
    expect([kind.code, kind.stderr.trim().split('\n')]).toEqual([2, [expect.stringContaining("unknown kind 'widget'")]]);
    const id = await runCli(['new', 'lab', 'Bad_Id', '--root', miniCheckout()]);
    expect([id.code, id.stderr]).toEqual([2, expect.stringContaining('kebab-case')]);
    const notCheckout = await runCli(['new', 'lab', 'good-id', '--root', temp()]);
    expect([notCheckout.code, notCheckout.stderr.trim().split('\n')]).toEqual([3, [expect.stringContaining('is not a checkout of aws-ml-labs')]]);
  });

  test('prints what it wrote and what to run next', async () => {
    const root = miniCheckout();
    const run = await runCli(['new', 'lab', 'demo-lab', '--root', root, '--environment', 'streaming', '--title', 'A demo']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('labs/demo-lab/lab.ts');
    expect(run.stdout).toContain('npx jest test/labs/demo-lab');
    expect(readFileSync(join(root, 'labs/demo-lab/lab.ts'), 'utf8')).toContain("environments: [\"streaming\"]");
  });
});

/** A copy of the repository's sources with node_modules linked, to run jest on a scaffolded lab. */
function scratchCopy(): string {
  const dir = temp();
  for (const entry of ['lib', 'labs', 'test/support', 'test/setup-env.ts', 'test/setup-matchers.ts', 'test/labs/registry.test.ts', 'jest.config.js', 'package.json', 'tsconfig.json']) {
    cpSync(join(repo, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function jestIn(dir: string, ...args: string[]): { code: number | null; output: string } {
  const run = spawnSync(process.execPath, [join(repo, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', FORCE_COLOR: '0' },
    timeout: 240_000,
  });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

test('in a scratch copy, the new lab\'s tests fail until it is written, and pass once a minimal check, its README and cassettes are', async () => {
  const dir = scratchCopy();
  const made = await runCli(['new', 'lab', 'demo-lab', '--root', dir, '--title', 'Land one object']);
  expect(made.code).toBe(0);

  const before = jestIn(dir, 'test/labs/demo-lab', 'test/labs/registry.test.ts', '-t', 'demo-lab');
  expect(before.code).not.toBe(0);
  expect(before.output).toContain('R1 has no check yet');
  expect(before.output).toContain(PLACEHOLDER);
  expect(before.output).toContain('records no call');

  const lab = join(dir, 'labs', 'demo-lab');
  const fill = (file: string, edit: (text: string) => string) => writeFileSync(join(lab, file), edit(readFileSync(join(lab, file), 'utf8')));
  fill('checks.ts', (text) =>
    text
      .replace("import { defineChecks } from '../../lib/check/verdicts';", "import { defineChecks, fail, pass } from '../../lib/check/verdicts';")
      .replace(/ {4}\/\/ <<WRITE:[^\n]*\n {4}throw new Error\([^\n]*\n/, "    return found > 0 ? pass(`Found output under ${OUTPUT_PREFIX} of ${bucket}.`) : fail(`Nothing is stored under ${OUTPUT_PREFIX} of ${bucket}.`);\n"),
  );
  fill('lab.ts', (text) => text.replace(/'<<WRITE:[^']*'/, "'Write one object where the team expects it.'"));
  fill('solution.ts', (text) => text.replace(/'<<WRITE:[^']*'/, "'id,value\\n1,2\\n'"));
  fill('README.md', (text) => text.replace(/<<WRITE: who[^\n]*/, 'The team reads its daily extract from output/.').replace(/- <<WRITE: time[^\n]*/, '- About 10 minutes.'));
  const bucket = 'mllab-demo-lab-labbucketb6316060-abcdefghijkl';
  const cassette = (keys: number) => ({
    formatVersion: 1,
    region: 'us-east-1',
    calls: [
      { service: 'CloudFormation', operation: 'DescribeStacks', input: { StackName: 'MlLab-demo-lab' }, output: { Stacks: [{ StackName: 'MlLab-demo-lab', StackStatus: 'CREATE_COMPLETE', CreationTime: '2026-12-01T00:00:00.000Z', Outputs: [{ OutputKey: 'LabBucketName', OutputValue: bucket }] }] } },
      { service: 'S3', operation: 'ListObjectsV2', input: { Bucket: bucket, Prefix: 'output/' }, output: { KeyCount: keys, ...(keys ? { Contents: [{ Key: 'output/result.csv', Size: 9 }] } : {}) } },
    ],
  });
  writeFileSync(join(lab, 'cassettes', 'pass.json'), JSON.stringify(cassette(1)));
  writeFileSync(join(lab, 'cassettes', 'fail-example.json'), JSON.stringify(cassette(0)));

  const after = jestIn(dir, 'test/labs/demo-lab', 'test/labs/registry.test.ts', '-t', 'demo-lab');
  expect({ code: after.code, tail: after.code === 0 ? '' : after.output.slice(-3000) }).toEqual({ code: 0, tail: '' });
}, 300_000);
