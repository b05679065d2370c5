// Issue 13 item 6: overlapping runs of one pipeline (a cron job that overruns
// its slot). The second run stops at once, before fetching, naming the run
// that holds the pipeline; the first finishes untouched. A lock left by a
// killed run does not stick.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { pipeline, restApiSource, PipelineLockedError } from '../../src/index.js';
import { query, runCli, workspace } from '../helpers/cli.js';
import { hasLock, itemsApi, itemsConfig, itemsRest, lockFile, startCli, until } from './helpers.js';

async function setup(total: number, opts: { hold?: boolean } = {}) {
  const api = await itemsApi(total, opts);
  const ws = workspace();
  const make = (log?: (line: string) => void) => pipeline({ pipelineName: 'items', datasetName: 'ds', pipelinesDir: ws.pipelinesDir, destinationPath: join(ws.dir, 'items.duckdb'), log });
  const source = () => restApiSource(itemsRest(api.url) as never, { cwd: ws.dir });
  return { api, ws, make, source };
}

/** A pid that is certainly not running: a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

test('a second run of a running pipeline stops before fetching; the first one completes untouched', async () => {
  const api = await itemsApi(35, { hold: true });
  const ws = workspace();
  ws.write('items.yaml', itemsConfig(api.url));
  try {
    const first = startCli(['run', 'items.yaml', '--json'], { cwd: ws.dir, pipelinesDir: ws.pipelinesDir });
    // The first run is inside its extract step: its request waits at the API.
    await until(() => api.waiting > 0);
    assert.ok(hasLock(ws.pipelinesDir, 'items'));
    const requestsBefore = api.seen.length;
    const second = await runCli(['run', 'items.yaml'], { cwd: ws.dir, pipelinesDir: ws.pipelinesDir });
    assert.equal(second.code, 1, second.stderr);
    assert.match(second.stderr, new RegExp(`pipeline "items" is held by another run \\(pid ${first.child.pid} on ${hostname()}, started at \\d{4}-\\d\\d-\\d\\dT`));
    assert.match(second.stderr, /stopped before fetching anything/);
    assert.equal(api.seen.length, requestsBefore, 'the second run fetched nothing');
    // The first run's load package is still there (the second removed nothing).
    const loadDir = join(ws.pipelinesDir, 'items', 'load');
    assert.equal(readdirSync(loadDir).length, 1);
    api.release();
    const r1 = await first.exited;
    assert.equal(r1.code, 0, r1.stderr);
    assert.equal(JSON.parse(r1.stdout).row_counts.items, 35);
    const [row] = await query<{ n: bigint }>(join(ws.dir, 'items.duckdb'), 'SELECT count(*) n FROM ds.items');
    assert.equal(row!.n, 35n);
    assert.ok(!hasLock(ws.pipelinesDir, 'items'), 'the lock is released');
    // The second run left the first run's trace alone.
    const trace = await runCli(['pipeline', 'items', 'trace', '--json'], { cwd: ws.dir, pipelinesDir: ws.pipelinesDir });
    assert.equal(JSON.parse(trace.stdout).status, 'completed');
  } finally {
    api.release();
    await api.close();
  }
});

test('the library: a concurrent run rejects with PipelineLockedError and the first one loads everything', async () => {
  const { api, ws, make, source } = await setup(25, { hold: true });
  try {
    const running = make().run(source());
    await until(() => api.waiting > 0);
    const seen = api.seen.length;
    await assert.rejects(make().run(source()), (e: unknown) => {
      assert.ok(e instanceof PipelineLockedError);
      assert.equal(e.code, 'PIPELINE_LOCKED');
      assert.equal(e.holder.pid, process.pid);
      return true;
    });
    assert.equal(api.seen.length, seen);
    api.release();
    const info = await running;
    assert.equal(info.rowCounts.items, 25);
    assert.ok(!hasLock(ws.pipelinesDir, 'items'));
  } finally {
    api.release();
    await api.close();
  }
});

test('a lock left by a run that is no longer alive is replaced, and says so', async () => {
  const { api, ws, make, source } = await setup(12);
  try {
    mkdirSync(join(ws.pipelinesDir, 'items'), { recursive: true });
    const pid = deadPid();
    writeFileSync(lockFile(ws.pipelinesDir, 'items'), JSON.stringify({ pid, hostname: hostname(), started_at: '2026-01-01T00:00:00.000Z' }));
    const logs: string[] = [];
    const info = await make((l) => logs.push(l)).run(source());
    assert.equal(info.rowCounts.items, 12);
    assert.ok(logs.some((l) => l.includes(`run lock of pid ${pid}`) && l.includes('no longer running')), logs.join('\n'));
    assert.ok(!hasLock(ws.pipelinesDir, 'items'));
  } finally {
    await api.close();
  }
});

test('a lock whose pid now belongs to another process (pid reuse) is stale; a lock from another host is respected', async () => {
  const { api, ws, make, source } = await setup(5);
  try {
    mkdirSync(join(ws.pipelinesDir, 'items'), { recursive: true });
    const lock = lockFile(ws.pipelinesDir, 'items');
    // Our own (alive) pid, with a start time that is not this process's: the pid was reused.
    if (existsSync(`/proc/${process.pid}/stat`)) {
      writeFileSync(lock, JSON.stringify({ pid: process.pid, hostname: hostname(), started_at: '2026-01-01T00:00:00.000Z', process_start: '1' }));
      const info = await make().run(source());
      assert.equal(info.rowCounts.items, 5);
    }
    writeFileSync(lock, JSON.stringify({ pid: 1, hostname: 'elsewhere.example', started_at: '2026-01-01T00:00:00.000Z' }));
    await assert.rejects(make().run(source()), (e: unknown) => {
      assert.ok(e instanceof PipelineLockedError);
      assert.match(e.message, /pid 1 on elsewhere\.example, started at 2026-01-01T00:00:00\.000Z/);
      assert.match(e.hint!, new RegExp(`another host.*delete ${lock.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
      return true;
    });
    // Respected means kept.
    assert.ok(existsSync(lock));
  } finally {
    await api.close();
  }
});

test('a SIGKILLed CLI run leaves its lock behind; the next run replaces it and loads everything', async () => {
  const api = await itemsApi(30, { hold: true });
  const ws = workspace();
  ws.write('items.yaml', itemsConfig(api.url));
  try {
    const killed = startCli(['run', 'items.yaml'], { cwd: ws.dir, pipelinesDir: ws.pipelinesDir });
    await until(() => api.waiting > 0);
    killed.child.kill('SIGKILL');
    const k = await killed.exited;
    assert.equal(k.signal, 'SIGKILL');
    assert.ok(hasLock(ws.pipelinesDir, 'items'), 'a killed run cannot release its lock');
    api.release();
    const next = await runCli(['run', 'items.yaml', '--json'], { cwd: ws.dir, pipelinesDir: ws.pipelinesDir });
    assert.equal(next.code, 0, next.stderr);
    assert.equal(JSON.parse(next.stdout).row_counts.items, 30);
    assert.match(next.stderr, /replaced the run lock of pid \d+ .*no longer running/);
  } finally {
    api.release();
    await api.close();
  }
});

test('two working folders, one DuckDB file: the second run fails on DuckDB\'s lock with a clear error and removes nothing', async () => {
  const api = await itemsApi(20);
  const ws = workspace();
  ws.write('items.yaml', itemsConfig(api.url));
  const otherPipelines = join(ws.dir, 'other-pipelines');
  try {
    // A first run creates the file; the next one is held in its extract step with the file open.
    const r0 = await runCli(['run', 'items.yaml'], { cwd: ws.dir, pipelinesDir: ws.pipelinesDir });
    assert.equal(r0.code, 0, r0.stderr);
    api.state.total = 40;
    api.hold();
    const first = startCli(['run', 'items.yaml', '--json'], { cwd: ws.dir, pipelinesDir: ws.pipelinesDir });
    await until(() => api.waiting > 0);
    const second = await runCli(['run', 'items.yaml'], { cwd: ws.dir, pipelinesDir: otherPipelines });
    assert.equal(second.code, 1, second.stderr);
    assert.match(second.stderr, /cannot open DuckDB file .*items\.duckdb/);
    assert.match(second.stderr, /another process .* has the file open/);
    assert.ok(existsSync(join(ws.dir, 'items.duckdb')));
    assert.equal(readdirSync(join(ws.pipelinesDir, 'items', 'load')).length, 1, 'the first run\'s package is untouched');
    api.release();
    const r1 = await first.exited;
    assert.equal(r1.code, 0, r1.stderr);
    const [row] = await query<{ n: bigint }>(join(ws.dir, 'items.duckdb'), 'SELECT count(*) n FROM ds.items');
    assert.equal(row!.n, 40n);
  } finally {
    api.release();
    await api.close();
  }
});
