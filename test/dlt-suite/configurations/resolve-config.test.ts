// Port of dlt's tests/sources/rest_api/configurations/test_resolve_config.py
// (dlt 1.26.0, commit b3fc4a9e7c4152a76c6d29d035ddf9879609dc50).
// dlt calls _bind_path_params and process_parent_data_item on fragments;
// restload binds path params when the config loads and fills a child's
// request from a parent item in buildRequest
// (src/extract/rest-api/request-builder.ts), so each case is a whole config.
// dlt's fragments use legacy `{id}` placeholders in params, json and headers;
// a whole config may not (dlt's _raise_if_any_not_in), so those cases use
// `{resources.<parent>.<field>}`, and a test below checks the refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pipeline, restApiSource } from '../../../src/index.js';
import { RestloadError } from '../../../src/common/errors.js';
import { IncrementalCursor } from '../../../src/extract/incremental.js';
import { buildRequest } from '../../../src/extract/rest-api/request-builder.js';
import { workspace } from '../../helpers/cli.js';
import { json, serve } from '../../helpers/server.js';
import { accepts, BASE, problemsOf, rejects, resource, show } from './helpers.js';

const GITHUB = 'https://github.com/api/v2';
const comments = (endpoint: Record<string, unknown>) => ({ client: { base_url: GITHUB }, resources: ['issues', { name: 'comments', endpoint }] });
const threeParams = (id: unknown) => ({ path: '{org}/{repo}/issues/{id}/comments', params: { org: 'dlt-hub', repo: 'dlt', ...(id === undefined ? {} : { id }) } });
const RESOLVE_ID = { type: 'resolve', field: 'id', resource: 'issues' };

test('resolve config: static params are bound into the path, resolve params stay (test_bind_path_param)', async (t) => {
  await t.test('tp_1: a resolve param is left for each parent item', () => {
    const r = resource(accepts(comments(threeParams(RESOLVE_ID))), 'comments');
    assert.equal(r.endpoint.path, 'dlt-hub/dlt/issues/{id}/comments');
    assert.deepEqual(r.endpoint.params, {}, 'bound params are not also sent as query params');
    assert.deepEqual(r.parent, { resource: 'issues', resolveParams: { id: 'id' } });
  });
  await t.test('tp_2: a plain value is bound too', () => {
    const r = resource(accepts(comments(threeParams(12345))), 'comments');
    assert.equal(r.endpoint.path, 'dlt-hub/dlt/issues/12345/comments');
    assert.deepEqual(r.endpoint.params, {});
    assert.equal(r.parent, undefined);
  });
  await t.test('tp_3: a path param with no value is an error naming the path', () => {
    const p = rejects(comments(threeParams(undefined)), /\{id\}/, 'resources[1].endpoint.path');
    assert.match(`${p.message} ${p.hint ?? ''}`, /id/);
  });
  await t.test('tp_4: a path without placeholders leaves the params alone', () => {
    const r = resource(accepts(comments({ path: 'comments', params: { org: 'dlt-hub', repo: 'dlt' } })), 'comments');
    assert.equal(r.endpoint.path, 'comments');
    assert.deepEqual(r.endpoint.params, { org: 'dlt-hub', repo: 'dlt' });
  });
  await t.test('tp_6: a resolve param the path does not use is an error', () => {
    rejects(comments({ ...threeParams(RESOLVE_ID), path: '{org}/{repo}/issues/1234/comments' }), /resolve param "id" is not used/, 'resources[1].endpoint.params.id');
  });
});

/** The first request of `comments` for one parent item. */
function childRequest(endpoint: Record<string, unknown>, item: unknown, includeFromParent?: string[]) {
  const loaded = accepts({ client: { base_url: GITHUB }, resources: ['issues', { name: 'comments', endpoint, ...(includeFromParent ? { include_from_parent: includeFromParent } : {}) }] });
  const r = resource(loaded, 'comments');
  const inc = r.endpoint.incremental;
  return buildRequest(r, { resource: 'issues', item }, inc ? new IncrementalCursor(inc, r.name) : undefined);
}
const RESOLVE_OBJ_ID = { type: 'resolve', field: 'obj_id', resource: 'issues' };

test('resolve config: a parent item fills path, params, json and headers (test_process_parent_data_item)', async (t) => {
  await t.test('a resolve param in the path', () => {
    const req = childRequest({ path: 'dlt-hub/dlt/issues/{id}/comments', params: { id: RESOLVE_OBJ_ID } }, { obj_id: 12345 });
    assert.equal(req.url, 'dlt-hub/dlt/issues/12345/comments');
    assert.deepEqual(req.params, {});
    assert.equal(req.json, undefined);
    assert.deepEqual(req.headers, {});
  });
  await t.test('empty params, json and headers are kept (an empty json body is sent)', () => {
    const req = childRequest({ path: 'dlt-hub/dlt/issues/{id}/comments', params: { id: RESOLVE_OBJ_ID }, json: {}, headers: {} }, { obj_id: 12345 });
    assert.deepEqual(req.params, {});
    assert.deepEqual(req.json, {});
    assert.deepEqual(req.headers, {});
  });
  await t.test('references in params, json and headers', () => {
    const ref = '{resources.issues.obj_id}';
    const req = childRequest({ path: 'dlt-hub/dlt/issues/comments', params: { orig_id: ref }, json: { orig_id: ref }, headers: { 'X-Id': ref } }, { obj_id: 12345, obj_node: 'node_1' });
    assert.equal(req.url, 'dlt-hub/dlt/issues/comments');
    // dlt formats query params to the string "12345"; the query string is the same.
    assert.equal(String(req.params.orig_id), '12345');
    assert.deepEqual(req.json, { orig_id: 12345 }, 'a json value that is one placeholder keeps its type');
    assert.deepEqual(req.headers, { 'X-Id': '12345' });
  });
  await t.test('a reference in the path', () => {
    const req = childRequest({ path: 'dlt-hub/dlt/issues/{resources.issues.obj_id}/comments' }, { obj_id: 12345, obj_node: 'node_1' });
    assert.equal(req.url, 'dlt-hub/dlt/issues/12345/comments');
  });
  await t.test('a nested field', () => {
    const req = childRequest(
      { path: 'dlt-hub/dlt/issues/{id}/comments', params: { id: { type: 'resolve', field: 'some_results.obj_id', resource: 'issues' } }, headers: { 'X-Id': '{resources.issues.some_results.obj_id}' } },
      { some_results: { obj_id: 12345 } },
    );
    assert.equal(req.url, 'dlt-hub/dlt/issues/12345/comments');
    assert.deepEqual(req.headers, { 'X-Id': '12345' });
  });
  await t.test('incremental values in headers', () => {
    const req = childRequest(
      {
        path: 'dlt-hub/dlt/issues/{resources.issues.obj_id}/comments',
        incremental: { cursor_path: 'updated_at', initial_value: '2025-01-01', end_value: '2025-01-02' },
        headers: { 'X-Initial': '{incremental.initial_value}', 'X-End': '{incremental.end_value}' },
      },
      { obj_id: 12345 },
    );
    assert.deepEqual(req.headers, { 'X-Initial': '2025-01-01', 'X-End': '2025-01-02' });
  });
  await t.test('a field missing from the parent item', () => {
    assert.throws(
      () => childRequest({ path: 'dlt-hub/dlt/issues/{id}/comments', params: { id: RESOLVE_OBJ_ID } }, { _id: 12345 }),
      (e: unknown) => e instanceof RestloadError && /"obj_id"/.test(e.message) && /issues/.test(e.message),
    );
  });
  await t.test('several resolve params from one item', () => {
    const req = childRequest(
      {
        path: 'dlt-hub/dlt/issues/{issue_id}/comments/{id}',
        params: { issue_id: { type: 'resolve', field: 'issue', resource: 'issues' }, id: { type: 'resolve', field: 'id', resource: 'issues' } },
        headers: { 'X-Issue': '{resources.issues.issue}', 'X-Id': '{resources.issues.id}' },
      },
      { issue: 12345, id: 56789 },
    );
    assert.equal(req.url, 'dlt-hub/dlt/issues/12345/comments/56789');
    assert.deepEqual(req.headers, { 'X-Issue': '12345', 'X-Id': '56789' });
  });
  await t.test('a missing field among several', () => {
    assert.throws(
      () => childRequest(
        { path: 'dlt-hub/dlt/issues/{issue_id}/comments/{id}', params: { issue_id: { type: 'resolve', field: 'issue', resource: 'issues' }, id: { type: 'resolve', field: 'id', resource: 'issues' } } },
        { _issue: 12345, id: 56789 },
      ),
      (e: unknown) => e instanceof RestloadError && /"issue"/.test(e.message),
    );
  });
});

test('resolve config: include_from_parent copies parent fields into child rows, and a missing one fails (test_process_parent_data_item)', async () => {
  const api = await serve((req, res) => {
    if (req.path === '/issues') return json(res, [{ obj_id: 1, obj_node: 'node_1' }]);
    return json(res, [{ text: `comment of ${req.path}` }]);
  });
  try {
    const ws = workspace();
    const run = (include: string[]) => pipeline({ pipelineName: 'inc_parent', pipelinesDir: ws.pipelinesDir, destinationPath: `${ws.dir}/p.duckdb` }).run(
      restApiSource({
        client: { base_url: api.url },
        resources: ['issues', { name: 'comments', endpoint: { path: 'issues/{resources.issues.obj_id}/comments', paginator: 'single_page' }, include_from_parent: include }],
      }, { cwd: ws.dir }),
    );
    const p = pipeline({ pipelineName: 'inc_parent', pipelinesDir: ws.pipelinesDir, destinationPath: `${ws.dir}/p.duckdb` });
    await run(['obj_id', 'obj_node']);
    const rows = await p.sql<Record<string, unknown>>('select * from inc_parent_dataset.comments');
    assert.equal(rows.length, 1);
    assert.equal(Number(rows[0]!._issues_obj_id), 1);
    assert.equal(rows[0]!._issues_obj_node, 'node_1');
    await assert.rejects(run(['obj_id', 'node']), /"node"/);
  } finally {
    await api.close();
  }
});

test('resolve config: a legacy {name} placeholder in params, json or headers is refused in a whole config', async (t) => {
  for (const where of ['params', 'json', 'headers'] as const) {
    await t.test(where, () => {
      rejects(
        comments({ path: 'issues/{id}/comments', params: { id: RESOLVE_ID }, [where]: where === 'params' ? { id: RESOLVE_ID, orig_id: '{id}' } : { orig_id: '{id}' } }),
        /placeholder \{id\} in .* is not valid/,
        `resources[1].endpoint.${where}.orig_id`,
      );
    });
  }
});

test('resolve config: two children can depend on one parent (test_two_resources_can_depend_on_one_parent_resource)', async (t) => {
  const userId = { user_id: { type: 'resolve', field: 'id', resource: 'users' } };
  const configs = {
    resolve: [{ name: 'user_details', endpoint: { path: 'user/{user_id}/', params: userId } }, { name: 'meetings', endpoint: { path: 'meetings/{user_id}/', params: userId } }],
    reference: [{ name: 'user_details', endpoint: { path: 'user/{resources.users.id}/' } }, { name: 'meetings', endpoint: { path: 'meetings/{resources.users.id}/' } }],
  };
  for (const [name, children] of Object.entries(configs)) {
    await t.test(name, () => {
      const loaded = accepts({ client: { base_url: BASE }, resources: ['users', ...children] });
      assert.equal(resource(loaded, 'meetings').parent?.resource, 'users');
      assert.equal(resource(loaded, 'user_details').parent?.resource, 'users');
    });
  }
});

test('resolve config: a child can bind several fields of its parent (test_dependent_resource_can_bind_multiple_parameters)', async (t) => {
  const configs = {
    resolve: { path: 'user/{user_id}/{group_id}', params: { user_id: { type: 'resolve', field: 'id', resource: 'users' }, group_id: { type: 'resolve', field: 'group', resource: 'users' } } },
    reference: { path: 'user/{resources.users.id}/{resources.users.group}' },
  };
  for (const [name, endpoint] of Object.entries(configs)) {
    await t.test(name, () => {
      assert.equal(resource(accepts({ client: { base_url: BASE }, resources: ['users', { name: 'user_details', endpoint }] }), 'user_details').parent?.resource, 'users');
    });
  }
});

test('resolve config: a child cannot have two parents (test_one_resource_cannot_bind_two_parents)', async (t) => {
  const configs = {
    resolve: { path: 'user/{user_id}/{group_id}', params: { user_id: { type: 'resolve', field: 'id', resource: 'users' }, group_id: { type: 'resolve', field: 'id', resource: 'groups' } } },
    reference: { path: 'user/{resources.users.id}/{resources.groups.id}' },
  };
  for (const [name, endpoint] of Object.entries(configs)) {
    await t.test(name, () => {
      const problems = problemsOf({ client: { base_url: BASE }, resources: ['users', 'groups', { name: 'user_details', endpoint }] });
      const p = problems.find((x) => /one parent/.test(x.message));
      assert.ok(p, show(problems));
      assert.match(p.message, /users/);
      assert.match(p.message, /groups/);
      assert.ok(p.configPath.startsWith('resources[2]'), p.configPath);
    });
  }
});

test('resolve config: a child of a child (test_resource_dependent_dependent)', async (t) => {
  const configs = {
    resolve: [
      { name: 'location_details', endpoint: { path: 'location/{location_id}', params: { location_id: { type: 'resolve', field: 'id', resource: 'locations' } } } },
      { name: 'meetings', endpoint: { path: '/meetings/{room_id}', params: { room_id: { type: 'resolve', field: 'room_id', resource: 'location_details' } } } },
    ],
    reference: [
      { name: 'location_details', endpoint: { path: 'location/{resources.locations.id}' } },
      { name: 'meetings', endpoint: { path: '/meetings/{resources.location_details.room_id}' } },
    ],
    'endpoint strings': [
      { name: 'location_details', endpoint: 'location/{resources.locations.id}' },
      { name: 'meetings', endpoint: '/meetings/{resources.location_details.room_id}' },
    ],
  };
  for (const [name, children] of Object.entries(configs)) {
    await t.test(name, () => {
      const loaded = accepts({ client: { base_url: BASE }, resources: ['locations', ...children] });
      assert.equal(resource(loaded, 'meetings').parent?.resource, 'location_details');
      assert.equal(resource(loaded, 'location_details').parent?.resource, 'locations');
    });
  }
});

test('resolve config: resources that depend on each other are refused (test_circular_resource_bindingis_invalid)', async (t) => {
  const configs = {
    resolve: [
      { name: 'chicken', endpoint: { path: 'chicken/{egg_id}/', params: { egg_id: { type: 'resolve', field: 'id', resource: 'egg' } } } },
      { name: 'egg', endpoint: { path: 'egg/{chicken_id}/', params: { chicken_id: { type: 'resolve', field: 'id', resource: 'chicken' } } } },
    ],
    reference: [
      { name: 'chicken', endpoint: { path: 'chicken/{resources.egg.id}/' } },
      { name: 'egg', endpoint: { path: 'egg/{resources.chicken.id}/' } },
    ],
  };
  for (const [name, resources] of Object.entries(configs)) {
    await t.test(name, () => {
      rejects({ client: { base_url: BASE }, resources }, /cycle: chicken → egg → chicken/, 'resources[0]');
    });
  }
});
