// How output looks on the user's terminal: colour (node:util styleText) under the usual switches,
// and wrapping with a hanging indent to the terminal's width (wrap-ansi, string-width), so no line
// is longer than the terminal and no word is cut.
import { painter, wrapAnsi, type Paint, type Style } from '../reporters/text';

// Loaded on first use, like wrap-ansi (lib/reporters/text.ts): only output to a terminal needs it.
let stringWidthModule: typeof import('string-width') | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stringWidth = (text: string): number => (stringWidthModule ??= require('string-width'))(text);

export type { Style } from '../reporters/text';

/** Width used when the output is not a terminal that reports its own. */
export const DEFAULT_WIDTH = 80;

export interface ColorSources {
  /** false with --no-color. */
  readonly flag: boolean;
  readonly env: Record<string, string | undefined>;
  readonly isTTY: boolean;
}

/**
 * Colour: never with --no-color or NO_COLOR (any non-empty value, no-color.org), since an opt-out
 * wins over an opt-in (Node itself lets FORCE_COLOR win, but a test runner or CI sets FORCE_COLOR
 * for everyone, while NO_COLOR is the user's own choice); then FORCE_COLOR ('0' or 'false' off, any
 * other value on); then never with TERM=dumb; else only when stdout is a terminal.
 */
export function colorEnabled({ flag, env, isTTY }: ColorSources): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

/**
 * The width to wrap to: a terminal's columns (else COLUMNS, else 80). Output that is not a terminal
 * is not wrapped (Infinity): a file or a pipe keeps one line per record, for grep and for scripts.
 */
export function terminalWidth(stdout: { readonly isTTY?: boolean; readonly columns?: number }, env: Record<string, string | undefined>): number {
  if (stdout.isTTY !== true) return Number.POSITIVE_INFINITY;
  const fromEnv = Number(env.COLUMNS);
  const columns = stdout.columns && stdout.columns > 0 ? stdout.columns : Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_WIDTH;
  // Never so narrow that an indent leaves no room for a word.
  return Math.max(20, columns);
}

/** Stands for a space that wrapping must not break at (a private-use character, one column wide). */
const KEPT_SPACE = '\ue000';

export class Terminal {
  private readonly painted: Paint;

  constructor(
    readonly color: boolean,
    readonly width: number,
  ) {
    this.painted = painter(color);
  }

  paint(style: Style, text: string): string {
    return text ? this.painted(style, text) : text;
  }

  /** `text` (a command to copy and paste) is kept on one line when wrapped, moving to the next if need be. */
  keep(text: string): string {
    return text.replace(/ /g, KEPT_SPACE);
  }

  /**
   * `text` wrapped so that with its indent no line is wider than the terminal: the first line starts
   * with `first`, the others with `indent` spaces, and every line has the room the wider of the two
   * leaves. Only a word wider than that room (a long URL) is broken, since it cannot fit on any line.
   */
  wrap(text: string, indent = 0, first = ' '.repeat(indent)): string {
    const pad = ' '.repeat(indent);
    let wrapped = text;
    if (Number.isFinite(this.width)) {
      const room = Math.max(1, this.width - Math.max(indent, stringWidth(first)));
      wrapped = text.split('\n').map((paragraph) => wrapAnsi(paragraph, room, { hard: true, trim: true })).join('\n');
    }
    return wrapped
      .split('\n')
      .map((line, i) => (i === 0 ? first + line : pad + line).trimEnd())
      .join('\n')
      .replace(/\ue000/g, ' ');
  }
}

/** The visible width of a line (styles and wide characters counted as the terminal shows them). */
export function visibleWidth(line: string): number {
  return stringWidth(line);
}

/**
 * Lines laid out by a formatter (indented rows, a figure column) wrapped to the terminal: a row's
 * continuation lines start under its text, after its indent and, for a figure column such as
 * `    $0.0150  AWS::Kinesis::Stream ...`, after the figure.
 */
export function wrapLines(text: string, term: Terminal): string {
  return text
    .split('\n')
    .map((line) => {
      const lead = /^ */.exec(line)![0];
      const column = /^ *\S+ {2,}/.exec(line)?.[0];
      const indent = column && /\d/.test(column) ? column.length : lead.length + 2;
      return term.wrap(line.slice(lead.length), indent, lead);
    })
    .join('\n');
}
