// The last run's trace: steps and their durations, requests per resource,
// retries, rows per table, new columns and the error (URLs already masked).

import { get } from '../api.js';
import { fmtInt, fmtMs, h, section, timeEl } from '../dom.js';
import { tableHref } from '../router.js';

export async function traceView() {
  const { trace: t } = await get('trace');
  if (!t) return h('div', { class: 'view' }, h('h1', null, 'Last run'), h('p', { class: 'muted' }, 'No run recorded yet.'));
  const total = t.steps.reduce((a, s) => a + (s.ms ?? 0), 0) || 1;
  const resources = Object.entries(t.resources);
  return h('div', { class: 'view trace', 'data-testid': 'trace' },
    h('h1', null, 'Last run ', h('span', { class: `pill pill-${t.status}` }, t.status)),
    h('p', null, 'started ', timeEl(t.started_at), t.finished_at ? [' · finished ', timeEl(t.finished_at)] : '', t.load_id ? [' · load ', h('code', null, t.load_id)] : ''),
    t.error ? h('div', { class: 'error', role: 'alert', 'data-testid': 'trace-error' },
      h('strong', null, t.error.message), h('div', { class: 'muted' }, `code ${t.error.code}`), t.error.hint ? h('div', { class: 'hint' }, t.error.hint) : null) : null,
    section('Steps', h('table', { class: 'steps' }, h('tbody', null, t.steps.map((s) => h('tr', null,
      h('th', null, s.step),
      h('td', { class: 'num' }, fmtMs(s.ms)),
      h('td', { class: 'bar-cell' }, h('span', { class: 'bar', style: { width: `${Math.max(1, Math.round(((s.ms ?? 0) / total) * 100))}%` } }))))))),
    section('Requests per resource', resources.length
      ? h('table', { class: 'grid' },
        h('thead', null, h('tr', null, ['resource', 'pages', 'requests', 'retries', 'items', 'paginator'].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', null, resources.map(([name, r]) => h('tr', { dataset: { resource: name } },
          h('td', null, name), h('td', { class: 'num' }, fmtInt(r.pages)), h('td', { class: 'num' }, fmtInt(r.requests)),
          h('td', { class: 'num' }, fmtInt(r.retries)), h('td', { class: 'num' }, fmtInt(r.items)), h('td', null, h('code', null, r.paginator ?? '—'))))))
      : h('p', { class: 'muted' }, 'no requests'),
      h('p', null, `${fmtInt(t.requests.total)} requests in total · ${fmtInt(t.requests.retries)} retries · ${fmtInt(t.requests.failed)} failed · ${(t.requests.bytes / 1e6).toFixed(2)} MB`),
      t.requests.slowest ? h('p', { class: 'muted' }, 'slowest: ', h('code', null, `${t.requests.slowest.method} ${t.requests.slowest.url}`), ` ${fmtMs(t.requests.slowest.ms)}`) : null),
    section('Rows loaded per table', Object.keys(t.row_counts).length
      ? h('table', { class: 'kv' }, h('tbody', null, Object.entries(t.row_counts).map(([name, n]) => h('tr', null, h('th', null, h('a', { href: tableHref(name) }, name)), h('td', { class: 'num' }, fmtInt(n))))))
      : h('p', { class: 'muted' }, 'no rows')),
    t.new_columns.length ? section('New columns in this run', h('ul', null, t.new_columns.map((c) =>
      h('li', null, h('code', null, `${c.table}.${c.column}`), c.variant ? h('span', { class: 'badge badge-variant' }, 'variant') : null)))) : null,
  );
}
