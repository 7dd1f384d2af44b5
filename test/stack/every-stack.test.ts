// Properties every stack of the app must have, checked on one synthesis of all of them (each
// registered lab and the three environment-only stacks), the way `cdk synth` builds them.
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { synthEveryStack, type CfnTemplate } from './fixtures';
import { LAMBDA_RUNTIME_DEPRECATION, runtimeProblem } from './lambda-runtimes';

let synth: ReturnType<typeof synthEveryStack>;
beforeAll(() => {
  synth = synthEveryStack();
});
afterAll(() => synth.cleanUp());

function resourcesOfType(type: string): { stack: string; id: string; properties: Record<string, unknown> }[] {
  return [...synth.templates].flatMap(([stack, template]: [string, CfnTemplate]) =>
    Object.entries(template.Resources)
      .filter(([, r]) => r.Type === type)
      .map(([id, r]) => ({ stack, id, properties: r.Properties ?? {} })),
  );
}

describe('every stack of the app', () => {
  it('passes the AWS Solutions checks and CloudFormation validation with no errors', () => {
    expect(synth.templates.size).toBeGreaterThan(3);
    expect(synth.validationErrors()).toEqual([]);
  });

  it('runs no Lambda function on a runtime deprecated within a year, the CDK-owned ones included', () => {
    const functions = resourcesOfType('AWS::Lambda::Function');
    // Ours (the clean-up Provider's onEvent/isComplete) and the CDK's own: the Provider framework,
    // the bucket auto-delete and default-security-group handlers, BucketDeployment.
    expect(functions.length).toBeGreaterThan(0);
    const problems = functions.flatMap(({ stack, id, properties }) => {
      const problem = runtimeProblem(String(properties.Runtime), new Date());
      return problem ? [`${stack}/${id}: ${problem}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it('runs our clean-up functions on the newest Node.js runtime aws-cdk-lib offers', () => {
    const newest = lambda.Runtime.ALL.map((r) => /^nodejs(\d+)\.x$/.exec(r.name))
      .filter((m): m is RegExpExecArray => m !== null)
      .sort((a, b) => Number(b[1]) - Number(a[1]))[0]![0];
    const ours = resourcesOfType('AWS::Lambda::Function').filter(({ properties }) => String(properties.Handler).startsWith('handler.'));
    expect(ours.length).toBeGreaterThan(0);
    expect([...new Set(ours.map(({ properties }) => properties.Runtime))]).toEqual([newest]);
  });

  it('keeps every managed policy within the 6,144-character IAM quota', () => {
    // IAM counts a managed policy's characters without white space:
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
    const policies = resourcesOfType('AWS::IAM::ManagedPolicy');
    expect(policies.length).toBeGreaterThan(0);
    const tooLarge = policies.flatMap(({ stack, id, properties }) => {
      const document = JSON.stringify(properties.PolicyDocument);
      // An unresolved reference would be measured by its CloudFormation form, not the deployed text.
      if (/"(Ref|Fn::[A-Za-z]+)"/.test(document)) return [`${stack}/${id}: references other resources, so its deployed size is unknown here`];
      const size = document.replace(/\s/g, '').length;
      return size > 6144 ? [`${stack}/${id}: ${size} characters`] : [];
    });
    expect(tooLarge).toEqual([]);
  });
});

describe('the Lambda runtime table', () => {
  const today = new Date('2026-12-01T00:00:00Z');

  it('fails a runtime deprecated within a year: nodejs22.x on 2026-12-01 (deprecated 2027-04-30)', () => {
    expect(runtimeProblem('nodejs22.x', today)).toBe('nodejs22.x is deprecated on 2027-04-30, less than a year after 2026-12-01');
    expect(runtimeProblem('nodejs20.x', today)).toMatch(/deprecated on 2026-04-30/);
  });

  it('passes a runtime deprecated more than a year later: nodejs24.x (2028-04-30)', () => {
    expect(runtimeProblem('nodejs24.x', today)).toBeUndefined();
  });

  it('fails a runtime it has no date for, pointing at the AWS page', () => {
    expect(runtimeProblem('nodejs99.x', today)).toMatch(/no deprecation date .*lambda-runtimes\.html/);
  });

  it('holds dates as ISO days', () => {
    for (const date of Object.values(LAMBDA_RUNTIME_DEPRECATION)) expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
