// When AWS Lambda deprecates each runtime a stack of this project uses, from the "Supported
// runtimes" table of https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html (column
// "Deprecation date"; Lambda later blocks creating, then updating, functions on the runtime).
// aws-cdk-lib's Runtime class carries no dates (node_modules/aws-cdk-lib/aws-lambda/lib/runtime.d.ts
// marks only runtimes already retired as @deprecated), hence this table. A runtime missing here
// makes the test fail until its date is added from that page.

/** Deprecation date (UTC) by runtime identifier. */
export const LAMBDA_RUNTIME_DEPRECATION: Readonly<Record<string, string>> = {
  'nodejs20.x': '2026-04-30',
  'nodejs22.x': '2027-04-30',
  'nodejs24.x': '2028-04-30',
  'python3.13': '2029-06-30',
};

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** Why `runtime` is not safe to deploy as of `today`, or undefined when it is. */
export function runtimeProblem(runtime: string, today: Date): string | undefined {
  const date = LAMBDA_RUNTIME_DEPRECATION[runtime];
  if (date === undefined) return `${runtime} has no deprecation date in test/stack/lambda-runtimes.ts; add it from https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html`;
  const remaining = Date.parse(`${date}T00:00:00Z`) - today.getTime();
  if (remaining < YEAR_MS) return `${runtime} is deprecated on ${date}, less than a year after ${today.toISOString().slice(0, 10)}`;
  return undefined;
}
