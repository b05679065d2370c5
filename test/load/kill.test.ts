/**
 * A run killed inside its load transaction (SIGKILL, no chance to clean up)
 * leaves the tables and the stored state exactly as the previous load left
 * them; the next run loads as if the killed one never happened.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { query } from '../helpers/cli.js';

const CHILD = resolve(import.meta.dirname, 'fixtures', 'kill-child.ts');

function runChild(dir: string, offset: number, opts: { killInLoad?: boolean } = {}): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  const marker = join(dir, `marker-${offset}-${Date.now()}`);
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(offset), marker], {
      env: { ...process.env, ROWS: '20000', ...(opts.killInLoad ? { PAUSE_IN_LOAD: '1' } : {}) },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = opts.killInLoad
      ? setInterval(() => {
        if (existsSync(marker)) {
          clearInterval(timer);
          child.kill('SIGKILL');
        }
      }, 5)
      : undefined;
    child.on('exit', (code, signal) => {
      if (timer) clearInterval(timer);
      done({ code, signal, stdout, stderr });
    });
  });
}

test('SIGKILL inside the load transaction changes nothing; the next run loads normally', { timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'restload-kill-'));
  const db = join(dir, 'k.duckdb');
  const first = await runChild(dir, 0);
  assert.equal(first.code, 0, first.stderr);
  const snapshot = async () => ({
    rows: await query(db, 'SELECT count(*) n, count(DISTINCT id) d, min(v) v1, max(v) v2, max(seq) s FROM ds.big'),
    tags: await query(db, 'SELECT count(*) n FROM ds.big__tags'),
    loads: await query(db, 'SELECT load_id, status FROM ds._dlt_loads ORDER BY load_id'),
    state: await query(db, 'SELECT version, version_hash FROM ds._dlt_pipeline_state ORDER BY version'),
    versions: await query(db, 'SELECT version_hash FROM ds._dlt_version ORDER BY version'),
  });
  const before = await snapshot();
  // The second run overlaps half the keys (merge); it is killed after its root rows were replaced, before the nested ones.
  const killed = await runChild(dir, 10_000, { killInLoad: true });
  assert.equal(killed.signal, 'SIGKILL', killed.stderr);
  assert.deepEqual(await snapshot(), before);
  // The next run starts from the state of the first one and merges all of its rows once.
  const next = await runChild(dir, 10_000);
  assert.equal(next.code, 0, next.stderr);
  const [r] = await query<{ n: bigint; d: bigint; s: bigint }>(db, 'SELECT count(*) n, count(DISTINCT id) d, max(seq) s FROM ds.big');
  assert.deepEqual([r!.n, r!.d, r!.s], [30_000n, 30_000n, 29_999n]);
  const [t] = await query<{ n: bigint }>(db, 'SELECT count(*) n FROM ds.big__tags');
  assert.equal(t!.n, 60_000n);
  const orphans = await query<{ n: bigint }>(db, 'SELECT count(*) n FROM ds.big__tags t LEFT JOIN ds.big b ON t._dlt_root_id = b._dlt_id WHERE b._dlt_id IS NULL');
  assert.equal(orphans[0]!.n, 0n);
  assert.equal((await query(db, 'SELECT * FROM ds._dlt_loads')).length, 2);
});
