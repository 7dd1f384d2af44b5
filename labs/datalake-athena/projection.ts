// Partition projection evaluated the way Athena documents it, so R3 can tell whether the table
// properties really cover every day folder under the raw table. No SDK: pure functions of a
// table's properties, its partition keys, the folders in S3 and the time of the check.
//
// Sources, cited once here and next to each rule below:
// - https://docs.aws.amazon.com/athena/latest/ug/partition-projection.html (projection ignores
//   registered partitions)
// - https://docs.aws.amazon.com/athena/latest/ug/partition-projection-supported-types.html
//   (enum, integer, date, injected and their properties)
// - https://docs.aws.amazon.com/athena/latest/ug/partition-projection-setting-up.html
//   (every partition column needs a configuration; storage.location.template)

/** A folder of data under the table's location, as the S3 listing shows it. */
export interface DataFolder {
  /** `s3://bucket/raw/rides/dt=2026-01-05/`, with its trailing slash. */
  readonly url: string;
  /** The folder names between the table's location and the data files: `['dt=2026-01-05']`. */
  readonly segments: readonly string[];
}

/** What R3 learns from a table's projection: per folder, covered or the reason it is not. */
export interface ProjectionJudgement {
  /** Reasons Athena reads no data from some folders, each with the folders it concerns. */
  readonly problems: readonly { readonly reason: string; readonly folders: readonly string[] }[];
  /** Settings the check cannot evaluate (a date pattern letter it does not implement). */
  readonly undecided: readonly string[];
}

export const PROJECTION_ENABLED = 'projection.enabled';
export const LOCATION_TEMPLATE = 'storage.location.template';

/** Documented value: `true` (partition-projection-setting-up.html). */
export function projectionEnabled(parameters: Readonly<Record<string, string>> | undefined): boolean {
  return parameters?.[PROJECTION_ENABLED] === 'true';
}

type Unit = 'YEARS' | 'MONTHS' | 'WEEKS' | 'DAYS' | 'HOURS' | 'MINUTES' | 'SECONDS' | 'MILLISECONDS';
const FIXED_MS: Partial<Record<Unit, number>> = { WEEKS: 7 * 86_400_000, DAYS: 86_400_000, HOURS: 3_600_000, MINUTES: 60_000, SECONDS: 1_000, MILLISECONDS: 1 };
const UNITS: readonly Unit[] = ['YEARS', 'MONTHS', 'WEEKS', 'DAYS', 'HOURS', 'MINUTES', 'SECONDS', 'MILLISECONDS'];

/** Adds `n` units to an instant in UTC, months and years by the calendar (java.time plus*). */
function plus(t: number, n: number, unit: Unit): number {
  const fixed = FIXED_MS[unit];
  if (fixed !== undefined) return t + n * fixed;
  const d = new Date(t);
  const months = d.getUTCMonth() + n * (unit === 'YEARS' ? 12 : 1);
  const year = d.getUTCFullYear() + Math.floor(months / 12);
  const month = ((months % 12) + 12) % 12;
  // java.time clamps to the last day of a shorter month (Jan 31 + 1 month = Feb 28).
  const day = Math.min(d.getUTCDate(), new Date(Date.UTC(year, month + 1, 0)).getUTCDate());
  return Date.UTC(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

// ---- Java DateTimeFormatter patterns, the subset that date partitions use ----

type Token = { readonly literal: string } | { readonly letter: string; readonly count: number };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Pattern letters implemented here, finest last: year, month, day, hour, minute, second. */
const PRECISION: Record<string, Unit> = { y: 'YEARS', u: 'YEARS', M: 'MONTHS', d: 'DAYS', H: 'HOURS', m: 'MINUTES', s: 'SECONDS' };

export class UnsupportedPattern extends Error {}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) tokens.push({ literal: "'" });
      else if (end < 0) throw new UnsupportedPattern(`an unterminated quote in '${pattern}'`);
      else tokens.push({ literal: pattern.slice(i + 1, end) });
      i = end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      if (!PRECISION[c]) throw new UnsupportedPattern(`the pattern letter '${c}' in '${pattern}'`);
      tokens.push({ letter: c, count: j - i });
      i = j;
    } else if ('[]{}#'.includes(c)) {
      throw new UnsupportedPattern(`the optional section or reserved character '${c}' in '${pattern}'`);
    } else {
      tokens.push({ literal: c });
      i++;
    }
  }
  return tokens;
}

/** A `java.time` date pattern, formatting and strictly parsing instants in UTC. */
export class DatePattern {
  private readonly tokens: Token[];
  readonly precision: Unit;

  constructor(readonly pattern: string) {
    this.tokens = tokenize(pattern);
    const letters = this.tokens.flatMap((t) => ('letter' in t ? [t.letter] : []));
    if (letters.length === 0) throw new UnsupportedPattern(`'${pattern}', which has no date fields`);
    this.precision = letters.map((l) => PRECISION[l]!).reduce((a, b) => (UNITS.indexOf(b) > UNITS.indexOf(a) ? b : a));
  }

  format(t: number): string {
    const d = new Date(t);
    const fields: Record<string, number> = { y: d.getUTCFullYear(), u: d.getUTCFullYear(), M: d.getUTCMonth() + 1, d: d.getUTCDate(), H: d.getUTCHours(), m: d.getUTCMinutes(), s: d.getUTCSeconds() };
    return this.tokens
      .map((t) => {
        if ('literal' in t) return t.literal;
        const value = fields[t.letter]!;
        if (t.letter === 'M' && t.count >= 3) return t.count === 3 ? MONTHS[value - 1]!.slice(0, 3) : MONTHS[value - 1]!;
        if ((t.letter === 'y' || t.letter === 'u') && t.count === 2) return String(value % 100).padStart(2, '0');
        return String(value).padStart(t.count, '0');
      })
      .join('');
  }

  /** The instant a value names, or undefined when the value does not follow the pattern. */
  parse(text: string): number | undefined {
    const groups: Token[] = [];
    const source = this.tokens
      .map((t) => {
        if ('literal' in t) return t.literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        groups.push(t);
        if (t.letter === 'M' && t.count >= 3) return `(${MONTHS.map((m) => (t.count === 3 ? m.slice(0, 3) : m)).join('|')})`;
        if ((t.letter === 'y' || t.letter === 'u') && t.count !== 2) return t.count === 1 ? '(\\d+)' : `(\\d{${t.count},})`;
        return t.count === 1 ? '(\\d{1,2})' : `(\\d{${t.count}})`;
      })
      .join('');
    const match = new RegExp(`^${source}$`).exec(text);
    if (!match) return undefined;
    const f: Record<string, number> = { y: 1970, M: 1, d: 1, H: 0, m: 0, s: 0 };
    groups.forEach((g, i) => {
      if (!('letter' in g)) return;
      const raw = match[i + 1]!;
      const letter = g.letter === 'u' ? 'y' : g.letter;
      if (letter === 'M' && g.count >= 3) f.M = MONTHS.findIndex((m) => m.startsWith(raw)) + 1;
      else if (letter === 'y' && g.count === 2) f.y = 2000 + Number(raw);
      else f[letter] = Number(raw);
    });
    const t = Date.UTC(f.y!, f.M! - 1, f.d!, f.H!, f.m!, f.s!);
    // Date.UTC rolls 2026-02-30 over into March; java.time refuses it.
    const d = new Date(t);
    const valid = d.getUTCFullYear() === f.y && d.getUTCMonth() + 1 === f.M && d.getUTCDate() === f.d && d.getUTCHours() === f.H && d.getUTCMinutes() === f.m && d.getUTCSeconds() === f.s;
    return valid ? t : undefined;
  }
}

// ---- One partition column's projection ----

/** Tells whether a folder value is one Athena projects; a string is the reason it is not. */
type Covers = (value: string) => true | string;

interface ColumnProjection {
  readonly covers?: Covers;
  /** Why the column's configuration makes Athena read nothing (or fail every query). */
  readonly broken?: string;
  readonly undecided?: string;
}

/** The documented NOW form of a date range bound (partition-projection-supported-types.html). */
const NOW = /^\s*NOW\s*(([+-])\s*([0-9]+)\s*(YEARS?|MONTHS?|WEEKS?|DAYS?|HOURS?|MINUTES?|SECONDS?)\s*)?$/;

function dateProjection(column: string, p: Readonly<Record<string, string>>, now: number): ColumnProjection {
  const key = (name: string) => `projection.${column}.${name}`;
  const format = p[key('format')];
  const range = p[key('range')];
  if (format === undefined) return { broken: `${key('format')} is not set; a date projection requires it (the pattern of the folder values).` };
  if (range === undefined) return { broken: `${key('range')} is not set; a date projection requires its first and last values.` };
  let pattern: DatePattern;
  try {
    pattern = new DatePattern(format);
  } catch (err) {
    if (err instanceof UnsupportedPattern) return { undecided: `The check cannot evaluate ${key('format')} = '${format}' (${err.message}); it implements the letters y, u, M, d, H, m and s.` };
    throw err;
  }
  // "When the provided dates are at single-day or single-month precision, the interval is
  // optional and defaults to 1 day or 1 month ... Otherwise, interval is required."
  const singleStep = pattern.precision === 'DAYS' || pattern.precision === 'MONTHS';
  const intervalText = p[key('interval')]?.trim();
  const unitText = p[key('interval.unit')]?.trim().toUpperCase();
  const interval = intervalText === undefined ? (singleStep ? 1 : undefined) : /^\d+$/.test(intervalText) && Number(intervalText) > 0 ? Number(intervalText) : NaN;
  if (interval === undefined) return { broken: `${key('interval')} is not set, and '${format}' is not a day or month pattern, so Athena requires it.` };
  if (Number.isNaN(interval)) return { broken: `${key('interval')} = '${p[key('interval')]}' is not a positive integer.` };
  const unit = (unitText === undefined ? (singleStep ? pattern.precision : undefined) : UNITS.find((u) => u === unitText)) as Unit | undefined;
  if (unitText !== undefined && unit === undefined) return { broken: `${key('interval.unit')} = '${p[key('interval.unit')]}' is not one of ${UNITS.join(', ')}.` };
  if (unit === undefined) return { broken: `${key('interval.unit')} is not set, and '${format}' is not a day or month pattern, so Athena requires it.` };

  const bounds = range.split(',');
  if (bounds.length !== 2) return { broken: `${key('range')} = '${range}' is not two comma-separated values.` };
  const bound = (text: string): number | undefined => {
    const rel = NOW.exec(text);
    if (!rel) return pattern.parse(text);
    const t = rel[1] ? plus(now, (rel[2] === '-' ? -1 : 1) * Number(rel[3]), `${rel[4]!.replace(/S$/, '')}S` as Unit) : now;
    // Read at the pattern's precision, as a value of the pattern would be.
    return pattern.parse(pattern.format(t));
  };
  const [first, last] = bounds.map(bound);
  const unreadable = bounds.filter((_, i) => [first, last][i] === undefined);
  if (first === undefined || last === undefined) {
    return { broken: `${key('range')} = '${range}': ${unreadable.map((b) => `'${b}'`).join(' and ')} follow${unreadable.length === 1 ? 's' : ''} neither ${key('format')} = '${format}' nor the NOW form; Athena requires both values in the format (white space inside a date counts as part of it).` };
  }
  const step = FIXED_MS[unit];
  return {
    covers: (value) => {
      const from = pattern.parse(value);
      // Athena names folders by formatting the values it generates, so the text must be exactly that.
      if (from === undefined || pattern.format(from) !== value) return `their values do not follow ${key('format')} = '${format}' (which writes ${pattern.format(first)} for the first day of the range), so no projected value names these folders`;
      const to = plus(from, 1, pattern.precision);
      if (to <= first) return `${key('range')} = '${range}' starts after these days`;
      if (from > last) return `${key('range')} = '${range}' ends before these days`;
      // The first generated value at or after the folder's value, then whether it still names it.
      let t: number;
      if (step !== undefined) {
        t = first + Math.max(0, Math.ceil((from - first) / (interval * step))) * interval * step;
      } else {
        const perStep = interval * (unit === 'YEARS' ? 12 : 1);
        const d0 = new Date(first);
        const d1 = new Date(from);
        let k = Math.max(0, Math.floor(((d1.getUTCFullYear() - d0.getUTCFullYear()) * 12 + d1.getUTCMonth() - d0.getUTCMonth()) / perStep) - 1);
        while ((t = plus(first, k * perStep, 'MONTHS')) < from) k++;
      }
      if (t < to && t <= last) return true;
      return `${key('interval')} ${interval} ${unit} from ${pattern.format(first)} skips these days`;
    },
  };
}

function integerProjection(column: string, p: Readonly<Record<string, string>>): ColumnProjection {
  const key = (name: string) => `projection.${column}.${name}`;
  const bounds = (p[key('range')] ?? '').split(',').map((b) => b.trim());
  if (bounds.length !== 2 || !bounds.every((b) => /^-?\d+$/.test(b))) return { broken: `${key('range')} = '${p[key('range')] ?? ''}' is not two comma-separated integers; an integer projection requires it.` };
  const [low, high] = bounds.map(BigInt) as [bigint, bigint];
  const interval = BigInt(/^\d+$/.test(p[key('interval')]?.trim() ?? '') ? p[key('interval')]!.trim() : '1');
  const digits = p[key('digits')]?.trim();
  return {
    covers: (value) => {
      if (!/^-?\d+$/.test(value)) return `their values are not integers, and an integer projection only produces integers`;
      const n = BigInt(value);
      const written = digits ? n.toString().padStart(Number(digits), '0') : n.toString();
      if (written !== value) return `their values are not written the way the projection writes integers (${digits ? `${digits} digits` : 'no leading zeros'})`;
      if (n < low || n > high || (n - low) % (interval || 1n) !== 0n) return `${key('range')} = '${p[key('range')]}' with ${key('interval')} ${interval} does not produce these values`;
      return true;
    },
  };
}

function columnProjection(column: string, p: Readonly<Record<string, string>>, now: number): ColumnProjection {
  const typeKey = `projection.${column}.type`;
  // "The value must be ... (case insensitive) ... Leading and trailing white space is allowed."
  const type = p[typeKey]?.trim().toLowerCase();
  switch (type) {
    case undefined:
      return { broken: `${typeKey} is not set: with projection enabled, Athena fails every query on the table ("the following partition columns are missing projection configuration: [${column}]").` };
    case 'date':
      return dateProjection(column, p, now);
    case 'enum': {
      const values = p[`projection.${column}.values`];
      if (values === undefined) return { broken: `projection.${column}.values is not set; an enum projection requires the list of values.` };
      // "Any white space is considered part of an enum value."
      const listed = values.split(',');
      return { covers: (value) => listed.includes(value) || `these values are not in projection.${column}.values = '${values}' (white space counts as part of a value)` };
    }
    case 'integer':
      return integerProjection(column, p);
    case 'injected':
      return {
        broken: `${typeKey} is injected: Athena then reads a ${column} value only when the query's WHERE clause names it, and fails a query that does not, so no query can read every day (SELECT count(*) over the table, or the CTAS of the whole table, fails).`,
      };
    default:
      return { broken: `${typeKey} = '${p[typeKey]}' is none of enum, integer, date or injected.` };
  }
}

/** `s3://b/p` and `s3://b/p/` are the same folder. */
const sameFolder = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * Judges a table with projection enabled against the folders holding its data: every folder must
 * be the location Athena computes for values the projection produces.
 */
export function judgeProjection(
  table: { readonly location: string; readonly partitionKeys: readonly string[]; readonly parameters: Readonly<Record<string, string>> },
  folders: readonly DataFolder[],
  now: number,
): ProjectionJudgement {
  const problems = new Map<string, string[]>();
  const undecided = new Set<string>();
  const note = (reason: string, folder: string) => problems.set(reason, [...(problems.get(reason) ?? []), folder]);
  const columns = new Map(table.partitionKeys.map((k) => [k, columnProjection(k, table.parameters, now)]));
  const template = table.parameters[LOCATION_TEMPLATE];
  if (template !== undefined) {
    const missing = table.partitionKeys.filter((k) => !template.includes(`\${${k}}`));
    // "the template must contain a placeholder for each partition column ... Templated locations
    // must end with a forward slash" (partition-projection-setting-up.html).
    if (missing.length > 0) return { problems: [{ reason: `${LOCATION_TEMPLATE} = '${template}' has no placeholder for ${missing.map((k) => `\${${k}}`).join(', ')}; Athena requires one for every partition column.`, folders: folders.map((f) => f.url) }], undecided: [] };
    if (!template.endsWith('/')) return { problems: [{ reason: `${LOCATION_TEMPLATE} = '${template}' does not end with a forward slash, which Athena requires so that each partition is a folder.`, folders: folders.map((f) => f.url) }], undecided: [] };
  }
  for (const folder of folders) {
    if (folder.segments.length !== table.partitionKeys.length) {
      note(`the folders under ${table.location} are ${folder.segments.length} level(s) deep, and the table has ${table.partitionKeys.length} partition key(s) (${table.partitionKeys.join(', ')})`, folder.url);
      continue;
    }
    const values = folder.segments.map((segment, i) => {
      const prefix = `${table.partitionKeys[i]}=`;
      return segment.startsWith(prefix) ? decodeValue(segment.slice(prefix.length)) : segment;
    });
    let ok = true;
    table.partitionKeys.forEach((column, i) => {
      const projection = columns.get(column)!;
      if (projection.undecided) {
        undecided.add(projection.undecided);
        ok = false;
      } else if (projection.broken) {
        note(projection.broken, folder.url);
        ok = false;
      } else {
        const verdict = projection.covers!(values[i]!);
        if (verdict !== true) {
          note(verdict, folder.url);
          ok = false;
        }
      }
    });
    if (!ok) continue;
    const expected =
      template !== undefined
        ? table.partitionKeys.reduce((loc, k, i) => loc.split(`\${${k}}`).join(values[i]!), template)
        : `${table.location.replace(/\/+$/, '')}/${table.partitionKeys.map((k, i) => `${k}=${values[i]}`).join('/')}/`;
    if (!sameFolder(expected, folder.url)) {
      note(
        template !== undefined
          ? `${LOCATION_TEMPLATE} = '${template}' sends Athena to ${expected} for these values, not to the folder that holds them`
          : `without ${LOCATION_TEMPLATE}, Athena reads each partition from <table location>/${table.partitionKeys.map((k) => `${k}=<value>`).join('/')}/ (here ${expected}), not from the folder that holds the data`,
        folder.url,
      );
    }
  }
  return { problems: [...problems].map(([reason, f]) => ({ reason, folders: f })), undecided: [...undecided] };
}

/** Hive escapes some characters of a partition value in its folder name (%3A for ':'). */
export function decodeValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
