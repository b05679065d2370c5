import { isRound } from '../../common/round-count.js';
import type { RunWarning } from '../../common/run-warning.js';
import { keysToPath } from '../data-selector.js';
import type { PageResponse } from '../http-types.js';
import { AutoPaginator } from './auto.js';
import type { Paginator } from './paginator.js';
import { SinglePagePaginator } from './single-page.js';

/**
 * With no paginator configured, an API whose paging scheme dlt's detector
 * does not know (Jira's startAt/maxResults, OData's @odata.nextLink,
 * Stripe's has_more) is read as one page, and the run succeeds with rows
 * missing. dlt's docs leave spotting that to the user. This looks at that
 * lone page: when it looks full (a round count, a count equal to the
 * request's page size, or a response that itself says there is more), it
 * becomes a PAGINATOR_NOT_DETECTED warning with the config line to add,
 * guessed from the response where possible.
 */

/** What the first page of a resource looked like. */
export interface FirstPage {
  resource: string;
  response: PageResponse;
  /** Records selected from it, before processing steps and incremental filtering. */
  items: unknown[];
  /** The data selector that selected them (configured or detected). */
  dataSelector: string | undefined;
}

/** The warning for a lone page read because nothing was detected, or undefined when it does not look cut short. */
export function paginatorNotDetected(paginator: Paginator, page: FirstPage): RunWarning | undefined {
  if (!(paginator instanceof AutoPaginator) || !(paginator.detection?.paginator instanceof SinglePagePaginator)) return undefined;
  const body = page.response.body;
  // An object with no list in it is one entity (`/me`, `/account`), not a page: its counts are not page sizes.
  if (!Array.isArray(body) && (page.dataSelector === undefined || page.dataSelector === '$')) return undefined;
  const n = page.items.length;
  const request = page.response.request;
  const reasons: string[] = [];
  const evidence = responseEvidence(body, n, page.response.headers);
  reasons.push(...evidence);
  const sizeParam = n > 0 ? pageSizeParams(request?.params).find((p) => p.value === n) : undefined;
  if (sizeParam) reasons.push(`${n} is the ${sizeParam.name}=${sizeParam.value} sent`);
  else if (isRound(n)) reasons.push(`${n} is a round number, a usual page size`);
  if (reasons.length === 0) return undefined;
  const guess = guessPaginator(body, page, request?.params ?? {});
  return {
    code: 'PAGINATOR_NOT_DETECTED',
    resource: page.resource,
    message: `only one page was fetched (${n} item${n === 1 ? '' : 's'}): no paginator is configured and none was detected in the response, but the page looks cut short (${reasons.join('; ')})`,
    hint: `if the endpoint has more pages, add to its endpoint: ${guess}; if one page is all there is, set paginator: single_page`,
  };
}

/** Query parameter names that set a page size, compared without case, `_`, `-` or `$`. */
const PAGE_SIZE_NAMES: ReadonlySet<string> = new Set([
  'limit', 'perpage', 'pagesize', 'maxresults', 'top', 'size', 'count', 'pagelimit', 'pagelen', 'maxitems', 'first', 'take', 'rows', 'maxpagesize', 'numresults',
]);

const squash = (key: string) => key.toLowerCase().replace(/[_\-$]/g, '');

function pageSizeParams(params: Record<string, unknown> | undefined): { name: string; value: number }[] {
  const out: { name: string; value: number }[] = [];
  for (const [name, raw] of Object.entries(params ?? {})) {
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : undefined;
    if (value !== undefined && PAGE_SIZE_NAMES.has(squash(name))) out.push({ name, value });
  }
  return out;
}

/** A key found in the body, with its path. */
interface Found {
  path: string[];
  value: unknown;
}

/** The keys of the body up to three levels deep (not inside lists), depth-first in key order. */
function scalars(body: unknown, path: string[] = [], out: Found[] = []): Found[] {
  if (!isObject(body) || path.length > 2) return out;
  for (const [key, value] of Object.entries(body)) {
    if (isObject(value)) scalars(value, [...path, key], out);
    else if (!Array.isArray(value)) out.push({ path: [...path, key], value });
  }
  return out;
}

const HAS_MORE = new Set(['hasmore', 'hasnext', 'hasnextpage', 'moreavailable', 'more', 'moreitems', 'hasmoreitems', 'moreresults']);
const TOTAL = new Set(['total', 'totalcount', 'totalresults', 'totalitems', 'totalsize', 'totalrecords', 'totalhits', 'count', 'odatacount', 'totalelements']);
const OFFSET = new Set(['startat', 'start', 'offset', 'skip', 'from', 'startindex']);
const LIMIT = new Set(['maxresults', 'limit', 'perpage', 'pagesize', 'size', 'max', 'top', 'count', 'itemsperpage']);
const CURSOR = new Set(['cursor', 'endcursor', 'continuation', 'continuationtoken', 'scrollid', 'pagetoken', 'after', 'nextcursor']);

const keyOf = (f: Found) => squash(f.path[f.path.length - 1]!).replace(/[^a-z0-9]/g, '');
const isUrl = (v: unknown): v is string => typeof v === 'string' && (/^https?:\/\//i.test(v) || v.startsWith('/') || v.startsWith('?'));
const truthy = (v: unknown) => v === true || v === 'true' || v === 'True';
const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);

/** What the response itself says about more pages. */
function responseEvidence(body: unknown, n: number, headers: PageResponse['headers']): string[] {
  const out: string[] = [];
  const all = scalars(body);
  const more = all.find((f) => HAS_MORE.has(keyOf(f)) && truthy(f.value));
  if (more) out.push(`the response says ${more.path.join('.')}: ${String(more.value)}`);
  const total = all.find((f) => TOTAL.has(keyOf(f)) && (num(f.value) ?? 0) > n);
  if (total) out.push(`the response says ${total.path.join('.')}: ${String(total.value)}`);
  // A cursor or link next to a false has_more (GraphQL's pageInfo on the last page) means nothing.
  const noMore = all.some((f) => HAS_MORE.has(keyOf(f)) && (f.value === false || f.value === 'false'));
  const link = noMore ? undefined : nextLink(all);
  if (link) out.push(`the response has ${link.path.join('.')}, a next page that was not recognised`);
  const headerTotal = num(headers['x-total-count']);
  if (headerTotal !== undefined && headerTotal > n) out.push(`the X-Total-Count header says ${headerTotal}`);
  return out;
}

/** A key with "next" in its name (but not a has_next flag) holding a URL or a token. */
function nextLink(all: Found[]): Found | undefined {
  return all.find((f) => {
    const k = keyOf(f);
    return (k.includes('next') && !HAS_MORE.has(k) && typeof f.value === 'string' && f.value !== '') || (CURSOR.has(k) && typeof f.value === 'string' && f.value !== '');
  });
}

/** A YAML flow value: plain when that reads the same, else double-quoted. */
function yamlValue(v: string | number | null): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return String(v);
  return /^[A-Za-z_][\w.-]*$/.test(v) && !['null', 'true', 'false', 'yes', 'no'].includes(v) ? v : JSON.stringify(v);
}

function line(fields: Record<string, string | number | null | undefined>): string {
  const parts = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${yamlValue(v as string | number | null)}`);
  return `paginator: {${parts.join(', ')}}`;
}

/** The paginator line the response suggests; a generic one when it suggests nothing. */
function guessPaginator(body: unknown, page: FirstPage, params: Record<string, unknown>): string {
  const all = scalars(body);
  const path = (f: Found | undefined) => (f ? keysToPath(f.path) : undefined);
  const total = all.find((f) => TOTAL.has(keyOf(f)) && num(f.value) !== undefined);
  // Jira, Confluence, many "offset + limit in the body" APIs.
  const offset = all.find((f) => OFFSET.has(keyOf(f)) && num(f.value) !== undefined);
  const limit = all.find((f) => LIMIT.has(keyOf(f)) && f !== total && (num(f.value) ?? 0) > 0);
  if (offset && limit) {
    const offsetName = offset.path[offset.path.length - 1]!;
    const limitName = limit.path[limit.path.length - 1]!;
    return line({
      type: 'offset',
      limit: num(limit.value)!,
      offset_param: offsetName === 'offset' ? undefined : offsetName,
      limit_param: limitName === 'limit' ? undefined : limitName,
      total_path: total ? path(total) : null,
    });
  }
  const more = all.find((f) => HAS_MORE.has(keyOf(f)) && (typeof f.value === 'boolean' || typeof f.value === 'string'));
  const link = nextLink(all);
  if (link && isUrl(link.value)) return line({ type: 'json_link', next_url_path: path(link) });
  if (link) return line({ type: 'cursor', cursor_path: path(link), cursor_param: link.path[link.path.length - 1], has_more_path: more ? path(more) : undefined });
  // Stripe: has_more and the last record's id.
  const last = page.items[page.items.length - 1];
  if (more && isObject(last) && last.id !== undefined && page.dataSelector) {
    return line({ type: 'cursor', cursor_path: `${page.dataSelector}[-1].id`, cursor_param: 'starting_after', has_more_path: path(more) });
  }
  const size = pageSizeParams(params)[0];
  if (size && /page|per|rows/i.test(size.name)) {
    return line({ type: 'page_number', base_page: 1, total_path: null, has_more_path: more ? path(more) : undefined });
  }
  if (size) {
    const key = squash(size.name);
    const offsetParam = key === 'top' ? (size.name.startsWith('$') ? '$skip' : 'skip') : key === 'maxresults' ? 'startAt' : undefined;
    return line({
      type: 'offset',
      limit: size.value,
      limit_param: size.name === 'limit' ? undefined : size.name,
      offset_param: offsetParam,
      total_path: total ? path(total) : null,
      has_more_path: more ? path(more) : undefined,
    });
  }
  if (more) return line({ type: 'page_number', base_page: 1, total_path: null, has_more_path: path(more) });
  return 'paginator: {type: offset | page_number | cursor | json_link | header_link, ...} (see the paginator options in the README)';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
