import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { json, serve } from '../helpers/server.js';
import { query, workspace } from '../helpers/cli.js';
import { ContractViolation, pipeline, restApiSource, type RestApiConfig } from '../../src/index.js';

// A rest_api source's rows are normalized on a worker thread (WorkerNormalizer);
// RESTLOAD_NORMALIZE_THREAD=0 keeps them on the main thread. Both must load the same.

async function withThread<T>(on: boolean, fn: () => Promise<T>): Promise<T> {
  const before = process.env.RESTLOAD_NORMALIZE_THREAD;
  if (on) delete process.env.RESTLOAD_NORMALIZE_THREAD;
  else process.env.RESTLOAD_NORMALIZE_THREAD = '0';
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.RESTLOAD_NORMALIZE_THREAD;
    else process.env.RESTLOAD_NORMALIZE_THREAD = before;
  }
}

const items = Array.from({ length: 250 }, (_, i) => ({
  id: i + 1,
  title: `issue ${i + 1} — ünïcode`,
  created_at: `2024-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z`,
  score: i % 3 === 0 ? 1.5 : i,
  user: { login: `u${i % 7}`, site_admin: i % 2 === 0 },
  labels: Array.from({ length: i % 4 }, (_, k) => ({ name: `l${k}`, color: 'fff' })),
  // A column that appears late, and a type change that becomes a variant column.
  ...(i > 200 ? { late: 'yes' } : {}),
  ...(i === 240 ? { score: 'not a number' } : {}),
}));

function pagedApi() {
  return serve((req, res) => {
    const page = Number(req.query.get('page') ?? 1);
    const per = 50;
    const next: Record<string, string> = page * per < items.length ? { link: `<http://${req.headers.host}/items?page=${page + 1}>; rel="next"` } : {};
    json(res, items.slice((page - 1) * per, page * per), 200, next);
  });
}

const config = (url: string): RestApiConfig => ({
  client: { base_url: url, paginator: 'header_link' },
  resources: [{ name: 'items', primary_key: 'id', write_disposition: 'merge', endpoint: { path: 'items' } }],
});

test('on the worker thread and on the main thread a run loads the same rows and schema', async () => {
  const api = await pagedApi();
  try {
    const results = [];
    for (const on of [true, false]) {
      const ws = workspace();
      const p = pipeline({ pipelineName: 'same', pipelinesDir: ws.pipelinesDir, destinationPath: join(ws.dir, 's.duckdb') });
      const info = await withThread(on, () => p.run(restApiSource(config(api.url), { cwd: ws.dir })));
      const rows = await p.sql('select * exclude (_dlt_id, _dlt_load_id) from items order by id');
      const labels = await p.sql('select l.* exclude (_dlt_id, _dlt_parent_id, _dlt_root_id) , i.id from items__labels l join items i on i._dlt_id = l._dlt_parent_id order by i.id, l._dlt_list_idx');
      const schema = await p.sql<{ table_name: string; column_name: string; data_type: string }>(
        "select table_name, column_name, data_type from information_schema.columns where table_schema = 'same_dataset' order by table_name, ordinal_position");
      results.push({ counts: info.rowCounts, rows, labels, schema, newColumns: p.lastTrace?.new_columns, files: readdirSync(ws.pipelinesDir) });
    }
    const [thread, main] = results;
    assert.equal(thread!.counts.items, 250);
    assert.deepEqual(thread!.counts, main!.counts);
    assert.deepEqual(thread!.rows, main!.rows);
    assert.deepEqual(thread!.labels, main!.labels);
    assert.deepEqual(thread!.schema, main!.schema);
    assert.ok(thread!.schema.some((c) => c.column_name === 'late'));
    assert.ok(thread!.schema.some((c) => c.column_name === 'score__v_text'), 'the variant column came back from the worker');
    assert.deepEqual(thread!.newColumns, main!.newColumns);
  } finally {
    await api.close();
  }
});

test('an error on the worker thread is the same error (class, code, fields), and the run changes nothing', async () => {
  const api = await pagedApi();
  const ws = workspace();
  try {
    const p = pipeline({ pipelineName: 'frozen', pipelinesDir: ws.pipelinesDir, destinationPath: join(ws.dir, 'f.duckdb') });
    // First run without the late rows, then freeze columns: the new column `late` violates the contract.
    const first: RestApiConfig = { ...config(api.url), resources: [{ name: 'items', primary_key: 'id', write_disposition: 'merge', endpoint: { path: 'items' }, processing_steps: [{ filter: { module: './steps.mjs', export: 'early' } }] }] };
    writeFileSync(join(ws.dir, 'steps.mjs'), 'export const early = (r) => r.id <= 200;\n');
    await p.run(restApiSource(first, { cwd: ws.dir, file: join(ws.dir, 'c.yaml') }));
    const frozen: RestApiConfig = { ...config(api.url), resources: [{ name: 'items', primary_key: 'id', write_disposition: 'merge', schema_contract: { columns: 'freeze' }, endpoint: { path: 'items' } }] };
    await assert.rejects(p.run(restApiSource(frozen, { cwd: ws.dir })), (e: unknown) => {
      assert.ok(e instanceof ContractViolation, String(e));
      assert.equal(e.code, 'CONTRACT');
      assert.equal(e.table, 'items');
      assert.equal(e.column, 'late');
      assert.match(e.message, /late/);
      return true;
    });
    const [{ n }] = await p.sql<{ n: bigint }>('select count(*) n from items');
    assert.equal(n, 200n);
    // The failed run's package (written by the worker) is gone.
    assert.equal(existsSync(join(ws.pipelinesDir, 'frozen', 'load')) ? readdirSync(join(ws.pipelinesDir, 'frozen', 'load')).length : 0, 0);
  } finally {
    await api.close();
  }
});

test('a row value that cannot go to the worker (a function from a map step) fails the run as "not data", loading nothing', async () => {
  const api = await pagedApi();
  const ws = workspace();
  writeFileSync(join(ws.dir, 'steps.mjs'), 'export const withFn = (r) => ({ ...r, fn: () => 1 });\n');
  try {
    const p = pipeline({ pipelineName: 'fn', pipelinesDir: ws.pipelinesDir, destinationPath: join(ws.dir, 'fn.duckdb') });
    const cfg: RestApiConfig = { ...config(api.url), resources: [{ name: 'items', endpoint: { path: 'items' }, processing_steps: [{ map: { module: './steps.mjs', export: 'withFn' } }] }] };
    for (const on of [true, false]) {
      await withThread(on, () => assert.rejects(p.run(restApiSource(cfg, { cwd: ws.dir, file: join(ws.dir, 'c.yaml') })), (e: Error & { code?: string }) => {
        assert.equal(e.code, 'SCHEMA_DATA', e.message);
        assert.match(e.message, /not data/);
        return true;
      }));
    }
    const db = join(ws.dir, 'fn.duckdb');
    if (existsSync(db)) assert.deepEqual(await query(db, "select table_name from information_schema.tables where table_name = 'items'"), []);
  } finally {
    await api.close();
  }
});
