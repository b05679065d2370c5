import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { AUTH_TYPES, AuthConfigSchema } from '../../../src/config/schema/auth.js';

const validate = new Ajv({ strict: false }).compile(AuthConfigSchema);

test('schema accepts dlt shorthands and typed forms', () => {
  const valid: unknown[] = [
    ...AUTH_TYPES,
    { token: 't' },
    { type: 'bearer' },
    { type: 'bearer', token: 't' },
    { type: 'api_key', name: 'X-Key', api_key: 'k', location: 'query' },
    { type: 'api_key', location: 'param' },
    { type: 'api_key', location: 'cookie' },
    { type: 'http_basic', username: 'u' },
    {
      type: 'oauth2_client_credentials',
      access_token_url: 'https://a/token',
      client_id: 'i',
      client_secret: 's',
      access_token_request_data: { scope: 'read write', audience: 'x' },
      default_token_expiration: 60,
    },
  ];
  for (const v of valid) assert.ok(validate(v), `${JSON.stringify(v)}: ${JSON.stringify(validate.errors)}`);
});

test('schema rejects unknown types, misplaced keys and bad locations', () => {
  const invalid: unknown[] = [
    'basic',
    {},
    { api_key: 'k' },
    { type: 'bearer', location: 'header', token: 't' },
    { type: 'api_key', location: 'body' },
    { type: 'http_basic', token: 't' },
    { type: 'oauth2_client_credentials', default_token_expiration: -1 },
    { type: 'oauth2', client_id: 'i' },
  ];
  for (const v of invalid) assert.equal(validate(v), false, JSON.stringify(v));
});
