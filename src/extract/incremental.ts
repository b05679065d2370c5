import { compilePath, type PathFinder } from '../common/json-path.js';
import type { IncrementalSpec } from '../config/model.js';
import { digest128 } from '../normalize/row-id.js';
import type { IncrementalState } from '../load/system-tables.js';
import { ExtractError } from './errors.js';

/**
 * dlt's `Incremental` on one resource: where the range starts (the stored
 * last value, or initial_value), which rows fall outside it, the new last
 * value, and the hashes of rows at the boundary so that the next run does
 * not load them twice. State changes only through `toState()`, which the
 * pipeline persists when (and only when) the load commits.
 */
export class IncrementalCursor {
  readonly initialValue: unknown;
  readonly startValue: unknown;
  readonly endValue: unknown;
  private last: unknown;
  private readonly seenHashes: Set<string>;
  /** Rows at the current last value: hashed only when the state is written (most rows move the value on). */
  private boundaryRows: unknown[] = [];
  private boundaryFromState: Set<string>;
  private readonly find: PathFinder;
  private readonly pkFinders?: PathFinder[];
  startOutOfRange = false;
  endOutOfRange = false;

  constructor(readonly spec: IncrementalSpec, readonly resource: string, stored?: IncrementalState, primaryKey?: string[]) {
    this.initialValue = spec.initialValue;
    this.endValue = spec.endValue;
    // A backfill with an end value does not read or move the state, as in dlt.
    const fromState = spec.endValue === undefined ? stored?.last_value : undefined;
    // dlt's lag: start that far behind the stored value to re-read late updates; with a lag the
    // window overlaps on purpose, so boundary deduplication is off.
    const lagged = fromState !== undefined && spec.lag ? applyLag(fromState, spec.lag, spec.lastValueFunc) : fromState;
    this.startValue = lagged ?? spec.initialValue;
    this.last = this.startValue;
    this.seenHashes = new Set(spec.endValue === undefined && !spec.lag ? stored?.unique_hashes ?? [] : []);
    this.boundaryFromState = new Set(this.seenHashes);
    this.find = compilePath(spec.cursorPath);
    this.pkFinders = primaryKey?.map((k) => compilePath(k));
  }

  /** The value sent to the API as `start_param` / legacy param: the last value, as dlt's `last_value`. */
  get lastValue(): unknown {
    return this.last;
  }

  /** Keeps the rows inside the range, dropping duplicates at the start boundary, and advances the last value. */
  filter(items: unknown[]): unknown[] {
    const out: unknown[] = [];
    const min = this.spec.lastValueFunc === 'min';
    for (const item of items) {
      const cursor = this.find(item)[0];
      if (cursor === undefined || cursor === null) {
        if (this.spec.onCursorValueMissing === 'include') out.push(item);
        else if (this.spec.onCursorValueMissing === 'raise') {
          throw new ExtractError(`cursor_path "${this.spec.cursorPath}" is missing in a row`, this.resource,
            'check cursor_path against the response, or set on_cursor_value_missing: include | exclude');
        }
        continue;
      }
      if (this.endValue !== undefined) {
        const c = compare(cursor, this.endValue);
        const pastEnd = this.spec.lastValueFunc === 'min' ? c < 0 || (c === 0 && this.spec.rangeEnd === 'open') : c > 0 || (c === 0 && this.spec.rangeEnd === 'open');
        if (pastEnd) {
          this.endOutOfRange = true;
          continue;
        }
      }
      if (this.startValue !== undefined) {
        const c = compare(cursor, this.startValue);
        const beforeStart = this.spec.lastValueFunc === 'min' ? c > 0 : c < 0;
        if (beforeStart || (c === 0 && this.spec.rangeStart === 'open')) {
          this.startOutOfRange = true;
          continue;
        }
        if (c === 0 && this.seenHashes.has(this.rowHash(item))) continue;
      }
      // One comparison a row (for ISO timestamps each parses both values): moved past the last value, or equal to it.
      const c = this.last === undefined ? undefined : compare(cursor, this.last);
      const moved = c === undefined || (min ? c < 0 : c > 0);
      if (moved) {
        this.last = cursor;
        this.boundaryRows = [];
        this.boundaryFromState = new Set();
      }
      if (moved || c === 0) {
        this.boundaryRows.push(item);
        // Many rows sharing one cursor value: hash them now rather than hold them all.
        if (this.boundaryRows.length > 1000) {
          for (const row of this.boundaryRows) this.boundaryFromState.add(this.rowHash(row));
          this.boundaryRows = [];
        }
      }
      out.push(item);
    }
    return out;
  }

  /** True once paging can stop: rows are ordered and the range was left. */
  get canStop(): boolean {
    if (!this.spec.rowOrder) return false;
    const ascending = this.spec.rowOrder === 'asc';
    const movingTowardEnd = this.spec.lastValueFunc === 'max' ? ascending : !ascending;
    return movingTowardEnd ? this.endOutOfRange : this.startOutOfRange;
  }

  toState(): IncrementalState | undefined {
    if (this.endValue !== undefined) return undefined;
    const hashes = new Set(this.boundaryFromState);
    for (const row of this.boundaryRows) hashes.add(this.rowHash(row));
    return { initial_value: this.initialValue, last_value: this.last, unique_hashes: [...hashes] };
  }

  private rowHash(item: unknown): string {
    if (this.pkFinders) return digest128(JSON.stringify(this.pkFinders.map((f) => f(item)[0])));
    return digest128(JSON.stringify(item));
  }
}

const ISO_LIKE = /^\d{4}-\d{2}-\d{2}/;

/**
 * Moves a cursor value `lag` back (toward older data): numbers by `lag`,
 * ISO 8601 timestamps by `lag` seconds (kept in UTC `Z` form), as dlt's lag.
 * Other values are left as they are.
 */
export function applyLag(value: unknown, lag: number, func: 'max' | 'min'): unknown {
  const sign = func === 'min' ? 1 : -1;
  if (typeof value === 'number') return value + sign * lag;
  if (typeof value === 'string' && ISO_LIKE.test(value)) {
    const t = instant(value);
    if (t === undefined) return value;
    const shifted = t + sign * lag * 1_000_000;
    const ms = Math.floor(shifted / 1000);
    const micros = String(((shifted % 1_000_000) + 1_000_000) % 1_000_000).padStart(6, '0');
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, micros === '000000' ? 'Z' : `.${micros}Z`);
  }
  return value;
}

/**
 * Orders cursor values: numbers numerically, ISO 8601 timestamps by instant
 * (so `...Z` and `...+00:00` compare equal), other strings by code point.
 */
export function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') {
    if (ISO_LIKE.test(a) && ISO_LIKE.test(b)) {
      const ta = instant(a);
      const tb = instant(b);
      if (ta !== undefined && tb !== undefined && ta !== tb) return ta < tb ? -1 : 1;
      if (ta !== undefined && tb !== undefined) return 0;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'number' && typeof b === 'string' && b.trim() !== '' && !Number.isNaN(Number(b))) return a - Number(b);
  if (typeof b === 'number' && typeof a === 'string' && a.trim() !== '' && !Number.isNaN(Number(a))) return Number(a) - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Microseconds since the epoch for an ISO 8601 string, keeping sub-millisecond digits. */
function instant(s: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s.trim());
  if (!m) return undefined;
  const zone = m[4] ? (m[4].toUpperCase() === 'Z' ? 'Z' : m[4].length === 5 ? `${m[4].slice(0, 3)}:${m[4].slice(3)}` : m[4]) : 'Z';
  const ms = Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}${m[2]?.length === 5 ? ':00' : ''}${zone}`);
  if (Number.isNaN(ms)) return undefined;
  const frac = (m[3] ?? '').padEnd(6, '0').slice(0, 6);
  return ms * 1000 + Number(frac);
}
