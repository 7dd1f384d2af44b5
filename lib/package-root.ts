import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let found: { readonly root: string; readonly version: string } | undefined;

/** The package's folder and version, from the first package.json named aws-ml-labs above this module: read once. */
function packageInfo(): { readonly root: string; readonly version: string } {
  if (found) return found;
  let dir = __dirname;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'aws-ml-labs') return (found = { root: dir, version: pkg.version });
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json of aws-ml-labs not found above ${__dirname}`);
    dir = parent;
  }
}

/**
 * The folder holding this package's package.json, whether we run from sources (jest) or from
 * dist/ (compiled): repo-relative paths (labs/, data/, cdk.json) and the version are resolved from
 * here, never from __dirname directly.
 */
export function packageRoot(): string {
  return packageInfo().root;
}

/** The package's version (every `mllab` start gives it to commander for --version). */
export function packageVersion(): string {
  return packageInfo().version;
}
