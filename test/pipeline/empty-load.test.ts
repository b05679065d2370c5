// Issue 13 item 12 and "a run that fails before loading anything leaves no new
// empty .duckdb file": a run that finds nothing new commits no load (as dlt,
// which deletes an empty package), and says so; a failed first run leaves no file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline, resource, restApiSource } from '../../src/index.js';
import { json, serve } from '../helpers/server.js';
import { runCli, workspace } from '../helpers/cli.js';
import { itemsApi, itemsConfig, itemsRest } from './helpers.js';

test('an incremental run that finds nothing new writes no load into _dlt_loads and says nothing was new', async () => {
  const api = await itemsApi(12);
  const ws = workspace();
  const p = pipeline({ pipelineName: 'items', datasetName: 'ds', pipelinesDir: ws.pipelinesDir, destinationPath: join(ws.dir, 'items.duckdb') });
  const src = () => restApiSource(itemsRest(api.url) as never, { cwd: ws.dir });
  try {
    const first = await p.run(src());
    assert.equal(first.loaded, true);
    const second = await p.run(src());
    assert.equal(second.loaded, false);
    assert.deepEqual(second.loadIds, []);
    assert.equal(second.totalRows, 0);
    assert.match(second.toString(), /^Pipeline items load step completed in [\d.]+ seconds\n0 load package\(s\) were loaded to destination duckdb and into dataset ds\n/);
    assert.match(second.toString(), new RegExp(`No new rows: load package ${second.loadId} had no data, nothing was loaded\\.`));
    assert.equal(second.toJSON().status, 'no_new_data');
    assert.equal(second.trace.loaded, false);
    assert.equal(second.trace.status, 'completed');
    assert.deepEqual(second.trace.steps.map((s) => s.step), ['extract', 'normalize']);
    const loads = await p.sql<{ load_id: string }>('SELECT load_id FROM ds._dlt_loads');
    assert.deepEqual(loads.map((l) => l.load_id), [first.loadId]);
    const states = await p.sql('SELECT version FROM ds._dlt_pipeline_state');
    assert.equal(states.length, 1);
    // New data later loads as usual.
    api.state.total = 14;
    const third = await p.run(src());
    assert.equal(third.loaded, true);
    assert.equal(third.rowCounts.items, 2);
    assert.equal((await p.sql('SELECT * FROM ds._dlt_loads')).length, 2);
    assert.equal((await p.sql('SELECT * FROM ds.items')).length, 14);
    assert.equal(readdirSync(join(ws.pipelinesDir, 'items', 'load')).length, 0, 'no package is left behind');
  } finally {
    await api.close();
  }
});

test('the CLI prints that nothing was new; --json says status no_new_data', async () => {
  const api = await itemsApi(5);
  const ws = workspace();
  ws.write('items.yaml', itemsConfig(api.url));
  try {
    assert.equal((await runCli(['run', 'items.yaml'], { cwd: ws.dir })).code, 0);
    const r = await runCli(['run', 'items.yaml'], { cwd: ws.dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /0 load package\(s\) were loaded/);
    assert.match(r.stdout, /No new rows: load package \d+\.\d+ had no data, nothing was loaded\./);
    const j = await runCli(['run', 'items.yaml', '--json'], { cwd: ws.dir });
    assert.equal(JSON.parse(j.stdout).status, 'no_new_data');
    assert.equal(JSON.parse(j.stdout).total_rows, 0);
  } finally {
    await api.close();
  }
});

test('replace with no rows still loads (dlt\'s empty job truncates the table); append with no rows loads nothing', async () => {
  let rows: unknown[] = [{ id: 1 }, { id: 2 }];
  const ws = workspace();
  const p = pipeline({ pipelineName: 'r', datasetName: 'ds', pipelinesDir: ws.pipelinesDir, destinationPath: join(ws.dir, 'r.duckdb') });
  const replaced = resource(function* things() { yield rows; }, { writeDisposition: 'replace' });
  const appended = resource(function* log() { yield rows; }, { writeDisposition: 'append' });
  await p.run(replaced);
  await p.run(appended);
  rows = [];
  const r = await p.run(replaced);
  assert.equal(r.loaded, true);
  assert.equal((await p.sql('SELECT * FROM ds.things')).length, 0);
  const a = await p.run(appended);
  assert.equal(a.loaded, false);
  assert.equal((await p.sql('SELECT * FROM ds.log')).length, 2);
  assert.equal((await p.sql('SELECT * FROM ds._dlt_loads')).length, 3);
});

test('a first run that fails before loading (401, unreachable host) leaves no DuckDB file behind', async () => {
  const api = await serve((_req, res) => json(res, { message: 'Bad credentials' }, 401));
  const ws = workspace();
  try {
    ws.write('bad.yaml', `
pipeline: { name: bad }
client: { base_url: "${api.url}/", auth: { type: bearer, token: wrong } }
resources: [things]
`);
    const r = await runCli(['run', 'bad.yaml'], { cwd: ws.dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /401/);
    assert.ok(!existsSync(join(ws.dir, 'bad.duckdb')), 'no empty file');
    assert.ok(!existsSync(join(ws.dir, 'bad.duckdb.wal')));
    // DNS failure / nothing listening: the same.
    ws.write('down.yaml', `
pipeline: { name: down }
client: { base_url: "http://127.0.0.1:9/", max_retries: 0 }
resources: [things]
`);
    const d = await runCli(['run', 'down.yaml'], { cwd: ws.dir });
    assert.equal(d.code, 1, d.stderr);
    assert.ok(!existsSync(join(ws.dir, 'down.duckdb')));
    // The trace still records the failed run.
    const t = await runCli(['pipeline', 'bad', 'trace', '--json'], { cwd: ws.dir });
    assert.equal(JSON.parse(t.stdout).status, 'failed');
  } finally {
    await api.close();
  }
});

test('a failing run never removes a DuckDB file that was there before it', async () => {
  const api = await serve((_req, res) => json(res, { message: 'Bad credentials' }, 401));
  const ws = workspace();
  try {
    // An empty DuckDB database made by someone else (not by restload).
    const p = pipeline({ pipelineName: 'other', datasetName: 'ds', pipelinesDir: ws.pipelinesDir, destinationPath: join(ws.dir, 'keep.duckdb') });
    await p.run([{ id: 1 }], { tableName: 'x' });
    writeFileSync(join(ws.dir, 'keep.yaml'), `
pipeline: { name: keep, destination_path: keep.duckdb }
client: { base_url: "${api.url}/" }
resources: [things]
`);
    const r = await runCli(['run', 'keep.yaml'], { cwd: ws.dir });
    assert.equal(r.code, 1);
    assert.ok(existsSync(join(ws.dir, 'keep.duckdb')));
    assert.equal((await p.sql('SELECT * FROM ds.x')).length, 1);
  } finally {
    await api.close();
  }
});
