import type { PageResponse, RequestSpec } from '../http-types.js';
import type { Paginator } from './paginator.js';

/**
 * dlt's HeaderCursorPaginator (`header_cursor`): a response header holds the
 * cursor of the next page (`NextPageToken: 123456`), which goes back as a
 * query parameter (`?cursor=123456`). No header means the last page.
 */
export class HeaderCursorPaginator implements Paginator {
  private cursor: string | undefined;
  private more = true;

  constructor(
    readonly cursorKey: string = 'next',
    readonly cursorParam: string = 'cursor',
  ) {}

  get hasNext(): boolean {
    return this.more;
  }

  init(_req: RequestSpec): void {}

  update(res: PageResponse, _items: unknown[]): void {
    // Header names are case-insensitive; PageResponse lower-cases them.
    const raw = res.headers[this.cursorKey.toLowerCase()];
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    // An empty header stops too: dlt would send `cursor=` and get the first page again.
    this.cursor = value ? value : undefined;
    this.more = this.cursor !== undefined;
  }

  next(req: RequestSpec): void {
    if (this.cursor === undefined) return;
    req.params = { ...req.params, [this.cursorParam]: this.cursor };
  }

  describe(): string {
    return `header_cursor(${this.cursorKey} -> ${this.cursorParam})`;
  }
}
