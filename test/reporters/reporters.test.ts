import type { CheckRunResult } from '../../lib/check/runner';
import { renderJson, renderJunit, renderTerminal } from '../../lib/reporters';

const result: CheckRunResult = {
  lab: 'streaming-ingest',
  region: 'us-east-1',
  startedAt: '2026-11-25T09:00:00.000Z',
  durationMs: 812,
  summary: { passed: 1, failed: 1, errors: 1, skipped: 1 },
  requirements: [
    { id: 'R1', title: 'The stream is on-demand.', status: 'pass', findings: [], hint: 'Capacity modes.', docs: 'https://docs.aws.amazon.com/streams/latest/dev/how-do-i-size-a-stream.html', durationMs: 12 },
    { id: 'R2', title: 'Firehose buffers at most 60 s.', status: 'fail', findings: ['The delivery stream buffers for 300 s; the scenario allows 60.'], hint: 'Buffering hints.', docs: 'https://docs.aws.amazon.com/firehose/latest/dev/buffering-hints.html', durationMs: 20 },
    { id: 'R3', title: 'Objects are compressed & <partitioned>.', status: 'error', findings: ['Access denied (AccessDenied). Grant s3:ListBucket (see `mllab policy`).'], hint: 'Dynamic partitioning.', docs: 'https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning.html', durationMs: 5 },
    { id: 'R4', title: 'Athena reads the partitions.', status: 'skipped', findings: ['Skipped: R3 must pass first.'], hint: 'Partition projection.', docs: 'https://docs.aws.amazon.com/athena/latest/ug/partition-projection.html', durationMs: 0 },
  ],
};

test('terminal: every requirement with status and findings, hints only where work is left, exact closing lines', () => {
  expect(renderTerminal(result, { color: false })).toBe(
    [
      'streaming-ingest (us-east-1)',
      '',
      '✔ PASS  R1 The stream is on-demand.',
      '✘ FAIL  R2 Firehose buffers at most 60 s.',
      '         The delivery stream buffers for 300 s; the scenario allows 60.',
      '         hint: Buffering hints. (https://docs.aws.amazon.com/firehose/latest/dev/buffering-hints.html)',
      '! ERROR R3 Objects are compressed & <partitioned>.',
      '         Access denied (AccessDenied). Grant s3:ListBucket (see `mllab policy`).',
      '         hint: Dynamic partitioning. (https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning.html)',
      '- SKIP  R4 Athena reads the partitions.',
      '         Skipped: R3 must pass first.',
      '',
      '1/4 requirements passed',
      '1 passed, 1 failed',
      '1 errors, 1 skipped',
      '',
    ].join('\n'),
  );
});

test('terminal: the closing line stands alone when nothing errored or was skipped; colour codes only when asked', () => {
  const clean = { ...result, summary: { passed: 1, failed: 1, errors: 0, skipped: 0 }, requirements: result.requirements.slice(0, 2) };
  expect(renderTerminal(clean, { color: false }).trimEnd().split('\n').slice(-3)).toEqual(['', '1/2 requirements passed', '1 passed, 1 failed']);
  const coloured = renderTerminal(clean, { color: true });
  expect(coloured).toContain('\u001b[32m✔ PASS \u001b[39m');
  expect(coloured).toContain('\u001b[31m✘ FAIL \u001b[39m');
  expect(coloured.trimEnd().split('\n').pop()).toBe('1 passed, 1 failed');
});

test('terminal: a replay says where the answers came from', () => {
  expect(renderTerminal(result, { color: false, replayedFrom: 'labs/x/cassettes/pass.json' }).split('\n')[0]).toBe('streaming-ingest (us-east-1, replayed from labs/x/cassettes/pass.json)');
});

test('json: the stable shape, no per-requirement timings', () => {
  const json = JSON.parse(renderJson(result, { mllabVersion: '9.9.9', replayed: true }));
  expect(Object.keys(json)).toEqual(['schemaVersion', 'mllabVersion', 'lab', 'region', 'replayed', 'startedAt', 'durationMs', 'summary', 'precondition', 'requirements']);
  expect(json).toMatchObject({ schemaVersion: 1, mllabVersion: '9.9.9', replayed: true, precondition: null });
  expect(Object.keys(json.summary)).toEqual(['passed', 'failed', 'errors', 'skipped']);
  expect(json.requirements[1]).toEqual({
    id: 'R2',
    title: 'Firehose buffers at most 60 s.',
    status: 'fail',
    findings: ['The delivery stream buffers for 300 s; the scenario allows 60.'],
    hint: 'Buffering hints.',
    docs: 'https://docs.aws.amazon.com/firehose/latest/dev/buffering-hints.html',
  });
});

test('junit: one test case per requirement, failure / error / skipped, XML escaped', () => {
  const xml = renderJunit(result);
  expect(xml).toMatch(/<testsuites tests="4" failures="1" errors="1" skipped="1"/);
  expect(xml).toMatch(/<testsuite name="mllab check streaming-ingest" time="0.812" tests="4" failures="1" errors="1" skipped="1"/);
  expect(xml.match(/<testcase /g)).toHaveLength(4);
  expect(xml).toContain('<testcase classname="mllab.streaming-ingest" name="R1 The stream is on-demand." time="0.012"');
  expect(xml).toContain('<failure message="The delivery stream buffers for 300 s; the scenario allows 60." type="requirement-failed"/>');
  expect(xml).toContain('name="R3 Objects are compressed &amp; &lt;partitioned>."');
  expect(xml).toMatch(/<error message="Access denied[^"]*" type="could-not-decide">/);
  expect(xml).toMatch(/<testcase [^>]*name="R4 Athena reads the partitions\."[^>]*>\s*<skipped\/>/);
  expect(xml).toContain('<property name="region" value="us-east-1"/>');
});
