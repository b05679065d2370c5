import { test } from 'node:test';
import assert from 'node:assert/strict';
import { json, serve } from '../../helpers/server.js';
import { runConfig } from '../../helpers/run-source.js';
import { AutoPaginator } from '../../../src/extract/paginators/auto.js';
import { paginatorNotDetected } from '../../../src/extract/paginators/not-detected.js';
import { OffsetPaginator } from '../../../src/extract/paginators/offset.js';
import { selectItems, detectDataSelector } from '../../../src/extract/data-selector.js';
import { request, response } from './support.js';

const rows = (n: number, from = 1) => Array.from({ length: n }, (_, i) => ({ id: `obj_${from + i}`, v: i }));

/** Feeds one response to a fresh auto paginator, as the paging loop does, and asks for the warning. */
function warningFor(body: unknown, params: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const req = request({ params });
  const res = response({ body, request: req, headers });
  const selector = detectDataSelector(body);
  const items = selectItems(body, selector);
  const p = new AutoPaginator();
  p.update(res, items);
  return paginatorNotDetected(p, { resource: 'things', response: res, items, dataSelector: selector });
}

test('Jira-like startAt/maxResults/total: warned, with an offset line using those names', () => {
  const w = warningFor({ startAt: 0, maxResults: 50, total: 60, issues: rows(50) });
  assert.ok(w);
  assert.equal(w.code, 'PAGINATOR_NOT_DETECTED');
  assert.equal(w.resource, 'things');
  assert.match(w.message, /only one page was fetched \(50 items\).*no paginator is configured and none was detected/);
  assert.match(w.message, /total: 60/);
  assert.match(w.hint!, /paginator: \{type: offset, limit: 50, offset_param: startAt, limit_param: maxResults, total_path: total\}/);
});

test('OData-like @odata.nextLink: warned although 10 is not round, with a json_link line', () => {
  const w = warningFor({ '@odata.context': 'x', value: rows(10), '@odata.nextLink': 'http://h/odata/Items?$skip=10' });
  assert.ok(w);
  assert.match(w.message, /@odata\.nextLink/);
  assert.match(w.hint!, /paginator: \{type: json_link, next_url_path: "\$\['@odata\.nextLink'\]"\}/);
});

test('Stripe-like has_more + data: warned, with a cursor line on the last id', () => {
  const w = warningFor({ object: 'list', data: rows(10), has_more: true, url: '/v1/customers' });
  assert.ok(w);
  assert.match(w.message, /has_more: true/);
  assert.match(w.hint!, /paginator: \{type: cursor, cursor_path: "data\[-1\]\.id", cursor_param: starting_after, has_more_path: has_more\}/);
});

test('a count equal to the page size sent is warned, with a line for that parameter', () => {
  const w = warningFor(rows(7), { per_page: 7 });
  assert.ok(w);
  assert.match(w.message, /7 is the per_page=7 sent/);
  assert.match(w.hint!, /type: page_number/);
  const top = warningFor({ value: rows(5) }, { $top: '5' });
  assert.match(top!.hint!, /type: offset, limit: 5, limit_param: "\$top", offset_param: "\$skip", total_path: null/);
});

test('a round count with nothing else to go on gets the generic line', () => {
  const w = warningFor(rows(100));
  assert.ok(w);
  assert.match(w.message, /100 is a round number/);
  assert.match(w.hint!, /paginator: \{type: offset \| page_number/);
  assert.match(w.hint!, /single_page/);
});

test('a page that does not look cut short is not warned', () => {
  assert.equal(warningFor(rows(26)), undefined);
  assert.equal(warningFor({ data: rows(13), has_more: false, total: 13 }), undefined);
  assert.equal(warningFor(rows(7), { per_page: 50 }), undefined);
  assert.equal(warningFor({ id: 1, name: 'single entity' }), undefined);
  assert.equal(warningFor({ id: 1, plan: 'pro', total: 500, count: 100 }), undefined, 'an entity with counts in it is not a page');
  assert.equal(warningFor({ nodes: rows(7), pageInfo: { endCursor: 'abc', hasNextPage: false } }), undefined);
  const graphql = warningFor({ nodes: rows(7), pageInfo: { endCursor: 'abc', hasNextPage: true } });
  assert.match(graphql!.hint!, /paginator: \{type: cursor, cursor_path: pageInfo\.endCursor, cursor_param: endCursor, has_more_path: pageInfo\.hasNextPage\}/);
});

test('only auto-detection that fell back to one page is warned: a configured paginator is not', () => {
  const res = response({ body: { items: rows(50), total: 50 } });
  const p = new OffsetPaginator({ limit: 50 });
  p.update(res, rows(50));
  assert.equal(paginatorNotDetected(p, { resource: 'x', response: res, items: rows(50), dataSelector: 'items' }), undefined);
  const detected = new AutoPaginator();
  const linked = response({ body: { items: rows(50), next: 'http://h/items?page=2' } });
  detected.update(linked, rows(50));
  assert.equal(paginatorNotDetected(detected, { resource: 'x', response: linked, items: rows(50), dataSelector: 'items' }), undefined);
});

test('a run reports the warning once per resource, in LoadInfo and the trace; a paginated run does not', async () => {
  const api = await serve((req, res) => {
    if (req.path === '/customers') return json(res, { object: 'list', data: rows(10), has_more: true });
    if (req.path === '/small') return json(res, rows(3));
    if (req.path === '/parents') return json(res, [{ id: 1 }, { id: 2 }, { id: 3 }]);
    return json(res, rows(50)); // /parents/N/children: a round count for every parent
  });
  try {
    const { info, p } = await runConfig({
      client: { base_url: api.url },
      resources: [
        'customers',
        'small',
        'parents',
        { name: 'children', endpoint: { path: 'parents/{resources.parents.id}/children' } },
      ],
    });
    const warned = info.warnings.filter((w) => w.code === 'PAGINATOR_NOT_DETECTED').map((w) => w.resource);
    assert.deepEqual(warned.sort(), ['children', 'customers']);
    assert.equal(p.lastTrace?.resources.customers?.one_page_warning, true);
    assert.equal(p.lastTrace?.resources.small?.one_page_warning, undefined);
    assert.match(info.toString(), /Warnings \(2\)/);
  } finally {
    await api.close();
  }
});
