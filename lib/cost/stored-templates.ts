// The lab templates `mllab cost` prices, synthesised once by the build (scripts/cost-templates.ts)
// rather than at every call: synthesis loads aws-cdk-lib and cdk-nag and builds the lab app, 5-7 s,
// while pricing a stored template takes milliseconds. Each entry keeps only what the cost model
// reads (estimate.ts `pricedPart`). This module must not load aws-cdk-lib: it is what keeps
// `mllab cost` fast.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { packageRoot } from '../package-root';
import type { TemplateLike } from './estimate';

/** Bumped when the file's shape changes, so an older build's file reads as stale. */
const FORMAT = 1;

export interface StoredTemplates {
  readonly format: typeof FORMAT;
  /** `sourceHash` of the sources the templates were synthesised from. */
  readonly sourceHash: string;
  readonly templates: Readonly<Record<string, TemplateLike>>;
}

/** Where the build writes the templates, under dist/ so they ship with the compiled code. */
export function storedTemplatesPath(root: string = packageRoot()): string {
  return join(root, 'dist', 'cost', 'templates.json');
}

function filesUnder(dir: string, keep: (file: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(file, keep, out);
    else if (keep(file)) out.push(file);
  }
  return out;
}

/**
 * What decides a lab's template: lib/** (the environments, the lab stack, the app), the SDK-free
 * files of labs/ (manifests and what they import; checks.ts holds SDK code only, cassettes and data
 * are not code), cdk.json (feature flags the app reads) and package-lock.json (the aws-cdk-lib
 * version). Undefined when the package has no sources to hash (installed from a tarball, dist/
 * only): its stored templates were synthesised by the build that compiled it.
 */
export function sourceHash(root: string = packageRoot()): string | undefined {
  if (!existsSync(join(root, 'lib'))) return undefined;
  const files = [
    ...filesUnder(join(root, 'lib'), () => true),
    ...filesUnder(join(root, 'labs'), (f) => f.endsWith('.ts') && !/[\\/]checks\.ts$/.test(f) && !/[\\/]cassettes[\\/]/.test(f)),
    ...['cdk.json', 'package-lock.json'].map((f) => join(root, f)).filter((f) => existsSync(f)),
  ]
    .map((f) => relative(root, f).split('\\').join('/'))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    // The name and a separator keep a renamed file, or bytes moved between files, from hashing alike.
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The stored templates, or why they cannot be used (the caller then synthesises). */
export type StoredTemplatesLookup =
  | { readonly ok: true; readonly templates: Readonly<Record<string, TemplateLike>> }
  | { readonly ok: false; readonly reason: string };

export interface LookupOptions {
  readonly root?: string;
  readonly file?: string;
  /** The hash of the installed sources; default `sourceHash(root)` (a few ms: about 140 small files). */
  readonly currentHash?: string | undefined;
}

/** Reads the stored templates if they were synthesised from the sources installed now. */
export function lookupStoredTemplates(options: LookupOptions = {}): StoredTemplatesLookup {
  const root = options.root ?? packageRoot();
  const file = options.file ?? storedTemplatesPath(root);
  let stored: StoredTemplates;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as StoredTemplates;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? `${relative(root, file)} is missing` : `${relative(root, file)} is unreadable` };
  }
  if (stored?.format !== FORMAT || typeof stored.sourceHash !== 'string' || !stored.templates || typeof stored.templates !== 'object') {
    return { ok: false, reason: `${relative(root, file)} is from another version of mllab` };
  }
  const current = 'currentHash' in options ? options.currentHash : sourceHash(root);
  if (current !== undefined && current !== stored.sourceHash) {
    return { ok: false, reason: `${relative(root, file)} is older than the sources` };
  }
  return { ok: true, templates: stored.templates };
}

/** Writes the file the build ships (whole or not at all: a reader never sees half of it). */
export function writeStoredTemplates(file: string, templates: Readonly<Record<string, TemplateLike>>, hash: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const stored: StoredTemplates = { format: FORMAT, sourceHash: hash, templates };
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(stored)}\n`);
  renameSync(temporary, file);
}

export interface PricedTemplatesOptions {
  readonly stored: StoredTemplatesLookup;
  /** Synthesises a lab's template: for a lab the stored templates lack, or all of them when stale. */
  readonly synthesize: (labId: string) => TemplateLike | Promise<TemplateLike>;
  /** Told before each synthesis, with why the stored template was not used. */
  readonly onSynthesis?: (labId: string, reason: string) => void;
}

/** The template to price for each lab, stored where it can be, synthesised where it must be. */
export async function templatesToPrice(labIds: readonly string[], options: PricedTemplatesOptions): Promise<TemplateLike[]> {
  const out: TemplateLike[] = [];
  for (const labId of labIds) {
    const stored = options.stored.ok ? options.stored.templates[labId] : undefined;
    if (stored) {
      out.push(stored);
      continue;
    }
    options.onSynthesis?.(labId, options.stored.ok ? `the build stored no template for ${labId}` : options.stored.reason);
    out.push(await options.synthesize(labId));
  }
  return out;
}
