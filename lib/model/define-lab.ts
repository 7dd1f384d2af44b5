import { MLA_DOMAINS, MLA_TASKS, MLS_DOMAINS } from './domains';
import type { LabManifest } from './lab';
import { isReadOnlyOperation } from './read-only';

/**
 * Builds a lab manifest and refuses an inconsistent one at load time (a programming error, caught
 * by the registry tests): requirement ids R1..Rn in order, docs links on AWS documentation,
 * read-only declared calls, prerequisites that exist and come earlier, known domains and tasks,
 * kebab-case concept tags.
 * `const` keeps the requirement ids literal, so a lab's checks are typed by them.
 */
export function defineLab<const T extends LabManifest>(lab: T): T {
  const where = `lab '${lab.id}'`;
  if (!/^[a-z][a-z0-9-]*$/.test(lab.id)) throw new Error(`${where}: id must be kebab-case`);
  const domains = [...lab.domains['MLA-C01'], ...lab.domains['MLS-C01']];
  if (lab.domains['MLA-C01'].length === 0 || lab.domains['MLS-C01'].length === 0) {
    throw new Error(`${where}: declare at least one domain of each blueprint (MLA-C01 and MLS-C01)`);
  }
  for (const d of domains) {
    if (![...MLA_DOMAINS, ...MLS_DOMAINS].includes(d as never)) throw new Error(`${where}: unknown exam domain '${d}'`);
  }
  if (lab.environments.length === 0) throw new Error(`${where}: declares no environment`);
  const seen = new Set<string>();
  lab.requirements.forEach((r, i) => {
    const expected = `R${i + 1}`;
    if (r.id !== expected) throw new Error(`${where}: requirement ${i + 1} has id '${r.id}', expected '${expected}'`);
    if (!/^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com|sagemaker\.readthedocs\.io)\//.test(r.docs)) {
      throw new Error(`${where} ${r.id}: docs must be an AWS documentation URL, got '${r.docs}'`);
    }
    if (r.reads.length === 0) throw new Error(`${where} ${r.id}: declares no reads`);
    for (const read of r.reads) {
      const [, operation] = read.split(':');
      if (!operation || !isReadOnlyOperation(operation)) throw new Error(`${where} ${r.id}: '${read}' is not a read-only call`);
    }
    for (const task of r.tasks ?? []) {
      if (!Object.prototype.hasOwnProperty.call(MLA_TASKS, task)) throw new Error(`${where} ${r.id}: unknown task statement '${task}'`);
    }
    if (new Set(r.tasks ?? []).size !== (r.tasks ?? []).length) throw new Error(`${where} ${r.id}: a task statement is declared twice`);
    // Concept tags are search terms (`mllab missed`) shared across labs: one spelling per concept.
    for (const concept of r.concepts ?? []) {
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(concept)) throw new Error(`${where} ${r.id}: concept tag '${concept}' must be kebab-case (e.g. firehose-buffering)`);
    }
    if (new Set(r.concepts ?? []).size !== (r.concepts ?? []).length) throw new Error(`${where} ${r.id}: a concept tag is declared twice`);
    for (const dep of r.dependsOn ?? []) {
      if (!seen.has(dep)) throw new Error(`${where} ${r.id}: prerequisite '${dep}' must be an earlier requirement`);
    }
    seen.add(r.id);
  });
  return lab;
}
