import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findValue } from '../../src/common/json-path.js';
import { detectDataSelector, emptySelectionWarning, keysToPath, selectItems } from '../../src/extract/data-selector.js';
import { json, serve } from '../helpers/server.js';
import { runConfig } from '../helpers/run-source.js';
import { DETECTOR_CASES } from './paginators/detector-cases.js';

for (const [i, c] of DETECTOR_CASES.entries()) {
  test(`detects the records at ${c.recordsPath} in dlt detector case ${i + 1} (test_find_response_page_data)`, () => {
    assert.equal(detectDataSelector(c.response), c.recordsPath);
    const data = findValue(c.recordsPath, c.response);
    assert.deepEqual(selectItems(c.response, undefined), Array.isArray(data) ? data : [data]);
  });
}

test('a top-level list is the records', () => {
  const body = [{ id: 1 }, { id: 2 }];
  assert.equal(detectDataSelector(body), '$');
  assert.equal(selectItems(body, undefined), body, 'the same array, not a copy');
  assert.equal(selectItems(body, '$'), body);
});

test('an object without lists is one record (a single entity like /users/{id})', () => {
  const user = { id: 7, name: 'Ann', address: { city: 'X' } };
  assert.equal(detectDataSelector(user), '$');
  assert.deepEqual(selectItems(user, undefined), [user]);
});

test('a known record key wins over an earlier list; else the first list in depth-first key order', () => {
  assert.equal(detectDataSelector({ tags: ['a'], results: [{ id: 1 }] }), 'results');
  assert.equal(detectDataSelector({ tags: ['a'], people: [{ id: 1 }] }), 'tags');
  // depth-first: a nested record list before a later top-level one (dlt's find_all_lists order)
  assert.equal(detectDataSelector({ wrapper: { items: [1] }, data: [2] }), 'wrapper.items');
  // meta/links lists are never records by name
  assert.equal(detectDataSelector({ links: [{ rel: 'self' }], entries: [] }), 'entries');
});

test('lists deeper than three keys are not seen', () => {
  assert.equal(detectDataSelector({ a: { b: { c: [1] } } }), 'a.b.c');
  assert.equal(detectDataSelector({ a: { b: { c: { d: [1] } } } }), '$');
});

test('keys a dotted path cannot spell are bracket-quoted', () => {
  const body = { '@odata.context': 'x', 'value list': [{ id: 1 }] };
  assert.equal(detectDataSelector(body), "$['value list']");
  assert.deepEqual(selectItems(body, undefined), [{ id: 1 }]);
  assert.equal(keysToPath(['a', 'b']), 'a.b');
  assert.equal(keysToPath(['_embedded', 'x.y']), "$._embedded['x.y']");
  assert.equal(keysToPath(["it's"]), `$["it's"]`);
});

test('a selector matching one list gives its items, one object gives one record', () => {
  const body = { data: { items: [{ id: 1 }, { id: 2 }], owner: { id: 9 } } };
  assert.deepEqual(selectItems(body, 'data.items'), [{ id: 1 }, { id: 2 }]);
  assert.deepEqual(selectItems(body, '$.data.items'), [{ id: 1 }, { id: 2 }]);
  assert.deepEqual(selectItems(body, 'data.owner'), [{ id: 9 }]);
});

test('no match, or null, gives no records', () => {
  assert.deepEqual(selectItems({ data: [1] }, 'results'), []);
  assert.deepEqual(selectItems({ data: null }, 'data'), []);
  assert.deepEqual(selectItems(null, '$'), []);
  assert.deepEqual(selectItems(undefined, undefined), []);
  assert.equal(detectDataSelector(undefined), undefined);
});

test('a wildcard selector yields every match as a record', () => {
  const body = { results: [{ id: 1 }, { id: 2 }, { id: 3 }] };
  assert.deepEqual(selectItems(body, '$.results[*]'), body.results);
  assert.deepEqual(selectItems(body, '$.results[*].id'), [1, 2, 3]);
  // one match is unwrapped, as in dlt
  assert.deepEqual(selectItems({ results: [{ id: 1 }] }, '$.results[*]'), [{ id: 1 }]);
});

test('an empty selector is the same as none (dlt: `if not data_selector`)', () => {
  assert.deepEqual(selectItems({ items: [1, 2] }, ''), [1, 2]);
});

test('a scalar match is one record', () => {
  assert.deepEqual(selectItems({ count: 3 }, 'count'), [3]);
  assert.deepEqual(selectItems('plain text', undefined), ['plain text']);
});

test('a data_selector matching nothing in a non-empty response is a warning naming the selector and the keys', () => {
  const w = emptySelectionWarning('users', { data: [{ id: 1 }], meta: {} }, 'results');
  assert.ok(w);
  assert.equal(w.code, 'DATA_SELECTOR_EMPTY');
  assert.equal(w.resource, 'users');
  assert.match(w.message, /data_selector "results" matched nothing.*keys: data, meta/);
  assert.match(w.hint!, /data_selector: "data"/);
  assert.match(emptySelectionWarning('users', [{ id: 1 }], 'items')!.message, /a list of 1 item/);
});

test('no warning when the selector matched (even null or []) or the response is empty', () => {
  assert.equal(emptySelectionWarning('u', { results: [] }, 'results'), undefined);
  assert.equal(emptySelectionWarning('u', { results: null }, 'results'), undefined);
  assert.equal(emptySelectionWarning('u', {}, 'results'), undefined);
  assert.equal(emptySelectionWarning('u', [], 'results'), undefined);
  assert.equal(emptySelectionWarning('u', { data: [{ id: 1 }] }, 'data[-1]'), undefined);
});

test('a run with a wrong data_selector warns once per resource, not per page', async () => {
  const api = await serve((req, res) => {
    const page = Number(req.query.get('page') ?? '1');
    json(res, { data: [{ id: page }], page, next: page < 3 ? `${api.url}/users?page=${page + 1}` : null });
  });
  try {
    const { info } = await runConfig({
      client: { base_url: api.url },
      resources: [{ name: 'users', endpoint: { path: 'users', data_selector: 'results', paginator: { type: 'json_link', next_url_path: 'next' } } }],
    });
    assert.equal(api.seen.length, 3);
    const ws = info.warnings.filter((w) => w.code === 'DATA_SELECTOR_EMPTY');
    assert.equal(ws.length, 1);
    assert.equal(ws[0]!.resource, 'users');
    assert.match(ws[0]!.message, /"results".*keys: data, page, next/);
  } finally {
    await api.close();
  }
});
