/**
 * A table's rows may span many load package files (a new file past
 * fileMaxBytes), written while the schema still grows. With tiny files, so
 * that there are many: the tables must come out exactly as with one file
 * per table, also when columns, variants and nested tables appear after
 * files were closed; a failure late in the run must leave nothing behind.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline, type Pipeline } from '../../src/index.js';
import { layout } from './helpers.js';

function tempPipeline(fileMaxBytes?: number): Pipeline {
  const dir = mkdtempSync(join(tmpdir(), 'restload-files-'));
  return pipeline({ pipelineName: 's', pipelinesDir: join(dir, 'pipelines'), destinationPath: join(dir, 's.duckdb'), datasetName: 'ds', fileMaxBytes });
}

function item(n: number): Record<string, unknown> {
  return {
    id: n, name: `item ${n}`, tags: Array.from({ length: n % 3 }, (_, i) => `t${i}`), owner: { login: `u${n % 5}`, id: n % 5 },
    // A column that appears late, a type change that makes a variant late, a nested table that appears late.
    ...(n > 150 ? { late: `late ${n}` } : {}),
    score: n > 170 ? `high ${n}` : n,
    ...(n > 180 ? { parts: [{ part: n, sub: [{ x: 1 }] }] } : {}),
  };
}

async function* pages(count: number, failAt?: number) {
  for (let p = 0; p < count / 20; p++) {
    if (failAt !== undefined && p === failAt) throw new Error('the API went away');
    yield Array.from({ length: 20 }, (_, i) => item(p * 20 + i + 1));
  }
}

async function dump(p: Pipeline): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of Object.keys(await layout(p))) {
    // Ids are random per run: compare the content (links are checked apart).
    const ids = table === 'items' ? '_dlt_id, _dlt_load_id' : '_dlt_id, _dlt_parent_id';
    out[table] = await p.sql(`SELECT * EXCLUDE (${ids}) FROM ds.${table} ORDER BY ALL`);
  }
  return out;
}

test('many package files per table load the same tables as one file per table', async () => {
  const split = tempPipeline(2_000);
  const whole = tempPipeline();
  const a = await split.run(pages(200), { tableName: 'items' });
  const b = await whole.run(pages(200), { tableName: 'items' });
  assert.deepEqual(a.rowCounts, b.rowCounts);
  assert.equal(a.rowCounts.items, 200);
  assert.ok(split.lastTrace!.package_files! > 20, `files: ${split.lastTrace!.package_files}`);
  assert.equal(whole.lastTrace!.package_files, Object.keys(b.rowCounts).length);
  assert.deepEqual(await layout(split), await layout(whole));
  assert.deepEqual(await dump(split), await dump(whole));
  // Nested rows still point at their parents.
  const [orphans] = await split.sql<{ n: bigint }>('SELECT count(*) AS n FROM ds.items__tags t LEFT JOIN ds.items i ON t._dlt_parent_id = i._dlt_id WHERE i._dlt_id IS NULL');
  assert.equal(orphans!.n, 0n);
  // A second run appends.
  await split.run(pages(200), { tableName: 'items' });
  const [count] = await split.sql<{ n: bigint }>('SELECT count(*) AS n FROM ds.items');
  assert.equal(count!.n, 400n);
});

test('a failure after many files were written leaves the destination as it was', async () => {
  const p = tempPipeline(2_000);
  await p.run(pages(100), { tableName: 'items' });
  await assert.rejects(p.run(pages(200, 8), { tableName: 'items' }), /the API went away/);
  const [count] = await p.sql<{ n: bigint }>('SELECT count(*) AS n FROM ds.items');
  assert.equal(count!.n, 100n);
  const tables = Object.keys(await layout(p));
  assert.ok(!tables.includes('items__parts'), 'a table created by the failed run is gone');
  const loads = await p.sql('SELECT * FROM ds._dlt_loads');
  assert.equal(loads.length, 1);
});

test('rows larger than the write buffer, and multi-byte text, arrive whole', async () => {
  const p = tempPipeline();
  const big = 'ü'.repeat(400_000) + '😀';
  const items = [{ id: 1, text: 'a' }, { id: 2, text: big }, { id: 3, text: '日本語'.repeat(1000) }, { id: 4, text: 'b' }];
  await p.run(items, { tableName: 'texts' });
  const rows = await p.sql<{ id: bigint; n: bigint; tail: string }>('SELECT id, length(text) AS n, right(text, 1) AS tail FROM ds.texts ORDER BY id');
  assert.deepEqual(rows.map((r) => [Number(r.id), Number(r.n), r.tail]), [[1, 1, 'a'], [2, 400_001, '😀'], [3, 3000, '語'], [4, 1, 'b']]);
});

test('hints the library takes as they come are checked before any row: merge strategy, data_type; a function in a row is named', async () => {
  const p = tempPipeline();
  await assert.rejects(p.run([{ id: 1 }], { tableName: 't', writeDisposition: { disposition: 'merge', strategy: 'upsrt' } as never, primaryKey: 'id' }),
    /resource t: unknown merge strategy "upsrt"; known: delete-insert, upsert, insert-only, scd2/);
  await assert.rejects(p.run([{ id: 1 }], { tableName: 't', columns: { id: { data_type: 'integer' as never } } }),
    /resource t, column id: unknown data_type "integer"; known: text/);
  await assert.rejects(p.run([{ id: 1, cb: () => 1 }], { tableName: 't' }), /table "t" column "cb": a function is not data/);
});
