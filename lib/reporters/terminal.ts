import type { CheckRunResult, RequirementResult } from '../check/runner';
import type { RequirementStatus } from '../check/types';
import { hangingWrap, painter, sanitize, type Paint, type Style } from './text';

export interface TerminalOptions {
  readonly color: boolean;
  readonly replayedFrom?: string;
  /** Columns to wrap to (a TTY's width); no wrapping without it. */
  readonly width?: number;
}

const MARK: Record<RequirementStatus, { symbol: string; label: string; style: Style }> = {
  pass: { symbol: '✔', label: 'PASS', style: 'green' },
  fail: { symbol: '✘', label: 'FAIL', style: 'red' },
  error: { symbol: '!', label: 'ERROR', style: 'yellow' },
  skipped: { symbol: '-', label: 'SKIP', style: 'gray' },
};

/** Findings and hints sit under the title, after the `✔ PASS  ` column. */
const INDENT = 9;

/** The first line of the report: the lab, its region and, for a replay, the cassette. */
export function headerLine(lab: string, region: string, options: TerminalOptions): string {
  const source = options.replayedFrom ? `, replayed from ${options.replayedFrom}` : '';
  return painter(options.color)('bold', hangingWrap(sanitize(`${lab} (${region}${source})`), 2, options.width));
}

function requirementLines(r: RequirementResult, paint: Paint, width: number | undefined): string[] {
  const mark = MARK[r.status];
  const body = (text: string) => `${' '.repeat(INDENT)}${hangingWrap(text, INDENT, width)}`;
  const lines = [`${paint(mark.style, `${mark.symbol} ${mark.label.padEnd(5)}`)} ${hangingWrap(`${paint('bold', r.id)} ${r.title}`, INDENT, width)}`];
  // Findings quote what AWS returned (names, keys, messages): nothing in them may drive the terminal.
  for (const finding of r.findings) lines.push(body(sanitize(finding)));
  // The hint is for whoever has work to do; a passing requirement needs none.
  if (r.status === 'fail' || r.status === 'error') lines.push(body(paint('gray', `hint: ${r.hint} (${r.docs})`)));
  return lines;
}

/** One requirement's block of the report, as it is printed when the requirement completes. */
export function renderRequirement(r: RequirementResult, options: TerminalOptions): string {
  return `${requirementLines(r, painter(options.color), options.width).join('\n')}\n`;
}

/**
 * The summary: the score, then the closing line exactly `N passed, N failed` (CI reads it), and
 * errors and skipped requirements, when any, on the line after it.
 */
export function summaryLines(result: CheckRunResult): string[] {
  const { passed, failed, errors, skipped } = result.summary;
  const lines = [`${passed}/${result.requirements.length} requirements passed`, `${passed} passed, ${failed} failed`];
  if (errors > 0 || skipped > 0) lines.push(`${errors} errors, ${skipped} skipped`);
  return lines;
}

/**
 * The report a learner reads after each change: every requirement with its status, findings and,
 * when it did not pass, the hint; then the summary.
 */
export function renderTerminal(result: CheckRunResult, options: TerminalOptions): string {
  const paint = painter(options.color);
  const lines = [headerLine(result.lab, result.region, options), ''];
  for (const r of result.requirements) lines.push(...requirementLines(r, paint, options.width));
  lines.push('', ...summaryLines(result));
  return `${lines.join('\n')}\n`;
}
