// Port of dlt's tests/sources/rest_api/configurations/test_incremental_config.py
// (dlt 1.26.0, commit b3fc4a9e7c4152a76c6d29d035ddf9879609dc50).
// dlt calls setup_incremental_object and _set_incremental_params; restload
// resolves the incremental settings when the config loads (IncrementalSpec)
// and sets the start/end params when it builds a request (buildRequest in
// src/extract/rest-api/request-builder.ts). dlt's `convert` callable is a
// module export here (modules/convert.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IncrementalCursor } from '../../../src/extract/incremental.js';
import { loadFunction } from '../../../src/extract/rest-api/modules.js';
import { buildRequest } from '../../../src/extract/rest-api/request-builder.js';
import { accepts, BASE, rejects, resource } from './helpers.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const CONVERT = { module: join(HERE, 'modules', 'convert.mjs'), export: 'epochToDate' };

const withParams = (params: Record<string, unknown>) => ({ client: { base_url: BASE }, resources: [{ name: 'posts', endpoint: { path: 'posts', params } }] });
const withBlock = (incremental: Record<string, unknown>) => ({ client: { base_url: BASE }, resources: [{ name: 'posts', endpoint: { path: 'posts', incremental } }] });

test('incremental config: a param of another type is refused (test_invalid_incremental_type_is_not_accepted)', () => {
  rejects(
    withParams({ foo: 'bar', since: { type: 'no_incremental', cursor_path: 'updated_at', initial_value: '2024-01-01T00:00:00Z' } }),
    /no_incremental|unknown type/,
    'resources[0].endpoint.params.since.type',
  );
});

test('incremental config: one incremental param per endpoint (test_one_resource_cannot_have_many_incrementals)', () => {
  rejects(
    withParams({
      foo: 'bar',
      first_incremental: { type: 'incremental', cursor_path: 'updated_at', initial_value: '2024-01-01T00:00:00Z' },
      second_incremental: { type: 'incremental', cursor_path: 'created_at', initial_value: '2024-01-01T00:00:00Z' },
    }),
    /only one incremental param/,
    'resources[0].endpoint.params.second_incremental',
  );
});

test('incremental config: a param of type incremental sets cursor, initial value and lag (test_constructs_incremental_from_request_param)', () => {
  const r = resource(accepts(withParams({ foo: 'bar', since: { type: 'incremental', cursor_path: 'updated_at', initial_value: '2024-01-01T00:00:00Z', lag: 360.5 } })), 'posts');
  const inc = r.endpoint.incremental!;
  assert.equal(inc.cursorPath, 'updated_at');
  assert.equal(inc.initialValue, '2024-01-01T00:00:00Z');
  assert.equal(inc.lag, 360.5);
  assert.equal(inc.startParam, 'since');
  assert.equal(inc.endParam, undefined);
  assert.deepEqual(r.endpoint.params, { foo: 'bar' }, 'the incremental param is not sent as written');
});

test('incremental config: a param of type incremental takes a convert function (test_constructs_incremental_from_request_param_with_convert)', () => {
  const r = resource(accepts(withParams({ since: { type: 'incremental', cursor_path: 'updated_at', initial_value: '2024-01-01T00:00:00Z', convert: CONVERT } })), 'posts');
  assert.equal(r.endpoint.incremental?.startParam, 'since');
  assert.deepEqual(r.endpoint.incremental?.convert, CONVERT);
  assert.equal(r.endpoint.incremental?.initialValue, '2024-01-01T00:00:00Z');
});

test('incremental config: end_value and end_param are refused in a param (test_does_not_construct_incremental_from_request_param_with_unsupported_incremental)', () => {
  rejects(withParams({ since: { type: 'incremental', cursor_path: 'updated_at', initial_value: '2024-01-01T00:00:00Z', end_value: '2024-06-30T00:00:00Z' } }), /end_value/, 'resources[0].endpoint.params.since.end_value');
  rejects(withParams({ since_2: { type: 'incremental', cursor_path: 'updated_at', initial_value: '2024-01-01T00:00:00Z', end_param: '2024-06-30T00:00:00Z' } }), /end_param/, 'resources[0].endpoint.params.since_2.end_param');
});

test('incremental config: the incremental block sets start and end params (test_constructs_incremental_from_endpoint_config_incremental)', () => {
  const inc = resource(accepts(withBlock({ start_param: 'since', end_param: 'until', cursor_path: 'updated_at', initial_value: '2024-01-01T00:00:00Z' })), 'posts').endpoint.incremental!;
  assert.equal(inc.startParam, 'since');
  assert.equal(inc.endParam, 'until');
  assert.equal(inc.cursorPath, 'updated_at');
  assert.equal(inc.initialValue, '2024-01-01T00:00:00Z');
  assert.equal(inc.endValue, undefined);
});

test('incremental config: the incremental block takes end_value and convert (test_constructs_incremental_from_endpoint_config_incremental_with_convert)', () => {
  const inc = resource(accepts(withBlock({
    start_param: 'since', end_param: 'until', cursor_path: 'updated_at', initial_value: '2024-01-01T00:00:00Z', end_value: '2024-06-30T00:00:00Z', convert: CONVERT,
  })), 'posts').endpoint.incremental!;
  assert.equal(inc.startParam, 'since');
  assert.equal(inc.endParam, 'until');
  assert.equal(inc.endValue, '2024-06-30T00:00:00Z');
  assert.deepEqual(inc.convert, CONVERT);
});

/** The first request of `posts`, with the incremental cursor restload keeps for a run. */
async function firstRequest(config: object, lastValue?: string) {
  const r = resource(accepts(config), 'posts');
  const inc = r.endpoint.incremental!;
  const cursor = new IncrementalCursor(inc, r.name, lastValue === undefined ? undefined : ({ last_value: lastValue } as never));
  const convert = inc.convert ? await loadFunction<(v: unknown) => unknown>(inc.convert, HERE, 'convert') : undefined;
  return buildRequest(r, undefined, cursor, convert);
}

test('incremental config: convert is applied to the start value (test_calls_convert_from_endpoint_config_incremental)', async () => {
  const { epochToDate } = (await import(pathToFileURL(CONVERT.module).href)) as { epochToDate: { calls: unknown[] } };
  epochToDate.calls.length = 0;
  const req = await firstRequest(withBlock({ start_param: 'since', cursor_path: 'updated_at', initial_value: '0', convert: CONVERT }), '1');
  assert.deepEqual(req.params, { since: '1970-01-01' });
  assert.deepEqual(epochToDate.calls, ['1']);
});

test('incremental config: convert is applied to start and end values (test_calls_convert_from_request_param)', async () => {
  const { epochToDate } = (await import(pathToFileURL(CONVERT.module).href)) as { epochToDate: { calls: unknown[] } };
  epochToDate.calls.length = 0;
  const oneDayLater = 60 * 60 * 24;
  const req = await firstRequest(withBlock({
    start_param: 'since', end_param: 'until', cursor_path: 'updated_at', initial_value: '1', end_value: String(oneDayLater), convert: CONVERT,
  }));
  assert.deepEqual(req.params, { since: '1970-01-01', until: '1970-01-02' });
  assert.deepEqual(epochToDate.calls, ['1', String(oneDayLater)]);
});

test('incremental config: without convert the values are sent as they are (test_default_convert_is_identity)', async () => {
  const oneDayLater = 60 * 60 * 24;
  const req = await firstRequest(withBlock({ start_param: 'since', end_param: 'until', cursor_path: 'updated_at', initial_value: '1', end_value: String(oneDayLater) }));
  assert.deepEqual(req.params, { since: '1', until: String(oneDayLater) });
});
