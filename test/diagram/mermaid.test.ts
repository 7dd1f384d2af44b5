// The Mermaid text of every lab's diagram, from every cassette, is accepted by Mermaid's own parser
// (mermaid 12, pinned), run where it runs: a page in headless Chromium (Debian's chromium, driven by
// playwright-core, no browser download, no network: the page is blank and the script a local file).
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { GraphBuilder, renderMermaid, type DiagramGraph } from '../../lib/diagram';
import { CASES, labOf } from './cases';
import { replayDiagram } from './replay';

const MERMAID = join(__dirname, '..', '..', 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  page = await browser.newPage();
  // Nothing leaves the machine: any request the page would make is refused.
  await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ path: MERMAID });
});

afterAll(async () => {
  await browser?.close();
});

/** Mermaid's verdict on `text`: its diagram type, or the parser's error. */
function parse(text: string): Promise<string> {
  return page.evaluate(async (source) => {
    try {
      const parsed = await (globalThis as any).mermaid.parse(source);
      return `ok ${parsed.diagramType}`;
    } catch (err) {
      return `error ${(err as Error).message}`;
    }
  }, text);
}

test('the parser in the page refuses a broken flowchart (so an accepted one means something)', async () => {
  expect(await parse('flowchart LR\n  n1["a" b"]')).toMatch(/^error Parse error/);
});

test.each(CASES)('%s %s: Mermaid accepts the flowchart', async (id, file) => {
  const { graph } = await replayDiagram(labOf(id), file);
  const text = renderMermaid(graph);
  expect(await parse(text)).toBe('ok flowchart-v2');
});

test('labels with quotes, angle brackets, hashes, pipes and control characters still parse', async () => {
  const g = new GraphBuilder()
    .node('a', 'prefix', 's3://b/"odd" <dir> #1 |x| \u001b[31mred', { details: ['a;b', 'c:d'] })
    .node('b', 'table', 'end', { state: 'missing' })
    .edge('a', 'b', 'say "hi" <now> #2 | pipe');
  const built = g.build(new Map([['a', ['R1']], ['a->b', ['R2']]]));
  const graph: DiagramGraph = { formatVersion: 1, lab: 'x', title: 'x', region: 'us-east-1', generatedAt: '2026-01-01T00:00:00.000Z', generic: false, requirements: [], ...built };
  expect(await parse(renderMermaid(graph))).toBe('ok flowchart-v2');
});
