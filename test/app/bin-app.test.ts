// The CDK app as the CDK CLI runs it: `node dist/bin/app.js` with the `-c key=value` context in
// CDK_CONTEXT_JSON. A context value it refuses is one line and exit 1, with no stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cdkApp, ensureBuilt, root } from '../cli/built';
import { allLabs } from '../../labs';

let outdir: string;
beforeAll(() => ensureBuilt(), 120_000);
beforeEach(() => (outdir = mkdtempSync(join(tmpdir(), 'mllab-app-'))));
afterEach(() => rmSync(outdir, { recursive: true, force: true }));

function synth(context: Record<string, unknown>, env: Record<string, string> = {}) {
  const out = spawnSync(process.execPath, [cdkApp], {
    cwd: root,
    env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: outdir, ...env },
    encoding: 'utf8',
  });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

test.each<[string, Record<string, unknown>, RegExp]>([
  ['an unknown lab', { lab: 'no-such-lab' }, /^error: unknown lab 'no-such-lab'; known labs: [a-z-]+(, [a-z-]+)*$/],
  ['a budget out of range', { lab: 'streams-vs-firehose', budgetUsd: '0' }, /^error: invalid CDK context: -c budgetUsd: must be between 1 and 1000 \(US dollars a month\) \(got "0"\)$/],
  ['a budget that is not a number', { lab: 'streams-vs-firehose', budgetUsd: 'twenty' }, /^error: invalid CDK context: -c budgetUsd: .*must be a number/],
])('%s: one line, exit 1, no stack trace', (_name, context, message) => {
  const run = synth(context);
  expect(run.code).toBe(1);
  const lines = run.stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
});

test('a 5,000-character lab id is cut in the message', () => {
  const run = synth({ lab: 'x'.repeat(5000) });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^error: unknown lab 'x{60}… \(5000 characters\)'; known labs: /);
  // The id is cut to 60 characters; the rest is the known labs' list.
  expect(run.stderr.length).toBeLessThan(150 + allLabs().map((l) => l.id).join(', ').length);
});

test('CDK_DEBUG=true (cdk --debug) adds the stack trace', () => {
  const run = synth({ lab: 'no-such-lab' }, { CDK_DEBUG: 'true' });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/\n\s+at /);
});

test('a good context still synthesises', () => {
  const run = synth({ lab: 'streams-vs-firehose' });
  expect(run.stderr).not.toMatch(/^error:/m);
  expect(run.code).toBe(0);
}, 120_000);
