// The java.time subset R3 uses to evaluate date projections
// (https://docs.aws.amazon.com/athena/latest/ug/partition-projection-supported-types.html).
import { DatePattern, judgeProjection, projectionEnabled, UnsupportedPattern } from '../../../labs/datalake-athena/projection';

const day = (iso: string) => Date.parse(`${iso}T00:00:00.000Z`);

test.each([
  ['yyyy-MM-dd', '2026-01-05'],
  ['yyyyMMdd', '20260105'],
  ["yyyy'/'MM'/'dd", '2026/01/05'],
  ['dd-MMM-yyyy', '05-Jan-2026'],
  ['yyyy-M-d', '2026-1-5'],
  ['yy-MM-dd', '26-01-05'],
])('%s writes and reads %s', (pattern, text) => {
  const p = new DatePattern(pattern);
  expect(p.format(day('2026-01-05'))).toBe(text);
  expect(p.parse(text)).toBe(day('2026-01-05'));
});

test('a date that does not exist is not a value of the pattern', () => {
  expect(new DatePattern('yyyy-MM-dd').parse('2026-02-30')).toBeUndefined();
});

test('the precision is the finest field: day patterns default to a one-day interval', () => {
  expect(new DatePattern('yyyy-MM-dd').precision).toBe('DAYS');
  expect(new DatePattern('yyyy-MM').precision).toBe('MONTHS');
  expect(new DatePattern('yyyy-MM-dd-HH').precision).toBe('HOURS');
});

test('letters and optional sections the check does not implement are reported, not guessed', () => {
  expect(() => new DatePattern('YYYY-MM-dd')).toThrow(UnsupportedPattern);
  expect(() => new DatePattern('yyyy-MM-dd[ HH]')).toThrow(UnsupportedPattern);
});

test('projection.enabled takes the documented value true', () => {
  expect(projectionEnabled({ 'projection.enabled': 'true' })).toBe(true);
  expect(projectionEnabled({ 'projection.enabled': 'false' })).toBe(false);
  expect(projectionEnabled(undefined)).toBe(false);
});

test('a monthly projection covers the first day of each month only', () => {
  const folders = ['2026-01-01', '2026-02-01', '2026-02-02'].map((d) => ({ url: `s3://b/t/dt=${d}/`, segments: [`dt=${d}`] }));
  const judgement = judgeProjection(
    { location: 's3://b/t/', partitionKeys: ['dt'], parameters: { 'projection.dt.type': 'date', 'projection.dt.format': 'yyyy-MM-dd', 'projection.dt.range': '2026-01-01,2026-12-31', 'projection.dt.interval.unit': 'MONTHS' } },
    folders,
    day('2026-06-01'),
  );
  expect(judgement.problems).toEqual([{ reason: expect.stringMatching(/skips these days/), folders: ['s3://b/t/dt=2026-02-02/'] }]);
});
