import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { listenLocal } from '../../helpers/server.js';
import { OAuth2ClientCredentials } from '../../../src/extract/auth/oauth2-client-credentials.js';
import { createAuth } from '../../../src/extract/auth/index.js';
import { RestloadError } from '../../../src/common/errors.js';
import { MASK, redact } from '../../../src/common/redact.js';
import { FetchSender } from './fetch-sender.js';
import { request } from './request.js';

interface TokenCall {
  headers: IncomingMessage['headers'];
  form: Record<string, string>;
}

/** What the token endpoint answers; tests replace it. */
let respond: (n: number) => { status: number; body: string } = () => ({ status: 500, body: '' });
let calls: TokenCall[] = [];
let server: Server;
let baseUrl: string;
let close: () => Promise<void>;

before(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      calls.push({ headers: req.headers, form: Object.fromEntries(new URLSearchParams(raw)) });
      const { status, body } = respond(calls.length);
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  ({ url: baseUrl, close } = await listenLocal(server));
});

after(() => close());

beforeEach(() => {
  calls = [];
});

/** Token `tok-<n>-<tag>` for the n-th call, valid for `expiresIn` seconds (omitted when undefined). */
function tokens(tag: string, expiresIn?: number | string) {
  return (n: number) => ({
    status: 200,
    body: JSON.stringify({ access_token: `tok-${n}-${tag}`, token_type: 'Bearer', ...(expiresIn === undefined ? {} : { expires_in: expiresIn }) }),
  });
}

function oauth(tag: string, extra: Partial<ConstructorParameters<typeof OAuth2ClientCredentials>[0]> = {}) {
  return new OAuth2ClientCredentials({
    accessTokenUrl: `${baseUrl}/oauth/token`,
    clientId: `client-id-${tag}`,
    clientSecret: `client-secret-${tag}`,
    ...extra,
  });
}

async function authorize(auth: OAuth2ClientCredentials, http: FetchSender): Promise<string | undefined> {
  const req = request();
  await auth.apply(req, http);
  return req.headers['Authorization'];
}

test('token request: POST form with grant_type and client credentials in the body, auth disabled', async () => {
  respond = tokens('form', 3600);
  const http = new FetchSender(baseUrl);
  const auth = oauth('form', { accessTokenRequestData: { scope: 'read write', audience: 'api', ttl: 60 } });
  assert.equal(await authorize(auth, http), 'Bearer tok-1-form');
  assert.equal(calls.length, 1);
  assert.deepEqual(calls[0]!.form, {
    client_id: 'client-id-form',
    client_secret: 'client-secret-form',
    grant_type: 'client_credentials',
    scope: 'read write',
    audience: 'api',
    ttl: '60',
  });
  assert.equal(calls[0]!.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.equal(calls[0]!.headers['authorization'], undefined, 'dlt sends no basic auth header');
  assert.equal(http.sent[0]!.req.method, 'POST');
  assert.equal(http.sent[0]!.auth, false);
});

test('access_token_request_data may override the standard fields, as in dlt', async () => {
  respond = tokens('override', 3600);
  await authorize(oauth('override', { accessTokenRequestData: { grant_type: 'password' } }), new FetchSender(baseUrl));
  assert.equal(calls[0]!.form['grant_type'], 'password');
});

test('token fetched once and reused for several requests, including concurrent ones', async () => {
  respond = tokens('reuse', 3600);
  const http = new FetchSender(baseUrl);
  const auth = oauth('reuse');
  const concurrent = await Promise.all([authorize(auth, http), authorize(auth, http), authorize(auth, http)]);
  const later = [await authorize(auth, http), await authorize(auth, http)];
  assert.deepEqual([...concurrent, ...later], Array(5).fill('Bearer tok-1-reuse'));
  assert.equal(calls.length, 1);
});

test('token refreshed after a short expires_in runs out', async () => {
  respond = tokens('expiry', 1);
  const http = new FetchSender(baseUrl);
  const auth = oauth('expiry');
  assert.equal(await authorize(auth, http), 'Bearer tok-1-expiry');
  assert.equal(await authorize(auth, http), 'Bearer tok-1-expiry');
  await new Promise((r) => setTimeout(r, 1100));
  assert.equal(await authorize(auth, http), 'Bearer tok-2-expiry');
  assert.equal(calls.length, 2);
});

test('refresh happens shortly before expiry; default_token_expiration applies without expires_in', async () => {
  let now = 1_000_000;
  const clock = () => now;
  const http = new FetchSender(baseUrl);

  respond = tokens('margin', '3600'); // numeric string, like dlt's int()
  const auth = oauth('margin', { now: clock });
  await authorize(auth, http);
  now += 3600_000 - 60_001; // just before the 60 s margin
  assert.equal(await authorize(auth, http), 'Bearer tok-1-margin');
  now += 1;
  assert.equal(await authorize(auth, http), 'Bearer tok-2-margin');

  calls = [];
  respond = tokens('default');
  const byDefault = oauth('default', { now: clock, defaultTokenExpiration: 100 });
  await authorize(byDefault, http);
  now += 100_000 - 10_001; // margin is a tenth of a short lifetime
  assert.equal(await authorize(byDefault, http), 'Bearer tok-1-default');
  now += 1;
  assert.equal(await authorize(byDefault, http), 'Bearer tok-2-default');
});

test('obtained token and client credentials are registered for masking', async () => {
  respond = tokens('masked', 3600);
  await authorize(oauth('masked'), new FetchSender(baseUrl));
  assert.equal(redact('tok-1-masked'), MASK);
  assert.equal(redact('client-secret-masked'), MASK);
  assert.equal(redact('client-id-masked'), MASK);
});

test('token endpoint error names the token URL and masks secrets', async () => {
  respond = () => ({ status: 401, body: JSON.stringify({ error: 'invalid_client', client_secret: 'client-secret-denied' }) });
  const auth = oauth('denied');
  await assert.rejects(authorize(auth, new FetchSender(baseUrl)), (err: unknown) => {
    assert.ok(err instanceof RestloadError);
    assert.equal(err.code, 'AUTH_TOKEN_FAILED');
    assert.ok(err.message.includes(`${baseUrl}/oauth/token`), err.message);
    assert.match(err.message, /HTTP 401/);
    assert.match(err.message, /invalid_client/);
    assert.ok(!err.message.includes('client-secret-denied'), err.message);
    return true;
  });
});

test('a response without access_token is an error, and a later call retries', async () => {
  respond = (n) => (n === 1 ? { status: 200, body: '{"error":"nope"}' } : tokens('retry', 3600)(n));
  const http = new FetchSender(baseUrl);
  const auth = oauth('retry');
  await assert.rejects(authorize(auth, http), { code: 'AUTH_TOKEN_FAILED', message: /no access_token/ });
  assert.equal(await authorize(auth, http), 'Bearer tok-2-retry');
});

test('a sender failure is wrapped with the token URL', async () => {
  const failing = {
    send(): Promise<never> {
      return Promise.reject(new Error('connect ECONNREFUSED client-secret-conn'));
    },
  };
  const auth = oauth('conn');
  const req = request();
  await assert.rejects(auth.apply(req, failing), (err: unknown) => {
    assert.ok(err instanceof RestloadError);
    assert.equal(err.code, 'AUTH_TOKEN_FAILED');
    assert.match(err.message, /oauth\/token: connect ECONNREFUSED \*\*\*/);
    return true;
  });
});

test('createAuth oauth2 uses the session sender for the token request when given', async () => {
  respond = tokens('session', 3600);
  const session = new FetchSender(baseUrl);
  const client = new FetchSender(baseUrl);
  const auth = createAuth(
    {
      type: 'oauth2_client_credentials',
      access_token_url: `${baseUrl}/oauth/token`,
      client_id: 'client-id-session',
      client_secret: 'client-secret-session',
      default_token_expiration: 60,
    },
    { session },
  );
  const req = request();
  await auth.apply(req, client);
  assert.equal(req.headers['Authorization'], 'Bearer tok-1-session');
  assert.equal(session.sent.length, 1);
  assert.equal(client.sent.length, 0);
});
