// A lab defined only for these tests, so they never depend on which labs are registered.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineLab, pass } from '../../lib/check/define-lab';
import type { EnvironmentId, LabDefinition } from '../../lib/check/types';

export function fixtureLab(environments: readonly EnvironmentId[] = ['studio', 'streaming', 'datalake'], instanceTypes?: readonly string[]): LabDefinition {
  return defineLab({
    id: 'fixture-lab',
    title: 'Fixture lab',
    summary: 'A lab that exists only in the stack tests.',
    domains: { 'MLA-C01': ['MLA-C01/D1'], 'MLS-C01': ['MLS-C01/D1'] },
    environments,
    estimatedMinutes: 30,
    estimatedCostUsd: 1,
    ...(instanceTypes ? { instanceTypes } : {}),
    datasets: [{ dir: 'data', keyPrefix: 'fixture/', description: 'one small CSV' }],
    requirements: [
      {
        id: 'R1',
        title: 'The stream exists.',
        hint: 'See the Kinesis documentation.',
        docs: 'https://docs.aws.amazon.com/streams/latest/dev/introduction.html',
        reads: ['Kinesis:DescribeStreamSummary'],
        check: async () => pass('found'),
      },
    ],
  });
}

/** A lab folder with a `data/` dataset, as labs/<id>/ would have. */
export function fixtureLabRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'mllab-fixture-'));
  mkdirSync(join(root, 'data'));
  writeFileSync(join(root, 'data', 'sample.csv'), 'a,b\n1,2\n');
  return root;
}
