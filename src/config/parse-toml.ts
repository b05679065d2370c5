import { ParseError, parseTOML, type AST } from 'toml-eslint-parser';
import type { Position, PositionNode } from './positions.js';

/** A TOML syntax error, where it is. */
export class TomlSyntaxError extends Error {
  constructor(message: string, readonly at: Position) {
    super(message);
  }
}

/**
 * TOML through toml-eslint-parser, whose syntax tree keeps every key's and
 * value's position: a config path is located under the table that really
 * holds it (`[[resources]]` number 2, a dotted key, an inline table), not at
 * the first line that happens to spell the same key.
 *
 * Date-times become the text they were written as: everywhere a config takes
 * a date (`initial_value`, `end_value`) it takes a string, as a YAML or JSON
 * config writes it.
 */
export function parseToml(text: string): { value: Record<string, unknown>; positions: PositionNode } {
  let ast: AST.TOMLProgram;
  try {
    ast = parseTOML(text);
  } catch (e) {
    if (e instanceof ParseError) throw new TomlSyntaxError(e.message, { line: e.lineNumber, column: e.column + 1 });
    throw e;
  }
  const value: Record<string, unknown> = {};
  const positions: PositionNode = { at: { line: 1, column: 1 }, children: new Map() };
  for (const item of ast.body[0].body) {
    if (item.type === 'TOMLTable') addTable(value, positions, item);
    else addKeyValue(value, positions, item);
  }
  return { value, positions };
}

const start = (n: { loc: { start: { line: number; column: number } } }): Position => ({ line: n.loc.start.line, column: n.loc.start.column + 1 });

function keyNames(key: AST.TOMLKey): string[] {
  return key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value));
}

function setOwn(obj: Record<string, unknown> | unknown[], key: string | number, v: unknown): void {
  // defineProperty: a key "__proto__" is data, not the object's prototype.
  Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
}

/** The child position node for `seg`, created (at `at`) if the path did not exist yet. */
function child(node: PositionNode, seg: string | number, at: Position, keyAt?: Position): PositionNode {
  node.children ??= new Map();
  let c = node.children.get(String(seg));
  if (!c) {
    c = { at, key: keyAt };
    node.children.set(String(seg), c);
  }
  return c;
}

/**
 * `[a.b]` / `[[a.b]]`: the parser resolves the header to a path with array
 * indexes (`['resources', 1, 'endpoint']`) and has already refused
 * redefinitions; walk it, creating tables and array-of-table entries.
 */
function addTable(root: Record<string, unknown>, rootPos: PositionNode, table: AST.TOMLTable): void {
  const segs = table.key.keys;
  const header = start(table);
  let obj: Record<string, unknown> | unknown[] = root;
  let pos = rootPos;
  let keyIdx = 0;
  const path = table.resolvedKey;
  for (let p = 0; p < path.length; p++) {
    const seg = path[p]!;
    const isIndex = typeof seg === 'number';
    const keyAt = isIndex ? undefined : start(segs[Math.min(keyIdx++, segs.length - 1)]!);
    const nextIsIndex = typeof path[p + 1] === 'number';
    let next = (obj as Record<string | number, unknown>)[seg];
    if (next === undefined) {
      next = nextIsIndex ? [] : {};
      setOwn(obj, seg, next);
    }
    // The table itself (and an array entry) is where its header starts; a table on the way, its key.
    pos = child(pos, seg, isIndex || p === path.length - 1 ? header : keyAt!, keyAt);
    obj = next as Record<string, unknown> | unknown[];
  }
  for (const kv of table.body) addKeyValue(obj as Record<string, unknown>, pos, kv);
}

/** `a.b.c = v`: intermediate tables are created (dotted keys), the value is converted. */
function addKeyValue(obj: Record<string, unknown>, pos: PositionNode, kv: AST.TOMLKeyValue): void {
  const names = keyNames(kv.key);
  const segs = kv.key.keys;
  for (let i = 0; i < names.length - 1; i++) {
    const name = names[i]!;
    let next = obj[name];
    if (next === undefined || next === null || typeof next !== 'object') {
      next = {};
      setOwn(obj, name, next);
    }
    pos = child(pos, name, start(segs[i]!), start(segs[i]!));
    obj = next as Record<string, unknown>;
  }
  const last = names[names.length - 1]!;
  const { value, node } = convert(kv.value);
  setOwn(obj, last, value);
  pos.children ??= new Map();
  pos.children.set(last, { ...node, key: start(segs[segs.length - 1]!) });
}

function convert(n: AST.TOMLContentNode): { value: unknown; node: PositionNode } {
  const at = start(n);
  switch (n.type) {
    case 'TOMLArray': {
      const value: unknown[] = [];
      const children = new Map<string, PositionNode>();
      n.elements.forEach((el, i) => {
        const c = convert(el);
        value.push(c.value);
        children.set(String(i), c.node);
      });
      return { value, node: { at, children } };
    }
    case 'TOMLInlineTable': {
      const value: Record<string, unknown> = {};
      const node: PositionNode = { at, children: new Map() };
      for (const kv of n.body) addKeyValue(value, node, kv);
      return { value, node };
    }
    case 'TOMLValue':
      switch (n.kind) {
        case 'offset-date-time':
        case 'local-date-time':
        case 'local-date':
        case 'local-time':
          return { value: n.datetime, node: { at } };
        case 'integer':
          // Beyond 2^53 a number loses digits; a config has no such integers, keep them as numbers like YAML and JSON do.
          return { value: n.value, node: { at } };
        default:
          return { value: n.value, node: { at } };
      }
  }
  return { value: undefined, node: { at } };
}
