#!/usr/bin/env node
// CommonJS runs imports in order: the SDK warning is silenced before main (and anything it loads).
import '../lib/cli/quiet-sdk';
import { main } from '../lib/cli/main';

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // main never rejects; this is the last guard against a bug in it.
    process.stderr.write(`mllab: internal error: ${String(err)}\n`);
    process.exitCode = 70;
  },
);
