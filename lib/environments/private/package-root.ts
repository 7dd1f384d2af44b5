import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder of the nearest package.json above this module. Code runs both from the TypeScript
 * sources (jest) and from dist/ (compiled), so repo-relative paths (labs/, data/) are resolved
 * from here, never from __dirname directly.
 */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json found above ${from}`);
    dir = parent;
  }
  return dir;
}
