import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiKeyAuth } from '../../../src/extract/auth/api-key.js';
import { MASK, redact } from '../../../src/common/redact.js';
import { applyTo, request } from './request.js';

test('api_key defaults to the Authorization header, key sent as is', async () => {
  const req = request();
  await applyTo(new ApiKeyAuth('key-header-1'), req);
  assert.deepEqual(req.headers, { Authorization: 'key-header-1' });
  assert.deepEqual(req.params, {});
});

test('api_key in a named header', async () => {
  const req = request({ headers: { 'x-api-key': 'old' } });
  await applyTo(new ApiKeyAuth('key-header-2', 'X-API-Key', 'header'), req);
  assert.deepEqual(req.headers, { 'X-API-Key': 'key-header-2' });
});

test('api_key in the query string, with dlt alias param', async () => {
  for (const location of ['query', 'param'] as const) {
    const req = request({ params: { page: 2 } });
    await applyTo(new ApiKeyAuth('key-query-3', 'api_key', location), req);
    assert.deepEqual(req.params, { page: 2, api_key: 'key-query-3' });
    assert.deepEqual(req.headers, {});
  }
});

test('api_key in a cookie keeps other cookies', async () => {
  const req = request({ cookies: { theme: 'dark' } });
  await applyTo(new ApiKeyAuth('key-cookie-4', 'session', 'cookie'), req);
  assert.deepEqual(req.cookies, { theme: 'dark', session: 'key-cookie-4' });
  assert.deepEqual(req.headers, {});
  assert.deepEqual(req.params, {});
});

test('api_key registers the key and describes where it goes', () => {
  const auth = new ApiKeyAuth('key-masked-5', 'token', 'param');
  assert.equal(redact('key-masked-5'), MASK);
  assert.equal(auth.describe(), 'api_key(query token)');
});
