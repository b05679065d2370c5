// A results table used for a table's rows and for SQL results. It only
// shows what the server sent (one page); sorting asks the server again.

import { h } from './dom.js';
import { previewCell } from './values.js';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL.*)$/i;

/**
 * columns: [{ name, type, hints? }]; rows: arrays of values in column order.
 * sort/desc/onSort: sortable headers (omit onSort for a fixed table).
 * onRowClick(index): a row opens its panel; selected: the index shown selected.
 */
export function grid({ columns, rows, sort, desc, onSort, onRowClick, selected, testid }) {
  const head = h('tr', null, columns.map((c) => {
    const sorted = sort === c.name;
    const arrow = sorted ? (desc ? ' ▼' : ' ▲') : '';
    const label = [h('span', { class: 'col-name' }, c.name, arrow), badges(c.hints), h('span', { class: 'col-type' }, c.type)];
    return h('th', { scope: 'col', 'aria-sort': sorted ? (desc ? 'descending' : 'ascending') : null, dataset: { column: c.name } },
      onSort
        ? h('button', { type: 'button', class: 'sort', title: `sort by ${c.name}${sorted && !desc ? ' descending' : ''}`, onclick: () => onSort(c.name, sorted && !desc) }, label)
        : label);
  }));
  const body = rows.map((row, i) =>
    h('tr', {
      dataset: { rowIndex: String(i) },
      class: [onRowClick ? 'clickable' : '', selected === i ? 'selected' : ''].join(' ').trim() || null,
      onclick: onRowClick ? () => onRowClick(i) : null,
      tabindex: onRowClick ? '0' : null,
      onkeydown: onRowClick ? (e) => { if (e.key === 'Enter') onRowClick(i); } : null,
    }, row.map((v, j) => h('td', { class: NUMERIC.test(columns[j]?.type ?? '') ? 'num' : null }, previewCell(v, columns[j]?.type)))));
  return h('div', { class: 'grid-wrap' },
    h('table', { class: 'grid', 'data-testid': testid ?? null }, h('thead', null, head), h('tbody', null, body)));
}

/** Marks for a column's hints: PK, merge key, variant, nested-table keys. */
export function badges(hints = []) {
  const shown = {
    primary_key: ['PK', 'primary key'],
    merge_key: ['MK', 'merge key'],
    variant: ['variant', 'holds values that did not fit the column it is named after'],
    row_key: ['row key', "dlt's row id (_dlt_id)"],
    parent_key: ['parent', 'links to the parent row'],
    root_key: ['root', 'links to the root row'],
    incremental: ['cursor', 'incremental cursor'],
  };
  return hints.filter((x) => shown[x]).map((x) => h('span', { class: `badge badge-${x.replace(/_/g, '-')}`, title: shown[x][1] }, shown[x][0]));
}
