'use strict';
// Loads a command's bundle (dist/cli-bundle/<name>.cjs, built by
// scripts/bundle-cli.mjs) as require() would, but with the V8 code cache the
// build stores next to it (<name>.v8cache): compiling run.cjs (1.4 MB: our
// code, got, yaml, DuckDB's JavaScript API) took ~60 ms of every `restload
// run`. Node 20 has no on-disk compile cache for modules (22 has
// module.enableCompileCache), hence vm.Script and cachedData.
//
// V8 ignores a cache made by another Node version or with other V8 flags and
// compiles the source, as without one. It checks the source only by its
// length, so bundle-cli.mjs writes both files together, wrapping the source
// with this same function.
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

function compile(file, useCache) {
  const source = readFileSync(file, 'utf8');
  let cachedData;
  if (useCache) {
    try {
      cachedData = readFileSync(file.replace(/\.cjs$/, '.v8cache'));
    } catch {
      // no cache: compile as usual
    }
  }
  return new Script(`(function (exports, require, module, __filename, __dirname, __restloadImport) {${source}\n})`, { filename: file, cachedData });
}

// import() inside a vm.Script needs a callback Node 20 marks experimental
// (it prints a warning); the bundles call this one instead, made here in a
// module Node loaded itself (bundle-cli.mjs rewrites the import() of a user's
// module in src/extract/rest-api/modules.ts into a call of it).
const importModule = (specifier) => import(specifier);

function run(script, file) {
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, dirname(file), importModule);
  return mod.exports;
}

/** The exports of dist/cli-bundle/<name>.cjs. */
function loadBundle(dir, name) {
  const file = join(dir, `${name}.cjs`);
  return run(compile(file, true), file);
}

module.exports = { compile, run, loadBundle };
