/**
 * A corpus of awkward payloads. For each, the exact tables, columns and
 * DuckDB types dlt would produce are stated (worked out from dlt's
 * relational normalizer, `_coerce_row` and `_COERCE_DISPATCH`, and checked
 * against a Python transcription of dlt's `_flatten`/`_normalize_row` with
 * dlt's own naming module) and compared with what restload created.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnOrder, layout, nested, root, rows, tempPipeline, testSource, toDuck } from '../load/helpers.js';

test('keys of every shape normalize as dlt snake_case does', async () => {
  const p = tempPipeline();
  const long = `${'VeryLong'.repeat(40)}Key`;
  await p.run([{
    id: 1, camelCase: 'a', HTTPServerError: true, 'with space': 1.5, 'with-dash': 'x', 'dot.key': 'y', '1leading': 2,
    'ünïcödé': 'u', '日本語': 'j', 'emoji😀': 'e', $price: 3, 'a+b': 4, trailing_: 5, __dunder__: 6, 'x@y': 7, '%pct': 8,
    UPPER: 9, Mixed_Case_Key: 10, '   padded  ': 11, '': 12, '   ': 13, ABCdefGHI: 14, 'a|b': 15, 'a*b': 16,
    CamelCase__Nested: 17, lv_1__lv_2: { 'Deep-Key': 1 }, [long]: 'long',
  }], { tableName: 'Weird Table-Name' });
  assert.deepEqual(await layout(p), {
    weird_table_name: root({
      id: 'bigint', camel_case: 'text', http_server_error: 'bool', with_space: 'double', with_dash: 'text', dot_key: 'text',
      _1leading: 'bigint', _n_c_dx: 'text', x: 'text', emojix: 'text', _price: 'bigint', axb: 'bigint', trailingx: 'bigint',
      dunder: 'bigint', xay: 'bigint', _pct: 'bigint', upper: 'bigint', mixed_case_key: 'bigint', padded: 'bigint',
      _empty: 'bigint', ab_cdef_ghi: 'bigint', alb: 'bigint', camel_case__nested: 'bigint', lv_1__lv_2__deep_key: 'bigint',
      // DuckDB allows 65536-character identifiers, so dlt does not shorten this one.
      [`${'very_long_'.repeat(40)}key`]: 'text',
    }),
  });
  // "" and "   " both become _empty: the key read last wins.
  const [row] = await rows(p, 'weird_table_name');
  assert.equal(row!._empty, 13);
});

test('keys that normalize to one name: one column, the value read last wins (dlt stack order)', async () => {
  const p = tempPipeline();
  const info = await p.run([
    { userName: 1, user_name: 'two', UserName: 3.5 },
    { user_name: 4 },
    // a__b from the root's keys is written first, the nested {b} after it: the nested one wins.
    { a: { b: 1 }, a__b: 's' },
    { tags: [1], Tags: ['x'] },
  ], { tableName: 't' });
  assert.ok(info);
  assert.deepEqual(await layout(p), {
    t: root({ user_name: 'double', a__b: 'bigint' }),
    t__tags: nested({ value: 'text' }),
  });
  const r = await rows(p, 't', 'user_name NULLS LAST');
  assert.deepEqual(r.map((x) => x.user_name), [3.5, 4, null, null]);
  assert.deepEqual(r.map((x) => x.a__b).filter((x) => x !== null), [1]);
  assert.deepEqual((await rows(p, 't__tags')).map((x) => x.value), ['x']);
});

test('nested lists, lists of lists, lists of scalars and mixed lists', async () => {
  const p = tempPipeline();
  await p.run([{
    id: 1,
    items: [{ sku: 'a', qty: 1, tags: ['x', 'y'], dims: { w: 1, h: 2 } }],
    matrix: [[1, 2], [3, 4]],
    deep: [[[1]]],
    scalars: [1, 2, 3],
    mixed: [1, 'a', { k: 1 }, [2]],
  }], { tableName: 't' });
  assert.deepEqual(await layout(p), {
    t: root({ id: 'bigint' }),
    t__items: nested({ sku: 'text', qty: 'bigint', dims__w: 'bigint', dims__h: 'bigint' }),
    t__items__tags: nested({ value: 'text' }),
    t__matrix: nested({}),
    t__matrix__list: nested({ value: 'bigint' }),
    t__deep: nested({}),
    t__deep__list: nested({}),
    t__deep__list__list: nested({ value: 'bigint' }),
    t__scalars: nested({ value: 'bigint' }),
    t__mixed: nested({ value: 'bigint', value__v_text: 'text', k: 'bigint' }),
    t__mixed__list: nested({ value: 'bigint' }),
  });
  // Links: every nested row points at its parent, positions are kept.
  const m = await p.sql<{ v: bigint; i: bigint; j: bigint }>(
    'SELECT l.value v, m._dlt_list_idx i, l._dlt_list_idx j FROM ds.t__matrix__list l JOIN ds.t__matrix m ON l._dlt_parent_id = m._dlt_id JOIN ds.t ON m._dlt_parent_id = t._dlt_id ORDER BY v',
  );
  assert.deepEqual(m.map((r) => [Number(r.v), Number(r.i), Number(r.j)]), [[1, 0, 0], [2, 0, 1], [3, 1, 0], [4, 1, 1]]);
  const mixed = await rows(p, 't__mixed', '_dlt_list_idx', 'value, value__v_text, k, _dlt_list_idx');
  assert.deepEqual(mixed, [
    { value: 1, value__v_text: null, k: null, _dlt_list_idx: 0 },
    { value: null, value__v_text: 'a', k: null, _dlt_list_idx: 1 },
    { value: null, value__v_text: null, k: 1, _dlt_list_idx: 2 },
    { value: null, value__v_text: null, k: null, _dlt_list_idx: 3 },
  ]);
  // dlt's column order: data columns first (in dlt's stack order), then the link columns, variants where they appeared.
  assert.deepEqual(await columnOrder(p, 't__mixed'), ['value', '_dlt_parent_id', '_dlt_list_idx', '_dlt_id', 'value__v_text', 'k']);
});

test('type changes between pages: coercions where dlt coerces, variant columns where it cannot', async () => {
  const p = tempPipeline();
  const page1 = {
    n: 1, s: 'a', ts: '2024-01-01T00:00:00Z', b: true, f: 1.5, m: 1, k: 1, d: 1.5, i: 1, z: null,
    t1: '2024-01-01T10:00:00', t2: '2024-01-01T10:00:00+02:00', e: '', j: '2024-01-02',
  };
  const page2 = { n: 'two', s: 2, ts: 'garbage', b: 5, f: '2.5', m: '3', k: true, d: 2, i: 2.5, z: '2024-01-02', t1: 1700000000, j: 'x' };
  await p.run([page1, page2], { tableName: 't' });
  assert.deepEqual(await layout(p), {
    t: root({
      n: 'bigint', s: 'text', ts: 'timestamp', b: 'bool', f: 'double', m: 'bigint', k: 'bigint', d: 'double', i: 'bigint',
      t1: 'timestamp', t2: 'timestamp', e: 'text', j: 'text',
      n__v_text: 'text', ts__v_text: 'text', k__v_bool: 'bool', i__v_double: 'double',
      // null first, then a date: dlt only detects ISO timestamps, so a date string is text.
      z: 'text',
    }),
  });
  const r = await rows(p, 't', 'n NULLS LAST', `n, n__v_text, s, strftime(ts, '%Y-%m-%dT%H:%M:%S') ts, ts__v_text, b, f, m, k, k__v_bool, i, i__v_double,
    strftime(t1, '%Y-%m-%dT%H:%M:%S') t1, strftime(t2, '%Y-%m-%dT%H:%M:%S') t2, z`);
  assert.deepEqual(r, [
    { n: 1, n__v_text: null, s: 'a', ts: '2024-01-01T00:00:00', ts__v_text: null, b: true, f: 1.5, m: 1, k: 1, k__v_bool: null, i: 1, i__v_double: null, t1: '2024-01-01T10:00:00', t2: '2024-01-01T08:00:00', z: null },
    { n: null, n__v_text: 'two', s: '2', ts: null, ts__v_text: 'garbage', b: true, f: 2.5, m: 3, k: null, k__v_bool: true, i: null, i__v_double: 2.5, t1: '2023-11-14T22:13:20', t2: null, z: '2024-01-02' },
  ]);
});

test('type changes between runs add variant columns to the existing table; the column keeps its type', async () => {
  const p = tempPipeline();
  await p.run([{ id: 1, v: 10, o: { a: 1 } }], { tableName: 't' });
  await p.run([{ id: 2, v: 'ten', o: { a: 'x', b: true } }], { tableName: 't' });
  await p.run([{ id: 3, v: 11.5, o: 'flat' }], { tableName: 't' });
  assert.deepEqual(await layout(p), {
    t: root({ id: 'bigint', v: 'bigint', o__a: 'bigint', v__v_text: 'text', o__a__v_text: 'text', o__b: 'bool', v__v_double: 'double', o: 'text' }),
  });
  assert.equal((await rows(p, 't')).length, 3);
});

test('nulls first, then values; empty objects and lists leave no trace', async () => {
  const p = tempPipeline();
  await p.run([
    { id: 1, x: null, o: null, l: null, e: {}, el: [], n: { inner: {} } },
    { id: 2, x: 'v', o: { a: 1 }, l: [1] },
    {},
  ], { tableName: 't' });
  assert.deepEqual(await layout(p), {
    t: root({ id: 'bigint', x: 'text', o__a: 'bigint' }),
    t__l: nested({ value: 'bigint' }),
  });
  assert.equal((await rows(p, 't')).length, 3);
});

test('scalars and lists as items are wrapped in "value"', async () => {
  const p = tempPipeline();
  await p.run([5, 'x', [1, 2]], { tableName: 'vals' });
  assert.deepEqual(await layout(p), {
    vals: root({ value: 'bigint', value__v_text: 'text' }),
    vals__value: nested({ value: 'bigint' }),
  });
});

test('max_table_nesting: deeper data is kept whole as json (per resource)', async () => {
  const item = { id: 1, a: { b: { c: 1 } }, l: [{ x: { y: 1 }, z: [1] }] };
  const expected: Record<number, Record<string, Record<string, string>>> = {
    0: { t: root({ id: 'bigint', a: 'json', l: 'json' }) },
    1: { t: root({ id: 'bigint', a__b: 'json' }), t__l: nested({ x: 'json', z: 'json' }) },
    2: { t: root({ id: 'bigint', a__b__c: 'bigint' }), t__l: nested({ x__y: 'bigint' }), t__l__z: nested({ value: 'bigint' }) },
  };
  for (const [n, want] of Object.entries(expected)) {
    const p = tempPipeline();
    await p.run([item], { tableName: 't', maxTableNesting: Number(n) });
    assert.deepEqual(await layout(p), want, `max_table_nesting ${n}`);
  }
  const p = tempPipeline();
  await p.run([item], { tableName: 't', maxTableNesting: 0 });
  const [r] = await p.sql<{ a: string; l: string }>('SELECT a::VARCHAR a, l::VARCHAR l FROM ds.t');
  assert.deepEqual(JSON.parse(r!.a), { b: { c: 1 } });
  assert.deepEqual(JSON.parse(r!.l), [{ x: { y: 1 }, z: [1] }]);
  // Once json, always json: a later run with deeper nesting allowed keeps the column whole.
  await p.run([{ id: 2, a: { b: 2 }, l: [] }], { tableName: 't', maxTableNesting: 5 });
  assert.deepEqual(await layout(p), { t: root({ id: 'bigint', a: 'json', l: 'json' }) });
});

test('max_table_nesting per source, overridden per resource', async () => {
  const p = tempPipeline();
  const item = { id: 1, a: { b: 1 }, l: [1] };
  await p.run(testSource('src', [
    { name: 'src_default', pages: [[item]] },
    { name: 'own', maxTableNesting: 1, pages: [[{ ...item, a: { b: { c: 1 } }, l: [[1]] }]] },
  ], { maxTableNesting: 0 }));
  assert.deepEqual(await layout(p), {
    src_default: root({ id: 'bigint', a: 'json', l: 'json' }),
    own: root({ id: 'bigint', a__b: 'json' }),
    own__l: nested({ list: 'json' }),
  });
});

test('_dlt_root_id: with root_key, and always for merge (delete-insert), never for plain append', async () => {
  const item = { id: 1, l: [{ x: 1, m: [1] }] };
  const p1 = tempPipeline();
  await p1.run([item], { tableName: 't' });
  assert.deepEqual(await layout(p1), { t: root({ id: 'bigint' }), t__l: nested({ x: 'bigint' }), t__l__m: nested({ value: 'bigint' }) });
  const p2 = tempPipeline();
  await p2.run(testSource('s', [{ name: 't', pages: [[item]] }], { rootKey: true }));
  assert.deepEqual(await layout(p2), { t: root({ id: 'bigint' }), t__l: nested({ x: 'bigint' }, true), t__l__m: nested({ value: 'bigint' }, true) });
  const p3 = tempPipeline();
  await p3.run([item], { tableName: 't', writeDisposition: 'merge', primaryKey: 'id' });
  assert.deepEqual(await layout(p3), { t: root({ id: 'bigint' }), t__l: nested({ x: 'bigint' }, true), t__l__m: nested({ value: 'bigint' }, true) });
  // The root id is the root row's _dlt_id, at every level.
  const bad = await p3.sql<{ n: bigint }>('SELECT count(*) n FROM ds.t__l__m m JOIN ds.t__l l ON m._dlt_parent_id = l._dlt_id WHERE m._dlt_root_id <> l._dlt_root_id OR l._dlt_root_id <> (SELECT _dlt_id FROM ds.t)');
  assert.equal(bad[0]!.n, 0n);
  // dlt's column order in a nested table: data, _dlt_root_id, _dlt_parent_id, _dlt_list_idx, _dlt_id.
  assert.deepEqual(await columnOrder(p3, 't__l__m'), ['value', '_dlt_root_id', '_dlt_parent_id', '_dlt_list_idx', '_dlt_id']);
});

test('column hints override inference (data_type, precision, scale, timezone, nullable)', async () => {
  const p = tempPipeline();
  await p.run([{ id: 1, price: 12.5, when: '2024-01-01', code: 123, at: '2024-01-01T10:00:00+02:00', small: 7, flag: 'yes', raw: { a: [1] }, t: '10:11:12' }], {
    tableName: 't',
    columns: {
      price: { data_type: 'decimal', precision: 10, scale: 2 },
      when: { data_type: 'date' },
      code: { data_type: 'text' },
      at: { data_type: 'timestamp', timezone: false },
      small: { data_type: 'bigint', precision: 16 },
      flag: { data_type: 'bool' },
      raw: { data_type: 'json' },
      t: { data_type: 'time' },
      id: { nullable: false },
    },
  });
  assert.deepEqual(await layout(p), {
    t: { ...toDuck({ price: 'DECIMAL(10,2)', when: 'date', code: 'text', at: 'TIMESTAMP', small: 'SMALLINT', flag: 'bool', raw: 'json', t: 'time', id: 'bigint' }), ...root({}) },
  });
  const [r] = await p.sql<Record<string, unknown>>('SELECT price::VARCHAR price, "when"::VARCHAR "when", code, "at"::VARCHAR "at", flag, raw::VARCHAR raw, t::VARCHAR t FROM ds.t');
  assert.deepEqual({ ...r, raw: JSON.parse(r!.raw as string) }, { price: '12.50', when: '2024-01-01', code: '123', at: '2024-01-01 08:00:00', flag: true, raw: { a: [1] }, t: '10:11:12' });
  const nn = await p.sql<{ column_name: string; is_nullable: string }>("SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'ds' AND table_name = 't' AND column_name IN ('id', '_dlt_id', '_dlt_load_id', 'price') ORDER BY column_name");
  assert.deepEqual(nn.map((c) => `${c.column_name}:${c.is_nullable}`), ['_dlt_id:NO', '_dlt_load_id:NO', 'id:NO', 'price:YES']);
});

test('unicode and very long values load unchanged', async () => {
  const p = tempPipeline();
  const long = 'ü😀'.repeat(50_000);
  await p.run([{ s: long, e: '日本語 — emoji 😀', nul: 'a\u0000b' }], { tableName: 't' });
  const [r] = await rows(p, 't', '_dlt_id', 's, e, nul');
  assert.equal(r!.s, long);
  assert.equal(r!.e, '日本語 — emoji 😀');
  assert.equal(r!.nul, 'a\u0000b');
});

test('bigints beyond 2^53 and binary hints survive the load package', async () => {
  const p = tempPipeline();
  await p.run([{ big: '123456789012345678', bin: 'aGVsbG8=' }], { tableName: 't', columns: { big: { data_type: 'bigint' }, bin: { data_type: 'binary' } } });
  const [r] = await p.sql<{ big: bigint; bin: string }>('SELECT big, decode(bin) bin FROM ds.t');
  assert.equal(r!.big, 123456789012345678n);
  assert.equal(r!.bin, 'hello');
});
