import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HeaderLinkPaginator } from '../../../src/extract/paginators/header-link.js';
import { parseLinkHeader } from '../../../src/extract/paginators/link-header.js';
import { paginate, request, response } from './support.js';

test('header_link follows rel="next" (dlt test_update_state_with_next)', () => {
  const p = new HeaderLinkPaginator();
  p.update(response({ headers: { link: '<http://example.com/next>; rel="next"' } }), []);
  assert.equal(p.hasNext, true);
  const req = request({ params: { per_page: 100 } });
  p.next(req);
  assert.equal(req.url, 'http://example.com/next');
  assert.deepEqual(req.params, {}, 'the next URL carries the query');
});

test('header_link stops without a next link (dlt test_update_state_without_next)', () => {
  for (const headers of [{}, { link: '<http://example.com/prev>; rel="prev"' }, { link: '' }, { link: '<>; rel="next"' }]) {
    const p = new HeaderLinkPaginator();
    p.update(response({ headers }), []);
    assert.equal(p.hasNext, false, JSON.stringify(headers));
  }
});

test('header_link walks GitHub-style pages until the last page has no next', () => {
  const sent = paginate(new HeaderLinkPaginator(), (req) => {
    const page = Number(new URL(req.url).searchParams.get('page') ?? '1');
    const links = [`<https://api.example.com/items?page=1&per_page=2>; rel="first"`];
    if (page < 3) links.push(`<https://api.example.com/items?page=${page + 1}&per_page=2>; rel="next"`);
    return { body: [{ id: page }], headers: { link: links.join(', ') } };
  }, { first: request({ params: { per_page: 2 } }) });
  assert.deepEqual(
    sent.map((r) => [r.url, r.params]),
    [
      ['https://api.example.com/items', { per_page: 2 }],
      ['https://api.example.com/items?page=2&per_page=2', {}],
      ['https://api.example.com/items?page=3&per_page=2', {}],
    ],
  );
});

test('header_link uses links_next_key and resolves relative links against the response URL', () => {
  const p = new HeaderLinkPaginator('nextPage');
  p.update(response({ headers: { link: '</items?cursor=abc>; rel="nextPage", </items?page=9>; rel="next"' }, url: 'https://api.example.com/v1/items' }), []);
  const req = request();
  p.next(req);
  assert.equal(req.url, 'https://api.example.com/items?cursor=abc');
  assert.equal(p.describe(), 'header_link(nextPage)');
});

test('parseLinkHeader reads links as requests does', () => {
  assert.deepEqual(
    [...parseLinkHeader('<https://a/?page=2>; rel="next", <https://a/?page=5>; rel="last"')],
    [['next', 'https://a/?page=2'], ['last', 'https://a/?page=5']],
  );
  // Commas inside the URL, unquoted and single-quoted rels, spaces around '='
  assert.equal(parseLinkHeader('<https://a/?fields=a,b&page=2>; rel=next').get('next'), 'https://a/?fields=a,b&page=2');
  assert.equal(parseLinkHeader("<https://a/2>; rel='next'").get('next'), 'https://a/2');
  assert.equal(parseLinkHeader('<https://a/2>;rel="next";title="p"').get('next'), 'https://a/2');
  // A link without rel is keyed by its URL
  assert.deepEqual([...parseLinkHeader('<https://a/2>')], [['https://a/2', 'https://a/2']]);
  // Several Link headers are one list
  assert.equal(parseLinkHeader(['<https://a/1>; rel="prev"', '<https://a/3>; rel="next"']).get('next'), 'https://a/3');
  // Later links with the same rel win
  assert.equal(parseLinkHeader('<https://a/1>; rel="next", <https://a/2>; rel="next"').get('next'), 'https://a/2');
  assert.equal(parseLinkHeader(undefined).size, 0);
  assert.equal(parseLinkHeader('  ').size, 0);
});
