#!/usr/bin/env node
// Before any SDK module loads: the SDK warns about Node 20 on every start otherwise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// required, not imported: an import would be hoisted above the line that silences the warning,
// and main loads each command's heavy modules only when that command runs (fast start-up).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { main } = require('../lib/cli/main') as typeof import('../lib/cli/main');

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
