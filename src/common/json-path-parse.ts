/**
 * A parser for JSONPath as dlt writes it. dlt compiles every path with
 * jsonpath-ng's extended parser (`jsonpath_ng.ext.parse`), so this follows
 * that grammar rather than Goessner's or RFC 9535's: bare (`data.items`) and
 * `$`-rooted paths, quoted keys (`'@odata.nextLink'`, `["a.b"]`), negative
 * indexes (`data[-1].id`), slices, `[*]`, `..`, `|` unions, `where`,
 * parentheses and filters (`[?(@.price > 10 & @.kind == 'book')]`).
 * Sorting and arithmetic, which jsonpath-ng also has, are refused with a
 * message saying so: no rest_api field needs them.
 */

/** A parsed path. Evaluation lives in json-path.ts. */
export type PathNode =
  | { t: 'root' }
  | { t: 'this' }
  | { t: 'fields'; names: string[] | '*' }
  | { t: 'index'; indices: number[] }
  | { t: 'slice'; start?: number; end?: number; step?: number }
  | { t: 'filter'; exprs: FilterExpr[] }
  | { t: 'len' }
  | { t: 'keys' }
  | { t: 'child' | 'descendants' | 'union'; left: PathNode; right: PathNode }
  | { t: 'where'; left: PathNode; right: PathNode; not: boolean };

/** One condition of a filter: a path, and optionally a comparison of what it finds. */
export interface FilterExpr {
  target: PathNode;
  op?: FilterOp;
  value?: string | number | boolean;
  /** The value was written as a float literal (`1.5`): compared without int coercion. */
  float?: boolean;
}

export const FILTER_OPS = ['==', '=', '!=', '<=', '>=', '<', '>', '=~'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

/** A path that jsonpath-ng would not parse either (or that uses a part restload does not evaluate). */
export class JsonPathSyntaxError extends Error {
  constructor(
    readonly path: string,
    readonly position: number,
    readonly reason: string,
  ) {
    super(`invalid JSONPath "${path}": ${reason}${position >= 0 ? ` at character ${position + 1}` : ''}`);
    this.name = 'JsonPathSyntaxError';
  }
}

type Tok =
  | { k: 'punct'; v: string; at: number }
  | { k: 'id'; v: string; quoted: boolean; at: number }
  | { k: 'num'; v: number; float: boolean; at: number }
  | { k: 'op'; v: FilterOp; at: number }
  | { k: 'named'; v: string; at: number }
  | { k: 'end'; at: number };

// jsonpath-ng's ID, with letters beyond ASCII allowed (keys in other scripts).
const ID = /^@?[\p{L}_][\p{L}\p{N}_@-]*/u;
const NUM = /^-?\d+(\.\d+)?/;
const OP = /^(=~|==|=|!=|<=|>=|<|>)/;
const PUNCT = '.[]()$,:|&*?@/\\+-';

function tokenize(path: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const fail = (reason: string, at = i): never => {
    throw new JsonPathSyntaxError(path, at, reason);
  };
  while (i < path.length) {
    const c = path[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const rest = path.slice(i);
    if (rest.startsWith('..')) {
      out.push({ k: 'punct', v: '..', at: i });
      i += 2;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      let text = '';
      while (j < path.length && path[j] !== c) {
        if (path[j] === '\\' && j + 1 < path.length) {
          text += path[j + 1];
          j += 2;
        } else text += path[j++];
      }
      if (j >= path.length) fail(`unclosed ${c} quote`);
      if (c === '`') out.push({ k: 'named', v: text, at: i });
      else out.push({ k: 'id', v: text, quoted: true, at: i });
      i = j + 1;
      continue;
    }
    const num = NUM.exec(rest);
    if (num && (c !== '-' || /\d/.test(path[i + 1] ?? ''))) {
      out.push({ k: 'num', v: Number(num[0]), float: num[1] !== undefined, at: i });
      i += num[0].length;
      continue;
    }
    const id = ID.exec(rest);
    if (id) {
      out.push({ k: 'id', v: id[0], quoted: false, at: i });
      i += id[0].length;
      continue;
    }
    const op = OP.exec(rest);
    if (op) {
      out.push({ k: 'op', v: op[0] as FilterOp, at: i });
      i += op[0].length;
      continue;
    }
    if (PUNCT.includes(c)) {
      out.push({ k: 'punct', v: c, at: i });
      i++;
      continue;
    }
    fail(`unexpected character "${c}"`);
  }
  out.push({ k: 'end', at: path.length });
  return out;
}

/** Binary operators from the loosest to the tightest, as jsonpath-ng's precedence table has them. */
const LEVELS: readonly string[] = ['..', '.', '|', '&', 'where', 'wherenot'];

/** Parses one path; throws JsonPathSyntaxError where jsonpath-ng would fail to parse it. */
export function parseJsonPath(path: string): PathNode {
  const toks = tokenize(path);
  let pos = 0;
  const peek = () => toks[pos]!;
  const fail = (reason: string, tok: Tok = peek()): never => {
    throw new JsonPathSyntaxError(path, tok.at, reason);
  };
  const isPunct = (v: string, tok: Tok = peek()) => tok.k === 'punct' && tok.v === v;
  const expect = (v: string) => {
    if (!isPunct(v)) fail(`expected "${v}"${describe(peek())}`);
    pos++;
  };
  const binaryLevel = (tok: Tok, inFilter: boolean): number => {
    if (tok.k === 'punct') return tok.v === '&' && inFilter ? -1 : LEVELS.indexOf(tok.v);
    if (tok.k === 'id' && !tok.quoted && (tok.v === 'where' || tok.v === 'wherenot')) return LEVELS.indexOf(tok.v);
    return -1;
  };

  function expr(min: number, inFilter: boolean): PathNode {
    let left = postfix(inFilter);
    for (;;) {
      const tok = peek();
      const level = binaryLevel(tok, inFilter);
      if (level < 0 || level < min) return left;
      pos++;
      const op = LEVELS[level]!;
      if (op === '&') fail('"&" (intersection) is not implemented by jsonpath-ng', tok);
      const right = expr(level + 1, inFilter);
      if (op === '..') left = { t: 'descendants', left, right };
      else if (op === '.') left = { t: 'child', left, right };
      else if (op === '|') left = { t: 'union', left, right };
      else left = { t: 'where', left, right, not: op === 'wherenot' };
    }
  }

  function postfix(inFilter: boolean): PathNode {
    let node = atom(inFilter);
    while (isPunct('[')) node = { t: 'child', left: node, right: bracket() };
    return node;
  }

  function atom(inFilter: boolean): PathNode {
    const tok = peek();
    if (tok.k === 'punct') {
      if (tok.v === '$') return pos++, { t: 'root' };
      if (tok.v === '@') return pos++, { t: 'this' };
      if (tok.v === '*') return pos++, { t: 'fields', names: '*' };
      if (tok.v === '[') return bracket();
      if (tok.v === '(') {
        pos++;
        const inner = expr(0, inFilter);
        expect(')');
        return inner;
      }
    }
    if (tok.k === 'id') return { t: 'fields', names: fieldList() };
    if (tok.k === 'named') {
      pos++;
      if (tok.v === 'this') return { t: 'this' };
      if (tok.v === 'len') return { t: 'len' };
      if (tok.v === 'keys') return { t: 'keys' };
      return fail(`the operator \`${tok.v}\` is not supported by restload`, tok);
    }
    // jsonpath-ng reads a number outside brackets as a key: `data.0` is the key "0" (an index is `data[0]`).
    if (tok.k === 'num' && !tok.float) return pos++, { t: 'fields', names: [String(tok.v)] };
    if (tok.k === 'num') return fail(`a number must be in brackets ([${tok.v}])`, tok);
    return fail(`expected a key, "$", "*" or "["${describe(tok)}`, tok);
  }

  function fieldList(): string[] {
    const names: string[] = [];
    for (;;) {
      const tok = peek();
      if (tok.k !== 'id') fail(`expected a key${describe(tok)}`);
      names.push((tok as { v: string }).v);
      pos++;
      if (!(isPunct(',') && toks[pos + 1]?.k === 'id')) return names;
      pos++;
    }
  }

  function bracket(): PathNode {
    const open = peek();
    expect('[');
    let node: PathNode;
    const tok = peek();
    if (isPunct('*') && isPunct(']', toks[pos + 1])) {
      pos++;
      node = { t: 'slice' };
    } else if (isPunct('?')) {
      pos++;
      node = { t: 'filter', exprs: filterExprs() };
    } else if (isPunct('/') || isPunct('\\')) {
      return fail('sorting ([/key], [\\key]) is not supported by restload');
    } else if (tok.k === 'id') {
      node = { t: 'fields', names: fieldList() };
    } else if (tok.k === 'num' || isPunct(':')) {
      node = indexOrSlice();
    } else {
      return fail(`expected an index, a slice, a quoted key, "*" or a filter after "["${describe(tok)}`);
    }
    if (!isPunct(']')) fail(`expected "]" to close the "[" at character ${open.at + 1}${describe(peek())}`);
    pos++;
    return node;
  }

  function int(): number | undefined {
    const tok = peek();
    if (tok.k !== 'num') return undefined;
    if (tok.float) fail('an index must be an integer', tok);
    pos++;
    return tok.v;
  }

  function indexOrSlice(): PathNode {
    const first = int();
    if (!isPunct(':')) {
      const indices = [first!];
      while (isPunct(',')) {
        pos++;
        const n = int();
        if (n === undefined) fail(`expected an index after ","${describe(peek())}`);
        indices.push(n!);
      }
      return { t: 'index', indices };
    }
    pos++;
    const end = int();
    let step: number | undefined;
    if (isPunct(':')) {
      pos++;
      step = int();
      if (step === 0) fail('a slice step must not be zero');
    }
    return { t: 'slice', start: first, end, step };
  }

  function filterExprs(): FilterExpr[] {
    // `[?a > 1 & b]` and `[?(a > 1 & b)]` are the same filter.
    if (isPunct('(')) {
      const save = pos;
      pos++;
      const inner = filterExprs();
      if (isPunct(')')) {
        pos++;
        if (!isPunct('&')) return inner;
        pos++;
        return [...inner, ...filterExprs()];
      }
      pos = save;
    }
    const out: FilterExpr[] = [filterExpr()];
    while (isPunct('&')) {
      pos++;
      out.push(...filterExprs());
    }
    return out;
  }

  function filterExpr(): FilterExpr {
    const target = expr(0, true);
    const tok = peek();
    if (tok.k !== 'op') return { target };
    pos++;
    const v = peek();
    if (v.k === 'num') return pos++, { target, op: tok.v, value: v.v, float: v.float };
    if (v.k === 'id') {
      pos++;
      if (!v.quoted && (v.v === 'true' || v.v === 'false')) return { target, op: tok.v, value: v.v === 'true' };
      return { target, op: tok.v, value: v.v };
    }
    return fail(`expected a value after "${tok.v}"${describe(v)}`, v);
  }

  if (peek().k === 'end') fail('the path is empty');
  const node = expr(0, false);
  const left = peek();
  if (left.k === 'punct' && '+-*/'.includes(left.v)) fail('arithmetic (+ - * /) is not supported by restload', left);
  if (left.k !== 'end') fail(`unexpected ${describe(peek()).replace(/^, got /, '') || 'text'}`);
  return node;
}

function describe(tok: Tok): string {
  switch (tok.k) {
    case 'end':
      return ', got the end of the path';
    case 'id':
      return `, got ${tok.quoted ? `'${tok.v}'` : `"${tok.v}"`}`;
    case 'named':
      return `, got \`${tok.v}\``;
    default:
      return `, got "${tok.v}"`;
  }
}
