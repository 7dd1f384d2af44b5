import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { allLabs } from '../../labs/index';
import { ENVIRONMENT_IDS, labStackName } from '../../lib/model';
import { createLabApp, parseLabContext } from '../../lib/stack/app';
import { LabStack } from '../../lib/stack/lab-stack';

interface ValidationReport {
  pluginReports: { pluginName: string; conclusion: string; violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[] }[];
}

function errorsIn(report: ValidationReport): string[] {
  return report.pluginReports.flatMap((p) =>
    p.violations.filter((v) => v.severity === 'error').map((v) => `${p.pluginName} ${v.ruleName} at ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`),
  );
}

function stackNames(app: App): string[] {
  return app.node.children.filter((c): c is Stack => c instanceof Stack).map((s) => s.stackName);
}

describe('createLabApp', () => {
  const outdirs: string[] = [];
  const outdir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'mllab-cdkout-'));
    outdirs.push(dir);
    return dir;
  };
  afterAll(() => outdirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('synthesises one environment-only stack with -c env, validated by cdk-nag with no errors', () => {
    const dir = outdir();
    const app = createLabApp({ context: { env: 'studio' }, outdir: dir });
    expect(stackNames(app)).toEqual(['MlLab-env-studio']);
    app.synth();
    const report = JSON.parse(readFileSync(join(dir, 'validation-report.json'), 'utf8')) as ValidationReport;
    expect(errorsIn(report)).toEqual([]);
  });

  it('wires the AWS Solutions checks into the app itself, so an unacknowledged finding is reported', () => {
    const dir = outdir();
    const app = createLabApp({ context: { env: 'streaming' }, outdir: dir });
    const stack = app.node.children.find((c): c is Stack => c instanceof Stack)!;
    // A topic without TLS enforcement and without encryption: AwsSolutions-SNS2 and SNS3.
    new sns.Topic(stack, 'UncheckedTopic');
    try {
      app.synth();
    } catch {
      // Synthesis reports validation failures; the report file is what is checked here.
    }
    const report = JSON.parse(readFileSync(join(dir, 'validation-report.json'), 'utf8')) as ValidationReport;
    expect(errorsIn(report)).toEqual(expect.arrayContaining([expect.stringMatching(/^AwsSolutions AwsSolutions-SNS3 at MlLab-env-streaming\/UncheckedTopic/)]));
  });

  it('lists every registered lab, the three environment-only stacks and the class stack without lab, env or class', () => {
    const names = stackNames(createLabApp({ outdir: outdir() }));
    expect(names).toEqual([...allLabs().map((l) => labStackName(l.id)), ...ENVIRONMENT_IDS.map((e) => `MlLab-env-${e}`), 'MlLab-class']);
  });

  it('-c class=true is the instructor\'s MlLab-class stack alone, with -c classMaxConcurrency', () => {
    expect(stackNames(createLabApp({ context: { class: 'true', classMaxConcurrency: '250' }, outdir: outdir() }))).toEqual(['MlLab-class']);
    expect(() => parseLabContext({ class: 'true', classMaxConcurrency: '20000' })).toThrow('-c classMaxConcurrency');
  });

  it('passes -c budgetUsd and -c email on to the budget', () => {
    const app = createLabApp({ context: { env: 'streaming', budgetUsd: '35', email: 'me@example.com' }, outdir: outdir() });
    const stack = app.node.children.find((c): c is LabStack => c instanceof LabStack)!;
    const budget = stack.budget.budget.budget as { budgetLimit: unknown };
    expect(budget.budgetLimit).toEqual({ amount: 35, unit: 'USD' });
    expect(JSON.stringify(stack.budget.budget.notificationsWithSubscribers)).toContain('me@example.com');
  });

  it('fails on an unknown lab id with the list of known ids', () => {
    const known = allLabs().map((l) => l.id);
    expect(() => createLabApp({ context: { lab: 'no-such-lab' }, outdir: outdir() })).toThrow(
      `unknown lab 'no-such-lab'; known labs: ${known.length > 0 ? known.join(', ') : '(none registered yet)'}`,
    );
  });

  it('fails on an unknown environment', () => {
    expect(() => createLabApp({ context: { env: 'gpu' }, outdir: outdir() })).toThrow('-c env:');
  });

  it('fails when the budget is outside 1..1000 USD, naming the context key', () => {
    expect(() => parseLabContext({ budgetUsd: '0' })).toThrow('-c budgetUsd: must be between 1 and 1000 (US dollars a month) (got "0")');
    expect(() => parseLabContext({ budgetUsd: '1001' })).toThrow('-c budgetUsd');
    expect(() => parseLabContext({ budgetUsd: 'twenty' })).toThrow('must be a number');
  });

  it('fails when the email is not an email address', () => {
    expect(() => parseLabContext({ email: 'nope' })).toThrow('-c email');
  });

  it('fails when both a lab and an environment are asked for', () => {
    expect(() => parseLabContext({ lab: 'x', env: 'studio' })).toThrow('not several');
  });

  it('defaults the budget to 20 USD and scopes it to the lab tag', () => {
    expect(parseLabContext({})).toEqual({ budgetUsd: 20, budgetTagFilter: true });
    expect(parseLabContext({ budgetTagFilter: 'false' }).budgetTagFilter).toBe(false);
  });
});
