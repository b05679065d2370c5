// Rows per load over time as an inline SVG bar chart: one bar per load,
// oldest on the left, stacked by table. Drawn from the numbers the server
// counted; no charting library for forty lines of SVG.

import { fmtInt, fmtTime, h, svg } from './dom.js';

const PALETTE = ['#2f6fdf', '#e07b39', '#3a9d5d', '#9b59b6', '#c0392b', '#16a0a0', '#b7950b', '#7f8c8d'];

/** loads: newest first, each { load_id, inserted_at, rows: { table: n } }; tables: the stacked series. */
export function rowsPerLoadChart(loads, tables) {
  const series = [...loads].reverse();
  const W = 720, H = 200, left = 56, right = 8, top = 10, bottom = 34;
  const totals = series.map((l) => tables.reduce((a, t) => a + (l.rows[t] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const step = (W - left - right) / Math.max(series.length, 1);
  const barW = Math.max(2, Math.min(40, step * 0.7));
  const y = (n) => top + (H - top - bottom) * (1 - n / max);
  const color = (i) => PALETTE[i % PALETTE.length];
  const bars = series.map((l, i) => {
    const x = left + i * step + (step - barW) / 2;
    let acc = 0;
    return svg('g', { class: 'bar', 'data-load-id': l.load_id },
      svg('title', null, `${fmtTime(l.inserted_at)}  load ${l.load_id}\n${tables.map((t) => `${t}: ${fmtInt(l.rows[t] ?? 0)}`).join('\n')}\ntotal: ${fmtInt(totals[i])}`),
      tables.map((t, ti) => {
        const n = l.rows[t] ?? 0;
        if (!n) return null;
        const r = svg('rect', { x, y: y(acc + n), width: barW, height: Math.max(1, y(acc) - y(acc + n)), fill: color(ti) });
        acc += n;
        return r;
      }),
      // An empty load still gets a mark, so it is visible that it happened.
      totals[i] === 0 ? svg('rect', { x, y: y(0) - 1, width: barW, height: 1, fill: '#999' }) : null);
  });
  const axis = [
    svg('line', { x1: left, x2: W - right, y1: y(0), y2: y(0), class: 'axis' }),
    svg('line', { x1: left, x2: left, y1: top, y2: y(0), class: 'axis' }),
    svg('text', { x: left - 6, y: y(max) + 4, 'text-anchor': 'end', class: 'tick' }, fmtInt(max)),
    svg('text', { x: left - 6, y: y(0) + 4, 'text-anchor': 'end', class: 'tick' }, '0'),
  ];
  if (series.length) {
    axis.push(svg('text', { x: left, y: H - 12, class: 'tick' }, fmtTime(series[0].inserted_at)));
    if (series.length > 1) axis.push(svg('text', { x: W - right, y: H - 12, 'text-anchor': 'end', class: 'tick' }, fmtTime(series.at(-1).inserted_at)));
  }
  return h('figure', { class: 'chart', 'data-testid': 'loads-chart' },
    svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `rows per load, ${series.length} loads` }, axis, bars),
    h('figcaption', null,
      h('span', { class: 'muted' }, 'Rows now in each root table, by the load that wrote them (oldest left). '),
      tables.map((t, i) => h('span', { class: 'legend' }, h('span', { class: 'swatch', style: { background: color(i) } }), t))));
}
