// Issue 13 item 9: state belongs to the destination that holds the data. A
// pipeline name reused with a new, empty DuckDB file (or a deleted one)
// starts from initial_value and says so; it never loads 0 rows silently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline, restApiSource } from '../../src/index.js';
import type { RunWarning } from '../../src/common/run-warning.js';
import { query, runCli, workspace } from '../helpers/cli.js';
import { itemsApi, itemsConfig, itemsRest } from './helpers.js';

test('same pipeline name, another folder, a new DuckDB file: all rows load, with a STATE_RESET warning', async () => {
  const api = await itemsApi(26);
  // One pipelines folder (~/.restload/pipelines for both), two project folders.
  const a = workspace();
  const b = workspace();
  a.write('items.yaml', itemsConfig(api.url));
  b.write('items.yaml', itemsConfig(api.url));
  try {
    const r1 = await runCli(['run', 'items.yaml', '--json'], { cwd: a.dir, pipelinesDir: a.pipelinesDir });
    assert.equal(r1.code, 0, r1.stderr);
    assert.equal(JSON.parse(r1.stdout).row_counts.items, 26);
    assert.deepEqual(JSON.parse(r1.stdout).warnings, [], 'a first run has nothing to reset');
    const r2 = await runCli(['run', 'items.yaml', '--json'], { cwd: b.dir, pipelinesDir: a.pipelinesDir });
    assert.equal(r2.code, 0, r2.stderr);
    const info = JSON.parse(r2.stdout);
    assert.equal(info.row_counts.items, 26, 'the new destination gets every row');
    const [row] = await query<{ n: bigint }>(join(b.dir, 'items.duckdb'), 'SELECT count(*) n FROM ds.items');
    assert.equal(row!.n, 26n);
    const w = (info.warnings as RunWarning[]).filter((x) => x.code === 'STATE_RESET');
    assert.equal(w.length, 1);
    assert.match(w[0]!.message, /items\.duckdb \(dataset ds\) holds no state of pipeline "items": incremental loading of items starts again from initial_value/);
    assert.match(w[0]!.hint!, new RegExp(`from runs into ${join(a.dir, 'items.duckdb').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}, dataset ds`));
    assert.match(r2.stderr, /warning: .*holds no state of pipeline "items"/);
    // Both destinations go on from their own state: the first still asks from its last value.
    api.state.total = 28;
    const r3 = await runCli(['run', 'items.yaml', '--json'], { cwd: a.dir, pipelinesDir: a.pipelinesDir });
    assert.equal(r3.code, 0, r3.stderr);
    assert.equal(JSON.parse(r3.stdout).row_counts.items, 2, 'only the two new ones (the boundary row was seen)');
    assert.deepEqual(JSON.parse(r3.stdout).warnings, []);
    const [rowA] = await query<{ n: bigint }>(join(a.dir, 'items.duckdb'), 'SELECT count(*) n FROM ds.items');
    assert.equal(rowA!.n, 28n);
  } finally {
    await api.close();
  }
});

test('a deleted DuckDB file: the next run reloads from initial_value and says so; the schema starts anew too', async () => {
  const api = await itemsApi(15);
  const ws = workspace();
  const warnings: RunWarning[] = [];
  const make = () => pipeline({ pipelineName: 'items', datasetName: 'ds', pipelinesDir: ws.pipelinesDir, destinationPath: join(ws.dir, 'items.duckdb'), onWarning: (w) => warnings.push(w) });
  const src = () => restApiSource(itemsRest(api.url) as never, { cwd: ws.dir });
  try {
    const first = await make().run(src());
    assert.equal(first.rowCounts.items, 15);
    assert.equal(warnings.length, 0);
    rmSync(join(ws.dir, 'items.duckdb'));
    const p = make();
    const again = await p.run(src());
    assert.equal(again.rowCounts.items, 15);
    assert.deepEqual(warnings.map((w) => w.code), ['STATE_RESET']);
    assert.deepEqual(again.warnings.map((w) => w.code), ['STATE_RESET']);
    assert.deepEqual(again.trace.warnings?.map((w) => w.code), ['STATE_RESET']);
    assert.doesNotMatch(warnings[0]!.hint!, /from runs into/, 'same destination as before: no "from runs into"');
    // The new file's schema history starts at version 1, as a first run's does.
    const versions = await p.sql<{ version: bigint }>('SELECT version FROM ds._dlt_version ORDER BY version');
    assert.deepEqual(versions.map((v) => Number(v.version)), [1]);
    const state = await p.sql<{ version: bigint }>("SELECT version FROM ds._dlt_pipeline_state WHERE pipeline_name = 'items'");
    assert.deepEqual(state.map((v) => Number(v.version)), [1]);
  } finally {
    await api.close();
  }
});

test('the destination\'s state wins over a newer-looking working-folder copy', async () => {
  const api = await itemsApi(10);
  const ws = workspace();
  const make = () => pipeline({ pipelineName: 'items', datasetName: 'ds', pipelinesDir: ws.pipelinesDir, destinationPath: join(ws.dir, 'items.duckdb') });
  const src = () => restApiSource(itemsRest(api.url) as never, { cwd: ws.dir });
  try {
    await make().run(src());
    // A working folder whose state claims a later cursor (copied from elsewhere) is not used.
    const p = make();
    const local = p.state!;
    local._state_version = 99;
    const [src0] = Object.values(local.sources);
    src0!.resources!.items!.incremental!.updated!.last_value = 1000;
    p.workingDir.writeState(local);
    api.seen.length = 0;
    await p.run(src());
    assert.equal(api.seen[0]!.query.get('since'), '10', 'the request starts at the destination\'s last value');
  } finally {
    await api.close();
  }
});
