/**
 * Ported from dlt 1.26.0 (commit b3fc4a9e7c4152a76c6d29d035ddf9879609dc50):
 * tests/sources/helpers/rest_client/test_client.py.
 *
 * dlt's RESTClient is restload's `get`, `post` and `paginate` helpers (the
 * same HTTP client the config engine uses); dlt's auth classes are their
 * dict form (`{type: http_basic, ...}`), which is what a rest_api config
 * holds. Requests go to the dlt mock API (mock-api.ts) on 127.0.0.1. Tests
 * that patch Python objects (sessions, requests kwargs, subclasses) are
 * listed as todo with the reason; PORTED.md has the full list.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RestloadError } from '../../../src/common/errors.js';
import { redactUrl } from '../../../src/common/redact.js';
import type { Auth } from '../../../src/extract/auth/auth.js';
import { createAuth } from '../../../src/extract/auth/index.js';
import type { AuthConfig } from '../../../src/config/schema/index.js';
import { HttpClient, raiseForStatus } from '../../../src/extract/client.js';
import { HttpError } from '../../../src/extract/errors.js';
import { get, paginate, post, type RequestOptions } from '../../../src/extract/http-helper.js';
import type { PaginatorConfig } from '../../../src/config/schema/index.js';
import { runConfig } from '../../helpers/run-source.js';
import { json, serve } from '../../helpers/server.js';
import { request, response } from '../../extract/paginators/support.js';
import { assertPagination, PAGE_SIZE, posts, startDltMockApi, TOTAL_PAGES, type DltMockApi } from './mock-api.js';

let api: DltMockApi;
before(async () => {
  api = await startDltMockApi();
});
after(() => api.close());

const at = (path: string) => `${api.url}${path}`;

async function pages(path: string, opts: RequestOptions & { paginator?: PaginatorConfig; dataSelector?: string; method?: string } = {}) {
  const out: (unknown[] & { response: { url: string; json<T>(): T; status: number } })[] = [];
  for await (const page of paginate(at(path), opts)) out.push(page);
  return out;
}

const oauth = (over: Record<string, unknown> = {}) =>
  ({ type: 'oauth2_client_credentials', access_token_url: at('/oauth/token'), client_id: 'test-client-id', client_secret: 'test-client-secret', ...over }) as RequestOptions['auth'];

describe('TestRESTClient', () => {
  test('test_get_single_resource', async () => {
    const res = await get(at('/posts/1'));
    assert.equal(res.status, 200);
    assert.deepEqual(res.json(), { id: 1, body: 'Post body 1' });
  });

  test('test_pagination', async () => {
    assertPagination(await pages('/posts', { paginator: { type: 'json_link', next_url_path: 'next_page' } }));
  });

  test('test_page_context', async () => {
    const got = await pages('/posts', { paginator: { type: 'json_link', next_url_path: 'next_page' } });
    // Each page carries its response; the next page was requested from the link the previous one gave.
    for (let i = 0; i + 1 < got.length; i++) {
      assert.equal(got[i + 1]!.response.url, got[i]!.response.json<{ next_page: string }>().next_page);
    }
  });

  test('test_default_paginator', async () => {
    assertPagination(await pages('/posts'));
  });

  test('test_excplicit_paginator', async () => {
    assertPagination(await pages('/posts', { paginator: { type: 'json_link', next_url_path: 'next_page' } }));
  });

  test('test_excplicit_paginator_relative_next_url', async () => {
    assertPagination(await pages('/posts_relative_next_url', { paginator: { type: 'json_link', next_url_path: 'next_page' } }));
  });

  test('test_paginator_with_null_data_in_final_page', async () => {
    const got = await pages('/posts_cursor_null_terminated', { paginator: { type: 'cursor', cursor_path: 'next_token', cursor_param: 'cursor' }, dataSelector: 'users' });
    assert.deepEqual(got.map((p) => p.length), [10, 4, 0]);
  });

  test('test_paginate_with_hooks (as response_actions: a 404 ignored)', async () => {
    // dlt's hook raises IgnoreResponseException on 404; a config says it as a response action.
    const { info } = await runConfig({
      client: { base_url: api.url },
      resources: [
        { name: 'posts', endpoint: { path: 'posts', paginator: { type: 'json_link', next_url_path: 'next_page' }, response_actions: [{ status_code: 404, action: 'ignore' }] } },
        { name: 'details', endpoint: { path: 'posts/1/some_details_404', paginator: 'json_link', response_actions: [{ status_code: 404, action: 'ignore' }] } },
      ],
    });
    assert.equal(info.rowCounts.posts, PAGE_SIZE * TOTAL_PAGES);
    assert.equal(info.rowCounts.details ?? 0, 0);
  });

  test('test_basic_auth_success', async () => {
    const auth = { type: 'http_basic', username: 'user', password: 'password' } as const;
    const res = await get(at('/protected/posts/basic-auth'), { auth });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json<{ data: unknown[] }>().data[0], { id: 0, title: 'Post 0' });
    assertPagination(await pages('/protected/posts/basic-auth', { auth }));
  });

  test('test_bearer_token_auth_success', async () => {
    const auth = { type: 'bearer', token: 'test-token' } as const;
    const res = await get(at('/protected/posts/bearer-token'), { auth });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json<{ data: unknown[] }>().data[0], { id: 0, title: 'Post 0' });
    assertPagination(await pages('/protected/posts/bearer-token', { auth }));
  });

  test('test_api_key_auth_success', async () => {
    const res = await get(at('/protected/posts/api-key'), { auth: { type: 'api_key', name: 'x-api-key', api_key: 'test-api-key' } });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json<{ data: unknown[] }>().data[0], { id: 0, title: 'Post 0' });
  });

  test('test_oauth2_client_credentials_flow_auth_success', async () => {
    const res = await get(at('/protected/posts/bearer-token'), { auth: oauth() });
    assert.equal(res.status, 200);
    assert.equal(api.requests.at(-1)?.headers.authorization, 'Bearer test-token');
    assertPagination(await pages('/protected/posts/bearer-token', { auth: oauth() }));
  });

  for (const [name, over] of [['wrong_client_id', { client_id: 'invalid-client-id' }], ['wrong_client_secret', { client_secret: 'invalid-client-secret' }]] as const) {
    test(`test_oauth2_client_credentials_flow_${name}`, async () => {
      await assert.rejects(get(at('/protected/posts/bearer-token'), { auth: oauth(over) }), (e: unknown) => e instanceof RestloadError && /401/.test(e.message));
    });
  }

  test('test_oauth_token_expired_refresh', async () => {
    // A token that expires at once is fetched again for the next request (dlt patches obtain_token to count).
    const tokenCalls = () => api.requests.filter((r) => r.url.pathname === '/oauth/token-expires-now').length;
    const auth = createAuth(oauth({ access_token_url: at('/oauth/token-expires-now') }) as AuthConfig);
    const before = tokenCalls();
    const first = await get(at('/protected/posts/bearer-token'), { auth });
    assert.equal(first.status, 200);
    assert.equal(tokenCalls() - before, 1);
    const second = await get(at('/protected/posts/bearer-token'), { auth });
    assert.equal(second.status, 200);
    assert.equal(tokenCalls() - before, 2);
    assert.deepEqual(second.json<{ data: unknown[] }>().data[0], { id: 0, title: 'Post 0' });
  });

  test('test_oauth_customized_token_request', { todo: 'needs a Python subclass overriding build_access_token_request (HTTP Basic client auth, grant_type account_credentials); restload has no hook for the token request shape' }, async () => {
    const res = await get(at('/protected/posts/bearer-token'), {
      auth: oauth({ access_token_url: at('/custom-oauth/token'), client_id: 'test-account-id', access_token_request_data: { account_id: 'test-account-id', grant_type: 'account_credentials' } }),
    });
    assert.equal(res.status, 200);
  });

  test('test_oauth_jwt_auth_success', { todo: "OAuthJWTAuth is not one of dlt's rest_api config auth types and restload does not implement it" }, () => {
    assert.fail('OAuthJWTAuth is not implemented');
  });

  test('test_custom_session_client', { todo: 'a requests Session with raise_for_status is a Python object; restload has no session to pass' }, () => {
    assert.fail('no session');
  });

  test('test_custom_auth_success (an Auth object in place of the AuthBase subclasses)', async () => {
    const custom: Auth = {
      apply(req) {
        req.headers.Authorization = 'Bearer test-token';
      },
      describe: () => 'custom',
    };
    const res = await get(at('/protected/posts/bearer-token'), { auth: custom });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json<{ data: unknown[] }>().data[0], { id: 0, title: 'Post 0' });
    assertPagination(await pages('/protected/posts/bearer-token', { auth: custom }));
    assert.equal(api.requests.at(-1)?.headers.authorization, 'Bearer test-token');
  });

  test('test_send_request_allows_ca_bundle', { todo: "REQUESTS_CA_BUNDLE is requests' variable; Node reads extra CAs from NODE_EXTRA_CA_CERTS at start-up" }, () => {
    assert.fail('no REQUESTS_CA_BUNDLE');
  });

  test('test_paginate_json_body_without_params', async () => {
    const skip = (TOTAL_PAGES - 3) * PAGE_SIZE;
    const got = await pages('/posts/search', {
      method: 'POST',
      json: { ids_greater_than: skip - 1, page_size: 5, page_count: 5 },
      paginator: { type: 'cursor', cursor_path: 'next_page', cursor_body_path: 'page' },
    });
    assert.deepEqual(got.flat(), posts(PAGE_SIZE * TOTAL_PAGES).slice(skip));
  });

  test('test_post_json_body_without_params', async () => {
    const skip = (TOTAL_PAGES - 2) * PAGE_SIZE;
    const res = await post(at('/posts/search'), { json: { ids_greater_than: skip - 1 } });
    assert.deepEqual(res.json<{ data: unknown[] }>().data, posts(skip + PAGE_SIZE).slice(skip));
  });

  test('test_configurable_timeout', { todo: 'dlt reads RUNTIME__REQUEST_TIMEOUT; restload sets the timeout as client.timeout in the config (timeoutMs in the helpers)' }, () => {
    assert.fail('no RUNTIME__REQUEST_TIMEOUT');
  });

  test('test_request_kwargs', { todo: 'proxies, stream, verify, cert and allow_redirects are requests keyword arguments with no restload equivalent' }, () => {
    assert.fail('no requests kwargs');
  });

  test('test_overwrite_path', async () => {
    const other = await serve((_req, res) => json(res, { foo: 'bar' }));
    try {
      const client = new HttpClient({ baseUrl: api.url });
      const res = await client.send(request({ url: `${other.url}/endpoint` }));
      assert.deepEqual(res.body, { foo: 'bar' });
      assert.equal(other.seen[0]?.path, '/endpoint');
    } finally {
      await other.close();
    }
  });

  test('test_overwrite_path_ignores_different_protocol', async () => {
    const seen: string[] = [];
    const local = await serve((req, res) => {
      seen.push(req.path);
      json(res, { foo: 'bar' });
    });
    try {
      const client = new HttpClient({ baseUrl: local.url });
      const res = await client.send(request({ url: 'my://protocol' }));
      assert.deepEqual(res.body, { foo: 'bar' });
      assert.equal(seen[0], '/my://protocol');
    } finally {
      await local.close();
    }
  });

  test('test_overwrite_headers', async () => {
    const local = await serve((req, res) => json(res, { Accept: req.headers.accept }));
    try {
      const res = await get(`${local.url}/x`, { headers: { Accept: 'my/mimetype' } });
      assert.deepEqual(res.json(), { Accept: 'my/mimetype' });
    } finally {
      await local.close();
    }
  });

  test('test_post_with_data_dict', async () => {
    const res = await post(at('/post_form_data'), { data: { key1: 'value1', key2: 'value2' } });
    assert.deepEqual(res.json<{ data: unknown }>().data, { key1: ['value1'], key2: ['value2'] });
  });

  test('test_post_with_list_of_tuples', { todo: 'src/extract/client.ts hands a list of pairs to got as a form object, which got refuses; request bodies are fixed under issue 14 outside this port' }, async () => {
    const res = await post(at('/post_form_data'), { data: [['key1', 'value1'], ['key1', 'value2']] });
    assert.deepEqual(res.json<{ data: unknown }>().data, { key1: ['value1', 'value2'] });
  });

  test('test_post_with_data_string', async () => {
    const res = await post(at('/post_raw_data'), { data: 'raw string data' });
    assert.equal(res.json<{ data: unknown }>().data, 'raw string data');
  });

  test('test_json_and_data_mutual_exclusivity', { todo: 'src/extract/client.ts sends json and ignores data instead of refusing both; request bodies are fixed under issue 14 outside this port' }, async () => {
    await assert.rejects(post(at('/posts'), { json: { key: 'value' }, data: { other: 'data' } }), /both 'json' and 'data'|json and data/i);
  });

  test('test_paginate_json_and_data_mutual_exclusivity', { todo: 'as test_json_and_data_mutual_exclusivity: src/extract/client.ts does not refuse json with data' }, async () => {
    await assert.rejects(pages('/posts', { method: 'POST', json: { key: 'value' }, data: { other: 'data' } }), /both 'json' and 'data'|json and data/i);
  });
});

describe('TestSecretRedaction', () => {
  test('test_sanitize_url_basic', () => {
    assert.equal(redactUrl('https://api.example.com/endpoint?api_key=secret123&other=value'), 'https://api.example.com/endpoint?api_key=***&other=value');
  });

  test('test_sanitize_url_multiple_secrets', () => {
    assert.equal(redactUrl('https://api.example.com/endpoint?token=abc123&api_key=xyz789&data=public'), 'https://api.example.com/endpoint?token=***&api_key=***&data=public');
  });

  test('test_sanitize_url_case_insensitive', () => {
    assert.equal(redactUrl('https://api.example.com/endpoint?API_KEY=secret&Token=xyz&ACCESS_TOKEN=abc'), 'https://api.example.com/endpoint?API_KEY=***&Token=***&ACCESS_TOKEN=***');
  });

  test('test_sanitize_url_no_secrets', () => {
    const url = 'https://api.example.com/endpoint?page=1&limit=10&sort=asc';
    assert.equal(redactUrl(url), url);
  });

  test('test_sanitize_url_empty_values', () => {
    assert.equal(redactUrl('https://api.example.com/endpoint?api_key=&token=&other=value'), 'https://api.example.com/endpoint?api_key=***&token=***&other=value');
  });

  test('test_sanitize_url_fragment_and_path', () => {
    assert.equal(redactUrl('https://api.example.com/v2/resource/123?api_key=secret#section'), 'https://api.example.com/v2/resource/123?api_key=***#section');
  });

  /** A response with `status` and a text body, as dlt builds a bare requests Response. */
  const failed = (status: number, body: string, url = 'https://api.example.com/endpoint') => ({ ...response({ url, request: request({ url }) }), status, text: () => body });

  test('test_dlt_raise_for_status_with_sanitized_url', () => {
    assert.throws(() => raiseForStatus(failed(404, 'Resource not found', 'https://api.example.com/endpoint?api_key=secret123')), (e: unknown) => {
      assert.ok(e instanceof HttpError);
      assert.match(e.message, /api_key=\*\*\*/);
      assert.doesNotMatch(e.message, /secret123/);
      assert.match(e.message, /HTTP 404/);
      return true;
    });
  });

  test('test_dlt_raise_for_status_truncates_long_body', () => {
    assert.throws(() => raiseForStatus(failed(500, `Error: ${'x'.repeat(10000)}`)), (e: unknown) => e instanceof HttpError && e.message.length < 1000);
  });

  test('test_dlt_raise_for_status_no_error_on_success', () => {
    raiseForStatus(failed(200, '', 'https://api.example.com/endpoint?api_key=secret'));
  });

  test('test_dlt_raise_for_status_with_body_enabled', () => {
    assert.throws(() => raiseForStatus(failed(500, '{"error": "Database connection failed", "detail": "Connection timeout"}')), /Database connection failed.*Connection timeout/);
  });

  test('test_dlt_raise_for_status_with_body_disabled', { todo: 'restload always shows the start of the error body (masked, at most 300 characters); dlt can turn it off with show_error_body' }, () => {
    assert.throws(() => raiseForStatus(failed(404, '{"error": "Resource not found"}')), (e: unknown) => e instanceof HttpError && !/Resource not found/.test(e.message));
  });
});
