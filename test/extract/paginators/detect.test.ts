import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestloadError } from '../../../src/common/errors.js';
import { CursorPaginator } from '../../../src/extract/paginators/cursor.js';
import {
  detectCursor,
  detectPaginator,
  findNextPagePath,
  findTotalPagesPath,
  isSingleEntityPath,
} from '../../../src/extract/paginators/detect.js';
import { HeaderLinkPaginator } from '../../../src/extract/paginators/header-link.js';
import { JsonLinkPaginator } from '../../../src/extract/paginators/json-link.js';
import { PageNumberPaginator } from '../../../src/extract/paginators/page-number.js';
import { SinglePagePaginator } from '../../../src/extract/paginators/single-page.js';
import { findValue } from '../../../src/common/json-path.js';
import { DETECTOR_CASES } from './detector-cases.js';
import { response } from './support.js';

const CLASSES = {
  page_number: PageNumberPaginator,
  cursor: CursorPaginator,
  json_link: JsonLinkPaginator,
  header_link: HeaderLinkPaginator,
  single_page: SinglePagePaginator,
  offset: SinglePagePaginator, // dlt cannot detect offset paging
} as const;

for (const [i, c] of DETECTOR_CASES.entries()) {
  test(`detects ${c.type} in dlt detector case ${i + 1} (test_find_paginator)`, () => {
    const { paginator, score } = detectPaginator(response({ body: c.response, headers: c.link ? { link: c.link } : {} }));
    assert.equal(paginator.constructor, CLASSES[c.type]);
    if (paginator instanceof PageNumberPaginator) {
      assert.equal(paginator.totalPath, c.totalPath);
      assert.equal(score, 0.5);
    }
    if (paginator instanceof JsonLinkPaginator) {
      assert.equal(paginator.nextUrlPath, c.nextPath);
      assert.equal(score, 1);
    }
    if (paginator instanceof CursorPaginator) {
      assert.equal(paginator.cursorPath, c.nextPath);
      assert.equal(score, 0.5);
    }
    if (paginator instanceof HeaderLinkPaginator) assert.equal(score, 1);
    if (paginator instanceof SinglePagePaginator) assert.equal(score, 0);
  });

  test(`finds the next page key in dlt detector case ${i + 1} (test_find_next_page_key)`, () => {
    const found = findNextPagePath(c.response);
    if (c.nextPath === undefined) {
      assert.equal(found, undefined);
    } else {
      assert.equal(found?.path.join('.'), c.nextPath);
      assert.equal(findValue(c.nextPath, c.response), found?.value);
    }
  });
}

test('next page keys: any case, "next" prefix, href/url inside next objects, no search into lists', () => {
  assert.deepEqual(findNextPagePath({ NextPageToken: 'abc' })?.path, ['NextPageToken']);
  assert.deepEqual(findNextPagePath({ paging: { next: { url: '/p2', rel: 'x' } } })?.path, ['paging', 'next', 'url']);
  assert.deepEqual(findNextPagePath({ next: { meta: 1, next_token: 'abc' } })?.path, ['next', 'next_token'], 'an object under next without href is searched below');
  assert.equal(findNextPagePath({ next: { page: { href: '/p2' } } }), undefined, 'href counts only right under a next key');
  assert.equal(findNextPagePath({ next: null, previous: '/p1' }), undefined);
  assert.equal(findNextPagePath({ data: [{ next: '/p2' }] }), undefined);
  assert.equal(findNextPagePath([{ next: '/p2' }]), undefined);
  assert.equal(findNextPagePath('next'), undefined);
});

test('total pages keys match whole names only, any case', () => {
  assert.deepEqual(findTotalPagesPath({ meta: { TotalPages: 3 } })?.path, ['meta', 'TotalPages']);
  assert.equal(findTotalPagesPath({ total_pages_count: 3, pageSize: 2 }), undefined);
});

test('a total pages value that is not an integer is not page_number', () => {
  const { paginator } = detectPaginator(response({ body: { data: [1], total_pages: 'many' } }));
  assert.ok(paginator instanceof SinglePagePaginator);
});

test('a next value that is not a URL is a cursor; a URL is a json_link', () => {
  assert.ok(detectPaginator(response({ body: { data: [], next: 'abc' } })).paginator instanceof CursorPaginator);
  assert.ok(detectPaginator(response({ body: { data: [], next: '/items?page=2' } })).paginator instanceof JsonLinkPaginator);
  assert.ok(detectPaginator(response({ body: { data: [], next: 'https://x/2' } })).paginator instanceof JsonLinkPaginator);
});

test('header links win over body links; detection quotes keys JSON paths cannot spell', () => {
  const both = detectPaginator(response({ body: { next: '/b' }, headers: { link: '</h>; rel="next"' } }));
  assert.ok(both.paginator instanceof HeaderLinkPaginator);
  const odata = detectPaginator(response({ body: { value: [], 'nextLink@odata': 'https://x/2' } }));
  assert.equal((odata.paginator as JsonLinkPaginator).nextUrlPath, "$['nextLink@odata']");
});

test('a custom detector list that matches nothing throws', () => {
  assert.throws(() => detectPaginator(response({ body: {} }), [detectCursor]), (e: unknown) => e instanceof RestloadError && /no suitable paginator/.test(e.message));
});

// dlt test_single_entity_path_valid / _invalid
const SINGLE_ENTITY = [
  '/users/{user_id}', '/api/v1/products/{product_id}/', '/api/v1/products/{product_id}//',
  '/api/v1/products/{product_id}?param1=value1', '/api/v1/products/{product_id}#section',
  '/api/v1/products/{product_id}.json', '/api/v1/products/{product_id}.json/', '/api/v1/products/{product_id}_data',
  '/api/v1/products/{product_id}_data?param=true', '/users/{user_id}/posts/{post_id}',
  '/users/{user_id}/posts/{post_id}/comments/{comment_id}', '{entity}', '/{entity}', '/{user_123}', '/users/{user-id}', '/users/{123}',
];
const NOT_SINGLE_ENTITY = [
  '/users/user_id', '/api/v1/products/product_id/', '/users/{user_id}/details', '/', '/{}',
  '/api/v1/products/{product_id}/#section', '/users/{user id}', '/users/{user_id}/{',
];

test('single entity paths end in a {placeholder}', () => {
  for (const p of SINGLE_ENTITY) assert.equal(isSingleEntityPath(p), true, p);
  for (const p of NOT_SINGLE_ENTITY) assert.equal(isSingleEntityPath(p), false, p);
});
