// Issue 18: the check report at a terminal's width (no line longer than it, no word broken, a
// hanging indent), its colour through styleText with the usual variables, and nothing AWS returned
// able to drive the terminal. Each requirement is printed as it completes, in the report's order.
import { allLabs } from '../../labs';
import type { CheckRunResult, RequirementResult } from '../../lib/check/runner';
import { LiveReport, renderTerminal } from '../../lib/reporters';
import { hangingWrap, painter, sanitize } from '../../lib/reporters/text';
import { replayLab } from '../support/replay';

const lab = (id: string) => allLabs().find((l) => l.id === id)!;
const words = (text: string) => text.split(/\s+/).filter(Boolean);
// eslint-disable-next-line no-control-regex
const visible = (line: string) => [...line.replace(/\u001b\[[0-9;]*m/g, '')].length;

describe.each([
  ['streaming-ingest', 'pass.json'],
  ['streaming-ingest', 'fail-firehose-defaults.json'],
  ['xgboost-builtin', 'fail-careless-config.json'],
])('%s %s', (labId, cassette) => {
  let result: CheckRunResult;
  beforeAll(async () => {
    result = await replayLab(lab(labId), cassette);
  });

  test.each([80, 140])('at %i columns: no line longer than the width unless it is one unbreakable word, no word broken, hanging indent', (width) => {
    const plain = renderTerminal(result, { color: false });
    const wrapped = renderTerminal(result, { color: false, width });
    for (const line of wrapped.split('\n')) {
      if (visible(line) > width) expect(words(line.trim()).length).toBeLessThanOrEqual(2);
    }
    // The same words in the same order: wrapping only moved line breaks.
    expect(words(wrapped)).toEqual(words(plain));
    // Continuation lines of a finding start under the finding, never at the margin.
    const lines = wrapped.split('\n');
    const starts = lines.filter((l) => l !== '' && !/^[✔✘!-] /.test(l) && !/^\d/.test(l)).slice(1);
    for (const l of starts) expect(l.startsWith('         ')).toBe(true);
  });

  test('coloured and wrapped: the ANSI codes do not count against the width', () => {
    for (const line of renderTerminal(result, { color: true, width: 80 }).split('\n')) {
      if (visible(line) > 80) expect(words(line.trim()).length).toBeLessThanOrEqual(2);
    }
  });
});

test('a long finding wraps under itself at 80 columns and keeps a long URL whole', () => {
  const finding = 'The delivery stream buffers for 300 s and 5 MiB, so records reach S3 up to five minutes after they arrive; the scenario needs them within 60 s.';
  const text = hangingWrap(finding, 9, 80);
  expect(text.split('\n').length).toBeGreaterThan(1);
  for (const line of text.split('\n').slice(1)) expect(line).toMatch(/^ {9}\S/);
  const url = 'https://docs.aws.amazon.com/firehose/latest/dev/create-configure-backup.html#frequency-of-data-delivery-to-s3';
  expect(hangingWrap(`hint: Buffering hints. (${url})`, 9, 40)).toContain(url);
  expect(hangingWrap(finding, 9, undefined)).toBe(finding);
});

describe('control characters from AWS data', () => {
  test('escape sequences, bell, backspace, DEL, C1 controls and bidi overrides are removed; line breaks and tabs become spaces', () => {
    expect(sanitize('key\u001b[2J\u001b]0;pwned\u0007name')).toBe('key[2J]0;pwnedname');
    expect(sanitize('a\rb\nc\td\u0008e\u007ff\u009bg')).toBe('a b c defg');
    expect(sanitize('invoice\u202egnp.exe')).toBe('invoicegnp.exe');
  });

  test('a finding quoting an S3 key with an escape sequence prints no escape', () => {
    const r: RequirementResult = { id: 'R1', title: 't', status: 'fail', findings: ['Found s3://bucket/\u001b[31mred\u001b[0m.csv'], hint: 'h', docs: 'https://docs.aws.amazon.com/', durationMs: 1 };
    const out = renderTerminal({ lab: 'l', region: 'us-east-1', startedAt: '', durationMs: 1, summary: { passed: 0, failed: 1, errors: 0, skipped: 0 }, requirements: [r] }, { color: false });
    expect(out).not.toContain('\u001b');
    expect(out).toContain('Found s3://bucket/[31mred[0m.csv');
  });
});

test('colour through styleText, whatever this process\'s own stdout is; none when off', () => {
  expect(painter(true)('red', 'x')).toBe('\u001b[31mx\u001b[39m');
  expect(painter(false)('red', 'x')).toBe('x');
});

describe('printed as each requirement completes', () => {
  const req = (id: string, status: RequirementResult['status'], extra: Partial<RequirementResult> = {}): RequirementResult => ({
    id,
    title: `requirement ${id}`,
    status,
    findings: [`finding of ${id}`],
    hint: 'h',
    docs: 'https://docs.aws.amazon.com/',
    durationMs: 1,
    ...extra,
  });
  const resultOf = (requirements: RequirementResult[]): CheckRunResult => ({
    lab: 'l',
    region: 'us-east-1',
    startedAt: '',
    durationMs: 1,
    summary: { passed: requirements.filter((r) => r.status === 'pass').length, failed: requirements.filter((r) => r.status === 'fail').length, errors: 0, skipped: 0 },
    requirements,
  });

  test('in the report\'s order, as soon as every requirement before is done; the whole equals renderTerminal', () => {
    const out: string[] = [];
    const live = new LiveReport('l', 'us-east-1', ['R1', 'R2', 'R3'], { color: false, report: (t) => out.push(t) });
    const [r1, r2, r3] = [req('R1', 'pass'), req('R2', 'fail'), req('R3', 'pass')];
    live.begin();
    live.started('R1');
    live.completed(r2);
    expect(out.join('')).toBe('');
    live.completed(r1);
    expect(out.join('')).toContain('R2 requirement R2');
    expect(out.join('')).not.toContain('R3');
    live.completed(r3);
    live.finish(resultOf([r1, r2, r3]));
    expect(out.join('')).toBe(renderTerminal(resultOf([r1, r2, r3]), { color: false }));
  });

  test('results that all share one run-wide cause are held back (told once elsewhere); the live line goes to its own stream', () => {
    const out: string[] = [];
    const status: string[] = [];
    const live = new LiveReport('l', 'us-east-1', ['R1', 'R2'], { color: false, report: (t) => out.push(t), status: (t) => status.push(t) });
    live.begin();
    live.started('R1');
    live.completed(req('R1', 'error', { cause: 'unreachable' }));
    live.completed(req('R2', 'error', { cause: 'unreachable' }));
    live.abandon();
    expect(out).toEqual([]);
    expect(status.join('')).toContain('checking R1 (0/2 done)');
    expect(status.at(-1)).toBe('\r\u001b[2K');
  });

  test('held results are printed as soon as one result decides something', () => {
    const out: string[] = [];
    const live = new LiveReport('l', 'us-east-1', ['R1', 'R2'], { color: false, report: (t) => out.push(t) });
    live.completed(req('R1', 'error', { cause: 'timeout' }));
    expect(out).toEqual([]);
    live.completed(req('R2', 'pass'));
    expect(out.join('')).toMatch(/R1 requirement R1[\s\S]*R2 requirement R2/);
  });
});
