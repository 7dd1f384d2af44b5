// The library's public surface, for using the constructs and the lab model from your own CDK app or
// scripts. Re-exports only (STYLE.md). It loads no SDK client package and no lab's checks: the check
// runtime is `aws-ml-labs/check` (lib/check/index.ts).
export * from './model';
export * from './environments/lab-bucket';
export * from './environments/studio-environment';
export * from './environments/streaming-environment';
export * from './environments/datalake-environment';
export * from './stack/lab-stack';
export * from './stack/lab-budget';
export * from './stack/guardrails';
export * from './stack/tagging';
export * from './stack/outputs';
export { createLabApp } from './stack/app';
export type { Check, CheckContext, CheckVerdict, LabChecks, RequirementStatus } from './check/types';
export { defineChecks, pass, fail, undecided, verdictFrom } from './check/verdicts';
