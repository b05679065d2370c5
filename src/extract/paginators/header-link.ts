import type { PageResponse } from '../http-types.js';
import { parseLinkHeader } from './link-header.js';
import { NextUrlPaginator } from './next-url.js';

/**
 * dlt's HeaderLinkPaginator (`header_link`): the `Link` response header names
 * the next page, as GitHub does:
 * `Link: <https://api.github.com/repos?page=2>; rel="next"`.
 * No link with that rel means this was the last page.
 */
export class HeaderLinkPaginator extends NextUrlPaginator {
  constructor(readonly linksNextKey: string = 'next') {
    super();
  }

  protected findNext(res: PageResponse): string | undefined {
    return parseLinkHeader(res.headers['link']).get(this.linksNextKey);
  }

  describe(): string {
    return `header_link(${this.linksNextKey})`;
  }
}
