import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * The folder holding this package's package.json, whether we run from sources (jest) or from
 * dist/ (compiled): repo-relative paths (labs/, data/, cdk.json) and the version are resolved from
 * here, never from __dirname directly.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'aws-ml-labs') return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json of aws-ml-labs not found above ${__dirname}`);
    dir = parent;
  }
}

export function packageVersion(): string {
  return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).version;
}
