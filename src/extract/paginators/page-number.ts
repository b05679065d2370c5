import { RangePaginator, pickTarget, stopSettings, targetName } from './range.js';

/** Options of dlt's PageNumberPaginator, with dlt's names. */
export interface PageNumberOptions {
  base_page?: number;
  page?: number;
  page_param?: string;
  page_body_path?: string;
  /** Default "total"; null: the response has no total. */
  total_path?: string | null;
  maximum_page?: number;
  stop_after_empty_page?: boolean;
  has_more_path?: string;
}

/**
 * dlt's PageNumberPaginator (`page_number`): every request carries the page
 * number (query or JSON body), starting at `page` (default `base_page`) and
 * growing by one after each non-empty page until it passes the total number
 * of pages (counted from `base_page`), reaches `maximum_page`, or has_more
 * says no.
 */
export class PageNumberPaginator extends RangePaginator {
  constructor(opts: PageNumberOptions = {}) {
    const target = pickTarget({ param: 'page_param', bodyPath: 'page_body_path' }, opts.page_param, opts.page_body_path, 'page');
    const stop = stopSettings(opts, opts.maximum_page, 'maximum_page');
    const basePage = opts.base_page ?? 0;
    super({ kind: 'page_number paginator', target, initial: opts.page ?? basePage, step: 1, baseIndex: basePage, ...stop });
  }

  describe(): string {
    const total = this.s.totalPath === undefined ? '' : `, total_path=${this.s.totalPath}`;
    return `page_number(${targetName(this.s.target)} from ${this.s.initial}${total})`;
  }
}
