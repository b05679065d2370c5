import { RestloadError } from './errors.js';
import { JsonPathSyntaxError, parseJsonPath, type FilterExpr, type PathNode } from './json-path-parse.js';

export { JsonPathSyntaxError } from './json-path-parse.js';

/**
 * JSONPath as dlt's `data_selector`, `cursor_path`, `next_url_path`,
 * `total_path`, `has_more_path` and incremental `cursor_path` use it, with
 * jsonpath-ng's grammar and results (see json-path-parse.ts): `data[-1].id`
 * is the last item's id, `[*]` on an object is that object, a key that holds
 * null matches (with the value null), `.*` on a list matches nothing.
 *
 * A path is compiled once into a function and cached, because it is applied
 * to every response (and incremental cursors to every row). Plain dotted
 * paths, nearly all real ones, compile to a direct key walk.
 */
export type PathFinder = (value: unknown) => unknown[];

type Finder = (value: unknown, root: unknown) => unknown[];

const cache = new Map<string, PathFinder>();

/**
 * The finder for `path`. A path jsonpath-ng would not parse throws a
 * RestloadError (config code, exit 2), except a string with none of
 * JSONPath's special characters (`my key`), which is read as one key:
 * primary keys and column names come here too.
 */
export function compilePath(path: string): PathFinder {
  let f = cache.get(path);
  if (!f) {
    f = build(path);
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

/**
 * Why `path` can never match anything (jsonpath-ng would refuse to parse
 * it), or undefined for a valid path. For `validate`.
 */
export function jsonPathSyntaxError(path: string): string | undefined {
  try {
    parseJsonPath(path);
    return undefined;
  } catch (e) {
    if (e instanceof JsonPathSyntaxError) return e.message;
    throw e;
  }
}

/** True for paths that can only ever match one value (keys and indexes, no wildcards or filters). */
export function isSingularPath(path: string): boolean {
  try {
    return singular(parseJsonPath(path));
  } catch {
    return false;
  }
}

function singular(n: PathNode): boolean {
  switch (n.t) {
    case 'root':
    case 'this':
    case 'len':
      return true;
    case 'fields':
      return n.names !== '*' && n.names.length === 1;
    case 'index':
      return n.indices.length === 1;
    case 'child':
      return singular(n.left) && singular(n.right);
    default:
      return false;
  }
}

const SPECIAL = /[.[\]()$*?@'"`|&,:\\]/;

function build(path: string): PathFinder {
  if (path.trim() === '' || path.trim() === '$') return (v) => (v === undefined ? [] : [v]);
  let node: PathNode;
  try {
    node = parseJsonPath(path);
  } catch (e) {
    if (!(e instanceof JsonPathSyntaxError)) throw e;
    if (!SPECIAL.test(path)) return keyChain([path]);
    throw new RestloadError(e.message, { code: 'JSONPATH', exitCode: 2, hint: JSONPATH_HINT });
  }
  const keys = plainKeys(node);
  if (keys) return keyChain(keys);
  const f = compile(node);
  return (v) => f(v, v);
}

export const JSONPATH_HINT = "JSONPath as dlt writes it: data.items, $.results[*], data[-1].id, $['@odata.nextLink']";

/** `a.b.c`, `$.a.b`, `$['a'].b`: a chain of single keys, or undefined. */
function plainKeys(n: PathNode): string[] | undefined {
  if (n.t === 'fields') return n.names !== '*' && n.names.length === 1 ? [n.names[0]!] : undefined;
  if (n.t === 'root' || n.t === 'this') return [];
  if (n.t !== 'child') return undefined;
  const left = plainKeys(n.left);
  const right = left && n.right.t !== 'root' ? plainKeys(n.right) : undefined;
  return left && right ? [...left, ...right] : undefined;
}

function keyChain(keys: string[]): PathFinder {
  if (keys.length === 0) return (v) => (v === undefined ? [] : [v]);
  return (value) => {
    let cur: unknown = value;
    for (const k of keys) {
      if (!isObject(cur) || !Object.hasOwn(cur, k)) return [];
      cur = cur[k];
      if (cur === undefined) return [];
    }
    return [cur];
  };
}

function compile(n: PathNode): Finder {
  switch (n.t) {
    case 'root':
      return (_v, root) => [root];
    case 'this':
      return (v) => [v];
    case 'fields':
      return fieldsFinder(n.names);
    case 'index': {
      const { indices } = n;
      return (v) => {
        if (!Array.isArray(v) || v.length === 0) return [];
        const out: unknown[] = [];
        for (const i of indices) {
          const at = i < 0 ? v.length + i : i;
          if (at >= 0 && at < v.length) out.push(v[at]);
        }
        return out;
      };
    }
    case 'slice':
      return sliceFinder(n.start, n.end, n.step);
    case 'filter':
      return filterFinder(n.exprs);
    case 'len':
      return (v) => (Array.isArray(v) || typeof v === 'string' ? [v.length] : isObject(v) ? [Object.keys(v).length] : []);
    case 'keys':
      return (v) => (isObject(v) ? [...Object.keys(v)] : []);
    case 'child': {
      const left = compile(n.left);
      const right = compile(n.right);
      return (v, root) => {
        const matches = left(v, root);
        // The usual case (a key, then `[*]` or another key): no copying of what the right side found.
        if (matches.length === 1) return right(matches[0], root);
        const out: unknown[] = [];
        for (const m of matches) for (const r of right(m, root)) out.push(r);
        return out;
      };
    }
    case 'descendants': {
      const left = compile(n.left);
      const right = compile(n.right);
      return (v, root) => {
        const out: unknown[] = [];
        const walk = (d: unknown) => {
          for (const r of right(d, root)) out.push(r);
          if (Array.isArray(d)) for (const el of d) walk(el);
          else if (isObject(d)) for (const k of Object.keys(d)) walk(d[k]);
        };
        for (const m of left(v, root)) walk(m);
        return out;
      };
    }
    case 'union': {
      const left = compile(n.left);
      const right = compile(n.right);
      return (v, root) => [...left(v, root), ...right(v, root)];
    }
    case 'where': {
      const left = compile(n.left);
      const right = compile(n.right);
      const keep = !n.not;
      return (v, root) => left(v, root).filter((m) => right(m, root).length > 0 === keep);
    }
  }
}

function fieldsFinder(names: string[] | '*'): Finder {
  if (names === '*') return (v) => (isObject(v) ? Object.values(v) : []);
  return (v) => {
    if (!isObject(v)) return [];
    const out: unknown[] = [];
    for (const k of names) if (Object.hasOwn(v, k) && v[k] !== undefined) out.push(v[k]);
    return out;
  };
}

/**
 * jsonpath-ng's Slice: Python slice semantics on a list; an object, number
 * or string is taken as a one-element list (so `data[*]` on an object is that
 * object), and a falsy value (null, 0, "", [], {}) gives nothing.
 */
function sliceFinder(start: number | undefined, end: number | undefined, step: number | undefined): Finder {
  const all = start === undefined && end === undefined && (step === undefined || step === 1);
  return (v) => {
    if (!pyTruthy(v)) return [];
    const list = Array.isArray(v) ? v : [v];
    if (all) return list.slice();
    const out: unknown[] = [];
    for (const i of sliceIndices(list.length, start, end, step ?? 1)) out.push(list[i]);
    return out;
  };
}

/** The indexes Python's `range(len)[start:end:step]` gives. */
function sliceIndices(len: number, start: number | undefined, end: number | undefined, step: number): number[] {
  const clamp = (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi);
  const norm = (x: number | undefined, dflt: number, lo: number, hi: number) => (x === undefined ? dflt : clamp(x < 0 ? x + len : x, lo, hi));
  const out: number[] = [];
  if (step > 0) {
    const s = norm(start, 0, 0, len);
    const e = norm(end, len, 0, len);
    for (let i = s; i < e; i += step) out.push(i);
  } else {
    const s = norm(start, len - 1, -1, len - 1);
    const e = norm(end, -1, -1, len - 1);
    for (let i = s; i > e; i += step) out.push(i);
  }
  return out;
}

/**
 * jsonpath-ng's Filter: the elements of a list (or the values of an object)
 * for which every condition holds. A condition without an operator holds
 * when its path finds something; with one, when some found value compares
 * true. Against an integer, the found value is converted as Python's int()
 * would (`"5"` equals 5); values that do not convert, or compare with a
 * value of another type, do not match.
 */
function filterFinder(exprs: FilterExpr[]): Finder {
  const conds = exprs.map((e) => ({ target: compile(e.target), test: comparer(e) }));
  return (v) => {
    const elements = Array.isArray(v) ? v : isObject(v) ? Object.values(v) : undefined;
    if (!elements) return [];
    return elements.filter((el) => conds.every((c) => c.target(el, el).some(c.test)));
  };
}

function comparer(e: FilterExpr): (found: unknown) => boolean {
  const { op, value } = e;
  if (op === undefined) return () => true;
  if (op === '=~') {
    const re = new RegExp(String(value));
    return (found) => typeof found === 'string' && re.test(found);
  }
  const intTarget = typeof value === 'number' && !e.float;
  const cmp = (a: unknown): boolean => {
    if (op === '==' || op === '=') return a === value;
    if (op === '!=') return a !== value;
    if (typeof a !== typeof value || (typeof a !== 'number' && typeof a !== 'string')) return false;
    const x = a as number | string;
    const y = value as number | string;
    return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
  };
  return (found) => {
    if (intTarget) {
      const n = pyInt(found);
      return n !== undefined && cmp(n);
    }
    if (typeof value === 'boolean') return cmp(pyTruthy(found));
    return cmp(found);
  };
}

function pyInt(v: unknown): number | undefined {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : undefined;
  if (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

function pyTruthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return Object.keys(v).length > 0;
  return Boolean(v);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
