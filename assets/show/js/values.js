// How one value reads: a short preview for a grid cell, and a full view
// (expandable JSON tree, wrapped long text) for the row panel. Values arrive
// as JSON: numbers, strings, booleans, null, arrays and objects (DuckDB lists
// and structs), and JSON columns as strings, parsed here.

import { h } from './dom.js';

const PREVIEW_CHARS = 120;
const LONG_TEXT = 300;

/** A JSON column's text parsed, a nested value as is, anything else unchanged. */
export function decode(value, type) {
  if (typeof value === 'string' && /^JSON$/i.test(type ?? '')) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

function kind(v) {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** The grid cell for a value: one line, shortened, with a class for its kind. */
export function previewCell(value, type) {
  const v = decode(value, type);
  const k = kind(v);
  if (k === 'null') return h('span', { class: 'v-null' }, 'null');
  if (k === 'array') return h('span', { class: 'v-nested', title: 'click the row to see it all' }, `[${v.length} item${v.length === 1 ? '' : 's'}] `, h('span', { class: 'muted' }, short(JSON.stringify(v))));
  if (k === 'object') {
    const n = Object.keys(v).length;
    return h('span', { class: 'v-nested', title: 'click the row to see it all' }, `{${n} key${n === 1 ? '' : 's'}} `, h('span', { class: 'muted' }, short(JSON.stringify(v))));
  }
  if (k === 'string') {
    const s = short(v);
    return h('span', { class: 'v-string', title: v.length > PREVIEW_CHARS ? `${v.length} characters: click the row to read it all` : null }, s);
  }
  return h('span', { class: `v-${k}` }, String(v));
}

function short(s) {
  const one = s.replace(/\s+/g, ' ');
  return one.length > PREVIEW_CHARS ? `${one.slice(0, PREVIEW_CHARS)}…` : one;
}

/**
 * The full value: nested JSON as a tree that opens and closes, long text
 * folded. Inside JSON, strings keep their quotes so "1" and 1 differ.
 */
export function valueView(value, type, depth = 0) {
  const v = decode(value, type);
  const k = kind(v);
  if (k === 'null') return h('span', { class: 'v-null' }, 'null');
  if (k === 'array' || k === 'object') return tree(v, depth);
  if (k === 'string') return textView(depth > 0 ? JSON.stringify(v) : v);
  return h('span', { class: `v-${k}` }, String(v));
}

function tree(v, depth) {
  const entries = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  const label = Array.isArray(v) ? `[${v.length} item${v.length === 1 ? '' : 's'}]` : `{${entries.length} key${entries.length === 1 ? '' : 's'}}`;
  if (!entries.length) return h('span', { class: 'v-nested' }, Array.isArray(v) ? '[]' : '{}');
  return h('details', { class: 'json', open: depth < 2 },
    h('summary', null, label),
    h('ul', null, entries.map(([key, x]) =>
      h('li', null, h('span', { class: 'json-key' }, Array.isArray(v) ? `${key}` : JSON.stringify(String(key))), ': ', valueView(x, undefined, depth + 1)))),
  );
}

function textView(s) {
  if (s.length <= LONG_TEXT && !s.includes('\n')) return h('span', { class: 'v-string' }, s);
  return h('details', { class: 'long-text', open: s.length <= LONG_TEXT },
    h('summary', null, `${short(s)} `, h('span', { class: 'muted' }, `(${s.length.toLocaleString('en-US')} characters)`)),
    h('pre', null, s));
}
