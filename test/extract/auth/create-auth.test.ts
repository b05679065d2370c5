import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAuth, normalizeAuthConfig } from '../../../src/extract/auth/index.js';
import { ApiKeyAuth } from '../../../src/extract/auth/api-key.js';
import { BearerTokenAuth } from '../../../src/extract/auth/bearer.js';
import { HttpBasicAuth } from '../../../src/extract/auth/http-basic.js';
import { OAuth2ClientCredentials } from '../../../src/extract/auth/oauth2-client-credentials.js';
import { RestloadError } from '../../../src/common/errors.js';
import { MASK, redact } from '../../../src/common/redact.js';
import type { AuthConfig } from '../../../src/config/schema/auth.js';
import { applyTo, request } from './request.js';

test('{token} without type is bearer (dlt shortcut)', async () => {
  assert.deepEqual(normalizeAuthConfig({ token: 'short-token-1' }), { type: 'bearer', token: 'short-token-1' });
  const auth = createAuth({ token: 'short-token-1' });
  assert.ok(auth instanceof BearerTokenAuth);
  const req = request();
  await applyTo(auth, req);
  assert.deepEqual(req.headers, { Authorization: 'Bearer short-token-1' });
});

test('a type name normalizes to the typed form', () => {
  assert.deepEqual(normalizeAuthConfig('api_key'), { type: 'api_key' });
  assert.deepEqual(normalizeAuthConfig('oauth2_client_credentials'), { type: 'oauth2_client_credentials' });
});

test('every type builds its class', () => {
  assert.ok(createAuth({ type: 'bearer', token: 'typed-token-1' }) instanceof BearerTokenAuth);
  assert.ok(createAuth({ type: 'api_key', api_key: 'typed-key-1' }) instanceof ApiKeyAuth);
  assert.ok(createAuth({ type: 'http_basic', username: 'u', password: 'typed-pass-1' }) instanceof HttpBasicAuth);
  const oauth = createAuth({
    type: 'oauth2_client_credentials',
    access_token_url: 'https://auth.example.com/token',
    client_id: 'typed-client-1',
    client_secret: 'typed-client-secret-1',
  });
  assert.ok(oauth instanceof OAuth2ClientCredentials);
  assert.equal(oauth.describe(), 'oauth2_client_credentials(https://auth.example.com/token)');
  assert.equal(redact('typed-client-secret-1'), MASK);
  assert.equal(redact('typed-client-1'), MASK);
});

test('api_key from a typed config uses dlt defaults and its location', async () => {
  const req = request();
  await applyTo(createAuth({ type: 'api_key', api_key: 'typed-key-2' }), req);
  assert.deepEqual(req.headers, { Authorization: 'typed-key-2' });
  const req2 = request();
  await applyTo(createAuth({ type: 'api_key', name: 'sid', api_key: 'typed-key-3', location: 'cookie' }), req2);
  assert.deepEqual(req2.cookies, { sid: 'typed-key-3' });
});

test('a type name alone without secrets is AUTH_MISSING naming the secrets key and env var', () => {
  assert.throws(
    () => createAuth('bearer', { source: 'github' }),
    (err: unknown) => {
      assert.ok(err instanceof RestloadError);
      assert.equal(err.code, 'AUTH_MISSING');
      assert.equal(err.exitCode, 2);
      assert.match(err.message, /"bearer" is missing "token"/);
      assert.match(err.hint ?? '', /\[sources\.rest_api\.github\.credentials\]/);
      assert.match(err.hint ?? '', /SOURCES__REST_API__GITHUB__CREDENTIALS__TOKEN/);
      return true;
    },
  );
});

test('AUTH_MISSING lists every missing field, and empty tokens count as missing', () => {
  assert.throws(
    () => createAuth({ type: 'oauth2_client_credentials', client_id: 'present-client-id' }),
    (err: unknown) => {
      assert.ok(err instanceof RestloadError);
      assert.equal(err.code, 'AUTH_MISSING');
      assert.match(err.message, /"access_token_url", "client_secret"/);
      assert.match(err.hint ?? '', /\[sources\.rest_api\.<source>\.credentials\]/);
      return true;
    },
  );
  assert.throws(() => createAuth({ type: 'api_key', api_key: '' }), { code: 'AUTH_MISSING' });
  assert.throws(() => createAuth({ type: 'http_basic', username: 'only-user' }), { code: 'AUTH_MISSING', message: /"password"/ });
});

test('http_basic accepts an empty username or password', () => {
  assert.ok(createAuth({ type: 'http_basic', username: 'empty-pass-user', password: '' }) instanceof HttpBasicAuth);
});

test('an unknown type lists the valid names', () => {
  for (const bad of ['basic', { type: 'bearerr', token: 'x' }]) {
    assert.throws(
      () => createAuth(bad as AuthConfig),
      (err: unknown) => {
        assert.ok(err instanceof RestloadError);
        assert.equal(err.code, 'AUTH_UNKNOWN_TYPE');
        assert.equal(err.exitCode, 2);
        assert.match(err.message, /bearer, api_key, http_basic, oauth2_client_credentials/);
        return true;
      },
    );
  }
  assert.throws(() => createAuth({ type: 'bearerr' } as unknown as AuthConfig), { hint: 'did you mean "bearer"?' });
});
