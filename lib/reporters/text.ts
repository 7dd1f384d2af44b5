// Terminal text for reports: colour through node:util styleText, wrapping with a hanging indent
// through wrap-ansi, and control characters removed from anything AWS returned.
import { styleText } from 'node:util';

// The one home of terminal text for every output of mllab (reports here, the CLI's other commands in
// lib/cli/terminal.ts): styles, control characters, and wrap-ansi.

// wrap-ansi 7 is the last CommonJS major (8 and later are ESM only). Loaded on first use: only
// output to a terminal is wrapped, and every `mllab` start would otherwise pay for its tables
// (start-up is measured: npm run bench).
let wrapAnsiModule: typeof import('wrap-ansi') | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const wrapAnsi: typeof import('wrap-ansi') = (input, columns, options) => (wrapAnsiModule ??= require('wrap-ansi'))(input, columns, options);

export type Style = 'bold' | 'dim' | 'italic' | 'underline' | 'red' | 'green' | 'yellow' | 'cyan' | 'gray';
export type Paint = (style: Style, text: string) => string;

/**
 * `styleText` with the colour decision taken by the caller (TTY, --no-color, NO_COLOR,
 * FORCE_COLOR, TERM=dumb: lib/cli/terminal.ts `colorEnabled`): `validateStream: false`, because
 * styleText would otherwise look at this process's own stdout, which is not the stream a test or a
 * pipe writes to.
 */
export function painter(color: boolean): Paint {
  return (style, text) => (color ? styleText(style, text, { validateStream: false }) : text);
}

/**
 * C0 and C1 control characters (ESC among them, so no escape sequence survives), DEL, and the
 * bidirectional overrides that reorder what a terminal shows (Trojan Source, CVE-2021-42574).
 */
// eslint-disable-next-line no-control-regex
export const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A string from AWS (an S3 key, a job name) made safe to print: line breaks and tabs become spaces, other controls go. */
export function sanitize(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(UNSAFE, '');
}

/**
 * `text` wrapped to `width` columns, each line after the first indented by `indent` spaces (the
 * first line's own prefix is the caller's). Words are never broken: a word longer than the room
 * (a URL) keeps its own line. No width: one line, as given.
 */
export function hangingWrap(text: string, indent: number, width: number | undefined): string {
  if (!width) return text;
  const room = Math.max(20, width - indent);
  return wrapAnsi(text, room, { hard: false, trim: true })
    .split('\n')
    .join(`\n${' '.repeat(indent)}`);
}
