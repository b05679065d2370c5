/**
 * Ported from dlt 1.26.0 (commit b3fc4a9e7c4152a76c6d29d035ddf9879609dc50):
 * tests/sources/helpers/rest_client/test_requests_paginate.py. dlt's
 * module-level `paginate(url, paginator=...)` is restload's `paginate`.
 */
import { test } from 'node:test';
import { paginate } from '../../../src/index.js';
import { assertPagination, startDltMockApi } from './mock-api.js';

test('test_requests_paginate', async () => {
  const api = await startDltMockApi();
  try {
    const pages: unknown[][] = [];
    for await (const page of paginate(`${api.url}/posts`, { paginator: { type: 'json_link', next_url_path: 'next_page' } })) pages.push([...page]);
    assertPagination(pages);
  } finally {
    await api.close();
  }
});
