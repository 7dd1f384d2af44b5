import type { CheckRunResult, RequirementResult } from '../check/runner';
import type { RequirementStatus } from '../check/types';

const ANSI = { green: 32, red: 31, yellow: 33, gray: 90, bold: 1 } as const;
type Style = keyof typeof ANSI;

function painter(color: boolean) {
  return (style: Style, text: string) => (color ? `\u001b[${ANSI[style]}m${text}\u001b[${style === 'bold' ? 22 : 39}m` : text);
}

const MARK: Record<RequirementStatus, { symbol: string; label: string; style: Style }> = {
  pass: { symbol: '✔', label: 'PASS', style: 'green' },
  fail: { symbol: '✘', label: 'FAIL', style: 'red' },
  error: { symbol: '!', label: 'ERROR', style: 'yellow' },
  skipped: { symbol: '-', label: 'SKIP', style: 'gray' },
};

function requirementLines(r: RequirementResult, paint: ReturnType<typeof painter>): string[] {
  const mark = MARK[r.status];
  const lines = [`${paint(mark.style, `${mark.symbol} ${mark.label.padEnd(5)}`)} ${paint('bold', r.id)} ${r.title}`];
  for (const finding of r.findings) lines.push(`         ${finding}`);
  // The hint is for whoever has work to do; a passing requirement needs none.
  if (r.status === 'fail' || r.status === 'error') lines.push(`         ${paint('gray', `hint: ${r.hint} (${r.docs})`)}`);
  return lines;
}

/**
 * The report a learner reads after each change: every requirement with its status, findings and,
 * when it did not pass, the hint. Closing line exactly `N passed, N failed`; errors and skipped
 * requirements, when any, on the line after it.
 */
export function renderTerminal(result: CheckRunResult, options: { color: boolean; replayedFrom?: string }): string {
  const paint = painter(options.color);
  const source = options.replayedFrom ? `, replayed from ${options.replayedFrom}` : '';
  const lines = [paint('bold', `${result.lab} (${result.region}${source})`), ''];
  for (const r of result.requirements) lines.push(...requirementLines(r, paint));
  const { passed, failed, errors, skipped } = result.summary;
  lines.push('', `${passed} passed, ${failed} failed`);
  if (errors > 0 || skipped > 0) lines.push(`${errors} errors, ${skipped} skipped`);
  return `${lines.join('\n')}\n`;
}
