// `mllab selftest`: every phase of a lab's proof, offline on loopback emulators (the parts they cannot
// serve answered from cassettes), and the surprises that must fail it.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckSession } from '../../lib/check/session';
import { defineChecks, fail, pass } from '../../lib/check/verdicts';
import { selftest, type SelftestDriver } from '../../lib/selftest';
import { runCli } from '../support/cli-harness';
import { tinyLab } from '../support/tiny-lab';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mllab-selftest-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('mllab selftest streaming-ingest --offline goes through every phase and exits 0, recording both runs', async () => {
  const record = join(dir, 'cassettes');
  const run = await runCli(['selftest', 'streaming-ingest', '--offline', '--record', record], { env: { ...process.env, NO_COLOR: '1' } });
  const phases = run.stdout.split('\n').filter((l) => /^ {2}[✔✘] /.test(l)).map((l) => l.trim().split(/\s+/).slice(0, 2).join(' '));
  expect({ code: run.code, phases, stderr: run.stderr }).toEqual({
    code: 0,
    phases: ['✔ deploy', '✔ untouched', '✔ solve', '✔ wait', '✔ check', '✔ record', '✔ teardown', '✔ sweep'],
    stderr: '',
  });
  expect(run.stdout).toMatch(/untouched .* 0 of 7 pass .*every requirement asks something of the learner/);
  expect(run.stdout).toMatch(/check .* 7 of 7 pass/);
  expect(run.stdout).toContain('nothing of the lab is left');
  expect(run.stdout).toContain('estimated cost to complete in a real account: USD');
  for (const file of ['untouched.json', 'solved.json']) {
    expect(existsSync(join(record, file))).toBe(true);
    expect(JSON.parse(readFileSync(join(record, file), 'utf8')).calls.length).toBeGreaterThan(0);
  }
}, 120_000);

/** A throw-away lab whose R1 passes on the untouched stack: it asks nothing of the learner. */
const lazy = tinyLab('lazy-lab', [
    { id: 'R1', title: 'The stack exists.', hint: 'h', docs: 'https://docs.aws.amazon.com/streams/latest/dev/introduction.html', reads: ['Kinesis:DescribeStreamSummary'] },
    { id: 'R2', title: 'The learner did something.', hint: 'h', docs: 'https://docs.aws.amazon.com/streams/latest/dev/introduction.html', reads: ['Kinesis:DescribeStreamSummary'] },
  ]);
let solved = false;
const lazyChecks = defineChecks(lazy, {
  R1: async () => pass('the stack is there'),
  R2: async () => (solved ? pass() : fail('nothing yet')),
});

function fakeDriver(log: string[], left: string[] = []): SelftestDriver {
  return {
    where: 'in memory',
    deploy: async () => (log.push('deploy'), 'deployed'),
    session: () => ({ session: new CheckSession({ region: 'us-east-1' }) }),
    solve: async () => ((solved = true), log.push('solve'), 'solved'),
    wait: async () => (log.push('wait'), 'waited'),
    teardown: async () => (log.push('teardown'), 'torn down'),
    sweep: async () => (log.push('sweep'), left),
    close: async () => void log.push('close'),
  };
}

test('a requirement that passes on the untouched stack fails the selftest, which still tears down and sweeps', async () => {
  solved = false;
  const log: string[] = [];
  const result = await selftest(lazy, lazyChecks, fakeDriver(log));
  expect(result.ok).toBe(false);
  expect(result.phases.find((p) => p.phase === 'untouched')).toMatchObject({ ok: false, detail: expect.stringContaining('R1 passes before the learner acts, so it asks nothing') });
  expect(log).toEqual(['deploy', 'teardown', 'sweep', 'close']);
});

test('something left after teardown fails the selftest at the sweep', async () => {
  const strict = defineChecks(lazy, { R1: async () => (solved ? pass() : fail('no')), R2: async () => (solved ? pass() : fail('no')) });
  solved = false;
  const log: string[] = [];
  const result = await selftest(lazy, strict, fakeDriver(log, ['kinesis:stream clicks']));
  expect(result.phases.map((p) => `${p.phase} ${p.ok}`)).toEqual(['deploy true', 'untouched true', 'solve true', 'wait true', 'check true', 'teardown true', 'sweep false']);
  expect(result.ok).toBe(false);
});

test('in a real account it asks first; without a terminal it needs --yes, and a lab without a reference solution is refused', async () => {
  const noYes = await runCli(['selftest', 'streaming-ingest', '--region', 'us-east-1'], { env: { ...process.env, AWS_PROFILE: '' } });
  expect([noYes.code, noYes.stderr]).toEqual([2, expect.stringContaining('confirm with --yes')]);
  const unsupported = await runCli(['selftest', 'datalake-athena', '--yes', '--region', 'us-east-1']);
  expect([unsupported.code, unsupported.stderr]).toEqual([2, expect.stringContaining('has no automated reference solution yet')]);
  const offline = await runCli(['selftest', 'datalake-athena', '--offline']);
  expect([offline.code, offline.stderr]).toEqual([2, expect.stringContaining('serve streaming-ingest only')]);
});
