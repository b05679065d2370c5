import type { PageResponse, RequestSpec } from '../http-types.js';
import type { Paginator } from './paginator.js';

/**
 * dlt's SinglePagePaginator (`single_page`): one request, no next page. It is
 * also what auto-detection falls back to, e.g. for `/users/{id}`.
 */
export class SinglePagePaginator implements Paginator {
  private more = true;

  get hasNext(): boolean {
    return this.more;
  }

  init(_req: RequestSpec): void {}

  update(_res: PageResponse, _items: unknown[]): void {
    this.more = false;
  }

  next(_req: RequestSpec): void {}

  describe(): string {
    return 'single_page';
  }
}
