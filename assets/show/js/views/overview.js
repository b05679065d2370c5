// The first page: answers "what got loaded, when, and what will the next
// run ask for", with the warnings a user should read before trusting it.

import { ago, fmtInt, h, section, timeEl } from '../dom.js';
import { tableHref } from '../router.js';
import { warningsList } from './warnings.js';

export async function overviewView({ overview }) {
  if (!overview) return h('p', { class: 'muted' }, 'The pipeline could not be read; see the error on the left.');
  const { pipeline: p, tables, last_load: last, last_run: run, incremental } = overview;
  const data = tables.filter((t) => !t.system);
  const roots = data.filter((t) => !t.parent);
  const total = data.reduce((a, t) => a + t.rows, 0);
  return h('div', { class: 'view overview', 'data-testid': 'overview' },
    h('h1', null, `Pipeline ${p.name}`),
    warningsList(overview.warnings),
    h('div', { class: 'cards' },
      section('What got loaded',
        h('p', { class: 'big' }, fmtInt(total), h('span', { class: 'muted' }, ` rows in ${data.length} table${data.length === 1 ? '' : 's'}`)),
        h('table', { class: 'kv' }, h('tbody', null, roots.map((t) => h('tr', null,
          h('th', null, h('a', { href: tableHref(t.name) }, t.name)),
          h('td', { class: 'num' }, fmtInt(t.rows)),
          h('td', { class: 'muted' }, [t.write_disposition, run?.row_counts?.[t.name] !== undefined ? `+${fmtInt(run.row_counts[t.name])} in last run` : null].filter(Boolean).join(' · '))))))),
      section('When',
        last
          ? [h('p', { class: 'big' }, ago(last.inserted_at)), h('p', null, 'last load ', timeEl(last.inserted_at), h('br'), h('code', null, last.load_id)),
            h('p', null, h('a', { href: '#/loads' }, `${fmtInt(overview.loads_total)} load${overview.loads_total === 1 ? '' : 's'} in total →`))]
          : h('p', { class: 'muted' }, 'nothing loaded yet'),
        run ? h('p', null, 'last run: ', h('a', { href: '#/trace', class: `pill pill-${run.status}` }, run.status), ' ', timeEl(run.finished_at ?? run.started_at)) : null),
      section('What the next run asks for',
        incremental.length
          ? h('ul', { class: 'next-run' }, incremental.map((i) => h('li', null,
            h('strong', null, i.resource), h('span', { class: 'muted' }, ` where ${i.cursor_path} ≥`), h('br'),
            h('code', { class: 'last-value' }, JSON.stringify(i.last_value ?? i.initial_value)))))
          : h('p', { class: 'muted' }, 'no incremental resources: every run reads everything'),
        h('p', null, h('a', { href: '#/state' }, 'incremental state →')))),
    section('Where',
      h('table', { class: 'kv' }, h('tbody', null,
        row('DuckDB file', h('code', null, p.destination_path)),
        row('dataset (schema)', h('code', null, p.dataset)),
        row('working folder', h('code', null, p.working_dir)),
        p.config_file ? row('config', h('code', null, p.config_file)) : null))),
  );
}

function row(k, v) {
  return h('tr', null, h('th', null, k), h('td', null, v));
}
