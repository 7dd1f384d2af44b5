// The check runtime, for running a lab's checks from your own scripts: `aws-ml-labs/check`.
// (A barrel at the top, like lib/index.ts: it gathers the check runtime and the cassette transports.)
// Apart from the package main because it loads SDK client packages (the session reads stack outputs).
export * from './check/types';
export { defineChecks, pass, fail, undecided, verdictFrom } from './check/verdicts';
export { CheckSession, liveTransport, type CallTransport, type SdkCall, type SessionOptions } from './check/session';
export { runLab, exitCodeOf, type CheckRunResult, type RequirementResult, type RunOptions } from './check/runner';
export { loadCassette, parseCassette, replayTransport, recordingTransport, writeCassette } from './cassette';
