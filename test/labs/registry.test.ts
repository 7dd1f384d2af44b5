// Registry consistency: every registered lab is laid out the same way, so the CLI, teardown, the
// benchmark and the tests can rely on it (typescript-eslint docs.test.ts, cdk-nag Packs.test.ts).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKS, loadChecks } from '../../labs/checks';
import { LABS, allLabs, findLab } from '../../labs/index';
import { PLACEHOLDER } from '../../lib/authoring/templates';
import { exitCodeOf } from '../../lib/check/runner';
import type { LabManifest } from '../../lib/model';
import { MLA_DOMAINS, MLS_DOMAINS } from '../../lib/model';
import { LABS_DIR, replayLab } from '../support/replay';

const HEADINGS = ['Scenario', 'Requirements', 'Constraints', 'Hints', 'Check your work'];

/** Documentation hosts a requirement's `docs` may point to. */
const DOCS_URL = /^https:\/\/(docs\.aws\.amazon\.com|sagemaker\.readthedocs\.io)\/\S+$/;
/** Hints may also point to AWS pricing pages (what a choice costs is part of the choice). */
const HINT_URL = /https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com|sagemaker\.readthedocs\.io)\/[^\s)>]+/g;

/**
 * Wording that turns requirements into instructions. Code (fenced or inline) is removed first:
 * a requirement may quote a query or a name in backticks.
 */
const STEP_WORDING: readonly [RegExp, string][] = [
  [/^\s*\d+[.)]\s/m, 'a numbered step'],
  [/\bstep\s*\d+/i, '"Step N"'],
  [/\b(click|tap)(s|ed|ing)?\s+(on|the|a|an)\b/i, '"click"'],
  [/\bclick(s|ed|ing)?\s+["'*_]*[A-Z]/, '"click"'],
  [/\bnavigat(e|ing)\b/i, '"navigate"'],
  [/\bselect\b[^.\n]*\bfrom\b/i, '"select ... from"'],
  [/\b(open|sign in to|log in to|go to|in)\s+the\s+(aws\s+)?(management\s+)?console\b/i, 'a console instruction'],
];

interface Readme {
  readonly text: string;
  readonly headings: readonly string[];
  readonly sections: ReadonlyMap<string, string>;
}

function stripCode(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

function readme(labId: string): Readme {
  const text = readFileSync(join(LABS_DIR, labId, 'README.md'), 'utf8');
  const withoutFences = text.replace(/^```[\s\S]*?^```/gm, '');
  const headings = withoutFences.split('\n').filter((l) => /^#{1,6}\s/.test(l));
  const sections = new Map<string, string>();
  const parts = text.split(/^## /m).slice(1);
  for (const part of parts) {
    const newline = part.indexOf('\n');
    sections.set(part.slice(0, newline).trim(), part.slice(newline + 1));
  }
  return { text, headings, sections };
}

/** The step-by-step wording found in a README's prose, as `what: "text"`. */
function stepWordingIn(markdown: string): string[] {
  const prose = stripCode(markdown);
  return STEP_WORDING.filter(([pattern]) => pattern.test(prose)).map(([pattern, what]) => `${what}: "${prose.match(pattern)![0].trim()}"`);
}

const labFolders = readdirSync(LABS_DIR).filter((d) => statSync(join(LABS_DIR, d)).isDirectory() && existsSync(join(LABS_DIR, d, 'lab.ts')));

test('every lab folder is registered, and every registered lab has its folder', () => {
  expect(Object.keys(LABS).sort()).toEqual([...labFolders].sort());
});

test('the manifest registry and the checks registry list the same labs, in the same order', () => {
  expect(Object.keys(CHECKS)).toEqual(Object.keys(LABS));
  for (const id of labFolders) expect(existsSync(join(LABS_DIR, id, 'checks.ts'))).toBe(true);
});

test('findLab knows every registered id and nothing else', () => {
  for (const lab of allLabs()) expect(findLab(lab.id)).toBe(lab);
  expect(findLab('no-such-lab')).toBeUndefined();
  expect(findLab('toString')).toBeUndefined();
});

test('the step-wording detector flags instructions, and spares nouns and quoted code', () => {
  expect(stepWordingIn('1. Open the stream.\n')).toEqual(['a numbered step: "1."']);
  expect(stepWordingIn('Step 2: create it')).toHaveLength(1);
  expect(stepWordingIn('Then click **Create stream**.')).toEqual(['"click": "click **C"']);
  expect(stepWordingIn('click on the bucket')).toHaveLength(1);
  expect(stepWordingIn('Navigate to Kinesis.')).toHaveLength(1);
  expect(stepWordingIn('Select GZIP from the list.')).toHaveLength(1);
  expect(stepWordingIn('Open the AWS console and find it.')).toHaveLength(1);
  expect(stepWordingIn('Each click event is JSON; the clickstream lands in S3.')).toEqual([]);
  expect(stepWordingIn('A query `SELECT count(*) FROM orders` scans less.\n```\n1. quoted\n```\n')).toEqual([]);
});

describe.each(Object.entries(LABS) as [string, LabManifest][])('%s', (key, lab) => {
  test('its registry key and folder name equal its id', () => {
    expect(lab.id).toBe(key);
    expect(labFolders).toContain(lab.id);
  });

  test('its checks are exactly one per requirement of its manifest', async () => {
    const checks = await loadChecks(lab.id);
    expect(Object.keys(checks ?? {}).sort()).toEqual(lab.requirements.map((r) => r.id).sort());
    for (const check of Object.values(checks ?? {})) expect(typeof check).toBe('function');
  });

  test('declares domains of both blueprints, by known ids', () => {
    expect(lab.domains['MLA-C01'].length).toBeGreaterThan(0);
    expect(lab.domains['MLS-C01'].length).toBeGreaterThan(0);
    for (const d of lab.domains['MLA-C01']) expect(MLA_DOMAINS).toContain(d);
    for (const d of lab.domains['MLS-C01']) expect(MLS_DOMAINS).toContain(d);
  });

  test('every requirement has a title, a hint and an AWS documentation URL', () => {
    for (const r of lab.requirements) {
      expect(r.title.trim()).not.toBe('');
      expect(r.hint.trim()).not.toBe('');
      expect(r.docs).toMatch(DOCS_URL);
    }
  });

  test('README has exactly the required headings, in order, under the lab title', () => {
    const { headings } = readme(lab.id);
    expect(headings).toEqual([`# ${lab.title}`, ...HEADINGS.map((h) => `## ${h}`)]);
  });

  test('README requirement ids equal the definition\'s, in order', () => {
    const requirements = readme(lab.id).sections.get('Requirements') ?? '';
    const ids = [...requirements.matchAll(/^- \*\*(R\d+)\*\* /gm)].map((m) => m[1]);
    expect(ids).toEqual(lab.requirements.map((r) => r.id));
    // Every list item of the section is a requirement: nothing else hides between them.
    expect(requirements.split('\n').filter((l) => /^\s*[-*+]\s/.test(l) && !/^- \*\*R\d+\*\* /.test(l))).toEqual([]);
  });

  test('README hints are links to AWS documentation', () => {
    const hints = readme(lab.id).sections.get('Hints') ?? '';
    const items = hints.split('\n').filter((l) => /^[-*+]\s/.test(l));
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item.match(HINT_URL)).not.toBeNull();
  });

  test('README has no step-by-step wording', () => {
    expect(stepWordingIn(readme(lab.id).text)).toEqual([]);
  });

  test('README shows the check command, names what teardown looks for, and says what the lab costs', () => {
    const { text, sections } = readme(lab.id);
    expect(sections.get('Check your work')).toContain(`npx mllab check ${lab.id}`);
    for (const resource of lab.learnerResources ?? []) expect(text).toContain(resource.name);
    expect(sections.get('Constraints')).toMatch(/USD|\$\s?\d/);
  });

  test('nothing `mllab new lab` left to write remains (<<WRITE: ...>> markers in its files)', () => {
    const files = [...readdirSync(join(LABS_DIR, lab.id)).filter((f) => /\.(ts|md)$/.test(f)).map((f) => join(LABS_DIR, lab.id, f))];
    const left = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (line.includes(PLACEHOLDER) ? [`${file.slice(LABS_DIR.length + 1)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(left).toEqual([]);
  });

  test('its cassettes record calls (record one from a real account with `mllab check <lab> --record <file>`, or write it by hand: README "Writing a lab")', () => {
    const dir = join(LABS_DIR, lab.id, 'cassettes');
    const empty = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .filter((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { calls?: unknown[] }).calls?.length === 0);
    expect(empty.map((f) => `cassettes/${f} records no call`)).toEqual([]);
  });

  test('its passing cassette replays to all pass (exit 0), each failing cassette to at least one fail', async () => {
    const dir = join(LABS_DIR, lab.id, 'cassettes');
    expect(existsSync(join(dir, 'pass.json'))).toBe(true);
    const failing = readdirSync(dir).filter((f) => /^fail-.+\.json$/.test(f));
    expect(failing.length).toBeGreaterThan(0);
    const replay = (file: string) => replayLab(lab, file);
    const passed = await replay('pass.json');
    expect(passed.requirements.filter((r) => r.status !== 'pass').map((r) => `${r.id} ${r.status}: ${r.findings.join(' ')}`)).toEqual([]);
    expect(exitCodeOf(passed)).toBe(0);
    for (const file of failing) {
      const result = await replay(file);
      expect({ file, failed: result.summary.failed > 0 }).toEqual({ file, failed: true });
    }
  });
});
