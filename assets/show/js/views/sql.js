// A read-only SQL box. The server runs one SELECT-like statement against
// the DuckDB file opened read-only and returns at most 1000 rows; table
// names resolve in the pipeline's dataset, so `SELECT * FROM issues` works.

import { post } from '../api.js';
import { errorBox, fmtInt, h } from '../dom.js';
import { grid } from '../grid.js';

const KEY = 'restload.sql';

export async function sqlView({ overview }) {
  const tables = (overview?.tables ?? []).filter((t) => !t.system);
  const first = tables.find((t) => !t.parent)?.name;
  const examples = [];
  if (first) examples.push(['rows', `SELECT * FROM ${q(first)} LIMIT 100`]);
  const child = tables.find((t) => t.parent);
  if (child) examples.push(['nested rows', `SELECT p._dlt_id, c.*\nFROM ${q(child.parent)} p JOIN ${q(child.name)} c ON c._dlt_parent_id = p._dlt_id\nLIMIT 100`]);
  if (tables.length) examples.push(['row counts', tables.map((t) => `SELECT '${t.name.replace(/'/g, "''")}' AS table_name, count(*) AS row_count FROM ${q(t.name)}`).join('\nUNION ALL ') + '\nORDER BY row_count DESC']);
  examples.push(['loads', 'SELECT * FROM _dlt_loads ORDER BY inserted_at DESC']);
  const box = h('textarea', { id: 'sql', spellcheck: 'false', rows: 6, 'aria-label': 'SQL query', 'data-testid': 'sql-input' });
  box.value = sessionStorage.getItem(KEY) ?? examples[0]?.[1] ?? '';
  const out = h('div', { class: 'sql-result', 'data-testid': 'sql-result' });
  const runBtn = h('button', { type: 'button', class: 'primary', 'data-testid': 'sql-run' }, 'Run');
  const run = async () => {
    sessionStorage.setItem(KEY, box.value);
    runBtn.disabled = true;
    out.replaceChildren(h('p', { class: 'muted' }, 'Running…'));
    try {
      const r = await post('sql', { sql: box.value });
      out.replaceChildren(
        h('p', { class: 'muted', 'data-testid': 'sql-summary' },
          r.truncated ? `first ${fmtInt(r.cap)} rows (the query has more: add a LIMIT or aggregate)` : `${fmtInt(r.rows.length)} row${r.rows.length === 1 ? '' : 's'}`, ` · ${r.ms} ms`),
        r.columns.length ? grid({ columns: r.columns, rows: r.rows, testid: 'sql-grid' }) : null);
    } catch (e) {
      out.replaceChildren(errorBox(e));
    } finally {
      runBtn.disabled = false;
    }
  };
  runBtn.addEventListener('click', run);
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  });
  return h('div', { class: 'view sql' },
    h('h1', null, 'SQL'),
    h('p', { class: 'muted' }, 'One read-only query (SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE...) against the DuckDB file, opened read-only. At most 1,000 rows are shown. Ctrl+Enter runs it.'),
    box,
    h('div', { class: 'sql-actions' }, runBtn,
      examples.length ? [h('span', { class: 'muted' }, ' examples: '), examples.map(([label, x]) =>
        h('button', { type: 'button', class: 'link', title: x, onclick: () => { box.value = x; box.focus(); } }, label))] : null),
    out);
}

/** A quoted SQL name. */
function q(name) {
  return `"${name.replace(/"/g, '""')}"`;
}
