// Evaluates a Firehose S3 prefix the way Firehose does, for a given instant, so a check can accept
// every spelling of the same layout (`year=!{timestamp:yyyy}/...` or the quoted single-expression
// form `!{timestamp:'year='yyyy'/month='MM...}`) and explain a wrong pattern letter by what it renders.
// Rules: https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html

/** What Firehose appends to a prefix without a timestamp expression (s3-prefixes.html, semantic rules). */
export const FIREHOSE_DEFAULT_TIME_PATTERN = 'yyyy/MM/dd/HH/';

export type PrefixPart =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'expression'; readonly namespace: string; readonly value: string };

/** Splits a prefix into literal text and `!{namespace:value}` expressions. */
export function parsePrefix(prefix: string): PrefixPart[] {
  const parts: PrefixPart[] = [];
  const expression = /!\{([A-Za-z]+):([^}]*)\}/g;
  let last = 0;
  for (const match of prefix.matchAll(expression)) {
    if (match.index > last) parts.push({ kind: 'literal', text: prefix.slice(last, match.index) });
    parts.push({ kind: 'expression', namespace: match[1]!, value: match[2]! });
    last = match.index + match[0].length;
  }
  if (last < prefix.length) parts.push({ kind: 'literal', text: prefix.slice(last) });
  return parts;
}

export function hasExpressions(prefix: string): boolean {
  return parsePrefix(prefix).some((p) => p.kind === 'expression');
}

/** Pattern letters whose meaning is a classic trap, with what they really mean. */
export const MISREAD_LETTERS: Readonly<Record<string, string>> = {
  m: "'m' is minute-of-hour, not month ('MM')",
  h: "'h' is the hour on a 12-hour clock (1-12), so 3 am and 3 pm share a folder; the 24-hour hour is 'HH'",
  D: "'D' is day-of-year (001-366), not day-of-month ('dd')",
  Y: "'Y' is the week-based year, which differs from the calendar year in the last days of December and the first of January; the calendar year is 'yyyy'",
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function dayOfYear(d: Date): number {
  return Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

/** ISO-8601 week-based year (Monday weeks, week 1 holds the first Thursday). */
function weekBasedYear(d: Date): number {
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  thursday.setUTCDate(thursday.getUTCDate() + 3 - ((thursday.getUTCDay() + 6) % 7));
  return thursday.getUTCFullYear();
}

/**
 * Renders a Java DateTimeFormatter pattern in UTC for the letters a date-partitioned layout can use.
 * A letter it does not evaluate comes back as `unsupported` (the caller reports it).
 */
export function renderTimestamp(pattern: string, at: Date): { text: string } | { unsupported: string } {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      // '' is a literal quote; 'text' is literal text.
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      out += pattern.slice(i + 1, end === -1 ? pattern.length : end);
      i = end === -1 ? pattern.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    i += n;
    const year = at.getUTCFullYear();
    const hour = at.getUTCHours();
    switch (c) {
      case 'y':
      case 'u':
        out += n === 2 ? pad(year % 100, 2) : pad(year, n);
        break;
      case 'Y': {
        const wby = weekBasedYear(at);
        out += n === 2 ? pad(wby % 100, 2) : pad(wby, n);
        break;
      }
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[at.getUTCMonth()]! : n === 3 ? MONTHS[at.getUTCMonth()]!.slice(0, 3) : pad(at.getUTCMonth() + 1, n);
        break;
      case 'd':
        out += pad(at.getUTCDate(), n);
        break;
      case 'D':
        out += pad(dayOfYear(at), n);
        break;
      case 'H':
        out += pad(hour, n);
        break;
      case 'h':
        out += pad(hour % 12 === 0 ? 12 : hour % 12, n);
        break;
      case 'k':
        out += pad(hour === 0 ? 24 : hour, n);
        break;
      case 'K':
        out += pad(hour % 12, n);
        break;
      case 'm':
        out += pad(at.getUTCMinutes(), n);
        break;
      case 's':
        out += pad(at.getUTCSeconds(), n);
        break;
      case 'a':
        out += hour < 12 ? 'AM' : 'PM';
        break;
      default:
        return { unsupported: c };
    }
  }
  return { text: out };
}

/** Pattern letters used in a timestamp pattern, outside quoted text. */
export function patternLetters(pattern: string): Set<string> {
  const letters = new Set<string>();
  let quoted = false;
  for (const c of pattern) {
    if (c === "'") quoted = !quoted;
    else if (!quoted && /[A-Za-z]/.test(c)) letters.add(c);
  }
  return letters;
}

export type Evaluation = { readonly key: string } | { readonly problem: string };

/**
 * The key prefix Firehose would write for records arriving at `at` (UTC), or why it cannot be
 * evaluated to a fixed layout (random strings, dynamic partitioning keys, unknown letters).
 */
export function evaluatePrefix(prefix: string, at: Date): Evaluation {
  let key = '';
  for (const part of parsePrefix(prefix)) {
    if (part.kind === 'literal') {
      key += part.text;
      continue;
    }
    if (part.namespace === 'timestamp') {
      const rendered = renderTimestamp(part.value, at);
      if ('unsupported' in rendered) {
        return { problem: `the pattern letter '${rendered.unsupported}' in !{timestamp:${part.value}} is not part of a year/month/day/hour layout` };
      }
      key += rendered.text;
    } else if (part.namespace === 'firehose' && part.value === 'random-string') {
      return { problem: '!{firehose:random-string} puts a random folder into every key, so the keys no longer follow a year/month/day/hour layout that a table can be partitioned by' };
    } else if (part.namespace === 'firehose' && part.value === 'error-output-type') {
      return { problem: 'the data prefix contains !{firehose:error-output-type}, which Firehose allows only in ErrorOutputPrefix' };
    } else {
      return { problem: `!{${part.namespace}:${part.value}} is a dynamic-partitioning or unknown expression; this scenario partitions by arrival time only` };
    }
  }
  // Firehose appends its own yyyy/MM/dd/HH/ to a prefix that has no timestamp expression.
  if (!parsePrefix(prefix).some((p) => p.kind === 'expression' && p.namespace === 'timestamp')) {
    key += (renderTimestamp(FIREHOSE_DEFAULT_TIME_PATTERN, at) as { text: string }).text;
  }
  return { key };
}

/**
 * The first expression accepted by `names` that sits in the prefix's last segment, the one no `/`
 * closes. Firehose writes `<evaluated prefix><object name>` (https://docs.aws.amazon.com/firehose/latest/dev/s3-object-name.html),
 * so an expression there becomes the start of each object's name instead of a folder:
 * `clickstream-errors/!{firehose:error-output-type}` writes `clickstream-errors/processing-failedMlLab-...`.
 * The one rule behind "a folder per hour" (data prefix) and "a folder per error type" (error prefix).
 */
export function unclosedExpression(prefix: string, names: (part: Extract<PrefixPart, { kind: 'expression' }>) => boolean): string | undefined {
  const parts = parsePrefix(prefix);
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i]!;
    if (part.kind === 'literal') {
      if (part.text.includes('/')) return undefined;
      continue;
    }
    // A timestamp pattern may carry its own quoted '/' ('year='yyyy'/'): that closes the segment too.
    const rendered = part.namespace === 'timestamp' ? renderTimestamp(part.value, new Date(0)) : { text: '' };
    const text = 'text' in rendered ? rendered.text : '';
    if (names(part) && !text.endsWith('/')) return `!{${part.namespace}:${part.value}}`;
    if (text.includes('/')) return undefined;
  }
  return undefined;
}
