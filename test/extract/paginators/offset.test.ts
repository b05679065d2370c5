import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestloadError } from '../../../src/common/errors.js';
import { OffsetPaginator } from '../../../src/extract/paginators/offset.js';
import { paginate, records, request, response } from './support.js';

const NON_EMPTY = [{ some: 'data' }];
const isCode = (code: string) => (e: unknown) => e instanceof RestloadError && e.code === code;

test('offset grows by limit until the total (dlt test_update_state)', () => {
  const p = new OffsetPaginator({ offset: 0, limit: 10 });
  const res = response({ body: { total: 20 } });
  p.update(res, NON_EMPTY);
  assert.equal(p.current, 10);
  assert.equal(p.hasNext, true);
  p.update(res, NON_EMPTY);
  assert.equal(p.current, 20);
  assert.equal(p.hasNext, false);
});

test('offset stops on an empty page by default, without moving', () => {
  const p = new OffsetPaginator({ limit: 50, maximum_offset: 100, total_path: null });
  p.update(response({ body: { items: [] } }), []);
  assert.equal(p.hasNext, false);
  assert.equal(p.current, 0);
});

test('offset reads a total given as a string, rejects a missing or invalid one', () => {
  const p = new OffsetPaginator({ limit: 10 });
  p.update(response({ body: { total: '20' } }), NON_EMPTY);
  assert.equal(p.hasNext, true);
  assert.throws(() => new OffsetPaginator({ limit: 10 }).update(response({ body: { total: 'invalid' } }), NON_EMPTY), isCode('PAGINATOR_RESPONSE'));
  assert.throws(() => new OffsetPaginator({ limit: 10 }).update(response({ body: {} }), NON_EMPTY), /total not found/);
  assert.throws(() => new OffsetPaginator({ limit: 10 }).update(response({ body: { total: null } }), NON_EMPTY), /total not found/);
});

test('offset follows has_more_path, accepting string booleans', () => {
  const stop = new OffsetPaginator({ limit: 10, total_path: null, has_more_path: 'has_more' });
  stop.update(response({ body: { has_more: false } }), NON_EMPTY);
  assert.equal(stop.hasNext, false);
  const go = new OffsetPaginator({ limit: 10, total_path: null, has_more_path: 'has_more' });
  go.update(response({ body: { has_more: 'true' } }), NON_EMPTY);
  assert.equal(go.hasNext, true);
  assert.throws(() => new OffsetPaginator({ limit: 10, total_path: null, has_more_path: 'has_more' }).update(response({ body: { has_more: 'invalid' } }), NON_EMPTY), /not a boolean/);
  assert.throws(() => new OffsetPaginator({ limit: 10, total_path: null, has_more_path: 'has_more' }).update(response({ body: {} }), NON_EMPTY), /has_more value not found/);
  assert.throws(() => new OffsetPaginator({ limit: 10, total_path: null, has_more_path: 'has_more' }).update(response({ body: { has_more: 1 } }), NON_EMPTY), /not a boolean/);
});

test('offset init sets offset and limit; next moves the offset (dlt test_init_request)', () => {
  const p = new OffsetPaginator({ offset: 123, limit: 42 });
  const req = request();
  p.init(req);
  assert.deepEqual(req.params, { offset: 123, limit: 42 });
  p.update(response({ body: { total: 200 } }), NON_EMPTY);
  const next = request();
  p.next(next);
  assert.deepEqual(next.params, { offset: 165, limit: 42 });
});

test('offset with maximum_offset stops when it is reached (dlt test_maximum_offset)', () => {
  const p = new OffsetPaginator({ offset: 0, limit: 50, maximum_offset: 100, total_path: null });
  p.update(response({ body: { items: [] } }), NON_EMPTY);
  assert.equal(p.current, 50);
  assert.equal(p.hasNext, true);
  p.update(response({ body: { items: [] } }), NON_EMPTY);
  assert.equal(p.current, 100);
  assert.equal(p.hasNext, false);
});

test('has_more true does not override a reached maximum_offset', () => {
  const p = new OffsetPaginator({ limit: 50, maximum_offset: 50, total_path: null, has_more_path: 'more' });
  p.update(response({ body: { more: true } }), NON_EMPTY);
  assert.equal(p.hasNext, false);
});

test('offset pages through 23 records by 10 with a total (dlt test_client_pagination)', () => {
  const all = records(23);
  const sent = paginate(new OffsetPaginator({ limit: 10, total_path: 'total_records' }), (req) => {
    const offset = Number(req.params.offset);
    return { body: { data: all.slice(offset, offset + Number(req.params.limit)), total_records: all.length } };
  }, { first: request({ params: { sort: 'id' } }) });
  assert.deepEqual(sent.map((r) => r.params), [
    { sort: 'id', offset: 0, limit: 10 },
    { sort: 'id', offset: 10, limit: 10 },
    { sort: 'id', offset: 20, limit: 10 },
  ]);
});

test('offset without a total stops at the first empty page', () => {
  const all = records(20);
  const sent = paginate(new OffsetPaginator({ limit: 10, total_path: null }), (req) => ({ body: all.slice(Number(req.params.offset), Number(req.params.offset) + 10) }));
  assert.deepEqual(sent.map((r) => r.params.offset), [0, 10, 20]);
});

test('offset and limit in the JSON body, keeping the rest of it (dlt test_client_pagination_with_json)', () => {
  const body = { filter: { ids_greater_than: -1 }, offset: 0 };
  const all = records(12);
  const sent = paginate(
    new OffsetPaginator({ limit: 5, offset_body_path: 'offset', limit_body_path: 'page.limit', total_path: 'total_records' }),
    (req) => {
      const j = req.json as { offset: number; page: { limit: number } };
      return { body: { data: all.slice(j.offset, j.offset + j.page.limit), total_records: 12 } };
    },
    { first: request({ method: 'POST', json: body }) },
  );
  assert.deepEqual(sent.map((r) => r.json), [0, 5, 10].map((offset) => ({ filter: { ids_greater_than: -1 }, offset, page: { limit: 5 } })));
  assert.ok(sent.every((r) => Object.keys(r.params).length === 0));
  assert.deepEqual(body, { filter: { ids_greater_than: -1 }, offset: 0 }, 'the configured body is not mutated');
});

test('offset body paths create the body and nested objects (dlt test_update_request_json*)', () => {
  const p = new OffsetPaginator({ limit: 100, offset_body_path: 'pagination.offset' });
  const req = request({ method: 'POST' });
  p.init(req);
  assert.deepEqual(req.json, { pagination: { offset: 0 } });
  assert.deepEqual(req.params, { limit: 100 });
  const bad = new OffsetPaginator({ limit: 100, offset_body_path: 'offset' });
  assert.throws(() => bad.init(request({ json: [1, 2] })), isCode('PAGINATOR_CONFIG'));
});

test('offset param defaults and the param/body_path pairs (dlt test_page_param_initialization, test_empty_*_params)', () => {
  assert.equal(new OffsetPaginator({ limit: 100, offset_param: 'skip', limit_param: 'take' }).describe(), 'offset(skip, take=100, total_path=total)');
  assert.equal(new OffsetPaginator({ limit: 100, offset_body_path: 'o' }).describe(), 'offset(json.o, limit=100, total_path=total)');
  assert.throws(() => new OffsetPaginator({ limit: 100, offset_param: 'cursor', offset_body_path: 'page' }), /either 'offset_param' or 'offset_body_path' must be provided, not both/);
  for (const [param, body] of [['', undefined], [undefined, ''], ['', '']] as const) {
    assert.throws(() => new OffsetPaginator({ limit: 100, offset_param: param, offset_body_path: body }), /offset_param/);
    assert.throws(() => new OffsetPaginator({ limit: 100, limit_param: param, limit_body_path: body }), /limit_param/);
  }
});

test('offset must be able to stop (dlt test_guarantee_termination)', () => {
  new OffsetPaginator({ limit: 10, total_path: null });
  new OffsetPaginator({ limit: 10, total_path: null, maximum_offset: 1, stop_after_empty_page: false });
  new OffsetPaginator({ limit: 10, total_path: null, has_more_path: 'has_more', stop_after_empty_page: false });
  assert.throws(
    () => new OffsetPaginator({ limit: 10, total_path: null, stop_after_empty_page: false }),
    /`total_path`, `maximum_offset`, `has_more_path`, or `stop_after_empty_page` must be provided/,
  );
});

test('offset needs a positive integer limit', () => {
  for (const limit of [0, -5, 2.5, undefined]) {
    assert.throws(() => new OffsetPaginator({ limit } as { limit: number }), isCode('PAGINATOR_CONFIG'));
  }
});

test('offset init restarts from the configured offset', () => {
  const p = new OffsetPaginator({ offset: 5, limit: 5, total_path: null });
  p.update(response({ body: [] }), NON_EMPTY);
  p.update(response({ body: [] }), []);
  assert.equal(p.hasNext, false);
  const req = request();
  p.init(req);
  assert.equal(p.hasNext, true);
  assert.deepEqual(req.params, { offset: 5, limit: 5 });
});
