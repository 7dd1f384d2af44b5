// Part of `npm run build`: dist/bin/mllab.js, as tsc wrote it, becomes one file with every module of
// the project it reaches (packages stay outside, in node_modules). A user feels start-up: loading
// three dozen small modules one by one costs `mllab list` more than what they run (see "Benchmark"
// in the README). Commands and lab checks still load lazily: their import() became require() calls
// that esbuild wraps, so a module's code runs only when it is first required, as before.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { packageRoot } from '../lib/package-root';

const dist = join(packageRoot(), 'dist');
const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const entry = join(dist, 'bin', 'mllab.js');

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

async function main(): Promise<void> {
  const result = await build({
    entryPoints: [entry],
    outfile: entry,
    allowOverwrite: true,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Every package stays in node_modules but commander, which every start loads (parsing argv).
    external: Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => name !== 'commander').flatMap((name) => [name, `${name}/*`]),
    sourcemap: true,
    logLevel: 'warning',
    metafile: true,
    plugins: [ownDirname],
  });
  const inputs = Object.keys(result.metafile.inputs).length;
  console.log(`bundled ${inputs} modules into ${relative(packageRoot(), entry)}`);
}

main().catch((err) => {
  console.error(`bundle-cli: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
