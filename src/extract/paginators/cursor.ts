import { compilePath, type PathFinder } from '../../common/json-path.js';
import type { PageResponse, RequestSpec } from '../http-types.js';
import { withBodyValue } from './body-path.js';
import { paginatorConfigError } from './errors.js';
import { readHasMore } from './has-more.js';
import type { Paginator } from './paginator.js';
import { isTruthy } from './python-values.js';

/** Options of dlt's JSONResponseCursorPaginator, with dlt's names. */
export interface CursorOptions {
  cursor_path?: string;
  cursor_param?: string;
  cursor_body_path?: string;
  stop_after_empty_page?: boolean;
  has_more_path?: string;
}

/**
 * dlt's JSONResponseCursorPaginator (`cursor`): the JSON body holds the cursor
 * of the next page (`{"cursors": {"next": "aW1w..."}}`), which goes back as a
 * query parameter or, with `cursor_body_path`, inside the JSON request body
 * (for POST search endpoints). The first request carries no cursor. A
 * missing or empty cursor (anything Python deems false: null, "", 0) stops.
 */
export class CursorPaginator implements Paginator {
  readonly cursorPath: string;
  readonly cursorParam: string | undefined;
  readonly cursorBodyPath: string | undefined;
  private readonly find: PathFinder;
  private readonly stopAfterEmptyPage: boolean;
  private readonly hasMorePath: string | undefined;
  private cursor: unknown;
  private more = true;

  constructor(opts: CursorOptions = {}) {
    const { cursor_param: param, cursor_body_path: bodyPath } = opts;
    if (param !== undefined && bodyPath !== undefined) {
      throw paginatorConfigError("cursor paginator: either 'cursor_param' or 'cursor_body_path' must be provided, not both");
    }
    if (param === '' || bodyPath === '') {
      throw paginatorConfigError('cursor paginator: cursor_param and cursor_body_path must not be empty');
    }
    this.cursorPath = opts.cursor_path ?? 'cursors.next';
    this.find = compilePath(this.cursorPath);
    this.cursorBodyPath = bodyPath;
    this.cursorParam = bodyPath === undefined ? (param ?? 'cursor') : undefined;
    this.stopAfterEmptyPage = opts.stop_after_empty_page ?? false;
    this.hasMorePath = opts.has_more_path;
  }

  get hasNext(): boolean {
    return this.more;
  }

  init(_req: RequestSpec): void {}

  update(res: PageResponse, items: unknown[]): void {
    const value = this.find(res.body)[0];
    this.cursor = isTruthy(value) ? value : undefined;
    this.more = this.cursor !== undefined;
    if (this.stopAfterEmptyPage && items.length === 0) {
      this.more = false;
      return;
    }
    // has_more can only stop: dlt lets `true` continue without a cursor,
    // which re-requests the first page forever.
    if (this.hasMorePath !== undefined && !readHasMore(this.hasMorePath, res.body, 'cursor paginator')) {
      this.more = false;
    }
  }

  next(req: RequestSpec): void {
    if (this.cursor === undefined) return;
    if (this.cursorBodyPath !== undefined) req.json = withBodyValue(req.json, this.cursorBodyPath, this.cursor);
    else req.params = { ...req.params, [this.cursorParam!]: this.cursor };
  }

  describe(): string {
    const to = this.cursorBodyPath !== undefined ? `json.${this.cursorBodyPath}` : this.cursorParam;
    return `cursor(${this.cursorPath} -> ${to})`;
  }
}
