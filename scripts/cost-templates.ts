// Part of `npm run build`, after tsc: synthesises every lab's stack once and stores what the cost
// model reads of each template in dist/cost/templates.json, keyed by the hash of the sources, so
// `mllab cost` prices without synthesising (lib/cost/stored-templates.ts).
import { relative } from 'node:path';
import { allLabs } from '../labs';
import { pricedPart, type TemplateLike } from '../lib/cost/estimate';
import { sourceHash, storedTemplatesPath, writeStoredTemplates } from '../lib/cost/stored-templates';
import { synthesizeLabTemplate } from '../lib/cost/template';
import { packageRoot } from '../lib/package-root';

function main(): void {
  const root = packageRoot();
  const hash = sourceHash(root);
  if (!hash) throw new Error(`no sources under ${root} to hash`);
  const started = Date.now();
  const templates: Record<string, TemplateLike> = {};
  for (const lab of allLabs()) templates[lab.id] = pricedPart(synthesizeLabTemplate(lab.id));
  const file = storedTemplatesPath(root);
  writeStoredTemplates(file, templates, hash);
  console.log(`stored ${Object.keys(templates).length} price templates in ${relative(root, file)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

try {
  main();
} catch (err) {
  console.error(`cost-templates: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
