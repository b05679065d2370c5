import { keysToPath } from '../data-selector.js';
import type { PageResponse } from '../http-types.js';
import { CursorPaginator } from './cursor.js';
import { paginatorResponseError } from './errors.js';
import { HeaderLinkPaginator } from './header-link.js';
import { JsonLinkPaginator } from './json-link.js';
import { parseLinkHeader } from './link-header.js';
import { PageNumberPaginator } from './page-number.js';
import type { Paginator } from './paginator.js';
import { toPythonInt } from './python-values.js';
import { SinglePagePaginator } from './single-page.js';

/**
 * dlt's paginator detection (detector.py), run on the first response when no
 * paginator is configured. Detectors are tried in order; the first that
 * recognizes the response wins. The score says how sure it is: 1 for an
 * unambiguous next link, 0.5 when options had to be guessed (a wrong guess
 * repeats or skips pages, so callers should warn), 0 for the single-page
 * fallback (worth a warning when the page held a list of records).
 */
export interface Detection {
  paginator: Paginator;
  score: number;
}

/** One detection rule: a paginator and score, or undefined if the response does not fit. */
export type Detector = (res: PageResponse) => Detection | undefined;

/** A `Link` header with rel="next": header_link, certain. */
export const detectHeaderLinks: Detector = (res) =>
  parseLinkHeader(res.headers['link']).get('next') ? { paginator: new HeaderLinkPaginator(), score: 1 } : undefined;

/** A `next...` key in the body holding a URL (absolute, or starting with `/`): json_link, certain. */
export const detectJsonLinks: Detector = (res) => {
  const found = findNextPagePath(res.body);
  if (!found || typeof found.value !== 'string') return undefined;
  if (!found.value.startsWith('http') && !found.value.startsWith('/')) return undefined;
  return { paginator: new JsonLinkPaginator(keysToPath(found.path)), score: 1 };
};

/** A total-pages key (`total_pages`, `pages`, `totalPages`) with an integer: page_number from 0, guessed. */
export const detectTotalPages: Detector = (res) => {
  const found = findTotalPagesPath(res.body);
  if (!found || toPythonInt(found.value) === undefined) return undefined;
  return { paginator: new PageNumberPaginator({ total_path: keysToPath(found.path) }), score: 0.5 };
};

/** A `next...` key holding anything else (a token, an id): cursor sent as `cursor`, guessed. */
export const detectCursor: Detector = (res) => {
  const found = findNextPagePath(res.body);
  return found ? { paginator: new CursorPaginator({ cursor_path: keysToPath(found.path) }), score: 0.5 } : undefined;
};

/** The fallback: one page, also right for single entities. */
export const detectSinglePage: Detector = () => ({ paginator: new SinglePagePaginator(), score: 0 });

/** dlt's detectors, in dlt's order. */
export const DETECTORS: readonly Detector[] = [detectHeaderLinks, detectJsonLinks, detectTotalPages, detectCursor, detectSinglePage];

/** The paginator for a response, by the first detector that fits (dlt's PaginatorFactory). */
export function detectPaginator(res: PageResponse, detectors: readonly Detector[] = DETECTORS): Detection {
  for (const detect of detectors) {
    const found = detect(res);
    if (found) return found;
  }
  throw paginatorResponseError(`no suitable paginator found for the response at ${res.url}`, res.body, 'configure a paginator');
}

/** A scalar found at a path of keys. */
export interface FoundValue {
  path: string[];
  value: string | number | boolean;
}

/** Python's isinstance(v, (str, int, float)), where bool is an int. */
function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * dlt's `find_next_page_path`: depth-first in key order, the first key that
 * starts with "next" (any case: `next`, `next_cursor`, `nextPage`) holding a
 * scalar, or an object with an `href...`/`url...` scalar in it (HAL's
 * `_links.next.href`). Objects are searched below, lists are not.
 */
export function findNextPagePath(body: unknown, path: string[] = []): FoundValue | undefined {
  if (!isObject(body)) return undefined;
  for (const key of Object.keys(body)) {
    const value = body[key];
    if (key.toLowerCase().startsWith('next')) {
      if (isObject(value)) {
        for (const inner of Object.keys(value)) {
          const lower = inner.toLowerCase();
          const v = value[inner];
          if ((lower.startsWith('href') || lower.startsWith('url')) && isScalar(v)) return { path: [...path, key, inner], value: v };
        }
      } else if (isScalar(value)) {
        return { path: [...path, key], value };
      }
    }
    if (isObject(value)) {
      const found = findNextPagePath(value, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

const TOTAL_PAGES_KEYS: ReadonlySet<string> = new Set(['total_pages', 'pages', 'totalpages']);

/** dlt's `find_total_pages_path`: depth-first, the first `total_pages`/`pages`/`totalPages` (any case) scalar. */
export function findTotalPagesPath(body: unknown, path: string[] = []): FoundValue | undefined {
  if (!isObject(body)) return undefined;
  for (const key of Object.keys(body)) {
    const value = body[key];
    if (TOTAL_PAGES_KEYS.has(key.toLowerCase()) && isScalar(value)) return { path: [...path, key], value };
    if (isObject(value)) {
      const found = findTotalPagesPath(value, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

export { isSingleEntityPath } from '../../config/placeholders.js';
