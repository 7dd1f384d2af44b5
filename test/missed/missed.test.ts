import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allLabs } from '../../labs/index';
import { buildIndex, labsToRedo, loadIndex, requirementDocuments, searchMissed, searchTerms, writeStoredIndex } from '../../lib/missed';
import { STUDY_LABS } from '../support/study-labs';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mllab-missed-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the registered labs answer practice-exam wording', () => {
  const docs = requirementDocuments(allLabs());
  const index = buildIndex(docs);
  const top = (words: string) => searchMissed(index, docs, words, 3).map((h) => `${h.lab} ${h.requirement}`);

  test.each([
    ['A company needs Kinesis Data Firehose to deliver data to S3 within 30 seconds. Which buffer setting should the engineer change?', 'streaming-ingest R1'],
    ['How long does a Kinesis data stream retain records by default, and how can consumers replay a day later?', 'streams-vs-firehose R1'],
    ['Several consumer applications need dedicated read throughput per shard (enhanced fan-out).', 'streams-vs-firehose R2'],
    ['Athena queries scan too much data; convert the CSV to a columnar format such as Parquet with CTAS', 'datalake-athena R5'],
    ['Forecast weekly demand for many stores with a built-in time series algorithm (DeepAR)', 'algorithm-choice R1'],
    ['Deploy a model for intermittent traffic with serverless inference and limit concurrency', 'serverless-endpoint R2'],
  ])('%s', (question, expected) => {
    expect(top(question)).toContain(expected);
    expect(top(question)[0]).toBe(expected);
  });

  test('every hit names its task statements, its concepts and the words that matched', () => {
    const [hit] = searchMissed(index, docs, 'firehose buffering', 1);
    expect(hit).toMatchObject({ lab: 'streaming-ingest', requirement: 'R1', tasks: [{ id: 'MLA-C01/1.1', name: 'Ingest and store data' }], concepts: ['firehose-buffering', 'data-freshness'] });
    expect(hit!.matched).toEqual(expect.arrayContaining(['firehose', 'buffering']));
  });
});

describe('ranking over a fixed set of labs', () => {
  const docs = requirementDocuments(STUDY_LABS);
  const index = buildIndex(docs);

  test('most relevant first, grouped into the labs to redo', () => {
    const hits = searchMissed(index, docs, 'endpoint config');
    expect(hits.map((h) => `${h.lab} ${h.requirement}`).sort()).toEqual(['deploy R1', 'deploy R2']);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
    expect(labsToRedo(hits)).toEqual([{ lab: 'deploy', requirements: hits.map((h) => h.requirement) }]);
  });

  test('a word in the concept tags outranks the same word in a hint; equal scores keep lab order', () => {
    const doc = (lab: string, hint: string, concepts: string) => ({ id: `${lab}#R1`, lab, labTitle: 'x', requirement: 'R1', title: 'A requirement.', hint, concepts, tasks: ['MLA-C01/1.1' as const] });
    const mine = [doc('a-hint', 'Read about sharding here.', 'other-thing'), doc('b-concept', 'Read the page.', 'sharding other-thing'), doc('c-concept', 'Read the page.', 'sharding other-thing')];
    expect(searchMissed(buildIndex(mine), mine, 'sharding').map((h) => h.lab)).toEqual(['b-concept', 'c-concept', 'a-hint']);
  });

  test('prefixes and small typos still find the concept', () => {
    expect(searchMissed(index, docs, 'partitioned hourly')[0]).toMatchObject({ lab: 'ingest', requirement: 'R3' });
    expect(searchMissed(index, docs, 'retenton')[0]).toMatchObject({ lab: 'ingest', requirement: 'R2' });
  });

  test('question filler is not searched; nothing relevant finds nothing', () => {
    expect(searchTerms('Which of the following should the company use?')).toEqual([]);
    expect(searchMissed(index, docs, 'quantum blockchain')).toEqual([]);
  });
});

describe('the stored index', () => {
  const docs = requirementDocuments(STUDY_LABS);

  test('used when it was built from the same manifests, with the same answers as one built now', () => {
    const file = join(dir, 'index.json');
    writeStoredIndex(file, docs);
    const loaded = loadIndex(file, docs);
    expect(loaded.source).toBe('stored');
    expect(searchMissed(loaded.index, docs, 'spot training xgboost')).toEqual(searchMissed(buildIndex(docs), docs, 'spot training xgboost'));
  });

  test('missing, unreadable or built from other manifests: built in memory, saying why', () => {
    expect(loadIndex(join(dir, 'none.json'), docs)).toMatchObject({ source: 'memory', reason: 'no stored index' });
    writeFileSync(join(dir, 'bad.json'), '{');
    expect(loadIndex(join(dir, 'bad.json'), docs)).toMatchObject({ source: 'memory', reason: 'the stored index is unreadable' });
    const file = join(dir, 'old.json');
    writeStoredIndex(file, docs.slice(1));
    const stale = loadIndex(file, docs);
    expect(stale).toMatchObject({ source: 'memory', reason: 'the stored index was built from other lab manifests' });
    // The rebuilt index knows the requirement the old one lacked.
    expect(searchMissed(stale.index, docs, 'firehose buffering')[0]).toMatchObject({ lab: 'ingest', requirement: 'R1' });
  });
});
