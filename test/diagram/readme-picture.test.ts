// The README's picture is what scripts/diagram-readme.ts draws today: regenerate it with
// `npm run build && node dist/scripts/diagram-readme.js` when this fails.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { README_PICTURE, readmePicture } from '../../scripts/diagram-readme';

const ROOT = join(__dirname, '..', '..');

test('docs/diagram-streaming-ingest.svg is the script\'s output, byte for byte', async () => {
  const committed = readFileSync(join(ROOT, README_PICTURE.file), 'utf8');
  expect(await readmePicture(ROOT)).toBe(committed);
});

test('the README shows the picture in its "See your pipeline" section, with the commands', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('### See your pipeline\n');
  expect(start).toBeGreaterThan(0);
  const section = readme.slice(start, readme.indexOf('\n#', start + 10));
  expect(section).toContain(`](${README_PICTURE.file})`);
  expect(section).toContain('mllab diagram streaming-ingest');
  expect(section).toContain('--format mermaid');
  expect(section).toContain('--format svg');
});

test('the picture marks the flawed prefix with R2, the requirement it breaks', () => {
  const svg = readFileSync(join(ROOT, README_PICTURE.file), 'utf8');
  expect(svg).toContain('id="node&#45;data" class="node kind&#45;prefix failing mark&#45;R2"');
  // What the learner's prefix writes, wrapped over two lines: minutes for the month, a 12-hour clock.
  expect(svg).toContain('>writes clickstream/year=2025/month=07/</text>');
  expect(svg).toContain('>day=29/hour=03/</text>');
});
