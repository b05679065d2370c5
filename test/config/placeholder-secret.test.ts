import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/errors.js';
import { redact } from '../../src/common/redact.js';
import { workspace } from '../helpers/cli.js';

const CONFIG = 'pipeline:\n  name: gh\nclient:\n  base_url: http://127.0.0.1:9/\n  auth:\n    token: ${secrets.github_token}\nresources:\n  - issues\n';
const SECRETS = '[sources.rest_api.gh]\ngithub_token = "..."\n';

test('a secret still equal to init\'s placeholder is a config error by default (run, the library), naming where it was found', () => {
  const ws = workspace({ 'c.yaml': CONFIG, '.dlt/secrets.toml': SECRETS });
  assert.throws(() => loadConfig('c.yaml', { cwd: ws.dir, env: {} }), (e: unknown) => {
    assert.ok(e instanceof ConfigError);
    assert.equal(e.exitCode, 2);
    assert.equal(e.problems.length, 1);
    const [p] = e.problems;
    assert.equal(p!.configPath, 'client.auth.token');
    assert.equal(p!.line, 6);
    assert.match(p!.message, /\$\{secrets\.github_token\} is still the placeholder "\.\.\." \(found in .*secrets\.toml \[sources\.rest_api\.gh\] github_token\)/);
    assert.match(p!.hint!, /SOURCES__REST_API__GH__GITHUB_TOKEN/);
    return true;
  });
  // Set in the environment instead, the placeholder there is named as such.
  assert.throws(() => loadConfig('c.yaml', { cwd: ws.dir, env: { GITHUB_TOKEN: '...' } }), /found in environment variable GITHUB_TOKEN/);
});

test("with placeholderSecrets: 'warn' (validate) the config loads, the problem is a warning and nothing else is reported", () => {
  const ws = workspace({ 'c.yaml': CONFIG, '.dlt/secrets.toml': SECRETS });
  const cfg = loadConfig('c.yaml', { cwd: ws.dir, env: {}, placeholderSecrets: 'warn' });
  assert.deepEqual(cfg.warnings?.map((w) => w.configPath), ['client.auth.token']);
  // The placeholder stands in for the token (so auth is not "missing a token" too) and is not masked as a secret.
  assert.deepEqual(cfg.raw.client.auth, { token: '...' });
  assert.equal(redact('a ... b'), 'a ... b');
  // A real value: no warnings.
  const ok = loadConfig('c.yaml', { cwd: ws.dir, env: { SOURCES__REST_API__GH__GITHUB_TOKEN: 'ghp_x' }, placeholderSecrets: 'warn' });
  assert.equal(ok.warnings, undefined);
});
