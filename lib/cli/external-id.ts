// The class's external id, which the learners' checker roles require: read from the environment or a
// file, never from a command-line value (which `ps` and shell history show), and never printed.
import { externalIdProblem } from '../model';
import { readFileSync } from 'node:fs';
import { UsageError } from './errors';
import type { CommandContext } from './io';
import { echo } from './text';

export const EXTERNAL_ID_ENV = 'MLLAB_EXTERNAL_ID';

/** From the environment or a file, checked as STS will check it; its value is never printed. */
export function readExternalId(ctx: CommandContext, file: string | undefined): string {
  let value: string | undefined;
  let from: string;
  if (file) {
    from = `--external-id-file ${echo(file)}`;
    try {
      value = readFileSync(file, 'utf8').trim();
    } catch (err: any) {
      throw new UsageError(`--external-id-file: cannot read ${echo(file)} (${err?.code ?? err?.message})`);
    }
  } else {
    from = EXTERNAL_ID_ENV;
    value = ctx.env[EXTERNAL_ID_ENV]?.trim();
    if (!value) {
      throw new UsageError(`mllab class: the checker roles need the class's external id: set ${EXTERNAL_ID_ENV}, or pass --external-id-file <file> (never the id itself on the command line)`);
    }
  }
  const problem = externalIdProblem(value);
  if (problem) throw new UsageError(`the external id from ${from} ${problem}`);
  return value;
}

