import { JSONPath } from 'jsonpath-plus';

/**
 * JSONPath as dlt's `data_selector`, `cursor_path`, `next_url_path`... use it.
 * Almost every real path is a plain dotted path (`data`, `meta.next`,
 * `$.results[*]`); those compile to a direct accessor, because evaluating a
 * general JSONPath per response (or per row, for cursors) is where dlt spends
 * a surprising share of its time. Anything else falls back to jsonpath-plus.
 */
export type PathFinder = (value: unknown) => unknown[];

type Step = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'wildcard' };

const cache = new Map<string, PathFinder>();

export function compilePath(path: string): PathFinder {
  let f = cache.get(path);
  if (!f) {
    const steps = parseSimple(path);
    f = steps ? simpleFinder(steps) : generalFinder(path);
    cache.set(path, f);
  }
  return f;
}

/** All values at `path` in `value` (empty when nothing matches). */
export function findValues(path: string, value: unknown): unknown[] {
  return compilePath(path)(value);
}

/** The first value at `path`, or undefined. */
export function findValue(path: string, value: unknown): unknown {
  return compilePath(path)(value)[0];
}

/** True for paths that can only ever match one value (no wildcards). */
export function isSingularPath(path: string): boolean {
  const steps = parseSimple(path);
  return steps !== undefined && steps.every((s) => s.kind !== 'wildcard');
}

function parseSimple(path: string): Step[] | undefined {
  let p = path.trim();
  if (p === '$' || p === '') return [];
  if (p.startsWith('$.')) p = p.slice(2);
  else if (p.startsWith('$[')) p = p.slice(1);
  const steps: Step[] = [];
  const re = /^(?:\.?([A-Za-z_$@\-][\w$@\-]*)|\[(\d+)\]|\[\*\]|\.\*|\['([^']*)'\]|\["([^"]*)"\])/;
  let first = true;
  while (p.length > 0) {
    // A leading bare key has no dot; later ones must.
    const m = re.exec(first ? p : p.startsWith('.') || p.startsWith('[') ? p : '\u0000');
    if (!m) return undefined;
    if (m[1] !== undefined) steps.push({ kind: 'key', key: m[1] });
    else if (m[2] !== undefined) steps.push({ kind: 'index', index: Number(m[2]) });
    else if (m[3] !== undefined || m[4] !== undefined) steps.push({ kind: 'key', key: (m[3] ?? m[4])! });
    else steps.push({ kind: 'wildcard' });
    p = p.slice(m[0].length);
    first = false;
  }
  return steps;
}

function simpleFinder(steps: Step[]): PathFinder {
  if (steps.every((s) => s.kind === 'key')) {
    const keys = steps.map((s) => (s as { key: string }).key);
    return (value) => {
      let cur: unknown = value;
      for (const k of keys) {
        if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return [];
        cur = (cur as Record<string, unknown>)[k];
        if (cur === undefined) return [];
      }
      return [cur];
    };
  }
  return (value) => {
    let cur: unknown[] = [value];
    for (const s of steps) {
      const next: unknown[] = [];
      for (const v of cur) {
        if (v === null || typeof v !== 'object') continue;
        if (s.kind === 'key') {
          if (!Array.isArray(v) && (v as Record<string, unknown>)[s.key] !== undefined) next.push((v as Record<string, unknown>)[s.key]);
        } else if (s.kind === 'index') {
          if (Array.isArray(v) && s.index < v.length) next.push(v[s.index]);
        } else {
          next.push(...(Array.isArray(v) ? v : Object.values(v)));
        }
      }
      cur = next;
    }
    return cur;
  };
}

function generalFinder(path: string): PathFinder {
  const full = path.startsWith('$') ? path : `$.${path}`;
  return (value) => {
    if (value === null || typeof value !== 'object') return [];
    return JSONPath({ path: full, json: value as object, wrap: true, eval: false }) as unknown[];
  };
}
