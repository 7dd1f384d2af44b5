#!/usr/bin/env node
// CommonJS runs imports in order: the SDK warning is silenced before main (and anything it loads).
import '../lib/cli/quiet-sdk';
import { main } from '../lib/cli/main';
import { guardOutputStreams } from '../lib/cli/streams';

// A reader that goes away (`mllab list | head -1`) or a full disk is handled before anything is written.
guardOutputStreams({ stdout: process.stdout, stderr: process.stderr, exit: (code) => process.exit(code) });

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  // A getter: process.stdin opens a handle, which only a command that asks a question needs.
  get stdin() {
    return process.stdin;
  },
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // main never rejects; this is the last guard against a bug in it.
    process.stderr.write(`mllab: internal error: ${String(err)}\n`);
    process.exitCode = 70;
  },
);
