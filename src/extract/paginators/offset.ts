import type { RequestSpec } from '../http-types.js';
import { paginatorConfigError } from './errors.js';
import { RangePaginator, pickTarget, setValue, stopSettings, targetName, type ValueTarget } from './range.js';

/** Options of dlt's OffsetPaginator, with dlt's names. */
export interface OffsetOptions {
  limit: number;
  offset?: number;
  offset_param?: string;
  limit_param?: string;
  offset_body_path?: string;
  limit_body_path?: string;
  /** Default "total"; null: the response has no total. */
  total_path?: string | null;
  maximum_offset?: number;
  stop_after_empty_page?: boolean;
  has_more_path?: string;
}

/**
 * dlt's OffsetPaginator (`offset`): every request carries `offset` and
 * `limit` (query or JSON body); the offset grows by `limit` after each
 * non-empty page until it reaches the total, `maximum_offset`, or has_more
 * says no.
 */
export class OffsetPaginator extends RangePaginator {
  readonly limit: number;
  private readonly limitTarget: ValueTarget;

  constructor(opts: OffsetOptions) {
    const { limit } = opts;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
      throw paginatorConfigError(`offset paginator: limit must be a positive integer, got ${JSON.stringify(limit)}`, 'offset needs an object: {type: offset, limit: 100}');
    }
    const target = pickTarget({ param: 'offset_param', bodyPath: 'offset_body_path' }, opts.offset_param, opts.offset_body_path, 'offset');
    const limitTarget = pickTarget({ param: 'limit_param', bodyPath: 'limit_body_path' }, opts.limit_param, opts.limit_body_path, 'limit');
    const stop = stopSettings(opts, opts.maximum_offset, 'maximum_offset');
    super({ kind: 'offset paginator', target, initial: opts.offset ?? 0, step: limit, baseIndex: 0, ...stop });
    this.limit = limit;
    this.limitTarget = limitTarget;
  }

  protected override apply(req: RequestSpec): void {
    super.apply(req);
    setValue(req, this.limitTarget, this.limit);
  }

  describe(): string {
    const total = this.s.totalPath === undefined ? '' : `, total_path=${this.s.totalPath}`;
    return `offset(${targetName(this.s.target)}, ${targetName(this.limitTarget)}=${this.limit}${total})`;
  }
}
