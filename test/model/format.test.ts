import { withThousands } from '../../lib/model';

test.each([
  [0, '0'],
  [999, '999'],
  [2000, '2,000'],
  [100000, '100,000'],
  [1234567.5, '1,234,567.5'],
  [-1234567, '-1,234,567'],
])('withThousands(%s) is %s, as toLocaleString(\'en-US\') writes it', (n, text) => {
  expect(withThousands(n)).toBe(text);
  expect(withThousands(n)).toBe(n.toLocaleString('en-US', { maximumFractionDigits: 20 }));
});
