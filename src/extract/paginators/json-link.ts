import { compilePath, type PathFinder } from '../../common/json-path.js';
import type { PageResponse } from '../http-types.js';
import { paginatorResponseError } from './errors.js';
import { NextUrlPaginator } from './next-url.js';

/**
 * dlt's JSONLinkPaginator (`json_link`, and its deprecated alias
 * `json_response`): the JSON body holds the URL of the next page, e.g.
 * `{"results": [...], "next": "https://api.example.com/items?page=2"}`.
 * A missing, null or empty value means this was the last page.
 */
export class JsonLinkPaginator extends NextUrlPaginator {
  private readonly find: PathFinder;

  constructor(readonly nextUrlPath: string = 'next') {
    super();
    this.find = compilePath(nextUrlPath);
  }

  protected findNext(res: PageResponse): string | undefined {
    const value = this.find(res.body)[0];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') {
      throw paginatorResponseError(
        `json_link: the next page URL at "${this.nextUrlPath}" is not a string, got ${JSON.stringify(value)}`,
        res.body,
        'point next_url_path at the next page URL, or use the cursor paginator for a cursor value',
      );
    }
    return value;
  }

  describe(): string {
    return `json_link(${this.nextUrlPath})`;
  }
}
