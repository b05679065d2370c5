import type { PageResponse, RequestSpec } from '../http-types.js';

/**
 * dlt's paginator lifecycle: set up the first request, learn from each
 * response, then either change the request for the next page or stop.
 * A paginator is stateful, so every resource run (and every child request
 * of a parent item) gets a fresh one from its factory.
 */
export interface Paginator {
  /** Adjust the first request (e.g. add `offset=0&limit=100`). */
  init(req: RequestSpec): void;
  /** Read the response and the items selected from it; decides `hasNext`. */
  update(res: PageResponse, items: unknown[]): void;
  /** Turn the request into the request for the next page. Only called when `hasNext`. */
  next(req: RequestSpec): void;
  readonly hasNext: boolean;
  /** Short description for logs and the trace, e.g. `header_link(next)`. */
  describe(): string;
}
