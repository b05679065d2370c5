import { compilePath, type PathFinder } from '../../common/json-path.js';
import type { PageResponse, RequestSpec } from '../http-types.js';
import { withBodyValue } from './body-path.js';
import { paginatorConfigError, paginatorResponseError } from './errors.js';
import { readHasMore } from './has-more.js';
import type { Paginator } from './paginator.js';
import { toPythonInt } from './python-values.js';

/** Where a number goes in the request: a query parameter or a path in the JSON body. */
export type ValueTarget = { param: string; bodyPath?: undefined } | { param?: undefined; bodyPath: string };

/** Settings of dlt's RangePaginator, already defaulted by the offset or page_number paginator. */
export interface RangeSettings {
  /** `offset` or `page_number`, for messages. */
  kind: string;
  target: ValueTarget;
  initial: number;
  step: number;
  /** 0 or 1: the total is compared with `value - baseIndex`. */
  baseIndex: number;
  maximum: number | undefined;
  totalPath: string | undefined;
  stopAfterEmptyPage: boolean;
  hasMorePath: string | undefined;
}

/**
 * dlt's RangePaginator, shared by offset and page_number: a number that grows
 * by a fixed step each page. After each page it stops when the page was empty
 * (stop_after_empty_page), when the number reaches the total from the
 * response or `maximum`, or when has_more is false. At least one of those
 * must be possible, or the paginator would never end.
 */
export abstract class RangePaginator implements Paginator {
  private value: number;
  private more = true;
  private readonly findTotal: PathFinder | undefined;

  constructor(protected readonly s: RangeSettings) {
    this.value = s.initial;
    this.findTotal = s.totalPath === undefined ? undefined : compilePath(s.totalPath);
  }

  get hasNext(): boolean {
    return this.more;
  }

  /** Where the total comes from, if anywhere. */
  get totalPath(): string | undefined {
    return this.s.totalPath;
  }

  /** The number the next request will carry. */
  get current(): number {
    return this.value;
  }

  abstract describe(): string;

  init(req: RequestSpec): void {
    this.more = true;
    this.value = this.s.initial;
    this.apply(req);
  }

  update(res: PageResponse, items: unknown[]): void {
    if (this.s.stopAfterEmptyPage && items.length === 0) {
      this.more = false;
      return;
    }
    const total = this.findTotal ? this.readTotal(res.body) : undefined;
    this.value += this.s.step;
    if (
      (total !== undefined && this.value >= total + this.s.baseIndex) ||
      (this.s.maximum !== undefined && this.value >= this.s.maximum)
    ) {
      this.more = false;
    }
    // has_more can only stop: in dlt `true` would also override a reached total or maximum.
    if (this.s.hasMorePath !== undefined && !readHasMore(this.s.hasMorePath, res.body, this.s.kind)) {
      this.more = false;
    }
  }

  next(req: RequestSpec): void {
    this.apply(req);
  }

  /** Writes the current number into the request; offset adds the limit. */
  protected apply(req: RequestSpec): void {
    setValue(req, this.s.target, this.value);
  }

  private readTotal(body: unknown): number {
    const raw = this.findTotal!(body)[0];
    if (raw === undefined || raw === null) {
      throw paginatorResponseError(`${this.s.kind}: total not found at "${this.s.totalPath}"`, body, 'set total_path, or total_path: null if the API gives no total');
    }
    const total = toPythonInt(raw);
    if (total === undefined) {
      throw paginatorResponseError(`${this.s.kind}: "${this.s.totalPath}" is not an integer, got ${JSON.stringify(raw)}`, body, 'check total_path');
    }
    return total;
  }
}

/** Puts a number where the target says: the query string or the JSON body. */
export function setValue(req: RequestSpec, target: ValueTarget, value: number): void {
  if (target.bodyPath !== undefined) req.json = withBodyValue(req.json, target.bodyPath, value);
  else req.params = { ...req.params, [target.param]: value };
}

/**
 * dlt's rule for a `<x>_param` / `<x>_body_path` pair: neither given means the
 * default parameter; otherwise exactly one must be given, and not empty.
 */
export function pickTarget(
  names: { param: string; bodyPath: string },
  param: string | undefined,
  bodyPath: string | undefined,
  defaultParam: string,
): ValueTarget {
  if (param === undefined && bodyPath === undefined) return { param: defaultParam };
  if (param && !bodyPath) return { param };
  if (bodyPath && !param) return { bodyPath };
  throw paginatorConfigError(`either '${names.param}' or '${names.bodyPath}' must be provided, not both`);
}

/** dlt refuses a range paginator with no way to stop. */
export function requireTermination(s: Pick<RangeSettings, 'totalPath' | 'maximum' | 'hasMorePath' | 'stopAfterEmptyPage'>, maximumName: string): void {
  if (s.totalPath === undefined && s.maximum === undefined && s.hasMorePath === undefined && !s.stopAfterEmptyPage) {
    throw paginatorConfigError(
      `one of \`total_path\`, \`${maximumName}\`, \`has_more_path\`, or \`stop_after_empty_page\` must be provided`,
      'without one of them the paginator would never stop',
    );
  }
}

/** dlt's `total_path`: left out means "total", null means the response has no total. */
export function totalPathOption(value: string | null | undefined): string | undefined {
  return value === undefined ? 'total' : (value ?? undefined);
}

/** Describes where a number goes, for `describe()`. */
export function targetName(t: ValueTarget): string {
  return t.bodyPath !== undefined ? `json.${t.bodyPath}` : t.param;
}

type StopSettings = Pick<RangeSettings, 'totalPath' | 'maximum' | 'hasMorePath' | 'stopAfterEmptyPage'>;

/**
 * The stop conditions offset and page_number share (total_path, the maximum,
 * has_more_path, stop_after_empty_page), checked so that paging can end.
 */
export function stopSettings(
  opts: { total_path?: string | null; has_more_path?: string; stop_after_empty_page?: boolean },
  maximum: number | undefined,
  maximumName: string,
): StopSettings {
  const stop: StopSettings = {
    totalPath: totalPathOption(opts.total_path),
    maximum,
    hasMorePath: opts.has_more_path,
    stopAfterEmptyPage: opts.stop_after_empty_page ?? true,
  };
  requireTermination(stop, maximumName);
  return stop;
}
