/**
 * Write dispositions across several runs, checked against dlt's semantics
 * (dlt/destinations/sql_jobs.py, docs: merge loading): append, replace
 * (nested tables too, and an empty run empties the table), merge
 * delete-insert with primary and/or merge key, deduplication, dedup_sort,
 * hard_delete, nested tables of merged parents, upsert and scd2.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { resource } from '../../src/index.js';
import { layout, nested, root, rows, tempPipeline, toDuck } from './helpers.js';

const count = async (p: ReturnType<typeof tempPipeline>, table: string) => Number((await p.sql<{ n: bigint }>(`SELECT count(*) n FROM ds."${table}"`))[0]!.n);
/** dlt's digest128 (shake128, 10 bytes, base64 without padding) of a string. */
const digest = (s: string) => createHash('shake128', { outputLength: 10 }).update(s).digest('base64').replace(/=+$/, '');

test('append adds every run\'s rows, nested ones too', async () => {
  const p = tempPipeline();
  for (let i = 0; i < 3; i++) await p.run([{ id: 1, tags: ['a', 'b'] }], { tableName: 't' });
  assert.equal(await count(p, 't'), 3);
  assert.equal(await count(p, 't__tags'), 6);
  assert.equal((await p.sql('SELECT DISTINCT _dlt_load_id FROM ds.t')).length, 3);
});

test('replace keeps only this run\'s rows, in the root and nested tables; a run with no rows empties them', async () => {
  const p = tempPipeline();
  const opts = { tableName: 't', writeDisposition: 'replace' as const };
  await p.run([{ id: 1, tags: ['a', 'b'] }, { id: 2, tags: ['c'] }], opts);
  assert.equal(await count(p, 't'), 2);
  assert.equal(await count(p, 't__tags'), 3);
  await p.run([{ id: 3 }], opts);
  assert.deepEqual((await rows(p, 't', 'id', 'id')).map((r) => r.id), [3]);
  assert.equal(await count(p, 't__tags'), 0, 'nested rows of the replaced run are gone even though this run had none');
  // dlt writes an empty job for a replace resource that yields nothing: the tables are truncated.
  await p.run([], opts);
  assert.equal(await count(p, 't'), 0);
  assert.equal(await count(p, 't__tags'), 0);
  assert.equal((await p.sql('SELECT * FROM ds._dlt_loads')).length, 3);
});

test('replace is atomic: a run that fails leaves the previous rows', async () => {
  const p = tempPipeline();
  await p.run([{ id: 1, tags: ['a'] }], { tableName: 't', writeDisposition: 'replace' });
  const failing = resource(async function* t() {
    yield [{ id: 2, tags: ['b'] }];
    throw new Error('API went away');
  }, { writeDisposition: 'replace' });
  await assert.rejects(p.run(failing), /API went away/);
  assert.deepEqual((await rows(p, 't', 'id', 'id')).map((r) => r.id), [1]);
  assert.deepEqual((await rows(p, 't__tags', 'value', 'value')).map((r) => r.value), ['a']);
});

test('merge on primary key: updates replace rows and their nested rows, across runs, no duplicates', async () => {
  const p = tempPipeline();
  const opts = { tableName: 't', writeDisposition: 'merge' as const, primaryKey: 'id' };
  await p.run([{ id: 1, v: 'a', tags: ['x', 'y'] }, { id: 2, v: 'b', tags: ['z'] }, { id: 3, v: 'c', tags: ['w'] }], opts);
  // id 1 changes and loses a tag, id 3 comes without any list (its old tags must go), id 4 is new.
  await p.run([{ id: 1, v: 'a2', tags: ['q'] }, { id: 3, v: 'c2' }, { id: 4, v: 'd' }], opts);
  assert.deepEqual(await rows(p, 't', 'id', 'id, v'), [{ id: 1, v: 'a2' }, { id: 2, v: 'b' }, { id: 3, v: 'c2' }, { id: 4, v: 'd' }]);
  const tags = await p.sql<{ id: bigint; value: string }>('SELECT t.id, g.value FROM ds.t__tags g JOIN ds.t ON g._dlt_root_id = t._dlt_id ORDER BY 1, 2');
  assert.deepEqual(tags.map((r) => `${r.id}:${r.value}`), ['1:q', '2:z']);
  assert.equal(await count(p, 't__tags'), 2, 'no orphaned nested rows');
  // Same data again: nothing changes.
  await p.run([{ id: 1, v: 'a2', tags: ['q'] }], opts);
  assert.equal(await count(p, 't'), 4);
  assert.equal(await count(p, 't__tags'), 2);
});

test('merge deduplicates within a run on the primary key (first row kept, as dlt on DuckDB), dedup_sort picks one', async () => {
  const p = tempPipeline();
  await p.run([{ id: 1, v: 'first' }, { id: 1, v: 'second' }, { id: 2, v: 'x' }], { tableName: 't', writeDisposition: 'merge', primaryKey: 'id' });
  assert.deepEqual(await rows(p, 't', 'id', 'id, v'), [{ id: 1, v: 'first' }, { id: 2, v: 'x' }]);
  const data = [{ id: 1, ts: 1, v: 'a' }, { id: 1, ts: 3, v: 'c', tags: ['c'] }, { id: 1, ts: 2, v: 'b', tags: ['b'] }];
  for (const [order, want] of [['desc', 'c'], ['asc', 'a']] as const) {
    const q = tempPipeline();
    await q.run(data, { tableName: 't', writeDisposition: 'merge', primaryKey: 'id', columns: { ts: { dedup_sort: order } } });
    assert.deepEqual(await rows(q, 't', 'id', 'id, v'), [{ id: 1, v: want }], order);
    assert.deepEqual((await rows(q, 't__tags', 'value', 'value')).map((r) => r.value), want === 'a' ? [] : [want], `${order}: nested rows of the kept row only`);
  }
});

test('merge on merge_key replaces whole batches (no deduplication without a primary key)', async () => {
  const p = tempPipeline();
  const opts = { tableName: 't', writeDisposition: 'merge' as const, mergeKey: 'day' };
  await p.run([{ day: 'd1', v: 1 }, { day: 'd1', v: 2 }, { day: 'd2', v: 3 }], opts);
  await p.run([{ day: 'd1', v: 10 }, { day: 'd1', v: 10 }], opts);
  assert.deepEqual(await rows(p, 't', 'day, v', 'day, v'), [{ day: 'd1', v: 10 }, { day: 'd1', v: 10 }, { day: 'd2', v: 3 }]);
});

test('merge with primary key and merge key deletes rows matching either', async () => {
  const p = tempPipeline();
  const opts = { tableName: 't', writeDisposition: 'merge' as const, primaryKey: 'id', mergeKey: 'day' };
  await p.run([{ id: 1, day: 'd1' }, { id: 2, day: 'd1' }, { id: 3, day: 'd2' }, { id: 4, day: 'd3' }], opts);
  await p.run([{ id: 3, day: 'd1' }], opts);
  // d1 rows (1, 2) go by merge key, id 3 by primary key; 4 stays.
  assert.deepEqual(await rows(p, 't', 'id', 'id, day'), [{ id: 3, day: 'd1' }, { id: 4, day: 'd3' }]);
});

test('merge without keys appends (dlt\'s fallback)', async () => {
  const p = tempPipeline();
  await p.run([{ v: 1 }], { tableName: 't', writeDisposition: 'merge' });
  await p.run([{ v: 1 }], { tableName: 't', writeDisposition: 'merge' });
  assert.equal(await count(p, 't'), 2);
});

test('hard_delete: a bool column deletes on true only, other types on any value; nested rows go too', async () => {
  const p = tempPipeline();
  const opts = { tableName: 't', writeDisposition: 'merge' as const, primaryKey: 'id', columns: { deleted: { hard_delete: true } } };
  await p.run([{ id: 1, v: 'a', deleted: false, tags: ['x'] }, { id: 2, v: 'b', tags: ['y'] }, { id: 3, v: 'c' }], opts);
  await p.run([{ id: 1, deleted: true }, { id: 2, v: 'b2', deleted: false, tags: ['y2'] }, { id: 4, v: 'd', deleted: true }], opts);
  assert.deepEqual(await rows(p, 't', 'id', 'id, v, deleted'), [{ id: 2, v: 'b2', deleted: false }, { id: 3, v: 'c', deleted: null }]);
  assert.deepEqual((await rows(p, 't__tags', 'value', 'value')).map((r) => r.value), ['y2']);

  const q = tempPipeline();
  const o2 = { tableName: 't', writeDisposition: 'merge' as const, mergeKey: 'id', columns: { deleted_at: { hard_delete: true } } };
  await q.run([{ id: 1, v: 'foo', deleted_at: null }, { id: 1, v: 'bar', deleted_at: null }, { id: 2, v: 'x' }], o2);
  assert.equal(await count(q, 't'), 3);
  await q.run([{ id: 1, v: 'foo', deleted_at: '2024-02-22T12:34:56Z' }], o2);
  assert.deepEqual(await rows(q, 't', 'id', 'id, v'), [{ id: 2, v: 'x' }]);
});

test('upsert: _dlt_id is the primary key hash; rows are updated or inserted, nested rows follow their position', async () => {
  const p = tempPipeline();
  const opts = { tableName: 't', writeDisposition: { disposition: 'merge' as const, strategy: 'upsert' }, primaryKey: 'id', columns: { deleted: { hard_delete: true } } };
  await p.run([{ id: 1, v: 'a', tags: ['x', 'y'] }, { id: 2, v: 'b', tags: ['z'] }], opts);
  const ids = await rows(p, 't', 'id', 'id, _dlt_id');
  assert.deepEqual(ids, [{ id: 1, _dlt_id: digest('{"id":1}') }, { id: 2, _dlt_id: digest('{"id":2}') }]);
  await p.run([{ id: 1, v: 'a2', tags: ['y'] }, { id: 3, v: 'c' }], opts);
  assert.deepEqual(await rows(p, 't', 'id', 'id, v'), [{ id: 1, v: 'a2' }, { id: 2, v: 'b' }, { id: 3, v: 'c' }]);
  const tags = await p.sql<{ id: bigint; value: string; i: bigint }>('SELECT t.id, g.value, g._dlt_list_idx i FROM ds.t__tags g JOIN ds.t ON g._dlt_root_id = t._dlt_id ORDER BY 1, 3');
  assert.deepEqual(tags.map((r) => `${r.id}:${r.i}:${r.value}`), ['1:0:y', '2:0:z']);
  // The same load id for untouched rows, the new one for updated rows.
  const loads = await p.sql<{ n: bigint }>('SELECT count(DISTINCT _dlt_load_id) n FROM ds.t');
  assert.equal(loads[0]!.n, 2n);
  // hard delete.
  await p.run([{ id: 2, deleted: true }], opts);
  assert.deepEqual((await rows(p, 't', 'id', 'id')).map((r) => r.id), [1, 3]);
  assert.equal(await count(p, 't__tags'), 1);
});

test('upsert needs a primary key', async () => {
  const p = tempPipeline();
  await assert.rejects(p.run([{ v: 1 }], { tableName: 't', writeDisposition: { disposition: 'merge', strategy: 'upsert' } }), /primary key/i);
});

test('scd2: validity columns, row hash in _dlt_id, changed and absent rows retired', async () => {
  const p = tempPipeline();
  const opts = { tableName: 'dim_customer', writeDisposition: { disposition: 'merge' as const, strategy: 'scd2' } };
  await p.run([{ customer_key: 1, c1: 'foo', c2: 1 }, { customer_key: 2, c1: 'bar', c2: 2 }], opts);
  assert.deepEqual(await layout(p), {
    dim_customer: { ...toDuck({ _dlt_valid_from: 'timestamp', _dlt_valid_to: 'timestamp' }), ...root({ customer_key: 'bigint', c1: 'text', c2: 'bigint' }) },
  });
  const first = await rows(p, 'dim_customer', 'customer_key', '_dlt_id, customer_key, _dlt_valid_from IS NOT NULL has_from, _dlt_valid_to');
  assert.deepEqual(first, [
    { _dlt_id: digest('{"c1":"foo","c2":1,"customer_key":1}'), customer_key: 1, has_from: true, _dlt_valid_to: null },
    { _dlt_id: digest('{"c1":"bar","c2":2,"customer_key":2}'), customer_key: 2, has_from: true, _dlt_valid_to: null },
  ]);
  await new Promise((r) => setTimeout(r, 5));
  await p.run([{ customer_key: 1, c1: 'foo_updated', c2: 1 }, { customer_key: 2, c1: 'bar', c2: 2 }], opts);
  await new Promise((r) => setTimeout(r, 5));
  await p.run([{ customer_key: 1, c1: 'foo_updated', c2: 1 }], opts);
  const all = await p.sql<{ customer_key: bigint; c1: string; active: boolean; from_load: bigint; to_load: bigint | null }>(`
    WITH l AS (SELECT load_id, row_number() OVER (ORDER BY load_id) n FROM ds._dlt_loads)
    SELECT customer_key, c1, _dlt_valid_to IS NULL active,
      (SELECT n FROM l WHERE abs(epoch(_dlt_valid_from) - l.load_id::DOUBLE) < 1 ORDER BY abs(epoch(_dlt_valid_from) - l.load_id::DOUBLE) LIMIT 1) from_load,
      (SELECT n FROM l WHERE abs(epoch(_dlt_valid_to) - l.load_id::DOUBLE) < 1 ORDER BY abs(epoch(_dlt_valid_to) - l.load_id::DOUBLE) LIMIT 1) to_load
    FROM ds.dim_customer ORDER BY _dlt_valid_from, customer_key`);
  assert.deepEqual(all.map((r) => [Number(r.customer_key), r.c1, r.active, Number(r.from_load), r.to_load === null ? null : Number(r.to_load)]), [
    [1, 'foo', false, 1, 2],
    [2, 'bar', false, 1, 3],
    [1, 'foo_updated', true, 2, null],
  ]);
  // The boundary is the load's time: valid_to of a retired row equals valid_from of its successor.
  const [b] = await p.sql<{ ok: boolean }>('SELECT (SELECT _dlt_valid_to FROM ds.dim_customer WHERE c1 = \'foo\') = (SELECT _dlt_valid_from FROM ds.dim_customer WHERE c1 = \'foo_updated\') ok');
  assert.equal(b!.ok, true);
});

test('scd2 with merge_key does not retire absent keys; active_record_timestamp and nested tables', async () => {
  const p = tempPipeline();
  const opts = {
    tableName: 'dim', mergeKey: 'k',
    writeDisposition: { disposition: 'merge' as const, strategy: 'scd2', active_record_timestamp: '9999-12-31T00:00:00Z' },
  };
  await p.run([{ k: 1, v: 'a', tags: ['x'] }, { k: 2, v: 'b', tags: ['y'] }], opts);
  await p.run([{ k: 1, v: 'a2', tags: ['x', 'z'] }], opts);
  const r = await p.sql<{ k: bigint; v: string; active: boolean }>("SELECT k, v, _dlt_valid_to = '9999-12-31T00:00:00Z'::TIMESTAMPTZ active FROM ds.dim ORDER BY k, v");
  assert.deepEqual(r.map((x) => [Number(x.k), x.v, x.active]), [[1, 'a', false], [1, 'a2', true], [2, 'b', true]]);
  // Nested rows are insert-only, linked to the row version by _dlt_parent_id.
  const tags = await p.sql<{ v: string; value: string }>('SELECT d.v, t.value FROM ds.dim__tags t JOIN ds.dim d ON t._dlt_parent_id = d._dlt_id ORDER BY 1, 2');
  assert.deepEqual(tags.map((x) => `${x.v}:${x.value}`), ['a:x', 'a2:x', 'a2:z', 'b:y']);
  assert.deepEqual(Object.keys((await layout(p)).dim__tags!).sort(), Object.keys(nested({ value: 'text' })).sort(), 'no root key for scd2');
});
