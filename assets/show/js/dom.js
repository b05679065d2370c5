// DOM helpers: every piece of data reaches the page as text nodes or
// attribute values, never as HTML, so a value like "<script>" in an API
// response is shown, not run.

/** Creates an HTML element: h('a', { href: '#/', class: 'x', onclick: fn }, 'text', child). */
export function h(tag, props, ...children) {
  return build(document.createElement(tag), props, children);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element (for the loads chart). */
export function svg(tag, props, ...children) {
  return build(document.createElementNS(SVG_NS, tag), props, children);
}

function build(el, props, children) {
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.setAttribute('class', v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'style') Object.assign(el.style, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** 1234567 → "1,234,567". */
export function fmtInt(n) {
  return typeof n === 'number' ? n.toLocaleString('en-US') : String(n ?? '');
}

/** An ISO timestamp as "2024-02-01 10:00:00 UTC". */
export function fmtTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** "3 min ago", "2 days ago". */
export function ago(iso) {
  const t = new Date(iso).getTime();
  if (!iso || Number.isNaN(t)) return '';
  const s = Math.round((Date.now() - t) / 1000);
  if (s < 0) return 'in the future';
  const units = [['day', 86400], ['h', 3600], ['min', 60], ['s', 1]];
  for (const [name, size] of units) {
    if (s >= size) {
      const n = Math.floor(s / size);
      return `${n} ${name}${name === 'day' && n > 1 ? 's' : ''} ago`;
    }
  }
  return 'just now';
}

/** A time element showing the timestamp, with how long ago as its tooltip. */
export function timeEl(iso) {
  return h('time', { datetime: iso ?? '', title: iso ? `${ago(iso)} (${iso})` : '' }, fmtTime(iso));
}

/** Milliseconds as "850 ms" or "12.3 s". */
export function fmtMs(ms) {
  if (typeof ms !== 'number') return '—';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}

/** A section with a heading. */
export function section(title, ...children) {
  return h('section', { class: 'card' }, h('h2', null, title), ...children);
}

/** An error box: what went wrong and, if known, what to do. */
export function errorBox(e) {
  return h('div', { class: 'error', role: 'alert' },
    h('strong', null, e?.message ?? String(e)),
    e?.hint ? h('div', { class: 'hint' }, e.hint) : null);
}
