// `mllab missed`: from the words of a practice-exam question the learner got wrong to the requirements
// that train its concept. A minisearch full-text index over every requirement's title, concept tags
// and hint, built by `npm run build` (scripts/missed-index.ts) into dist/missed/index.json and rebuilt
// in memory when that file is missing or was built from other manifests.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import { MLA_TASKS, type LabManifest, type MlaTaskId } from '../model';

/** Bumped when the documents or the index options change, so an older build's file reads as stale. */
const FORMAT = 1;

export interface RequirementDocument {
  /** `<lab>#<requirement>`. */
  readonly id: string;
  readonly lab: string;
  readonly labTitle: string;
  readonly requirement: string;
  readonly title: string;
  readonly hint: string;
  /** The concept tags, space-separated so each tag's words are terms too. */
  readonly concepts: string;
  readonly tasks: readonly MlaTaskId[];
}

export interface MissedHit {
  readonly lab: string;
  readonly requirement: string;
  readonly title: string;
  readonly concepts: readonly string[];
  readonly tasks: readonly { readonly id: MlaTaskId; readonly name: string }[];
  readonly score: number;
  /** The index terms the question's words matched. */
  readonly matched: readonly string[];
}

/**
 * Words a question is full of that say nothing about its concept; without them "which of the
 * following should the engineer use" would match every requirement that says "the".
 */
const STOP_WORDS = new Set(
  'a an and are as at be by can could do does for from has have how in into is it its least most must need needs of on or should so than that the their them then there these they this to use uses using was what when where which while who why will with would you your following company engineer solution requirements meet data aws amazon'.split(' '),
);

const OPTIONS: Options<RequirementDocument> = {
  fields: ['title', 'concepts', 'hint', 'labTitle'],
  storeFields: [],
  processTerm: (term) => {
    const t = term.toLowerCase();
    return t.length < 2 || STOP_WORDS.has(t) ? null : t;
  },
  searchOptions: { boost: { concepts: 3, title: 2, hint: 1, labTitle: 0.5 }, prefix: (term) => term.length >= 4, fuzzy: (term) => (term.length >= 6 ? 0.2 : false), combineWith: 'OR' },
};

export function requirementDocuments(labs: readonly LabManifest[]): RequirementDocument[] {
  return labs.flatMap((lab) =>
    lab.requirements.map((r) => ({
      id: `${lab.id}#${r.id}`,
      lab: lab.id,
      labTitle: lab.title,
      requirement: r.id,
      title: r.title,
      hint: r.hint,
      concepts: (r.concepts ?? []).join(' '),
      tasks: [...(r.tasks ?? [])],
    })),
  );
}

/** What the stored index was built from: a different hash means other manifests, so a stale index. */
export function documentsHash(docs: readonly RequirementDocument[]): string {
  return createHash('sha256').update(JSON.stringify([FORMAT, docs])).digest('hex');
}

export function buildIndex(docs: readonly RequirementDocument[]): MiniSearch<RequirementDocument> {
  const index = new MiniSearch<RequirementDocument>(OPTIONS);
  index.addAll(docs as RequirementDocument[]);
  return index;
}

export function storedIndexPath(root: string): string {
  return join(root, 'dist', 'missed', 'index.json');
}

interface StoredIndex {
  readonly format: typeof FORMAT;
  readonly documentsHash: string;
  readonly index: unknown;
}

/** Writes the index the build ships, whole or not at all. */
export function writeStoredIndex(file: string, docs: readonly RequirementDocument[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const stored: StoredIndex = { format: FORMAT, documentsHash: documentsHash(docs), index: buildIndex(docs).toJSON() };
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(stored)}\n`);
  renameSync(temporary, file);
}

export type LoadedIndex = { readonly index: MiniSearch<RequirementDocument>; readonly source: 'stored' } | { readonly index: MiniSearch<RequirementDocument>; readonly source: 'memory'; readonly reason: string };

/** The stored index when it was built from these documents; otherwise one built now, with why. */
export function loadIndex(file: string, docs: readonly RequirementDocument[]): LoadedIndex {
  let stored: StoredIndex;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as StoredIndex;
  } catch (err) {
    return { index: buildIndex(docs), source: 'memory', reason: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no stored index' : 'the stored index is unreadable' };
  }
  if (stored?.format !== FORMAT || stored.documentsHash !== documentsHash(docs)) {
    return { index: buildIndex(docs), source: 'memory', reason: 'the stored index was built from other lab manifests' };
  }
  return { index: MiniSearch.loadJS(stored.index as Parameters<typeof MiniSearch.loadJS>[0], OPTIONS), source: 'stored' };
}

/** The question's words that can match anything (what is left after stop words). */
export function searchTerms(words: string): string[] {
  return MiniSearch.getDefault('tokenize')(words)
    .map((t: string) => OPTIONS.processTerm!(t))
    .filter((t: unknown): t is string => typeof t === 'string');
}

/** Requirements most relevant to the question's words first; ties by lab and requirement id. */
export function searchMissed(index: MiniSearch<RequirementDocument>, docs: readonly RequirementDocument[], words: string, limit = 10): MissedHit[] {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const results: SearchResult[] = index.search(words);
  return results
    .filter((r) => byId.has(r.id as string))
    .sort((a, b) => b.score - a.score || String(a.id).localeCompare(String(b.id), 'en', { numeric: true }))
    .slice(0, limit)
    .map((r) => {
      const doc = byId.get(r.id as string)!;
      return {
        lab: doc.lab,
        requirement: doc.requirement,
        title: doc.title,
        concepts: doc.concepts.split(' ').filter(Boolean),
        tasks: doc.tasks.map((id) => ({ id, name: MLA_TASKS[id] })),
        score: Number(r.score.toFixed(3)),
        matched: [...r.terms].sort(),
      };
    });
}

/** The labs to redo, in the order of their best hit, with the requirements that matched. */
export function labsToRedo(hits: readonly MissedHit[]): { readonly lab: string; readonly requirements: readonly string[] }[] {
  const out = new Map<string, string[]>();
  for (const h of hits) out.set(h.lab, [...(out.get(h.lab) ?? []), h.requirement]);
  return [...out].map(([lab, requirements]) => ({ lab, requirements }));
}
