import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpBasicAuth, basicCredentials } from '../../../src/extract/auth/http-basic.js';
import { MASK, redact } from '../../../src/common/redact.js';
import { applyTo, request } from './request.js';

test('http_basic sends Basic base64(user:password) (RFC 7617 example)', async () => {
  const req = request();
  await applyTo(new HttpBasicAuth('Aladdin', 'open sesame'), req);
  assert.deepEqual(req.headers, { Authorization: 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==' });
});

test('http_basic encodes non-ASCII as UTF-8, like dlt', () => {
  assert.equal(basicCredentials('José', 'pässwörd€'), 'Sm9zw6k6cMOkc3N3w7ZyZOKCrA==');
});

test('http_basic allows an empty password (key-as-username APIs)', async () => {
  const req = request();
  await applyTo(new HttpBasicAuth('sk_test_abcd', ''), req);
  assert.equal(req.headers['Authorization'], 'Basic c2tfdGVzdF9hYmNkOg==');
});

test('http_basic registers password, username and the encoded value', () => {
  new HttpBasicAuth('basic-user-1', 'basic-password-1');
  assert.equal(redact('basic-password-1'), MASK);
  assert.equal(redact('basic-user-1'), MASK);
  assert.equal(redact(`Basic ${basicCredentials('basic-user-1', 'basic-password-1')}`), `Basic ${MASK}`);
});
