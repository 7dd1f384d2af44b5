// Runs the mllab CLI in-process with captured output and an injected environment.
import { main } from '../../lib/cli/main';
import type { CliIo } from '../../lib/cli/io';
import type { LabManifest } from '../../lib/model';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  readonly env?: Record<string, string | undefined>;
  readonly labs?: readonly LabManifest[];
  readonly tty?: boolean;
  readonly io?: Partial<CliIo>;
}

export async function runCli(argv: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: options.env ?? { ...process.env },
    ...(options.labs ? { labs: options.labs } : {}),
    ...options.io,
  });
  return { code, stdout, stderr };
}
