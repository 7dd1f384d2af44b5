import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allLabs } from '../../labs';
import { runCli } from '../support/cli-harness';
import { FIXTURE_LAB } from '../support/fixture-lab';

let home: string;
beforeEach(() => (home = mkdtempSync(join(tmpdir(), 'mllab-list-'))));
afterEach(() => rmSync(home, { recursive: true, force: true }));

test('show prints the lab README from the package root', async () => {
  const lab = allLabs()[0]!;
  const run = await runCli(['show', lab.id], { env: { MLLAB_HOME: home } });
  expect(run.code).toBe(0);
  expect(run.stdout).toBe(readFileSync(join(__dirname, '..', '..', 'labs', lab.id, 'README.md'), 'utf8').replace(/\n?$/, '\n'));
});

test('show of a lab whose README is missing: exit 3, the installation is incomplete', async () => {
  const run = await runCli(['show', 'fixture-lab'], { env: { MLLAB_HOME: home }, labs: [FIXTURE_LAB] });
  expect(run.code).toBe(3);
  expect(run.stderr).toMatch(/^mllab: cannot read .*labs\/fixture-lab\/README\.md \(ENOENT\); the installation is incomplete/);
});

test('list: id, title, domains, environments, time and cost, last result', async () => {
  const run = await runCli(['list'], { env: { MLLAB_HOME: home }, labs: [FIXTURE_LAB] });
  expect(run.stdout).toBe('fixture-lab  Fixture: a replayable stream\n    MLA-C01/D1 MLS-C01/D1 | streaming | ~20 min, ~$0.05 | not attempted\n');
  const json = JSON.parse((await runCli(['list', '--json'], { env: { MLLAB_HOME: home }, labs: [FIXTURE_LAB] })).stdout);
  expect(json.labs[0]).toEqual({ id: 'fixture-lab', title: 'Fixture: a replayable stream', domains: ['MLA-C01/D1', 'MLS-C01/D1'], environments: ['streaming'], estimatedMinutes: 20, estimatedCostUsd: 0.05, lastResult: null, passed: false });
});

test('list covers every registered lab', async () => {
  const run = await runCli(['list', '--json'], { env: { MLLAB_HOME: home } });
  expect(JSON.parse(run.stdout).labs.map((l: any) => l.id)).toEqual(allLabs().map((l) => l.id));
});
