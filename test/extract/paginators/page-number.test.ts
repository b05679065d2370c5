import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PageNumberPaginator } from '../../../src/extract/paginators/page-number.js';
import { paginate, records, request, response } from './support.js';

const NON_EMPTY = [{ some: 'data' }];

test('page_number counts pages up to total_pages, one-based (dlt test_update_state)', () => {
  const p = new PageNumberPaginator({ base_page: 1, page: 1, total_path: 'total_pages' });
  const res = response({ body: { total_pages: 3 } });
  p.update(res, NON_EMPTY);
  assert.deepEqual([p.current, p.hasNext], [2, true]);
  p.update(res, NON_EMPTY);
  assert.deepEqual([p.current, p.hasNext], [3, true]);
  p.update(res, NON_EMPTY);
  assert.equal(p.hasNext, false);
});

test('page_number defaults: param "page", first page = base_page = 0, total_path "total"', () => {
  const p = new PageNumberPaginator();
  const req = request();
  p.init(req);
  assert.deepEqual(req.params, { page: 0 });
  assert.equal(p.totalPath, 'total');
  assert.equal(p.describe(), 'page_number(page from 0, total_path=total)');
  assert.equal(new PageNumberPaginator({ page_body_path: 'p' }).describe(), 'page_number(json.p from 0, total_path=total)');
});

test('page_number init, next and restart (dlt test_init_request)', () => {
  const p = new PageNumberPaginator({ base_page: 1, total_path: null });
  const req = request();
  assert.deepEqual([p.current, p.hasNext], [1, true]);
  p.init(req);
  assert.deepEqual(req.params, { page: 1 });
  p.update(response({ body: 'OK' }), NON_EMPTY);
  p.next(req);
  assert.deepEqual([p.current, p.hasNext, req.params.page], [2, true, 2]);
  p.update(response({ body: 'OK' }), []);
  assert.deepEqual([p.current, p.hasNext], [2, false]);
  p.init(req);
  assert.deepEqual([p.current, p.hasNext, req.params.page], [1, true, 1]);
});

test('page_number totals: string accepted, invalid or missing rejected', () => {
  const p = new PageNumberPaginator({ base_page: 1, page: 1 });
  p.update(response({ body: { total: '3' } }), NON_EMPTY);
  assert.deepEqual([p.current, p.hasNext], [2, true]);
  assert.throws(() => new PageNumberPaginator({ base_page: 1, total_path: 'total_pages' }).update(response({ body: { total_pages: 'invalid' } }), NON_EMPTY), /not an integer/);
  assert.throws(() => new PageNumberPaginator({ base_page: 1 }).update(response({ body: {} }), NON_EMPTY), /total not found/);
  // Python int(): floats truncate, "3.0" does not parse
  const f = new PageNumberPaginator({ base_page: 1, page: 1 });
  f.update(response({ body: { total: 1.9 } }), NON_EMPTY);
  assert.equal(f.hasNext, false);
  assert.throws(() => new PageNumberPaginator().update(response({ body: { total: '3.0' } }), NON_EMPTY), /not an integer/);
});

test('page_number has_more_path (dlt test_update_state_with_*has_more)', () => {
  const mk = () => new PageNumberPaginator({ page: 1, total_path: null, has_more_path: 'has_more' });
  const a = mk();
  a.update(response({ body: { has_more: false } }), NON_EMPTY);
  assert.equal(a.hasNext, false);
  const b = mk();
  b.update(response({ body: { has_more: 'true' } }), NON_EMPTY);
  assert.equal(b.hasNext, true);
  assert.throws(() => mk().update(response({ body: { has_more: 'invalid' } }), NON_EMPTY), /not a boolean/);
  assert.throws(() => mk().update(response({ body: {} }), NON_EMPTY), /not found/);
});

test('page_number writes the page into the JSON body, nested, keeping other keys (dlt test_update_request_json*)', () => {
  const p = new PageNumberPaginator({ base_page: 1, page: 1, page_body_path: 'page.next', total_path: null });
  const json = { existing: 'data' };
  const req = request({ method: 'POST', json });
  p.init(req);
  p.update(response({ body: [1] }), NON_EMPTY);
  p.next(req);
  assert.deepEqual(req.json, { existing: 'data', page: { next: 2 } });
  assert.deepEqual(req.params, {});
  assert.deepEqual(json, { existing: 'data' });
});

test('page_number maximum_page: that page is not requested (dlt test_maximum_page)', () => {
  const p = new PageNumberPaginator({ base_page: 1, page: 1, maximum_page: 3, total_path: null });
  p.update(response({ body: {} }), NON_EMPTY);
  assert.deepEqual([p.current, p.hasNext], [2, true]);
  p.update(response({ body: {} }), NON_EMPTY);
  assert.deepEqual([p.current, p.hasNext], [3, false]);
});

test('page_number stops at an empty first page without moving (dlt test_stop_after_empty_page)', () => {
  const p = new PageNumberPaginator({ base_page: 1, page: 1, maximum_page: 5, stop_after_empty_page: true, total_path: null });
  p.update(response({ body: { items: [] } }), []);
  assert.deepEqual([p.current, p.hasNext], [1, false]);
});

test('page_number with stop_after_empty_page false keeps going past empty pages', () => {
  const p = new PageNumberPaginator({ maximum_page: 3, stop_after_empty_page: false, total_path: null });
  p.update(response({ body: [] }), []);
  assert.equal(p.hasNext, true);
});

function server(base: number, pageSize = 5, count = 15) {
  const all = records(count);
  return (req: { params: Record<string, unknown> }) => {
    const page = Number(req.params.page) - base;
    return { body: { data: all.slice(page * pageSize, (page + 1) * pageSize), total_pages: Math.ceil(count / pageSize) } };
  };
}

test('page_number pages one-based and zero-based APIs to the end (dlt test_client_pagination_*)', () => {
  const oneBased = paginate(new PageNumberPaginator({ base_page: 1, page: 1, total_path: 'total_pages' }), server(1));
  assert.deepEqual(oneBased.map((r) => r.params.page), [1, 2, 3]);
  const oneBasedDefaultPage = paginate(new PageNumberPaginator({ base_page: 1, total_path: 'total_pages' }), server(1));
  assert.deepEqual(oneBasedDefaultPage.map((r) => r.params.page), [1, 2, 3]);
  const zeroBased = paginate(new PageNumberPaginator({ base_page: 0, page: 0, total_path: 'total_pages' }), server(0));
  assert.deepEqual(zeroBased.map((r) => r.params.page), [0, 1, 2]);
  const startLater = paginate(new PageNumberPaginator({ base_page: 1, page: 2, total_path: 'total_pages' }), server(1));
  assert.deepEqual(startLater.map((r) => r.params.page), [2, 3]);
});

test('page_number in a POST body, keeping the search (dlt test_client_pagination_with_json)', () => {
  const all = records(12);
  const sent = paginate(
    new PageNumberPaginator({ base_page: 1, page_body_path: 'page', total_path: 'total_pages' }),
    (req) => {
      const j = req.json as { page: number; page_size: number };
      return { body: { data: all.slice((j.page - 1) * j.page_size, j.page * j.page_size), total_pages: 3 } };
    },
    { first: request({ method: 'POST', json: { page_size: 5, page: 1, ids_greater_than: -1 } }) },
  );
  assert.deepEqual(sent.map((r) => r.json), [1, 2, 3].map((page) => ({ page_size: 5, page, ids_greater_than: -1 })));
});

test('page_number must be able to stop (dlt test_guarantee_termination)', () => {
  new PageNumberPaginator({ total_path: null });
  new PageNumberPaginator({ total_path: null, maximum_page: 1, stop_after_empty_page: false });
  assert.throws(
    () => new PageNumberPaginator({ total_path: null, stop_after_empty_page: false }),
    /`total_path`, `maximum_page`, `has_more_path`, or `stop_after_empty_page` must be provided/,
  );
});

test('page_number param/body_path pair (dlt test_empty_params, test_both_page_param_and_page_body_path)', () => {
  assert.throws(() => new PageNumberPaginator({ page_param: 'cursor', page_body_path: 'page' }), /either 'page_param' or 'page_body_path' must be provided, not both/);
  for (const [param, body] of [['', undefined], [undefined, ''], ['', '']] as const) {
    assert.throws(() => new PageNumberPaginator({ page_param: param, page_body_path: body }), /page_param/);
  }
  const custom = new PageNumberPaginator({ page_param: 'p' });
  const req = request();
  custom.init(req);
  assert.deepEqual(req.params, { p: 0 });
});
