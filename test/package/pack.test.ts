// The package as a learner installs it: `npm pack`, the tarball extracted where `npm install -g`
// puts it, its dependencies beside it (links to this repository's node_modules: tests never reach
// the npm registry), and every command run from a folder outside the repository. A file the
// commands need that the `files` list leaves out, or a path that still points into the clone,
// fails here.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { ensureBuilt, root } from '../cli/built';

interface Packed {
  readonly filename: string;
  readonly size: number;
  readonly entryCount: number;
  readonly files: readonly { readonly path: string }[];
}

let tmp: string;
let pkg: string;
let mllabOnPath: string;
let work: string;
let packed: Packed;
let closedPort: number;
let runs = 0;

const LAB = 'streaming-ingest';
/** A line only the installed copy of the lab's README has: `show` must print the installed file. */
const MARKER = 'installed-copy-marker-7f3a';

/** npm as a learner runs it, offline: nothing here may reach the registry. */
function npm(args: string[]): string {
  const out = spawnSync('npm', [...args, '--offline'], {
    cwd: root,
    encoding: 'utf8',
    shell: process.platform === 'win32',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });
  if (out.status !== 0) throw new Error(`npm ${args.join(' ')} exited ${out.status}: ${out.stderr}`);
  return out.stdout;
}

/** A loopback port nothing listens on: a call to it is refused at once. */
async function freedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'mllab-pack-'));
  packed = (JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', tmp])) as Packed[])[0]!;

  // Where `npm install -g` puts a package on Linux and macOS: <prefix>/lib/node_modules/<name>,
  // with the command linked from <prefix>/bin.
  const modules = join(tmp, 'prefix', 'lib', 'node_modules');
  pkg = join(modules, 'aws-ml-labs');
  mkdirSync(pkg, { recursive: true });
  const untar = spawnSync('tar', ['-xzf', join(tmp, packed.filename), '-C', pkg, '--strip-components=1'], { encoding: 'utf8' });
  if (untar.status !== 0) throw new Error(`tar: ${untar.stderr}`);
  const installed = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; bin: Record<string, string> };
  // Only what the installed package declares: a package the commands load without declaring it is
  // missing here, as it would be on a learner's machine.
  for (const name of Object.keys(installed.dependencies)) {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(join(root, 'node_modules', name), join(modules, name), 'junction');
  }
  mkdirSync(join(tmp, 'prefix', 'bin'));
  mllabOnPath = join(tmp, 'prefix', 'bin', 'mllab');
  symlinkSync(join(pkg, installed.bin.mllab!), mllabOnPath);

  appendFileSync(join(pkg, 'labs', LAB, 'README.md'), `\n${MARKER}\n`);
  work = join(tmp, 'work');
  mkdirSync(work);
  closedPort = await freedPort();
}, 300_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/**
 * Records, in the spawned process, every module it loads and every path it hands to `fs`, so a test
 * can tell whether anything was read from the clone rather than from the installed package.
 */
function preload(report: string): string {
  const file = join(tmp, `trace-${runs}.js`);
  writeFileSync(
    file,
    `const fs = require('fs');
const path = require('path');
const seen = new Set();
const note = (p) => {
  if (p instanceof URL) p = p.pathname;
  if (typeof p === 'string' && p.length < 4096) seen.add(path.resolve(p));
};
const wrap = (host, names, twoPaths) => {
  for (const name of names) {
    const original = host[name];
    if (typeof original !== 'function') continue;
    const wrapped = function (...args) {
      note(args[0]);
      if (twoPaths) note(args[1]);
      return original.apply(this, args);
    };
    Object.assign(wrapped, original);
    host[name] = wrapped;
  }
};
const one = ['readFileSync', 'readFile', 'openSync', 'open', 'readdirSync', 'readdir', 'opendirSync', 'opendir', 'statSync', 'stat', 'lstatSync', 'lstat', 'existsSync', 'accessSync', 'access', 'createReadStream', 'realpathSync'];
const two = ['copyFileSync', 'copyFile', 'cpSync', 'cp', 'symlinkSync', 'linkSync'];
wrap(fs, one, false);
wrap(fs, two, true);
wrap(fs.promises, ['readFile', 'open', 'readdir', 'opendir', 'stat', 'lstat', 'access', 'realpath'], false);
wrap(fs.promises, ['copyFile', 'cp', 'symlink', 'link'], true);
require('module').syncBuiltinESMExports();
const write = fs.writeFileSync;
process.on('exit', () => {
  write(${JSON.stringify(report)}, JSON.stringify({ paths: [...seen], modules: Object.keys(require.cache) }));
});
`,
  );
  return file;
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Files in the repository the process loaded or touched, other than the linked dependencies. */
  readonly fromRepository: string[];
  readonly fromPackage: string[];
  /** Packages the process loaded from node_modules. */
  readonly packages: string[];
}

function packageOf(file: string): string | undefined {
  const parts = file.split(sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  return parts[at + 1]!.startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
}

function traced(args: string[], env: Record<string, string | undefined> = {}): Run {
  runs++;
  const report = join(tmp, `trace-${runs}.json`);
  const base: Record<string, string | undefined> = {
    ...process.env,
    MLLAB_HOME: join(tmp, 'home'),
    NO_COLOR: '1',
    NODE_OPTIONS: `--require ${preload(report)}`,
  };
  const out = spawnSync(process.execPath, args, { cwd: work, env: { ...base, ...env } as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 170_000 });
  const trace = JSON.parse(readFileSync(report, 'utf8')) as { paths: string[]; modules: string[] };
  const all = [...trace.paths, ...trace.modules];
  const dependencies = join(root, 'node_modules') + sep;
  return {
    code: out.status,
    stdout: out.stdout,
    stderr: out.stderr,
    fromRepository: all.filter((p) => (p === root || p.startsWith(root + sep)) && !p.startsWith(dependencies)),
    fromPackage: all.filter((p) => p.startsWith(pkg + sep)).map((p) => relative(pkg, p).split(sep).join('/')),
    packages: [...new Set(trace.modules.map(packageOf).filter((name): name is string => name !== undefined))].sort(),
  };
}

const mllab = (args: string[], env: Record<string, string | undefined> = {}) => traced([mllabOnPath, ...args], env);

describe('the tarball', () => {
  test('holds what the commands read at run time and nothing else', () => {
    const paths = packed.files.map((f) => f.path).sort();
    const allowed = [
      /^package\.json$/,
      /^README\.md$/,
      /^LICENSE$/,
      /^cdk\.json$/,
      /^dist\/(bin|lib|labs|cost|missed)\/.+\.(js|json)$/,
      /^labs\/[a-z0-9-]+\/README\.md$/,
      /^labs\/[a-z0-9-]+\/cassettes\/pass\.json$/,
      /^labs\/[a-z0-9-]+\/data\/.+/,
      /^data\/.+/,
    ];
    expect(paths.filter((p) => !allowed.some((a) => a.test(p)))).toEqual([]);
    const labs = readdirSync(join(root, 'labs'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    for (const lab of labs) {
      expect(paths).toContain(`labs/${lab}/README.md`);
      expect(paths).toContain(`labs/${lab}/cassettes/pass.json`);
    }
    for (const needed of ['dist/bin/mllab.js', 'dist/bin/app.js', 'dist/lib/index.js', 'dist/lib/runtime.js', 'dist/lib/cleanup/handler.js', 'cdk.json', 'data/datalake-sample/raw/rides/dt=2026-01-05/rides.csv']) {
      expect(paths).toContain(needed);
    }
    // The templates `mllab cost` prices, when the build wrote them (scripts/cost-templates.ts).
    if (existsSync(join(root, 'dist', 'cost', 'templates.json'))) expect(paths).toContain('dist/cost/templates.json');
    // A guard against a `files` entry that pulls in tests, sources or every cassette again: 15 labs'
    // shipped data and dist/ pack to about 1.85 MB (2026-12-01); sources or all cassettes would double it.
    expect(packed.size).toBeLessThan(2_500_000);
  });

  test('the command starts with a shebang, so it runs from PATH', () => {
    expect(readFileSync(mllabOnPath, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });
});

describe('installed globally, run from outside the repository', () => {
  test('list', () => {
    const run = mllab(['list']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(LAB);
    expect(run.fromRepository).toEqual([]);
    // `list` reads the progress store; the libraries for writing it and for running checks stay unloaded.
    expect(run.packages).not.toContain('write-file-atomic');
    expect(run.packages).not.toContain('p-limit');
  }, 60_000);

  test('the progress store writes with the installed package and its declared dependencies', () => {
    const store = join(tmp, 'store');
    const progress = join(pkg, 'dist', 'lib', 'progress', 'index.js');
    const run = traced(['-e', `const p = require(${JSON.stringify(progress)});
p.appendRun(${JSON.stringify(store)}, { formatVersion: 1, lab: ${JSON.stringify(LAB)}, region: 'us-east-1', startedAt: new Date().toISOString(), durationMs: 1, requirements: [{ id: 'R1', status: 'pass' }] });
if (p.readRuns(${JSON.stringify(store)}).runs.length !== 1) process.exit(9);`]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.packages).toContain('write-file-atomic');
    expect(readdirSync(join(store, 'runs'))).toHaveLength(1);
    expect(run.fromRepository).toEqual([]);
  }, 60_000);

  test('show prints the installed README', () => {
    const run = mllab(['show', LAB]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(MARKER);
    expect(run.fromPackage).toContain(`labs/${LAB}/README.md`);
    expect(run.fromRepository).toEqual([]);
  }, 60_000);

  test('check --replay with the installed passing cassette', () => {
    const cassette = join(pkg, 'labs', LAB, 'cassettes', 'pass.json');
    const run = mllab(['check', LAB, '--replay', cassette], { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_REGION: undefined });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\n\d+ passed, 0 failed\n$/);
    expect(run.fromPackage).toContain(`labs/${LAB}/cassettes/pass.json`);
    expect(run.fromRepository).toEqual([]);
  }, 60_000);

  test('cost prices the lab from the installed package', () => {
    const run = mllab(['cost', LAB]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\$\d/);
    expect(run.fromRepository).toEqual([]);
  }, 180_000);

  test('policy', () => {
    const run = mllab(['policy', '--region', 'us-east-1']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).Version).toBe('2012-10-17');
    expect(run.fromRepository).toEqual([]);
  }, 60_000);

  test('teardown dry run against a closed loopback endpoint: one line, exit 3', () => {
    const run = mllab(['teardown', LAB, '--region', 'us-east-1'], { AWS_ENDPOINT_URL: `http://127.0.0.1:${closedPort}` });
    expect(run.code).toBe(3);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^mllab: .*unreachable \(ECONNREFUSED\)/);
    expect(run.fromRepository).toEqual([]);
  }, 120_000);

  test('the CDK app synthesises a lab as `cdk synth` would run it, with its data and the clean-up asset', () => {
    const outdir = join(tmp, 'cdk.out');
    const run = traced([join(pkg, 'dist', 'bin', 'app.js')], { CDK_CONTEXT_JSON: JSON.stringify({ lab: 'datalake-athena' }), CDK_OUTDIR: outdir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(existsSync(join(outdir, 'MlLab-datalake-athena.template.json'))).toBe(true);
    // Staged from the installed package: the lab's data, the environment's sample and the Lambda code.
    expect(run.fromPackage).toEqual(expect.arrayContaining([
      'cdk.json',
      'labs/datalake-athena/data/dt=2026-01-07/rides.csv',
      'data/datalake-sample/raw/rides/dt=2026-01-05/rides.csv',
      'dist/lib/cleanup/handler.js',
    ]));
    expect(run.fromRepository).toEqual([]);
  }, 180_000);
});
