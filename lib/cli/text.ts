// Text that comes from outside mllab (what the user typed, what AWS returned) is made safe before it
// reaches a terminal: control characters could move the cursor, clear the screen or set the window
// title, and a pasted 5,000-character argument must not flood the one line of an error message.

import { UNSAFE } from '../reporters/text';

// UNSAFE (lib/reporters/text.ts) but keeping newlines and tabs, for multi-line text such as a README.
// eslint-disable-next-line no-control-regex
const UNSAFE_KEEP_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const visible = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** One line with every control character shown as its `\uXXXX` escape, so the user sees what was there. */
export function sanitize(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** Multi-line text with control characters removed, newlines and tabs kept. */
export function sanitizeBlock(text: string): string {
  return text.replace(UNSAFE_KEEP_LAYOUT, '');
}

/** At most this many characters of a user's input are echoed back in a message. */
export const ECHO_MAX = 60;

/**
 * User input as an error message quotes it: control characters escaped, and cut to `max` characters
 * with the length said, so the message stays one readable line.
 */
export function echo(input: string, max: number = ECHO_MAX): string {
  const safe = sanitize(input);
  const chars = Array.from(safe);
  if (chars.length <= max) return safe;
  return `${chars.slice(0, max).join('')}… (${Array.from(input).length} characters)`;
}
