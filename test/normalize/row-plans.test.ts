/**
 * The normalizer's fast path (row plans, src/normalize/row-plan.ts) must
 * write exactly what the full dlt path writes: the same tables, rows,
 * values, schema and warnings. Each case normalizes the same pages twice,
 * with and without row plans, and compares. Root ids are random, so ids are
 * compared by position: a row's `_dlt_id` becomes "<table>#<n>", and
 * `_dlt_parent_id`/`_dlt_root_id` must point at the same position in both runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Normalizer, type RowSink, type TableTarget } from '../../src/normalize/normalizer.js';
import { newSchema } from '../../src/normalize/schema.js';
import type { SchemaContract } from '../../src/config/model.js';

type Row = Record<string, unknown>;
const EVOLVE: SchemaContract = { tables: 'evolve', columns: 'evolve', data_type: 'evolve' };

class Collect implements RowSink {
  readonly tables = new Map<string, Row[]>();
  write(table: string, row: Row): void {
    // What the load package keeps: the row's JSON.
    const copy = JSON.parse(JSON.stringify(row)) as Row;
    let t = this.tables.get(table);
    if (!t) this.tables.set(table, (t = []));
    t.push(copy);
  }
}

function run(pages: unknown[][], plans: boolean, target: Partial<TableTarget> = {}, columnsJson?: string[]) {
  const sink = new Collect();
  const schema = newSchema('diff');
  const n = new Normalizer(schema, '1700000000.1', sink, { rowPlans: plans });
  const columns: TableTarget['columns'] = {};
  for (const c of columnsJson ?? []) columns[c] = { data_type: 'json' };
  n.registerResource({ resource: 'items', tableName: 'items', writeDisposition: { disposition: 'append' }, columns, contract: EVOLVE, ...target });
  let error: string | undefined;
  try {
    for (const p of pages) n.normalize('items', p);
  } catch (e) {
    error = (e as Error).message;
  }
  const rawRootIds = (sink.tables.get('items') ?? []).map((r) => r._dlt_id);
  // Ids by position.
  const ids = new Map<string, string>();
  for (const [table, rows] of sink.tables) rows.forEach((r, i) => ids.set(r._dlt_id as string, `${table}#${i}`));
  const tables: Record<string, Row[]> = {};
  for (const [table, rows] of sink.tables) {
    tables[table] = rows.map((r) => {
      const o: Row = { ...r, _dlt_id: ids.get(r._dlt_id as string) ?? 'foreign' };
      if ('_dlt_parent_id' in r) o._dlt_parent_id = ids.get(r._dlt_parent_id as string) ?? 'missing';
      if ('_dlt_root_id' in r) o._dlt_root_id = ids.get(r._dlt_root_id as string) ?? 'missing';
      return o;
    });
  }
  return { tables, schema: JSON.parse(JSON.stringify(schema.tables)), counts: n.rowCounts, warnings: n.warnings, newColumns: n.newColumns, error, fastItems: n.fastItems, rawRootIds };
}

/** The root ids as written (deterministic for hashed ids), in row order. */
function rawIds(r: ReturnType<typeof run>): unknown[] {
  return r.rawRootIds;
}

function same(name: string, pages: unknown[][], target: Partial<TableTarget> = {}, columnsJson?: string[]) {
  const slow = run(pages, false, target, columnsJson);
  const fast = run(pages, true, target, columnsJson);
  assert.equal(slow.fastItems, 0);
  assert.deepEqual({ ...fast, fastItems: 0, rawRootIds: [] }, { ...slow, rawRootIds: [] }, name);
  return fast;
}

function issue(n: number): Row {
  return {
    id: n, number: n, title: `Issue ${n} — ünïcödé "quoted" \\ back\nline`, state: n % 3 ? 'open' : 'closed', locked: n % 5 === 0,
    user: { login: `user${n % 7}`, id: n % 7, site_admin: false, type: 'User' },
    labels: Array.from({ length: n % 4 }, (_, i) => ({ id: i, name: `label ${i}`, color: 'ededed', default: i === 0 })),
    assignees: n % 2 ? [{ login: 'a', id: 1 }] : [],
    milestone: n % 3 ? null : { id: 3, title: 'v1', creator: { login: 'c', id: 2 }, due_on: n % 2 ? null : '2024-01-02T03:04:05Z' },
    reactions: { total_count: n % 9, '+1': 1, '-1': 0, laugh: 0 },
    created_at: '2023-05-06T07:08:09Z', updated_at: `2023-05-06T07:08:${String(n % 60).padStart(2, '0')}Z`,
    closed_at: n % 3 ? null : '2023-06-01T00:00:00+02:00',
    score: n % 4 ? n / 3 : n, body: n % 6 ? 'text' : null,
    ...(n % 10 === 0 ? { pull_request: { url: 'u', merged_at: null } } : {}),
  };
}

test('GitHub-like issues: fast path and full path write the same rows and schema', () => {
  const pages = [Array.from({ length: 50 }, (_, i) => issue(i + 1)), Array.from({ length: 50 }, (_, i) => issue(i + 51))];
  const r = same('issues', pages);
  assert.equal(r.counts.items, 100);
  // The comparison means something only if most items did take the fast path.
  assert.ok(r.fastItems > 80, `fast items: ${r.fastItems}`);
  assert.ok(r.counts.items__labels! > 50);
});

test('types that change midway: coercion, variants, nulls, new columns', () => {
  const r = same('types', [
    [{ a: 1, b: 'x', c: 1.5, t: '2024-01-01T00:00:00Z' }, { a: 2, b: 'y', c: 2, t: '2024-01-01T00:00:00.123456Z' }],
    [{ a: '3', b: 4, c: 'nope', t: 'not a date' }, { a: 4.5, b: true, c: null, t: 1700000000 }, { a: null, d: [1, 2, null, 'x'] }],
    [{ a: 5, b: 'z', c: 3, t: '2024-01-01T00:00:00+05:00', d: [3] }, { a: 6, b: 'w', e: { f: { g: 1 } } }, { a: 7, e: { f: { g: 'str' } } }],
    [{ a: Number.NaN, b: '', c: Infinity }, { a: 8, b: 'ok', c: -0 }],
  ]);
  assert.ok(r.fastItems >= 3, `fast items: ${r.fastItems}`);
});

test('lists: of scalars, of objects, of lists, empty, nested several deep', () => {
  same('lists', [
    [{ id: 1, tags: ['a', 'b'], items: [{ x: 1, sub: [{ y: 1 }, { y: 2 }] }], grid: [[1, 2], [3]], empty: [] }],
    [{ id: 2, tags: ['c'], items: [{ x: 2, sub: [] }, { x: 3 }], grid: [[4]], empty: [] }, { id: 3, tags: [1, 'mixed', null] }],
    [{ id: 4, items: [{ x: 4, sub: [{ y: 3, deeper: [{ z: true }] }] }] }, { id: 5, items: [[{ inner: 1 }]] }],
  ]);
});

test('keys that collide, keys named like dlt columns, odd keys and non-dict items', () => {
  same('collide', [
    [{ a_b: 1, aB: 2, id: 1 }, { a_b: 3, aB: 4, id: 2 }],
  ]);
  same('dlt keys', [[{ id: 1, _dlt_id: 'mine' }, { id: 2, _dlt_id: 'mine2' }], [{ id: 3, _dlt_load_id: 'x' }]]);
  same('odd keys', [
    [{ 'With Space': 1, 'ünï': 'u', '': 'empty', nested: { 'Deep-Key': { 'x.y': 1 } } }, { 'With Space': 2, 'ünï': 'v', '': 'e2', nested: { 'Deep-Key': { 'x.y': 2 } } }],
  ]);
  same('scalars as items', [[1, 2, 'three'], [{ value: 4 }, 5]]);
  // Keys that are data (days here): hundreds of columns, rows built without a template.
  const byDay = (n: number) => ({ id: n, counts: Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`day-${i}`, i * n])) });
  const wide = same('wide', [[byDay(1), byDay(2)], [byDay(3), { id: 4, counts: { 'day-5': 'x' } }]]);
  assert.ok(wide.fastItems >= 2, `fast items: ${wide.fastItems}`);
  same('nested vs flat name', [[{ a: { b: 1 }, a__b: 2 }, { a: { b: 3 }, a__b: 4 }]]);
});

test('max nesting, json columns and values that are not plain JSON', () => {
  const deep = (n: number) => ({ id: n, l1: { l2: { l3: { v: n } } }, list: [{ inner: { v: n } }] });
  same('max nesting 1', [[deep(1), deep(2)], [deep(3)]], { maxTableNesting: 1 });
  same('max nesting 0', [[deep(1), deep(2)]], { maxTableNesting: 0 });
  same('json column', [[{ id: 1, meta: { a: [1, 2] } }, { id: 2, meta: { b: 'x' } }, { id: 3, meta: [1] }, { id: 4, meta: 'text' }]], {}, ['meta']);
  same('dates and bigints', [[{ id: 1, at: new Date('2024-01-01T00:00:00Z'), big: 12n }, { id: 2, at: new Date('2024-02-01T00:00:00Z'), big: 13n }], [{ id: 3, at: '2024-03-01T00:00:00Z', big: 14 }]]);
});

test('NOT NULL columns, merge and root keys: the fast path and the full path agree', () => {
  same('not null key', [[{ id: 1, v: 'a' }, { id: 2, v: 'b' }], [{ id: null, v: 'c' }]], { primaryKey: ['id'] });
  const many = (from: number, n: number) => Array.from({ length: n }, (_, i) => issue(from + i));
  // delete-insert propagates the root id to nested rows as _dlt_root_id: the fast path carries it too.
  const merged = same('merge with nested', [many(1, 30), many(31, 30)], { writeDisposition: { disposition: 'merge' }, primaryKey: ['id'] });
  assert.ok(merged.fastItems > 40, `fast items: ${merged.fastItems}`);
  assert.ok(merged.tables.items__labels!.every((r) => typeof r._dlt_root_id === 'string' && r._dlt_root_id.startsWith('items#')));
  const rootKey = same('root key on append', [many(1, 30), many(31, 30)], { rootKey: true });
  assert.ok(rootKey.fastItems > 40, `fast items: ${rootKey.fastItems}`);
  // Hashed root ids: upsert hashes the key, scd2 the whole item; the nested ids follow from them.
  const upsert = same('upsert', [many(1, 30), many(31, 30)], { writeDisposition: { disposition: 'merge', strategy: 'upsert' }, primaryKey: ['id'] });
  assert.ok(upsert.fastItems > 40, `fast items: ${upsert.fastItems}`);
  const upsertIds = (plans: boolean) => run([many(1, 30), many(31, 30)], plans, { writeDisposition: { disposition: 'merge', strategy: 'upsert' }, primaryKey: ['id'] });
  assert.deepEqual(rawIds(upsertIds(true)), rawIds(upsertIds(false)), 'key-hash ids are the same values on both paths');
  const scd2 = same('scd2', [many(1, 30), many(31, 30)], { writeDisposition: { disposition: 'merge', strategy: 'scd2' } });
  assert.ok(scd2.fastItems > 40, `fast items: ${scd2.fastItems}`);
  // A key that would need coercing (a string id into a bigint column) is hashed as it came: the full path does it.
  same('upsert coerced key', [[{ id: 1, v: 'a' }, { id: 2, v: 'b' }], [{ id: '3', v: 'c' }, { id: 4, v: 'd' }]], { writeDisposition: { disposition: 'merge', strategy: 'upsert' }, primaryKey: ['id'] });
});

test('schema contracts that discard values or rows', () => {
  const contract: SchemaContract = { tables: 'evolve', columns: 'discard_value', data_type: 'discard_row' };
  same('contract', [[{ id: 1, a: 'x' }], [{ id: 2, a: 'y', extra: 1 }, { id: 3, a: 5 }, { id: 4, a: 'z' }]], { contract });
});
