import type { Database } from '../load/duckdb.js';
import { RunInterruptedError } from './errors.js';

/**
 * A run's view of its AbortSignal (the CLI aborts it on SIGINT / SIGTERM).
 * Waits of the run (the next page, the worker's last batch) are raced
 * against it, so a run stuck on a slow API stops at once; during the load,
 * the running DuckDB statement is interrupted and no later one starts, so the
 * transaction rolls back. Once the load has committed, an interrupt changes
 * nothing: the run completes.
 */
export class Interrupt {
  /** The step the run is in, named by the error. */
  step = 'start';
  private rejectStopped: (e: unknown) => void = () => {};
  private readonly stopped: Promise<never>;
  private loading?: Database;
  private readonly onAbort = () => {
    this.rejectStopped(this.error());
    this.loading?.interrupt();
  };

  constructor(private readonly signal: AbortSignal | undefined, private readonly pipelineName: string) {
    this.stopped = new Promise<never>((_, reject) => (this.rejectStopped = reject));
    this.stopped.catch(() => {}); // observed through race()
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  get aborted(): boolean {
    return !!this.signal?.aborted;
  }

  /** The error for this interrupt: the signal's name when the CLI aborted (SIGINT, SIGTERM), else the reason's message. */
  error(): RunInterruptedError {
    const r: unknown = this.signal?.reason;
    const reason = typeof r === 'string' ? r : r instanceof Error && r.name !== 'AbortError' ? r.message : 'aborted';
    return new RunInterruptedError(this.pipelineName, reason, this.step);
  }

  check(): void {
    if (this.aborted) throw this.error();
  }

  /** `p`, or the interrupt if it comes first. */
  race<T>(p: Promise<T>): Promise<T> {
    if (!this.signal) return p;
    this.check();
    p.catch(() => {}); // a late failure of an abandoned wait is not unhandled
    return Promise.race([p, this.stopped]);
  }

  /** Iterates `source` until it ends or the run is interrupted (then its pending fetch is abandoned). */
  async *iterate<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
    const it = source[Symbol.asyncIterator]();
    let finished = false;
    try {
      while (true) {
        const r = await this.race(it.next());
        if (r.done) {
          finished = true;
          return;
        }
        yield r.value;
      }
    } finally {
      // Not awaited: an interrupted source is still waiting for its response.
      if (!finished) void it.return?.()?.catch(() => {});
    }
  }

  /**
   * Runs `fn` with a view of `db` that refuses every statement after an
   * interrupt; the interrupt also stops the statement running then.
   */
  async load<T>(db: Database, fn: (db: Database) => Promise<T>): Promise<T> {
    this.check();
    const check = () => this.check();
    const guarded: Database = {
      catalog: db.catalog,
      run: async (sql) => {
        check();
        await db.run(sql);
      },
      all: async (sql) => {
        check();
        return db.all(sql);
      },
      transaction: (f) => db.transaction(f),
      interrupt: () => db.interrupt(),
      close: () => db.close(),
    };
    this.loading = db;
    try {
      return await fn(guarded);
    } finally {
      this.loading = undefined;
    }
  }

  dispose(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
  }
}
