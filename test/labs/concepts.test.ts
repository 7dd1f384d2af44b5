// The knowledge audit's vocabulary: every requirement of every registered lab names the MLA-C01 task
// statements it trains and the concepts a practice-exam question about it would test (issue 17).
// `mllab progress --by task`, `mllab plan` and `mllab missed` read these; a requirement without them
// would be invisible to all three.
import { allLabs } from '../../labs/index';
import { defineLab, domainOfTask, type LabManifest } from '../../lib/model';

const labs = allLabs();

describe.each(labs.map((l) => [l.id, l] as const))('%s', (_id, lab: LabManifest) => {
  test.each(lab.requirements.map((r) => [r.id, r] as const))('%s declares 1-3 task statements and 2-4 concept tags', (_rid, r) => {
    expect(r.tasks?.length ?? 0).toBeGreaterThanOrEqual(1);
    expect(r.tasks!.length).toBeLessThanOrEqual(3);
    expect(r.concepts?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(r.concepts!.length).toBeLessThanOrEqual(4);
  });

  test('every MLA-C01 domain the lab declares is trained by at least one requirement\'s task statement', () => {
    const trained = new Set(lab.requirements.flatMap((r) => (r.tasks ?? []).map(domainOfTask)));
    expect(lab.domains['MLA-C01'].filter((d) => !trained.has(d))).toEqual([]);
  });
});

test('one spelling per concept across labs: no two tags differ only by a plural or by hyphens', () => {
  const tags = [...new Set(labs.flatMap((l) => l.requirements.flatMap((r) => r.concepts ?? [])))];
  const key = (t: string) => t.split('-').map((w) => w.replace(/s$/, '')).join('');
  const byKey = new Map<string, string[]>();
  for (const t of tags) byKey.set(key(t), [...(byKey.get(key(t)) ?? []), t]);
  expect([...byKey.values()].filter((v) => v.length > 1)).toEqual([]);
});

describe('defineLab refuses', () => {
  const base = {
    id: 'x', title: 't', summary: 's', domains: { 'MLA-C01': ['MLA-C01/D1'], 'MLS-C01': ['MLS-C01/D1'] }, environments: ['streaming'], estimatedMinutes: 1, estimatedCostUsd: 0,
  } as const;
  const requirement = { id: 'R1', title: 't', hint: 'h', docs: 'https://docs.aws.amazon.com/x', reads: ['Kinesis:DescribeStreamSummary'] } as const;

  test.each([
    [{ concepts: ['Firehose_Buffering'] }, "concept tag 'Firehose_Buffering' must be kebab-case"],
    [{ concepts: ['firehose buffering'] }, "concept tag 'firehose buffering' must be kebab-case"],
    [{ concepts: ['-firehose'] }, "concept tag '-firehose' must be kebab-case"],
    [{ concepts: ['a-b', 'a-b'] }, 'a concept tag is declared twice'],
    [{ tasks: ['MLA-C01/1.1', 'MLA-C01/1.1'] }, 'a task statement is declared twice'],
    [{ tasks: ['MLA-C01/5.1'] }, "unknown task statement 'MLA-C01/5.1'"],
  ])('%j', (extra, message) => {
    expect(() => defineLab({ ...base, requirements: [{ ...requirement, ...(extra as object) }] })).toThrow(`lab 'x' R1: ${message}`);
  });

  test('accepts kebab-case tags with digits', () => {
    expect(() => defineLab({ ...base, requirements: [{ ...requirement, tasks: ['MLA-C01/1.1'], concepts: ['s3-partition-layout', 'ec2-g5'] }] })).not.toThrow();
  });
});
