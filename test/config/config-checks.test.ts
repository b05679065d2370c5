// Issue 14, the config side: what dlt refuses or accepts when it builds a
// source, checked by `validate` as well as `run` (src/config/check-components.ts,
// src/config/check-placeholders.ts), and placeholders read as Python's
// str.format reads them (src/config/placeholders.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IncrementalCursor } from '../../src/extract/incremental.js';
import { buildRequest } from '../../src/extract/rest-api/request-builder.js';
import { runCli, workspace } from '../helpers/cli.js';
import { accepts, BASE, rejects, resource } from '../dlt-suite/configurations/helpers.js';

test('config checks: a base_url that is not an http(s) URL is a config error at its line', async (t) => {
  const cases: [string, RegExp][] = [
    ['htp://api.example.com/v1/', /scheme "htp"; did you mean "http" or "https"/],
    ['127.0.0.1:8080/v1/', /not a valid URL|scheme/],
    ['localhost:8080/v1/', /scheme "localhost"/],
    ['https://my host/v1/', /not a valid URL/],
    ['ftp://files.example.com/', /scheme "ftp"/],
  ];
  for (const [baseUrl, expect] of cases) {
    await t.test(baseUrl, () => {
      const p = rejects(`client:\n  base_url: "${baseUrl}"\nresources:\n  - posts\n`, expect, 'client.base_url');
      assert.equal(p.line, 2);
    });
  }
  await t.test('a missing scheme gets the hint to add one', () => {
    const p = rejects({ client: { base_url: '127.0.0.1:8080/v1/' }, resources: ['posts'] }, /./, 'client.base_url');
    assert.match(p.hint ?? '', /https:\/\/127\.0\.0\.1:8080\/v1\//);
  });
  for (const ok of ['https://api.example.com', 'http://127.0.0.1:8080/v1/', 'https://api.example.com/v2/?key=1']) {
    await t.test(`${ok} is fine`, () => {
      accepts({ client: { base_url: ok }, resources: ['posts'] });
    });
  }
});

test('config checks: `restload validate` refuses a bad base_url with exit 2 and the line, no stack trace', async () => {
  const ws = workspace({ 'bad.yaml': 'client:\n  base_url: 127.0.0.1:8080/v1/\nresources:\n  - posts\n' });
  const r = await runCli(['validate', 'bad.yaml'], { cwd: ws.dir });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /bad\.yaml:2:\d+ \(client\.base_url\)/);
  assert.doesNotMatch(r.stderr, /bug in restload|at .*\.js:\d+/);
});

test('config checks: client.headers are sent as written, endpoint headers are templates', () => {
  const loaded = accepts({
    client: { base_url: BASE, headers: { 'X-Literal': '{resources.posts.id}', 'X-Braces': '{{braces}}', 'X-Lone': 'a}b' } },
    resources: ['posts', { name: 'comments', endpoint: { path: 'posts/{resources.posts.id}/comments', headers: { 'X-Post': '{resources.posts.id}', 'X-Esc': '{{x}}' } } }],
  });
  const r = resource(loaded, 'comments');
  const req = buildRequest(r, { resource: 'posts', item: { id: 7 } }, undefined);
  assert.deepEqual(req.headers, { 'X-Literal': '{resources.posts.id}', 'X-Braces': '{{braces}}', 'X-Lone': 'a}b', 'X-Post': '7', 'X-Esc': '{x}' });
  assert.equal(resource(loaded, 'posts').parent, undefined, 'client headers make no resource a child');
});

test('config checks: a placeholder naming no context is a config error at the key that holds it', async (t) => {
  const cases: [Record<string, unknown>, RegExp, string][] = [
    [{ path: 'c', params: { x: '{unknown.posts.id}' } }, /placeholder \{unknown\.posts\.id\} in params is not valid/, 'resources[1].endpoint.params.x'],
    [{ path: 'c', json: { q: { nested: ['{unknown.posts.id}'] } } }, /in json is not valid/, 'resources[1].endpoint.json.q.nested[0]'],
    [{ path: 'c', headers: { 'X-A': '{posts.id}' } }, /in headers is not valid/, 'resources[1].endpoint.headers.X-A'],
    [{ path: 'c', params: { x: '{resources.posts}' } }, /expected resources\.<resource>\.<field>/, 'resources[1].endpoint.params.x'],
    [{ path: 'c', params: { x: 'a}b' } }, /Single '\}'/, 'resources[1].endpoint.params.x'],
    [{ path: 'c', params: { x: '{resources.posts.id!x}' } }, /Unknown conversion specifier x/, 'resources[1].endpoint.params.x'],
    [{ path: 'c', params: { x: '{resources.posts.id:zz}' } }, /Invalid format specifier/, 'resources[1].endpoint.params.x'],
    [{ path: 'c', params: { since: '{incremental.start_value}' } }, /needs an incremental block/, 'resources[1].endpoint.params.since'],
    [{ path: 'c', incremental: { cursor_path: 'u' }, params: { since: '{incremental.nope}' } }, /unknown placeholder \{incremental\.nope\}/, 'resources[1].endpoint.params.since'],
  ];
  for (const [endpoint, expect, path] of cases) {
    await t.test(path + ' ' + JSON.stringify(endpoint), () => {
      rejects({ client: { base_url: BASE }, resources: ['posts', { name: 'comments', endpoint }] }, expect, path);
    });
  }
  await t.test('a placeholder written in resource_defaults is reported there', () => {
    rejects(
      { client: { base_url: BASE }, resource_defaults: { endpoint: { params: { x: '{unknown.y}' } } }, resources: ['posts', { name: 'c', endpoint: { params: { own: 1 } } }] },
      /in params is not valid/,
      'resource_defaults.endpoint.params.x',
    );
  });
});

test('config checks: a legacy incremental param gives no {incremental.*} context, as in dlt', () => {
  rejects(
    { client: { base_url: BASE }, resources: [{ name: 'p', endpoint: { path: 'p', params: { since: { type: 'incremental', cursor_path: 'u', initial_value: 1 }, x: '{incremental.start_value}' } } }] },
    /needs an incremental block/,
    'resources[0].endpoint.params.x',
  );
});

test('config checks: {incremental.lag} and format specs render as in dlt', () => {
  const loaded = accepts({
    client: { base_url: BASE },
    resources: [
      'posts',
      {
        name: 'comments',
        endpoint: {
          path: 'posts/{resources.posts.id:>5}/c',
          incremental: { cursor_path: 'updated', initial_value: 1.5, lag: 30 },
          params: { lag: '{incremental.lag}', padded: '{resources.posts.id:03d}', repr: '{resources.posts.name!r}', start: '{incremental.start_value:.2f}', flag: 'is {resources.posts.ok}' },
          json: { id: '{resources.posts.id}', s: '{resources.posts.id!s}', nothing: '{incremental.end_value}' },
        },
      },
    ],
  });
  const r = resource(loaded, 'comments');
  const req = buildRequest(r, { resource: 'posts', item: { id: 7, name: 'x', ok: true } }, new IncrementalCursor(r.endpoint.incremental!, r.name));
  assert.equal(req.url, 'posts/    7/c');
  assert.equal(req.params.lag, 30);
  assert.equal(req.params.padded, '007');
  assert.equal(req.params.repr, "'x'");
  assert.equal(req.params.start, '1.50');
  assert.equal(req.params.flag, 'is True', 'Python str() of a bool');
  assert.deepEqual(req.json, { id: 7, s: '7', nothing: '' }, 'one bare placeholder keeps its type; with a conversion it is a string');
});

test('config checks: a spec that does not fit the value fails the run with the placeholder named', () => {
  const loaded = accepts({ client: { base_url: BASE }, resources: ['posts', { name: 'c', endpoint: { path: 'c/{resources.posts.id:d}' } }] });
  assert.throws(
    () => buildRequest(resource(loaded, 'c'), { resource: 'posts', item: { id: 'abc' } }, undefined),
    (e: unknown) => e instanceof Error && /placeholder \{resources\.posts\.id:d\}: Unknown format code 'd' for object of type 'str'/.test(e.message),
  );
});

test('config checks: a module file that does not exist is a config error at its key', () => {
  rejects(
    { client: { base_url: BASE }, resources: [{ name: 'p', processing_steps: [{ map: { module: './no-such-steps.mjs', export: 'f' } }] }] },
    /module "\.\/no-such-steps\.mjs" does not exist/,
    'resources[0].processing_steps[0].map.module',
  );
  rejects(
    { client: { base_url: BASE }, resources: [{ name: 'p', endpoint: { response_actions: [{ status_code: 404, action: [{ module: './missing-hook.mjs' }] }] } }] },
    /does not exist/,
    'resources[0].endpoint.response_actions[0].action[0].module',
  );
  // A package name is left to Node's resolution at run time.
  accepts({ client: { base_url: BASE }, resources: [{ name: 'p', processing_steps: [{ map: { module: 'some-package', export: 'f' } }] }] });
});
