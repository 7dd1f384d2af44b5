import { allLabs } from '../../labs';
import { estimateLabCost, formatUsd } from '../../lib/cost/estimate';
import { synthesizeLabTemplate } from '../../lib/cost/template';
import { createLabApp } from '../../lib/stack/app';
import { runCli } from '../support/cli-harness';

const env = { ...process.env };
delete env.AWS_REGION;
delete env.AWS_DEFAULT_REGION;

test('mllab cost <lab> prints idle and to-complete figures from the synthesized stack, with no AWS call', async () => {
  const run = await runCli(['cost', 'streaming-ingest'], { env });
  expect(run.code).toBe(0);
  // One shard ($0.015) plus the lab budget, action-enabled: $0.10 a day, none of the free budget-days assumed left.
  expect(run.stdout).toMatch(/^streaming-ingest: idle \$0\.0192\*\/hour, expected \$0\.\d{4}\* to complete$/m);
  expect(run.stdout).toMatch(/AWS::Kinesis::Stream \w+: 1 x \$0\.0150\* per shard-hour/);
  expect(run.stdout).toMatch(/AWS::Budgets::BudgetsAction \w+ \(its budget MlLab-streaming-ingest becomes action-enabled\): 0\.041667 x \$0\.1000 per action-enabled budget-day \(.*assumes 0 of them are left/);
  expect(run.stdout).toMatch(/^ {2}\* rests on a price not verified against AWS's price data/m);
  expect(run.stdout).toContain('prices: us-east-1 (recorded 2026-11-25)');
});

test('--region says when the table has no prices for the region', async () => {
  const run = await runCli(['cost', 'streaming-ingest', '--region', 'eu-central-1'], { env });
  expect(run.stdout).toContain('the table has no prices for eu-central-1; us-east-1 prices used');
  expect((await runCli(['cost', 'streaming-ingest', '--region', 'us-west-2'], { env })).stdout).toContain('prices: us-west-2');
  expect((await runCli(['cost', '--region', 'moon-1'], { env })).code).toBe(2);
});

test('--markdown is the README table, with the same figures as the per-lab report', async () => {
  const run = await runCli(['cost', '--markdown'], { env });
  expect(run.code).toBe(0);
  const lines = run.stdout.split('\n');
  expect(lines[0]).toBe('| lab | idle, per hour | expected to complete |');
  for (const lab of allLabs()) {
    const e = estimateLabCost(lab, synthesizeLabTemplate(lab.id), 'us-east-1');
    const idleMark = e.idle.every((l) => l.verified) ? '' : '\\*';
    const totalMark = idleMark || !e.usage.every((l) => l.verified) ? '\\*' : '';
    expect(lines).toContain(`| \`${lab.id}\` | ${formatUsd(e.idlePerHourUsd)}${idleMark} | ${formatUsd(e.expectedToCompleteUsd)}${totalMark} |`);
  }
  // The asterisk is escaped (a bare one may open emphasis) and explained under the table.
  expect(lines.some((l) => l.startsWith("\\* rests on a price not verified against AWS's price data"))).toBe(true);
});

test('without stored templates cost synthesises, says so on stderr, and prints the same figures', async () => {
  const stored = await runCli(['cost', 'streaming-ingest', '--json'], { env });
  // A lab app given to the CLI is never priced from the build's templates.
  const synthesised = await runCli(['cost', 'streaming-ingest', '--json'], { env, io: { createLabApp } });
  expect(synthesised.code).toBe(0);
  expect(synthesised.stderr).toBe("synthesising streaming-ingest to price it (the lab app is not the built one; `npm run build` stores its template)\n");
  expect(JSON.parse(synthesised.stdout)).toEqual(JSON.parse(stored.stdout));
});
