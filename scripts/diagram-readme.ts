// Regenerates the README's picture (docs/diagram-streaming-ingest.svg): `mllab diagram` of a flawed
// streaming-ingest attempt, replayed from the lab's committed cassette, as SVG. Run it after a
// change to the diagram or to that cassette:
//   npm run build && node dist/scripts/diagram-readme.js
// test/diagram/readme-picture.test.ts fails while the committed file differs from what this writes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findLab } from '../labs';
import { loadChecks } from '../labs/checks';
import { loadDiagram } from '../labs/diagrams';
import { loadCassette, replayTransport } from '../lib/cassette';
import { CheckSession } from '../lib/check/session';
import { diagramLab, renderSvg } from '../lib/diagram';
import { packageRoot } from '../lib/package-root';

export const README_PICTURE = {
  lab: 'streaming-ingest',
  /** One subtle mistake: the prefix uses mm (minutes) and hh (12-hour clock) where MM and HH belong. */
  cassette: 'fail-month-minutes.json',
  file: join('docs', 'diagram-streaming-ingest.svg'),
} as const;

/** The picture's SVG, drawn exactly as `mllab diagram <lab> --replay <cassette> --format svg` draws it. */
export async function readmePicture(root = packageRoot()): Promise<string> {
  const lab = findLab(README_PICTURE.lab);
  const [checks, diagram] = await Promise.all([loadChecks(README_PICTURE.lab), loadDiagram(README_PICTURE.lab)]);
  if (!lab || !checks || !diagram) throw new Error(`${README_PICTURE.lab} is not registered with checks and a diagram`);
  const source = join('labs', README_PICTURE.lab, 'cassettes', README_PICTURE.cassette);
  const cassette = loadCassette(join(root, source));
  const session = new CheckSession({ region: cassette.region, transport: replayTransport(cassette, { source }) });
  try {
    const { graph } = await diagramLab(session, lab, checks, diagram, { replayedFrom: source });
    return await renderSvg(graph);
  } finally {
    session.destroy();
  }
}

async function main(): Promise<void> {
  const root = packageRoot();
  writeFileSync(join(root, README_PICTURE.file), await readmePicture(root));
  console.log(`wrote ${README_PICTURE.file}`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`diagram-readme: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
