/**
 * Ported from dlt 1.26.0 (commit b3fc4a9e7c4152a76c6d29d035ddf9879609dc50):
 * tests/sources/helpers/rest_client/test_detector.py.
 *
 * dlt's TEST_RESPONSES (22 response shapes with the records path, the next
 * page path and the paginator dlt detects) live, translated, in
 * test/extract/paginators/detector-cases.ts; each is run here through the
 * three parametrized dlt tests. Like dlt, a shape dlt labels "offset" is
 * expected to be detected as single_page (dlt cannot detect offset paging).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findValue, findValues } from '../../../src/common/json-path.js';
import { detectDataSelector, selectItems } from '../../../src/extract/data-selector.js';
import { CursorPaginator } from '../../../src/extract/paginators/cursor.js';
import { detectPaginator, findNextPagePath, isSingleEntityPath } from '../../../src/extract/paginators/detect.js';
import { HeaderLinkPaginator } from '../../../src/extract/paginators/header-link.js';
import { JsonLinkPaginator } from '../../../src/extract/paginators/json-link.js';
import { PageNumberPaginator } from '../../../src/extract/paginators/page-number.js';
import { SinglePagePaginator } from '../../../src/extract/paginators/single-page.js';
import { DETECTOR_CASES } from '../../extract/paginators/detector-cases.js';
import { response } from '../../extract/paginators/support.js';

const EXPECTED_CLASS = {
  offset: SinglePagePaginator,
  page_number: PageNumberPaginator,
  cursor: CursorPaginator,
  json_link: JsonLinkPaginator,
  header_link: HeaderLinkPaginator,
  single_page: SinglePagePaginator,
} as const;

describe('test_find_response_page_data', () => {
  for (const [i, c] of DETECTOR_CASES.entries()) {
    test(`case ${i}: records at ${c.recordsPath}`, () => {
      const path = detectDataSelector(c.response);
      assert.equal(path, c.recordsPath);
      const data = findValues(c.recordsPath, c.response)[0];
      assert.deepEqual(selectItems(c.response, path), Array.isArray(data) ? data : [data]);
    });
  }
});

describe('test_find_next_page_key', () => {
  for (const [i, c] of DETECTOR_CASES.entries()) {
    test(`case ${i}: next page at ${c.nextPath ?? '(none)'}`, () => {
      const found = findNextPagePath(c.response);
      if (c.nextPath === undefined) {
        assert.equal(found, undefined, 'no next page path expected');
      } else {
        assert.equal(found?.path.join('.'), c.nextPath);
        assert.equal(findValue(c.nextPath, c.response), found?.value);
      }
    });
  }
});

describe('test_find_paginator', () => {
  for (const [i, c] of DETECTOR_CASES.entries()) {
    test(`case ${i}: ${c.type}`, () => {
      const { paginator } = detectPaginator(response({ body: c.response, headers: c.link ? { link: c.link } : {} }));
      assert.equal(paginator.constructor, EXPECTED_CLASS[c.type]);
      if (paginator instanceof PageNumberPaginator) assert.equal(paginator.totalPath, c.totalPath);
      if (paginator instanceof JsonLinkPaginator) assert.equal(paginator.nextUrlPath, c.nextPath);
      if (paginator instanceof CursorPaginator) assert.equal(paginator.cursorPath, c.nextPath);
    });
  }
});

const SINGLE_ENTITY = [
  '/users/{user_id}',
  '/api/v1/products/{product_id}/',
  '/api/v1/products/{product_id}//',
  '/api/v1/products/{product_id}?param1=value1',
  '/api/v1/products/{product_id}#section',
  '/api/v1/products/{product_id}.json',
  '/api/v1/products/{product_id}.json/',
  '/api/v1/products/{product_id}_data',
  '/api/v1/products/{product_id}_data?param=true',
  '/users/{user_id}/posts/{post_id}',
  '/users/{user_id}/posts/{post_id}/comments/{comment_id}',
  '{entity}',
  '/{entity}',
  '/{user_123}',
  '/users/{user-id}',
  '/users/{123}',
];

const NOT_SINGLE_ENTITY = [
  '/users/user_id',
  '/api/v1/products/product_id/',
  '/users/{user_id}/details',
  '/',
  '/{}',
  '/api/v1/products/{product_id}/#section',
  '/users/{user id}',
  '/users/{user_id}/{',
];

describe('test_single_entity_path_valid', () => {
  for (const path of SINGLE_ENTITY) test(path, () => assert.equal(isSingleEntityPath(path), true));
});

describe('test_single_entity_path_invalid', () => {
  for (const path of NOT_SINGLE_ENTITY) test(path, () => assert.equal(isSingleEntityPath(path), false));
});
