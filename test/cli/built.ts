// The built package as a user runs it (`node dist/bin/mllab.js`, `node dist/bin/app.js`): rebuilt
// only when dist is missing or older than a source it is built from.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');
export const cli = join(root, 'dist', 'bin', 'mllab.js');
export const cdkApp = join(root, 'dist', 'bin', 'app.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist as `npm run build` does, when it is missing or stale. */
export function ensureBuilt(): void {
  const stale = [cli, cdkApp].some((file) => !existsSync(file) || ['bin', 'lib', 'labs'].some((d) => newestSource(join(root, d)) > statSync(file).mtimeMs));
  if (!stale) return;
  // tsc emits even when another engineer's file has a type error; the runs of the tests prove the CLI.
  spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'ignore' });
  // As `npm run build` does: the CLI a user runs is the bundled one.
  spawnSync(process.execPath, [join(root, 'dist', 'scripts', 'bundle-cli.js')], { cwd: root, stdio: 'ignore' });
  spawnSync(process.execPath, [join(root, 'dist', 'scripts', 'cost-templates.js')], { cwd: root, stdio: 'ignore' });
}
