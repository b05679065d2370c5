// The dataset's tables as a tree: each root table with its nested tables
// below it, each with its row count; dlt's system tables folded at the end.

import { fmtInt, h } from '../dom.js';
import { tableHref } from '../router.js';

/** tables: from /api/overview, in tree order, each { name, parent, rows, system }. */
export function renderTree(container, tables) {
  if (!tables.length) {
    container.replaceChildren(h('p', { class: 'muted' }, 'No tables yet: run the pipeline first.'));
    return;
  }
  const names = new Set(tables.map((t) => t.name));
  const kids = new Map();
  for (const t of tables) {
    const key = t.parent && names.has(t.parent) ? t.parent : '';
    if (!kids.has(key)) kids.set(key, []);
    kids.get(key).push(t);
  }
  const node = (t) => h('li', { dataset: { table: t.name } },
    h('a', { href: tableHref(t.name), dataset: { tableLink: t.name }, title: t.parent ? `nested in ${t.parent}` : t.resource ? `resource ${t.resource}` : t.name },
      h('span', { class: 'tname' }, t.parent && t.name.startsWith(t.parent) ? [h('span', { class: 'prefix' }, t.parent), t.name.slice(t.parent.length)] : t.name),
      h('span', { class: 'count', 'data-testid': 'row-count' }, fmtInt(t.rows))),
    kids.has(t.name) ? h('ul', null, kids.get(t.name).map(node)) : null);
  const roots = kids.get('') ?? [];
  const data = roots.filter((t) => !t.system);
  const system = roots.filter((t) => t.system);
  container.replaceChildren(
    h('ul', { class: 'tree' }, data.map(node)),
    system.length ? h('details', { class: 'system-tables' }, h('summary', null, 'dlt system tables'), h('ul', { class: 'tree' }, system.map(node))) : null,
  );
}
