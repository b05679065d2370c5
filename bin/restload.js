#!/usr/bin/env node
// CommonJS (bin/package.json says so): an ES module entry starts Node's ESM
// loader before anything runs, ~10 ms of every start-up. cli.cjs is the
// command table and commander in one file (scripts/bundle-cli.mjs); the code
// of a command is imported when that command runs, so `--help` loads nothing
// else.
'use strict';
// Node >= 22.1 caches compiled code on disk across runs; Node 20 has no such
// API and skips this.
require('node:module').enableCompileCache?.();
try {
  require.resolve('../dist/cli-bundle/cli.cjs');
} catch {
  // A checkout without a build (npm install runs it; `npm install --ignore-scripts` does not).
  process.stderr.write('error: restload is not built (dist/cli-bundle/cli.cjs is missing)\nhint: run `npm run build` in the restload folder\n');
  process.exit(2);
}
require('../dist/cli-bundle/cli.cjs');
