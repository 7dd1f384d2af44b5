import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvironmentError } from '../errors';
import type { CommandContext } from '../io';
import { requireLab } from '../labs';
import { renderMarkdown } from '../markdown';
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
  // On a terminal the Markdown is rendered (styled, wrapped to its width); piped, it stays Markdown,
  // which is what a file or another program wants.
  const out = ctx.io.stdout.isTTY === true ? renderMarkdown(text, ctx.terminal) : text;
  ctx.io.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
  return 0;
}
