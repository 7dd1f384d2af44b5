import { exitCodeOf } from '../../../lib/check/runner';
import { lab } from '../../../labs/streaming-ingest/lab';
import { replayLab, statusesOf } from '../../support/replay';

const replay = (file: string) => replayLab(lab, file);

test('pass.json: every requirement passes, exit 0, offline', async () => {
  const result = await replay('pass.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass', R7: 'pass' });
  expect(exitCodeOf(result)).toBe(0);
});

test('fail-stack-defaults.json: the delivery stream as the stack deploys it, and a careless producer: every requirement fails', async () => {
  const result = await replay('fail-stack-defaults.json');
  expect(statusesOf(result)).toEqual({ R1: 'fail', R2: 'fail', R3: 'fail', R4: 'fail', R5: 'fail', R6: 'fail', R7: 'fail' });
  expect(exitCodeOf(result)).toBe(1);
  const findings = (id: string) => result.requirements.find((r) => r.id === id)!.findings.join(' ');
  expect(findings('R1')).toMatch(/buffers for 60 s/);
  expect(findings('R2')).toMatch(/writes to 'stream\/2025\/12\/29\/'/);
  expect(findings('R4')).toMatch(/'stream-errors\//);
  expect(findings('R5')).toMatch(/hot shards/);
  expect(findings('R6')).toMatch(/does not end with a newline/);
  expect(findings('R7')).toMatch(/The bucket holds stream\/2026\/03\/04\/.*keep their old keys/);
});

test('fail-firehose-defaults.json: Firehose\'s own defaults and too few pretty-printed events fail every requirement', async () => {
  const result = await replay('fail-firehose-defaults.json');
  expect(statusesOf(result)).toEqual({ R1: 'fail', R2: 'fail', R3: 'fail', R4: 'fail', R5: 'fail', R6: 'fail', R7: 'fail' });
  const findings = (id: string) => result.requirements.find((r) => r.id === id)!.findings.join(' ');
  expect(findings('R2')).toMatch(/not Hive-style/);
  expect(findings('R3')).toMatch(/UNCOMPRESSED/);
  expect(findings('R5')).toMatch(/holds 40 record\(s\)/);
  expect(findings('R6')).toMatch(/holds more than one line/);
});

test('fail-month-minutes.json: only the prefix fails, naming the minute and 12-hour letters', async () => {
  const result = await replay('fail-month-minutes.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'fail', R3: 'pass', R4: 'pass', R5: 'pass', R6: 'pass', R7: 'pass' });
  const r2 = result.requirements.find((r) => r.id === 'R2')!.findings[0]!;
  expect(r2).toMatch(/writes to 'clickstream\/year=2025\/month=07\/day=29\/hour=03\/'/);
  expect(r2).toMatch(/minute-of-hour/);
  expect(r2).toMatch(/12-hour clock/);
});
