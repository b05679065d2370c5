// Ctrl-C / SIGTERM during a run: the run says it was interrupted and that
// nothing was committed, the trace records it (failed, code INTERRUPTED), the
// lock is released and the exit code is the conventional 130 / 143.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBConnection } from '@duckdb/node-api';
import { incremental, pipeline, resource, restApiSource, RunInterruptedError } from '../../src/index.js';
import { query, runCli, workspace } from '../helpers/cli.js';
import { hasLock, itemsApi, itemsConfig, itemsRest, startCli, until } from './helpers.js';

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`${signal} while the API is slow: "interrupted, nothing committed", exit ${code}, the trace says INTERRUPTED`, async () => {
    const api = await itemsApi(30);
    const ws = workspace();
    ws.write('items.yaml', itemsConfig(api.url));
    try {
      const r0 = await runCli(['run', 'items.yaml'], { cwd: ws.dir });
      assert.equal(r0.code, 0, r0.stderr);
      const db = join(ws.dir, 'items.duckdb');
      const before = await query(db, 'SELECT (SELECT count(*) FROM ds.items) n, (SELECT count(*) FROM ds._dlt_loads) loads, (SELECT count(*) FROM ds._dlt_pipeline_state) states');
      api.state.total = 45;
      api.hold();
      const run = startCli(['run', 'items.yaml'], { cwd: ws.dir, pipelinesDir: ws.pipelinesDir });
      await until(() => api.waiting > 0);
      const t0 = Date.now();
      run.child.kill(signal);
      const r = await run.exited;
      assert.ok(Date.now() - t0 < 5000, 'it stops at once, not when the API answers');
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, new RegExp(`run of pipeline "items" interrupted \\(${signal}\\) during extract: nothing was committed`));
      assert.match(r.stderr, /tables and incremental state are as before this run/);
      assert.equal(r.stdout, '');
      assert.deepEqual(await query(db, 'SELECT (SELECT count(*) FROM ds.items) n, (SELECT count(*) FROM ds._dlt_loads) loads, (SELECT count(*) FROM ds._dlt_pipeline_state) states'), before);
      assert.ok(!hasLock(ws.pipelinesDir, 'items'), 'the lock is released');
      const t = await runCli(['pipeline', 'items', 'trace', '--json'], { cwd: ws.dir });
      const trace = JSON.parse(t.stdout);
      assert.equal(trace.status, 'failed');
      assert.equal(trace.error.code, 'INTERRUPTED');
      assert.match(trace.error.message, new RegExp(`interrupted \\(${signal}\\) during extract`));
      assert.ok(trace.finished_at);
      api.release();
      // The next run loads everything the interrupted one did not.
      const next = await runCli(['run', 'items.yaml', '--json'], { cwd: ws.dir });
      assert.equal(next.code, 0, next.stderr);
      assert.equal(JSON.parse(next.stdout).row_counts.items, 15);
    } finally {
      api.release();
      await api.close();
    }
  });
}

test('an interrupted first run leaves no DuckDB file', async () => {
  const api = await itemsApi(30, { hold: true });
  const ws = workspace();
  ws.write('items.yaml', itemsConfig(api.url));
  try {
    const run = startCli(['run', 'items.yaml'], { cwd: ws.dir, pipelinesDir: ws.pipelinesDir });
    await until(() => api.waiting > 0);
    run.child.kill('SIGINT');
    const r = await run.exited;
    assert.equal(r.code, 130, r.stderr);
    assert.ok(!existsSync(join(ws.dir, 'items.duckdb')));
  } finally {
    api.release();
    await api.close();
  }
});

test('the library: an aborted signal rejects the run with RunInterruptedError, and nothing is loaded', async () => {
  const api = await itemsApi(30, { hold: true });
  const ws = workspace();
  const p = pipeline({ pipelineName: 'items', datasetName: 'ds', pipelinesDir: ws.pipelinesDir, destinationPath: join(ws.dir, 'items.duckdb') });
  try {
    const ac = new AbortController();
    const running = p.run(restApiSource(itemsRest(api.url) as never, { cwd: ws.dir }), { signal: ac.signal });
    await until(() => api.waiting > 0);
    ac.abort();
    await assert.rejects(running, (e: unknown) => {
      assert.ok(e instanceof RunInterruptedError);
      assert.equal(e.code, 'INTERRUPTED');
      assert.equal(e.step, 'extract');
      assert.match(e.message, /interrupted \(aborted\) during extract: nothing was committed/);
      return true;
    });
    assert.equal(p.lastTrace?.error?.code, 'INTERRUPTED');
    assert.ok(!hasLock(ws.pipelinesDir, 'items'));
    // An already aborted signal stops the run before it opens anything.
    await assert.rejects(p.run(restApiSource(itemsRest(api.url) as never, { cwd: ws.dir }), { signal: AbortSignal.abort() }), RunInterruptedError);
  } finally {
    api.release();
    await api.close();
  }
});

test('an interrupt inside the load transaction rolls it back: tables and state as before', async () => {
  const ws = workspace();
  const p = pipeline({ pipelineName: 'k', datasetName: 'ds', pipelinesDir: ws.pipelinesDir, destinationPath: join(ws.dir, 'k.duckdb') });
  const big = (offset: number) => resource(async function* big(seq = incremental('seq', { initialValue: 0 })) {
    void seq;
    yield Array.from({ length: 2000 }, (_, i) => ({ id: offset + i, seq: offset + i, v: `offset ${offset}`, tags: [`a${i}`, `b${i}`] }));
  }, { writeDisposition: 'merge', primaryKey: 'id' });
  await p.run(big(0));
  const snapshot = async () => ({
    rows: await p.sql('SELECT count(*) n, max(v) v FROM ds.big'),
    tags: await p.sql('SELECT count(*) n FROM ds.big__tags'),
    loads: await p.sql('SELECT load_id FROM ds._dlt_loads ORDER BY load_id'),
    state: await p.sql('SELECT version FROM ds._dlt_pipeline_state ORDER BY version'),
  });
  const before = await snapshot();
  // The abort comes while the nested rows are inserted: the root rows were already merged in this transaction.
  const ac = new AbortController();
  const run = DuckDBConnection.prototype.run;
  DuckDBConnection.prototype.run = function (this: DuckDBConnection, sql: string, ...rest: unknown[]) {
    if (/^INSERT INTO ("[^"]+"\.)?"ds"\."big__tags"/.test(sql)) ac.abort('SIGTERM');
    return (run as (...a: unknown[]) => ReturnType<typeof run>).call(this, sql, ...rest);
  } as typeof run;
  try {
    await assert.rejects(p.run(big(1000), { signal: ac.signal }), (e: unknown) => {
      assert.ok(e instanceof RunInterruptedError);
      assert.equal(e.step, 'load');
      assert.equal(e.signalExitCode, 143);
      return true;
    });
  } finally {
    DuckDBConnection.prototype.run = run;
  }
  assert.deepEqual(await snapshot(), before);
  assert.equal(p.lastTrace?.error?.code, 'INTERRUPTED');
  // The next run merges as if the interrupted one never happened: from the first run's cursor (seq 1999) on.
  const next = await p.run(big(1000));
  assert.equal(next.rowCounts.big, 1001);
  assert.equal((await p.sql<{ n: bigint }>('SELECT count(*) n FROM ds.big'))[0]!.n, 3000n);
});
