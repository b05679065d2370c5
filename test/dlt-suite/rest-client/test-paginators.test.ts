/**
 * Ported from dlt 1.26.0 (commit b3fc4a9e7c4152a76c6d29d035ddf9879609dc50):
 * tests/sources/helpers/rest_client/test_paginators.py.
 *
 * Each test is named after the dlt class and test it ports. dlt drives its
 * paginators with mocked requests objects; here the paginators get
 * restload's plain request/response objects, and the `test_client_pagination`
 * tests page through the dlt mock API (mock-api.ts) on 127.0.0.1 with
 * restload's `paginate` helper and the dict form of each paginator.
 * Where dlt reads private state (`_next_reference`), the test checks what
 * the paginator puts into the next request instead.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RestloadError } from '../../../src/common/errors.js';
import type { PaginatorConfig } from '../../../src/config/schema/index.js';
import { paginate } from '../../../src/extract/http-helper.js';
import type { RequestSpec } from '../../../src/extract/http-types.js';
import { withBodyValue } from '../../../src/extract/paginators/body-path.js';
import { CursorPaginator } from '../../../src/extract/paginators/cursor.js';
import { HeaderCursorPaginator } from '../../../src/extract/paginators/header-cursor.js';
import { HeaderLinkPaginator } from '../../../src/extract/paginators/header-link.js';
import { createPaginator } from '../../../src/extract/paginators/index.js';
import { JsonLinkPaginator } from '../../../src/extract/paginators/json-link.js';
import { OffsetPaginator } from '../../../src/extract/paginators/offset.js';
import { PageNumberPaginator } from '../../../src/extract/paginators/page-number.js';
import { SinglePagePaginator } from '../../../src/extract/paginators/single-page.js';
import { request, response } from '../../extract/paginators/support.js';
import { assertPagination, startDltMockApi, type DltMockApi } from './mock-api.js';

const NON_EMPTY_PAGE = [{ some: 'data' }];
const configError = (pattern: RegExp) => (e: unknown) => e instanceof RestloadError && e.code === 'PAGINATOR_CONFIG' && pattern.test(e.message);
const res = (body: unknown, headers: Record<string, string> = {}) => response({ body, headers });

/** The request a paginator makes after `update`: what dlt's `_next_reference` ends up as. */
function nextRequest(p: { next(req: RequestSpec): void }, first: Partial<RequestSpec> = {}): RequestSpec {
  const req = request(first);
  p.next(req);
  return req;
}

let api: DltMockApi;
before(async () => {
  api = await startDltMockApi();
});
after(() => api.close());

async function pagesOf(path: string, paginator: PaginatorConfig, opts: { method?: string; json?: unknown } = {}): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for await (const page of paginate(`${api.url}${path}`, { paginator, ...opts })) out.push([...page]);
  return out;
}

describe('TestHeaderLinkPaginator', () => {
  test('test_update_state_with_next', () => {
    const p = new HeaderLinkPaginator();
    p.update(res([], { link: '<http://example.com/next>; rel="next"' }), []);
    assert.equal(p.hasNext, true);
    assert.equal(nextRequest(p).url, 'http://example.com/next');
  });

  test('test_update_state_without_next', () => {
    const p = new HeaderLinkPaginator();
    p.update(res([]), []);
    assert.equal(p.hasNext, false);
  });

  test('test_client_pagination', async () => {
    assertPagination(await pagesOf('/posts_header_link', { type: 'header_link' }));
  });
});

describe('TestJSONLinkPaginator', () => {
  const cases: { path?: string; body: unknown; next?: string }[] = [
    { body: { next: 'http://example.com/next', results: [] }, next: 'http://example.com/next' },
    { path: 'next_page', body: { next_page: 'http://example.com/next', results: [] }, next: 'http://example.com/next' },
    { path: 'next_page.url', body: { next_page: { url: 'http://example.com/next' }, results: [] }, next: 'http://example.com/next' },
    { body: { results: [] } },
    { path: "['@odata.nextLink']", body: { '@odata.nextLink': 'http://example.com/odata-nextlink', value: [] }, next: 'http://example.com/odata-nextlink' },
    { path: '["@odata.nextLink"]', body: { '@odata.nextLink': 'http://example.com/odata-nextlink', value: [] }, next: 'http://example.com/odata-nextlink' },
  ];
  for (const [i, c] of cases.entries()) {
    test(`test_update_state [${i}: ${c.path ?? 'default next'}]`, () => {
      const p = c.path === undefined ? new JsonLinkPaginator() : new JsonLinkPaginator(c.path);
      p.update(res(c.body), []);
      assert.equal(p.hasNext, c.next !== undefined);
      if (c.next) assert.equal(nextRequest(p).url, c.next);
    });
  }

  const urls: [string, string, string][] = [
    ['http://example.com/api/resource?page=2', 'http://example.com/api/resource', 'http://example.com/api/resource?page=2'],
    ['/api/resource?page=2', 'http://example.com/api/resource', 'http://example.com/api/resource?page=2'],
    ['/api/resource/subresource?page=3&sort=desc', 'http://example.com/api/resource/subresource', 'http://example.com/api/resource/subresource?page=3&sort=desc'],
    ['/api/page/4/items?filter=active', 'http://example.com/api/page/3/items', 'http://example.com/api/page/4/items?filter=active'],
    ['/api/resource?page=3&category=books&sort=author', 'http://example.com/api/resource?page=2', 'http://example.com/api/resource?page=3&category=books&sort=author'],
    ['/api/resource?page=2', 'http://example.com:8080/api/resource', 'http://example.com:8080/api/resource?page=2'],
    ['https://secure.example.com/api/resource?page=2', 'https://secure.example.com/api/resource', 'https://secure.example.com/api/resource?page=2'],
    ['/api/resource?page=2&query=%E3%81%82', 'http://example.com/api/resource', 'http://example.com/api/resource?page=2&query=%E3%81%82'],
    ['/api/resource?sort=asc', 'http://example.com/api/resource?page=1', 'http://example.com/api/resource?sort=asc'],
  ];
  for (const [i, [ref, from, expected]] of urls.entries()) {
    test(`test_update_request [${i}: ${ref}]`, () => {
      const p = new JsonLinkPaginator();
      p.update(response({ body: { next: ref }, url: from }), []);
      assert.equal(nextRequest(p, { url: from }).url, expected);
    });
  }

  test('test_no_duplicate_params_on_update_request', () => {
    const p = new JsonLinkPaginator();
    p.update(response({ body: { next: '/api/resource?page=2&param1=value1' }, url: 'http://example.com/api/resource' }), []);
    const req = nextRequest(p, { url: 'http://example.com/api/resource', params: { param1: 'value1' } });
    assert.equal(req.url, 'http://example.com/api/resource?page=2&param1=value1');
    assert.deepEqual(req.params, {}, 'the next URL carries the parameters; none are added again');
  });

  test('test_client_pagination', async () => {
    assertPagination(await pagesOf('/posts', { type: 'json_link', next_url_path: 'next_page' }));
  });
});

describe('TestSinglePagePaginator', () => {
  test('test_update_state', () => {
    const p = new SinglePagePaginator();
    p.update(res(undefined), []);
    assert.equal(p.hasNext, false);
  });

  test('test_update_state_with_next', () => {
    const p = new SinglePagePaginator();
    p.update(res({ next: 'http://example.com/next', results: [] }, { link: '<http://example.com/next>; rel="next"' }), []);
    assert.equal(p.hasNext, false);
  });

  test('test_client_pagination', async () => {
    assertPagination(await pagesOf('/posts', 'single_page'), 5, 1);
  });
});

describe('TestRangePaginator (through offset and page_number, its only users in config)', () => {
  test('test_init', () => {
    new PageNumberPaginator({ page_param: 'page', total_path: 'total' });
    new PageNumberPaginator({ page_body_path: 'body.path', total_path: 'total' });
    assert.throws(() => new PageNumberPaginator({ page_param: 'page', page_body_path: 'body.path' }), configError(/either 'page_param' or 'page_body_path' must be provided, not both/));
    for (const [param, bodyPath] of [['', undefined], [undefined, ''], ['', '']] as const) {
      assert.throws(() => new PageNumberPaginator({ page_param: param, page_body_path: bodyPath }), configError(/either 'page_param' or 'page_body_path'/), `${param}/${bodyPath}`);
    }
  });

  test('test_range_paginator_update', () => {
    assert.throws(() => withBodyValue({}, '', 0), configError(/body path must not be empty/));
  });
});

describe('TestOffsetPaginator', () => {
  test('test_update_state', () => {
    const p = new OffsetPaginator({ offset: 0, limit: 10 });
    const r = res({ total: 20 });
    p.update(r, NON_EMPTY_PAGE);
    assert.equal(p.current, 10);
    assert.equal(p.hasNext, true);
    p.update(r, []);
    assert.equal(p.hasNext, false);
  });

  test('test_page_param_initialization', () => {
    const apply = (p: OffsetPaginator) => {
      const req = request();
      p.init(req);
      return req;
    };
    assert.deepEqual(apply(new OffsetPaginator({ limit: 100 })).params, { offset: 0, limit: 100 });
    assert.deepEqual(apply(new OffsetPaginator({ limit: 100, offset_param: 'offset_param' })).params, { offset_param: 0, limit: 100 });
    const body = apply(new OffsetPaginator({ limit: 100, offset_body_path: 'offset_body_path' }));
    assert.deepEqual(body.params, { limit: 100 });
    assert.deepEqual(body.json, { offset_body_path: 0 });
  });

  test('test_update_state_with_string_total', () => {
    const p = new OffsetPaginator({ offset: 0, limit: 10 });
    p.update(res({ total: '20' }), NON_EMPTY_PAGE);
    assert.equal(p.current, 10);
    assert.equal(p.hasNext, true);
  });

  test('test_update_state_with_invalid_total', () => {
    assert.throws(() => new OffsetPaginator({ offset: 0, limit: 10 }).update(res({ total: 'invalid' }), NON_EMPTY_PAGE), RestloadError);
  });

  test('test_update_state_without_total', () => {
    assert.throws(() => new OffsetPaginator({ offset: 0, limit: 10 }).update(res({}), NON_EMPTY_PAGE), /total not found/);
  });

  test('test_update_state_with_has_more', () => {
    const p = new OffsetPaginator({ offset: 0, limit: 10, total_path: null, has_more_path: 'has_more' });
    p.update(res({ has_more: false }), NON_EMPTY_PAGE);
    assert.equal(p.hasNext, false);
  });

  test('test_update_state_with_string_has_more', () => {
    const p = new OffsetPaginator({ offset: 0, limit: 10, total_path: null, has_more_path: 'has_more' });
    p.update(res({ has_more: 'true' }), NON_EMPTY_PAGE);
    assert.equal(p.hasNext, true);
  });

  test('test_update_state_with_invalid_has_more', () => {
    const p = new OffsetPaginator({ offset: 0, limit: 10, total_path: null, has_more_path: 'has_more' });
    assert.throws(() => p.update(res({ has_more: 'invalid' }), NON_EMPTY_PAGE), /not a boolean/);
  });

  test('test_update_state_without_has_more', () => {
    const p = new OffsetPaginator({ offset: 0, limit: 10, total_path: null, has_more_path: 'has_more' });
    assert.throws(() => p.update(res({}), NON_EMPTY_PAGE), /has_more value not found/);
  });

  test('test_init_request', () => {
    const p = new OffsetPaginator({ offset: 123, limit: 42 });
    const req = request();
    p.init(req);
    assert.deepEqual(req.params, { offset: 123, limit: 42 });
    p.update(res({ total: 200 }), NON_EMPTY_PAGE);
    assert.deepEqual(nextRequest(p).params, { offset: 165, limit: 42 });
  });

  test('test_both_offset_param_and_offset_body_path_raises_error', () => {
    assert.throws(() => new OffsetPaginator({ limit: 100, offset_param: 'cursor', offset_body_path: 'page' }), configError(/either 'offset_param' or 'offset_body_path' must be provided, not both/));
    assert.throws(() => createPaginator({ type: 'offset', limit: 100, offset_param: 'cursor', offset_body_path: 'page' }), configError(/offset_param/));
  });

  const atTwo = (opts: ConstructorParameters<typeof OffsetPaginator>[0], json?: unknown) => {
    const p = new OffsetPaginator({ ...opts, total_path: null, maximum_offset: 1000 });
    p.update(res({}), NON_EMPTY_PAGE); // 0 -> limit
    return nextRequest(p, { method: 'POST', json });
  };

  test('test_update_request_json', () => {
    assert.deepEqual(atTwo({ limit: 2, offset_body_path: 'offset' }).json, { offset: 2 });
  });

  test('test_update_request_json_nested', () => {
    assert.deepEqual(atTwo({ limit: 2, offset_body_path: 'pagination.offset' }).json, { pagination: { offset: 2 } });
  });

  test('test_update_request_json_with_existing_json', () => {
    assert.deepEqual(atTwo({ limit: 2, offset_body_path: 'offset' }, { existing: 'data' }).json, { existing: 'data', offset: 2 });
  });

  test('test_maximum_offset', () => {
    const p = new OffsetPaginator({ offset: 0, limit: 50, maximum_offset: 100, total_path: null });
    const r = res({ items: [] });
    p.update(r, NON_EMPTY_PAGE);
    assert.equal(p.current, 50);
    assert.equal(p.hasNext, true);
    p.update(r, NON_EMPTY_PAGE);
    assert.equal(p.current, 100);
    assert.equal(p.hasNext, false);
  });

  test('test_client_pagination', async () => {
    assertPagination(await pagesOf('/posts_offset_limit', { type: 'offset', offset: 0, limit: 5, total_path: 'total_records' }));
  });

  test('test_client_pagination_with_json', async () => {
    const pages = await pagesOf('/posts_offset_limit_via_json_body', { type: 'offset', offset: 0, limit: 5, offset_body_path: 'offset', limit_body_path: 'limit', total_path: 'total_records' }, {
      method: 'POST',
      json: { limit: 5, offset: 0, ids_greater_than: -1 },
    });
    assertPagination(pages);
  });

  test('test_stop_after_empty_page', () => {
    const p = new OffsetPaginator({ offset: 0, limit: 50, maximum_offset: 100, total_path: null, stop_after_empty_page: true });
    p.update(res({ items: [] }), []);
    assert.equal(p.hasNext, false);
  });

  test('test_guarantee_termination', () => {
    new OffsetPaginator({ limit: 10, total_path: null });
    new OffsetPaginator({ limit: 10, total_path: null, maximum_offset: 1, stop_after_empty_page: false });
    new OffsetPaginator({ limit: 10, total_path: null, has_more_path: 'has_more', stop_after_empty_page: false });
    const refused = configError(/`total_path`, `maximum_offset`, `has_more_path`, or `stop_after_empty_page` must be provided/);
    assert.throws(() => new OffsetPaginator({ limit: 10, total_path: null, stop_after_empty_page: false }), refused);
    assert.throws(() => new OffsetPaginator({ limit: 10, total_path: null, stop_after_empty_page: false, maximum_offset: undefined }), refused);
    assert.throws(() => new OffsetPaginator({ limit: 10, total_path: null, stop_after_empty_page: false, maximum_offset: undefined, has_more_path: undefined }), refused);
    assert.throws(() => createPaginator({ type: 'offset', limit: 10, total_path: null, stop_after_empty_page: false }), refused);
  });

  for (const [param, bodyPath] of [[undefined, undefined], ['', undefined], [undefined, ''], ['', '']] as const) {
    test(`test_empty_offset_params [${JSON.stringify(param)}, ${JSON.stringify(bodyPath)}]`, () => {
      if (param === undefined && bodyPath === undefined) {
        const req = request();
        new OffsetPaginator({ limit: 100, offset_param: param, offset_body_path: bodyPath }).init(req);
        assert.equal(req.params.offset, 0);
      } else {
        assert.throws(() => new OffsetPaginator({ limit: 100, offset_param: param, offset_body_path: bodyPath }), configError(/either 'offset_param' or 'offset_body_path' must be provided/));
      }
    });
  }

  for (const [param, bodyPath] of [[undefined, undefined], ['', undefined], [undefined, ''], ['', '']] as const) {
    test(`test_empty_limit_params [${JSON.stringify(param)}, ${JSON.stringify(bodyPath)}]`, () => {
      if (param === undefined && bodyPath === undefined) {
        const req = request();
        new OffsetPaginator({ limit: 100, limit_param: param, limit_body_path: bodyPath }).init(req);
        assert.equal(req.params.limit, 100);
      } else {
        assert.throws(() => new OffsetPaginator({ limit: 100, limit_param: param, limit_body_path: bodyPath }), configError(/either 'limit_param' or 'limit_body_path' must be provided/));
      }
    });
  }
});

describe('TestPageNumberPaginator', () => {
  test('test_update_state', () => {
    const p = new PageNumberPaginator({ base_page: 1, page: 1, total_path: 'total_pages' });
    const r = res({ total_pages: 3 });
    p.update(r, NON_EMPTY_PAGE);
    assert.equal(p.current, 2);
    assert.equal(p.hasNext, true);
    p.update(r, NON_EMPTY_PAGE);
    assert.equal(p.current, 3);
    assert.equal(p.hasNext, true);
    p.update(r, NON_EMPTY_PAGE);
    assert.equal(p.hasNext, false);
  });

  test('test_page_param_initialization', () => {
    const first = (p: PageNumberPaginator) => {
      const req = request();
      p.init(req);
      return req;
    };
    assert.deepEqual(first(new PageNumberPaginator()).params, { page: 0 });
    assert.deepEqual(first(new PageNumberPaginator({ page_param: 'page_param' })).params, { page_param: 0 });
    const body = first(new PageNumberPaginator({ page_body_path: 'page_body_path' }));
    assert.deepEqual(body.params, {});
    assert.deepEqual(body.json, { page_body_path: 0 });
  });

  test('test_init_request', () => {
    const p = new PageNumberPaginator({ base_page: 1, total_path: null });
    const req = request();
    const r = res('OK');
    assert.equal(p.current, 1);
    assert.equal(p.hasNext, true);
    p.init(req);
    p.update(r, NON_EMPTY_PAGE);
    p.next(req);
    assert.equal(p.current, 2);
    assert.equal(p.hasNext, true);
    assert.equal(req.params.page, 2);
    p.update(r, []);
    assert.equal(p.current, 2);
    assert.equal(p.hasNext, false);
    p.init(req);
    assert.equal(p.current, 1);
    assert.equal(p.hasNext, true);
  });

  test('test_both_page_param_and_page_body_path_raises_error', () => {
    assert.throws(() => new PageNumberPaginator({ page_param: 'cursor', page_body_path: 'page' }), configError(/either 'page_param' or 'page_body_path' must be provided, not both/));
    assert.throws(() => createPaginator({ type: 'page_number', page_param: 'cursor', page_body_path: 'page' }), configError(/page_param/));
  });

  test('test_update_state_with_string_total_pages', () => {
    const p = new PageNumberPaginator({ base_page: 1, page: 1 });
    p.update(res({ total: '3' }), NON_EMPTY_PAGE);
    assert.equal(p.current, 2);
    assert.equal(p.hasNext, true);
  });

  test('test_update_state_with_invalid_total_pages', () => {
    // dlt's default total_path is "total": a body with only total_pages has none.
    assert.throws(() => new PageNumberPaginator({ base_page: 1, page: 1 }).update(res({ total_pages: 'invalid' }), NON_EMPTY_PAGE), RestloadError);
  });

  test('test_update_state_without_total_pages', () => {
    assert.throws(() => new PageNumberPaginator({ base_page: 1, page: 1 }).update(res({}), NON_EMPTY_PAGE), /total not found/);
  });

  test('test_update_state_with_has_more', () => {
    const p = new PageNumberPaginator({ page: 1, total_path: null, has_more_path: 'has_more' });
    p.update(res({ has_more: false }), NON_EMPTY_PAGE);
    assert.equal(p.hasNext, false);
  });

  test('test_update_state_with_string_has_more', () => {
    const p = new PageNumberPaginator({ page: 1, total_path: null, has_more_path: 'has_more' });
    p.update(res({ has_more: 'true' }), NON_EMPTY_PAGE);
    assert.equal(p.hasNext, true);
  });

  test('test_update_state_with_invalid_has_more', () => {
    const p = new PageNumberPaginator({ page: 1, total_path: null, has_more_path: 'has_more' });
    assert.throws(() => p.update(res({ has_more: 'invalid' }), NON_EMPTY_PAGE), /not a boolean/);
  });

  test('test_update_state_without_has_more', () => {
    const p = new PageNumberPaginator({ page: 1, total_path: null, has_more_path: 'has_more' });
    assert.throws(() => p.update(res({}), NON_EMPTY_PAGE), /has_more value not found/);
  });

  test('test_update_request_param', () => {
    const p = new PageNumberPaginator({ base_page: 1, page: 1, page_param: 'page' });
    const r = res({ total: 3 });
    const req = request();
    p.update(r, NON_EMPTY_PAGE);
    p.next(req);
    assert.equal(req.params.page, 2);
    p.update(r, NON_EMPTY_PAGE);
    p.next(req);
    assert.equal(req.params.page, 3);
  });

  const atTwo = (bodyPath: string, json?: unknown) => {
    const p = new PageNumberPaginator({ base_page: 1, page: 1, page_body_path: bodyPath, total_path: null });
    p.update(res({}), NON_EMPTY_PAGE);
    return nextRequest(p, { method: 'POST', json }).json;
  };

  test('test_update_request_json', () => {
    assert.deepEqual(atTwo('page'), { page: 2 });
  });

  test('test_update_request_json_nested', () => {
    assert.deepEqual(atTwo('page.next'), { page: { next: 2 } });
  });

  test('test_update_request_json_with_existing_json', () => {
    assert.deepEqual(atTwo('page', { existing: 'data' }), { existing: 'data', page: 2 });
  });

  test('test_maximum_page', () => {
    const p = new PageNumberPaginator({ base_page: 1, page: 1, maximum_page: 3, total_path: null });
    const r = res({ items: [] });
    p.update(r, NON_EMPTY_PAGE);
    assert.equal(p.current, 2);
    assert.equal(p.hasNext, true);
    p.update(r, NON_EMPTY_PAGE);
    assert.equal(p.current, 3);
    assert.equal(p.hasNext, false);
  });

  test('test_stop_after_empty_page', () => {
    const p = new PageNumberPaginator({ base_page: 1, page: 1, maximum_page: 5, stop_after_empty_page: true, total_path: null });
    assert.equal(p.hasNext, true);
    p.update(res({ items: [] }), []);
    assert.equal(p.current, 1);
    assert.equal(p.hasNext, false);
  });

  test('test_client_pagination_one_based', async () => {
    assertPagination(await pagesOf('/posts', { type: 'page_number', base_page: 1, page: 1, total_path: 'total_pages' }));
  });

  test('test_client_pagination_one_based_default_page', async () => {
    assertPagination(await pagesOf('/posts', { type: 'page_number', base_page: 1, total_path: 'total_pages' }));
  });

  test('test_client_pagination_zero_based', async () => {
    assertPagination(await pagesOf('/posts_zero_based', { type: 'page_number', base_page: 0, page: 0, total_path: 'total_pages' }));
  });

  test('test_client_pagination_with_json', async () => {
    const pages = await pagesOf('/posts/search', { type: 'page_number', base_page: 1, page_body_path: 'page', total_path: 'total_pages' }, {
      method: 'POST',
      json: { page_size: 5, page: 1, ids_greater_than: -1 },
    });
    assertPagination(pages);
  });

  test('test_guarantee_termination', () => {
    new PageNumberPaginator({ total_path: null });
    new PageNumberPaginator({ total_path: null, maximum_page: 1, stop_after_empty_page: false });
    const refused = configError(/`total_path`, `maximum_page`, `has_more_path`, or `stop_after_empty_page` must be provided/);
    assert.throws(() => new PageNumberPaginator({ total_path: null, stop_after_empty_page: false }), refused);
    assert.throws(() => new PageNumberPaginator({ total_path: null, stop_after_empty_page: false, maximum_page: undefined }), refused);
    assert.throws(() => new PageNumberPaginator({ total_path: null, stop_after_empty_page: false, maximum_page: undefined, has_more_path: undefined }), refused);
  });

  for (const [param, bodyPath] of [[undefined, undefined], ['', undefined], [undefined, ''], ['', '']] as const) {
    test(`test_empty_params [${JSON.stringify(param)}, ${JSON.stringify(bodyPath)}]`, () => {
      if (param === undefined && bodyPath === undefined) {
        const req = request();
        new PageNumberPaginator({ page_param: param, page_body_path: bodyPath }).init(req);
        assert.deepEqual(req.params, { page: 0 });
      } else {
        assert.throws(() => new PageNumberPaginator({ page_param: param, page_body_path: bodyPath }), configError(/either 'page_param' or 'page_body_path' must be provided/));
      }
    });
  }
});

describe('TestJSONResponseCursorPaginator', () => {
  test('test_update_state', () => {
    const p = new CursorPaginator({ cursor_path: 'next_cursor' });
    p.update(res({ next_cursor: 'cursor-2', results: [] }), []);
    assert.equal(p.hasNext, true);
    assert.deepEqual(nextRequest(p).params, { cursor: 'cursor-2' });
  });

  test('test_cursor_param_initialization', () => {
    assert.equal(new CursorPaginator().cursorParam, 'cursor');
    assert.equal(new CursorPaginator().cursorBodyPath, undefined);
    assert.equal(new CursorPaginator({ cursor_param: 'cursor_param' }).cursorParam, 'cursor_param');
    const body = new CursorPaginator({ cursor_body_path: 'cursor_body_path' });
    assert.equal(body.cursorParam, undefined);
    assert.equal(body.cursorBodyPath, 'cursor_body_path');
  });

  test('test_both_cursor_param_and_cursor_body_path_raises_error', () => {
    const refused = configError(/either 'cursor_param' or 'cursor_body_path' must be provided, not both/);
    assert.throws(() => new CursorPaginator({ cursor_path: 'next_cursor', cursor_param: 'cursor', cursor_body_path: 'page' }), refused);
    assert.throws(() => createPaginator({ type: 'cursor', cursor_path: 'next_cursor', cursor_param: 'cursor', cursor_body_path: 'page' }), refused);
  });

  test('test_update_state_when_cursor_path_is_empty_string', () => {
    const p = new CursorPaginator({ cursor_path: 'next_cursor' });
    p.update(res({ next_cursor: '', results: [] }), []);
    assert.equal(p.hasNext, false);
  });

  test('test_update_state_stop_after_empty_page', () => {
    const p = new CursorPaginator({ cursor_path: 'next_cursor', stop_after_empty_page: true });
    p.update(res({ next_cursor: 'cursor', results: [] }), []);
    assert.equal(p.hasNext, false);
  });

  test('test_update_has_more_path', () => {
    const p = new CursorPaginator({ cursor_path: 'next_cursor', has_more_path: 'has_more' });
    p.update(res({ next_cursor: 'cursor', results: [], has_more: false }), []);
    assert.equal(p.hasNext, false);
  });

  test('test_update_has_more_path_string', () => {
    const p = new CursorPaginator({ cursor_path: 'next_cursor', has_more_path: 'has_more' });
    p.update(res({ next_cursor: 'cursor', results: [], has_more: 'false' }), []);
    assert.equal(p.hasNext, false);
  });

  test('test_update_has_more_path_true_nonempty_result', () => {
    const p = new CursorPaginator({ cursor_path: 'next_cursor', has_more_path: 'has_more' });
    p.update(res({ next_cursor: 'cursor', results: [{ hello: 'world' }], has_more: true }), [{ hello: 'world' }]);
    assert.equal(p.hasNext, true);
  });

  test('test_update_has_more_path_true', () => {
    const p = new CursorPaginator({ cursor_path: 'next_cursor', has_more_path: 'has_more' });
    p.update(res({ next_cursor: 'cursor', results: [], has_more: true }), []);
    assert.equal(p.hasNext, true);
  });

  test('test_update_has_more_path_missing', () => {
    const p = new CursorPaginator({ cursor_path: 'next_cursor', has_more_path: 'has_more' });
    assert.throws(() => p.update(res({ next_cursor: 'cursor', results: [{}] }), [{}]), /has_more value not found/);
  });

  const withCursor = (opts: ConstructorParameters<typeof CursorPaginator>[0], json?: unknown) => {
    const p = new CursorPaginator(opts);
    p.update(res({ next_cursor: 'cursor-2' }), NON_EMPTY_PAGE);
    return nextRequest(p, { method: 'POST', json });
  };

  test('test_update_request_param', () => {
    assert.equal(withCursor({ cursor_path: 'next_cursor' }).params.cursor, 'cursor-2');
  });

  test('test_update_request_json', () => {
    assert.deepEqual(withCursor({ cursor_path: 'next_cursor', cursor_body_path: 'cursor' }).json, { cursor: 'cursor-2' });
  });

  test('test_update_request_json_nested', () => {
    assert.deepEqual(withCursor({ cursor_path: 'next_cursor', cursor_body_path: 'cursor.next' }).json, { cursor: { next: 'cursor-2' } });
  });

  test('test_update_request_json_with_existing_json', () => {
    assert.deepEqual(withCursor({ cursor_path: 'next_cursor', cursor_body_path: 'cursor' }, { existing: 'data' }).json, { existing: 'data', cursor: 'cursor-2' });
  });

  test('test_client_pagination_with_param', async () => {
    assertPagination(await pagesOf('/posts_cursor', { type: 'cursor', cursor_path: 'next_cursor' }));
  });

  test('test_client_pagination_with_json', async () => {
    const pages = await pagesOf('/posts/search', { type: 'cursor', cursor_path: 'next_page', cursor_body_path: 'page' }, {
      method: 'POST',
      json: { ids_greater_than: -1, page_size: 5, page_count: 5 },
    });
    assertPagination(pages);
  });
});

describe('TestHeaderCursorPaginator', () => {
  test('test_update_state', () => {
    const p = new HeaderCursorPaginator('next_cursor');
    p.update(res([], { next_cursor: 'cursor-2' }), []);
    assert.equal(p.hasNext, true);
    assert.deepEqual(nextRequest(p).params, { cursor: 'cursor-2' });
  });

  test('test_update_state_when_cursor_path_is_empty_string', () => {
    const p = new HeaderCursorPaginator('next_cursor');
    p.update(res([]), []);
    assert.equal(p.hasNext, false);
  });

  test('test_update_request', () => {
    const p = new HeaderCursorPaginator('next_cursor', 'cursor');
    p.update(res([], { next_cursor: 'cursor-2' }), []);
    assert.equal(nextRequest(p).params.cursor, 'cursor-2');
  });

  test('test_client_pagination', async () => {
    assertPagination(await pagesOf('/posts_header_cursor', { type: 'header_cursor', cursor_key: 'cursor', cursor_param: 'page' }));
  });
});
