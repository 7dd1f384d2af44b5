// Runs the mllab CLI in-process with captured output and an injected environment.
import { main } from '../../lib/cli/main';
import type { CliIo } from '../../lib/cli/io';
import type { LabManifest } from '../../lib/model';
import { loadChecks } from '../../labs/checks';
import type { CheckedLab } from './checked-lab';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  readonly env?: Record<string, string | undefined>;
  /** The registry the CLI sees: registered labs by their manifest, throw-away labs with their checks. */
  readonly labs?: readonly (LabManifest | CheckedLab)[];
  readonly tty?: boolean;
  readonly io?: Partial<CliIo>;
}

export async function runCli(argv: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const given = options.labs?.map((l) => ('checks' in l && 'lab' in l ? l : { lab: l, checks: undefined }));
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: options.env ?? { ...process.env },
    ...(given
      ? {
          labs: given.map((g) => g.lab),
          loadChecks: async (id: string) => given.find((g) => g.lab.id === id)?.checks ?? loadChecks(id),
        }
      : {}),
    ...options.io,
  });
  return { code, stdout, stderr };
}
