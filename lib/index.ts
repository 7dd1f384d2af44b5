// The library's public surface, for using the constructs and the check runtime from your own CDK
// app or scripts. Re-exports only (STYLE.md); the CLI and the CDK app in bin/ use the modules directly.
export * from './environments/lab-bucket';
export * from './environments/studio-environment';
export * from './environments/streaming-environment';
export * from './environments/datalake-environment';
export * from './stack/lab-stack';
export * from './stack/lab-budget';
export * from './stack/guardrails';
export * from './stack/tagging';
export { createLabApp } from './stack/app';
export * from './check/types';
export { defineLab, pass, fail, undecided, verdictFrom } from './check/define-lab';
export { CheckSession, type CallTransport, type SessionOptions } from './check/session';
export { runLab, exitCodeOf, type CheckRunResult, type RequirementResult, type RunOptions } from './check/runner';
export { loadCassette, parseCassette, replayTransport, recordingTransport, writeCassette } from './cassette';
