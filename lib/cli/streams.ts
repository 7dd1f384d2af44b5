// What happens when stdout or stderr cannot be written. A reader that went away (`mllab list | head -1`)
// is not an error: exit quietly with 0, as git does. Anything else (a full disk, `> /dev/full`) is
// one line on stderr and exit 3, the environment could not take the output; never a stack trace.
import { EnvironmentError } from './errors';

interface Writable {
  on(event: 'error', listener: (err: NodeJS.ErrnoException) => void): unknown;
  write(text: string): unknown;
}

export interface GuardedProcess {
  readonly stdout: Writable;
  readonly stderr: Writable;
  exit(code: number): void;
}

/** Exit code when the output could not be written (EnvironmentError's). */
const CANNOT_WRITE = new EnvironmentError('').exitCode;

/** Installs the handlers; call once, before anything is written. */
export function guardOutputStreams(proc: GuardedProcess): void {
  let exiting = false;
  const onError = (name: 'stdout' | 'stderr') => (err: NodeJS.ErrnoException) => {
    if (exiting) return;
    exiting = true;
    if (err.code === 'EPIPE') {
      proc.exit(0);
      return;
    }
    if (name === 'stdout') {
      try {
        proc.stderr.write(`mllab: cannot write the output to stdout (${err.code ?? err.message}); ${err.code === 'ENOSPC' ? 'the disk is full' : 'check where it is redirected'}\n`);
      } catch {
        // stderr is gone too: the exit code is all that is left to say it.
      }
    }
    proc.exit(CANNOT_WRITE);
  };
  proc.stdout.on('error', onError('stdout'));
  proc.stderr.on('error', onError('stderr'));
}
