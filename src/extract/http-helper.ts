import { RestloadError, UsageError } from '../common/errors.js';
import { redact, redactUrl } from '../common/redact.js';
import type { AuthConfig, PaginatorConfig } from '../config/schema/index.js';
import type { Auth } from './auth/auth.js';
import { createAuth } from './auth/index.js';
import { HttpClient, raiseForStatus } from './client.js';
import { detectDataSelector, selectItems } from './data-selector.js';
import type { PageResponse, RequestSpec } from './http-types.js';
import { createPaginator } from './paginators/index.js';
import { parseLinkHeader } from './paginators/link-header.js';

/** Options of the quick-start HTTP helpers (the same client the config engine uses). */
export interface RequestOptions {
  params?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** An auth config (as in YAML) or an Auth object. */
  auth?: AuthConfig | Auth;
  json?: unknown;
  data?: unknown;
  timeoutMs?: number;
  maxRetries?: number;
}

/** A response with requests-like helpers: `json()`, `raiseForStatus()`, `links.next`. */
export interface HttpResponse {
  status: number;
  headers: PageResponse['headers'];
  url: string;
  json<T = unknown>(): T;
  text(): string;
  /** Throws an HttpError (method, masked URL, status, body start) for 4xx/5xx. */
  raiseForStatus(): void;
  /** Parsed Link header: `links.next` is the next page's URL when there is one. */
  links: Record<string, string | undefined>;
}

const isAuth = (a: RequestOptions['auth']): a is Auth => !!a && typeof a === 'object' && typeof (a as Auth).apply === 'function';

function clientFor(url: string, opts: RequestOptions): HttpClient {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    throw new UsageError(`"${redactUrl(url)}" is not an absolute URL`, 'give the whole URL, e.g. https://api.example.com/items');
  }
  const auth = opts.auth === undefined ? undefined : isAuth(opts.auth) ? opts.auth : createAuth(opts.auth);
  return new HttpClient({ baseUrl: origin, auth, timeoutMs: opts.timeoutMs, maxRetries: opts.maxRetries });
}

/** A body that came back as text where JSON was expected: says so, with how it starts (not a bare SyntaxError). */
function notJson(res: PageResponse): RestloadError {
  return new RestloadError(`the response of ${res.request.method} ${redactUrl(res.url)} is not JSON`, {
    code: 'NOT_JSON', hint: `it starts with: ${redact(res.text().slice(0, 80)) || '(empty)'}`,
  });
}

function wrap(res: PageResponse): HttpResponse {
  return {
    status: res.status,
    headers: res.headers,
    url: res.url,
    json: <T>() => {
      if (res.body !== undefined && typeof res.body !== 'string') return res.body as T;
      try {
        return JSON.parse(res.text()) as T;
      } catch {
        throw notJson(res);
      }
    },
    text: () => res.text(),
    raiseForStatus: () => raiseForStatus(res),
    links: Object.fromEntries(parseLinkHeader(res.headers.link)),
  };
}

async function request(method: string, url: string, opts: RequestOptions): Promise<HttpResponse> {
  const req: RequestSpec = { method, url, params: opts.params ?? {}, headers: opts.headers ?? {}, json: opts.json, data: opts.data };
  return wrap(await clientFor(url, opts).send(req));
}

/** GET with retries (429/5xx/connection errors, Retry-After), timeouts and secret masking. */
export function get(url: string, opts: RequestOptions = {}): Promise<HttpResponse> {
  return request('GET', url, opts);
}

export function post(url: string, opts: RequestOptions = {}): Promise<HttpResponse> {
  return request('POST', url, opts);
}

/** A page of items, with the response it came from. */
export type Page = unknown[] & { response: HttpResponse };

/**
 * dlt's RESTClient.paginate: yields the items of each page until the
 * paginator (configured, or detected from the first response) says stop.
 */
export async function* paginate(url: string, opts: RequestOptions & { paginator?: PaginatorConfig; dataSelector?: string; method?: string } = {}): AsyncGenerator<Page> {
  const client = clientFor(url, opts);
  const req: RequestSpec = { method: opts.method ?? 'GET', url, params: { ...(opts.params ?? {}) }, headers: opts.headers ?? {}, json: opts.json, data: opts.data };
  const paginator = createPaginator(opts.paginator);
  paginator.init(req);
  let selector = opts.dataSelector;
  while (true) {
    const res = await client.send(req);
    raiseForStatus(res);
    if (typeof res.body === 'string') throw notJson(res);
    selector ??= detectDataSelector(res.body);
    const items = selectItems(res.body, selector);
    paginator.update(res, items);
    yield Object.assign(items, { response: wrap(res) });
    if (!paginator.hasNext) return;
    paginator.next(req);
  }
}
