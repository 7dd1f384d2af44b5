// The templates the build stores for `mllab cost` price exactly as a fresh synthesis does, and are
// used only while they match the sources; otherwise cost synthesises, and says so.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allLabs } from '../../labs';
import { estimateLabCost, pricedPart, type TemplateLike } from '../../lib/cost/estimate';
import { lookupStoredTemplates, sourceHash, templatesToPrice, writeStoredTemplates } from '../../lib/cost/stored-templates';
import { synthesizeLabTemplate } from '../../lib/cost/template';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mllab-cost-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const fresh = new Map<string, TemplateLike>();
beforeAll(() => {
  for (const lab of allLabs()) fresh.set(lab.id, synthesizeLabTemplate(lab.id));
});

test('for every lab, the stored template (as the build writes it) gives the same estimate as a fresh synthesis, in every priced region', () => {
  const file = join(dir, 'templates.json');
  writeStoredTemplates(file, Object.fromEntries([...fresh].map(([id, t]) => [id, pricedPart(t)])), 'h1');
  const stored = lookupStoredTemplates({ root: dir, file, currentHash: 'h1' });
  if (!stored.ok) throw new Error(stored.reason);
  for (const lab of allLabs()) {
    for (const region of ['us-east-1', 'us-west-2', 'eu-central-1']) {
      expect(estimateLabCost(lab, stored.templates[lab.id]!, region)).toEqual(estimateLabCost(lab, fresh.get(lab.id)!, region));
    }
  }
});

test('the templates this build stored in dist/, when they match the sources, price as a fresh synthesis does', () => {
  const stored = lookupStoredTemplates();
  // Without a build since the last change to the sources there is nothing of the build's to compare.
  if (!stored.ok) {
    expect(stored.reason).toMatch(/^dist\/cost\/templates\.json is (missing|older than the sources|from another version of mllab)$/);
    return;
  }
  for (const lab of allLabs()) expect(estimateLabCost(lab, stored.templates[lab.id]!, 'us-east-1')).toEqual(estimateLabCost(lab, fresh.get(lab.id)!, 'us-east-1'));
});

describe('lookup', () => {
  test('a missing file, a stale one, or one of another format is not used, with the reason', () => {
    expect(lookupStoredTemplates({ root: dir, currentHash: 'h' })).toEqual({ ok: false, reason: 'dist/cost/templates.json is missing' });
    const file = join(dir, 'dist', 'cost', 'templates.json');
    writeStoredTemplates(file, { a: { Resources: {} } }, 'old');
    expect(lookupStoredTemplates({ root: dir, currentHash: 'new' })).toEqual({ ok: false, reason: 'dist/cost/templates.json is older than the sources' });
    expect(lookupStoredTemplates({ root: dir, currentHash: 'old' })).toEqual({ ok: true, templates: { a: { Resources: {} } } });
    // An installed package has no sources to hash: the templates its build stored are its own.
    expect(lookupStoredTemplates({ root: dir, currentHash: undefined }).ok).toBe(true);
    writeFileSync(file, JSON.stringify({ format: 0, sourceHash: 'old', templates: {} }));
    expect(lookupStoredTemplates({ root: dir, currentHash: 'old' })).toEqual({ ok: false, reason: 'dist/cost/templates.json is from another version of mllab' });
    writeFileSync(file, '{"format": 1, "sourceHa');
    expect(lookupStoredTemplates({ root: dir, currentHash: 'old' })).toEqual({ ok: false, reason: 'dist/cost/templates.json is unreadable' });
  });

  test('stale or missing templates fall back to synthesis for every lab, with the reason told; fresh ones are never synthesised', async () => {
    const synthesised: string[] = [];
    const told: string[] = [];
    const synthesize = (id: string) => (synthesised.push(id), { Resources: { [id]: { Type: 'AWS::SNS::Topic' } } });
    const onSynthesis = (id: string, reason: string) => told.push(`${id}: ${reason}`);
    const stale = await templatesToPrice(['a', 'b'], { stored: { ok: false, reason: 'dist/cost/templates.json is older than the sources' }, synthesize, onSynthesis });
    expect(stale).toEqual([{ Resources: { a: { Type: 'AWS::SNS::Topic' } } }, { Resources: { b: { Type: 'AWS::SNS::Topic' } } }]);
    expect(told).toEqual(['a: dist/cost/templates.json is older than the sources', 'b: dist/cost/templates.json is older than the sources']);

    synthesised.length = 0;
    told.length = 0;
    const stored = { ok: true as const, templates: { a: { Resources: {} } } };
    expect(await templatesToPrice(['a'], { stored, synthesize, onSynthesis })).toEqual([{ Resources: {} }]);
    expect(synthesised).toEqual([]);
    // A lab the build did not know (added since, or a test's) is synthesised alone.
    await templatesToPrice(['a', 'c'], { stored, synthesize, onSynthesis });
    expect(synthesised).toEqual(['c']);
    expect(told).toEqual(['c: the build stored no template for c']);
  });
});

describe('sourceHash', () => {
  const write = (rel: string, text: string) => {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  beforeEach(() => {
    write('lib/stack/app.ts', 'app');
    write('labs/index.ts', 'index');
    write('labs/x/lab.ts', 'lab');
    write('labs/x/checks.ts', 'checks');
    write('labs/x/cassettes/pass.json', '{}');
    write('cdk.json', '{}');
    write('package-lock.json', '{}');
  });

  test('changes with lib, a lab manifest, cdk.json or package-lock.json; not with checks or cassettes', () => {
    const before = sourceHash(dir);
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    expect(sourceHash(dir)).toBe(before);
    write('labs/x/checks.ts', 'other checks');
    write('labs/x/cassettes/pass.json', '{"x":1}');
    expect(sourceHash(dir)).toBe(before);
    for (const [file, text] of [['lib/stack/app.ts', 'app2'], ['labs/x/lab.ts', 'lab2'], ['cdk.json', '{"context":{}}'], ['package-lock.json', '{"v":2}'], ['lib/stack/new.ts', '']]) {
      const was = sourceHash(dir);
      write(file!, text!);
      expect(`${file}: ${sourceHash(dir) === was ? 'same hash' : 'new hash'}`).toBe(`${file}: new hash`);
    }
  });

  test('is undefined where there are no sources (a package installed from its tarball)', () => {
    rmSync(join(dir, 'lib'), { recursive: true });
    expect(sourceHash(dir)).toBeUndefined();
  });

  test('costs a few milliseconds on this repository, far below the synthesis it saves', () => {
    sourceHash();
    const started = process.hrtime.bigint();
    sourceHash();
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(200);
  });
});
