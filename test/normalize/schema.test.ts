import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { bumpVersion, newSchema, schemaForDisplay, schemaHash, sortedJson, upgradeSchema, type StoredSchema } from '../../src/normalize/schema.js';
import { keyHashRowId, rowHashRowId } from '../../src/normalize/row-id.js';

const withTable = (s: StoredSchema, cols: string[]) => {
  s.tables.t = { name: 't', columns: Object.fromEntries(cols.map((c) => [c, { name: c, data_type: 'text' as const, nullable: true }])) };
  return s;
};

test('a new schema has dlt\'s system tables, default hints and normalizer settings', () => {
  const s = newSchema('src');
  assert.deepEqual(Object.keys(s.tables), ['_dlt_version', '_dlt_loads', '_dlt_pipeline_state']);
  assert.deepEqual(Object.keys(s.tables._dlt_loads!.columns), ['load_id', 'schema_name', 'status', 'inserted_at', 'schema_version_hash']);
  assert.deepEqual(Object.keys(s.tables._dlt_pipeline_state!.columns), ['version', 'engine_version', 'pipeline_name', 'state', 'created_at', 'version_hash', '_dlt_load_id', '_dlt_id']);
  assert.equal(s.engine_version, 11);
  assert.equal(s.normalizers.json.module, 'dlt.common.normalizers.json.relational');
});

test('version hash (dlt\'s generate_version_hash): content and column order count, version number does not', () => {
  const a = withTable(newSchema('s'), ['a', 'b']);
  const b = withTable(newSchema('s'), ['b', 'a']);
  assert.notEqual(schemaHash(a), schemaHash(b));
  const c = withTable(newSchema('s'), ['a', 'b']);
  c.version = 7;
  assert.equal(schemaHash(a), schemaHash(c));
  assert.equal(bumpVersion(a), true);
  assert.equal(a.version, 1, 'the first hash does not bump the version');
  const first = a.version_hash;
  assert.equal(bumpVersion(a), false);
  a.tables.t!.columns.c = { name: 'c', data_type: 'bigint' };
  assert.equal(bumpVersion(a), true);
  assert.equal(a.version, 2);
  assert.deepEqual(a.previous_hashes, [first]);
  assert.match(first, /^[A-Za-z0-9+/]{43}=$/, 'base64 of a sha3-256 digest');
});

test('sortedJson writes what orjson with sort_keys writes for JSON values', () => {
  assert.equal(sortedJson({ b: 1, a: [{ d: 'x', c: null }], 'é': true, A: 'ü' }), '{"A":"ü","a":[{"c":null,"d":"x"}],"b":1,"é":true}');
  assert.equal(sortedJson({ '\u{1F600}': 1, '\uFFFF': 2 }), '{"\uFFFF":2,"\u{1F600}":1}', 'code point order, as Python sorts');
});

test('row ids: key hash (upsert) and row hash (scd2) as dlt\'s get_row_hash', () => {
  const digest = (s: string) => createHash('shake128', { outputLength: 10 }).update(s).digest('base64').replace(/=+$/, '');
  assert.equal(keyHashRowId({ b: 'x', a: 1, other: 2 }, ['b', 'a']), digest('{"a":1,"b":"x"}'));
  assert.equal(rowHashRowId({ z: 1, _dlt_id: 'ignored', a: { y: 2, x: [1] } }), digest('{"a":{"x":[1],"y":2},"z":1}'));
});

test('schemaForDisplay drops the names dlt\'s to_pretty_yaml leaves out; upgradeSchema migrates old shapes', () => {
  const s = withTable(newSchema('s'), ['a']);
  const d = schemaForDisplay(s) as { tables: Record<string, { columns: Record<string, Record<string, unknown>>; name?: string }> };
  assert.equal(d.tables.t!.name, undefined);
  assert.deepEqual(d.tables.t!.columns.a, { data_type: 'text', nullable: true });
  const old = { ...newSchema('s'), tables: { t: { name: 't', columns: {}, 'x-normalizer': { seen_data: true } } } } as unknown as StoredSchema;
  upgradeSchema(old);
  assert.deepEqual(old.tables.t!['x-normalizer'], { 'seen-data': true });
  assert.ok(old.tables._dlt_loads);
});
