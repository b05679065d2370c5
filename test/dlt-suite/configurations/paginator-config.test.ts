// Port of dlt's tests/sources/rest_api/configurations/test_paginator_config.py
// (dlt 1.26.0, commit b3fc4a9e7c4152a76c6d29d035ddf9879609dc50).
// dlt calls create_paginator; restload's equivalent is createPaginator
// (src/extract/paginators/index.ts), the factory `run` uses, which
// `validate` also calls on every paginator in a config. dlt reads a built
// paginator's attributes; restload's keep their options private, so the
// cases drive the paginator through a first request and a response instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestloadError } from '../../../src/common/errors.js';
import { PAGINATOR_TYPES } from '../../../src/config/schema/names.js';
import {
  AutoPaginator, createPaginator, CursorPaginator, HeaderCursorPaginator, HeaderLinkPaginator, JsonLinkPaginator,
  OffsetPaginator, PageNumberPaginator, SinglePagePaginator, type Paginator,
} from '../../../src/extract/paginators/index.js';
import type { PageResponse, RequestSpec } from '../../../src/extract/http-types.js';
import { accepts, BASE, rejects } from './helpers.js';

const request = (): RequestSpec => ({ method: 'GET', url: 'posts', params: {}, headers: {} });
const response = (req: RequestSpec, body: unknown, headers: Record<string, string> = {}): PageResponse => ({
  status: 200, headers, url: `${BASE}/posts`, body, text: () => JSON.stringify(body), request: req,
});

test('paginator config: every type name is a shorthand, except offset which needs a limit (test_paginator_shorthands)', async (t) => {
  for (const type of PAGINATOR_TYPES) {
    await t.test(type, () => {
      if (type === 'offset') {
        assert.throws(() => createPaginator(type as never), (e: unknown) => e instanceof RestloadError && /offset/.test(e.message) && e.exitCode === 2);
        rejects({ client: { base_url: BASE, paginator: type }, resources: ['posts'] }, /offset|limit/, 'client.paginator');
      } else {
        assert.ok(createPaginator(type));
        accepts({ client: { base_url: BASE, paginator: type }, resources: ['posts'] });
      }
    });
  }
});

// source_configs.py PAGINATOR_TYPE_CONFIGS, each with what dlt asserts about the built paginator.
const TYPE_CONFIGS: [Record<string, unknown>, (p: Paginator) => void][] = [
  [{ type: 'auto' }, (p) => assert.ok(p instanceof AutoPaginator, 'auto: detected from the first response (None in dlt)')],
  [{ type: 'single_page' }, (p) => assert.ok(p instanceof SinglePagePaginator)],
  [{ type: 'page_number', page: 10, base_page: 1, total_path: 'response.pages' }, (p) => {
    assert.ok(p instanceof PageNumberPaginator);
    assert.equal(p.current, 10);
    assert.equal(p.totalPath, 'response.pages');
    const req = request();
    p.init(req);
    assert.deepEqual(req.params, { page: 10 }, 'page_param defaults to "page"');
    // base_page 1: page 10 of 10 is the last one; no maximum_page.
    p.update(response(req, { response: { pages: 10 } }), [{}]);
    assert.equal(p.hasNext, false);
  }],
  [{ type: 'offset', limit: 100, maximum_offset: 1000 }, (p) => {
    assert.ok(p instanceof OffsetPaginator);
    assert.equal(p.current, 0);
    assert.equal(p.limit, 100);
    assert.equal(p.totalPath, 'total', 'total_path defaults to "total"');
    const req = request();
    p.init(req);
    assert.deepEqual(req.params, { offset: 0, limit: 100 }, 'offset_param and limit_param default to offset and limit');
    for (let i = 0; i < 9; i++) {
      p.update(response(req, { total: 5000 }), [{}]);
      assert.equal(p.hasNext, true);
    }
    p.update(response(req, { total: 5000 }), [{}]);
    assert.equal(p.hasNext, false, 'maximum_offset 1000 stops before the total');
  }],
  [{ type: 'header_link', links_next_key: 'next_page' }, (p) => {
    assert.ok(p instanceof HeaderLinkPaginator);
    assert.equal(p.linksNextKey, 'next_page');
  }],
  [{ type: 'header_cursor', cursor_key: 'X-Next-Cursor', cursor_param: 'cursor' }, (p) => {
    assert.ok(p instanceof HeaderCursorPaginator);
    assert.equal(p.cursorKey, 'X-Next-Cursor');
    assert.equal(p.cursorParam, 'cursor');
  }],
  [{ type: 'json_link', next_url_path: 'response.nex_page_link' }, (p) => {
    assert.ok(p instanceof JsonLinkPaginator);
    assert.equal(p.nextUrlPath, 'response.nex_page_link');
  }],
  [{ type: 'cursor', cursor_param: 'cursor' }, (p) => {
    assert.ok(p instanceof CursorPaginator);
    assert.equal(p.cursorPath, 'cursors.next', 'cursor_path defaults to cursors.next');
    assert.equal(p.cursorParam, 'cursor');
  }],
];

test('paginator config: PAGINATOR_TYPE_CONFIGS build with their options and defaults (test_paginator_type_configs)', async (t) => {
  for (const [config, check] of TYPE_CONFIGS) {
    await t.test(String(config.type), () => {
      check(createPaginator(config as never));
      accepts({ client: { base_url: BASE, paginator: config }, resources: ['posts'] });
    });
  }
});

test('paginator config: page_number with page_param, total_path, base_page and maximum_page is valid (test_page_number_paginator_creation)', () => {
  const paginator = { type: 'page_number', page_param: 'foobar', total_path: 'response.pages', base_page: 1, maximum_page: 5 };
  accepts({ client: { base_url: BASE, paginator }, resources: ['posts'] });
  const p = createPaginator(paginator as never);
  const req = request();
  p.init(req);
  assert.deepEqual(req.params, { foobar: 1 });
});

test('paginator config: the deprecated json_response type still works, as json_link (test_allow_deprecated_json_response_paginator)', () => {
  const paginator = { type: 'json_response', next_url_path: 'links.next' };
  accepts({ client: { base_url: BASE }, resources: [{ name: 'posts', endpoint: { path: 'posts', paginator } }] });
  const p = createPaginator(paginator as never);
  assert.ok(p instanceof JsonLinkPaginator);
  assert.equal(p.nextUrlPath, 'links.next');
});

test('paginator config: an unknown paginator name lists the valid ones (test_error_message_invalid_paginator)', () => {
  assert.throws(
    () => createPaginator('non_existing_method' as never),
    (e: unknown) => e instanceof RestloadError && /non_existing_method/.test(e.message) && PAGINATOR_TYPES.every((t) => e.message.includes(t)),
  );
  rejects({ client: { base_url: BASE }, resources: [{ name: 'posts', endpoint: { paginator: { type: 'non_existing_method' } } }] }, /unknown type "non_existing_method"/, 'resources[0].endpoint.paginator.type');
});

// dlt's paginator constructors refuse these (ValueError when rest_api_source
// builds the resources); `run` refused them too while `validate` said ok.
// Each is a config error at the key that is wrong.
test('paginator config: option sets dlt refuses are config errors at validate', async (t) => {
  const cases: [string, Record<string, unknown>, RegExp, string][] = [
    ['offset that cannot stop', { type: 'offset', limit: 10, total_path: null, stop_after_empty_page: false }, /one of `total_path`, `maximum_offset`, `has_more_path`, or `stop_after_empty_page`/, 'stop_after_empty_page'],
    ['page_number that cannot stop', { type: 'page_number', total_path: null, stop_after_empty_page: false }, /`maximum_page`/, 'stop_after_empty_page'],
    ['offset_param with offset_body_path', { type: 'offset', limit: 10, offset_param: 'o', offset_body_path: 'page.offset' }, /either 'offset_param' or 'offset_body_path'/, 'offset_body_path'],
    ['limit_param with limit_body_path', { type: 'offset', limit: 10, limit_param: 'l', limit_body_path: 'page.limit' }, /either 'limit_param' or 'limit_body_path'/, 'limit_body_path'],
    ['page_param with page_body_path', { type: 'page_number', page_param: 'p', page_body_path: 'page.n' }, /either 'page_param' or 'page_body_path'/, 'page_body_path'],
    // The schema already refuses an empty name (dlt: "must be provided").
    ['an empty page_param', { type: 'page_number', page_param: '' }, /either 'page_param' or 'page_body_path'|must NOT have fewer than 1 characters/, 'page_param'],
    ['cursor_param with cursor_body_path', { type: 'cursor', cursor_param: 'c', cursor_body_path: 'next' }, /either 'cursor_param' or 'cursor_body_path'/, 'cursor_body_path'],
  ];
  for (const [name, paginator, expect, key] of cases) {
    await t.test(name, () => {
      // Through the factory `run` uses, and through validate, at the endpoint, the defaults and the client.
      assert.throws(() => createPaginator(paginator as never), RestloadError);
      rejects({ client: { base_url: BASE }, resources: [{ name: 'posts', endpoint: { path: 'posts', paginator } }] }, expect, `resources[0].endpoint.paginator.${key}`);
      rejects({ client: { base_url: BASE }, resource_defaults: { endpoint: { paginator } }, resources: ['posts'] }, expect, `resource_defaults.endpoint.paginator.${key}`);
      rejects({ client: { base_url: BASE, paginator }, resources: ['posts'] }, expect, `client.paginator.${key}`);
    });
  }
});

test('paginator config: the ways offset and page_number can stop are each enough', async (t) => {
  const ok: Record<string, unknown>[] = [
    { type: 'offset', limit: 10 },
    { type: 'offset', limit: 10, total_path: null },
    { type: 'offset', limit: 10, total_path: null, stop_after_empty_page: false, maximum_offset: 100 },
    { type: 'offset', limit: 10, total_path: null, stop_after_empty_page: false, has_more_path: 'more' },
    { type: 'offset', limit: 10, stop_after_empty_page: false },
    { type: 'page_number', total_path: null, stop_after_empty_page: false, maximum_page: 3 },
    { type: 'offset', limit: 10, offset_body_path: 'page.offset', limit_body_path: 'page.limit' },
    { type: 'cursor', cursor_body_path: 'next' },
  ];
  for (const paginator of ok) {
    await t.test(JSON.stringify(paginator), () => {
      accepts({ client: { base_url: BASE }, resources: [{ name: 'posts', endpoint: { path: 'posts', method: 'POST', paginator } }] });
    });
  }
});
