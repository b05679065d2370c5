import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HeaderCursorPaginator } from '../../../src/extract/paginators/header-cursor.js';
import { paginate, request, response } from './support.js';

test('header_cursor reads the cursor header (dlt test_update_state)', () => {
  const p = new HeaderCursorPaginator('next_cursor');
  p.update(response({ headers: { next_cursor: 'cursor-2' } }), [{}]);
  assert.equal(p.hasNext, true);
});

test('header_cursor stops without the header, or with an empty one', () => {
  for (const headers of [{}, { next_cursor: '' }]) {
    const p = new HeaderCursorPaginator('next_cursor');
    p.update(response({ headers }), [{}]);
    assert.equal(p.hasNext, false);
  }
});

test('header_cursor sends the cursor as cursor_param and keeps other params (dlt test_update_request)', () => {
  const p = new HeaderCursorPaginator('next_cursor', 'cursor');
  p.update(response({ headers: { next_cursor: 'cursor-2' } }), [{}]);
  const params = { q: 'x' };
  const req = request({ params });
  p.next(req);
  assert.deepEqual(req.params, { q: 'x', cursor: 'cursor-2' });
  assert.deepEqual(params, { q: 'x' }, 'the original params object is not changed');
});

test('header_cursor matches header names case-insensitively, defaults to next -> cursor', () => {
  const p = new HeaderCursorPaginator('NextPageToken', 'page');
  p.update(response({ headers: { nextpagetoken: '123456' } }), [{}]);
  const req = request();
  p.next(req);
  assert.deepEqual(req.params, { page: '123456' });
  const d = new HeaderCursorPaginator();
  assert.equal(d.describe(), 'header_cursor(next -> cursor)');
});

test('header_cursor paginates until the header disappears (dlt test_client_pagination)', () => {
  const sent = paginate(new HeaderCursorPaginator('cursor', 'page'), (req) => {
    const page = Number(req.params.page ?? 0);
    return { body: [{ id: page }], headers: page < 2 ? { cursor: String(page + 1) } : {} };
  });
  assert.deepEqual(sent.map((r) => r.params), [{}, { page: '1' }, { page: '2' }]);
  assert.ok(sent.every((r) => r.url === 'https://api.example.com/items'));
});
