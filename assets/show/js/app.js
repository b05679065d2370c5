/*
 * restload's pipeline page: plain HTML, CSS and native ES modules, no
 * framework and no build step. Why:
 *   - it ships inside the npm package and works offline: nothing is fetched
 *     from a CDN, and there is no bundle to rebuild or to keep in sync with
 *     the TypeScript sources;
 *   - the page is small (a tree, a few tables, one chart, a text box): a
 *     framework would be most of its weight and its upgrade work, while the
 *     browser's own modules, <details> and inline SVG cover all of it;
 *   - the heavy work (paging, sorting, counting a million rows) happens in
 *     DuckDB on the server, so the browser only ever holds one page of rows.
 * Views build DOM with dom.js's h(), which only creates text nodes: data is
 * never parsed as HTML.
 */

import { get } from './api.js';
import { errorBox, fmtInt, h, ago } from './dom.js';
import { parseRoute } from './router.js';
import { renderTree } from './views/tree.js';
import { overviewView } from './views/overview.js';
import { tableView } from './views/table.js';
import { loadsView } from './views/loads.js';
import { stateView } from './views/state.js';
import { traceView } from './views/trace.js';
import { sqlView } from './views/sql.js';

const VIEWS = { overview: overviewView, table: tableView, loads: loadsView, state: stateView, trace: traceView, sql: sqlView };

const main = document.getElementById('main');
let overview;
let renderSeq = 0;

/** Fetches the overview (tables, counts, last run) that the header and the tree show. */
async function loadOverview() {
  try {
    overview = await get('overview');
  } catch (e) {
    overview = undefined;
    document.getElementById('tree').replaceChildren(errorBox(e));
    return;
  }
  const p = overview.pipeline;
  document.title = `${p.name} · restload`;
  document.getElementById('pipeline-title').replaceChildren(
    h('strong', null, p.name), ' ',
    h('span', { class: 'muted', title: p.destination_path }, `${p.dataset} in ${p.destination_path}`));
  const run = overview.last_run;
  document.getElementById('run-status').replaceChildren(run
    ? h('a', { href: '#/trace', class: `pill pill-${run.status}`, title: run.finished_at ?? run.started_at },
      `last run ${run.status} ${ago(run.finished_at ?? run.started_at)}`)
    : h('span', { class: 'pill' }, 'no run recorded'));
  const warnings = overview.warnings.length;
  const overviewLink = document.querySelector('[data-nav="overview"]');
  overviewLink.replaceChildren('Overview', warnings ? h('span', { class: 'count count-warn', title: `${warnings} warning(s)` }, fmtInt(warnings)) : '');
  renderTree(document.getElementById('tree'), overview.tables);
}

/** Renders the view for the current #hash; a slower, older render never overwrites a newer one. */
async function render() {
  const seq = ++renderSeq;
  const route = parseRoute(location.hash);
  for (const a of document.querySelectorAll('[data-nav], [data-table-link]')) {
    const active = a.dataset.nav === route.view || (route.view === 'table' && a.dataset.tableLink === route.arg);
    a.classList.toggle('active', active);
    if (active) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const slow = setTimeout(() => { if (seq === renderSeq) main.setAttribute('aria-busy', 'true'); }, 150);
  let el;
  try {
    el = await (VIEWS[route.view] ?? overviewView)({ ...route, overview, isCurrent: () => seq === renderSeq });
  } catch (e) {
    el = errorBox(e);
  }
  clearTimeout(slow);
  if (seq !== renderSeq) return;
  main.removeAttribute('aria-busy');
  main.replaceChildren(el);
}

document.getElementById('refresh').addEventListener('click', async () => {
  await loadOverview();
  await render();
});
window.addEventListener('hashchange', () => render());

await loadOverview();
await render();
