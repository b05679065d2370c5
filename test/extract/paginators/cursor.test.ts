import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CursorPaginator } from '../../../src/extract/paginators/cursor.js';
import { paginate, records, request, response } from './support.js';

function nextParams(p: CursorPaginator, body: unknown, items: unknown[] = [{}]) {
  p.update(response({ body }), items);
  const req = request();
  if (p.hasNext) p.next(req);
  return { hasNext: p.hasNext, params: req.params, json: req.json };
}

test('cursor reads cursor_path and sends it as ?cursor= (dlt test_update_state, test_update_request_param)', () => {
  const p = new CursorPaginator({ cursor_path: 'next_cursor' });
  assert.deepEqual(nextParams(p, { next_cursor: 'cursor-2', results: [] }), { hasNext: true, params: { cursor: 'cursor-2' }, json: undefined });
});

test('cursor defaults: cursor_path cursors.next, cursor_param cursor; the first request has no cursor', () => {
  const p = new CursorPaginator();
  const req = request();
  p.init(req);
  assert.deepEqual(req.params, {});
  assert.equal(p.describe(), 'cursor(cursors.next -> cursor)');
  assert.deepEqual(nextParams(p, { cursors: { next: 'NjM=', previous: 'MTk=' } }).params, { cursor: 'NjM=' });
  assert.equal(new CursorPaginator({ cursor_param: 'after' }).cursorParam, 'after');
  const body = new CursorPaginator({ cursor_body_path: 'cursor_body_path' });
  assert.deepEqual([body.cursorParam, body.cursorBodyPath], [undefined, 'cursor_body_path']);
});

test('cursor rejects both cursor_param and cursor_body_path', () => {
  assert.throws(
    () => new CursorPaginator({ cursor_path: 'next_cursor', cursor_param: 'cursor', cursor_body_path: 'page' }),
    /either 'cursor_param' or 'cursor_body_path' must be provided, not both/,
  );
});

test('cursor stops on a missing, null or empty cursor (Python falsy values)', () => {
  for (const next_cursor of [undefined, null, '', 0, false]) {
    assert.equal(nextParams(new CursorPaginator({ cursor_path: 'next_cursor' }), { next_cursor, results: [] }).hasNext, false, String(next_cursor));
  }
  assert.deepEqual(nextParams(new CursorPaginator({ cursor_path: 'next_id' }), { next_id: 33 }).params, { cursor: 33 });
});

test('cursor stop_after_empty_page (default off)', () => {
  assert.equal(nextParams(new CursorPaginator({ cursor_path: 'next_cursor', stop_after_empty_page: true }), { next_cursor: 'c' }, []).hasNext, false);
  assert.equal(nextParams(new CursorPaginator({ cursor_path: 'next_cursor' }), { next_cursor: 'c' }, []).hasNext, true);
});

test('cursor has_more_path (dlt test_update_has_more_path*)', () => {
  const mk = () => new CursorPaginator({ cursor_path: 'next_cursor', has_more_path: 'has_more' });
  assert.equal(nextParams(mk(), { next_cursor: 'cursor', results: [], has_more: false }).hasNext, false);
  assert.equal(nextParams(mk(), { next_cursor: 'cursor', results: [], has_more: 'false' }).hasNext, false);
  assert.equal(nextParams(mk(), { next_cursor: 'cursor', results: [{ hello: 'world' }], has_more: true }).hasNext, true);
  assert.equal(nextParams(mk(), { next_cursor: 'cursor', results: [], has_more: true }).hasNext, true);
  assert.throws(() => nextParams(mk(), { next_cursor: 'cursor', results: [{}] }), /has_more value not found/);
  // Deliberately unlike dlt: has_more true cannot continue without a cursor.
  assert.equal(nextParams(mk(), { next_cursor: null, has_more: true }).hasNext, false);
});

test('cursor in the JSON body, nested and keeping other keys (dlt test_update_request_json*)', () => {
  const flat = nextParams(new CursorPaginator({ cursor_path: 'next_cursor', cursor_body_path: 'cursor' }), { next_cursor: 'cursor-2' });
  assert.deepEqual([flat.json, flat.params], [{ cursor: 'cursor-2' }, {}]);
  const nested = nextParams(new CursorPaginator({ cursor_path: 'next_cursor', cursor_body_path: 'cursor.next' }), { next_cursor: 'cursor-2' });
  assert.deepEqual(nested.json, { cursor: { next: 'cursor-2' } });
  const p = new CursorPaginator({ cursor_path: 'next_cursor', cursor_body_path: 'cursor' });
  p.update(response({ body: { next_cursor: 'cursor-2' } }), [{}]);
  const req = request({ method: 'POST', json: { existing: 'data' } });
  p.next(req);
  assert.deepEqual(req.json, { existing: 'data', cursor: 'cursor-2' });
});

test('cursor pages with a query param until the cursor runs out (dlt test_client_pagination_with_param)', () => {
  const all = records(10);
  const sent = paginate(new CursorPaginator({ cursor_path: 'next_cursor' }), (req) => {
    const at = Number(req.params.cursor ?? 0);
    return { body: { data: all.slice(at, at + 4), next_cursor: at + 4 < all.length ? String(at + 4) : null } };
  }, { first: request({ params: { limit: 4 } }) });
  assert.deepEqual(sent.map((r) => r.params), [{ limit: 4 }, { limit: 4, cursor: '4' }, { limit: 4, cursor: '8' }]);
});

test('cursor pages a POST search with the cursor in the body (dlt test_client_pagination_with_json)', () => {
  const sent = paginate(
    new CursorPaginator({ cursor_path: 'next_page', cursor_body_path: 'page' }),
    (req) => {
      const page = (req.json as { page?: number }).page ?? 0;
      return { body: { data: [{ page }], next_page: page < 2 ? page + 1 : null } };
    },
    { first: request({ method: 'POST', json: { ids_greater_than: -1, page_size: 5 } }) },
  );
  assert.deepEqual(sent.map((r) => r.json), [
    { ids_greater_than: -1, page_size: 5 },
    { ids_greater_than: -1, page_size: 5, page: 1 },
    { ids_greater_than: -1, page_size: 5, page: 2 },
  ]);
});
