import { exitCodeOf } from '../../../lib/check/runner';
import { lab } from '../../../labs/streams-vs-firehose/lab';
import { replayLab, statusesOf } from '../../support/replay';

const replay = (file: string) => replayLab(lab, file);

test('pass.json: every requirement passes, exit 0, offline', async () => {
  const result = await replay('pass.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass' });
  expect(exitCodeOf(result)).toBe(0);
});

test('fail-defaults.json: the stack as deployed fails all three, each finding saying why', async () => {
  const result = await replay('fail-defaults.json');
  expect(statusesOf(result)).toEqual({ R1: 'fail', R2: 'fail', R3: 'fail' });
  expect(exitCodeOf(result)).toBe(1);
  const text = result.requirements.map((r) => r.findings.join(' '));
  expect(text[0]).toMatch(/Firehose cannot stand in/);
  expect(text[1]).toMatch(/share each shard's 2 MB\/s/);
  expect(text[2]).toMatch(/resizes the stream by hand/);
});

test('fail-consumer-creating.json: only the consumer fails while it is still CREATING', async () => {
  const result = await replay('fail-consumer-creating.json');
  expect(statusesOf(result)).toEqual({ R1: 'pass', R2: 'fail', R3: 'pass' });
});
