// A lab defined only for these tests, so they never depend on which labs are registered.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { defineLab, type EnvironmentId, type LabManifest } from '../../lib/model';
import { createLabApp } from '../../lib/stack/app';

export function fixtureLab(environments: readonly EnvironmentId[] = ['studio', 'streaming', 'datalake'], instanceTypes?: readonly string[]): LabManifest {
  return defineLab({
    id: 'fixture-lab',
    title: 'Fixture lab',
    summary: 'A lab that exists only in the stack tests.',
    domains: { 'MLA-C01': ['MLA-C01/D1'], 'MLS-C01': ['MLS-C01/D1'] },
    environments,
    estimatedMinutes: 30,
    estimatedCostUsd: 1,
    ...(instanceTypes ? { instanceTypes } : {}),
    datasets: [{ dir: 'data', keyPrefix: 'fixture/', description: 'one small CSV' }],
    requirements: [
      {
        id: 'R1',
        title: 'The stream exists.',
        hint: 'See the Kinesis documentation.',
        docs: 'https://docs.aws.amazon.com/streams/latest/dev/introduction.html',
        reads: ['Kinesis:DescribeStreamSummary'],
      },
    ],
  });
}

/** A lab folder with a `data/` dataset, as labs/<id>/ would have. */
export function fixtureLabRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'mllab-fixture-'));
  mkdirSync(join(root, 'data'));
  writeFileSync(join(root, 'data', 'sample.csv'), 'a,b\n1,2\n');
  return root;
}

function validationErrorsIn(outdir: string): string[] {
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: { pluginName: string; violations: { ruleName: string; severity: string }[] }[];
  };
  return report.pluginReports.flatMap((p) => p.violations.filter((v) => v.severity === 'error').map((v) => `${p.pluginName} ${v.ruleName}`));
}

/**
 * The app of `cdk synth` (cdk.json flags, cdk-nag plugin), writing to a temporary folder; after
 * `app.synth()`, `validationErrors()` lists every error of the validation report.
 */
export function synthApp(): { app: App; validationErrors(): string[]; cleanUp(): void } {
  const outdir = mkdtempSync(join(tmpdir(), 'mllab-cdkout-'));
  const context = JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8')).context;
  const app = new App({ context, outdir });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return {
    app,
    validationErrors: () => validationErrorsIn(outdir),
    cleanUp: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/**
 * Every stack `cdk synth` makes without -c lab/env (each registered lab and the three
 * environment-only stacks), through the app's own entry point with its cdk-nag checks,
 * synthesised once; `templates` maps stack names to their templates.
 */
export function synthEveryStack(): { templates: Map<string, CfnTemplate>; validationErrors(): string[]; cleanUp(): void } {
  const outdir = mkdtempSync(join(tmpdir(), 'mllab-cdkout-'));
  const assembly = createLabApp({ outdir }).synth();
  return {
    templates: new Map(assembly.stacks.map((s) => [s.stackName, s.template as CfnTemplate])),
    validationErrors: () => validationErrorsIn(outdir),
    cleanUp: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

export interface CfnTemplate {
  readonly Resources: Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown> }>;
}
