// Part of `npm run build`, after tsc: the full-text index `mllab missed` searches (every requirement's
// title, concept tags and hint), stored in dist/missed/index.json with the hash of what it indexed, so
// the command loads it instead of indexing at every call, and indexes in memory when it is stale.
import { relative } from 'node:path';
import { allLabs } from '../labs';
import { requirementDocuments, storedIndexPath, writeStoredIndex } from '../lib/missed';
import { packageRoot } from '../lib/package-root';

function main(): void {
  const root = packageRoot();
  const docs = requirementDocuments(allLabs());
  const file = storedIndexPath(root);
  writeStoredIndex(file, docs);
  console.log(`indexed ${docs.length} requirements for mllab missed in ${relative(root, file)}`);
}

try {
  main();
} catch (err) {
  console.error(`missed-index: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
