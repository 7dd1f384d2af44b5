import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineLab } from '../../lib/model';
import { pass } from '../../lib/check/verdicts';
import type { LabManifest, MlaDomainId, MlsDomainId } from '../../lib/model';
import { appendRun, progressHome, progressReport, ProgressStoreError, readRuns, type ProgressRun } from '../../lib/progress';
import { runCli } from '../support/cli-harness';

function lab(id: string, mla: MlaDomainId[], mls: MlsDomainId[], requirements: number, estimatedMinutes = 30): LabManifest {
  return defineLab({
    id, title: `Lab ${id}`, summary: 's', domains: { 'MLA-C01': mla, 'MLS-C01': mls }, environments: ['streaming'], estimatedMinutes, estimatedCostUsd: 0,
    requirements: Array.from({ length: requirements }, (_, i) => ({ id: `R${i + 1}`, title: 't', hint: 'h', docs: 'https://docs.aws.amazon.com/x', reads: ['Kinesis:DescribeStreamSummary'] as const, check: async () => pass() })),
  });
}

function run(labId: string, at: string, statuses: ProgressRun['requirements'][number]['status'][]): ProgressRun {
  return { formatVersion: 1, lab: labId, region: 'us-east-1', startedAt: at, durationMs: 10, requirements: statuses.map((status, i) => ({ id: `R${i + 1}`, status })) };
}

let home: string;
beforeEach(() => (home = mkdtempSync(join(tmpdir(), 'mllab-progress-'))));
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('store', () => {
  test('MLLAB_HOME wins; otherwise the platform data directory', () => {
    expect(progressHome({ MLLAB_HOME: '/x' })).toBe('/x');
    expect(progressHome({ HOME: '/home/a' }, 'linux')).toBe('/home/a/.local/share/aws-ml-labs');
    expect(progressHome({ HOME: '/home/a', XDG_DATA_HOME: '/data' }, 'linux')).toBe('/data/aws-ml-labs');
    expect(progressHome({ HOME: '/Users/a' }, 'darwin')).toBe('/Users/a/Library/Application Support/aws-ml-labs');
    expect(progressHome({ USERPROFILE: 'C:\\Users\\a', LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32')).toBe(join('C:\\Users\\a\\AppData\\Local', 'aws-ml-labs'));
  });

  test('appends are atomic files, none lost when many are written at once; foreign files are ignored', async () => {
    await Promise.all(Array.from({ length: 50 }, (_, i) => Promise.resolve().then(() => appendRun(home, run('a', `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z`, ['pass'])))));
    writeFileSync(join(home, 'runs', 'broken.json'), '{');
    writeFileSync(join(home, 'runs', 'future.json'), JSON.stringify({ formatVersion: 2 }));
    const stored = readRuns(home);
    expect(stored.runs).toHaveLength(50);
    expect(stored.ignored).toBe(2);
    // Nothing else is left beside the runs: no temporary file of any name.
    expect(readdirSync(join(home, 'runs')).filter((n) => !n.endsWith('.json'))).toEqual([]);
    expect(readdirSync(join(home, 'runs'))).toHaveLength(52);
    expect(stored.runs[0]!.startedAt < stored.runs[49]!.startedAt).toBe(true);
  });

  test('a store that does not exist yet is empty', () => {
    expect(readRuns(join(home, 'nothing-here'))).toEqual({ runs: [], ignored: 0 });
  });
});

describe('report', () => {
  const labs = [
    lab('stream', ['MLA-C01/D1'], ['MLS-C01/D1'], 4),
    lab('train', ['MLA-C01/D2'], ['MLS-C01/D3'], 4),
    lab('deploy', ['MLA-C01/D3'], ['MLS-C01/D4'], 2, 60),
    lab('deploy-short', ['MLA-C01/D3'], ['MLS-C01/D4'], 2, 20),
  ];

  test('with equal gaps the domain that weighs more comes first; a domain with no lab comes last', () => {
    const report = progressReport(labs, []);
    const mla = report.blueprints[0]!;
    expect(mla.domains.map((d) => d.id)).toEqual(['MLA-C01/D1', 'MLA-C01/D2', 'MLA-C01/D3', 'MLA-C01/D4']);
    expect(mla.domains[3]).toMatchObject({ labs: 0, nextLab: null });
    const mls = report.blueprints[1]!;
    // D3 (36%) before D1 (20%) and D4 (20%); D2 has no lab
    expect(mls.domains.map((d) => d.id)).toEqual(['MLS-C01/D3', 'MLS-C01/D1', 'MLS-C01/D4', 'MLS-C01/D2']);
  });

  test('progress lowers a domain: requirements passed once stay passed, last attempt and next lab follow', () => {
    const runs = [
      run('stream', '2026-01-01T10:00:00.000Z', ['pass', 'pass', 'pass', 'pass']),
      // after teardown, a check fails: the lab stays completed
      run('stream', '2026-01-02T10:00:00.000Z', ['fail', 'fail', 'skipped', 'skipped']),
      run('train', '2026-01-03T10:00:00.000Z', ['pass', 'fail', 'fail', 'fail']),
    ];
    const mla = progressReport(labs, runs).blueprints[0]!;
    const byId = Object.fromEntries(mla.domains.map((d) => [d.id, d]));
    expect(byId['MLA-C01/D1']).toMatchObject({ labs: 1, labsPassed: 1, requirements: 4, requirementsPassed: 4, lastAttempt: '2026-01-02T10:00:00.000Z', weightedGap: 0, nextLab: null });
    expect(byId['MLA-C01/D2']).toMatchObject({ labsPassed: 0, requirementsPassed: 1, weightedGap: 0.195, nextLab: 'train' });
    // D3 untouched: 22% gap beats D2's 19.5%; of its two labs the shorter one is next
    expect(mla.domains.map((d) => d.id).slice(0, 3)).toEqual(['MLA-C01/D3', 'MLA-C01/D2', 'MLA-C01/D1']);
    expect(byId['MLA-C01/D3']!.nextLab).toBe('deploy-short');
  });

  test('a lab already started is suggested before an untouched one', () => {
    const runs = [run('deploy', '2026-01-01T00:00:00.000Z', ['pass', 'fail'])];
    const d3 = progressReport(labs, runs).blueprints[0]!.domains.find((d) => d.id === 'MLA-C01/D3')!;
    expect(d3.nextLab).toBe('deploy');
  });
});

describe('mllab progress', () => {
  const labs = [lab('stream', ['MLA-C01/D1'], ['MLS-C01/D1'], 2)];

  test('prints each domain of both blueprints, weakest first, with the next lab', async () => {
    appendRun(home, run('stream', '2026-02-01T00:00:00.000Z', ['pass', 'fail']));
    const out = await runCli(['progress'], { env: { MLLAB_HOME: home }, labs });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('MLA-C01: AWS Certified Machine Learning Engineer - Associate (weakest domain first)');
    expect(out.stdout).toContain('  MLA-C01/D1 Data Preparation for Machine Learning (28% of the exam)\n      labs 0/1, requirements 1/2 (50%), last attempt 2026-02-01; next: mllab show stream');
    expect(out.stdout).toContain('MLS-C01/D3 Modeling (36% of the exam): no lab trains it yet');
    expect(out.stdout.trimEnd().split('\n').pop()).toBe('Next: stream (for MLA-C01/D1 Data Preparation for Machine Learning, your weakest domain by exam weight)');
  });

  test('--json', async () => {
    const out = await runCli(['progress', '--json'], { env: { MLLAB_HOME: home }, labs });
    const json = JSON.parse(out.stdout);
    expect(json.runs).toBe(0);
    expect(json.blueprints.map((b: any) => b.id)).toEqual(['MLA-C01', 'MLS-C01']);
    expect(json.blueprints[0].domains[0]).toEqual({ id: 'MLA-C01/D1', name: 'Data Preparation for Machine Learning', weight: 0.28, labs: 1, labsPassed: 0, requirements: 2, requirementsPassed: 0, lastAttempt: null, weightedGap: 0.28, nextLab: 'stream' });
  });
});

describe('a store that cannot be written says why in words', () => {
  test.each([
    ['EROFS', 'the file system is read-only'],
    ['ENOSPC', 'the disk is full'],
    ['EACCES', 'permission denied'],
  ])('%s', (code, words) => {
    const fs = require('node:fs');
    const spy = jest.spyOn(fs, 'mkdirSync').mockImplementation(() => {
      throw Object.assign(new Error(code), { code });
    });
    try {
      expect(() => appendRun(home, run('a', '2026-01-01T00:00:00.000Z', ['pass']))).toThrow(new ProgressStoreError(`cannot save progress in ${home}: ${words} (${code}); set MLLAB_HOME to a writable directory`));
    } finally {
      spy.mockRestore();
    }
  });
});
