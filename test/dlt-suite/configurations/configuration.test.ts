// Port of dlt's tests/sources/rest_api/configurations/test_configuration.py
// (dlt 1.26.0, commit b3fc4a9e7c4152a76c6d29d035ddf9879609dc50).
// dlt checks its internal helpers (_make_endpoint_resource,
// _merge_resource_endpoints, _setup_single_entity_endpoint) and the
// paginators handed to RESTClient; restload's equivalent is the resolved
// source a config loads to (src/config/resolve.ts), so each case loads a
// whole config and looks at the resolved resource. Instances are written in
// their dict form (JSONLinkPaginator() -> {type: json_link}). The
// parametrized test_valid/invalid_configurations run over dlt's config lists
// in test/config/dlt-corpus.test.ts; what is left out is in PORTED.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { resolveConfigObject } from '../../../src/config/load.js';
import type { RestApiConfig } from '../../../src/config/schema/index.js';
import { accepts, BASE, resource } from './helpers.js';

const CORPUS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'dlt-corpus', 'valid');

test('configurations: a config object is not modified in place (test_configurations_dict_is_not_modified_in_place)', async (t) => {
  // dlt runs this over VALID_CONFIGS; those are the corpus files taken from source_configs.py.
  const files = readdirSync(CORPUS).filter((f) => /VALID_CONFIGS\[/.test(readFileSync(join(CORPUS, f), 'utf8').split('\n')[0] ?? ''));
  assert.ok(files.length >= 12, `expected the VALID_CONFIGS fixtures, found ${files.length}`);
  for (const f of files) {
    await t.test(f, () => {
      const config = parse(readFileSync(join(CORPUS, f), 'utf8')) as RestApiConfig;
      const before = structuredClone(config);
      resolveConfigObject(config, { env: {} });
      assert.deepEqual(config, before);
    });
  }
});

test('configurations: resource shorthands expand to name and path (test_resource_expand)', () => {
  const loaded = accepts({
    client: { base_url: BASE },
    resources: ['path', { name: 'resource', endpoint: 'path' }, { name: 'resource2' }, { name: 'resource3', endpoint: {} }],
  });
  const shapes = loaded.source.resources.map((r) => [r.name, r.endpoint.path]);
  assert.deepEqual(shapes, [['path', 'path'], ['resource', 'path'], ['resource2', 'resource2'], ['resource3', 'resource3']]);
});

test('configurations: columns, json and params merge with resource_defaults key by key (test_resource_endpoint_deep_merge)', () => {
  const loaded = accepts({
    client: { base_url: BASE },
    resource_defaults: {
      columns: [
        { name: 'col_a', data_type: 'text', primary_key: true },
        { name: 'col_c', data_type: 'timestamp' },
      ],
      endpoint: { json: { param1: 'X', param3: 'Y' }, params: { param1: 'X', param3: 'Y' } },
    },
    resources: [
      {
        name: 'resources',
        columns: [{ name: 'col_a', data_type: 'bigint' }, { name: 'col_b' }],
        endpoint: { json: { param1: 'A', param2: 'B' }, params: { param1: 'A', param2: 'B' } },
      },
    ],
  });
  const r = resource(loaded, 'resources');
  // dlt's order: the defaults' columns first, the resource's new ones after.
  assert.deepEqual(Object.keys(r.columns), ['col_a', 'col_c', 'col_b']);
  assert.deepEqual(r.columns.col_a, { name: 'col_a', data_type: 'bigint', primary_key: true });
  assert.deepEqual(r.columns.col_c, { name: 'col_c', data_type: 'timestamp' });
  assert.deepEqual(r.columns.col_b, { name: 'col_b' });
  assert.deepEqual(r.endpoint.json, { param1: 'A', param3: 'Y', param2: 'B' });
  assert.deepEqual(r.endpoint.params, { param1: 'A', param3: 'Y', param2: 'B' });
  assert.equal(r.endpoint.path, 'resources');
});

test('configurations: paginator, incremental, write_disposition and schema_contract replace the defaults whole (test_resource_endpoint_shallow_merge)', () => {
  const loaded = accepts({
    client: { base_url: BASE },
    resource_defaults: {
      max_table_nesting: 1,
      parallelized: true,
      write_disposition: { disposition: 'replace' },
      schema_contract: { columns: 'freeze' },
      endpoint: {
        paginator: { type: 'header_link' },
        incremental: { cursor_path: 'response.id', start_param: 'since', end_param: 'before' },
      },
    },
    resources: [
      {
        name: 'resources',
        max_table_nesting: 5,
        write_disposition: { disposition: 'merge', strategy: 'scd2' },
        schema_contract: { tables: 'freeze' },
        endpoint: {
          paginator: { type: 'cursor', cursor_param: 'cursor' },
          incremental: { cursor_path: '$', start_param: 'since' },
        },
      },
    ],
  });
  const r = resource(loaded, 'resources');
  assert.equal(r.maxTableNesting, 5);
  assert.equal(r.parallelized, true, 'parallelized comes from the defaults');
  assert.deepEqual(r.writeDisposition, { disposition: 'merge', strategy: 'scd2', validityColumnNames: undefined, activeRecordTimestamp: undefined, rowVersionColumnName: undefined, boundaryTimestamp: undefined });
  assert.deepEqual(r.schemaContract, { tables: 'freeze' });
  assert.deepEqual(r.endpoint.paginator, { type: 'cursor', cursor_param: 'cursor' });
  assert.equal(r.endpoint.incremental?.cursorPath, '$');
  assert.equal(r.endpoint.incremental?.startParam, 'since');
  assert.equal(r.endpoint.incremental?.endParam, undefined, "the defaults' end_param is not merged in");
});

test('configurations: null resets a default, and a single-entity path then gets one page of "$" (test_resource_merge_with_none, test_setup_for_single_item_endpoint)', () => {
  // dlt's fragment uses `user/{id}` with no binding; a whole config needs a parent for it.
  const loaded = accepts({
    client: { base_url: BASE },
    resource_defaults: { endpoint: { paginator: { type: 'header_link' }, data_selector: 'data' } },
    resources: [
      'users',
      { name: 'user', endpoint: { path: 'user/{resources.users.id}', paginator: null, data_selector: null } },
      { name: 'messages', endpoint: { path: 'user/{resources.users.id}/messages' } },
      { name: 'plain', endpoint: { path: 'user/{resources.users.id}' } },
    ],
  });
  const user = resource(loaded, 'user');
  assert.equal(user.endpoint.paginator, 'single_page');
  assert.equal(user.endpoint.dataSelector, '$');
  const messages = resource(loaded, 'messages');
  assert.equal(messages.endpoint.dataSelector, 'data', 'not a single entity: the default data_selector stays');
  assert.deepEqual(messages.endpoint.paginator, { type: 'header_link' });
  // A single-entity path gets single_page only when no paginator applies (dlt's _setup_single_entity_endpoint).
  const plain = resource(loaded, 'plain');
  assert.deepEqual(plain.endpoint.paginator, { type: 'header_link' }, 'a paginator from the defaults is kept');
});

test('configurations: a resolve param and a resource reference both make a child (test_resource_schema)', async (t) => {
  const configs = {
    resolve: { path: 'user/{id}', paginator: null, data_selector: null, params: { id: { type: 'resolve', field: 'id', resource: 'users' } } },
    reference: { path: 'user/{resources.users.id}', paginator: null, data_selector: null },
  };
  for (const [name, endpoint] of Object.entries(configs)) {
    await t.test(name, () => {
      const loaded = accepts({ client: { base_url: BASE }, resources: ['users', { name: 'user', endpoint }] });
      assert.deepEqual(loaded.source.resources.map((r) => r.name), ['users', 'user']);
      assert.equal(resource(loaded, 'user').parent?.resource, 'users');
    });
  }
});

test('configurations: resource hints reach the resource (test_resource_hints_are_passed_to_resource_constructor)', () => {
  const loaded = accepts({
    client: { base_url: BASE },
    resources: [
      {
        name: 'posts',
        endpoint: { params: { limit: 100 } },
        table_name: 'a_table',
        max_table_nesting: 2,
        write_disposition: 'merge',
        columns: { a_text: { name: 'a_text', data_type: 'text' } },
        primary_key: 'a_pk',
        merge_key: 'a_merge_key',
        schema_contract: { tables: 'evolve' },
        table_format: 'iceberg',
        selected: false,
      },
    ],
  });
  const r = resource(loaded, 'posts');
  assert.equal(r.tableName, 'a_table');
  assert.equal(r.maxTableNesting, 2);
  assert.deepEqual(r.writeDisposition, { disposition: 'merge' });
  assert.deepEqual(r.columns, { a_text: { name: 'a_text', data_type: 'text' } });
  assert.deepEqual(r.primaryKey, ['a_pk']);
  assert.deepEqual(r.mergeKey, ['a_merge_key']);
  assert.deepEqual(r.schemaContract, { tables: 'evolve' });
  assert.equal(r.selected, false);
});

const defaults = { primary_key: 'id', write_disposition: 'merge' as const };

test('configurations: default params are merged into the resource params (test_resource_defaults_params_get_merged)', () => {
  const loaded = accepts({
    client: { base_url: BASE },
    resource_defaults: { ...defaults, endpoint: { params: { per_page: 30 } } },
    resources: [{ name: 'issues', endpoint: { path: 'issues', params: { sort: 'updated', direction: 'desc', state: 'open' } } }],
  });
  assert.deepEqual(resource(loaded, 'issues').endpoint.params, { per_page: 30, sort: 'updated', direction: 'desc', state: 'open' });
});

test("configurations: the resource's params win over the defaults' (test_resource_defaults_params_get_overwritten)", () => {
  const loaded = accepts({
    client: { base_url: BASE },
    resource_defaults: { ...defaults, endpoint: { params: { per_page: 30 } } },
    resources: [{ name: 'issues', endpoint: { path: 'issues', params: { per_page: 50, sort: 'updated' } } }],
  });
  assert.equal(resource(loaded, 'issues').endpoint.params.per_page, 50);
});

test('configurations: default params apply to a resource without params (test_resource_defaults_params_no_resource_params)', () => {
  const loaded = accepts({
    client: { base_url: BASE },
    resource_defaults: { ...defaults, endpoint: { params: { per_page: 30 } } },
    resources: [{ name: 'issues', endpoint: { path: 'issues' } }],
  });
  assert.deepEqual(resource(loaded, 'issues').endpoint.params, { per_page: 30 });
});

test("configurations: paginator: null overrides the defaults' paginator (test_resource_overrides_with_explicit_none)", () => {
  const loaded = accepts({
    client: { base_url: BASE },
    resource_defaults: { ...defaults, endpoint: { path: 'issues', paginator: 'json_link' } },
    resources: [{ name: 'issues', endpoint: { paginator: null } }],
  });
  const r = resource(loaded, 'issues');
  assert.equal(r.endpoint.paginator ?? null, null, 'no paginator: auto-detection, as dlt with None');
  assert.equal(r.endpoint.path, 'issues', "the defaults' path is used");
});

test('configurations: defaults without params leave the params as they are (test_resource_defaults_no_params)', () => {
  const loaded = accepts({
    client: { base_url: BASE },
    resource_defaults: defaults,
    resources: [{ name: 'issues', endpoint: { path: 'issues', params: { per_page: 50, sort: 'updated' } } }],
  });
  assert.deepEqual(resource(loaded, 'issues').endpoint.params, { per_page: 50, sort: 'updated' });
});

// test_paginator_overrides: dlt hands RESTClient the client's paginator and
// paginate() the endpoint's; the endpoint's wins when set. restload resolves
// the one that applies. Three JSONLinkPaginator()s told apart by next_url_path.
const CLIENT = { type: 'json_link', next_url_path: 'client' };
const DEFAULTS = { type: 'json_link', next_url_path: 'defaults' };
const ENDPOINT = { type: 'json_link', next_url_path: 'endpoint' };

type Who = 'client' | 'defaults' | 'endpoint' | 'single_page' | null;
const expected = (who: Who) => (who === 'client' ? CLIENT : who === 'defaults' ? DEFAULTS : who === 'endpoint' ? ENDPOINT : who);

function paginatorCase(client: boolean, defaultsSet: boolean, endpoint: 'yes' | 'no' | 'null', path: string, parent: boolean) {
  return {
    client: { base_url: BASE, ...(client ? { paginator: CLIENT } : {}) },
    ...(defaultsSet ? { resource_defaults: { endpoint: { paginator: DEFAULTS } } } : {}),
    resources: [
      ...(parent ? ['users'] : []),
      {
        name: 'user',
        endpoint: { path, ...(endpoint === 'yes' ? { paginator: ENDPOINT } : endpoint === 'null' ? { paginator: null } : {}) },
      },
    ],
  };
}

test('configurations: which paginator applies (test_paginator_overrides)', async (t) => {
  // [client set, defaults set, endpoint paginator, the one used]
  const cases: [boolean, boolean, 'yes' | 'no' | 'null', Who][] = [
    [false, false, 'no', null],
    [true, false, 'no', 'client'],
    [false, true, 'no', 'defaults'],
    [false, false, 'yes', 'endpoint'],
    [true, true, 'no', 'defaults'],
    [true, false, 'yes', 'endpoint'],
    [false, true, 'yes', 'endpoint'],
    [true, true, 'yes', 'endpoint'],
    [true, false, 'null', 'client'],
    [false, false, 'null', null],
    [false, true, 'null', null],
    [true, true, 'null', 'client'],
  ];
  for (const [client, defaultsSet, endpoint, who] of cases) {
    await t.test(`client=${client} defaults=${defaultsSet} endpoint=${endpoint}`, () => {
      const r = resource(accepts(paginatorCase(client, defaultsSet, endpoint, 'users', false)), 'user');
      assert.deepEqual(r.endpoint.paginator ?? null, expected(who));
    });
  }
});

test('configurations: which paginator applies to a single-entity path (test_paginator_overrides_single_entity_paths)', async (t) => {
  const cases: [boolean, boolean, 'yes' | 'no' | 'null', Who][] = [
    [false, false, 'no', 'single_page'],
    [true, false, 'no', 'single_page'],
    [false, true, 'no', 'defaults'],
    [false, false, 'null', 'single_page'],
    [true, true, 'null', 'single_page'],
    [true, true, 'no', 'defaults'],
    [false, false, 'yes', 'endpoint'],
  ];
  for (const [client, defaultsSet, endpoint, who] of cases) {
    await t.test(`client=${client} defaults=${defaultsSet} endpoint=${endpoint}`, () => {
      const r = resource(accepts(paginatorCase(client, defaultsSet, endpoint, 'user/{resources.users.id}', true)), 'user');
      assert.deepEqual(r.endpoint.paginator ?? null, expected(who));
    });
  }
});
