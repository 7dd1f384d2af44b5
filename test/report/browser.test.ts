// The HTML report in a real browser: Debian's Chromium (/usr/bin/chromium, installed by .ci/run),
// driven by playwright-core with no browser download. Opens the page `mllab report --html` wrote,
// checks what a learner sees, at phone and desktop widths, in light and dark mode, and keeps
// screenshots under test-output/report/. Page-side code is given as strings: the project's tsconfig has
// no DOM library.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { DIAGRAM_FORMAT_VERSION, storeDiagram, type DiagramGraph } from '../../lib/diagram';
import { appendRun } from '../../lib/progress';
import { runCli } from '../support/cli-harness';
import { STUDY_LABS, studyRun } from '../support/study-labs';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = resolve(__dirname, '..', '..', 'test-output', 'report');
const present = existsSync(CHROMIUM);
const suite = present ? describe : describe.skip;
if (!present) console.warn(`report browser test skipped: ${CHROMIUM} is missing (Debian's chromium package; .ci/run installs it)`);

const diagram: DiagramGraph = {
  formatVersion: DIAGRAM_FORMAT_VERSION,
  lab: 'ingest',
  title: 'Lab ingest',
  region: 'us-east-1',
  generatedAt: '2026-12-01T10:05:00.000Z',
  generic: false,
  nodes: [
    { id: 'stream', kind: 'stream', label: 'mllab-ingest-stream', details: ['24 h retention'], state: 'found', marks: ['R2'] },
    { id: 'delivery', kind: 'delivery-stream', label: 'mllab-ingest-delivery <firehose>', details: ['60 s or 5 MiB'], state: 'found', marks: [] },
  ],
  edges: [{ id: 'stream->delivery', from: 'stream', to: 'delivery', label: 'records', marks: [] }],
  requirements: [{ id: 'R2', title: 'The stream keeps records for 48 hours.', status: 'fail' }],
  notes: [],
};

suite(`the HTML report in headless Chromium (${CHROMIUM})`, () => {
  let home: string;
  let file: string;
  let browser: Browser;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'mllab-report-'));
    mkdirSync(SHOTS, { recursive: true });
    appendRun(home, studyRun('ingest', '2026-12-01T10:00:00.000Z', ['pass', 'fail', 'error', 'pass'], { R2: ['Retention is 24 hours; the scenario replays <48> hours.'] }));
    appendRun(home, studyRun('train', '2026-11-01T10:00:00.000Z', ['pass', 'pass']));
    storeDiagram(diagram, home);
    const env = { MLLAB_HOME: home };
    expect((await runCli(['plan', '--weeks', '2', '--hours-per-week', '5', '--start', '2026-12-07'], { env, labs: STUDY_LABS })).code).toBe(0);
    file = join(home, 'report.html');
    const out = await runCli(['report', '--html', file], { env, labs: STUDY_LABS });
    expect(out.stderr).toBe('');
    expect(out.stdout).toContain('(1 diagram(s), with a plan)');
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(home, { recursive: true, force: true });
  });

  /** Opens the report; collects console errors, page errors and every request made. */
  async function open(width: number, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; problems: string[]; requests: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    return { page, problems, requests };
  }

  test('headings, bars with the right values, findings, a diagram node and the plan; nothing loaded, no error', async () => {
    const { page, problems, requests } = await open(1280);
    expect(await page.locator('h1').textContent()).toBe('mllab progress report');
    expect(await page.locator('h2').allTextContents()).toEqual([
      'Progress per exam domain', 'Progress per MLA-C01 task statement', 'Labs: last result and findings', 'Diagrams of the labs checked', 'Study plan',
    ]);
    // ingest (D1): R1 and R4 passed of 4; train (D2): both passed; deploy (D3): none.
    const value = (selector: string) => page.locator(selector).getAttribute('data-value');
    expect(await value('li.bar[data-domain="MLA-C01/D1"]')).toBe('50');
    expect(await value('li.bar[data-domain="MLA-C01/D2"]')).toBe('100');
    expect(await value('li.bar[data-domain="MLA-C01/D3"]')).toBe('0');
    expect(await value('li.bar[data-task="MLA-C01/1.1"]')).toBe('50');
    expect(await value('li.bar[data-task="MLA-C01/1.2"]')).toBe('0');
    // The drawn bar is the value's share of the track.
    const bar = page.locator('li.bar[data-domain="MLA-C01/D1"]');
    const track = (await bar.locator('rect.bg').boundingBox())!;
    const fill = (await bar.locator('rect.fill').boundingBox())!;
    expect(fill.width / track.width).toBeCloseTo(0.5, 2);
    await expect(page.locator('tr[data-requirement="R2"][data-status="fail"]').first().textContent()).resolves.toContain('Retention is 24 hours; the scenario replays <48> hours.');
    const node = page.locator('figure.diagram[data-lab="ingest"] svg g#node-stream');
    expect(await node.count()).toBe(1);
    expect(await node.isVisible()).toBe(true);
    expect(await page.locator('figure.diagram[data-lab="ingest"] svg').textContent()).toContain('mllab-ingest-delivery <firehose>');
    expect(await page.locator('.plan li.week').count()).toBe(2);
    expect(problems).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.screenshot({ path: join(SHOTS, 'report-1280.png'), fullPage: true });
    await page.close();
  });

  test('375 px wide: nothing wider than the screen; the bars still fill their share', async () => {
    const { page, problems } = await open(375);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    const bar = page.locator('li.bar[data-task="MLA-C01/1.1"]');
    const track = (await bar.locator('rect.bg').boundingBox())!;
    expect(track.width).toBeGreaterThan(250);
    expect((await bar.locator('rect.fill').boundingBox())!.width / track.width).toBeCloseTo(0.5, 2);
    expect(problems).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'report-375.png'), fullPage: true });
    await page.locator('#labs').screenshot({ path: join(SHOTS, 'report-375-labs.png') });
    await page.close();
  });

  test('dark mode follows the system: dark background, light text', async () => {
    const { page } = await open(1280, 'dark');
    const [bg, fg] = await page.evaluate<string[]>('[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]');
    expect(bg).toBe('rgb(13, 17, 23)');
    expect(fg).toBe('rgb(230, 237, 243)');
    await page.screenshot({ path: join(SHOTS, 'report-1280-dark.png'), fullPage: true });
    await page.close();
  });
});
