import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, workspace } from '../helpers/cli.js';
import { json, serve } from '../helpers/server.js';

const PACKAGE_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

test('restload --version prints the version in package.json, also under npx in a project of another version', async () => {
  const ws = workspace();
  for (const flag of ['--version', '-V']) {
    const r = await runCli([flag], { cwd: ws.dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${PACKAGE_VERSION}\n`);
  }
  // npx / npm run set npm_package_version to the version of the project they run in.
  const npx = await runCli(['--version'], { cwd: ws.dir, env: { npm_package_version: '1.0.0' } });
  assert.equal(npx.stdout, `${PACKAGE_VERSION}\n`);
});

/** A project as `restload init rest_api duckdb` writes it, with github.yaml pointed at `base`. */
async function initProject(base?: string) {
  const ws = workspace();
  const r = await runCli(['init', 'rest_api', 'duckdb'], { cwd: ws.dir });
  assert.equal(r.code, 0, r.stderr);
  if (base) {
    const yaml = readFileSync(join(ws.dir, 'github.yaml'), 'utf8');
    ws.write('github.yaml', yaml.replace('https://api.github.com/repos/dlt-hub/dlt/', `${base}/repos/dlt-hub/dlt/`));
  }
  return ws;
}

test('validate on the project init just wrote: ok, and a warning naming the placeholder secret and where to set it', async () => {
  const ws = await initProject();
  const r = await runCli(['validate', 'github.yaml'], { cwd: ws.dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'ok\n');
  assert.match(r.stderr, /^warning: github\.yaml:13:\d+ \(client\.auth\.token\)/m);
  assert.match(r.stderr, /\$\{secrets\.github_token\} is still the placeholder "\.\.\."/);
  assert.match(r.stderr, /\.dlt[\\/]secrets\.toml \[sources\.rest_api\.github\] github_token/);
  assert.match(r.stderr, /SOURCES__REST_API__GITHUB__GITHUB_TOKEN/);
  assert.match(r.stderr, /restload run` stops here/);

  const j = await runCli(['validate', 'github.yaml', '--json'], { cwd: ws.dir });
  assert.equal(j.code, 0, j.stderr);
  const out = JSON.parse(j.stdout) as { ok: boolean; warnings: { configPath: string; message: string }[] };
  assert.equal(out.ok, true);
  assert.deepEqual(out.warnings.map((w) => w.configPath), ['client.auth.token']);

  // With the token set, nothing to warn about.
  const set = await runCli(['validate', 'github.yaml'], { cwd: ws.dir, env: { SOURCES__REST_API__GITHUB__GITHUB_TOKEN: 'ghp_real' } });
  assert.equal(set.code, 0, set.stderr);
  assert.equal(set.stderr, '');
});

test('run on the project init just wrote stops before fetching (exit 2), naming the secret and where to set it', async () => {
  const api = await serve((_req, res) => json(res, []));
  const ws = await initProject(api.url);
  try {
    const r = await runCli(['run', 'github.yaml'], { cwd: ws.dir });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /github\.yaml:13:\d+ \(client\.auth\.token\)/);
    assert.match(r.stderr, /\$\{secrets\.github_token\} is still the placeholder "\.\.\." \(found in .*\.dlt[\\/]secrets\.toml \[sources\.rest_api\.github\] github_token\)/);
    assert.match(r.stderr, /hint: .*SOURCES__REST_API__GITHUB__GITHUB_TOKEN/);
    assert.doesNotMatch(r.stderr, /at .*\.c?js:\d+/, 'no stack trace');
    assert.equal(api.seen.length, 0, 'nothing was fetched');
    assert.deepEqual(readdirSync(ws.dir).filter((f) => f.includes('.duckdb')), [], 'no DuckDB file written');

    // With a token the same project runs, and the token is sent.
    const ok = await runCli(['run', 'github.yaml'], { cwd: ws.dir, env: { SOURCES__REST_API__GITHUB__GITHUB_TOKEN: 'ghp_real' } });
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(api.seen[0]!.headers.authorization, 'Bearer ghp_real');
  } finally {
    await api.close();
  }
});

test("init's .dlt/config.toml sets nothing restload ignores (no [runtime] log_level)", async () => {
  const ws = await initProject();
  const text = readFileSync(join(ws.dir, '.dlt', 'config.toml'), 'utf8');
  assert.ok(existsSync(join(ws.dir, '.dlt', 'config.toml')));
  // Every line is a comment or blank: the file documents ${config.*} lookups and sets no value.
  assert.deepEqual(text.split('\n').filter((l) => l.trim() && !l.trimStart().startsWith('#')), []);
  assert.doesNotMatch(text, /^\s*log_level/m);
});
