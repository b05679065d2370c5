/**
 * The mock API of dlt's rest_client tests, on 127.0.0.1: the routes of
 * tests/sources/rest_api/conftest.py (mock_api_server) that
 * tests/sources/helpers/rest_client/test_paginators.py and test_client.py
 * use, with the server-side paginators of
 * tests/sources/helpers/rest_client/paginators.py. dlt mocks requests with
 * requests_mock; here a real local server answers, so restload's whole HTTP
 * path (got, retries, auth hooks) is exercised.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import assert from 'node:assert/strict';
import { listenLocal } from '../../helpers/server.js';

export const PAGE_SIZE = 5;
export const TOTAL_PAGES = 5;
const DEFAULT_LIMIT = 10;

export interface Post {
  id: number;
  title: string;
}

export const posts = (count = PAGE_SIZE * TOTAL_PAGES): Post[] => Array.from({ length: count }, (_, i) => ({ id: i, title: `Post ${i}` }));

/** dlt's assert_pagination: `total` pages of `size` posts, in order. */
export function assertPagination(pages: unknown[][], size = PAGE_SIZE, total = TOTAL_PAGES): void {
  assert.equal(pages.length, total, 'number of pages');
  pages.forEach((page, i) => assert.deepEqual([...page], posts((i + 1) * size).slice(i * size), `page ${i}`));
}

/** Server side of page-number paging (paginators.py PageNumberPaginator). */
function pageOf<T>(records: T[], page: number, base = 1, size = PAGE_SIZE) {
  const totalPages = Math.ceil(records.length / size);
  const start = (page - base) * size;
  const next = page + 1 < totalPages + base ? page + 1 : undefined;
  return { records: records.slice(start, start + size), meta: { page, total_pages: totalPages }, next };
}

export interface MockRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface DltMockApi {
  url: string;
  requests: MockRequest[];
  close(): Promise<void>;
}

const basic = `Basic ${Buffer.from('user:password').toString('base64')}`;

export async function startDltMockApi(): Promise<DltMockApi> {
  const requests: MockRequest[] = [];
  let base = '';
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const url = new URL(req.url ?? '/', base);
    const r: MockRequest = { method: req.method ?? 'GET', url, headers: req.headers, body };
    requests.push(r);
    route(r, res, base);
  });
  const { url, close } = await listenLocal(server);
  base = url;
  return { url, requests, close };
}

function send(res: ServerResponse, body: unknown, status = 200, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers });
  res.end(text);
}

/** dlt's paginate_by_page_number: records under `key`, page and total_pages, and a next_page URL. */
function byPageNumber(r: MockRequest, records: unknown[], opts: { key?: string; absolute?: boolean; base?: number } = {}) {
  const base = opts.base ?? 1;
  const page = Number(r.url.searchParams.get('page') ?? base);
  const p = pageOf(records, page, base);
  const out: Record<string, unknown> = { [opts.key ?? 'data']: p.records, ...p.meta };
  if (p.next !== undefined) {
    const rel = `${r.url.pathname}?page=${p.next}`;
    out.next_page = opts.absolute === false ? rel : `${r.url.origin}${rel}`;
  }
  return out;
}

function form(body: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of new URLSearchParams(body)) (out[k] ??= []).push(v);
  return out;
}

function route(r: MockRequest, res: ServerResponse, _base: string): void {
  const path = r.url.pathname;
  const q = r.url.searchParams;
  const json = () => (r.body ? (JSON.parse(r.body) as Record<string, unknown>) : {});
  const unauthorized = () => send(res, { error: 'Unauthorized' }, 401);

  if (r.method === 'POST') {
    if (path === '/posts/search') {
      const b = json();
      const size = Number(b.page_size ?? PAGE_SIZE);
      const count = Number(b.page_count ?? TOTAL_PAGES);
      const page = Number(b.page ?? 1);
      const records = posts(size * count).filter((p) => p.id > Number(b.ids_greater_than ?? 0));
      const totalPages = Math.ceil(records.length / size);
      return send(res, { data: records.slice((page - 1) * size, page * size), next_page: page < totalPages ? page + 1 : null, total_pages: count });
    }
    if (path === '/posts_offset_limit_via_json_body') {
      const b = json();
      const offset = Number(b.offset ?? 0);
      const limit = Number(b.limit ?? DEFAULT_LIMIT);
      const all = posts();
      return send(res, { data: all.slice(offset, offset + limit), total_records: all.length, offset, limit });
    }
    if (path === '/oauth/token' || path === '/oauth/token-expires-now') {
      const f = form(r.body);
      const grant = f.grant_type?.[0] ?? '';
      const ok = grant.includes('jwt-bearer') || (grant.includes('client_credentials') && f.client_secret?.[0] === 'test-client-secret' && f.client_id?.[0] === 'test-client-id');
      return ok ? send(res, { access_token: 'test-token', expires_in: path.endsWith('expires-now') ? 0 : 3600 }) : unauthorized();
    }
    if (path === '/custom-oauth/token') {
      const f = form(r.body);
      const ok = f.grant_type?.[0] === 'account_credentials' && f.account_id?.[0] === 'test-account-id' &&
        r.headers.authorization === 'Basic dGVzdC1hY2NvdW50LWlkOnRlc3QtY2xpZW50LXNlY3JldA==';
      return ok ? send(res, { access_token: 'test-token', expires_in: 3600 }) : unauthorized();
    }
    if (path === '/post_form_data') {
      const type = r.headers['content-type'];
      if (type === 'application/x-www-form-urlencoded') return send(res, { data: form(r.body) });
      return send(res, { error: `Unsupported content type: ${type}`, data: r.body });
    }
    if (path === '/post_raw_data') return send(res, { data: r.body });
    return send(res, { error: 'no route' }, 404);
  }

  if (path === '/posts') return send(res, byPageNumber(r, posts()));
  if (path === '/posts_zero_based') return send(res, byPageNumber(r, posts(), { base: 0 }));
  if (path === '/posts_relative_next_url') return send(res, byPageNumber(r, posts(), { absolute: false }));
  if (path === '/posts_header_link' || path === '/posts_header_cursor') {
    const page = Number(q.get('page') ?? 1);
    const p = pageOf(posts(), page);
    const headers: Record<string, string> = {};
    if (p.next !== undefined) {
      if (path === '/posts_header_link') headers.link = `<${r.url.origin}${path}?page=${p.next}>; rel="next"`;
      else headers.cursor = String(page + 1);
    }
    return send(res, p.records, 200, headers);
  }
  if (path === '/posts_offset_limit') {
    const offset = Number(q.get('offset') ?? 0);
    const limit = Number(q.get('limit') ?? DEFAULT_LIMIT);
    const all = posts();
    return send(res, { data: all.slice(offset, offset + limit), total_records: all.length, offset, limit });
  }
  if (path === '/posts_cursor') {
    const cursor = Number(q.get('cursor') ?? 0);
    const all = posts();
    const next = cursor + PAGE_SIZE;
    return send(res, { data: all.slice(cursor, next), next_cursor: next < all.length ? next : null });
  }
  if (path === '/posts_cursor_null_terminated') {
    const cursor = q.get('cursor');
    if (cursor === null) return send(res, { users: Array.from({ length: 10 }, (_, i) => ({ id: i, name: `User ${i}` })), next_token: 'cursor_page_2' });
    if (cursor === 'cursor_page_2') return send(res, { users: Array.from({ length: 4 }, (_, i) => ({ id: 10 + i, name: `User ${10 + i}` })), next_token: 'cursor_final' });
    return send(res, { users: null, next_token: null });
  }
  const detail = /^\/posts\/(\d+)$/.exec(path);
  if (detail) return send(res, { id: Number(detail[1]), body: `Post body ${detail[1]}` });
  const d404 = /^\/posts\/(\d+)\/some_details_404$/.exec(path);
  if (d404) {
    const id = Number(d404[1]);
    return id < 1 ? send(res, { id, body: `Post body ${id}` }) : send(res, { error: `Post with id ${id} not found` }, 404);
  }
  if (path === '/protected/posts/basic-auth') return r.headers.authorization === basic ? send(res, byPageNumber(r, posts())) : unauthorized();
  if (path === '/protected/posts/bearer-token') return r.headers.authorization === 'Bearer test-token' ? send(res, byPageNumber(r, posts())) : unauthorized();
  if (path === '/protected/posts/api-key') return r.headers['x-api-key'] === 'test-api-key' ? send(res, byPageNumber(r, posts())) : unauthorized();
  return send(res, { error: 'no route' }, 404);
}
