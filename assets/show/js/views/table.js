// One table: its rows (a page at a time, sorted and filtered by DuckDB) and
// its columns. Clicking a row opens its panel: every value in full, and
// links to its nested rows in each child table (_dlt_parent_id = its
// _dlt_id) and back to its parent row.

import { get } from '../api.js';
import { errorBox, fmtInt, h } from '../dom.js';
import { badges, grid } from '../grid.js';
import { tableHref } from '../router.js';
import { valueView } from '../values.js';

const PAGE_SIZES = [25, 50, 100, 200, 500];

export async function tableView({ arg: name, params }) {
  const q = {
    offset: Number(params.get('offset') ?? 0) || 0,
    limit: Number(params.get('limit') ?? 50) || 50,
    sort: params.get('sort') ?? undefined,
    desc: params.get('desc') === '1',
    where: params.get('where') ?? undefined,
    eq: params.get('eq') ?? undefined,
    tab: params.get('tab') ?? 'rows',
  };
  const href = (change) => tableHref(name, { ...q, tab: q.tab === 'rows' ? undefined : q.tab, desc: q.desc ? 1 : undefined, offset: q.offset || undefined, limit: q.limit === 50 ? undefined : q.limit, ...change });
  const go = (change) => { location.hash = href(change); };

  const [meta, page] = await Promise.all([
    get('table', { name }),
    q.tab === 'rows' ? get('rows', { table: name, offset: q.offset, limit: q.limit, sort: q.sort, desc: q.desc ? 1 : undefined, where: q.where, eq: q.eq }).catch((e) => ({ error: e })) : null,
  ]);
  const t = meta.table;
  const header = h('header', { class: 'view-head' },
    h('h1', null, t.name),
    h('p', { class: 'meta' },
      h('span', { 'data-testid': 'table-rows' }, `${fmtInt(t.rows)} rows`),
      t.resource ? ` · resource ${t.resource}` : '',
      t.write_disposition ? ` · ${t.write_disposition}` : '',
      t.parent ? [' · nested in ', h('a', { href: tableHref(t.parent) }, t.parent)] : '',
      meta.children.length ? [' · nested tables: ', meta.children.map((c, i) => [i ? ', ' : '', h('a', { href: tableHref(c.name) }, c.name), h('span', { class: 'muted' }, ` (${fmtInt(c.rows)})`)])] : ''),
    h('nav', { class: 'tabs' },
      h('a', { href: href({ tab: undefined }), class: q.tab === 'rows' ? 'active' : null }, 'Rows'),
      h('a', { href: href({ tab: 'columns', offset: undefined }), class: q.tab === 'columns' ? 'active' : null, 'data-testid': 'columns-tab' }, `Columns (${t.columns.length})`)));
  if (q.tab === 'columns') return h('div', { class: 'view table-view' }, header, columnsTable(t, meta.new_columns));
  if (page.error) return h('div', { class: 'view table-view' }, header, errorBox(page.error), h('p', null, h('a', { href: tableHref(name) }, 'show the table from the start')));
  return h('div', { class: 'view table-view' }, header, rowsSection(t, page, q, go));
}

function rowsSection(t, page, q, go) {
  const hints = Object.fromEntries(t.columns.map((c) => [c.name, c.hints]));
  const columns = page.columns.map((c) => ({ ...c, hints: hints[c.name] }));
  const panel = h('aside', { class: 'row-panel', hidden: true, 'data-testid': 'row-panel' });
  let selected;
  const layout = h('div', { class: 'rows-layout' });
  const draw = () => {
    layout.replaceChildren(
      grid({
        columns, rows: page.rows, sort: page.sort, desc: page.desc, testid: 'rows-grid', selected,
        onSort: (col, desc) => go({ sort: col, desc: desc ? 1 : undefined, offset: undefined }),
        onRowClick: (i) => { selected = i; draw(); openRow(panel, t, columns, page.rows[i], page.offset + i); },
      }),
      panel);
    layout.classList.toggle('with-panel', selected !== undefined);
  };
  draw();
  return h('div', null,
    page.where ? filterBanner(t, page.where) : null,
    pager(page, go),
    page.rows.length ? layout : h('p', { class: 'muted' }, page.total ? 'No rows on this page.' : 'No rows.'),
    page.rows.length > 10 ? pager(page, go) : null);
}

function filterBanner(t, where) {
  const what = where.column === '_dlt_parent_id' && t.parent
    ? [`nested rows of one `, h('a', { href: tableHref(t.parent, { where: '_dlt_id', eq: where.value }) }, `${t.parent} row`)]
    : 'rows';
  return h('p', { class: 'filter', 'data-testid': 'filter' },
    'Showing ', what, ' where ', h('code', null, `${where.column} = '${where.value}'`), ' · ',
    h('a', { href: tableHref(t.name) }, 'show all rows'));
}

function pager(page, go) {
  const { offset, limit, total } = page;
  const pages = Math.max(1, Math.ceil(total / limit));
  const current = Math.floor(offset / limit) + 1;
  const btn = (label, target, disabled, title) => h('button', { type: 'button', disabled, title, onclick: () => go({ offset: target || undefined }) }, label);
  const jump = h('input', { type: 'number', min: 1, max: pages, value: current, 'aria-label': 'page', class: 'page-input' });
  jump.addEventListener('change', () => {
    const n = Math.min(pages, Math.max(1, Math.floor(Number(jump.value) || 1)));
    go({ offset: (n - 1) * limit || undefined });
  });
  const size = h('select', { 'aria-label': 'rows per page', onchange: (e) => go({ limit: Number(e.target.value) === 50 ? undefined : e.target.value, offset: undefined }) },
    PAGE_SIZES.map((n) => h('option', { value: n, selected: n === limit }, `${n} per page`)));
  return h('div', { class: 'pager', 'data-testid': 'pager' },
    btn('«', 0, offset === 0, 'first page'),
    btn('‹ Prev', Math.max(0, offset - limit), offset === 0, 'previous page'),
    h('span', null, 'page ', jump, ` of ${fmtInt(pages)}`),
    btn('Next ›', offset + limit, offset + limit >= total, 'next page'),
    btn('»', (pages - 1) * limit, offset + limit >= total, 'last page'),
    h('span', { class: 'muted', 'data-testid': 'pager-range' }, total ? `rows ${fmtInt(offset + 1)}–${fmtInt(Math.min(total, offset + limit))} of ${fmtInt(total)}` : '0 rows'),
    size);
}

async function openRow(panel, t, columns, values, rowNumber) {
  const byName = Object.fromEntries(columns.map((c, i) => [c.name, values[i]]));
  const id = byName._dlt_id;
  const parentId = byName._dlt_parent_id;
  const nested = h('div', { class: 'nested', 'data-testid': 'nested-links' });
  panel.hidden = false;
  panel.replaceChildren(...[
    h('div', { class: 'panel-head' },
      h('h2', null, `Row ${fmtInt(rowNumber + 1)}`),
      h('button', { type: 'button', class: 'close', title: 'close', onclick: () => { panel.hidden = true; panel.parentElement?.classList.remove('with-panel'); } }, '×')),
    nested,
    t.parent && typeof parentId === 'string'
      ? h('p', null, h('a', { href: tableHref(t.parent, { where: '_dlt_id', eq: parentId }) }, `↑ parent row in ${t.parent}`))
      : null,
    h('dl', { class: 'fields' }, columns.map((c, i) => [
      h('dt', null, c.name, badges(c.hints), h('span', { class: 'col-type' }, c.type)),
      h('dd', null, valueView(values[i], c.type))]))].filter(Boolean));
  if (typeof id !== 'string') return;
  try {
    const r = await get('nested', { table: t.name, id });
    if (!r.nested.length) return;
    nested.replaceChildren(h('h3', null, 'Nested rows'), h('ul', null, r.nested.map((n) => h('li', null,
      n.rows
        ? h('a', { href: tableHref(n.table, { where: '_dlt_parent_id', eq: id }), dataset: { nested: n.table } }, `${n.table}`)
        : h('span', { class: 'muted' }, n.table),
      h('span', { class: 'count' }, fmtInt(n.rows))))));
  } catch (e) {
    nested.replaceChildren(errorBox(e));
  }
}

function columnsTable(t, newColumns) {
  const fresh = new Set(newColumns);
  return h('table', { class: 'grid columns', 'data-testid': 'columns-grid' },
    h('thead', null, h('tr', null, ['column', 'DuckDB type', 'dlt type', 'nullable', 'hints'].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, t.columns.map((c) => h('tr', { dataset: { column: c.name }, class: c.variant_of ? 'variant' : null },
      h('td', null, h('code', null, c.name), fresh.has(c.name) ? h('span', { class: 'badge badge-new', title: 'appeared in the last load' }, 'new') : null),
      h('td', null, c.type),
      h('td', null, c.data_type ?? h('span', { class: 'muted' }, '—')),
      h('td', null, c.nullable ? 'yes' : h('strong', null, 'NOT NULL')),
      h('td', null, badges(c.hints),
        c.variant_of ? h('span', { class: 'muted' }, ` values of ${c.variant_of} that did not fit its type`) : null,
        c.hints.filter((x) => x.includes(':')).map((x) => h('span', { class: 'muted' }, ` ${x}`)))))));
}
