// `mllab check --output table`: one row per requirement (id, status, title, the first finding), as
// the AWS CLI's table output, drawn by cli-table3 and fitted to the terminal's width.
import Table from 'cli-table3';
import type { CheckRunResult } from '../check/runner';
import { painter, sanitize, type Style } from './text';
import type { TerminalOptions } from './terminal';

const STATUS_STYLE: Record<string, Style> = { pass: 'green', fail: 'red', error: 'yellow', skipped: 'gray' };

/** Without a width (a pipe), columns take what their text needs; with one, the text columns share what is left. */
export function renderTable(result: CheckRunResult, options: TerminalOptions): string {
  const paint = painter(options.color);
  // Borders and padding take 3 columns a cell plus 1; id and status are narrow and fixed.
  const fixed = [6, 9];
  const free = options.width ? Math.max(20, options.width - fixed.reduce((a, b) => a + b, 0) - 3 * 4 - 1) : undefined;
  const table = new Table({
    head: ['id', 'status', 'requirement', 'finding'],
    // cli-table3 colours through its own library by default: mllab decides about colour (paint).
    style: { head: [], border: [] },
    wordWrap: true,
    wrapOnWordBoundary: true,
    ...(free ? { colWidths: [fixed[0]!, fixed[1]!, Math.floor(free * 0.4) + 2, Math.ceil(free * 0.6) + 2] } : {}),
  });
  for (const r of result.requirements) {
    table.push([r.id, paint(STATUS_STYLE[r.status] ?? 'bold', r.status), sanitize(r.title), sanitize(r.findings[0] ?? '')]);
  }
  const { passed, failed, errors, skipped } = result.summary;
  return `${table.toString()}\n${passed} passed, ${failed} failed${errors + skipped ? `\n${errors} errors, ${skipped} skipped` : ''}\n`;
}
