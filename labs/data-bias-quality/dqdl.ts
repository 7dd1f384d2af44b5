// Reading a Data Quality Definition Language ruleset leniently: the rules of `Rules = [ ... ]` one by
// one, whatever the whitespace, line breaks, rule order or quoting of values, and whether each of the
// scenario's rules is among them. Grammar: https://docs.aws.amazon.com/glue/latest/dg/dqdl.html
import { FACET, FACET_VALUES, INCOME_COLUMN, LABEL, MIN_INCOME_COMPLETENESS } from './lab';

/** The top-level rules of a ruleset, whitespace collapsed; undefined when there is no `Rules = [...]`. */
export function dqdlRules(ruleset: string): string[] | undefined {
  const start = /\bRules\s*=\s*\[/.exec(ruleset);
  if (!start) return undefined;
  const rules: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of ruleset.slice(start.index + start[0].length)) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === '[' || ch === '(')) depth++;
    if (!quoted && (ch === ']' || ch === ')')) {
      if (depth === 0) break;
      depth--;
    }
    if (!quoted && depth === 0 && ch === ',') {
      rules.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  rules.push(current);
  return rules.map((r) => r.replace(/\s+/g, ' ').trim()).filter((r) => r !== '');
}

const unquote = (s: string) => s.trim().replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
/** `"group"` or `group` as a column name pattern. */
const column = (name: string) => `"?${name}"?`;

/** One rule the scenario asks for: what it is and whether a rule of the ruleset states it. */
export interface RequiredRule {
  readonly rule: string;
  /** What the rule protects, for the findings. */
  readonly protects: string;
  matches(rule: string): boolean;
}

export const REQUIRED_RULES: readonly RequiredRule[] = [
  {
    rule: `IsComplete "${LABEL}"`,
    protects: `a row without a label is no training example: a model fitting the label learns nothing from it, and a built-in algorithm that reads the label from the first column fails on an empty one or takes the row as declined`,
    matches: (r) => new RegExp(`^IsComplete ${column(LABEL)}$`).test(r),
  },
  {
    rule: `ColumnValues "${FACET}" in ["${FACET_VALUES.join('", "')}"]`,
    protects: `any other value (a lower-case b, a typo, a header row read as data) would be a third facet value: Clarify compares each value with the rest, and a model would learn it as a category of its own`,
    matches: (r) => {
      const m = new RegExp(`^ColumnValues ${column(FACET)} in \\[(.*)\\]$`).exec(r);
      if (!m) return false;
      const values = new Set(m[1]!.split(',').map(unquote));
      return values.size === FACET_VALUES.length && FACET_VALUES.every((v) => values.has(v));
    },
  },
  {
    rule: `Completeness "${INCOME_COLUMN}" >= ${MIN_INCOME_COMPLETENESS}`,
    protects: `incomes may be missing for a few applicants (2% of the shipped rows), but a file where many are missing would train a model on imputed guesses; the threshold says how many gaps the team tolerates`,
    matches: (r) => {
      if (new RegExp(`^IsComplete ${column(INCOME_COLUMN)}$`).test(r)) return true;
      const m = new RegExp(`^Completeness ${column(INCOME_COLUMN)} (>=|>|between) ([0-9.]+)`).exec(r);
      return !!m && Number(m[2]) >= MIN_INCOME_COMPLETENESS;
    },
  },
];

/** The scenario's rules that no rule of the ruleset states. */
export function missingRules(rules: readonly string[]): RequiredRule[] {
  return REQUIRED_RULES.filter((required) => !rules.some((r) => required.matches(r)));
}
