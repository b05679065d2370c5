import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { json, serve } from '../helpers/server.js';
import { BIN } from '../helpers/cli.js';

/**
 * A mock API of `total` items (ids 1..total, `updated` = id) in pages of 10,
 * honouring `since`. While `hold` is set, requests wait until `release()`:
 * a run can be caught in the middle of its extract step.
 */
export async function itemsApi(total: number, opts: { hold?: boolean } = {}) {
  let gate: Promise<void> = Promise.resolve();
  let open: () => void = () => {};
  const hold = () => (gate = new Promise<void>((r) => (open = r)));
  if (opts.hold) hold();
  let waiting = 0;
  const state = { total };
  const api = await serve(async (req, res) => {
    waiting++;
    await gate;
    waiting--;
    const since = Number(req.query.get('since') ?? 0);
    const page = Number(req.query.get('page') ?? 1);
    const all = Array.from({ length: state.total }, (_, i) => ({ id: i + 1, updated: i + 1, name: `item ${i + 1}` })).filter((x) => x.updated >= since);
    const items = all.slice((page - 1) * 10, page * 10);
    json(res, { items, next: page * 10 < all.length ? page + 1 : null });
  });
  return {
    ...api,
    state,
    /** Requests waiting at the gate now. */
    get waiting() {
      return waiting;
    },
    hold,
    release: () => open(),
  };
}

/** A config for `itemsApi`: incremental on `updated`, merge on `id`. */
export function itemsConfig(url: string, opts: { name?: string; destination?: string } = {}): string {
  return `
pipeline:
  name: ${opts.name ?? 'items'}
  dataset_name: ds
${opts.destination ? `  destination_path: ${opts.destination}\n` : ''}client:
  base_url: ${url}/
  paginator:
    type: page_number
    page_param: page
    base_page: 1
    total_path: null
    stop_after_empty_page: true
resources:
  - name: items
    primary_key: id
    write_disposition: merge
    endpoint:
      path: items
      data_selector: items
      params:
        since:
          type: incremental
          cursor_path: updated
          initial_value: 0
`;
}

/** Starts `restload ARGS` in `cwd` as a child process (to signal or kill it). */
export function startCli(args: string[], opts: { cwd: string; pipelinesDir: string }) {
  const child: ChildProcess = spawn(process.execPath, [BIN, ...args], {
    cwd: opts.cwd,
    env: { ...process.env, NO_COLOR: '1', RESTLOAD_PIPELINES_DIR: opts.pipelinesDir },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((done) =>
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr })));
  return { child, exited };
}

/** Resolves once `cond()` holds (polled), or fails after `ms`. */
export async function until(cond: () => boolean, ms = 20_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const lockFile = (pipelinesDir: string, name: string) => join(pipelinesDir, name, 'run.lock');
export const hasLock = (pipelinesDir: string, name: string) => existsSync(lockFile(pipelinesDir, name));

/** The same source as `itemsConfig`, for the library (`restApiSource`). */
export function itemsRest(url: string) {
  return {
    client: { base_url: `${url}/`, paginator: { type: 'page_number', page_param: 'page', base_page: 1, total_path: null, stop_after_empty_page: true } },
    resources: [{
      name: 'items', primary_key: 'id', write_disposition: 'merge',
      endpoint: { path: 'items', data_selector: 'items', params: { since: { type: 'incremental', cursor_path: 'updated', initial_value: 0 } } },
    }],
  } as const;
}
