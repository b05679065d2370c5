import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { json, serve } from '../helpers/server.js';
import { runConfig } from '../helpers/run-source.js';
import { workspace } from '../helpers/cli.js';
import { HttpError, pipeline, restApiResources, restApiSource, type RestApiConfig } from '../../src/index.js';

test('retries 503 and 429 honouring Retry-After, then succeeds', async () => {
  let calls = 0;
  const api = await serve((req, res) => {
    calls++;
    if (calls === 1) return json(res, { message: 'busy' }, 503);
    if (calls === 2) return json(res, { message: 'slow down' }, 429, { 'retry-after': '1' });
    json(res, [{ id: 1 }, { id: 2 }]);
  });
  try {
    const t0 = Date.now();
    const { info } = await runConfig({ client: { base_url: api.url, backoff_factor: 0.05 }, resources: ['items'] });
    assert.equal(info.rowCounts.items, 2);
    assert.equal(calls, 3);
    assert.ok(Date.now() - t0 >= 900, 'waited for Retry-After: 1');
    assert.equal(info.trace.requests.retries, 2);
  } finally {
    await api.close();
  }
});

test('Retry-After as an HTTP date is honoured', async () => {
  let calls = 0;
  const api = await serve((req, res) => {
    calls++;
    if (calls === 1) return json(res, {}, 429, { 'retry-after': new Date(Date.now() + 1500).toUTCString() });
    json(res, [{ id: 1 }]);
  });
  try {
    const t0 = Date.now();
    await runConfig({ client: { base_url: api.url, backoff_factor: 0.01 }, resources: ['x'] });
    assert.ok(Date.now() - t0 >= 400, `waited ${Date.now() - t0} ms`);
    assert.equal(calls, 2);
  } finally {
    await api.close();
  }
});

test('after the last retry the error names method, URL, status and the body start; nothing is loaded', async () => {
  const api = await serve((req, res) => json(res, { error: 'upstream exploded' }, 502));
  try {
    await assert.rejects(
      runConfig({ client: { base_url: api.url, max_retries: 2, backoff_factor: 0.01 }, resources: ['things'] }),
      (e: unknown) => {
        assert.ok(e instanceof HttpError);
        assert.equal(e.status, 502);
        assert.match(e.message, /GET http:\/\/127\.0\.0\.1:\d+\/things failed: HTTP 502 after 3 attempts — \{"error":"upstream exploded"\}/);
        return true;
      },
    );
    assert.equal(api.seen.length, 3);
  } finally {
    await api.close();
  }
});

test('a request that times out is retried, then reported with a hint', async () => {
  const api = await serve(async (req, res) => {
    await new Promise((r) => setTimeout(r, 400));
    json(res, []);
  });
  try {
    await assert.rejects(runConfig({ client: { base_url: api.url, timeout: 0.1, max_retries: 1, backoff_factor: 0.01 }, resources: ['slow'] }), (e: unknown) => {
      assert.ok(e instanceof HttpError);
      assert.match(e.message, /timed? ?out|ETIMEDOUT/i);
      assert.match(e.hint ?? '', /timeout/);
      return true;
    });
  } finally {
    await api.close();
  }
});

test('an Authorization or API-key header is not sent to another host after a redirect', async () => {
  const other = await serve((req, res) => json(res, [{ id: 1, auth: req.headers.authorization ?? null, key: req.headers['x-api-key'] ?? null }]));
  const otherUrl = other.url.replace('127.0.0.1', 'localhost');
  const api = await serve((req, res) => {
    res.writeHead(302, { location: `${otherUrl}/moved` });
    res.end();
  });
  try {
    const bearer = await runConfig({ client: { base_url: api.url, auth: { token: 'tok-123456' } }, resources: ['items'] });
    const [row] = await bearer.rows<{ auth: string | null }>('select * from items');
    assert.equal(row!.auth ?? null, null);
    const key = await runConfig({ client: { base_url: api.url, auth: { type: 'api_key', name: 'X-API-Key', api_key: 'key-123456', location: 'header' } }, resources: ['items'] });
    const [row2] = await key.rows<{ key: string | null }>('select * from items');
    assert.equal(row2!.key ?? null, null);
    assert.equal(api.seen.at(-1)!.headers['x-api-key'], 'key-123456');
  } finally {
    await api.close();
    await other.close();
  }
});

test('response_actions: ignore a 404 child, and match on content', async () => {
  const api = await serve((req, res) => {
    if (req.path === '/users') return json(res, [{ id: 1 }, { id: 2 }, { id: 3 }]);
    if (req.path === '/users/2/posts') return json(res, { message: 'Not Found' }, 404);
    if (req.path === '/users/3/posts') return json(res, { error: 'account suspended' }, 200);
    json(res, [{ pid: 10 }, { pid: 11 }]);
  });
  try {
    const { info } = await runConfig({
      client: { base_url: api.url },
      resources: [
        'users',
        {
          name: 'posts',
          endpoint: {
            path: 'users/{resources.users.id}/posts',
            response_actions: [{ status_code: 404, action: 'ignore' }, { content: 'suspended', action: 'ignore' }],
          },
        },
      ],
    });
    assert.equal(info.rowCounts.posts, 2);
  } finally {
    await api.close();
  }
});

test('processing_steps: filter, map and yield_map from a module, in order', async () => {
  const api = await serve((req, res) => json(res, [{ id: 1, tags: ['a', 'b'] }, { id: 2, tags: ['c'] }, { id: 3, tags: [] }]));
  const ws = workspace();
  writeFileSync(join(ws.dir, 'steps.mjs'), `
export const notThree = (item) => item.id !== 3;
export const double = (item) => ({ ...item, id2: item.id * 2 });
export function* perTag(item) { for (const t of item.tags) yield { id: item.id, id2: item.id2, tag: t }; }
`);
  try {
    const config: RestApiConfig = {
      client: { base_url: api.url },
      resources: [{
        name: 'tagged',
        endpoint: 'items',
        processing_steps: [
          { filter: { module: './steps.mjs', export: 'notThree' } },
          { map: { module: './steps.mjs', export: 'double' } },
          { yield_map: { module: './steps.mjs', export: 'perTag' } },
        ],
      }],
    };
    const p = pipeline({ pipelineName: 'steps', pipelinesDir: ws.pipelinesDir, destinationPath: join(ws.dir, 's.duckdb') });
    // Module paths are relative to the config file; for an object config, to cwd.
    await p.run(restApiSource(config, { cwd: ws.dir, file: join(ws.dir, 'config.yaml') }));
    const rows = await p.sql<{ id: bigint; id2: bigint; tag: string }>('select id, id2, tag from tagged order by tag');
    assert.deepEqual(rows.map((r) => [Number(r.id), Number(r.id2), r.tag]), [[1, 2, 'a'], [1, 2, 'b'], [2, 4, 'c']]);
  } finally {
    await api.close();
  }
});

test('parent fields in path, params, json body and headers; nested fields; {{ }} escapes; chains of three', async () => {
  const api = await serve((req, res) => {
    if (req.path === '/orgs') return json(res, [{ id: 7, meta: { slug: 'acme' } }]);
    if (req.path === '/orgs/acme/repos') {
      return json(res, [{ id: 70, name: 'r1', owner: { id: req.query.get('owner') } }]);
    }
    if (req.method === 'POST' && req.path === '/search') {
      const body = JSON.parse(req.body);
      return json(res, { data: [{ id: 700, got: body, hdr: req.headers['x-repo'] }] });
    }
    json(res, { message: 'nope' }, 404);
  });
  try {
    const { info, rows } = await runConfig({
      client: { base_url: api.url },
      resources: [
        'orgs',
        { name: 'repos', endpoint: { path: 'orgs/{resources.orgs.meta.slug}/repos', params: { owner: '{resources.orgs.id}' } }, include_from_parent: ['id'] },
        {
          name: 'hits',
          endpoint: {
            path: 'search',
            method: 'POST',
            json: { repo: '{resources.repos.id}', q: 'name:{resources.repos.name} {{literal}}' },
            headers: { 'X-Repo': 'repo-{resources.repos.id}' },
            data_selector: 'data',
          },
        },
      ],
    });
    assert.equal(info.rowCounts.hits, 1);
    const [hit] = await rows<Record<string, unknown>>('select * from hits');
    assert.equal(Number(hit!.got__repo), 70); // a whole placeholder keeps its type
    assert.equal(hit!.got__q, 'name:r1 {literal}');
    assert.equal(hit!.hdr, 'repo-70');
    const [repo] = await rows<Record<string, unknown>>('select * from repos');
    assert.equal(Number(repo!._orgs_id), 7);
    assert.equal(repo!.owner__id, '7');
  } finally {
    await api.close();
  }
});

test('legacy type: resolve binds the parent field into the path', async () => {
  const api = await serve((req, res) => {
    if (req.path === '/issues') return json(res, [{ number: 1 }, { number: 2 }]);
    const m = /^\/issues\/(\d+)\/comments$/.exec(req.path);
    if (m) return json(res, [{ id: Number(m[1]) * 10 }]);
    json(res, {}, 404);
  });
  try {
    const { info } = await runConfig({
      client: { base_url: api.url },
      resources: ['issues', { name: 'comments', endpoint: { path: 'issues/{n}/comments', params: { n: { type: 'resolve', resource: 'issues', field: 'number' } } } }],
    });
    assert.equal(info.rowCounts.comments, 2);
    assert.deepEqual(api.seen.map((s) => s.path), ['/issues', '/issues/1/comments', '/issues/2/comments']);
  } finally {
    await api.close();
  }
});

test('parallelized children run concurrently, never above max_concurrency', async () => {
  let active = 0;
  let peak = 0;
  const api = await serve(async (req, res) => {
    if (req.path === '/items') return json(res, Array.from({ length: 24 }, (_, i) => ({ id: i })));
    active++;
    peak = Math.max(peak, active);
    await new Promise((r) => setTimeout(r, 30));
    active--;
    json(res, [{ detail: req.path }]);
  });
  try {
    const { info } = await runConfig({
      client: { base_url: api.url, max_concurrency: 4 },
      resources: ['items', { name: 'details', parallelized: true, endpoint: { path: 'items/{resources.items.id}/detail' } }],
    });
    assert.equal(info.rowCounts.details, 24);
    // Four requests were in flight at once, never five: concurrent and bounded (no wall-clock
    // assert: the machine is shared, and the bench measures speed).
    assert.equal(peak, 4);
  } finally {
    await api.close();
  }
});

test('children are sequential without parallelized', async () => {
  let active = 0;
  let peak = 0;
  const api = await serve(async (req, res) => {
    if (req.path === '/items') return json(res, Array.from({ length: 5 }, (_, i) => ({ id: i })));
    active++;
    peak = Math.max(peak, active);
    await new Promise((r) => setTimeout(r, 10));
    active--;
    json(res, [{ d: 1 }]);
  });
  try {
    await runConfig({ client: { base_url: api.url }, resources: ['items', { name: 'd', endpoint: 'items/{resources.items.id}' }] });
    assert.equal(peak, 1);
  } finally {
    await api.close();
  }
});

test('incremental block: start_param/end_param, convert, {incremental.start_value} in the path', async () => {
  const rows = [{ id: 1, ts: 100 }, { id: 2, ts: 200 }, { id: 3, ts: 300 }];
  const api = await serve((req, res) => {
    const from = Number((req.query.get('from') ?? 't0').slice(1));
    json(res, rows.filter((r) => r.ts >= from));
  });
  const ws = workspace();
  writeFileSync(join(ws.dir, 'conv.mjs'), 'export default (v) => `t${v}`;\n');
  try {
    const config: RestApiConfig = {
      client: { base_url: api.url },
      resources: [{
        name: 'events',
        endpoint: {
          path: 'events/{incremental.start_value}',
          incremental: { cursor_path: 'ts', initial_value: 150, start_param: 'from', convert: { module: './conv.mjs' } },
        },
      }],
    };
    const p = pipeline({ pipelineName: 'inc', pipelinesDir: ws.pipelinesDir, destinationPath: join(ws.dir, 'i.duckdb') });
    const src = () => restApiSource(config, { cwd: ws.dir, file: join(ws.dir, 'c.yaml') });
    const first = await p.run(src());
    assert.equal(first.rowCounts.events, 2); // 100 is before initial_value, filtered even though the API sent it
    assert.equal(api.seen[0]!.path, '/events/t150');
    assert.equal(api.seen[0]!.query.get('from'), 't150');
    rows.push({ id: 4, ts: 400 });
    const second = await p.run(src());
    assert.equal(second.rowCounts.events, 1); // 300 was the boundary and is deduplicated
    assert.equal(api.seen[1]!.query.get('from'), 't300');
  } finally {
    await api.close();
  }
});

test('incremental: last_value_func min, end_value backfill keeps no state, row_order stops paging', async () => {
  const api = await serve((req, res) => {
    const page = Number(req.query.get('page') ?? 1);
    // Descending ids, 3 pages of 3.
    const items = [9, 8, 7, 6, 5, 4, 3, 2, 1].slice((page - 1) * 3, page * 3).map((id) => ({ id }));
    json(res, { items, next_page: page < 3 ? page + 1 : null });
  });
  try {
    const { info, p } = await runConfig({
      client: { base_url: api.url, paginator: { type: 'page_number', page_param: 'page', base_page: 1, total_path: null, stop_after_empty_page: true } as never },
      resources: [{ name: 'desc', endpoint: { path: 'items', data_selector: 'items', incremental: { cursor_path: 'id', initial_value: 5, last_value_func: 'min', row_order: 'desc' } } }],
    });
    // min: rows with id <= 5 are in range; rows above the start are out of range.
    assert.equal(info.rowCounts.desc, 5);
    assert.deepEqual(p.state?.sources.rest_api?.resources?.desc?.incremental?.id?.last_value, 1);
  } finally {
    await api.close();
  }
  const api2 = await serve((req, res) => {
    const page = Number(req.query.get('page') ?? 1);
    json(res, [1, 2, 3, 4, 5, 6, 7, 8, 9].slice((page - 1) * 3, page * 3).map((id) => ({ id })));
  });
  try {
    const { info } = await runConfig({
      client: { base_url: api2.url },
      resources: [{ name: 'asc', endpoint: { path: 'items', paginator: { type: 'page_number', base_page: 1, total_path: null } as never, incremental: { cursor_path: 'id', initial_value: 1, end_value: 5, row_order: 'asc' } } }],
    });
    assert.equal(info.rowCounts.asc, 4); // 1..4 (end is open)
    assert.equal(api2.seen.length, 2, 'stopped after the page that left the range');
  } finally {
    await api2.close();
  }
});

test('on_cursor_value_missing: raise names the resource and path; include and exclude', async () => {
  const api = await serve((req, res) => json(res, [{ id: 1, ts: 5 }, { id: 2 }]));
  try {
    const base = (mode?: 'raise' | 'include' | 'exclude'): RestApiConfig => ({
      client: { base_url: api.url },
      resources: [{ name: 'r', endpoint: { path: 'x', incremental: { cursor_path: 'ts', initial_value: 0, ...(mode ? { on_cursor_value_missing: mode } : {}) } } }],
    });
    await assert.rejects(runConfig(base()), /resource "r": cursor_path "ts" is missing in a row/);
    assert.equal((await runConfig(base('include'))).info.rowCounts.r, 2);
    assert.equal((await runConfig(base('exclude'))).info.rowCounts.r, 1);
  } finally {
    await api.close();
  }
});

test('paginator precedence: endpoint over resource_defaults over client', async () => {
  const api = await serve((req, res) => {
    const offset = Number(req.query.get('offset') ?? 0);
    const page = Number(req.query.get('page') ?? 0);
    json(res, { rows: Array.from({ length: 2 }, (_, i) => ({ id: offset + page * 10 + i })), total: 4 });
  });
  try {
    const { info } = await runConfig({
      client: { base_url: api.url, paginator: 'single_page' },
      resource_defaults: { endpoint: { paginator: { type: 'offset', limit: 2, total_path: 'total' }, data_selector: 'rows' } },
      resources: [
        'a',
        { name: 'b', endpoint: { path: 'b', paginator: { type: 'page_number', base_page: 0, total_path: null, maximum_page: 3 } } },
      ],
    });
    assert.equal(info.rowCounts.a, 4); // offset 0, 2
    assert.equal(info.rowCounts.b, 6); // pages 0, 1, 2
    assert.deepEqual(api.seen.filter((s) => s.path === '/a').map((s) => s.query.get('offset')), ['0', '2']);
  } finally {
    await api.close();
  }
});

test('a single-entity path returns one object as one row, on one page', async () => {
  const api = await serve((req, res) => {
    if (req.path === '/users') return json(res, { users: [{ id: 1 }, { id: 2 }] });
    json(res, { id: Number(req.path.split('/')[2]), profile: { name: 'n' }, next: 'http://127.0.0.1:1/never' });
  });
  try {
    const { info, rows } = await runConfig({ client: { base_url: api.url }, resources: ['users', { name: 'user', endpoint: 'users/{resources.users.id}' }] });
    assert.equal(info.rowCounts.user, 2);
    assert.deepEqual((await rows<{ profile__name: string }>('select profile__name from "user"')).map((r) => r.profile__name), ['n', 'n']);
  } finally {
    await api.close();
  }
});

test('oauth2_client_credentials inside a run: one token for all requests, secrets masked in errors', async () => {
  let tokens = 0;
  const api = await serve((req, res) => {
    if (req.path === '/token') {
      tokens++;
      return json(res, { access_token: 'granted-token-xyz', expires_in: 3600 });
    }
    if (req.headers.authorization !== 'Bearer granted-token-xyz') return json(res, {}, 401);
    if (req.path === '/parents') return json(res, [{ id: 1 }, { id: 2 }]);
    json(res, [{ c: 1 }]);
  });
  try {
    const { info } = await runConfig({
      client: { base_url: api.url, auth: { type: 'oauth2_client_credentials', access_token_url: `${api.url}/token`, client_id: 'cid', client_secret: 'csecret-value' } },
      resources: ['parents', { name: 'kids', endpoint: 'parents/{resources.parents.id}/kids' }],
    });
    assert.equal(info.rowCounts.kids, 2);
    assert.equal(tokens, 1);
    const form = new URLSearchParams(api.seen[0]!.body);
    assert.equal(form.get('grant_type'), 'client_credentials');
  } finally {
    await api.close();
  }
});

test('an unresolved parent field names the resource, the placeholder and the parent keys', async () => {
  const api = await serve((req, res) => json(res, [{ id: 1 }]));
  try {
    await assert.rejects(
      runConfig({ client: { base_url: api.url }, resources: ['a', { name: 'b', endpoint: 'a/{resources.a.nummer}' }] }),
      (e: Error & { hint?: string }) => {
        assert.match(e.message, /resource "b": \{resources\.a\.nummer\}: field "nummer" is not in the item of "a"/);
        assert.match(e.hint ?? '', /the parent item has: id/);
        return true;
      },
    );
  } finally {
    await api.close();
  }
});

test('incremental lag: the next run starts lag seconds before the stored value and re-reads late rows', async () => {
  const rows = [
    { id: 1, updated: '2024-05-01T10:00:00Z' },
    { id: 2, updated: '2024-05-01T12:00:00Z' },
  ];
  const api = await serve((req, res) => {
    const since = req.query.get('since') ?? '';
    json(res, rows.filter((r) => r.updated >= since));
  });
  try {
    const config: RestApiConfig = {
      client: { base_url: api.url },
      resources: [{ name: 'r', primary_key: 'id', write_disposition: 'merge', endpoint: { path: 'x', params: { since: { type: 'incremental', cursor_path: 'updated', initial_value: '2024-01-01T00:00:00Z', lag: 7200 } } } }],
    };
    const { info, again, rows: q } = await runConfig(config);
    assert.equal(info.rowCounts.r, 2);
    rows[0]!.updated = '2024-05-01T11:30:00Z'; // a late update, older than the last value
    const second = await again();
    assert.equal(api.seen.at(-1)!.query.get('since'), '2024-05-01T10:00:00Z');
    assert.equal(second.rowCounts.r, 2); // both rows are re-read inside the lag window; merge keeps one each
    assert.equal((await q<{ n: bigint }>('select count(*) n from r'))[0]!.n, 2n);
  } finally {
    await api.close();
  }
});

test('response_actions: a module hook sees (and may rewrite) the response before items are selected', async () => {
  const api = await serve((req, res) => json(res, { wrapped: [{ id: 1 }, { id: 2 }] }));
  const ws = workspace();
  writeFileSync(join(ws.dir, 'hooks.mjs'), `
export function unwrap(response) { response.body = response.body.wrapped.map((r) => ({ ...r, seen_status: response.status })); }
`);
  try {
    const config: RestApiConfig = {
      client: { base_url: api.url },
      resources: [{ name: 'h', endpoint: { path: 'x', response_actions: [{ status_code: 200, action: { module: './hooks.mjs', export: 'unwrap' } }] } }],
    };
    const p = pipeline({ pipelineName: 'hooks', pipelinesDir: ws.pipelinesDir, destinationPath: join(ws.dir, 'h.duckdb') });
    const info = await p.run(restApiSource(config, { cwd: ws.dir, file: join(ws.dir, 'c.yaml') }));
    assert.equal(info.rowCounts.h, 2);
    const rows = await p.sql<{ seen_status: bigint }>('select seen_status from h');
    assert.deepEqual(rows.map((r) => Number(r.seen_status)), [200, 200]);
  } finally {
    await api.close();
  }
});

test('restApiResources finds module references next to the config `file`, as restApiSource does (not in the working directory)', async () => {
  const api = await serve((req, res) => json(res, { wrapped: [{ id: 1 }, { id: 2 }] }));
  const ws = workspace();
  mkdirSync(join(ws.dir, 'conf'));
  writeFileSync(join(ws.dir, 'conf', 'hooks.mjs'), 'export function unwrap(response) { response.body = response.body.wrapped; }\n');
  try {
    const config: RestApiConfig = {
      client: { base_url: api.url },
      resources: [{ name: 'h', endpoint: { path: 'x', response_actions: [{ status_code: 200, action: { module: './hooks.mjs', export: 'unwrap' } }] } }],
    };
    const p = pipeline({ pipelineName: 'hooks_resources', pipelinesDir: ws.pipelinesDir, destinationPath: join(ws.dir, 'h.duckdb') });
    // No cwd: the process's working directory is the repository, where ./hooks.mjs does not exist.
    const info = await p.run(restApiResources(config, { file: join(ws.dir, 'conf', 'c.yaml') }));
    assert.equal(info.rowCounts.h, 2);
  } finally {
    await api.close();
  }
});

test('auth: null on a resource turns off the auth of resource_defaults', async () => {
  const api = await serve((req, res) => json(res, [{ id: 1 }]));
  try {
    await runConfig({
      client: { base_url: api.url },
      resource_defaults: { endpoint: { auth: { type: 'bearer', token: 'default-token' } } },
      resources: ['guarded', { name: 'open', endpoint: { path: 'open', auth: null } }],
    } as RestApiConfig);
    const auth = Object.fromEntries(api.seen.map((s) => [s.path, s.headers.authorization]));
    assert.equal(auth['/guarded'], 'Bearer default-token');
    assert.equal(auth['/open'], undefined);
  } finally {
    await api.close();
  }
});

test('a module function that throws is named with where the config uses it', async () => {
  const api = await serve((req, res) => json(res, [{ id: 1 }]));
  const ws = workspace();
  writeFileSync(join(ws.dir, 'steps.mjs'), 'export const broken = (item) => item.missing.field;\n');
  try {
    const config: RestApiConfig = {
      client: { base_url: api.url },
      resources: [{ name: 'things', endpoint: 'items', processing_steps: [{ map: { module: './steps.mjs', export: 'broken' } }] }],
    };
    const p = pipeline({ pipelineName: 'throws', pipelinesDir: ws.pipelinesDir, destinationPath: join(ws.dir, 't.duckdb') });
    await assert.rejects(p.run(restApiSource(config, { cwd: ws.dir, file: join(ws.dir, 'config.yaml') })), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'USER_FUNCTION');
      assert.match(e.message, /resources\[0\]\.processing_steps\[0\]: \.\/steps\.mjs \(broken\) threw: .*reading 'field'/);
      return true;
    });
  } finally {
    await api.close();
  }
});

test('get/paginate helpers: a relative URL and a body that is not JSON are reported, not thrown as TypeError/SyntaxError', async () => {
  const { get, paginate } = await import('../../src/index.js');
  await assert.rejects(get('items?page=1'), /"items\?page=1" is not an absolute URL/);
  const api = await serve((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html>maintenance</html>');
  });
  try {
    const r = await get(`${api.url}/page`);
    assert.throws(() => r.json(), (e: Error & { code?: string; hint?: string }) => e.code === 'NOT_JSON' && /<html>maintenance/.test(e.hint ?? ''));
    await assert.rejects(async () => {
      for await (const _ of paginate(`${api.url}/items`)) { /* the first page throws */ }
    }, /GET http:\/\/127\.0\.0\.1:\d+\/items is not JSON/);
  } finally {
    await api.close();
  }
});

test('library resources: a transformer gets each non-empty page of its parent', async () => {
  const { resource, transformer } = await import('../../src/index.js');
  const ws = workspace();
  const seen: number[] = [];
  const issues = resource(function* () { yield [{ id: 1 }, { id: 2 }]; yield []; yield [{ id: 3 }]; }, { name: 'issues' });
  const details = transformer(issues, (page: { id: number }[]) => {
    seen.push(page.length);
    return page.map((i) => ({ issue: i.id, detail: `d${i.id}` }));
  }, { name: 'details' });
  const p = pipeline({ pipelineName: 'tr', pipelinesDir: ws.pipelinesDir, destinationPath: join(ws.dir, 'tr.duckdb') });
  const info = await p.run([issues, details]);
  assert.deepEqual(info.rowCounts, { issues: 3, details: 3 });
  assert.deepEqual(seen, [2, 1]);
});
