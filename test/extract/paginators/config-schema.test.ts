import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import type { TSchema } from '@sinclair/typebox';
import { PAGINATOR_SHORTHANDS, PAGINATOR_TYPES, PaginatorConfigSchema, PaginatorObjectSchema } from '../../../src/config/schema/paginator.js';

const validate = new Ajv({ strict: false }).compile(PaginatorConfigSchema);
const ok = (v: unknown) => validate(v);

test('the schema accepts dlt paginator configs', () => {
  const valid: unknown[] = [
    'header_link', 'json_link', 'json_response', 'header_cursor', 'auto', 'single_page', 'cursor', 'page_number',
    { type: 'json_link', next_url_path: 'pagination.next' },
    { type: 'header_link', links_next_key: 'next' },
    { type: 'header_cursor', cursor_key: 'NextPageToken', cursor_param: 'page_token' },
    { type: 'offset', limit: 100, offset: 0, offset_param: 'offset', limit_param: 'limit', total_path: null, maximum_offset: 1000, stop_after_empty_page: false, has_more_path: 'has_more' },
    { type: 'offset', limit: 5, offset_body_path: 'offset', limit_body_path: 'limit', total_path: 'total_records' },
    { type: 'page_number', base_page: 1, page: 1, page_param: 'page', total_path: 'total_pages', maximum_page: 5, stop_after_empty_page: true, has_more_path: 'more' },
    { type: 'page_number', page_body_path: 'page' },
    { type: 'cursor', cursor_path: 'cursors.next', cursor_param: 'cursor' },
    { type: 'cursor', cursor_path: 'nextPageToken', cursor_body_path: 'nextPageToken', stop_after_empty_page: true, has_more_path: 'has_more' },
    { type: 'single_page' },
    { type: 'auto' },
  ];
  for (const v of valid) assert.ok(ok(v), JSON.stringify(v));
});

test('the schema rejects unknown keys, names, missing limit and offset by name', () => {
  const invalid: unknown[] = [
    'offset', 'json_lnk', { type: 'offset' }, { type: 'offset', limit: 0 }, { type: 'json_link', next_path: 'x' },
    { type: 'single_page', foo: 1 }, { type: 'nope' }, { type: 'cursor', cursor_param: '' }, { type: 'page_number', base_page: 1.5 },
  ];
  for (const v of invalid) assert.ok(!ok(v), JSON.stringify(v));
});

test('one object per type, every property described', () => {
  const tags = PaginatorObjectSchema.anyOf.map((s) => (s.properties.type as TSchema).const as string);
  assert.deepEqual([...tags].sort(), [...PAGINATOR_TYPES].sort());
  for (const s of PaginatorObjectSchema.anyOf) {
    assert.equal(s.additionalProperties, false);
    for (const [k, p] of Object.entries(s.properties as Record<string, TSchema>)) assert.ok(p.description, `${String(s.properties.type.const)}.${k}`);
  }
  assert.deepEqual(PAGINATOR_SHORTHANDS, PAGINATOR_TYPES.filter((t) => t !== 'offset'));
});
