// The loads history from _dlt_loads: when, status, and how many rows each
// load left in each root table, with a chart of rows per load over time.

import { get } from '../api.js';
import { fmtInt, h, section, timeEl } from '../dom.js';
import { rowsPerLoadChart } from '../chart.js';
import { tableHref } from '../router.js';

export async function loadsView() {
  const v = await get('loads');
  if (!v.loads.length) return h('div', { class: 'view' }, h('h1', null, 'Loads'), h('p', { class: 'muted' }, 'No completed loads yet.'));
  return h('div', { class: 'view loads', 'data-testid': 'loads' },
    h('h1', null, 'Loads'),
    h('p', { class: 'muted' }, v.total > v.loads.length ? `the newest ${fmtInt(v.loads.length)} of ${fmtInt(v.total)} loads` : `${fmtInt(v.total)} load${v.total === 1 ? '' : 's'}`),
    section('Rows per load', rowsPerLoadChart(v.loads, v.tables)),
    section('History',
      h('div', { class: 'grid-wrap' }, h('table', { class: 'grid', 'data-testid': 'loads-grid' },
        h('thead', null, h('tr', null,
          h('th', null, 'loaded at'), h('th', null, 'load id'), h('th', null, 'status'),
          v.tables.map((t) => h('th', { class: 'num' }, h('a', { href: tableHref(t) }, t))),
          h('th', { class: 'num' }, 'total'), h('th', null, 'schema version'))),
        h('tbody', null, v.loads.map((l) => h('tr', { dataset: { loadId: l.load_id } },
          h('td', null, timeEl(l.inserted_at)),
          h('td', null, h('a', { href: rowsOfLoad(v.tables, l) }, h('code', null, l.load_id))),
          h('td', null, l.status === 0 ? h('span', { class: 'pill pill-completed' }, 'loaded') : h('span', { class: 'pill pill-failed' }, `status ${l.status}`)),
          v.tables.map((t) => h('td', { class: 'num' }, l.rows[t] ? h('a', { href: tableHref(t, { where: '_dlt_load_id', eq: l.load_id }) }, fmtInt(l.rows[t])) : h('span', { class: 'muted' }, '0'))),
          h('td', { class: 'num' }, fmtInt(v.tables.reduce((a, t) => a + (l.rows[t] ?? 0), 0))),
          h('td', null, h('code', { class: 'muted', title: l.schema_version_hash ?? '' }, (l.schema_version_hash ?? '').slice(0, 12)))))))),
      h('p', { class: 'muted' }, 'Counts are rows still in the table from that load: with merge or replace, later loads take the place of earlier rows. Nested tables follow their root rows.')),
  );
}

/** The first root table that has rows from the load, filtered to them. */
function rowsOfLoad(tables, l) {
  const t = tables.find((x) => l.rows[x]) ?? tables[0];
  return t ? tableHref(t, { where: '_dlt_load_id', eq: l.load_id }) : '#/loads';
}
