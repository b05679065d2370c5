import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestloadError } from '../../../src/common/errors.js';
import { PAGINATOR_TYPES, type PaginatorConfig } from '../../../src/config/schema/paginator.js';
import { AutoPaginator, createPaginator } from '../../../src/extract/paginators/index.js';
import { CursorPaginator } from '../../../src/extract/paginators/cursor.js';
import { HeaderCursorPaginator } from '../../../src/extract/paginators/header-cursor.js';
import { HeaderLinkPaginator } from '../../../src/extract/paginators/header-link.js';
import { JsonLinkPaginator } from '../../../src/extract/paginators/json-link.js';
import { OffsetPaginator } from '../../../src/extract/paginators/offset.js';
import { PageNumberPaginator } from '../../../src/extract/paginators/page-number.js';
import { SinglePagePaginator } from '../../../src/extract/paginators/single-page.js';
import { request } from './support.js';

test('no paginator, null or auto means auto-detection', () => {
  for (const c of [undefined, null, 'auto', { type: 'auto' }] as const) {
    assert.ok(createPaginator(c as PaginatorConfig | undefined) instanceof AutoPaginator, String(c));
  }
});

test('every shorthand name builds its paginator with dlt defaults', () => {
  const expected = {
    json_link: ['json_link(next)', JsonLinkPaginator],
    json_response: ['json_link(next)', JsonLinkPaginator],
    header_link: ['header_link(next)', HeaderLinkPaginator],
    header_cursor: ['header_cursor(next -> cursor)', HeaderCursorPaginator],
    single_page: ['single_page', SinglePagePaginator],
    cursor: ['cursor(cursors.next -> cursor)', CursorPaginator],
    page_number: ['page_number(page from 0, total_path=total)', PageNumberPaginator],
  } as const;
  for (const [name, [described, cls]] of Object.entries(expected)) {
    const p = createPaginator(name as PaginatorConfig);
    assert.ok(p instanceof cls, name);
    assert.equal(p.describe(), described);
  }
});

test('object configs pass their options', () => {
  const offset = createPaginator({ type: 'offset', limit: 25, offset_param: 'skip', total_path: null, maximum_offset: 100 });
  assert.ok(offset instanceof OffsetPaginator);
  const req = request();
  offset.init(req);
  assert.deepEqual(req.params, { skip: 0, limit: 25 });
  assert.equal(createPaginator({ type: 'json_link', next_url_path: 'paging.next' }).describe(), 'json_link(paging.next)');
  assert.equal(createPaginator({ type: 'json_response', next_url_path: 'n' }).describe(), 'json_link(n)');
  assert.equal(createPaginator({ type: 'header_cursor', cursor_key: 'X-Next', cursor_param: 'after' }).describe(), 'header_cursor(X-Next -> after)');
  assert.equal(createPaginator({ type: 'cursor', cursor_path: 'meta.next', cursor_body_path: 'after' }).describe(), 'cursor(meta.next -> json.after)');
  assert.equal(createPaginator({ type: 'page_number', base_page: 1, total_path: 'meta.pages' }).describe(), 'page_number(page from 1, total_path=meta.pages)');
});

test('each call gives a fresh paginator', () => {
  const config: PaginatorConfig = { type: 'page_number', total_path: null };
  const a = createPaginator(config);
  const b = createPaginator(config);
  assert.notEqual(a, b);
  a.update({ status: 200, headers: {}, url: '', body: [], text: () => '', request: request() }, []);
  assert.equal(a.hasNext, false);
  assert.equal(b.hasNext, true);
});

test('an object without type is auto, as dlt reads it', () => {
  assert.ok(createPaginator({} as PaginatorConfig) instanceof AutoPaginator);
});

test('an unknown type lists the valid names', () => {
  assert.throws(
    () => createPaginator({ type: 'json_lnk' } as unknown as PaginatorConfig),
    (e: unknown) =>
      e instanceof RestloadError &&
      e.code === 'PAGINATOR_TYPE' &&
      e.exitCode === 2 &&
      PAGINATOR_TYPES.every((t) => e.message.includes(t)) &&
      e.hint === 'did you mean "json_link"?',
  );
  assert.throws(() => createPaginator('nope' as PaginatorConfig), /unknown paginator type "nope"/);
});

test('offset by name alone fails: its limit is required', () => {
  assert.throws(() => createPaginator('offset' as PaginatorConfig), (e: unknown) => e instanceof RestloadError && e.code === 'PAGINATOR_CONFIG');
});
