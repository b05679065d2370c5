import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BearerTokenAuth } from '../../../src/extract/auth/bearer.js';
import { MASK, redact } from '../../../src/common/redact.js';
import { applyTo, request } from './request.js';

test('bearer sets Authorization: Bearer <token>', async () => {
  const req = request();
  await applyTo(new BearerTokenAuth('bearer-token-123'), req);
  assert.deepEqual(req.headers, { Authorization: 'Bearer bearer-token-123' });
  assert.deepEqual(req.params, {});
  assert.equal(req.cookies, undefined);
});

test('bearer replaces an Authorization header of any spelling', async () => {
  const req = request({ headers: { authorization: 'old', Accept: 'application/json' } });
  await applyTo(new BearerTokenAuth('bearer-token-456'), req);
  assert.deepEqual(req.headers, { Accept: 'application/json', Authorization: 'Bearer bearer-token-456' });
});

test('bearer registers its token for masking', () => {
  const auth = new BearerTokenAuth('bearer-secret-789');
  assert.equal(redact('bearer-secret-789'), MASK);
  assert.equal(auth.describe(), 'bearer');
});
