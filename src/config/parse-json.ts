import { MAX_NESTING } from './nesting.js';
import { LineIndex, type Position, type PositionNode } from './positions.js';

/** A JSON syntax error, where it is. */
export class JsonSyntaxError extends Error {
  constructor(message: string, readonly at: Position, readonly hint?: string) {
    super(message);
  }
}

/**
 * Strict JSON (RFC 8259: no comments, no trailing commas, no single quotes),
 * keeping where every key and value was written. JSON.parse keeps no
 * positions, and the YAML parser accepts what JSON does not (`["a",]`).
 * Duplicate keys are an error, as in YAML configs: JSON.parse would keep the
 * last one silently. Nesting is limited to MAX_NESTING, so the recursion
 * cannot exhaust the stack.
 */
export function parseJson(text: string): { value: unknown; positions: PositionNode } {
  return new JsonParser(text).parseDocument();
}

const WS = new Set([' ', '\t', '\n', '\r']);
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class JsonParser {
  private i = 0;
  private readonly lines: LineIndex;

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
  }

  parseDocument(): { value: unknown; positions: PositionNode } {
    this.skipWs();
    if (this.i >= this.text.length) throw new JsonSyntaxError('the file holds no JSON value', this.pos(0));
    const { value, node } = this.parseValue(0);
    this.skipWs();
    if (this.i < this.text.length) throw this.unexpected('the end of the file after the top-level value');
    return { value, positions: node };
  }

  private pos(offset = this.i): Position {
    return this.lines.position(offset);
  }

  private skipWs(): void {
    while (this.i < this.text.length && WS.has(this.text[this.i]!)) this.i++;
  }

  private describe(offset: number): string {
    if (offset >= this.text.length) return 'the end of the file';
    const c = this.text[offset]!;
    const code = c.charCodeAt(0);
    return code < 0x20 || code === 0x7f || c === '\ufffd' ? `the character U+${code.toString(16).toUpperCase().padStart(4, '0')}` : JSON.stringify(c);
  }

  private unexpected(expected: string, hint?: string): JsonSyntaxError {
    const c = this.text[this.i];
    if (c === '/' && (this.text[this.i + 1] === '/' || this.text[this.i + 1] === '*')) {
      return new JsonSyntaxError('comments are not allowed in JSON', this.pos(), 'remove the comment, or write the config in YAML');
    }
    if (c === "'") return new JsonSyntaxError('strings in JSON use double quotes, not single quotes', this.pos());
    const at = this.i >= this.text.length ? this.lines.endOfContent() : this.pos();
    return new JsonSyntaxError(`expected ${expected}, found ${this.describe(this.i)}`, at, hint);
  }

  private parseValue(depth: number): { value: unknown; node: PositionNode } {
    if (depth > MAX_NESTING) throw new JsonSyntaxError(`nested more than ${MAX_NESTING} levels deep`, this.pos());
    const at = this.pos();
    const c = this.text[this.i];
    if (c === '{') return this.parseObject(depth, at);
    if (c === '[') return this.parseArray(depth, at);
    if (c === '"') return { value: this.parseString(), node: { at } };
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return { value, node: { at } };
      }
    }
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.text);
    if (m && m[0] !== '-') {
      this.i += m[0].length;
      if (/[\w.+-]/.test(this.text[this.i] ?? '')) throw new JsonSyntaxError(`invalid number ${JSON.stringify(m[0] + this.text[this.i])}`, at);
      return { value: Number(m[0]), node: { at } };
    }
    if (c === ']' || c === '}') {
      throw new JsonSyntaxError(`expected a value, found ${JSON.stringify(c)}`, this.pos(), this.text.slice(0, this.i).trimEnd().endsWith(',') ? 'JSON allows no comma after the last element' : undefined);
    }
    throw this.unexpected('a value (an object, array, string, number, true, false or null)');
  }

  private parseObject(depth: number, at: Position): { value: unknown; node: PositionNode } {
    const value: Record<string, unknown> = {};
    const children = new Map<string, PositionNode>();
    this.i++; // {
    this.skipWs();
    if (this.text[this.i] === '}') {
      this.i++;
      return { value, node: { at, children } };
    }
    for (;;) {
      this.skipWs();
      if (this.text[this.i] !== '"') {
        if (this.text[this.i] === '}') throw new JsonSyntaxError('expected a key, found "}"', this.pos(), 'JSON allows no comma after the last member');
        throw this.unexpected('a key in double quotes');
      }
      const keyAt = this.pos();
      const key = this.parseString();
      if (children.has(key)) throw new JsonSyntaxError(`duplicate key ${JSON.stringify(key)}`, keyAt, 'each key may appear once in an object');
      this.skipWs();
      if (this.text[this.i] !== ':') throw this.unexpected(`":" after the key ${JSON.stringify(key)}`);
      this.i++;
      this.skipWs();
      const member = this.parseValue(depth + 1);
      // defineProperty: a key "__proto__" is data, not the object's prototype.
      Object.defineProperty(value, key, { value: member.value, enumerable: true, writable: true, configurable: true });
      children.set(key, { ...member.node, key: keyAt });
      this.skipWs();
      const c = this.text[this.i];
      this.i++;
      if (c === '}') return { value, node: { at, children } };
      if (c !== ',') {
        this.i--;
        throw this.unexpected('"," or "}" after a value', c === '"' ? 'a comma is missing between two members' : undefined);
      }
    }
  }

  private parseArray(depth: number, at: Position): { value: unknown; node: PositionNode } {
    const value: unknown[] = [];
    const children = new Map<string, PositionNode>();
    this.i++; // [
    this.skipWs();
    if (this.text[this.i] === ']') {
      this.i++;
      return { value, node: { at, children } };
    }
    for (;;) {
      this.skipWs();
      const el = this.parseValue(depth + 1);
      children.set(String(value.length), el.node);
      value.push(el.value);
      this.skipWs();
      const c = this.text[this.i];
      this.i++;
      if (c === ']') return { value, node: { at, children } };
      if (c !== ',') {
        this.i--;
        throw this.unexpected('"," or "]" after an element');
      }
    }
  }

  private parseString(): string {
    const start = this.i;
    this.i++; // "
    let out = '';
    let run = this.i;
    for (;;) {
      if (this.i >= this.text.length) throw new JsonSyntaxError('unterminated string', this.pos(start), 'close it with a double quote on the same line');
      const c = this.text[this.i]!;
      if (c === '"') {
        out += this.text.slice(run, this.i);
        this.i++;
        return out;
      }
      if (c === '\\') {
        out += this.text.slice(run, this.i);
        const e = this.text[this.i + 1];
        if (e === 'u') {
          const hex = this.text.slice(this.i + 2, this.i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError('invalid \\u escape (four hex digits expected)', this.pos());
          out += String.fromCharCode(parseInt(hex, 16));
          this.i += 6;
        } else if (e !== undefined && e in ESCAPES) {
          out += ESCAPES[e];
          this.i += 2;
        } else {
          throw new JsonSyntaxError(`invalid escape ${JSON.stringify('\\' + (e ?? ''))} in a string`, this.pos(), 'write a backslash as \\\\');
        }
        run = this.i;
        continue;
      }
      if (c.charCodeAt(0) < 0x20) {
        throw new JsonSyntaxError(c === '\n' ? 'unterminated string (a string cannot span lines)' : `control character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} in a string`, this.pos(c === '\n' ? start : this.i), c === '\n' ? 'close it with a double quote, or write a line break as \\n' : 'escape it (\\t, \\n, \\u0000)');
      }
      this.i++;
    }
  }
}
