// A lab manifest for tests that need one or two requirements and nothing else of a real lab.
import { defineLab, type RequirementManifest } from '../../lib/model';

export function tinyLab<const R extends readonly RequirementManifest[]>(id: string, requirements: R) {
  return defineLab({
    id,
    title: `Test lab ${id}`,
    summary: 's',
    domains: { 'MLA-C01': ['MLA-C01/D1'], 'MLS-C01': ['MLS-C01/D1'] },
    environments: ['streaming'],
    estimatedMinutes: 5,
    estimatedCostUsd: 0,
    requirements,
  });
}
