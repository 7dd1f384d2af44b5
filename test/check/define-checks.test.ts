// A lab's checks are keyed by its manifest's requirement ids: a missing or an extra id fails to
// compile (the @ts-expect-error lines below are errors `npm run typecheck` requires) and is refused
// at load time for a manifest whose ids are not literal types.
import { defineChecks, pass } from '../../lib/check/verdicts';
import { defineLab, type LabManifest } from '../../lib/model';

const lab = defineLab({
  id: 'typed-lab',
  title: 't',
  summary: 's',
  domains: { 'MLA-C01': ['MLA-C01/D1'], 'MLS-C01': ['MLS-C01/D1'] },
  environments: ['streaming'],
  estimatedMinutes: 1,
  estimatedCostUsd: 0,
  requirements: [
    { id: 'R1', title: 'one', hint: 'h', docs: 'https://docs.aws.amazon.com/streams/latest/dev/introduction.html', reads: ['Kinesis:DescribeStreamSummary'] },
    { id: 'R2', title: 'two', hint: 'h', docs: 'https://docs.aws.amazon.com/streams/latest/dev/introduction.html', reads: ['Kinesis:DescribeStreamSummary'] },
  ],
});
const ok = async () => pass();

test('one check per requirement id is accepted', () => {
  const checks = defineChecks(lab, { R1: ok, R2: ok });
  expect(Object.keys(checks)).toEqual(['R1', 'R2']);
});

test('fails when a requirement has no check', () => {
  // @ts-expect-error R2 is missing
  expect(() => defineChecks(lab, { R1: ok })).toThrow("lab 'typed-lab': checks must match the requirements; missing R2");
});

test('fails when a check names no requirement of the manifest', () => {
  // @ts-expect-error R3 is not a requirement of the lab
  expect(() => defineChecks(lab, { R1: ok, R2: ok, R3: ok })).toThrow("lab 'typed-lab': checks must match the requirements; not in the manifest R3");
});

test('a manifest typed only as LabManifest is held to the same rule at load time', () => {
  const loose: LabManifest = lab;
  expect(() => defineChecks(loose, { R1: ok })).toThrow(/missing R2/);
});
