// After `tsc` and write-schema: bundles the CLI into dist/cli-bundle/ with
// esbuild, for start-up time. bin/restload.js runs these files (so the tests
// that spawn the CLI run them too); dist/*.js as tsc emits them stays the
// library (package.json "exports").
//
// Why (medians of 25 runs on a 2-core machine, NODE_EXTRA_CA_CERTS unset,
// `node -e 0` = 43 ms in the same loop; before = tsc output run directly):
//  - `restload --help`: 43 ms over `node -e 0` before, 20 ms after. Loading
//    commander as 7 CommonJS files from an ES module entry cost the ESM loader
//    (~10 ms), the CommonJS export lexer and the file look-ups; one CommonJS
//    file run from a CommonJS bin/restload.js costs none of these.
//  - `restload run` up to its first HTTP request (http:// mock): 611 ms over
//    `node -e 0` before, 352 ms after (with the validator's code cache, see
//    src/config/validate.ts, and the lazy http2-wrapper below): ~350 files
//    (84 of ours, got and its ~25 packages, yaml's 73) become a few; only
//    @duckdb/node-api (~180 files, ~115 ms) stays a package.
//  - Each command as one CommonJS file with a V8 code cache (step 1 and 3;
//    they were ES modules with shared chunks, which Node 20 cannot cache),
//    medians of 15 alternating runs, `node -e 0` = 138 ms: `validate` 244 ->
//    169 ms, `pipeline NAME info` 366 -> 319 ms, the incremental bench case's
//    second run (`run`, 1,000 new rows) 1065 -> 982 ms.
//
// Layout rules the code relies on:
//  - every output file sits directly in dist/cli-bundle/, two folders below
//    the package root like dist/config/ and dist/show/: the paths built from
//    import.meta.url (schemas/, assets/show/, ../config/root-validator.cjs)
//    work from both. checkLayout() below fails the build if one does not.
//  - the native part of DuckDB (@duckdb/node-bindings) is never bundled; its
//    JavaScript API is (see bundledDuckdb below). ajv is not bundled either
//    (validate.ts requires it only to explain an invalid config).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist', 'cli-bundle');
// Chunk names carry a hash: clear out the previous build's.
rmSync(OUT, { recursive: true, force: true });

const common = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Not minified: RESTLOAD_DEBUG stack traces stay readable, and minifying
  // (run.js 620 -> 290 kB) changed neither --help nor run start-up beyond
  // the noise (< 5 ms).
  sourcemap: 'linked',
  sourcesContent: false,
  // Error classes set `this.name = new.target.name`; bundling must not
  // rename them (esbuild renames clashing top-level names).
  keepNames: true,
  external: ['@duckdb/node-api'],
  logLevel: 'warning',
};

// got imports http2-wrapper, whose module body creates a TLSSocket and so
// builds the default TLS context, root certificates included: ~30-40 ms, plus
// ~10 ms for the module itself, on every run, even for an http:// API. got
// only touches http2-wrapper when a request sets `http2: true`, which restload
// never does; here got gets a stand-in that loads the real (bundled) module on
// first use. Measured on `run` up to its first request to an http:// mock:
// 445 -> 382 ms over `node -e 0` (wall, median of 21). For an https:// API the
// root certificates are still built, at the first connection instead.
const lazyHttp2Wrapper = {
  name: 'lazy-http2-wrapper',
  setup(build) {
    build.onResolve({ filter: /^http2-wrapper$/ }, (args) =>
      /[\\/]node_modules[\\/]got[\\/]/.test(args.importer)
        ? { path: 'http2-wrapper', namespace: 'lazy-http2-wrapper', pluginData: { from: dirname(args.importer) } }
        : undefined);
    build.onLoad({ filter: /.*/, namespace: 'lazy-http2-wrapper' }, (args) => ({
      resolveDir: args.pluginData.from, // the real one is found from got, as got's import would
      loader: 'js',
      contents: "let real;\nmodule.exports = new Proxy({}, { get: (_, key) => (real ??= require('http2-wrapper'))[key] });\n",
    }));
  },
};

// @duckdb/node-api is ~180 small CommonJS files: reading and compiling them
// one by one took ~90 ms of every run that opens DuckDB (profiled: the
// incremental bench case). Bundled into the commands' chunks they load as one
// file (`restload pipeline NAME info`, median of 15: 431 -> 355 ms, with
// `node -e 0` at ~130 ms in the same loop); only @duckdb/node-bindings, which
// picks and loads the native binary for the platform, stays a package. src/load/duckdb.ts loads node-api with
// createRequire (for the tsc-built library, where an ES import of it costs
// Node's CommonJS export scan); here that line becomes an import esbuild sees.
const bundledDuckdb = {
  name: 'bundled-duckdb',
  setup(build) {
    const file = join(ROOT, 'src', 'load', 'duckdb.ts');
    build.onLoad({ filter: /[\\/]src[\\/]load[\\/]duckdb\.ts$/ }, async (args) => {
      if (args.path !== file) return undefined;
      const source = readFileSync(file, 'utf8');
      const line = "createRequire(import.meta.url)('@duckdb/node-api')";
      if (!source.includes(line)) throw new Error(`bundle-cli: ${file} no longer loads @duckdb/node-api with ${line}`);
      return { loader: 'ts', contents: `import * as __restloadDuckdb from '@duckdb/node-api';\n${source.replace(line, '__restloadDuckdb')}` };
    });
  },
};

// A command bundle runs as a vm.Script (cli-bundle-loader.cjs), where import()
// has no loader; the one import() of a computed specifier (a user's module,
// config `module:` references) calls the loader's instead.
const userModuleImport = {
  name: 'user-module-import',
  setup(build) {
    const file = join(ROOT, 'src', 'extract', 'rest-api', 'modules.ts');
    build.onLoad({ filter: /[\\/]src[\\/]extract[\\/]rest-api[\\/]modules\.ts$/ }, (args) => {
      if (args.path !== file) return undefined;
      const source = readFileSync(file, 'utf8');
      const call = 'await import(spec)';
      if (!source.includes(call)) throw new Error(`bundle-cli: ${file} no longer loads user modules with ${call}`);
      return { loader: 'ts', contents: `declare const __restloadImport: (specifier: string) => Promise<unknown>;\n${source.replace(call, 'await __restloadImport(spec)')}` };
    });
  },
};

// 1. Each command with everything it imports as one CommonJS file (and
//    output.cjs for an error before any command ran), loaded through
//    cli-bundle-loader.cjs with a V8 code cache (step 3). CommonJS because
//    Node 20 can give a code cache only to a script, not to an ES module.
//    A command's errors are reported by the reportError of its own bundle
//    (src/cli/main.ts), so `instanceof RestloadError` sees the classes that
//    bundle threw.
const COMMANDS = {
  init: 'src/cli/commands/init.ts',
  run: 'src/cli/commands/run.ts',
  validate: 'src/cli/commands/validate.ts',
  pipeline: 'src/cli/commands/pipeline.ts',
  output: 'src/cli/output.ts',
};
for (const [name, entry] of Object.entries(COMMANDS)) {
  await esbuild.build({
    ...common,
    plugins: [lazyHttp2Wrapper, bundledDuckdb, userModuleImport],
    external: ['@duckdb/node-bindings'],
    entryPoints: [entry],
    format: 'cjs',
    outfile: join(OUT, `${name}.cjs`),
    // Paths built from import.meta.url (schemas/, assets/show/, the config
    // validator) are found from the bundle's own file, as from dist/<stage>/.
    define: { 'import.meta.url': '__restloadImportMetaUrl' },
    banner: { js: 'var __restloadImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
}

// 2. The entry: src/cli/main.ts (the command table) + commander as one
//    CommonJS file. main.ts imports './commands/<name>.js' and './output.js'
//    (the tsc layout); here each becomes the loader of that bundle.
const loader = join(ROOT, 'scripts', 'cli-bundle-loader.cjs');
const commandBundles = {
  name: 'command-bundles',
  setup(build) {
    build.onResolve({ filter: /^\.\/(commands\/)?[\w-]+\.js$/ }, (args) =>
      args.importer === join(ROOT, 'src', 'cli', 'main.ts')
        ? { path: args.path.split('/').pop().replace(/\.js$/, ''), namespace: 'command-bundle' }
        : undefined);
    build.onLoad({ filter: /.*/, namespace: 'command-bundle' }, (args) => {
      if (!COMMANDS[args.path]) throw new Error(`bundle-cli: main.ts imports ${args.path}, which is not built as a bundle`);
      return { resolveDir: ROOT, loader: 'js', contents: `module.exports = require(${JSON.stringify(loader)}).loadBundle(__dirname, ${JSON.stringify(args.path)});\n` };
    });
  },
};
// commander requires child_process at load for executable subcommands, which
// restload has none of: ~10 ms of every start-up, --help included.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      loader: 'js',
      contents: "let real;\nmodule.exports = new Proxy({}, { get: (_, key) => (real ??= require('node:child_process'))[key] });\n",
    }));
  },
};
await esbuild.build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  format: 'cjs',
  outfile: join(OUT, 'cli.cjs'),
  plugins: [commandBundles, lazyChildProcess],
  // `restload --version` (src/cli/main.ts): the package's own version, fixed at build time.
  define: { __RESTLOAD_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version) },
});

// esbuild escapes non-ASCII characters in strings but keeps them in the
// comments it keeps (three, from @duckdb/node-api): one such character makes
// Node decode the whole 1.4 MB file on V8's slow UTF-8 path (35 ms vs 2 ms).
// Inside a comment an escape is as readable.
for (const name of [...Object.keys(COMMANDS), 'cli']) {
  const file = join(OUT, `${name}.cjs`);
  const source = readFileSync(file, 'utf8');
  const ascii = source.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== source) writeFileSync(file, ascii);
}

// 3. V8's code cache of each bundle, made after running its top level (the
//    module bodies), so that their functions are in it too.
const require = createRequire(import.meta.url);
const { compile, run } = require(loader);
for (const name of Object.keys(COMMANDS)) {
  const file = join(OUT, `${name}.cjs`);
  const script = compile(file, false);
  run(script, file);
  writeFileSync(join(OUT, `${name}.v8cache`), script.createCachedData());
}

function checkLayout() {
  const from = (rel) => fileURLToPath(new URL(rel, pathToFileURL(join(OUT, 'x.js'))));
  for (const rel of ['../../schemas/restload.schema.json', '../../assets/show/', '../config/root-validator.cjs']) {
    if (!existsSync(from(rel))) throw new Error(`bundle-cli: ${rel} seen from dist/cli-bundle/ does not exist (${from(rel)})`);
  }
}
checkLayout();
