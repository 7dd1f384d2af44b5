// scripts/missed-index.ts, the build step: what it stores is what `mllab missed` loads for the
// registered labs (no in-memory rebuild), under dist/ of the package root.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allLabs } from '../../labs/index';
import { loadIndex, requirementDocuments, searchMissed, storedIndexPath } from '../../lib/missed';

const root = mkdtempSync(join(tmpdir(), 'mllab-missed-build-'));
jest.mock('../../lib/package-root', () => ({ packageRoot: () => root }));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('the build stores an index of every registered requirement that the command then uses as is', () => {
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  let printed: unknown[][];
  try {
    jest.isolateModules(() => require('../../scripts/missed-index'));
  } finally {
    printed = [...log.mock.calls];
    log.mockRestore();
  }
  const file = storedIndexPath(root);
  expect(file).toBe(join(root, 'dist', 'missed', 'index.json'));
  expect(existsSync(file)).toBe(true);
  expect(printed).toEqual([[`indexed ${requirementDocuments(allLabs()).length} requirements for mllab missed in ${join('dist', 'missed', 'index.json')}`]]);
  const docs = requirementDocuments(allLabs());
  const loaded = loadIndex(file, docs);
  expect(loaded.source).toBe('stored');
  expect(searchMissed(loaded.index, docs, 'kinesis retention', 1)[0]).toMatchObject({ lab: 'streams-vs-firehose', requirement: 'R1' });
  expect(process.exitCode ?? 0).toBe(0);
});
