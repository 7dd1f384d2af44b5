#!/usr/bin/env node
// The CDK app (cdk.json runs the compiled dist/bin/app.js): `npx cdk synth -c lab=<id>`.
// The CDK CLI passes `-c key=value` in CDK_CONTEXT_JSON, which `createLabApp` reads and validates: a
// value it refuses (an unknown lab, a budget out of range) is the user's mistake, so it is one line
// and exit 1, with the stack trace only under CDK_DEBUG (which `cdk --debug` sets).
import { createLabApp } from '../lib/stack/app';
import { echo, sanitize } from '../lib/cli/text';

let app;
try {
  app = createLabApp();
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  // What the user typed comes back quoted: a long value is cut, as mllab's own messages do.
  const line = message.replace(/\s*\n\s*/g, ' ').trim().replace(/(['"])([^'"]{61,})\1/g, (_, q: string, value: string) => `${q}${echo(value)}${q}`);
  process.stderr.write(`error: ${sanitize(line)}\n`);
  if (process.env.CDK_DEBUG === 'true' && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  process.exit(1);
}
app.synth();
