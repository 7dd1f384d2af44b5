// The y/N question before something irreversible. Asked only where a person can answer: without a
// terminal the command needs --yes up front, and is refused before it does anything.
import { createInterface } from 'node:readline';
import type { CliIo } from './io';

/** A person can answer a question: stdin is a terminal. */
export function canAsk(io: CliIo): boolean {
  return io.stdin?.isTTY === true;
}

/** Asks on stderr and reads one line; only `y` or `yes` (any case) is a yes, anything else, or end of input, is no. */
export async function askYesNo(io: CliIo, question: string): Promise<boolean> {
  const stdin = io.stdin;
  if (!stdin) return false;
  const rl = createInterface({ input: stdin, output: io.stderr as NodeJS.WritableStream, terminal: false });
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.once('close', () => resolve(''));
      rl.question(`${question} [y/N] `, resolve);
    });
    return /^\s*y(es)?\s*$/i.test(answer);
  } finally {
    rl.close();
  }
}
