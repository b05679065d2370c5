// What a new user gets from `npm pack` + `npm install ./restload-<version>.tgz` in a project made
// by `npm init -y` ("type": "commonjs"), checked offline: the tarball is unpacked into the
// project's node_modules as npm would, and restload's production dependencies (never its dev
// ones, so a runtime import of a build tool fails here) are linked from this checkout's
// node_modules instead of being downloaded. The real `npm install` of the tarball, which needs
// the registry, is the manual check in README "A new project".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { query, ROOT, workspace, type CliResult } from '../helpers/cli.js';
import { startGithubMock } from '../helpers/github-mock.js';
import { startPokeApi } from '../helpers/pokeapi-mock.js';

const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const TSX = import.meta.resolve('tsx');

function exec(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1', RESTLOAD_PIPELINES_DIR: join(cwd, '.pipelines'), ...env }, shell: process.platform === 'win32' && cmd === 'npm' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The ```ts block of README "The TypeScript library". */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The TypeScript library'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(code?.includes("from 'restload'"), 'README has the TypeScript example');
  return code!;
}

/** The top-level packages of package-lock.json that an install without dev dependencies has. */
function productionPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  return Object.entries(lock.packages)
    .filter(([key, meta]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(key) && !meta.dev)
    .map(([key]) => key.slice('node_modules/'.length))
    .filter((name) => existsSync(join(ROOT, 'node_modules', name))); // optional ones for other platforms are absent
}

test('the packed tarball in an `npm init -y` project: bin, --version, the PokeAPI example, the library from .mts, .ts with "type": "module", and require()', { timeout: 300_000 } /* ~26 s alone; ~95 s inside the full suite on a busy 2-core machine */, async () => {
  const ws = workspace();
  const packed = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', ws.dir], ROOT);
  assert.equal(packed.code, 0, packed.stderr);
  const [{ filename, files }] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string; mode: number }[] }];
  const paths = new Set(files.map((f) => f.path));
  for (const needed of ['bin/restload.js', 'bin/package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/require.cjs', 'dist/cli-bundle/cli.cjs', 'dist/cli-bundle/run.cjs', 'schemas/restload.schema.json', 'examples/pokemon.yaml', 'examples/quickstart/merge.ts']) {
    assert.ok(paths.has(needed), `${needed} is in the tarball`);
  }
  assert.ok(![...paths].some((p) => p.startsWith('src/') || p.startsWith('test/') || p.endsWith('.duckdb')), 'no sources, tests or databases');
  assert.ok((files.find((f) => f.path === 'bin/restload.js')!.mode & 0o111) !== 0, 'bin/restload.js is executable');

  // The project `npm init -y` writes, with the tarball unpacked where npm would put it.
  const project = join(ws.dir, 'app');
  const nm = join(project, 'node_modules');
  mkdirSync(join(nm, 'restload'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', main: 'index.js', type: 'commonjs', dependencies: { restload: `file:../${filename}` } }, null, 2));
  const untar = await exec('tar', ['-xzf', join(ws.dir, filename), '-C', join(nm, 'restload'), '--strip-components=1'], ws.dir);
  assert.equal(untar.code, 0, untar.stderr);
  for (const name of [...productionPackages(), '@types/node']) {
    mkdirSync(dirname(join(nm, name)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), join(nm, name), 'junction');
  }
  mkdirSync(join(nm, '.bin'));
  const bin = join(nm, '.bin', process.platform === 'win32' ? 'restload.js' : 'restload');
  symlinkSync('../restload/bin/restload.js', bin);
  const restload = (args: string[], env?: Record<string, string>) =>
    process.platform === 'win32' ? exec(process.execPath, [bin, ...args], project, env) : exec(bin, args, project, env);

  // npx in this project sets npm_package_version=1.0.0 (the project's); restload prints its own.
  const version = await restload(['--version'], { npm_package_version: '1.0.0' });
  assert.equal(version.code, 0, version.stderr);
  assert.equal(version.stdout, `${PKG.version}\n`);

  // The README's main job, from the packed examples/, with base_url on a PokeAPI mock.
  const poke = await startPokeApi({ pokemon: 25, berry: 3, location: 2 });
  const gh = await startGithubMock(12);
  try {
    const yaml = readFileSync(join(nm, 'restload', 'examples', 'pokemon.yaml'), 'utf8').replace('https://pokeapi.co/api/v2/', `${poke.base}/api/v2/`);
    writeFileSync(join(project, 'pokemon.yaml'), yaml);
    const run = await restload(['run', 'pokemon.yaml']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /pokemon\s+25/);
    assert.equal((await query<{ n: bigint }>(join(project, 'pokemon.duckdb'), 'select count(*) n from pokemon_data.berry'))[0]!.n, 3n);

    // The README's TypeScript example, as it says to run it in this "type": "commonjs" project: as .mts.
    const example = readmeExample().replaceAll('https://api.github.com', gh.url).replaceAll('https://pokeapi.co/api/v2/', `${poke.base}/api/v2/`);
    writeFileSync(join(project, 'index.mts'), example);
    const mts = await exec(process.execPath, ['--import', TSX, 'index.mts'], project);
    assert.equal(mts.code, 0, mts.stderr);
    assert.match(mts.stdout, /Pipeline github_issues load step completed/);
    assert.match(mts.stdout, /Normalized data for the following tables:\n- issues: 12 row\(s\)/);
    const db = join(project, 'github_issues.duckdb');
    const counts = async () => (await query<{ n: bigint; d: bigint; b: bigint }>(db, 'select count(*) n, count(distinct id) d, (select count(*) from github_data.berry) b from github_data.issues'))[0];
    assert.deepEqual(await counts(), { n: 12n, d: 12n, b: 3n });

    // Its types come from the tarball: tsc checks the example as a user's project would.
    const tsc = await exec(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict', '--module', 'nodenext', '--target', 'es2022', '--types', 'node', 'index.mts'], project);
    assert.equal(tsc.code, 0, tsc.stdout + tsc.stderr);

    // From CommonJS code: require() where Node can load an ES module that way, else a message saying what to do.
    writeFileSync(join(project, 'index.cjs'), "const { pipeline, restApiSource } = require('restload');\nconsole.log(typeof pipeline, typeof restApiSource);\n");
    const cjs = await exec(process.execPath, ['index.cjs'], project);
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    if ((major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 23) {
      assert.equal(cjs.code, 0, cjs.stderr);
      assert.equal(cjs.stdout, 'function function\n');
    } else {
      assert.notEqual(cjs.code, 0);
      assert.match(cjs.stderr, /restload is an ES module.*await import\('restload'\)/);
    }

    // Or "type": "module", and the example keeps its .ts name.
    writeFileSync(join(project, 'package.json'), readFileSync(join(project, 'package.json'), 'utf8').replace('"type": "commonjs"', '"type": "module"'));
    writeFileSync(join(project, 'index.ts'), example);
    const ts = await exec(process.execPath, ['--import', TSX, 'index.ts'], project);
    assert.equal(ts.code, 0, ts.stderr);
    assert.match(ts.stdout, /Pipeline github_issues load step completed/);
    assert.deepEqual(await counts(), { n: 12n, d: 12n, b: 6n }); // issues merged on id; berry appended again
  } finally {
    await poke.close();
    await gh.close();
  }
  assert.ok(statSync(join(ws.dir, filename)).size > 0);
});
