import { join } from 'node:path';
import { loadCassette, replayTransport } from '../../../lib/cassette';
import { exitCodeOf, runLab } from '../../../lib/check/runner';
import { CheckSession } from '../../../lib/check/session';
import { lab } from '../../../labs/streams-vs-firehose/lab';

async function replay(file: string) {
  const cassette = loadCassette(join(__dirname, '../../../labs/streams-vs-firehose/cassettes', file));
  const session = new CheckSession({ region: cassette.region, transport: replayTransport(cassette, { source: file }), maxAttempts: 1 });
  try {
    return await runLab(session, lab);
  } finally {
    session.destroy();
  }
}

const statuses = (result: Awaited<ReturnType<typeof replay>>) => Object.fromEntries(result.requirements.map((r) => [r.id, r.status]));

test('pass.json: every requirement passes, exit 0, offline', async () => {
  const result = await replay('pass.json');
  expect(statuses(result)).toEqual({ R1: 'pass', R2: 'pass', R3: 'pass' });
  expect(exitCodeOf(result)).toBe(0);
});

test('fail-defaults.json: the stack as deployed fails all three, each finding saying why', async () => {
  const result = await replay('fail-defaults.json');
  expect(statuses(result)).toEqual({ R1: 'fail', R2: 'fail', R3: 'fail' });
  expect(exitCodeOf(result)).toBe(1);
  const text = result.requirements.map((r) => r.findings.join(' '));
  expect(text[0]).toMatch(/Firehose cannot stand in/);
  expect(text[1]).toMatch(/share each shard's 2 MB\/s/);
  expect(text[2]).toMatch(/resizes the stream by hand/);
});

test('fail-consumer-creating.json: only the consumer fails while it is still CREATING', async () => {
  const result = await replay('fail-consumer-creating.json');
  expect(statuses(result)).toEqual({ R1: 'pass', R2: 'fail', R3: 'pass' });
});
