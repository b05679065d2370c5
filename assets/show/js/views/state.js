// Incremental state per resource: the cursor, where it started, where it is
// now (what the next run asks for) and when it last moved.

import { get } from '../api.js';
import { h, section, timeEl, ago } from '../dom.js';
import { valueView } from '../values.js';

export async function stateView() {
  const v = await get('state');
  return h('div', { class: 'view state', 'data-testid': 'state' },
    h('h1', null, 'Incremental state'),
    h('p', { class: 'muted' }, v.from === 'destination'
      ? 'As committed in the destination (_dlt_pipeline_state) by the last successful load.'
      : v.from === 'working folder' ? 'From the working folder (the destination has no state yet).' : 'No state stored yet.'),
    v.incremental.length
      ? h('div', { class: 'grid-wrap' }, h('table', { class: 'grid', 'data-testid': 'state-grid' },
        h('thead', null, h('tr', null, ['resource', 'cursor path', 'last value (next run starts here)', 'initial value', 'last moved'].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', null, v.incremental.map((i) => h('tr', { dataset: { resource: i.resource } },
          h('td', null, h('strong', null, i.resource)),
          h('td', null, h('code', null, i.cursor_path)),
          h('td', null, h('code', { class: 'last-value', 'data-testid': 'last-value' }, JSON.stringify(i.last_value))),
          h('td', null, h('code', null, JSON.stringify(i.initial_value))),
          h('td', null, i.last_value_at ? [timeEl(i.last_value_at), h('div', { class: 'muted' }, ago(i.last_value_at))] : h('span', { class: 'muted' }, 'not recorded')))))))
      : h('p', null, 'No resource of this pipeline is incremental: every run reads everything.'),
    v.state ? section('The whole state document', h('div', { class: 'raw' }, valueView(v.state, undefined, 0))) : null,
  );
}
