import type { PageResponse, RequestSpec } from '../http-types.js';
import type { Paginator } from './paginator.js';

/**
 * dlt's BaseNextUrlPaginator: the response names the URL of the next page
 * (in a header or the body). The next request goes to that URL with no query
 * parameters of its own, as dlt clears them: the URL already carries every
 * parameter the API wants, and re-adding the first request's parameters would
 * duplicate or contradict them. The JSON body is kept.
 */
export abstract class NextUrlPaginator implements Paginator {
  private nextUrl: string | undefined;
  private more = true;

  get hasNext(): boolean {
    return this.more;
  }

  /** The next page reference as found in the response, or undefined for none. */
  protected abstract findNext(res: PageResponse): string | undefined;

  abstract describe(): string;

  init(_req: RequestSpec): void {}

  update(res: PageResponse, _items: unknown[]): void {
    const ref = this.findNext(res);
    // An empty reference stops too: dlt would go on and request an empty URL.
    this.nextUrl = ref ? resolveUrl(ref, res.url || res.request?.url || '') : undefined;
    this.more = this.nextUrl !== undefined;
  }

  next(req: RequestSpec): void {
    if (this.nextUrl === undefined) return;
    req.url = this.nextUrl;
    req.params = {};
  }
}

const HAS_SCHEME = /^[A-Za-z][A-Za-z\d+.-]*:/;

/**
 * Resolves a next-page reference like Python's `urljoin`: absolute URLs are
 * used as they are (not even normalized), anything else is resolved against
 * the URL of the response that named it (`/items?page=2`, `?page=2`,
 * `//host/items`). With no usable base the reference is returned unchanged.
 */
export function resolveUrl(ref: string, base: string): string {
  if (HAS_SCHEME.test(ref)) return ref;
  try {
    return new URL(ref, base).href;
  } catch {
    return ref;
  }
}
