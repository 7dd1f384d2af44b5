import { MAX_LEARNERS, parseRoster, RosterError } from '../../lib/class/roster';

test('reads name, account, region and an optional role, in any column order and header spelling, with a BOM and CRLF', () => {
  const text = '\uFEFFRegion,Learner Name,Account ID,role\r\nus-east-1,Ada Lovelace,012345678901,\r\neu-west-1,"Grace, Hopper",111122223333,custom-checker\r\n\r\n';
  expect(parseRoster(text)).toEqual([
    { name: 'Ada Lovelace', account: '012345678901', region: 'us-east-1' },
    { name: 'Grace, Hopper', account: '111122223333', region: 'eu-west-1', role: 'custom-checker' },
  ]);
});

test.each([
  ['', 'empty'],
  ['name,region\nA,us-east-1\n', 'missing account'],
  ['name,account,region\nA,12345678901,us-east-1\n', 'leading zeros lost'],
  ['name,account,region\nA,123456789012,US East\n', 'is not an AWS region name'],
  ['name,account,region,role\nA,123456789012,us-east-1,bad role!\n', 'role must be an IAM role name'],
  ['name,account,region\nA,123456789012,us-east-1\nA,210987654321,us-east-1\n', "learner 'A' is also on line 2"],
  ['name,account,region\nA,123456789012,us-east-1\nB,123456789012,us-east-1\n', 'one learner per account'],
  ['name,account,region\n"unclosed,123456789012,us-east-1\n', 'not valid CSV'],
])('refuses %j: %s', (text, message) => {
  expect(() => parseRoster(text, 'class.csv')).toThrow(RosterError);
  expect(() => parseRoster(text, 'class.csv')).toThrow(message);
});

test('names at most five problems, with their lines, and counts the rest', () => {
  const rows = Array.from({ length: 8 }, (_v, i) => `L${i},1234,us-east-1`).join('\n');
  expect(() => parseRoster(`name,account,region\n${rows}\n`)).toThrow(/line 2: .*line 6: .*and 3 more/);
});

test(`refuses more than ${MAX_LEARNERS.toLocaleString('en-US')} learners`, () => {
  const rows = Array.from({ length: MAX_LEARNERS + 1 }, (_v, i) => `L${i},${String(i).padStart(12, '0')},us-east-1`).join('\n');
  expect(() => parseRoster(`name,account,region\n${rows}\n`)).toThrow('at most 10,000');
});
