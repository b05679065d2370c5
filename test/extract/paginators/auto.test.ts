import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AutoPaginator } from '../../../src/extract/paginators/auto.js';
import { HeaderLinkPaginator } from '../../../src/extract/paginators/header-link.js';
import { paginate, records, request, response } from './support.js';

test('auto has a next page until the first response, and says it has not detected yet', () => {
  const p = new AutoPaginator();
  assert.equal(p.hasNext, true);
  assert.equal(p.detection, undefined);
  assert.equal(p.describe(), 'auto (not detected yet)');
  const req = request({ params: { a: 1 } });
  p.init(req);
  p.next(req);
  assert.deepEqual(req, request({ params: { a: 1 } }), 'nothing touches the request before detection');
});

test('auto detects a Link header on the first page and follows it', () => {
  const sent = paginate(new AutoPaginator(), (req) => {
    const page = Number(new URL(req.url).searchParams.get('page') ?? '1');
    return { body: [{ id: page }], headers: page < 3 ? { link: `<https://api.example.com/items?page=${page + 1}>; rel="next"` } : {} };
  });
  assert.deepEqual(sent.map((r) => r.url), ['https://api.example.com/items', 'https://api.example.com/items?page=2', 'https://api.example.com/items?page=3']);
});

test('auto exposes what it detected, with the score', () => {
  const p = new AutoPaginator();
  p.update(response({ body: { results: [{}], next: 'https://api.example.com/items?page=2' } }), [{}]);
  assert.equal(p.detection?.score, 1);
  assert.equal(p.describe(), 'auto: json_link(next) (score 1)');
  assert.equal(p.hasNext, true);
  const req = request({ params: { q: 'x' } });
  p.next(req);
  assert.deepEqual([req.url, req.params], ['https://api.example.com/items?page=2', {}]);
});

test('auto detects only once: later pages go to the detected paginator', () => {
  const p = new AutoPaginator();
  p.update(response({ body: { data: [1], next: 'https://x/2' } }), [1]);
  const first = p.detection;
  // A later page that would detect something else does not change the paginator.
  p.update(response({ body: [1], headers: { link: '<https://x/3>; rel="next"' } }), [1]);
  assert.equal(p.detection, first);
  assert.equal(p.hasNext, false, 'json_link found no next key on the second page');
});

test('auto falls back to a single page (score 0) when nothing is found', () => {
  const sent = paginate(new AutoPaginator(), () => ({ body: { id: 1, name: 'one' } }));
  assert.equal(sent.length, 1);
  const p = new AutoPaginator();
  p.update(response({ body: records(3) }), records(3));
  assert.deepEqual([p.detection?.score, p.hasNext, p.describe()], [0, false, 'auto: single_page (score 0)']);
});

test('auto page_number detection does not run init: the next page is base 0 + 1, as in dlt', () => {
  const sent = paginate(new AutoPaginator(), (req) => {
    const page = Number(req.params.page ?? 0);
    return { body: { data: [{ page }], total_pages: 3 } };
  });
  assert.deepEqual(sent.map((r) => r.params), [{}, { page: 1 }, { page: 2 }]);
});

test('auto accepts a custom detector list', () => {
  const p = new AutoPaginator([() => ({ paginator: new HeaderLinkPaginator('more'), score: 1 })]);
  p.update(response({ headers: { link: '<https://x/2>; rel="more"' } }), []);
  assert.equal(p.describe(), 'auto: header_link(more) (score 1)');
});
