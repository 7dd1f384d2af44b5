// Tables on a terminal, drawn by cli-table3 and fitted to its width: `mllab check --output table` (one
// row per requirement, as the AWS CLI's table output) and the teardown plan.
import Table from 'cli-table3';
import type { CheckRunResult } from '../check/runner';
import { painter, sanitize, type Style } from './text';
import type { TerminalOptions } from './terminal';

export interface FittedTableOptions {
  /** The terminal's columns; without it (a pipe) every column takes what its text needs. */
  readonly width?: number;
  /** Columns that keep their text's own width (narrow: a step, a status); the others share what is left. */
  readonly fixed?: readonly number[];
  /** The share of the free room each column that is not fixed takes (default: equal). */
  readonly weights?: readonly number[];
}

// eslint-disable-next-line no-control-regex
const visible = (cell: string) => cell.replace(/\u001b\[[0-9;]*m/g, '');

/** The columns a table of these rows (the first one its header) needs so that no cell is wrapped or cut. */
export function naturalTableWidth(rows: readonly (readonly string[])[]): number {
  const columns = rows[0]!.length;
  let width = columns + 1;
  for (let c = 0; c < columns; c++) width += Math.max(...rows.map((r) => visible(r[c] ?? '').length)) + 2;
  return width;
}

/** Rows under a header, with borders; cells wrap at word boundaries so no line is wider than `width`. */
export function fittedTable(head: readonly string[], rows: readonly (readonly string[])[], options: FittedTableOptions = {}): string {
  const fixed = new Set(options.fixed ?? []);
  let colWidths: number[] | undefined;
  if (options.width) {
    // Each cell has a space on either side and one border; the table one more border.
    const own = head.map((h, c) => Math.max(h.length, ...rows.map((r) => visible(r[c] ?? '').length)) + 2);
    const taken = head.reduce((sum, _h, c) => sum + (fixed.has(c) ? own[c]! : 0), 0);
    const free = Math.max((head.length - fixed.size) * 6, options.width - taken - head.length - 1);
    const flexible = head.map((_h, c) => c).filter((c) => !fixed.has(c));
    const weights = options.weights ?? flexible.map(() => 1);
    const total = weights.reduce((a, b) => a + b, 0);
    colWidths = head.map((_h, c) => (fixed.has(c) ? own[c]! : Math.max(6, Math.floor((free * weights[flexible.indexOf(c)]!) / total))));
  }
  const table = new Table({
    head: [...head],
    // cli-table3 colours through its own library by default: mllab decides about colour (painter).
    style: { head: [], border: [] },
    wordWrap: true,
    wrapOnWordBoundary: true,
    ...(colWidths ? { colWidths } : {}),
  });
  for (const row of rows) table.push([...row]);
  return table.toString();
}

const STATUS_STYLE: Record<string, Style> = { pass: 'green', fail: 'red', error: 'yellow', skipped: 'gray' };

/** `mllab check --output table`: id, status, requirement and its first finding, then the closing line. */
export function renderTable(result: CheckRunResult, options: TerminalOptions): string {
  const paint = painter(options.color);
  const rows = result.requirements.map((r) => [r.id, paint(STATUS_STYLE[r.status] ?? 'bold', r.status), sanitize(r.title), sanitize(r.findings[0] ?? '')]);
  const table = fittedTable(['id', 'status', 'requirement', 'finding'], rows, { ...(options.width ? { width: options.width } : {}), fixed: [0, 1], weights: [2, 3] });
  const { passed, failed, errors, skipped } = result.summary;
  return `${table}\n${passed} passed, ${failed} failed${errors + skipped ? `\n${errors} errors, ${skipped} skipped` : ''}\n`;
}
