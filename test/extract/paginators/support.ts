import type { PageResponse, RequestSpec } from '../../../src/extract/http-types.js';
import type { Paginator } from '../../../src/extract/paginators/paginator.js';
import { selectItems } from '../../../src/extract/data-selector.js';

/** A fresh first request, as the client builds it. */
export function request(overrides: Partial<RequestSpec> = {}): RequestSpec {
  return { method: 'GET', url: 'https://api.example.com/items', params: {}, headers: {}, ...overrides };
}

/** A hand-made response; `url` defaults to the request's URL. */
export function response(opts: { body?: unknown; headers?: PageResponse['headers']; url?: string; request?: RequestSpec } = {}): PageResponse {
  const req = opts.request ?? request();
  return {
    status: 200,
    headers: opts.headers ?? {},
    url: opts.url ?? req.url,
    body: opts.body,
    text: () => (typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body)),
    request: req,
  };
}

/** What a fake server answers to one request. */
export interface Page {
  body?: unknown;
  headers?: PageResponse['headers'];
  url?: string;
}

/**
 * Runs the client's loop (init, send, update, next while hasNext) against a
 * fake server and returns a snapshot of every request sent, so tests can
 * assert the whole page sequence.
 */
export function paginate(
  paginator: Paginator,
  serve: (req: RequestSpec, n: number) => Page,
  opts: { first?: RequestSpec; dataSelector?: string; maxPages?: number } = {},
): RequestSpec[] {
  const req = opts.first ?? request();
  const sent: RequestSpec[] = [];
  paginator.init(req);
  for (let n = 0; n < (opts.maxPages ?? 50); n++) {
    const snapshot = structuredClone(req);
    sent.push(snapshot);
    const page = serve(snapshot, n);
    const res = response({ ...page, request: snapshot, url: page.url ?? fullUrl(snapshot) });
    paginator.update(res, selectItems(res.body, opts.dataSelector));
    if (!paginator.hasNext) return sent;
    paginator.next(req);
  }
  throw new Error(`still paginating after ${opts.maxPages ?? 50} pages`);
}

/** The URL the client would send, params included, for fake servers to read. */
export function fullUrl(req: RequestSpec): string {
  const u = new URL(req.url, 'https://api.example.com/');
  for (const [k, v] of Object.entries(req.params)) if (v !== undefined && v !== null) u.searchParams.set(k, String(v));
  return u.href;
}

/** `count` records with ids 0..count-1. */
export function records(count: number, from = 0): { id: number }[] {
  return Array.from({ length: count }, (_, i) => ({ id: from + i }));
}
