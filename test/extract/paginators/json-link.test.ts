import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestloadError } from '../../../src/common/errors.js';
import { JsonLinkPaginator } from '../../../src/extract/paginators/json-link.js';
import { paginate, records, request, response } from './support.js';

// dlt test_paginators.py TestJSONLinkPaginator.test_update_state
const updateCases: { path?: string; body: unknown; next?: string }[] = [
  { body: { next: 'http://example.com/next', results: [] }, next: 'http://example.com/next' },
  { path: 'next_page', body: { next_page: 'http://example.com/next', results: [] }, next: 'http://example.com/next' },
  { path: 'next_page.url', body: { next_page: { url: 'http://example.com/next' }, results: [] }, next: 'http://example.com/next' },
  { body: { results: [] } },
  { path: "['@odata.nextLink']", body: { '@odata.nextLink': 'http://example.com/odata-nextlink', value: [] }, next: 'http://example.com/odata-nextlink' },
  { path: '["@odata.nextLink"]', body: { '@odata.nextLink': 'http://example.com/odata-nextlink', value: [] }, next: 'http://example.com/odata-nextlink' },
];

for (const [i, c] of updateCases.entries()) {
  test(`json_link reads the next URL (dlt case ${i + 1}: ${c.path ?? 'default next'})`, () => {
    const p = new JsonLinkPaginator(c.path);
    p.update(response({ body: c.body }), []);
    assert.equal(p.hasNext, c.next !== undefined);
    if (c.next) {
      const req = request();
      p.next(req);
      assert.equal(req.url, c.next);
    }
  });
}

// dlt TestJSONLinkPaginator.test_update_request: relative links resolve against the page they came from.
const urlCases: [next: string, from: string, expected: string][] = [
  ['http://example.com/api/resource?page=2', 'http://example.com/api/resource', 'http://example.com/api/resource?page=2'],
  ['/api/resource?page=2', 'http://example.com/api/resource', 'http://example.com/api/resource?page=2'],
  ['/api/resource/subresource?page=3&sort=desc', 'http://example.com/api/resource/subresource', 'http://example.com/api/resource/subresource?page=3&sort=desc'],
  ['/api/page/4/items?filter=active', 'http://example.com/api/page/3/items', 'http://example.com/api/page/4/items?filter=active'],
  ['/api/resource?page=3&category=books&sort=author', 'http://example.com/api/resource?page=2', 'http://example.com/api/resource?page=3&category=books&sort=author'],
  ['/api/resource?page=2', 'http://example.com:8080/api/resource', 'http://example.com:8080/api/resource?page=2'],
  ['https://secure.example.com/api/resource?page=2', 'https://secure.example.com/api/resource', 'https://secure.example.com/api/resource?page=2'],
  ['/api/resource?page=2&query=%E3%81%82', 'http://example.com/api/resource', 'http://example.com/api/resource?page=2&query=%E3%81%82'],
  ['/api/resource?sort=asc', 'http://example.com/api/resource?page=1', 'http://example.com/api/resource?sort=asc'],
  ['?page=2', 'http://example.com/api/resource?page=1', 'http://example.com/api/resource?page=2'],
  ['items?page=2', 'http://example.com/api/resource', 'http://example.com/api/items?page=2'],
  ['//other.example.com/x?page=2', 'https://example.com/api', 'https://other.example.com/x?page=2'],
];

for (const [next, from, expected] of urlCases) {
  test(`json_link resolves ${next} against ${from}`, () => {
    const p = new JsonLinkPaginator();
    p.update(response({ body: { next }, url: from }), []);
    const req = request();
    p.next(req);
    assert.equal(req.url, expected);
  });
}

test('json_link resolves against the final response URL, after redirects', () => {
  const p = new JsonLinkPaginator();
  const req = request({ url: 'https://old.example.com/v1/items' });
  p.update(response({ body: { next: '/v2/items?page=2' }, url: 'https://new.example.com/v2/items', request: req }), []);
  p.next(req);
  assert.equal(req.url, 'https://new.example.com/v2/items?page=2');
});

test('json_link drops the first request params: the next URL carries them (dlt test_no_duplicate_params)', () => {
  const p = new JsonLinkPaginator();
  const req = request({ url: 'http://example.com/api/resource', params: { param1: 'value1' }, json: { q: 1 } });
  p.update(response({ body: { next: '/api/resource?page=2&param1=value1' }, url: 'http://example.com/api/resource?param1=value1' }), []);
  p.next(req);
  assert.equal(req.url, 'http://example.com/api/resource?page=2&param1=value1');
  assert.deepEqual(req.params, {});
  assert.deepEqual(req.json, { q: 1 }, 'the JSON body is kept');
});

test('json_link follows next links page after page and stops at null', () => {
  const all = records(5);
  const sent = paginate(
    new JsonLinkPaginator('next_page'),
    (req) => {
      const page = Number(new URL(req.url).searchParams.get('page') ?? '0');
      return { body: { data: all.slice(page * 2, page * 2 + 2), next_page: page < 2 ? `/items?page=${page + 1}` : null } };
    },
    { first: request({ params: { limit: 2 } }) },
  );
  assert.deepEqual(
    sent.map((r) => [r.url, r.params]),
    [
      ['https://api.example.com/items', { limit: 2 }],
      ['https://api.example.com/items?page=1', {}],
      ['https://api.example.com/items?page=2', {}],
    ],
  );
});

test('json_link stops on a missing path, null or an empty string', () => {
  for (const body of [{}, { next: null }, { next: '' }, 'not json', [{ id: 1 }]]) {
    const p = new JsonLinkPaginator();
    p.update(response({ body }), []);
    assert.equal(p.hasNext, false, JSON.stringify(body));
  }
});

test('json_link rejects a next value that is not a URL string', () => {
  const p = new JsonLinkPaginator();
  assert.throws(() => p.update(response({ body: { next: 42 } }), []), (e: unknown) => e instanceof RestloadError && e.code === 'PAGINATOR_RESPONSE');
});

test('json_link has a next page before the first response and describes its path', () => {
  const p = new JsonLinkPaginator('links.next');
  assert.equal(p.hasNext, true);
  assert.equal(p.describe(), 'json_link(links.next)');
});
