// Just enough reading of Athena SQL text to tell which table a recorded query read or created.
// Athena keeps the query text of every execution (QueryExecution.Query) for 45 days; the checks
// read it instead of asking the learner to name their query ids.

/** Comments would hide or fake a table reference, so they go before any matching. */
export function stripComments(sql: string): string {
  return sql.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--[^\n]*/g, ' ');
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A reference to `table`, bare or qualified by database (and catalog), each part bare, "quoted"
 * or `backticked`. Glue stores names in lower case and Athena compares them case-insensitively.
 */
function tableReference(table: string): string {
  const name = escapeRegExp(table);
  const part = '(?:"[^"]+"|`[^`]+`|[A-Za-z0-9_-]+)';
  return `(?:${part}\\s*\\.\\s*){0,2}(?:"${name}"|\`${name}\`|${name})(?![A-Za-z0-9_."\`])`;
}

/** A SELECT (or WITH ... SELECT): the only statements whose scanned bytes the lab compares. */
export function isSelect(sql: string): boolean {
  return /^[\s(]*(with|select)\b/i.test(stripComments(sql));
}

/** A CREATE TABLE ... AS SELECT (or AS WITH ...), whatever table it creates. */
export function isCtas(sql: string): boolean {
  return /^\s*create\s+table\s[\s\S]*?\bas\b[\s(]*(?:with|select)\b/i.test(stripComments(sql));
}

/**
 * A statement that reads table data when it runs: a SELECT, a CTAS, an INSERT INTO ... SELECT or an
 * UNLOAD (https://docs.aws.amazon.com/athena/latest/ug/create-table-as.html,
 * https://docs.aws.amazon.com/athena/latest/ug/insert-into.html,
 * https://docs.aws.amazon.com/athena/latest/ug/unload.html). A CREATE VIEW or an EXPLAIN names a
 * table without reading it.
 */
export function readsData(sql: string): boolean {
  return isSelect(sql) || isCtas(sql) || /^\s*(?:insert\s+into|unload\s*\()/i.test(stripComments(sql));
}

/** True when the statement reads `table` in a FROM or JOIN clause. */
export function readsFrom(sql: string, table: string): boolean {
  return new RegExp(`\\b(?:from|join)\\s+${tableReference(table)}`, 'i').test(stripComments(sql));
}

/** True when the statement is a CREATE TABLE ... AS SELECT that creates `table`. */
export function isCtasOf(sql: string, table: string): boolean {
  const pattern = `^\\s*create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?${tableReference(table)}[\\s\\S]*?\\bas\\b[\\s(]*(?:with|select)\\b`;
  return new RegExp(pattern, 'i').test(stripComments(sql));
}

/** True when a CTAS names an `external_location` table property. */
export function namesExternalLocation(sql: string): boolean {
  return /\bexternal_location\s*=/i.test(stripComments(sql));
}

/**
 * The statement with `table` replaced by a placeholder, case and whitespace ignored: two queries
 * with the same shape give the same text, whichever of the two tables each reads.
 */
export function shapeOf(sql: string, table: string): string {
  return stripComments(sql)
    .replace(new RegExp(`\\b(from|join)\\s+${tableReference(table)}`, 'gi'), '$1 \u0000table\u0000')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/;+$/, '');
}
