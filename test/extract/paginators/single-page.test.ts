import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SinglePagePaginator } from '../../../src/extract/paginators/single-page.js';
import { paginate, request, response } from './support.js';

test('single_page stops after the first response, even one with next links (dlt test_update_state_with_next)', () => {
  const p = new SinglePagePaginator();
  assert.equal(p.hasNext, true);
  p.update(response({ body: { next: 'http://example.com/next', results: [] }, headers: { link: '<http://example.com/next>; rel="next"' } }), []);
  assert.equal(p.hasNext, false);
});

test('single_page sends exactly one request, unchanged', () => {
  const first = request({ params: { q: 'a' } });
  const sent = paginate(new SinglePagePaginator(), () => ({ body: [{ id: 1 }], headers: { link: '<https://x/2>; rel="next"' } }), { first });
  assert.deepEqual(sent, [request({ params: { q: 'a' } })]);
  assert.equal(new SinglePagePaginator().describe(), 'single_page');
});
