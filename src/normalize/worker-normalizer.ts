import type { RunWarning } from '../common/run-warning.js';
import { Worker } from 'node:worker_threads';
import { RestloadError, UsageError } from '../common/errors.js';
import type { LoadPackage, LoadPackageWriter } from './load-package.js';
import { ContractViolation, SchemaDataError, type Normalizer, type TableTarget } from './normalizer.js';
import type { StoredSchema } from './schema.js';

/**
 * Normalizing on a worker thread while the main thread fetches and parses:
 * pages go over by postMessage (at most MAX_IN_FLIGHT waiting), the worker
 * writes the load package, and `finish` brings back the package and the
 * evolved schema. Profiled on the bench's 100k issues: handing a 100-issue
 * page over costs ~1 ms on each side against ~3.5 ms of normalizing and
 * writing that leaves the main thread; 100k issues took 10.0–12.3 s instead
 * of 14.0–14.8 s (alternating runs). The worker starts before the first
 * request, so its start-up overlaps fetching the first pages.
 */
export class WorkerNormalizer {
  private readonly worker: Worker;
  private inFlight = 0;
  private room: (() => void) | undefined;
  private failure: Error | undefined;
  private finished: ((r: WorkerResult) => void) | undefined;
  private failed: ((e: Error) => void) | undefined;

  constructor(setup: WorkerSetup) {
    this.worker = startWorker(setup);
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === 'ack') {
        this.inFlight--;
        this.wake();
      } else if (m.type === 'done') {
        this.finished?.(m);
      } else {
        this.fail(rebuildError(m.error));
      }
    });
    this.worker.on('error', (e) => this.fail(startError(e)));
    this.worker.on('exit', (code) => {
      if (!this.failure && code !== 0) this.fail(new Error(`the normalizer thread stopped (exit code ${code})`));
    });
  }

  /** Sends a page; resolves when there is room for the next one. Throws what the worker threw for an earlier page. */
  async normalize(resource: string, items: readonly unknown[]): Promise<void> {
    while (this.inFlight >= MAX_IN_FLIGHT && !this.failure) await new Promise<void>((r) => (this.room = r));
    if (this.failure) throw this.failure;
    try {
      this.worker.postMessage({ type: 'page', resource, items } satisfies ToWorker);
    } catch (e) {
      // DataCloneError: a function, symbol or promise inside a row.
      throw new SchemaDataError(`resource ${resource}: a row holds a value that is not data (${(e as Error).message.split('\n')[0]})`, 'leave it out of the row, or turn it into a value first');
    }
    this.inFlight++;
  }

  /** Waits for every page to be normalized; the package, schema and what changed. */
  async finish(): Promise<WorkerResult> {
    if (this.failure) throw this.failure;
    const result = await new Promise<WorkerResult>((resolve, reject) => {
      this.finished = resolve;
      this.failed = reject;
      this.worker.postMessage({ type: 'close' } satisfies ToWorker);
    });
    await this.worker.terminate();
    return result;
  }

  /** Stops the worker (a failed run); its files go with the package folder. */
  async abort(): Promise<void> {
    await this.worker.terminate();
  }

  private wake(): void {
    const r = this.room;
    this.room = undefined;
    r?.();
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.wake();
    this.failed?.(this.failure);
  }
}

/** The worker's module could not be loaded (restload bundled into an application, a file missing): say how to go on without it. */
function startError(e: Error): Error {
  const code = (e as NodeJS.ErrnoException).code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return e;
  return new RestloadError(`the normalizer thread could not start: ${e.message.split('\n')[0]}`, {
    code: 'WORKER', cause: e, hint: 'set RESTLOAD_NORMALIZE_THREAD=0 to normalize on the main thread',
  });
}

/** Pages waiting for the worker at most: enough to keep it busy, few enough to keep memory flat. */
const MAX_IN_FLIGHT = 3;

function startWorker(setup: WorkerSetup): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('../normalize/normalize-worker.js', import.meta.url), { workerData: setup });
  // The sources run through tsx (the tests): a worker does not inherit its loader on Node 20, so it registers it first.
  const entry = new URL('./normalize-worker.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(entry)}))`, { eval: true, workerData: setup });
}

/** The error classes a normalizer throws, so that the main thread throws the same class (code, hint, fields). */
const ERROR_CLASSES: Record<string, { prototype: Error }> = { ContractViolation, SchemaDataError, UsageError, RestloadError };

function rebuildError(e: SerializedError): Error {
  const proto = (ERROR_CLASSES[e.name] ?? Error).prototype;
  const err = Object.assign(Object.create(proto) as Error, e.fields);
  Object.defineProperty(err, 'message', { value: e.message, writable: true, configurable: true });
  Object.defineProperty(err, 'stack', { value: e.stack, writable: true, configurable: true });
  return err;
}

export function serializeError(e: unknown): SerializedError {
  const err = e instanceof Error ? e : new Error(String(e));
  return { name: err.name, message: err.message, stack: err.stack, fields: { ...err } };
}

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** Own fields: code, hint, exitCode, and a ContractViolation's table, column... */
  fields: Record<string, unknown>;
}

export interface WorkerSetup {
  schema: StoredSchema;
  loadId: string;
  dir: string;
  fileMaxBytes?: number;
  targets: TableTarget[];
}

/** What a normalizer and its writer produced, on whichever thread they ran (closes the writer). */
export function normalizeResult(normalizer: Normalizer, writer: LoadPackageWriter): WorkerResult {
  return { schema: normalizer.schema, pkg: writer.close(), newColumns: normalizer.newColumns, warnings: normalizer.warnings, fastItems: normalizer.fastItems };
}

export interface WorkerResult {
  schema: StoredSchema;
  pkg: LoadPackage;
  newColumns: { table: string; column: string; variant: boolean }[];
  warnings: RunWarning[];
  fastItems: number;
}

export type ToWorker = { type: 'page'; resource: string; items: readonly unknown[] } | { type: 'close' };
export type FromWorker = { type: 'ack' } | ({ type: 'done' } & WorkerResult) | { type: 'error'; error: SerializedError };
