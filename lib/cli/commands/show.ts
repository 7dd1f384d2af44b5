import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvironmentError } from '../errors';
import type { CommandContext } from '../io';
import { requireLab } from '../labs';
import { packageRoot } from '../../package-root';

export async function run(ctx: CommandContext, args: string[]): Promise<number> {
  const lab = requireLab(ctx, args[0]!);
  const file = join(packageRoot(), 'labs', lab.id, 'README.md');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err: any) {
    throw new EnvironmentError(`cannot read ${file} (${err?.code ?? err?.message}); the installation is incomplete, reinstall aws-ml-labs`);
  }
  ctx.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}
