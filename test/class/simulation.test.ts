// The class-check simulation: the real class-check code on a virtual clock. Figures are modelled
// time, deterministic for a seed, so they can be asserted; wall-clock time is never asserted.
import { DEFAULT_LIMITS, simulate } from '../../scripts/class-simulation';

test('30 learners locally: all checked, and the local concurrency is what they wait for', async () => {
  const report = await simulate('local', 30);
  expect(report).toMatchObject({ mode: 'local', learners: 30, checked: 30, errors: 0, binding: 'local concurrency' });
  expect(report.wallMs).toBeGreaterThan(0);
  expect(report.wallMs).toBeLessThan(10_000);
});

test('the same seed gives the same modelled time; more concurrency gives less', async () => {
  const a = await simulate('local', 40);
  const b = await simulate('local', 40);
  expect(b.wallMs).toBe(a.wallMs);
  const wide = await simulate('local', 40, { ...DEFAULT_LIMITS, localConcurrency: 40 });
  expect(wide.wallMs).toBeLessThan(a.wallMs);
});

test('on Step Functions, a low AssumeRole rate becomes the binding limit, and the state machine\'s retries still check everyone', async () => {
  const report = await simulate('step-functions', 300, { ...DEFAULT_LIMITS, stsRatePerSecond: 20 });
  expect(report).toMatchObject({ checked: 300, errors: 0, binding: 'STS AssumeRole rate' });
});

test('on Step Functions, a small MaxConcurrency is what the children wait for', async () => {
  const report = await simulate('step-functions', 200, { ...DEFAULT_LIMITS, mapMaxConcurrency: 10 });
  expect(report).toMatchObject({ checked: 200, binding: 'Map MaxConcurrency' });
});
