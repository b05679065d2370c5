import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'restload.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh folder for one test, with its own pipelines dir. */
export function workspace(files: Record<string, string> = {}): { dir: string; pipelinesDir: string; write(name: string, text: string): string } {
  const dir = mkdtempSync(join(tmpdir(), 'restload-test-'));
  const ws = {
    dir,
    pipelinesDir: join(dir, '.pipelines'),
    write(name: string, text: string) {
      const p = join(dir, name);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
      return p;
    },
  };
  for (const [k, v] of Object.entries(files)) ws.write(k, v);
  return ws;
}

export function runCli(args: string[], opts: { cwd: string; env?: Record<string, string>; pipelinesDir?: string }): Promise<CliResult> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, NO_COLOR: '1', RESTLOAD_PIPELINES_DIR: opts.pipelinesDir ?? join(opts.cwd, '.pipelines'), ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** Runs SQL against a DuckDB file (opened read-only, closed after). */
export async function query<T = Record<string, unknown>>(file: string, sql: string): Promise<T[]> {
  const inst = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const conn = await inst.connect();
  try {
    const r = await conn.runAndReadAll(sql);
    return r.getRowObjectsJS() as T[];
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}
