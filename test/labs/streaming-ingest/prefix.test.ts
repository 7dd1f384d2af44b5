// The prefix evaluator against the examples of the Firehose documentation
// (https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html#s3-prefix-examples) and the
// DateTimeFormatter letters learners mix up.
import { evaluatePrefix, hasExpressions, parsePrefix, patternLetters, renderTimestamp } from '../../../labs/streaming-ingest/prefix';

const AT = new Date('2018-07-06T23:30:00Z');

test('renders the documented Hive-style example, in both spellings', () => {
  expect(evaluatePrefix('myPrefix/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/', AT)).toEqual({ key: 'myPrefix/year=2018/month=07/day=06/hour=23/' });
  expect(evaluatePrefix("myErrorPrefix/!{timestamp:'year='yyyy'/month='MM'/day='dd'/hour='HH}/", AT)).toEqual({ key: 'myErrorPrefix/year=2018/month=07/day=06/hour=23/' });
});

test('appends yyyy/MM/dd/HH/ to a prefix without a timestamp expression, as Firehose does', () => {
  expect(evaluatePrefix('raw/', AT)).toEqual({ key: 'raw/2018/07/06/23/' });
  expect(hasExpressions('raw/')).toBe(false);
});

test('renders the letters learners confuse with what they really mean', () => {
  const text = (pattern: string, at = AT) => (renderTimestamp(pattern, at) as { text: string }).text;
  expect(text('mm')).toBe('30');
  expect(text('hh')).toBe('11');
  expect(text('kk')).toBe('23');
  expect(text('KK')).toBe('11');
  expect(text('a')).toBe('PM');
  expect(text('DDD')).toBe('187');
  expect(text('yy')).toBe('18');
  expect(text('MMM MMMM')).toBe('Jul July');
  expect(text("yyyy''MM")).toBe("2018'07");
  // 29 December 2025 is a Monday in ISO week 1 of 2026.
  expect(text('YYYY', new Date('2025-12-29T00:00:00Z'))).toBe('2026');
  expect(text('YYYY', new Date('2025-12-27T00:00:00Z'))).toBe('2025');
  expect(renderTimestamp('EEE', AT)).toEqual({ unsupported: 'E' });
});

test('refuses what cannot give a fixed layout, saying why', () => {
  expect(evaluatePrefix('a/!{firehose:random-string}/', AT)).toMatchObject({ problem: expect.stringMatching(/random folder/) });
  expect(evaluatePrefix('a/!{firehose:error-output-type}/', AT)).toMatchObject({ problem: expect.stringMatching(/only in ErrorOutputPrefix/) });
  expect(evaluatePrefix('a/!{partitionKeyFromQuery:customer}/', AT)).toMatchObject({ problem: expect.stringMatching(/dynamic-partitioning/) });
  expect(evaluatePrefix('a/!{timestamp:EEE}/', AT)).toMatchObject({ problem: expect.stringMatching(/pattern letter 'E'/) });
});

test('parses literals and expressions, and finds unquoted letters only', () => {
  expect(parsePrefix('a/!{timestamp:yyyy}/b')).toEqual([
    { kind: 'literal', text: 'a/' },
    { kind: 'expression', namespace: 'timestamp', value: 'yyyy' },
    { kind: 'literal', text: '/b' },
  ]);
  expect([...patternLetters("'year='yyyy'/month='MM")].sort()).toEqual(['M', 'y']);
});
