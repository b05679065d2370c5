// Warnings computed by the server (src/show/warnings.ts): a failed run, one
// page of a paginated endpoint, a round row count, a new variant column.

import { h } from '../dom.js';
import { tableHref } from '../router.js';

export function warningsList(warnings) {
  if (!warnings?.length) return h('p', { class: 'ok', 'data-testid': 'no-warnings' }, '✓ No warnings.');
  return h('ul', { class: 'warnings', 'data-testid': 'warnings' }, warnings.map((w) =>
    h('li', { class: `warning level-${w.level}`, dataset: { kind: w.kind } },
      h('strong', null, w.level === 'error' ? 'Error: ' : 'Warning: '), w.message,
      w.table ? [' ', h('a', { href: tableHref(w.table) }, `open ${w.table}`)] : null,
      w.hint ? h('div', { class: 'hint' }, w.hint) : null)));
}
