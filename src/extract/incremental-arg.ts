import type { IncrementalSpec } from '../config/model.js';
import type { IncrementalState } from '../load/system-tables.js';
import { IncrementalCursor } from './incremental.js';

/** Options of `incremental()`, as dlt.sources.incremental takes them. */
export interface IncrementalOptions {
  initialValue?: unknown;
  endValue?: unknown;
  lastValueFunc?: 'max' | 'min';
  rowOrder?: 'asc' | 'desc';
  primaryKey?: string | string[];
  onCursorValueMissing?: 'raise' | 'include' | 'exclude';
}

/** What the engine binds while it calls a resource function (see `incremental()`). */
interface BindingContext {
  resource: string;
  stored: (cursorPath: string) => IncrementalState | undefined;
  bound: Incremental[];
}

let current: BindingContext | undefined;

/** Runs `fn` with incremental() calls bound to a resource's stored state. Internal to the engine. */
export function withIncrementalBinding<T>(ctx: BindingContext, fn: () => T): T {
  const prev = current;
  current = ctx;
  try {
    return fn();
  } finally {
    current = prev;
  }
}

/**
 * dlt's `dlt.sources.incremental` for TypeScript resources. Use it as a
 * default parameter, as in dlt:
 *
 *   resource(async function* (updatedAt = incremental('updated_at', { initialValue: '2024-01-01T00:00:00Z' })) {
 *     ... fetch since updatedAt.lastValue ...; if (updatedAt.startOutOfRange) return;
 *   }, { name: 'issues' })
 *
 * The engine evaluates the default while it calls the function, and the
 * cursor comes back bound to the stored state: `lastValue` is where the last
 * run stopped. Rows outside the range are dropped and boundary duplicates
 * removed; the new value is stored only when the load commits.
 */
export function incremental(cursorPath: string, opts: IncrementalOptions = {}): Incremental {
  const inc = new Incremental(cursorPath, opts);
  if (current) {
    inc.bind(current.resource, current.stored(cursorPath));
    current.bound.push(inc);
  }
  return inc;
}

export class Incremental {
  readonly spec: IncrementalSpec;
  private cursor: IncrementalCursor;
  private readonly primaryKey?: string[];

  constructor(readonly cursorPath: string, opts: IncrementalOptions = {}) {
    this.primaryKey = opts.primaryKey === undefined ? undefined : Array.isArray(opts.primaryKey) ? opts.primaryKey : [opts.primaryKey];
    this.spec = {
      cursorPath,
      initialValue: opts.initialValue,
      endValue: opts.endValue,
      lastValueFunc: opts.lastValueFunc ?? 'max',
      rowOrder: opts.rowOrder,
      onCursorValueMissing: opts.onCursorValueMissing ?? 'raise',
      rangeStart: 'closed',
      rangeEnd: 'open',
    };
    this.cursor = new IncrementalCursor(this.spec, '(unbound)', undefined, this.primaryKey);
  }

  /** Binds to a resource's stored state (done by the engine). */
  bind(resource: string, stored: IncrementalState | undefined): void {
    this.cursor = new IncrementalCursor(this.spec, resource, stored, this.primaryKey);
  }

  /** The engine's cursor, which filters rows and produces the new state. */
  get engineCursor(): IncrementalCursor {
    return this.cursor;
  }

  get initialValue(): unknown { return this.cursor.initialValue; }
  /** Where this run starts: the stored last value, or initialValue on the first run. */
  get startValue(): unknown { return this.cursor.startValue; }
  /** The highest (or, with min, lowest) cursor value seen so far. */
  get lastValue(): unknown { return this.cursor.lastValue; }
  get endValue(): unknown { return this.cursor.endValue; }
  /** A row before the start was seen: with rows sorted, paging can stop. */
  get startOutOfRange(): boolean { return this.cursor.startOutOfRange; }
  /** A row past endValue was seen. */
  get endOutOfRange(): boolean { return this.cursor.endOutOfRange; }
}
