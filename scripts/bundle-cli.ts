// Part of `npm run build`: dist/bin/mllab.js, as tsc wrote it, becomes one file with every module of
// the project it reaches (packages stay outside, in node_modules). A user feels start-up: loading
// three dozen small modules one by one costs `mllab list` more than what they run (see "Benchmark"
// in the README). Commands and lab checks still load lazily: their import() became require() calls
// that esbuild wraps, so a module's code runs only when it is first required, as before.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { packageRoot } from '../lib/package-root';

const dist = join(packageRoot(), 'dist');
const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const entry = join(dist, 'bin', 'mllab.js');

/**
 * Packages bundled into the CLI: commander (every start parses argv), wrap-ansi and string-width
 * (list, show, progress and cost wrap what they print on a terminal). Loading each from node_modules
 * file by file would cost start-up what bundling saves. marked stays outside: only `show` on a
 * terminal loads it, as one file, while its 80 KB in the bundle would be parsed at every start
 * (about 2 ms of CPU for `mllab list`, measured).
 */
const BUNDLED = new Set(['commander', 'wrap-ansi', 'string-width']);

/**
 * Every module keeps its own `__dirname`, as if it were not bundled: code that finds files beside it
 * (the clean-up Lambda asset next to lib/environments) must find the same files from the bundle.
 */
const ownDirname: Plugin = {
  name: 'own-dirname',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(dist)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!/\b__dirname\b/.test(source)) return undefined;
      const fromBundle = relative(dirname(entry), dirname(args.path)).split('\\').join('/');
      return { contents: source.replace(/\b__dirname\b/g, `require('node:path').join(__dirname, ${JSON.stringify(fromBundle)})`), loader: 'js' };
    });
  },
};

/**
 * Modules left out of the bundle, loaded from dist/ by the command that needs them: the labs' checks
 * (through labs/checks.ts's seam), the teardown engine with its resource kinds, and the rarely run commands. They are most of
 * the project's code, and every start would parse them. They share no state with the bundle: the
 * SDK's classes come from node_modules for both, what they import from lib/check, lib/aws, lib/cost
 * and lib/cleanup is pure helpers and data, and no error class of theirs is tested with instanceof
 * in the bundle (errors the CLI throws through teardown's callbacks are the bundle's own).
 */
const OUTSIDE: readonly { readonly importer: string; readonly path: RegExp }[] = [
  { importer: join(dist, 'labs', 'checks.js'), path: /^\.\/[a-z0-9-]+\/checks$/ },
  { importer: join(dist, 'lib', 'cli', 'commands', 'teardown.js'), path: /^\.\.\/\.\.\/teardown$/ },
  // Commands few starts run, with what only they load (class mode, selftest with its emulator drivers and
  // teardown, the scaffold, the study plan, the report, the search, the diagram): their errors reach the
  // bundle's main as CliErrors through isCliError's process-wide brand, not instanceof.
  { importer: join(dist, 'lib', 'cli', 'commands', 'index.js'), path: /^\.\/(class|selftest|new|plan|report|missed|diagram)$/ },
  // The labs' diagram modules and the diagram engine: only `mllab diagram` (and check's store) loads them.
  { importer: join(dist, 'labs', 'diagrams.js'), path: /^\.\/[a-z0-9-]+\/diagram$/ },
  { importer: join(dist, 'lib', 'cli', 'commands', 'diagram.js'), path: /^\.\.\/\.\.\/diagram$/ },
];

const leftOutside: Plugin = {
  name: 'left-outside',
  setup(b) {
    b.onResolve({ filter: /^\./ }, (args) => {
      if (!OUTSIDE.some((o) => o.importer === args.importer && o.path.test(args.path))) return undefined;
      const target = join(dirname(args.importer), args.path);
      const file = existsSync(`${target}.js`) ? `${target}.js` : join(target, 'index.js');
      return { path: `./${relative(dirname(entry), file).split('\\').join('/')}`, external: true };
    });
  },
};

async function main(): Promise<void> {
  const result = await build({
    entryPoints: [entry],
    outfile: entry,
    allowOverwrite: true,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Every package stays in node_modules but those on the path of every start or of list/show/progress.
    external: Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => !BUNDLED.has(name)).flatMap((name) => [name, `${name}/*`]),
    sourcemap: true,
    // Less text for Node to parse at every start (about 2 ms of `mllab list`); names are kept, so a
    // --debug stack trace still names the functions, and the source map maps it back.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    metafile: true,
    plugins: [leftOutside, ownDirname],
  });
  const inputs = Object.keys(result.metafile.inputs).length;
  console.log(`bundled ${inputs} modules into ${relative(packageRoot(), entry)}`);
}

main().catch((err) => {
  console.error(`bundle-cli: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
